//! The command line: argument definitions and one function per command.
//! This is the only layer that prints; library errors get their context here.

use crate::export;
use crate::import::{self, ImportOptions, Overrides, SourceFile};
use crate::library::{
    self, Entry, Library, LibraryOptions, Origin, Resolution, ResolutionMeta, Translation,
};
use crate::render::{self, RenderOptions};
use crate::term::{BidiChoice, Decision, Output, TerminalBidi};
use crate::text::LaidLine;
use crate::text::sanitize::{TerminalSafe, sanitize_lines, sanitize_str, to_safe_json};
use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

mod docs;
mod manage;
mod open;
mod progress;

/// Where the global options are listed in every command's help.
const GLOBAL: &str = "Global options";

/// Read resolutions published in several parallel translations.
#[derive(Debug, Parser)]
#[command(
    name = "resreader",
    version,
    propagate_version = true,
    about,
    long_about = docs::ABOUT,
    after_help = docs::EXAMPLES
)]
pub struct Cli {
    /// The user library folder [default: $RESREADER_LIBRARY, else the platform data folder]
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub library: Option<PathBuf>,
    /// Hide the bundled resolutions
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_bundled: bool,
    /// Who puts right-to-left text in visual order [default: auto, from the
    /// terminal; logical text when the output is not a terminal]
    #[arg(long, global = true, value_enum, help_heading = GLOBAL)]
    pub bidi: Option<BidiChoice>,
    /// Do not join Arabic letters into their contextual forms
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_shaping: bool,
    /// The config file; it must exist [default: the platform config folder's
    /// resreader/config.toml, used when there]
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,
    /// Text files to read directly, side by side when they are translations
    /// of one text (read into memory; nothing is added to the library)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The settings read from the config file (not an argument).
    #[arg(skip)]
    pub settings: crate::config::Config,
    /// What was wrong in the config file, one line each.
    #[arg(skip)]
    pub config_warnings: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List resolutions: id, date, organisation, languages, title (to standard output)
    #[command(after_help = docs::LIST_EXAMPLES)]
    List {
        /// Print a JSON array instead
        #[arg(long)]
        json: bool,
    },
    /// Print one translation, or several side by side (to standard output)
    #[command(after_help = docs::SHOW_EXAMPLES)]
    Show {
        /// The resolution's id (see `resreader list`)
        id: String,
        /// The language to show [default: English if present, else the first]
        #[arg(long, conflicts_with = "parallel")]
        lang: Option<String>,
        /// Languages to show side by side, comma-separated (en,ru)
        #[arg(long, value_delimiter = ',')]
        parallel: Option<Vec<String>>,
        /// Total width in columns [default: the terminal's, else 80]
        #[arg(long)]
        width: Option<usize>,
    },
    /// Open the reader on one resolution (needs a terminal)
    #[command(after_help = docs::READ_EXAMPLES)]
    Read {
        /// A resolution's id (see `resreader list`), or text files to read
        /// without importing them
        #[arg(required = true, value_name = "ID|FILE")]
        targets: Vec<String>,
        /// The language to read
        #[arg(long, conflicts_with = "parallel")]
        lang: Option<String>,
        /// Languages side by side, comma-separated (en,ru)
        #[arg(long, value_delimiter = ',')]
        parallel: Option<Vec<String>>,
    },
    /// Find resolutions or paragraphs; prints score, id, language and title or
    /// paragraph, best first (to standard output)
    #[command(after_help = docs::SEARCH_EXAMPLES)]
    Search {
        /// The query, fzf's syntax: words that must all match, 'exact ^prefix
        /// suffix$ !not, and the filters lang:ar (or @ar), org:icor, year:2025;
        /// a leading / means full text
        query: String,
        /// Search the paragraphs of every translation, not the titles
        #[arg(long)]
        full_text: bool,
        /// Print a JSON array instead
        #[arg(long)]
        json: bool,
        /// At most this many results [default: all]
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Build the full-text index and keep it in the cache folder, so that
    /// `search --full-text` answers from it (the reader builds it by itself)
    #[command(after_help = docs::INDEX_EXAMPLES)]
    Index,
    /// Show where the config and state files are, and any problem in the
    /// config (exits with 1 if there is one)
    #[command(after_help = docs::CONFIG_EXAMPLES)]
    Config {
        /// Print a fully commented default config instead
        #[arg(long)]
        print_default: bool,
    },
    /// Check how Arabic reads in this terminal, and pick the mode that reads right
    #[command(after_help = docs::DOCTOR_EXAMPLES)]
    Doctor {
        /// Save this mode for this terminal without asking
        #[arg(long, value_name = "MODE", value_parser = doctor_modes())]
        save: Option<String>,
    },
    /// Export aligned translations as JSON, TMX or Markdown (to standard output)
    #[command(after_help = docs::EXPORT_EXAMPLES)]
    Export {
        /// The resolution's id (see `resreader list`)
        id: String,
        /// Languages, comma-separated; the first is the pivot of the alignment
        #[arg(long, value_delimiter = ',', required = true, value_name = "L1,L2")]
        langs: Vec<String>,
        /// What to write
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Import documents (text, markdown, PDF extracts, web captures) into the
    /// user library
    #[command(after_help = docs::IMPORT_EXAMPLES)]
    Import {
        /// Files holding the translations of one resolution (- reads standard input)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Add the translations to this existing resolution
        #[arg(long, value_name = "ID")]
        into: Option<String>,
        /// The language of the files, instead of detecting it
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// The id of the new resolution
        #[arg(long, conflicts_with = "into")]
        id: Option<String>,
        /// Print what would be created and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove a resolution, or one of its translations, from the user library
    #[command(after_help = docs::REMOVE_EXAMPLES)]
    Remove {
        /// The resolution's id (see `resreader list`)
        id: String,
        /// Remove only this translation
        #[arg(long, value_name = "L")]
        lang: Option<String>,
    },
    /// Give a resolution of the user library another id (the place reached
    /// and bookmarks follow)
    #[command(after_help = docs::RENAME_EXAMPLES)]
    Rename {
        /// The resolution's id (see `resreader list`)
        id: String,
        /// Its new id: lower-case letters, digits and dashes
        new_id: String,
    },
    /// Print a shell completion script (to standard output)
    #[command(after_help = docs::COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff (to standard output), or write every
    /// command's page to a folder
    #[command(after_help = docs::MAN_EXAMPLES)]
    Man {
        /// A command's own page (resreader-COMMAND(1)) instead of the main one
        command: Option<String>,
        /// Write resreader.1 and a page per command into this folder instead
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
}

/// The modes `doctor --save` takes, each described in the help.
fn doctor_modes() -> clap::builder::PossibleValuesParser {
    use clap::builder::PossibleValue;
    clap::builder::PossibleValuesParser::new([
        PossibleValue::new("app").help("resreader reorders and joins Arabic letters"),
        PossibleValue::new("terminal").help("the terminal reorders and joins them"),
        PossibleValue::new("off").help("nobody reorders"),
    ])
}

/// The export formats: one type for the command line and the reader.
pub use crate::export::Format as ExportFormat;

/// An error the user caused, reported without a backtrace of contexts.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

/// A command-line mistake clap cannot see (such as `--config` naming no
/// file): exit code 2, like clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code for an error: 2 for a command-line mistake, else 1.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// Why the reader cannot run here, in words (crossterm would say "No such
/// device or address"): it draws on standard output and reads keys from
/// the terminal (standard input, else /dev/tty).
fn no_terminal() -> Option<&'static str> {
    if !std::io::stdout().is_terminal() {
        return Some("the reader needs a terminal, and standard output is not one");
    }
    if !std::io::stdin().is_terminal() && std::fs::File::open("/dev/tty").is_err() {
        return Some("the reader needs a terminal to read keys from, and there is none");
    }
    None
}

impl Cli {
    fn library_options(&self) -> LibraryOptions {
        LibraryOptions {
            user_dir: self.library.clone().or_else(library::default_user_dir),
            bundled: !self.no_bundled,
        }
    }

    /// Who reorders right-to-left text written to `output`, and why: the
    /// command line over the config file over the terminal's identity.
    pub fn bidi_decision(&self, output: Output) -> Decision {
        use crate::term::identify::{self, Kind};
        let mut identity = identify::from_env();
        let chosen = self.bidi.and_then(BidiChoice::mode).is_some()
            || self.settings.bidi != BidiChoice::Auto;
        // The environment said nothing (over ssh it stays behind): ask the
        // terminal itself, when the answer can matter.
        if identity.kind == Kind::Unknown
            && !chosen
            && output != Output::NotATerminal
            && std::io::stdin().is_terminal()
            && std::io::stdout().is_terminal()
            && let Some(answered) = crate::term::query::ask(std::time::Duration::from_millis(300))
        {
            identity = answered;
        }
        crate::term::decide(
            self.bidi,
            self.settings.bidi,
            &self.settings.terminals,
            identity,
            output,
        )
    }

    /// Where stdout goes: the reader's screen, or printed text (`inline`).
    fn stdout_output(inline: bool) -> Output {
        match (std::io::stdout().is_terminal(), inline) {
            (false, _) => Output::NotATerminal,
            (true, false) => Output::Screen,
            (true, true) => Output::Inline,
        }
    }

    /// Bidi and shaping for text written to stdout, and what the terminal
    /// is asked to do while it is written.
    fn render_options(&self, inline: bool) -> (RenderOptions, TerminalBidi) {
        let decision = self.bidi_decision(Cli::stdout_output(inline));
        let options = RenderOptions {
            bidi: decision.mode,
            shaping: self.settings.shaping && !self.no_shaping,
        };
        (options, decision.terminal)
    }

    fn preferred_langs(&self) -> Vec<String> {
        self.settings.languages.clone()
    }

    fn config_path(&self) -> Option<PathBuf> {
        self.config.clone().or_else(crate::config::default_path)
    }

    /// Read the config file; its problems are kept to be reported. A file
    /// named with `--config` must be there (except for `doctor`, which
    /// writes its choice into it); the default one may be missing.
    fn load_config(&mut self) -> Result<()> {
        let creates = matches!(self.command, Some(Command::Doctor { .. }));
        if let Some(path) = &self.config
            && !path.exists()
            && !creates
        {
            bail!(UsageError(format!(
                "--config {}: no such file (`resreader config --print-default > FILE` writes one)",
                path.display()
            )));
        }
        if let Some(path) = self.config_path() {
            let (settings, warnings) = crate::config::load(&path);
            self.settings = settings;
            self.config_warnings = warnings;
        }
        Ok(())
    }
}

/// Run a parsed command line, writing to `out`.
pub fn run(mut cli: Cli, out: &mut dyn Write) -> Result<()> {
    if !cli.files.is_empty() && cli.command.is_some() {
        bail!(UsageError(
            "files to read and a command cannot be given together (resreader read FILE... reads files)"
                .into()
        ));
    }
    match &cli.command {
        Some(Command::Completions { shell }) => return docs::completions(*shell, out),
        Some(Command::Man { command, dir }) => {
            return docs::man(command.as_deref(), dir.as_deref(), out);
        }
        _ => {}
    }
    // Every other command's output passes the terminal sanitiser; only the
    // sequences resreader itself sends (bidi mode around `show`, `doctor`)
    // go to `out` directly. The reader draws through its own, cell by cell.
    let raw = out;
    let out = &mut TerminalSafe::new(&mut *raw);
    cli.load_config()?;
    let interactive = matches!(cli.command, None | Some(Command::Read { .. }));
    let config_report = matches!(cli.command, Some(Command::Config { .. }));
    if !interactive && !config_report {
        // The reader shows these in its status line, `config` in its report.
        for warning in &cli.config_warnings {
            say(format!("warning: {warning}"));
        }
    }
    match &cli.command {
        None => {
            let library = Library::load(&cli.library_options());
            if !cli.files.is_empty() {
                return open::read_files(&cli, library, &cli.files, None, out);
            }
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                writeln!(
                    out,
                    "resreader {}: {} resolutions in the library.",
                    env!("CARGO_PKG_VERSION"),
                    library.entries.len()
                )?;
                writeln!(out, "The reader needs a terminal. Without one, try:")?;
                writeln!(out, "  resreader list                 list the library")?;
                writeln!(out, "  resreader show ID [--lang L]   print a resolution")?;
                writeln!(out, "  resreader --help               every command")?;
                return Ok(());
            }
            let (render, terminal) = cli.render_options(false);
            crate::tui::run(
                library,
                &cli.settings,
                render,
                terminal,
                &cli.config_warnings,
                crate::tui::Start::default(),
            )
        }
        Some(Command::Read {
            targets,
            lang,
            parallel,
        }) => {
            let library = Library::load(&cli.library_options());
            let id = match targets.as_slice() {
                [one] if library.get(one).is_ok() => one,
                [one] if !std::path::Path::new(one).exists() => bail!(UserError(format!(
                    "`{one}`: no resolution with this id (see `resreader list`), and no such file"
                ))),
                _ => {
                    let columns = parallel.clone().or_else(|| lang.clone().map(|l| vec![l]));
                    let paths: Vec<PathBuf> = targets.iter().map(PathBuf::from).collect();
                    return open::read_files(&cli, library, &paths, columns, out);
                }
            };
            if let Some(why) = no_terminal() {
                bail!(UserError(format!(
                    "{why}; to print the resolution, use `resreader show {id}`"
                )));
            }
            let columns = parallel.clone().or_else(|| lang.clone().map(|l| vec![l]));
            let (render, terminal) = cli.render_options(false);
            crate::tui::run(
                library,
                &cli.settings,
                render,
                terminal,
                &cli.config_warnings,
                crate::tui::Start {
                    id: Some(id.to_string()),
                    columns,
                },
            )
        }
        Some(Command::List { json }) => list(&cli, *json, out),
        Some(Command::Config { print_default }) => {
            if *print_default {
                out.write_all(crate::config::default_text().as_bytes())?;
            } else {
                let path = cli
                    .config_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "(none)".into());
                let state = if cli.config_path().is_some_and(|p| p.exists()) {
                    ""
                } else {
                    " (not there: the defaults apply)"
                };
                writeln!(out, "config file: {path}{state}")?;
                writeln!(
                    out,
                    "state file: {}",
                    crate::state::default_path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| "(none)".into())
                )?;
                let library = cli.library_options().user_dir;
                writeln!(
                    out,
                    "library folder: {}",
                    library
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| "(none)".into())
                )?;
                for warning in &cli.config_warnings {
                    writeln!(out, "warning: {warning}")?;
                }
                for problem in Library::load(&cli.library_options()).problems {
                    writeln!(out, "warning: {problem}")?;
                }
                if !cli.config_warnings.is_empty() {
                    bail!(UserError(format!(
                        "{} problem(s) in the config file; see above",
                        cli.config_warnings.len()
                    )));
                }
            }
            Ok(())
        }
        Some(Command::Index) => build_index(&cli, out),
        Some(Command::Search {
            query,
            full_text,
            json,
            limit,
        }) => presented(&cli, out.raw(), |out| {
            search(&cli, query, *full_text, *json, *limit, out)
        }),
        Some(Command::Show {
            id,
            lang,
            parallel,
            width,
        }) => in_terminal_mode(cli.render_options(true).1, out.raw(), |out| {
            show(&cli, id, lang.as_deref(), parallel.as_deref(), *width, out)
        }),
        Some(Command::Export { id, langs, format }) => presented(&cli, out.raw(), |out| {
            let library = load_reporting(&cli.library_options());
            let resolution = resolution_for(&library, id, langs)?;
            // Every language of the resolution: the others bridge.
            let lexicons = library::Lexicons::learn(&library.entries, &resolution.meta.langs());
            let aligned = export::aligned(&resolution, langs, &lexicons)?;
            let text = format.render(&aligned);
            out.write_all(text.as_bytes())?;
            Ok(())
        }),
        // doctor switches the terminal's bidi mode around its sample lines.
        Some(Command::Doctor { save }) => doctor(&cli, save.as_deref(), out.raw()),
        Some(Command::Import {
            files,
            into,
            lang,
            id,
            dry_run,
        }) => import_command(
            &cli,
            files,
            into.as_deref(),
            lang.clone(),
            id.clone(),
            *dry_run,
            out,
        ),
        Some(Command::Remove { id, lang }) => manage::remove(&cli, id, lang.as_deref(), out),
        Some(Command::Rename { id, new_id }) => manage::rename(&cli, id, new_id, out),
        Some(Command::Completions { .. } | Command::Man { .. }) => Ok(()),
    }
}

