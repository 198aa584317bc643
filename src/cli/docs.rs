//! Help text examples, shell completions and the manual page, all made from
//! the same clap definitions as the parser, so they cannot drift from it.

use super::Cli;
use anyhow::{Context, Result, bail};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// The start of `resreader --help` and of the manual page.
pub const ABOUT: &str = "\
Read resolutions published in several parallel translations.

With no command, resreader opens the reader on its library (where you left
off, if anywhere): a document list, a reading pane that switches translations
keeping your place, translations side by side with matching paragraphs level,
and a finder over the whole library. `?` in the reader lists its keys.";

/// The end of `resreader --help`.
pub const EXAMPLES: &str = "\
Examples:
  resreader                                   open the reader where you left off
  resreader read ID --parallel en,ru          read two translations side by side
  resreader notes.en.txt notes.ru.txt         read files side by side, not imported
  resreader search 'gaza lang:ar'             find a title in any script
  resreader show ID --lang ru | less          print a translation
  resreader export ID --langs en,ru --format tmx > ID.tmx
  resreader import statement.en.txt statement.ru.md
  resreader completions bash > ~/.local/share/bash-completion/completions/resreader

Output: the reader draws on the terminal; the other commands write their
result to standard output, and warnings and errors to standard error.
Exit codes: 0 success, 1 an error, 2 a command-line mistake.";

pub const LIST_EXAMPLES: &str = "\
Examples:
  resreader list
  resreader list --json | jq -r '.[] | select(.langs | index(\"ar\")) | .id'";

pub const SHOW_EXAMPLES: &str = "\
Examples:
  resreader show ID --lang ar --width 72
  resreader show ID --parallel en,ru --width 120 | less";

pub const READ_EXAMPLES: &str = "\
Examples:
  resreader read ID --lang ru
  resreader read ID --parallel en,ru,es
  resreader read statement.en.txt statement.ru.txt   # files, not imported";

pub const SEARCH_EXAMPLES: &str = "\
Examples:
  resreader search 'ceasefire year:2025'
  resreader search --full-text \"'ГАЗА @ru\" --limit 5
  resreader search /kazakhstan --json";

pub const INDEX_EXAMPLES: &str = "\
Examples:
  resreader index
  RESREADER_CACHE=/tmp/resreader-cache resreader index";

pub const CONFIG_EXAMPLES: &str = "\
Examples:
  resreader config
  resreader config --print-default > ~/.config/resreader/config.toml";

pub const DOCTOR_EXAMPLES: &str = "\
Examples:
  resreader doctor
  resreader doctor --save terminal

It shows the same Arabic line in each mode; the one chosen is saved for this
terminal in the config file ([terminals]).";

pub const EXPORT_EXAMPLES: &str = "\
Examples:
  resreader export ID --langs en,ru --format tmx > ID.tmx
  resreader export ID --langs en,ar --format md";

pub const IMPORT_EXAMPLES: &str = "\
Examples:
  resreader import statement.en.txt statement.ru.md
  resreader import --dry-run capture.txt
  resreader import --into ID de.txt
  resreader import --lang fa --id my-id text.txt

Each file's language is detected unless --lang says it; the files of one
call are the translations of one resolution. What was written is printed
to standard output, problems to standard error.";

pub const REMOVE_EXAMPLES: &str = "\
Examples:
  resreader remove my-statement
  resreader remove my-statement --lang de

Only your own resolutions can be removed; the bundled ones are part of the
program (--no-bundled hides them).";

pub const RENAME_EXAMPLES: &str = "\
Examples:
  resreader rename icor-2025-statement icor-2025-10-ceasefire";

pub const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  resreader completions bash > ~/.local/share/bash-completion/completions/resreader
  resreader completions zsh > ~/.zfunc/_resreader    # with fpath+=(~/.zfunc) before compinit
  resreader completions fish > ~/.config/fish/completions/resreader.fish";

pub const MAN_EXAMPLES: &str = "\
Examples:
  resreader man | man -l -
  resreader man --dir ~/.local/share/man/man1        # then: man resreader";

/// Write the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<()> {
    clap_complete::generate(shell, &mut Cli::command(), "resreader", out);
    Ok(())
}

/// One manual page. clap_mangen calls the after-help text "EXTRA"; ours
/// are the examples.
fn page(cmd: clap::Command) -> Result<String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd)
        .source(format!("resreader {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    let roff = String::from_utf8(roff).context("the manual page is not UTF-8")?;
    Ok(roff.replacen(".SH EXTRA\nExamples:\n", ".SH EXAMPLES\n", 1))
}

/// Write the main page, one command's page, or every page into `dir`.
pub fn man(command: Option<&str>, dir: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Building names each command's page (resreader-list) as the main
    // page's list of commands refers to it.
    cmd.build();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        let pages = std::iter::once(cmd.clone()).chain(cmd.get_subcommands().cloned());
        for page_cmd in pages {
            let name = format!("{}.1", page_cmd.get_display_name().unwrap_or("resreader"));
            let path = dir.join(name);
            std::fs::write(&path, page(page_cmd)?)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            writeln!(out, "wrote {}", path.display())?;
        }
        return Ok(());
    }
    let cmd = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => bail!(super::UsageError(format!(
                "`{name}` is not a command (resreader --help lists them)"
            ))),
        },
    };
    out.write_all(page(cmd)?.as_bytes())?;
    Ok(())
}
