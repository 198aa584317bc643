//! The terminal resreader draws in: what it says it is ([`identify`]), who
//! reorders right-to-left text there and why ([`decide`]), and the bytes
//! that set up and restore its handling of it ([`sequences`]). Knows no
//! ratatui; the reader and the command line use it. The table of terminals
//! and what resreader does in each is in docs/TERMINALS.md.

pub mod identify;
pub mod present;
pub mod query;
pub mod sequences;

use crate::text::BidiMode;
use identify::{Identity, Kind};
pub use sequences::TerminalBidi;
use std::collections::BTreeMap;

/// What the user asked for with `--bidi` or the config's `bidi`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum BidiChoice {
    /// Decide from the terminal (see docs/TERMINALS.md); logical text when
    /// the output is not a terminal.
    #[default]
    Auto,
    /// resreader reorders and shapes; the terminal is put in explicit mode.
    App,
    /// The terminal reorders; text is written in logical order.
    Terminal,
    /// Nobody reorders: logical order, left-aligned.
    Off,
}

impl BidiChoice {
    pub fn name(self) -> &'static str {
        match self {
            BidiChoice::Auto => "auto",
            BidiChoice::App => "app",
            BidiChoice::Terminal => "terminal",
            BidiChoice::Off => "off",
        }
    }

    /// The layout mode this choice names, unless it is `auto`.
    pub fn mode(self) -> Option<BidiMode> {
        match self {
            BidiChoice::Auto => None,
            BidiChoice::App => Some(BidiMode::App),
            BidiChoice::Terminal => Some(BidiMode::Terminal),
            BidiChoice::Off => Some(BidiMode::Off),
        }
    }
}

/// The name of a layout mode, as the command line and config spell it.
pub fn mode_name(mode: BidiMode) -> &'static str {
    match mode {
        BidiMode::App => "app",
        BidiMode::Terminal => "terminal",
        BidiMode::Off => "off",
    }
}

/// What resreader does with right-to-left text in one terminal, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub mode: BidiMode,
    /// What the terminal is asked to do while resreader draws.
    pub terminal: TerminalBidi,
    pub identity: Identity,
    /// One line for `resreader doctor`: where the mode came from.
    pub why: String,
}

/// Where the text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The reader, on the alternate screen.
    Screen,
    /// Printed lines in a terminal (`show`, `search`, `export`).
    Inline,
    /// A pipe or a file: logical text, whatever the terminal.
    NotATerminal,
}

/// Decide who reorders. In order: `--bidi`, the config's `bidi`, logical
/// text for output that is not a terminal, the choice saved by
/// `resreader doctor` for this terminal, and the table for this terminal.
pub fn decide(
    flag: Option<BidiChoice>,
    setting: BidiChoice,
    saved: &BTreeMap<String, BidiMode>,
    identity: Identity,
    output: Output,
) -> Decision {
    let (mode, why) = if let Some(mode) = flag.and_then(BidiChoice::mode) {
        (mode, format!("--bidi {}", mode_name(mode)))
    } else if let Some(mode) = setting.mode() {
        (
            mode,
            format!("bidi = \"{}\" in the config", mode_name(mode)),
        )
    } else if output == Output::NotATerminal {
        (
            BidiMode::Off,
            "the output is not a terminal: logical text for grep, less and editors".into(),
        )
    } else if let Some(mode) = saved.get(&identity.key()) {
        (
            *mode,
            format!(
                "chosen with `resreader doctor` for this terminal ([terminals] {} = \"{}\")",
                identity.key(),
                mode_name(*mode)
            ),
        )
    } else if output == Output::Inline && identity.kind == Kind::Mlterm {
        (
            BidiMode::Terminal,
            "mlterm's switch for its bidi applies to the whole screen, so printed \
             text, which stays on the screen after resreader ends, goes out in \
             logical order for mlterm to reorder"
                .into(),
        )
    } else {
        let (mode, why) = table(&identity);
        (mode, why.to_string())
    };
    let terminal = match (output, mode) {
        (Output::NotATerminal, _) | (_, BidiMode::Terminal) => TerminalBidi::Leave,
        (_, _) if identity.kind == Kind::Mlterm => TerminalBidi::MltermCtlOff,
        (_, _) => TerminalBidi::Explicit,
    };
    Decision {
        mode,
        terminal,
        identity,
        why,
    }
}