/// Run `print` with the terminal's bidi set for text laid out in the
/// options' mode when stdout is a terminal: explicit mode before the first
/// character, implicit mode again after the last, also when printing failed.
fn in_terminal_mode(
    bidi: TerminalBidi,
    out: &mut dyn Write,
    print: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    use crate::term::sequences;
    out.write_all(sequences::begin_inline(bidi).as_bytes())?;
    // The printed text is sanitised; the sequences around it are ours.
    let result = print(&mut TerminalSafe::new(&mut *out));
    let end = out.write_all(sequences::end_inline(bidi).as_bytes());
    result.and(end.map_err(anyhow::Error::from))
}

/// Run `print`, whose text is not laid out by the engine, so that it reads
/// right where it goes: in a terminal where resreader reorders, each line
/// with right-to-left text in visual order, inside explicit mode; to a pipe
/// or file, unchanged logical text.
fn presented(
    cli: &Cli,
    out: &mut dyn Write,
    print: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let (options, terminal) = cli.render_options(true);
    if Cli::stdout_output(true) == Output::NotATerminal
        || options.bidi != crate::text::BidiMode::App
    {
        return in_terminal_mode(terminal, out, print);
    }
    in_terminal_mode(terminal, out, |out| {
        let mut presenting = crate::term::present::Presenting::new(out, options);
        print(&mut presenting)?;
        presenting.flush()?;
        Ok(())
    })
}

