//! Scoring one folded term against one folded text by the quality of its
//! *best* occurrence, in fzf's manner: matched characters, runs, word
//! starts, less the gaps between them.
//!
//! Why hand-written rather than `nucleo-matcher` (weighed for the job in
//! `benches/relevance.rs`): nucleo scores optimally with a matrix of
//! window × query cells and needs each text as `char`s, a copy per
//! paragraph. Measured on the UDHR in 13 languages (1,174 paragraphs) it
//! took 4.7 ms a query on one core against 0.4 ms here — scaled to the
//! 100 MB library, far beyond the 50 ms a keystroke may take — and it
//! ranked the holding paragraph first less often for Latin words whose
//! letters occur earlier (0.92 against 1.00). Here the byte prefilters
//! find the few places worth scoring — every literal occurrence (memmem),
//! else each compact window starting at an occurrence of the first
//! character — and only those windows are scored.
//!
//! Tiers: a term found literally scores [`LITERAL`] more than any scattered
//! match of it can, so a paragraph holding the word always ranks above one
//! where its letters are strewn; within a tier, whole words beat word starts
//! beat the middle of a word, and tight matches beat loose ones.

use memchr::memmem;

/// Added to a literal occurrence: above any scattered match of the term.
pub const LITERAL: i64 = 1000;
pub(super) const MATCH: i64 = 16;
/// A matched character at a word start (after a non-alphanumeric one).
pub(super) const WORD_START: i64 = 10;
/// A matched character right after the previous matched one.
pub(super) const CONSECUTIVE: i64 = 6;
/// A literal occurrence that ends where its word ends.
pub(super) const WORD_END: i64 = 8;
const GAP_START: i64 = 3;
const GAP_EXTENSION: i64 = 1;
/// At most this many occurrences are looked at per text: a word worth
/// finding occurs a few times in a paragraph; a letter or two typed so far
/// occur everywhere, and then which one is scored matters little. (256
/// made a keystroke several times slower on the synthetic library.)
const MAX_OCCURRENCES: usize = 24;

/// One query term, ready to score against many texts.
pub struct TermScorer {
    term: String,
    chars: usize,
    finder: memmem::Finder<'static>,
    /// The first character's UTF-8 bytes: where a scattered match can start.
    first: memmem::Finder<'static>,
}

impl TermScorer {
    pub fn new(term: &str) -> TermScorer {
        let first_len = term.chars().next().map_or(0, char::len_utf8);
        TermScorer {
            term: term.to_string(),
            chars: term.chars().count(),
            finder: memmem::Finder::new(term.as_bytes()).into_owned(),
            first: memmem::Finder::new(&term.as_bytes()[..first_len]).into_owned(),
        }
    }

    pub fn term(&self) -> &str {
        &self.term
    }

    /// The best literal occurrence of the term in `text`: score and byte
    /// offset.
    pub fn literal(&self, text: &str) -> Option<(i64, usize)> {
        let bytes = text.as_bytes();
        let mut best: Option<(i64, usize)> = None;
        for at in self.finder.find_iter(bytes).take(MAX_OCCURRENCES) {
            let end = at + self.term.len();
            // A char boundary in valid folded text; `get` keeps damaged
            // cache text from panicking.
            let starts = text
                .get(..at)
                .is_some_and(|t| t.chars().next_back().is_none_or(is_boundary));
            let ends = text
                .get(end..)
                .is_some_and(|t| t.chars().next().is_none_or(is_boundary));
            let score = LITERAL
                + MATCH * self.chars as i64
                + CONSECUTIVE * (self.chars as i64 - 1)
                + if starts { WORD_START } else { 0 }
                + if ends { WORD_END } else { 0 };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, at));
            }
            if starts && ends {
                break;
            }
        }
        best
    }

    /// The best match of the term in `text`, literal or scattered: score,
    /// the byte offset where it starts, and (when `collect`) the matched
    /// characters' indices. `None` if the term's characters do not occur
    /// in order.
    pub fn best(&self, text: &str, collect: bool) -> Option<(i64, usize, Vec<usize>)> {
        if self.term.is_empty() {
            return Some((0, 0, Vec::new()));
        }
        if let Some((score, at)) = self.literal(text) {
            let indices = if collect {
                let first = text[..at].chars().count();
                (first..first + self.chars).collect()
            } else {
                Vec::new()
            };
            return Some((score, at, indices));
        }
        self.scattered(text, collect)
    }

    /// The best scattered match: each occurrence of the first character
    /// starts a greedy match, bounded in span, tightened backwards and
    /// scored; the first complete occurrence anywhere is the fallback, so
    /// every text holding the characters in order matches.
    fn scattered(&self, text: &str, collect: bool) -> Option<(i64, usize, Vec<usize>)> {
        let bytes = text.as_bytes();
        let span = 8 * self.term.len() + 16;
        let mut best: Option<(i64, usize, usize)> = None;
        let mut next = 0;
        for (tried, start) in self.first.find_iter(bytes).enumerate() {
            if tried >= MAX_OCCURRENCES {
                break;
            }
            if start < next {
                continue;
            }
            let limit = bytes.len().min(start + span);
            let Some(end) = forward(&bytes[..limit], start, &self.term) else {
                continue;
            };
            let Some(tight) = backward(bytes, end, &self.term) else {
                continue;
            };
            let (score, _) = score_window(text, tight, end, &self.term, false);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, tight, end));
            }
            next = tight + 1;
        }
        let (start, end) = match best {
            Some((_, start, end)) => (start, end),
            None => {
                let end = forward(bytes, 0, &self.term)?;
                (backward(bytes, end, &self.term)?, end)
            }
        };
        let (score, mut indices) = score_window(text, start, end, &self.term, collect);
        if collect {
            let first = text[..start].chars().count();
            indices.iter_mut().for_each(|i| *i += first);
        }
        Some((score.min(LITERAL - 1), start, indices))
    }
}

