//! Latin queries against text in an abjad (Arabic, Persian, Urdu,
//! Hebrew). Its transliteration holds the consonants and the letters that
//! write long vowels (ا و ي as a, w, i) but no short vowels, which are not
//! written; a Latin query has both. So a word is found by its consonants
//! (its skeleton: "gaza" is "gz", as غزة is), and among the words sharing
//! a skeleton — many do (تأمين and تؤمن are both "tmn") — the one whose
//! written vowels agree with the query's ranks first: "tamin" is
//! "t(a)m-i-n", as تأمين is.

use super::query::TermKind;
// Scored as `score` scores: a matched letter, consecutive letters, a word
// start and a word end.
use super::score::{CONSECUTIVE, LITERAL, MATCH, WORD_END, WORD_START};
use crate::search::fold::is_abjad_vowel;

/// Each letter of the query, vowels included, that agrees with the word
/// from its start, when the query's vowels do not all agree.
const AGREEING: i64 = 3;
/// Widest span, in transliterated letters, of a consonant-only match that
/// is not a word's start (a fixed one, so typing more only narrows).
const WINDOW: usize = 20;

fn is_vowel(b: u8) -> bool {
    is_abjad_vowel(b as char)
}

/// Vowel letters by sound, so that و written "w" meets a typed "u" or
/// "o", and ي ("i") a typed "e".
fn class(b: u8) -> u8 {
    match b {
        b'e' | b'i' | b'y' => b'i',
        b'o' | b'u' | b'w' | b'v' => b'u',
        other => other,
    }
}

/// The end of `skeleton`'s consonants following one another in `text`
/// from `at`, vowel letters between them skipped.
fn consonants_from(text: &[u8], mut at: usize, skeleton: &[u8]) -> Option<usize> {
    for (k, &c) in skeleton.iter().enumerate() {
        if k > 0 {
            while text.get(at).is_some_and(|&b| is_vowel(b)) {
                at += 1;
            }
        }
        if text.get(at) != Some(&c) {
            return None;
        }
        at += 1;
    }
    Some(at)
}

/// The match of a query against the word of `text` starting at `start`
/// and ending at `end`, if the word's consonants (from its first one)
/// start with `skeleton`: its score.
fn word_score(text: &[u8], start: usize, end: usize, skeleton: &[u8], loose: &[u8]) -> Option<i64> {
    let word = &text[start..end];
    let first = word.iter().position(|&b| !is_vowel(b))?;
    let matched = consonants_from(word, first, skeleton)?;
    let whole = word[matched..].iter().all(|&b| is_vowel(b));
    let agree = word
        .iter()
        .zip(loose)
        .take_while(|(w, q)| class(**w) == class(**q))
        .count();
    let letters = skeleton.len() as i64;
    Some(if agree == loose.len() {
        // Every letter typed agrees, vowels included: as a literal match.
        let n = loose.len() as i64;
        let same =
            word.len() == loose.len() || word[loose.len()..].iter().all(|&b| is_vowel(b)) && whole;
        LITERAL + MATCH * n + CONSECUTIVE * (n - 1) + WORD_START + if same { WORD_END } else { 0 }
    } else {
        LITERAL
            + MATCH * letters
            + CONSECUTIVE * (letters - 1)
            + AGREEING * agree as i64
            + if whole { WORD_END } else { 0 }
    })
}