/// `resreader doctor`: the report, then the user's pick (or `--save`),
/// saved in the config for this terminal.
fn doctor(cli: &Cli, save: Option<&str>, out: &mut dyn Write) -> Result<()> {
    use crate::doctor;
    let to_terminal = Cli::stdout_output(true) == Output::Inline;
    // As the reader would decide: for the terminal, whatever stdout is.
    let decision = cli.bidi_decision(Output::Screen);
    let config = cli.config_path();
    let shaping = cli.settings.shaping && !cli.no_shaping;
    doctor::report(&decision, shaping, config.as_deref(), to_terminal, out)?;
    let choice = match save {
        Some(name) => doctor::parse_answer(name),
        None if to_terminal && std::io::stdin().is_terminal() => {
            write!(
                out,
                "Which line reads right? 1, 2 or 3 (Enter leaves things as they are): "
            )?;
            out.flush()?;
            let mut answer = String::new();
            std::io::stdin().read_line(&mut answer)?;
            doctor::parse_answer(&answer)
        }
        None => None,
    };
    let Some(mode) = choice else {
        return Ok(());
    };
    let Some(path) = config else {
        bail!(UserError(
            "no config file to save to: give one with --config FILE".into()
        ));
    };
    let key = decision.identity.key();
    doctor::save_choice(&path, &key, mode)?;
    writeln!(
        out,
        "saved: [terminals] {key} = \"{}\" in {}",
        crate::term::mode_name(mode),
        path.display()
    )?;
    if cli.bidi.and_then(BidiChoice::mode).is_some() || cli.settings.bidi != BidiChoice::Auto {
        writeln!(
            out,
            "note: --bidi or bidi = … in the config still decides while it is set"
        )?;
    }
    Ok(())
}

