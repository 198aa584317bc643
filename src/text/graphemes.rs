//! Grapheme clusters of a paragraph, with a fast path for the scripts
//! resreader's documents are mostly in.
//!
//! unicode-segmentation applies every rule of UAX #29 to every character,
//! with a binary search per property: a tenth of the layout's time on
//! Arabic. Latin, Greek, Cyrillic, Hebrew and Arabic text (and their
//! presentation forms and punctuation) needs only one rule: a mark joins
//! the character before it. When every character of a paragraph is such a
//! base or mark, the clusters are found with a table lookup per character;
//! anything else (Hangul, Indic conjuncts, emoji sequences, prepended
//! concatenation marks, joiners…) goes to unicode-segmentation. The table
//! is made by asking unicode-segmentation itself about each character, so
//! both always agree (`tests` compares them on random text).

use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Starts a cluster and nothing before it joins it.
    Base,
    /// Joins the cluster before it (Extend, SpacingMark).
    Mark,
    /// A cluster of its own that marks do not join (line separators,
    /// format characters: Control in UAX #29).
    Alone,
    /// Needs the full rules.
    Complex,
}

/// Where the fast path applies: below U+0900 (Latin to Arabic Extended-A),
/// general punctuation, and the Hebrew and Arabic presentation forms.
fn in_simple_range(u: u32) -> bool {
    matches!(u, 0..=0x08FF | 0x2000..=0x206F | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFE)
}

static KINDS: LazyLock<Vec<Kind>> = LazyLock::new(|| {
    (0u32..0x10000)
        .map(|u| match char::from_u32(u) {
            Some(c) if in_simple_range(u) => kind_of(c),
            _ => Kind::Complex,
        })
        .collect()
});

fn one_cluster(s: &str) -> bool {
    s.graphemes(true).count() == 1
}

/// What unicode-segmentation does with `c` between two plain letters.
fn kind_of(c: char) -> Kind {
    if c.is_control() || c == '\u{200D}' {
        // Controls break on both sides; a joiner takes part in emoji rules.
        return Kind::Complex;
    }
    let joins_before = one_cluster(&format!("a{c}"));
    let joins_after = one_cluster(&format!("{c}a"));
    let takes_marks = one_cluster(&format!("{c}\u{301}"));
    match (joins_before, joins_after, takes_marks) {
        (false, false, true) => Kind::Base,
        (false, false, false) => Kind::Alone,
        (true, false, _) => Kind::Mark,
        // Prepend: joins what follows.
        _ => Kind::Complex,
    }
}

/// Where each grapheme cluster of a text ends, as the index of the
/// character after it.
pub fn cluster_ends(chars: &[char]) -> Vec<usize> {
    simple(chars).unwrap_or_else(|| {
        let mut end = 0;
        String::from_iter(chars)
            .graphemes(true)
            .map(|g| {
                end += g.chars().count();
                end
            })
            .collect()
    })
}

fn simple(chars: &[char]) -> Option<Vec<usize>> {
    let mut ends: Vec<usize> = Vec::with_capacity(chars.len());
    // Whether a mark here joins the last cluster.
    let mut joinable = false;
    let kinds: &[Kind] = &KINDS;
    for (i, &c) in chars.iter().enumerate() {
        match kinds.get(c as usize).copied().unwrap_or(Kind::Complex) {
            Kind::Base => {
                ends.push(i + 1);
                joinable = true;
            }
            Kind::Alone => {
                ends.push(i + 1);
                joinable = false;
            }
            Kind::Mark => match ends.last_mut() {
                Some(last) if joinable => *last = i + 1,
                _ => {
                    ends.push(i + 1);
                    joinable = true;
                }
            },
            Kind::Complex => return None,
        }
    }
    Some(ends)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::ops::Range;

    fn reference(text: &str) -> Vec<Range<usize>> {
        text.grapheme_indices(true)
            .map(|(b, g)| b..b + g.len())
            .collect()
    }

    /// The clusters' byte ranges, from the character ends.
    fn byte_ranges(text: &str, ends: &[usize]) -> Vec<Range<usize>> {
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let at = |i: usize| starts.get(i).copied().unwrap_or(text.len());
        let mut first = 0;
        ends.iter()
            .map(|&end| {
                let range = at(first)..at(end);
                first = end;
                range
            })
            .collect()
    }

    fn simple_ranges(text: &str) -> Option<Vec<Range<usize>>> {
        let chars: Vec<char> = text.chars().collect();
        simple(&chars).map(|ends| byte_ranges(text, &ends))
    }

    fn grapheme_ranges(text: &str) -> Vec<Range<usize>> {
        let chars: Vec<char> = text.chars().collect();
        byte_ranges(text, &cluster_ends(&chars))
    }

    #[test]
    fn marks_stay_on_their_letter() {
        let text = "بَيْت e\u{301}!";
        assert_eq!(simple_ranges(text), Some(reference(text)));
        assert_eq!(grapheme_ranges(text).len(), 6);
        // A mark with nothing before it is a cluster of its own.
        assert_eq!(grapheme_ranges("\u{64E}ب").len(), 2);
    }

    #[test]
    fn other_scripts_take_the_full_rules() {
        for text in ["한국어", "क्षि", "👩\u{200D}💻", "\u{600}1", "🇫🇷🇩🇪"]
        {
            assert_eq!(simple_ranges(text), None, "{text}");
            assert_eq!(grapheme_ranges(text), reference(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_unicode_segmentation(
            text in "[a-z \u{300}-\u{36F}\u{5D0}-\u{5EA}\u{5B0}-\u{5C7}\u{600}-\u{6FF}\u{FE70}-\u{FEFC}\u{200C}-\u{200F}\u{2000}-\u{206F}\u{900}-\u{97F}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{AC00}-\u{AC10}\u{1F600}-\u{1F64F}\u{1F1E6}-\u{1F1FF}]{0,40}"
        ) {
            prop_assert_eq!(grapheme_ranges(&text), reference(&text));
        }
    }
}
