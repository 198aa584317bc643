//! The layout engine, shared by the command line and the reader: it turns a
//! paragraph of untrusted logical-order text into screen lines of styled
//! runs, safe for a terminal, shaped, wrapped and in visual order.
//!
//! Per paragraph: [`sanitize`] → [`shape`] → bidi levels (UAX #9, the
//! `unicode-bidi` crate) → wrap at UAX #14 break opportunities by display
//! width → reorder each line, mirror brackets in right-to-left runs, and
//! right-align right-to-left paragraphs. Each line keeps a map from the
//! original text to screen columns.

pub mod bidi;
pub mod graphemes;
pub mod layout;
pub mod sanitize;
pub mod shape;
pub mod snippet;
pub mod width;

pub use bidi::visual_line;
pub use layout::{Cell, Direction, LaidLine, Run, Style, layout_paragraph, layout_paragraphs};
pub use snippet::snippet;

/// Who puts right-to-left text in visual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    /// resreader reorders (for the many terminals that do not).
    #[default]
    App,
    /// The terminal reorders; text is written in logical order.
    Terminal,
    /// Nobody reorders: logical order, left-aligned.
    Off,
}

/// How to lay out a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Column width in terminal cells.
    pub width: usize,
    pub bidi: BidiMode,
    /// Apply Arabic contextual shaping.
    pub shaping: bool,
    /// Paragraph direction, when the language decides it; otherwise the
    /// first strong character does.
    pub direction: Option<Direction>,
}

impl LayoutOptions {
    pub fn new(width: usize) -> LayoutOptions {
        LayoutOptions {
            width,
            bidi: BidiMode::App,
            shaping: true,
            direction: None,
        }
    }
}
