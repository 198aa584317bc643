//! How many cells a grapheme cluster takes on a terminal screen.
//!
//! unicode-width measures a cluster whole and gives a few spacing vowel
//! signs (Mc, Grapheme_Extend: Bengali া, Tamil ா, Malayalam ാ…) no width,
//! where terminals that add up wcwidth per code point (xterm, VTE, tmux,
//! Konsole) give them a cell: "বাংলা" is 3 cells for unicode-width and 5 for
//! tmux 3.3. Drawn narrower than the terminal draws it, a cluster loses its
//! last sign to the next character and pushes the rest of the line. So such
//! a sign counts one cell; in terminals that measure clusters (kitty,
//! WezTerm) that leaves a blank cell after it, never an overlap.
//!
//! Emoji sequences follow the same rule, never narrower than a common
//! terminal draws them: a cluster is at least the sum of its code points'
//! wcwidth, as xterm, VTE, xterm.js and libvterm draw it. A skin-tone
//! modifier is a swatch of its own there and in tmux 3.3 (👍🏽: 4 cells); a
//! ZWJ sequence is its parts side by side there (👩‍💻: 4, a family of three:
//! 6), where tmux, kitty, WezTerm and foot join it into 2. Wider than drawn
//! leaves blank cells after it; narrower would push the rest of the line.
//! See docs/TERMINALS.md.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cells a grapheme cluster takes.
pub fn cluster_width(cluster: &str) -> usize {
    let signs = cluster.chars().filter(|&c| is_unmeasured_sign(c)).count();
    let per_code_point: usize = cluster.chars().map(char_width).sum();
    (cluster.width() + signs).max(per_code_point)
}

/// A spacing mark unicode-width gives no cell.
fn is_unmeasured_sign(c: char) -> bool {
    c.width() == Some(0) && c.general_category() == GeneralCategory::SpacingMark
}

/// A code point's cells as wcwidth counts them: a spacing mark (Mc) takes
/// one, where unicode-width gives some of them (Grapheme_Extend) none.
pub fn char_width(c: char) -> usize {
    if is_unmeasured_sign(c) {
        return 1;
    }
    c.width().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths as tmux 3.3a draws them (cursor column after printing each
    /// string), the terminal the Bengali report came from; where it draws
    /// narrower than xterm and VTE (a ZWJ sequence, VS16), theirs.
    #[test]
    fn widths_follow_what_terminals_draw() {
        for (text, cells) in [
            ("বাংলা", 5),
            ("বা", 2),
            ("ক্ষ", 2),
            ("ภาษาไทย", 7),
            ("ำ", 1),
            ("👩\u{200D}💻", 4), // tmux: 2, xterm and VTE: 4
            ("👍\u{1F3FD}", 4),  // tmux, xterm, VTE: 4
            ("👨\u{200D}👩\u{200D}👧", 6),
            ("🏳\u{FE0F}\u{200D}🌈", 3), // tmux: 1, xterm and VTE: 3
            ("हिन्दी", 5),
            ("❤\u{FE0F}", 2), // tmux: 1; unicode-width's 2 is kept (a blank, no overlap)
            ("🇧🇩", 2),
            ("e\u{301}", 1),
            ("한국어", 6),
            ("abc", 3),
        ] {
            let measured: usize = unicode_segmentation::UnicodeSegmentation::graphemes(text, true)
                .map(cluster_width)
                .sum();
            assert_eq!(measured, cells, "{text}");
        }
    }

    #[test]
    fn never_narrower_than_unicode_width() {
        for text in ["नमस्ते", "தமிழ்", "❤️", "👨‍👩‍👧", "ﻻ", "ب\u{64e}"]
        {
            for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
                assert!(cluster_width(g) >= g.width(), "{g}");
            }
        }
    }
}
