//! `resreader FILE...` and `resreader read FILE...`: read text files
//! directly, as less, bat and glow do. The files are imported in memory as
//! `import` would (languages detected, the translations of one text side by
//! side); nothing is written to the library unless the user keeps it.

use super::{Cli, UserError, progress::Progress};
use crate::import::{self, ImportOptions, Overrides};
use crate::library::Library;
use anyhow::{Result, bail};
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

/// What to open after the files were read.
pub struct Opened {
    pub id: String,
    /// The languages of the first text, in the order of its files.
    pub columns: Vec<String>,
    /// Files that could not be read or imported, one line each.
    pub problems: Vec<String>,
}

/// Import `paths` in memory and add what they hold to `library`.
pub fn open_files(library: &mut Library, paths: &[PathBuf]) -> Result<Opened> {
    let progress = Progress::start();
    let (files, mut problems) = super::read_sources(paths, &progress);
    for problem in &mut problems {
        problem.push_str(&command_hint(problem));
    }
    progress.set(super::importing(&files));
    let report = import::import(
        &files,
        &ImportOptions {
            lang: None,
            id: None,
            overrides: Overrides::new(),
        },
    );
    drop(progress);
    problems.extend(report.errors.iter().map(|e| e.to_string()));
    let Some(first) = report.resolutions.first() else {
        if problems.is_empty() {
            problems.push("nothing to read in these files".into());
        }
        bail!(UserError(problems.join("\nresreader: ")));
    };
    // What the import decided on its own (a language from a file's name)
    // is said beside the problems, so the reader knows where a label came from.
    problems.extend(report.notes.iter().cloned());
    let opened = Opened {
        id: first.meta.id.clone(),
        columns: first.translations.iter().map(|t| t.lang.clone()).collect(),
        problems,
    };
    for r in report.resolutions {
        library.add_in_memory(r);
    }
    Ok(opened)
}

/// For "lsit: cannot read: No such file…": a command of that name, if one
/// is close (`resreader lsit` was meant as a command, not a file).
fn command_hint(problem: &str) -> String {
    let Some((name, _)) = problem.split_once(": cannot read") else {
        return String::new();
    };
    if name.contains(['/', '.']) || std::path::Path::new(name).exists() {
        return String::new();
    }
    super::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .map(|c| (strsim::jaro_winkler(name, &c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `resreader {c}`?)"))
        .unwrap_or_default()
}

/// Open `paths` in the reader, in `columns` or all the first text's
/// languages side by side. Without a terminal the text is printed instead,
/// as `show` would (so `resreader FILE | less` works, as with bat).
pub fn read_files(
    cli: &Cli,
    mut library: Library,
    paths: &[PathBuf],
    columns: Option<Vec<String>>,
    out: &mut dyn Write,
) -> Result<()> {
    let opened = open_files(&mut library, paths)?;
    let columns = columns.unwrap_or(opened.columns);
    if super::no_terminal().is_some() {
        for p in &opened.problems {
            eprintln!("resreader: {p}");
        }
        return super::show_in(cli, &library, &opened.id, None, Some(&columns), None, out);
    }
    let mut warnings = cli.config_warnings.clone();
    warnings.extend(opened.problems);
    let (render, terminal) = cli.render_options(false);
    crate::tui::run(
        library,
        &cli.settings,
        render,
        terminal,
        &warnings,
        crate::tui::Start {
            id: Some(opened.id),
            columns: Some(columns),
        },
    )
}
