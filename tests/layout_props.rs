//! Property tests of the layout engine over arbitrary Unicode input.

use proptest::prelude::*;
use resreader::text::sanitize::is_bidi_mark;
use resreader::text::{BidiMode, Direction, LayoutOptions, layout_paragraph};

/// Text mixing the scripts and troublemakers the reader meets.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[a-zA-Z0-9 ,.()]{0,12}",
        "[а-яА-ЯёЁ ]{0,12}",
        "[\u{0621}-\u{064A}\u{064B}-\u{0652} ]{0,12}",
        "[\u{05D0}-\u{05EA} ]{0,6}",
        "[\u{4E00}-\u{4E80}]{0,6}",
        "[\u{0E01}-\u{0E30}\u{0E31}-\u{0E3A}]{0,6}",
        Just("\u{1b}[31m\u{1b}]0;x\u{7}\r\u{8}\u{9b}".to_string()),
        Just("\u{202E}\u{2066}\u{2069}\u{200F}\u{200E}\u{061C}".to_string()),
        Just("👩‍👩‍👧 e\u{301} ﷽ «»[]".to_string()),
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

fn options(width: usize, rtl: Option<bool>, bidi: BidiMode, shaping: bool) -> LayoutOptions {
    LayoutOptions {
        width,
        bidi,
        shaping,
        direction: rtl.map(|r| if r { Direction::Rtl } else { Direction::Ltr }),
    }
}

fn modes() -> impl Strategy<Value = (Option<bool>, BidiMode, bool)> {
    (
        prop::option::of(any::<bool>()),
        prop_oneof![
            Just(BidiMode::App),
            Just(BidiMode::Terminal),
            Just(BidiMode::Off)
        ],
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_line_is_wider_than_the_column(text in hostile_text(), width in 1usize..60, (rtl, bidi, shaping) in modes()) {
        for line in layout_paragraph(&text, &options(width, rtl, bidi, shaping), &[]) {
            let shown: usize = line.runs.iter().map(|r| unicode_width::UnicodeWidthStr::width(r.text.as_str())).sum();
            prop_assert!(line.indent + line.width <= width, "{} + {} > {width}", line.indent, line.width);
            // unicode-width may count a lam-alef pair as one cell; the engine
            // counts each grapheme, so it never under-reserves.
            prop_assert!(shown <= line.width, "{shown} > {}", line.width);
        }
    }

    #[test]
    fn no_control_character_reaches_the_terminal(text in hostile_text(), width in 1usize..60, (rtl, bidi, shaping) in modes()) {
        for line in layout_paragraph(&text, &options(width, rtl, bidi, shaping), &[]) {
            for run in &line.runs {
                for c in run.text.chars() {
                    prop_assert!(!c.is_control(), "{c:?} in output");
                    prop_assert!(!resreader::text::sanitize::is_bidi_control(c) && !is_bidi_mark(c), "{c:?} in output");
                }
            }
        }
    }

    /// Every character of the paragraph is on screen exactly once, except
    /// spaces at line breaks and the directional marks that are never printed.
    #[test]
    fn every_character_appears_exactly_once(text in hostile_text(), width in 1usize..60, (rtl, bidi, shaping) in modes()) {
        let lines = layout_paragraph(&text, &options(width, rtl, bidi, shaping), &[]);
        let mut covered = vec![0u32; text.len()];
        for line in &lines {
            for cell in &line.cells {
                for count in &mut covered[cell.source.start as usize..cell.source.end as usize] {
                    *count += 1;
                }
            }
        }
        for (at, c) in text.char_indices() {
            let count = covered[at];
            if c.is_whitespace() || is_bidi_mark(c) {
                prop_assert!(count <= 1, "{c:?} at {at} shown {count} times");
            } else if unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 0 {
                prop_assert_eq!(count, 1, "{:?} at {} in {:?}", c, at, text);
            }
        }
    }

    #[test]
    fn pure_left_to_right_text_is_unchanged(words in prop::collection::vec("[a-zA-Z0-9.,!?]{1,12}", 0..30), width in 12usize..80) {
        let text = words.join(" ");
        let lines = layout_paragraph(&text, &LayoutOptions::new(width), &[]);
        // Lines may break inside a "word" at punctuation (UAX #14), so compare
        // without the spaces: the characters must keep their logical order.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = lines.iter().map(|l| squeeze(&l.to_plain())).collect();
        prop_assert_eq!(joined, squeeze(&text));
        prop_assert!(lines.iter().all(|l| l.indent == 0));
    }
}