fn list(cli: &Cli, json: bool, out: &mut dyn Write) -> Result<()> {
    let library = load_reporting(&cli.library_options());
    if json {
        let items: Vec<serde_json::Value> = library.entries.iter().map(entry_json).collect();
        writeln!(out, "{}", to_safe_json(&items)?)?;
        return Ok(());
    }
    let preferred = cli.preferred_langs();
    for e in &library.entries {
        let date = e
            .meta
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into());
        let org = e.meta.organization.as_deref().unwrap_or("—");
        let (_, title) = e.meta.title_for(&preferred);
        let title = match &e.problem {
            Some(p) => format!("(broken: {p})"),
            None if e.meta.excerpt() => format!("{title} (excerpt)"),
            None => title.to_string(),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            sanitize_str(&e.meta.id),
            date,
            sanitize_str(org),
            e.meta.langs().join(","),
            sanitize_str(&title)
        )?;
    }
    Ok(())
}

/// `resreader index`: build the full-text index and write it to the cache.
fn build_index(cli: &Cli, out: &mut dyn Write) -> Result<()> {
    let library = load_reporting(&cli.library_options());
    let dir = crate::search::cache::cache_dir()
        .ok_or_else(|| anyhow::anyhow!("no cache folder (set RESREADER_CACHE to one)"))?;
    let index = crate::search::cache::full_text(&library, Some(&dir));
    let path = crate::search::cache::path_of(&library, &dir);
    if crate::search::cache::current(&library, &dir).is_none() {
        anyhow::bail!("{}: cannot write the index there", path.display());
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    writeln!(
        out,
        "{}\t{} paragraphs\t{:.1} MB",
        sanitize_str(&path.display().to_string()),
        index.len(),
        size as f64 / 1e6
    )?;
    Ok(())
}

fn search(
    cli: &Cli,
    raw: &str,
    full_text: bool,
    json: bool,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::search::{Index, query::Query, search};
    let library = load_reporting(&cli.library_options());
    let query = Query::parse(raw);
    let full_text = full_text || query.full_text;
    // Full text: a current index on disk answers at once; without one the
    // library is read and matched as it goes, like grep. Building and
    // writing an index (300 MB for 100 MB of text) is left to the reader
    // and to `resreader index`.
    let current = full_text
        .then(crate::search::cache::cache_dir)
        .flatten()
        .and_then(|dir| crate::search::cache::current(&library, &dir));
    let (index, hits) = match current {
        Some(index) => {
            let hits = search(&index, &query, None);
            (index, hits)
        }
        None if full_text => crate::search::stream::search_library(&library, &query),
        None => {
            let index = Index::titles(&library);
            let hits = search(&index, &query, None);
            (index, hits)
        }
    };
    let hits = &hits[..hits.len().min(limit.unwrap_or(usize::MAX))];
    if json {
        let items: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let Some(e) = index.entry(h.entry) else {
                    return serde_json::Value::Null;
                };
                let mut v = serde_json::json!({ "id": e.id, "lang": e.lang, "title": e.title, "score": h.score });
                if full_text {
                    v["block"] = serde_json::json!(e.block);
                    v["text"] = serde_json::json!(e.text);
                }
                v
            })
            .collect();
        writeln!(out, "{}", to_safe_json(&items)?)?;
        return if hits.is_empty() {
            Err(NoMatches.into())
        } else {
            Ok(())
        };
    }
    let highlighter = crate::search::Highlighter::new(&query);
    let line = |h: &crate::search::Hit| -> String {
        let Some(e) = index.entry(h.entry) else {
            return String::new();
        };
        let shown = if full_text {
            crate::text::snippet(e.text, &highlighter.ranges(&index, h), 70).0
        } else {
            e.title.to_string()
        };
        let block = e.block.map(|b| format!(" ¶{}", b + 1)).unwrap_or_default();
        format!(
            "{}\t{}\t{}{block}\t{}\n",
            h.score,
            sanitize_str(e.id),
            e.lang,
            sanitize_str(&shown)
        )
    };
    // Finding each hit's words for its context is the costly part of
    // printing many hits: lines are made on every core, then written in order.
    let chunk = hits.len().div_ceil(crate::parallel::cores());
    let parts = crate::parallel::map_chunks(hits, chunk, |part| {
        part.iter().map(line).collect::<String>()
    });
    for part in parts {
        out.write_all(part.as_bytes())?;
    }
    if hits.is_empty() {
        return Err(NoMatches.into());
    }
    Ok(())
}

