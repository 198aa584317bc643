//! The terminal resreader draws in: what it says it is, and the bytes that
//! set up and restore its handling of right-to-left text. Knows no ratatui;
//! the reader and the command line use it.

pub mod sequences;

use crate::text::BidiMode;
pub use sequences::TerminalBidi;

/// What to ask of the terminal's own bidi when resreader lays text out in
/// `mode`: explicit mode when resreader reorders, the terminal's own
/// handling otherwise.
pub fn terminal_bidi(mode: BidiMode) -> TerminalBidi {
    match mode {
        BidiMode::App => TerminalBidi::Explicit,
        BidiMode::Terminal | BidiMode::Off => TerminalBidi::Leave,
    }
}