/// Match a Latin term — `loose` (see `fold::loose`) and its `skeleton` —
/// against the transliteration `text` of abjad text: score, byte offset
/// and (when `collect`) the matched letters' indices.
pub(super) fn find(
    text: &str,
    loose: &str,
    skeleton: &str,
    kind: TermKind,
    collect: bool,
) -> Option<(i64, usize, Vec<usize>)> {
    let (bytes, wanted) = (text.as_bytes(), skeleton.as_bytes());
    let (&first, _) = wanted.split_first()?;
    let indices = |start: usize, end: usize| {
        if collect {
            (start..end).filter(|&i| !is_vowel(bytes[i])).collect()
        } else {
            Vec::new()
        }
    };
    match kind {
        TermKind::Fuzzy | TermKind::Exact => {
            // The best word whose consonants start with the term's.
            let mut best: Option<(i64, usize, usize)> = None;
            let mut start = 0;
            for end in memchr::memchr_iter(b' ', bytes).chain([bytes.len()]) {
                let word = &bytes[start..end];
                if word.iter().find(|&&b| !is_vowel(b)) == Some(&first)
                    && let Some(score) = word_score(bytes, start, end, wanted, loose.as_bytes())
                    && best.is_none_or(|(b, _, _)| score > b)
                {
                    best = Some((score, start, end));
                }
                start = end + 1;
            }
            if let Some((score, start, end)) = best {
                return Some((score, start, indices(start, end)));
            }
            // Else the consonants in order inside the word, for an exact
            // term; anywhere close together for a fuzzy one.
            if kind == TermKind::Exact {
                let at = memchr::memchr_iter(first, bytes)
                    .find(|&at| consonants_from(bytes, at, wanted).is_some())?;
                let end = consonants_from(bytes, at, wanted)?;
                let n = wanted.len() as i64;
                return Some((
                    LITERAL + MATCH * n + CONSECUTIVE * (n - 1),
                    at,
                    indices(at, end),
                ));
            }
            let (score, found) = compact_subsequence(text, skeleton, WINDOW)?;
            Some((
                score,
                found.first().copied().unwrap_or(0),
                if collect { found } else { Vec::new() },
            ))
        }
        TermKind::Prefix => {
            let at = bytes.iter().position(|&b| !is_vowel(b) && b != b' ')?;
            let end = consonants_from(bytes, at, wanted)?;
            Some((LITERAL + MATCH * wanted.len() as i64, at, indices(at, end)))
        }
        TermKind::Suffix => {
            // The text's last consonants, read backwards.
            let consonants: Vec<usize> = bytes
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, b)| !is_vowel(**b) && **b != b' ')
                .take(wanted.len())
                .map(|(i, _)| i)
                .collect();
            let last: Vec<u8> = consonants.iter().rev().map(|&i| bytes[i]).collect();
            if last != wanted {
                return None;
            }
            let at = *consonants.last()?;
            Some((
                LITERAL + MATCH * wanted.len() as i64,
                at,
                indices(at, bytes.len()),
            ))
        }
    }
}

/// The tightest occurrence of `query` as a subsequence of `text` spanning at
/// most `window` characters: score and indices. Both are ASCII (a
/// transliteration and a Latin query), so bytes are characters.
fn compact_subsequence(text: &str, query: &str, window: usize) -> Option<(i64, Vec<usize>)> {
    let (text, query) = (text.as_bytes(), query.as_bytes());
    let (&first, rest) = query.split_first()?;
    // The end of the greedy match of `rest` after `start`, within the window.
    let end_from = |start: usize| -> Option<usize> {
        let limit = text.len().min(start + window);
        let mut at = start;
        for &q in rest {
            at += 1 + memchr::memchr(q, text.get(at + 1..limit)?)?;
        }
        Some(at)
    };
    let (start, end) = memchr::memchr_iter(first, text)
        .filter_map(|start| Some((start, end_from(start)?)))
        .min_by_key(|(start, end)| end - start)?;
    let mut indices = vec![start];
    let mut at = start;
    for &q in rest {
        at += 1 + memchr::memchr(q, &text[at + 1..=end])?;
        indices.push(at);
    }
    let span = end - start;
    Some((16 * query.len() as i64 - 2 * span as i64 + 16, indices))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::{loose, skeleton, transliterate};

    fn score(text: &str, query: &str, kind: TermKind) -> Option<i64> {
        let (q, t) = (loose(query), transliterate(text).text);
        find(&t, &q, &skeleton(&q), kind, false).map(|(s, _, _)| s)
    }

    #[test]
    fn written_vowels_that_agree_rank_a_word_above_others_of_its_consonants() {
        let fuzzy = |text| score(text, "tamin", TermKind::Fuzzy).expect("a match");
        // تأمين and تؤمن are both t-m-n; only the first has the i.
        assert!(fuzzy("حق التأمين تأمين") > fuzzy("هو تؤمن به"));
        // و read as u or w, ة as a final a.
        assert!(score("وشعوب", "wshub", TermKind::Fuzzy) > score("وشعب", "wshub", TermKind::Fuzzy));
        assert!(
            score("الجماعة", "aljmaa", TermKind::Fuzzy) > score("الجمع", "aljmaa", TermKind::Fuzzy)
        );
        // The whole word beats a longer word that starts with it.
        assert!(fuzzy("تأمين") > fuzzy("تأمينات"));
    }

    #[test]
    fn every_kind_of_term_meets_the_consonants() {
        assert!(score("في غزة الآن", "gaza", TermKind::Exact).is_some());
        assert!(score("في غزة الآن", "gaza", TermKind::Exact) >= Some(LITERAL));
        assert!(score("غزة الآن", "gaza", TermKind::Prefix).is_some());
        assert!(score("في غزة", "gaza", TermKind::Prefix).is_none());
        assert!(score("في غزة", "gaza", TermKind::Suffix).is_some());
        assert!(score("غزة الآن", "gaza", TermKind::Suffix).is_none());
        // Consonants strewn far apart are no match; close together, a weak one.
        assert!(score("غ في ز", "gaza", TermKind::Exact).is_none());
        assert!(score("غ في ز", "gaza", TermKind::Fuzzy).is_some_and(|s| s < LITERAL));
    }
}
