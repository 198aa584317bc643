//! Right-to-left text stored in visual order, put back in reading order.
//!
//! Many PDF extractors (and copies out of PDF viewers) give Arabic and
//! Hebrew as the page draws them, left to right: every word reversed,
//! often in pre-shaped presentation forms ("ﻦﻣﺎﻀﺘﻠﻟ" for "للتضامن"). Such
//! a file reads backwards in the reader, its id is nonsense and the finder
//! never finds its words. [`is_visual`] tells such text by where letters,
//! common words and punctuation stand, and [`to_logical`] reorders each of
//! its lines.
//!
//! No crate does this: `unicode-bidi` and fribidi only go from logical to
//! visual order. [`logical_line`] undoes that algorithm's reordering step,
//! with the levels `unicode-bidi` resolves.

use std::collections::HashSet;
use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// How much more visual evidence than logical a text needs, and how much
/// at least: a line or two of text can hold a stray piece of either.
const MIN_EVIDENCE: usize = 3;
const RATIO: usize = 3;

/// Whether the right-to-left lines of `text` are in visual order.
pub fn is_visual(text: &str) -> bool {
    let (logical, visual) = evidence(text);
    visual >= MIN_EVIDENCE && visual >= RATIO * logical.max(1)
}

/// `text` with each line that holds right-to-left letters put in reading
/// order (see [`logical_line`]); other lines as they are.
pub fn to_logical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if line.chars().any(is_rtl) {
            out.push_str(&logical_line(line));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// One line in visual order, in reading order.
///
/// The Unicode bidi algorithm draws a line by reversing, from its highest
/// embedding level down to 1, every run at that level or above (rule L2).
/// Undoing that needs the levels of the text as written, which depend on
/// the order being recovered: a number after an Arabic letter is an Arabic
/// number, so "20-22" is drawn "22-20" in Arabic text but stays "20-22"
/// after a Latin word. For a right-to-left line (the last step of L2
/// reversed all of it) the line is reversed by grapheme, and then
/// - each run of left-to-right letters and numbers (and the spaces and
///   separators inside it) is put back as it stood, if that reading draws
///   back into the line as given ("ICOR 2025" stays whole);
/// - otherwise the levels are read off the reversed text, whose
///   right-to-left letters now stand in reading order, and the runs at
///   level 2 and above are reversed back ("22-20" after an Arabic word).
///
/// Some lines have two readings that draw alike ("من Aa 0" and "من 0 Aa");
/// the first is taken.
///
/// Brackets at right-to-left levels are mirrored back. A left-to-right
/// line (an English sentence that quotes an Arabic word) has only its
/// right-to-left runs reversed. Graphemes stay whole: a vowel mark stays
/// after its letter.
pub fn logical_line(line: &str) -> String {
    // A left-to-right line begins and ends (on screen) with such letters;
    // a right-to-left one ends with its first letter, or begins with its
    // last, or both. ("ICOR قرار" drawn left to right and "قرار ICOR" drawn
    // right to left look alike: the right-to-left reading is taken, as the
    // lines of such files mostly are.)
    let strong = |c: &char| matches!(bidi_class(*c), BidiClass::L | BidiClass::R | BidiClass::AL);
    let is_ltr = |c: Option<char>| c.is_some_and(|c| bidi_class(c) == BidiClass::L);
    let right_to_left =
        !(is_ltr(line.chars().find(strong)) && is_ltr(line.chars().rev().find(strong)));
    if !right_to_left {
        return undo_levels(line, Level::ltr(), 1);
    }
    let reversed: String = line.graphemes(true).rev().collect();
    let by_runs = keep_ltr_runs(&reversed);
    if draw(&by_runs, Level::rtl()) == line {
        return by_runs;
    }
    undo_levels(&reversed, Level::rtl(), 2)
}

/// `text` with its levels (at `base`) resolved and the runs at each level
/// from `lowest` up reversed, graphemes at odd levels mirrored.
fn undo_levels(text: &str, base: Level, lowest: u8) -> String {
    let mut units = levelled(text, base);
    let highest = units.iter().map(|u| u.1).max().unwrap_or(0);
    for level in lowest..=highest {
        reverse_runs(&mut units, level);
    }
    join(&units)
}

/// `text` drawn as the bidi algorithm draws one line at `base`.
fn draw(text: &str, base: Level) -> String {
    let mut units = levelled(text, base);
    let highest = units.iter().map(|u| u.1).max().unwrap_or(0);
    for level in (1..=highest).rev() {
        reverse_runs(&mut units, level);
    }
    join(&units)
}

/// A reversed right-to-left line with its left-to-right runs (letters and
/// numbers, and the neutrals between two of them) turned back round.
fn keep_ltr_runs(reversed: &str) -> String {
    let kind = |g: &str| match g.chars().next().map(bidi_class) {
        Some(BidiClass::L | BidiClass::EN | BidiClass::AN) => 2,
        Some(BidiClass::R | BidiClass::AL) => 1,
        _ => 0,
    };
    let mut units: Vec<(&str, u8)> = reversed.graphemes(true).map(|g| (g, kind(g))).collect();
    // Neutrals between two left-to-right units belong to their run.
    let mut i = 0;
    while i < units.len() {
        if units[i].1 == 2 {
            let mut j = i + 1;
            while j < units.len() && units[j].1 == 0 {
                j += 1;
            }
            if j < units.len() && units[j].1 == 2 {
                for u in &mut units[i + 1..j] {
                    u.1 = 2;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    reverse_runs(&mut units, 2);
    for u in &mut units {
        if u.1 == 0 {
            u.1 = 1;
        }
    }
    join(&units)
}

/// The graphemes of `text`, each with its embedding level at `base`.
fn levelled(text: &str, base: Level) -> Vec<(&str, u8)> {
    let info = BidiInfo::new(text, Some(base));
    text.grapheme_indices(true)
        .map(|(i, g)| (g, info.levels.get(i).map_or(0, |l| l.number())))
        .collect()
}

/// Reverses every maximal run of units at `level` or above.
fn reverse_runs(units: &mut [(&str, u8)], level: u8) {
    let mut i = 0;
    while i < units.len() {
        if units[i].1 < level {
            i += 1;
            continue;
        }
        let start = i;
        while i < units.len() && units[i].1 >= level {
            i += 1;
        }
        units[start..i].reverse();
    }
}

/// The units as text, those at odd levels mirrored.
fn join(units: &[(&str, u8)]) -> String {
    let mut out = String::new();
    for &(g, level) in units {
        if level % 2 == 1 {
            out.extend(g.chars().map(mirrored));
        } else {
            out.push_str(g);
        }
    }
    out
}

fn mirrored(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

fn is_rtl(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Letters that only end a word in reading order: Arabic teh marbuta and
/// alef maksura, Urdu yeh barree, the Hebrew final forms. In visual order
/// they begin one.
fn ends_words_only(c: char) -> bool {
    matches!(
        c,
        '\u{0629}' | '\u{0649}' | '\u{06D2}' | '\u{06D3}' | 'ך' | 'ם' | 'ן' | 'ף' | 'ץ'
    )
}

/// Punctuation that follows the word before it without a space.
fn is_trailing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '،' | '؛' | '؟' | '۔' | '׃'
    )
}

/// The commonest words of Arabic, Persian, Urdu and Hebrew (prepositions,
/// conjunctions, pronouns), leaving out those whose reversal is a word too
/// ("كل" / "لك", "לא" / "אל", "کا" / "اک", "یہ" / "ہی", "هذه").
const COMMON_WORDS: &[&str] = &[
    "في", "من", "على", "إلى", "أن", "عن", "مع", "هذا", "كان", "بين", "أو", "ذلك", "قد", "ثم", "در",
    "به", "از", "که", "را", "این", "با", "است", "برای", "آن", "یک", "هر", "می", "کے", "کی", "میں",
    "ہے", "اور", "سے", "کو", "ہیں", "پر", "نے", "بھی", "של", "את", "על", "הוא", "עם", "כל", "זה",
    "או", "גם", "אשר", "היא", "כי",
];

static COMMON: std::sync::LazyLock<(HashSet<String>, HashSet<String>)> =
    std::sync::LazyLock::new(|| {
        let listed: HashSet<String> = COMMON_WORDS.iter().map(|w| w.to_string()).collect();
        let backwards = |w: &String| w.chars().rev().collect::<String>();
        // A word whose reversal is listed too (Urdu "کی", Persian "یک")
        // says nothing.
        let words: HashSet<String> = listed
            .iter()
            .filter(|w| !listed.contains(&backwards(w)))
            .cloned()
            .collect();
        let reversed = words.iter().map(backwards).collect();
        (words, reversed)
    });

/// Counts of words that read right in logical order and in visual order.
/// A word of right-to-left letters is logical evidence when it ends with a
/// letter that only ends words, begins with the Arabic article, is one of
/// the commonest words, or has punctuation after it; visual evidence when
/// the same stand mirrored: the letter first, the article reversed at its
/// end, a common word reversed, punctuation before it (which careless
/// typing also puts there, "كلمة ،كلمة", so the words must outweigh it).
fn evidence(text: &str) -> (usize, usize) {
    // Enough words to decide by; a long file is not read to its end.
    const ENOUGH: usize = 20_000;
    let (mut logical, mut visual) = (0, 0);
    let mut read = 0;
    for line in text.lines().filter(|l| l.chars().any(is_rtl)) {
        if read >= ENOUGH {
            break;
        }
        for token in line.split_whitespace() {
            read += 1;
            // Presentation forms read as their letters; marks say nothing.
            let chars: Vec<char> = token
                .nfkc()
                .filter(|&c| !unicode_normalization::char::is_combining_mark(c) && c != 'ـ')
                .collect();
            let letters: Vec<char> = chars.iter().copied().filter(|&c| is_rtl(c)).collect();
            if letters.len() < 2 {
                continue;
            }
            let (first, last) = (chars[0], chars[chars.len() - 1]);
            if is_trailing_punctuation(last) && chars.len() >= 2 && is_rtl(chars[chars.len() - 2]) {
                logical += 1;
            }
            if is_trailing_punctuation(first) && is_rtl(chars[1]) {
                visual += 1;
            }
            if ends_words_only(letters[letters.len() - 1]) {
                logical += 1;
            }
            if ends_words_only(letters[0]) {
                visual += 1;
            }
            // The article, also with the Quran's alef wasla.
            let alef = |c: char| c == 'ا' || c == 'ٱ';
            if letters.len() >= 4 {
                if alef(letters[0]) && letters[1] == 'ل' {
                    logical += 1;
                }
                let n = letters.len();
                if alef(letters[n - 1]) && letters[n - 2] == 'ل' {
                    visual += 1;
                }
            }
            if letters.len() <= 5 {
                let word: String = letters.iter().collect();
                if COMMON.0.contains(&word) {
                    logical += 1;
                } else if COMMON.1.contains(&word) {
                    visual += 1;
                }
            }
        }
    }
    (logical, visual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_line_reads_again() {
        // As a PDF extractor gives "In 2023, the ICOR (international)
        // solidarity": words reversed, the number and the Latin name as
        // they are, brackets mirrored.
        let visual = "(ةيلودلا) ICOR نماضتلل 2023 ماع يف";
        assert_eq!(logical_line(visual), "في عام 2023 للتضامن ICOR (الدولية)");
        // A range of numbers after an Arabic word is drawn the other way
        // round; after a Latin name it is not.
        assert_eq!(
            logical_line("نيرشت 22-20 ةرتفلا يف"),
            "في الفترة 20-22 تشرين"
        );
        assert_eq!(logical_line("ICOR 20-22 رمتؤم"), "مؤتمر ICOR 20-22");
        // A vowel mark stays after its letter.
        assert_eq!(logical_line("بَرَع"), "عرَبَ");
        // Hebrew, with a final form and punctuation.
        assert_eq!(logical_line(".םולש רמוא ינא"), "אני אומר שלום.");
        // A line mostly Latin keeps its order; its Arabic word reads again.
        assert_eq!(
            logical_line("The word مالس means peace."),
            "The word سلام means peace."
        );
        assert_eq!(to_logical("Title\nمالس\n"), "Title\nسلام\n");
    }

    /// `line` as a terminal without bidi needs it (the layout engine's
    /// visual order, brackets mirrored, unshaped), on one line.
    fn drawn(line: &str) -> String {
        let options = crate::text::LayoutOptions {
            width: 10_000,
            bidi: crate::text::BidiMode::App,
            shaping: false,
            direction: Some(crate::text::Direction::Rtl),
        };
        crate::text::layout_paragraph(line, &options, &[])
            .iter()
            .map(|l| l.to_plain().trim().to_string())
            .collect()
    }

    proptest::proptest! {
        /// Right-to-left lines of words, numbers, punctuation and
        /// brackets, as drawn, read back as written; with Latin names too,
        /// read back as something drawn alike.
        #[test]
        fn a_drawn_line_reads_back(words in proptest::collection::vec(
            proptest::prop_oneof![
                "[\u{0627}-\u{064A}]{2,8}",
                "[\u{05D0}-\u{05EA}]{2,7}",
                "[\u{0627}-\u{064A}]{2,6}[،.:؟!]",
                "\\([\u{0627}-\u{064A}]{2,6}\\)",
                "[0-9]{1,4}",
                "[0-9]{1,2}-[0-9]{1,2}",
            ],
            1..12,
        ), names in proptest::collection::vec((0usize..12, "[A-Z][a-z]{1,6}"), 0..3)) {
            // A line starts with a right-to-left word, as its direction says.
            let line = format!("\u{0645}\u{0646} {}", words.join(" "));
            proptest::prop_assert_eq!(logical_line(&drawn(&line)), line.clone());
            let mut words = words;
            for (at, name) in names {
                words.insert(at.min(words.len()), name);
            }
            let line = format!("\u{0645}\u{0646} {}", words.join(" "));
            let visual = drawn(&line);
            proptest::prop_assert_eq!(drawn(&logical_line(&visual)), visual);
        }

        /// Any text: every character kept, brackets perhaps mirrored, as
        /// many lines.
        #[test]
        fn nothing_is_lost(text in "(?s).{0,200}") {
            let canonical = |s: &str| {
                let mut v: Vec<char> = s.chars().map(|c| c.min(mirrored(c))).collect();
                v.sort_unstable();
                v
            };
            let out = to_logical(&text);
            proptest::prop_assert_eq!(canonical(&out), canonical(&text));
            proptest::prop_assert_eq!(out.split('\n').count(), text.split('\n').count());
        }
    }

    #[test]
    fn visual_order_is_told_by_where_letters_and_punctuation_stand() {
        let logical = "الإعلان العالمي لحقوق الإنسان، وهي وثيقة تاريخية.\nשלום לכם, אנחנו כאן.";
        assert!(!is_visual(logical));
        let visual = to_logical(logical);
        assert!(is_visual(&visual), "{visual}");
        // Presentation forms, as most such extracts hold them.
        assert!(is_visual("ﻦﻣﺎﻀﺘﻠﻟ ﺔﻴﻟﺎﻤﻌﻟﺍﻭ ﺔﻴﻋﻮﻴﺸﻟﺍ ﺏﺍﺰﺣﻸﻟ"));
        assert!(!is_visual("للتضامن مع الشعوب المناضلة"));
        // Text without right-to-left letters, or too little of it, is left.
        assert!(!is_visual("Solidarity with the peoples."));
        assert!(!is_visual("سلام"));
        assert!(!is_visual(""));
    }
}