/// The mode `auto` picks for a terminal, with the reason (see
/// docs/TERMINALS.md, where each line is backed by the terminal's source or
/// documentation). Terminals that cannot be told to stop reordering get
/// `terminal`; every other one, the unknown ones included, `app`: resreader
/// reorders, and explicit mode stops a terminal that would reorder again.
pub fn table(identity: &Identity) -> (BidiMode, &'static str) {
    match identity.kind {
        Kind::Vte => match identity.vte_version() {
            Some(v) if v < 5800 => (
                BidiMode::App,
                "VTE before 0.58 does not reorder: resreader does",
            ),
            _ => (
                BidiMode::App,
                "VTE 0.58+ follows the freedesktop BiDi recommendation: explicit mode \
                 (CSI 8 l) before the alternate screen, resreader reorders",
            ),
        },
        Kind::Konsole => (
            BidiMode::Terminal,
            "Konsole reorders and shapes every line itself (ICU) and has no escape \
             sequence to stop it: text goes out in logical order",
        ),
        Kind::AppleTerminal => (
            BidiMode::Terminal,
            "macOS Terminal reorders every line itself and cannot be told not to: \
             text goes out in logical order",
        ),
        Kind::Mlterm => (
            BidiMode::App,
            "mlterm reorders (fribidi) unless told otherwise: its own OSC 5379 \
             use_ctl=false turns that off while resreader draws, resreader reorders",
        ),
        Kind::Multiplexer => (
            BidiMode::App,
            "tmux and screen do not reorder and keep the terminal outside out of \
             sight: resreader reorders (see docs/TERMINALS.md if that terminal does too)",
        ),
        Kind::Unknown => (
            BidiMode::App,
            "the terminal did not say what it is: the mode right for terminals \
             without bidi, resreader reorders (run `resreader doctor` to check)",
        ),
        Kind::Mintty => (
            BidiMode::App,
            "mintty reorders by default and honours explicit mode (CSI 8 l): \
             resreader reorders",
        ),
        Kind::Xterm
        | Kind::Kitty
        | Kind::Foot
        | Kind::Alacritty
        | Kind::WezTerm
        | Kind::WindowsTerminal
        | Kind::ITerm2
        | Kind::Ghostty
        | Kind::VsCode
        | Kind::LinuxConsole => (
            BidiMode::App,
            "this terminal does not reorder by default: resreader does",
        ),
    }
}

/// What to ask of the terminal's own bidi when resreader lays text out in
/// `mode` and nothing more is known of the terminal.
pub fn terminal_bidi(mode: BidiMode) -> TerminalBidi {
    match mode {
        BidiMode::App | BidiMode::Off => TerminalBidi::Explicit,
        BidiMode::Terminal => TerminalBidi::Leave,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: Kind, version: Option<&str>) -> Identity {
        Identity {
            kind,
            version: version.map(str::to_string),
            evidence: String::new(),
            term: None,
        }
    }

    fn auto(identity: Identity, output: Output) -> Decision {
        decide(None, BidiChoice::Auto, &BTreeMap::new(), identity, output)
    }

    #[test]
    fn vte_gets_app_mode_and_explicit_mode() {
        let d = auto(id(Kind::Vte, Some("7006")), Output::Screen);
        assert_eq!(
            (d.mode, d.terminal),
            (BidiMode::App, TerminalBidi::Explicit)
        );
    }

    #[test]
    fn terminals_that_cannot_be_stopped_reorder_logical_text() {
        for kind in [Kind::Konsole, Kind::AppleTerminal] {
            let d = auto(id(kind, None), Output::Screen);
            assert_eq!(
                (d.mode, d.terminal),
                (BidiMode::Terminal, TerminalBidi::Leave)
            );
        }
    }

    #[test]
    fn mlterm_is_told_with_its_own_sequence() {
        let d = auto(id(Kind::Mlterm, Some("3.9.0")), Output::Screen);
        assert_eq!(
            (d.mode, d.terminal),
            (BidiMode::App, TerminalBidi::MltermCtlOff)
        );
    }

    #[test]
    fn mlterm_prints_logical_text_since_its_switch_covers_the_whole_screen() {
        let d = auto(id(Kind::Mlterm, Some("3.9.0")), Output::Inline);
        assert_eq!(
            (d.mode, d.terminal),
            (BidiMode::Terminal, TerminalBidi::Leave)
        );
        let d = auto(id(Kind::Vte, Some("7006")), Output::Inline);
        assert_eq!(
            (d.mode, d.terminal),
            (BidiMode::App, TerminalBidi::Explicit)
        );
    }

    #[test]
    fn an_unknown_terminal_gets_the_mode_for_terminals_without_bidi() {
        let d = auto(id(Kind::Unknown, None), Output::Screen);
        assert_eq!(
            (d.mode, d.terminal),
            (BidiMode::App, TerminalBidi::Explicit)
        );
        assert!(d.why.contains("doctor"), "{}", d.why);
    }

    #[test]
    fn output_that_is_not_a_terminal_is_logical_text() {
        for kind in Kind::ALL {
            let d = auto(id(*kind, None), Output::NotATerminal);
            assert_eq!((d.mode, d.terminal), (BidiMode::Off, TerminalBidi::Leave));
        }
    }

    #[test]
    fn the_flag_beats_the_setting_which_beats_the_saved_choice_and_the_table() {
        let saved = BTreeMap::from([("vte".to_string(), BidiMode::Terminal)]);
        let vte = || id(Kind::Vte, Some("7006"));
        let d = decide(None, BidiChoice::Auto, &saved, vte(), Output::Screen);
        assert_eq!(d.mode, BidiMode::Terminal);
        assert!(d.why.contains("doctor"));
        let d = decide(None, BidiChoice::Off, &saved, vte(), Output::Screen);
        assert_eq!(d.mode, BidiMode::Off);
        let d = decide(
            Some(BidiChoice::App),
            BidiChoice::Off,
            &saved,
            vte(),
            Output::NotATerminal,
        );
        assert_eq!(
            d.mode,
            BidiMode::App,
            "an explicit --bidi holds for pipes too"
        );
        assert_eq!(d.terminal, TerminalBidi::Leave);
    }
}
