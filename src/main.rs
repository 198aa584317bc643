//! The `resreader` binary: parse the command line, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = resreader::cli::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match resreader::cli::run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        // `resreader list | head` closing the pipe early is not an error.
        Err(e) if resreader::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("resreader: {e:#}");
            ExitCode::from(1)
        }
    }
}