/// Part of a word: a letter or digit, or a mark on one (a vowel sign or
/// virama in Devanagari or Myanmar, an accent left decomposed).
pub(super) fn in_word(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Not part of a word: the edges of whole-word and word-start matches.
fn is_boundary(c: char) -> bool {
    !in_word(c)
}

/// The end (exclusive, in bytes) of the greedy match of `term` in `bytes`
/// from `from`. A character's UTF-8 bytes are found only where that
/// character is, so the search jumps (memchr for ASCII, memmem otherwise).
fn forward(bytes: &[u8], from: usize, term: &str) -> Option<usize> {
    let mut utf8 = [0u8; 4];
    let mut end = from;
    for c in term.chars() {
        let rest = bytes.get(end..)?;
        end += if c.is_ascii() {
            memchr::memchr(c as u8, rest)? + 1
        } else {
            let c = c.encode_utf8(&mut utf8).as_bytes();
            memmem::find(rest, c)? + c.len()
        };
    }
    Some(end)
}

/// The latest start of a match of `term` ending by `end`: the tight window.
fn backward(bytes: &[u8], end: usize, term: &str) -> Option<usize> {
    let mut utf8 = [0u8; 4];
    let mut start = end;
    for c in term.chars().rev() {
        let before = bytes.get(..start)?;
        start = if c.is_ascii() {
            memchr::memrchr(c as u8, before)?
        } else {
            memmem::rfind(before, c.encode_utf8(&mut utf8).as_bytes())?
        };
    }
    Some(start)
}

/// Score the greedy match of `term` inside `text[start..end]`, and its
/// characters' indices relative to `start` when `collect`.
fn score_window(
    text: &str,
    start: usize,
    end: usize,
    term: &str,
    collect: bool,
) -> (i64, Vec<usize>) {
    let mut indices = Vec::new();
    let mut score = 0i64;
    let mut wanted = term.chars().peekable();
    let mut previous: Option<char> = text[..start].chars().next_back();
    let mut last_match: Option<usize> = None;
    let mut in_gap = false;
    for (n, c) in text[start..end].chars().enumerate() {
        if wanted.next_if_eq(&c).is_some() {
            score += MATCH;
            if last_match.is_some_and(|l| l + 1 == n) {
                score += CONSECUTIVE;
            }
            if previous.is_none_or(is_boundary) {
                score += WORD_START;
            }
            if collect {
                indices.push(n);
            }
            last_match = Some(n);
            in_gap = false;
        } else {
            score -= if in_gap { GAP_EXTENSION } else { GAP_START };
            in_gap = true;
        }
        previous = Some(c);
    }
    (score, indices)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str, term: &str) -> Option<(i64, String)> {
        let (score, _, indices) = TermScorer::new(term).best(text, true)?;
        let chars: Vec<char> = text.chars().collect();
        Some((score, indices.iter().map(|&i| chars[i]).collect()))
    }

    #[test]
    fn the_word_later_in_a_text_beats_its_letters_strewn_earlier() {
        let early = format!("{} токаеве", "т о к а е в ".repeat(5));
        let (score, found) = best(&early, "токаев").unwrap();
        assert!(score >= LITERAL);
        assert_eq!(found, "токаев");
        let strewn = best(&"т о к а е в ".repeat(5), "токаев").unwrap();
        assert!(strewn.0 < LITERAL);
    }

    #[test]
    fn whole_words_beat_word_starts_beat_the_middle_of_words() {
        let s = |t: &str| TermScorer::new("war").literal(t).unwrap().0;
        assert!(s("the war ends") > s("warfare ends"));
        assert!(s("warfare ends") > s("prewarning"));
        // The whole word is found even after a mid-word occurrence.
        assert_eq!(s("prewar and war"), s("war"));
    }

    #[test]
    fn a_compact_scattered_match_beats_a_loose_earlier_one() {
        let text = format!("i m p e r {} imp-erialist", "x".repeat(40));
        let (_, at, _) = TermScorer::new("imperialist").best(&text, false).unwrap();
        assert_eq!(&text[at..at + 3], "imp");
        assert!(best("ab", "abc").is_none());
    }

    proptest::proptest! {
        /// A match is found whenever the characters occur in order, and the
        /// indices are those characters, rising.
        #[test]
        fn finds_every_subsequence(
            text in "[abcé д\u{0627}\u{0644}]{0,60}",
            term in "[abé д\u{0627}]{1,4}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let wanted: Vec<char> = term.chars().collect();
            let mut k = 0;
            for &c in &chars {
                if k < wanted.len() && c == wanted[k] {
                    k += 1;
                }
            }
            let found = TermScorer::new(&term).best(&text, true);
            proptest::prop_assert_eq!(found.is_some(), k == wanted.len());
            if let Some((_, _, indices)) = found {
                let picked: Vec<char> = indices.iter().map(|&i| chars[i]).collect();
                proptest::prop_assert_eq!(picked, wanted);
                proptest::prop_assert!(indices.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
