//! `resreader doctor`: what terminal resreader thinks it is in, which bidi
//! mode it chose and why, and the same Arabic line shown in each mode, so
//! that the user can pick the one that reads right; the pick is saved in
//! the config under `[terminals]`, keyed by the terminal.

use crate::term::identify::Identity;
use crate::term::{Decision, TerminalBidi, mode_name, sequences};
use crate::text::{BidiMode, Direction, LayoutOptions, layout_paragraph};
use std::io::Write;
use std::path::Path;

/// The sample: a bullet first, a number inside, a full stop last. Read
/// right, the bullet is at the right end, the number reads 23 and the
/// full stop is at the left end. ("• 23 parties took part in the meeting.")
pub const SAMPLE: &str = "• شارك 23 حزباً في اللقاء.";

/// The modes offered, in the order they are numbered.
pub const CANDIDATES: [BidiMode; 3] = [BidiMode::App, BidiMode::Terminal, BidiMode::Off];

/// Columns of the box each sample line is shown in.
const SAMPLE_WIDTH: usize = 40;

/// The sample laid out in `mode`, `SAMPLE_WIDTH` cells wide.
pub fn sample_line(mode: BidiMode, shaping: bool) -> String {
    let options = LayoutOptions {
        width: SAMPLE_WIDTH,
        bidi: mode,
        shaping,
        direction: Some(Direction::Rtl),
    };
    let line = layout_paragraph(SAMPLE, &options, &[])
        .first()
        .map(|l| l.to_plain())
        .unwrap_or_default();
    let used = unicode_width::UnicodeWidthStr::width(line.as_str());
    format!("{line}{}", " ".repeat(SAMPLE_WIDTH.saturating_sub(used)))
}

/// What the terminal must be told before a line of `mode` is written, the
/// cursor being in the first column (VTE applies the mode per line), given
/// how the terminal is switched where resreader reorders.
fn line_set_up(mode: BidiMode, switch: TerminalBidi) -> &'static str {
    match mode {
        BidiMode::Terminal => sequences::end_inline(switch),
        BidiMode::App | BidiMode::Off => sequences::begin_inline(switch),
    }
}

/// The switch used for this terminal where resreader reorders.
fn switch_for(identity: &Identity) -> TerminalBidi {
    match identity.kind {
        crate::term::identify::Kind::Mlterm => TerminalBidi::MltermCtlOff,
        _ => TerminalBidi::Explicit,
    }
}

/// Write the report: identity, decision, and the numbered samples.
pub fn report(
    decision: &Decision,
    shaping: bool,
    config: Option<&Path>,
    to_terminal: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let id = &decision.identity;
    let evidence = if id.evidence.is_empty() {
        "nothing in the environment named it".to_string()
    } else {
        id.evidence.clone()
    };
    writeln!(out, "terminal: {} ({evidence})", id.kind.name())?;
    writeln!(out, "saved as: [terminals] {}", id.key())?;
    writeln!(out, "bidi mode: {}", mode_name(decision.mode))?;
    writeln!(out, "because: {}", decision.why)?;
    if let Some(path) = config {
        writeln!(out, "config file: {}", path.display())?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "The same Arabic line in each mode. It reads right when the bullet • is at the\n\
         right end, the number reads 23 (two, three) and the full stop is at the left end:"
    )?;
    writeln!(out)?;
    let switch = switch_for(id);
    for (i, mode) in CANDIDATES.iter().enumerate() {
        if to_terminal {
            out.write_all(b"\r")?;
            out.write_all(line_set_up(*mode, switch).as_bytes())?;
        }
        writeln!(
            out,
            "  {}  {:<9}│{}│",
            i + 1,
            mode_name(*mode),
            sample_line(*mode, shaping)
        )?;
    }
    if to_terminal {
        // Back to the terminal's own way for what follows (the prompt).
        out.write_all(b"\r")?;
        out.write_all(sequences::end_inline(switch).as_bytes())?;
    }
    writeln!(out)?;
    Ok(())
}

/// The mode a typed answer names: its number or its name.
pub fn parse_answer(answer: &str) -> Option<BidiMode> {
    let answer = answer.trim();
    CANDIDATES
        .iter()
        .enumerate()
        .find(|(i, m)| answer == (i + 1).to_string() || answer == mode_name(**m))
        .map(|(_, m)| *m)
}

/// Save `mode` for the terminal keyed `key` in the config file at `path`,
/// keeping everything else in it (comments included). Written to a
/// temporary file and renamed, so a failure leaves the old file whole.
pub fn save_choice(path: &Path, key: &str, mode: BidiMode) -> anyhow::Result<()> {
    use anyhow::Context;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    let mut doc: toml_edit::DocumentMut = text.parse().with_context(|| {
        format!(
            "{}: not valid TOML, so the choice was not saved",
            path.display()
        )
    })?;
    let table = doc
        .entry("terminals")
        .or_insert_with(toml_edit::table)
        .as_table_mut()
        .with_context(|| format!("{}: `terminals` is not a table", path.display()))?;
    table[key] = toml_edit::value(mode_name(mode));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    let temp = path.with_extension("toml.tmp");
    std::fs::write(&temp, doc.to_string())
        .with_context(|| format!("{}: cannot write", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_sample_is_in_visual_order_with_the_bullet_on_the_right() {
        let app = sample_line(BidiMode::App, false);
        let trimmed = app.trim();
        assert!(trimmed.ends_with('•'), "{app}");
        assert!(trimmed.starts_with('.'), "{app}");
        assert!(trimmed.contains("23"), "{app}");
    }

    #[test]
    fn the_terminal_and_off_samples_are_logical_text() {
        assert_eq!(sample_line(BidiMode::Terminal, true).trim(), SAMPLE);
        assert_eq!(sample_line(BidiMode::Off, true).trim(), SAMPLE);
        assert!(sample_line(BidiMode::Off, true).starts_with('•'));
    }

    #[test]
    fn answers_are_numbers_or_names() {
        assert_eq!(parse_answer("1\n"), Some(BidiMode::App));
        assert_eq!(parse_answer(" terminal "), Some(BidiMode::Terminal));
        assert_eq!(parse_answer("4"), None);
        assert_eq!(parse_answer(""), None);
    }

    #[test]
    fn saving_keeps_the_rest_of_the_config() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        save_choice(&path, "vte", BidiMode::App).unwrap();
        std::fs::write(
            &path,
            format!(
                "# mine\nlanguages = [\"ar\"]\n{}",
                std::fs::read_to_string(&path).unwrap()
            ),
        )
        .unwrap();
        save_choice(&path, "xterm", BidiMode::Terminal).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# mine\nlanguages = [\"ar\"]\n"), "{text}");
        let (config, warnings) = crate::config::load(&path);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.terminals["vte"], BidiMode::App);
        assert_eq!(config.terminals["xterm"], BidiMode::Terminal);
        assert_eq!(config.languages, ["ar"]);
    }
}