fn entry_json(e: &Entry) -> serde_json::Value {
    let titles: serde_json::Map<String, serde_json::Value> = e
        .meta
        .translations
        .iter()
        .map(|(l, t)| (l.clone(), serde_json::Value::String(t.title.clone())))
        .collect();
    let mut v = serde_json::json!({
        "id": e.meta.id,
        "date": e.meta.date.map(|d| d.to_string()),
        "organization": e.meta.organization,
        "kind": e.meta.kind,
        "source": e.meta.source,
        "langs": e.meta.langs(),
        "titles": titles,
        "excerpt": e.meta.excerpt(),
        "bundled": e.origin == Origin::Bundled,
    });
    if let Some(p) = &e.problem {
        v["error"] = serde_json::Value::String(p.clone());
    }
    v
}

fn terminal_width() -> usize {
    crossterm::terminal::size()
        .map(|(w, _)| w as usize)
        .ok()
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

fn write_line(out: &mut dyn Write, line: &LaidLine) -> std::io::Result<()> {
    writeln!(out, "{}", line.to_plain().trim_end())
}

fn show(
    cli: &Cli,
    id: &str,
    lang: Option<&str>,
    parallel: Option<&[String]>,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    let library = load_reporting(&cli.library_options());
    show_in(cli, &library, id, lang, parallel, width, out)
}

/// `show` on a loaded library (also files opened without a terminal).
fn show_in(
    cli: &Cli,
    library: &Library,
    id: &str,
    lang: Option<&str>,
    parallel: Option<&[String]>,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    let entry = library.get(id)?;
    let width = width.unwrap_or_else(terminal_width).max(1);
    let (options, _) = cli.render_options(true);
    let langs: Vec<String> = match (lang, parallel) {
        (_, Some(p)) => p.to_vec(),
        (Some(l), None) => vec![l.to_string()],
        (None, None) => vec![entry.meta.title_for(&cli.preferred_langs()).0.to_string()],
    };
    let translations = langs
        .iter()
        .map(|l| library.translation(entry, l))
        .collect::<Result<Vec<_>, _>>()?;
    let meta = &entry.meta;
    let about = [
        meta.organization.clone(),
        meta.date.map(|d| d.to_string()),
        Some(meta.kind.clone()),
        Some(langs.join(" | ")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");

    if translations.len() == 1 {
        let t = &translations[0];
        let heading = library::Block::Heading {
            level: 1,
            text: t.meta.title.clone(),
        };
        for line in render::block_lines(&heading, &t.lang, width, options) {
            write_line(out, &line)?;
        }
        writeln!(out, "{}", sanitize_str(&about))?;
        writeln!(out)?;
        for line in render::single(t, width, options) {
            write_line(out, &line)?;
        }
        return Ok(());
    }
    let gap = " │ ";
    let columns = translations.len();
    // Columns share the width; each gap " │ " takes three cells.
    let column = (width.saturating_sub(3 * (columns - 1)) / columns).max(1);
    writeln!(out, "{}", sanitize_str(&about))?;
    let refs: Vec<&library::Translation> = translations.iter().collect();
    let titles: Vec<Vec<LaidLine>> = translations
        .iter()
        .map(|t| {
            render::block_lines(
                &library::Block::Heading {
                    level: 1,
                    text: t.meta.title.clone(),
                },
                &t.lang,
                column,
                options,
            )
        })
        .collect();
    // The resolution's other translations help pair these.
    let others: Vec<library::Translation> = meta
        .langs()
        .into_iter()
        .filter(|l| !langs.contains(l))
        .filter_map(|l| readable_other(library, entry, &l))
        .collect();
    let other_refs: Vec<&library::Translation> = others.iter().collect();
    // What the library's texts in these languages teach the aligner.
    let lexicons = library::Lexicons::learn(&library.entries, &meta.langs());
    // A row whose pairing the aligner doubts has a dashed rule: worth a
    // second look.
    let rows = std::iter::once((titles, false)).chain(render::parallel_marked(
        &refs,
        &other_refs,
        &lexicons.known(&langs, &other_refs),
        column,
        options,
    ));
    for (r, (row, doubtful)) in rows.enumerate() {
        let gap = if doubtful { " ┆ " } else { gap };
        if r > 0 {
            writeln!(
                out,
                "{}",
                vec![" ".repeat(column); columns].join(gap).trim_end()
            )?;
        }
        let height = row.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..height {
            let cells: Vec<String> = row
                .iter()
                .map(|col| {
                    let line = col.get(i).cloned().unwrap_or_else(render::blank);
                    let text = line.to_plain();
                    let used = line.indent + line.width;
                    format!("{text}{}", " ".repeat(column.saturating_sub(used)))
                })
                .collect();
            writeln!(out, "{}", cells.join(gap).trim_end())?;
        }
    }
    Ok(())
}

/// Read the files to import, each within the size limit. A file that
/// cannot be read is a message naming it, and the others are still read.
fn read_sources(
    paths: &[PathBuf],
    progress: &progress::Progress,
) -> (Vec<SourceFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        progress.set(format!(
            "reading {} ({}/{})…",
            sanitize_str(&path.display().to_string()),
            i + 1,
            paths.len()
        ));
        if let Some(url) = path.to_str().filter(|p| import::formats::url::is_url(p)) {
            match import::formats::url::fetch(url, &Default::default()) {
                Ok(bytes) => files.push(SourceFile {
                    name: url.to_string(),
                    bytes,
                }),
                Err(e) => problems.push(format!("{url}: {e}")),
            }
            continue;
        }
        // Standard input, a regular file or a FIFO, up to the limit
        // whatever size it claims; devices and sockets are refused.
        let (name, read) = if path.as_os_str() == "-" {
            (
                "standard input".to_string(),
                crate::fsio::read_stdin(library::MAX_TEXT_BYTES),
            )
        } else {
            (
                path.display().to_string(),
                crate::fsio::read_input(path, library::MAX_TEXT_BYTES),
            )
        };
        match read {
            Ok(bytes) => files.push(SourceFile { name, bytes }),
            Err(crate::fsio::ReadError::TooLarge { size, limit }) => {
                let size = size.map_or("more".into(), |s| format!("{} MB", s / 1024 / 1024));
                problems.push(format!(
                    "{name}: too large to import ({size}; the limit is {} MB): split it into its translations",
                    limit / 1024 / 1024
                ));
            }
            Err(e) => problems.push(format!("{name}: cannot read: {e}")),
        }
    }
    (files, problems)
}

/// The progress line while files are imported.
fn importing(files: &[SourceFile]) -> String {
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    format!(
        "importing {} file{} ({:.1} MB)…",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        bytes as f64 / 1e6
    )
}

fn import_command(
    cli: &Cli,
    paths: &[PathBuf],
    into: Option<&str>,
    lang: Option<String>,
    id: Option<String>,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let library_options = cli.library_options();
    let Some(user_dir) = library_options.user_dir.clone() else {
        bail!(UserError(
            "no user library folder: give one with --library DIR".into()
        ));
    };
    // What can be checked without the input is checked first: reading
    // standard input may take a while, and is lost after.
    if let Some(id) = &id
        && !import::valid_id(id)
    {
        bail!(UserError(
            import::ImportError::BadId(id.clone()).to_string()
        ));
    }
    if let Some(l) = &lang
        && !crate::lang::is_known_code(l)
    {
        bail!(UserError(
            import::ImportError::BadLanguage(l.clone()).to_string()
        ));
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!(UserError(
            "standard input (-) can be named only once".into()
        ));
    }
    let progress = progress::Progress::start();
    let (files, problems) = read_sources(paths, &progress);
    let options = ImportOptions {
        lang,
        id,
        overrides: Overrides::new(),
    };
    progress.set(importing(&files));
    let report = import::import(&files, &options);
    drop(progress);
    for p in &problems {
        say(p);
    }
    let mut failed = problems.len();
    for e in &report.errors {
        say(e);
    }
    failed += report.errors.len();
    for note in &report.notes {
        say(note);
    }
    let resolutions = report.resolutions;
    let resolutions_empty = resolutions.is_empty();
    let preferred = cli.preferred_langs();
    // The library is read and written under its lock, so that another
    // import at the same time cannot lose this one's translations.
    let write = || -> Result<usize> {
        let library = load_reporting(&library_options);
        let (plan, problems) = plan_import(&library, resolutions, into)?;
        for (meta, translations, new) in &plan {
            let langs = translations
                .iter()
                .map(|t| t.lang.as_str())
                .collect::<Vec<_>>()
                .join(",");
            let (_, title) = meta.title_for(&preferred);
            let title = sanitize_str(title);
            if dry_run {
                writeln!(
                    out,
                    "would write {} [{langs}] {title}",
                    user_dir.join(&meta.id).display(),
                )?;
                out.write_all(library::write_meta(meta).as_bytes())?;
                for t in translations {
                    writeln!(
                        out,
                        "  {}: {} blocks, {} signatories",
                        t.lang,
                        t.blocks.len(),
                        t.signatories()
                    )?;
                }
                continue;
            }
            let dir = if *new {
                library::store::create(&user_dir, meta, translations)?
            } else {
                library::store::add(&user_dir, meta, translations)?
            };
            writeln!(out, "wrote {} [{langs}] {title}", dir.display())?;
        }
        Ok(problems)
    };
    // Nothing to write: no lock, so no library folder made for nothing.
    let nothing = resolutions_empty;
    failed += if dry_run || nothing {
        write()?
    } else {
        library::store::with_lock(&user_dir, write)?
    };
    if failed > 0 {
        bail!(UserError(format!(
            "{failed} problem(s); see the messages above"
        )));
    }
    Ok(())
}

/// What an import writes: each resolution's metadata, the translations to
/// write, and whether it is new (else they are added to the one in the
/// user library); and how many problems were reported.
type ImportPlan = (Vec<(ResolutionMeta, Vec<Translation>, bool)>, usize);

/// Decide what to write for imported `resolutions`, new or added `into` a
/// resolution, telling the user what is refused.
fn plan_import(
    library: &Library,
    resolutions: Vec<Resolution>,
    into: Option<&str>,
) -> Result<ImportPlan> {
    let mut plan = Vec::new();
    let mut failed = 0;
    let Some(target) = into else {
        for r in resolutions {
            if library.get(&r.meta.id).is_ok() {
                say(format!(
                    "`{}` is already in the library; add translations with --into {0} or choose another --id",
                    r.meta.id
                ));
                failed += 1;
                continue;
            }
            plan.push((r.meta, r.translations, true));
        }
        return Ok((plan, failed));
    };
    let entry = library.get(target)?;
    if let Some(problem) = &entry.problem {
        bail!(UserError(problem.clone()));
    }
    let mut meta = entry.meta.clone();
    let mut added: Vec<Translation> = Vec::new();
    for t in resolutions.into_iter().flat_map(|r| r.translations) {
        // A language listed without its file (left so by an older
        // resreader) can be imported again.
        let has_file = match &entry.origin {
            Origin::User(dir) => dir.join(format!("{}.md", t.lang)).is_file(),
            Origin::Bundled | Origin::Memory(_) => true,
        };
        if meta.translations.contains_key(&t.lang) && has_file {
            say(format!(
                "`{target}` already has a `{}` translation; not replaced",
                t.lang
            ));
            failed += 1;
            continue;
        }
        meta.translations.insert(t.lang.clone(), t.meta.clone());
        added.push(t);
    }
    if added.is_empty() {
        return Ok((plan, failed));
    }
    match entry.origin {
        Origin::User(_) => plan.push((meta, added, false)),
        // A bundled (or opened) resolution gets a copy in the user
        // library, which replaces it there.
        Origin::Bundled | Origin::Memory(_) => {
            let mut all = library::read_resolution(entry)?.translations;
            all.extend(added);
            all.sort_by(|a, b| a.lang.cmp(&b.lang));
            plan.push((meta, all, true));
        }
    }
    Ok((plan, failed))
}

/// Another translation of a resolution, which only helps align the ones
/// asked for: one that cannot be read is left out, with a warning.
fn readable_other(
    library: &Library,
    entry: &library::Entry,
    lang: &str,
) -> Option<library::Translation> {
    library
        .translation(entry, lang)
        .map_err(|e| say(format!("warning: {e} (left out of the alignment)")))
        .ok()
}

/// The resolution `id` with its translations in `langs` (each must be
/// readable) and whichever others can be read.
fn resolution_for(library: &Library, id: &str, langs: &[String]) -> Result<library::Resolution> {
    let (resolution, left_out) = library::read_resolution_leaving_out(library.get(id)?, langs)?;
    for e in left_out {
        say(format!("warning: {e} (left out of the alignment)"));
    }
    Ok(resolution)
}

/// Tell the user something on standard error, made safe for a terminal
/// (messages name files, and file names can hold escape sequences).
pub fn say(message: impl std::fmt::Display) {
    eprintln!("resreader: {}", sanitize_lines(&message.to_string()));
}

/// `search` found nothing: exit status 1 with no message, as grep, ripgrep
/// and `fzf --filter` do.
#[derive(Debug, thiserror::Error)]
#[error("no matches")]
pub struct NoMatches;

/// Whether an error chain ends in a closed pipe (`resreader list | head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Load the library, telling the user on stderr about a library folder that
/// cannot be read (the reader shows this in its status line instead).
fn load_reporting(options: &LibraryOptions) -> Library {
    let library = Library::load(options);
    for problem in &library.problems {
        say(format!("warning: {problem}"));
    }
    library
}
