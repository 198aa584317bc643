//! The `resreader` binary: parse the command line, run, map errors to exit codes.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = resreader::cli::Cli::parse();
    // Buffered, but not locked: the reader's signal handler must be able to
    // write to the terminal while the main thread waits for input.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let result =
        resreader::cli::run(cli, &mut out).and_then(|()| out.flush().map_err(anyhow::Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `resreader list | head` closing the pipe early is not an error.
        Err(e) if resreader::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        // `search` found nothing: 1, silently, as grep does.
        Err(e) if e.is::<resreader::cli::NoMatches>() => ExitCode::from(1),
        Err(e) => {
            let message = format!("{e:#}");
            eprintln!(
                "resreader: {}",
                resreader::text::sanitize::sanitize_lines(&message)
            );
            ExitCode::from(resreader::cli::exit_code(&e))
        }
    }
}
