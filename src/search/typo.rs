//! One wrong, missing, extra or swapped letter in titles mode: a term that
//! matches no title as typed still finds the titles with a word that
//! begins within one such edit of it (strsim's optimal string alignment),
//! ranked below every title that matches as typed.
//!
//! Beginning rather than whole words keeps typing monotonic: a term that
//! is one edit from the start of a word was, a letter shorter, one edit
//! from a shorter start, so the finder can keep narrowing the previous
//! results.

/// Terms shorter than this are not corrected (too many words are one
/// letter away from them).
pub const MIN_CHARS: usize = 5;

/// A corrected term's score: below any term matched as typed.
pub const SCORE: i64 = -2 * super::score::LITERAL;

/// Whether `term` (folded) is one edit from the start of a word of
/// `folded` — checked only when its character classes all but one occur
/// there (the mask prefilter).
pub fn matches(folded: &str, folded_mask: u64, term: &str, term_mask: u64) -> bool {
    if (term_mask & !folded_mask).count_ones() > 1 {
        return false;
    }
    let mut chars = [' '; MAX_CHARS];
    let mut n = 0;
    for c in term.chars() {
        if n == MAX_CHARS {
            return false;
        }
        chars[n] = c;
        n += 1;
    }
    if n < MIN_CHARS {
        return false;
    }
    folded
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| starts_within_one_edit(word, &chars[..n]))
}

/// Longer terms are not corrected (nobody types a word this long).
const MAX_CHARS: usize = 48;

/// Whether a start of `word` of `n` - 1, `n` or `n` + 1 characters is
/// within one edit of `term` (`n` characters long) in the optimal string
/// alignment distance: one letter wrong, missing, extra, or two swapped.
/// Hand-written rather than strsim's `osa_distance` (what it gave before,
/// checked by a test): that fills a table for each of the three starts of
/// every word of every title, a fifth of a keystroke; here one pass from
/// the first difference, without allocating.
fn starts_within_one_edit(word: &str, term: &[char]) -> bool {
    let n = term.len();
    let mut w = [' '; MAX_CHARS + 1];
    let mut len = 0;
    for c in word.chars().take(n + 1) {
        w[len] = c;
        len += 1;
    }
    let w = &w[..len];
    let Some(i) = (0..len.min(n)).find(|&i| w[i] != term[i]) else {
        // The word starts with the term, or with all of it but its last letter.
        return len + 1 >= n;
    };
    let wrong = len >= n && w[i + 1..n] == term[i + 1..];
    let swapped = i + 1 < n
        && len >= n
        && w[i] == term[i + 1]
        && w[i + 1] == term[i]
        && w[i + 2..n] == term[i + 2..];
    let extra = len > n && w[i + 1..] == term[i..];
    let missing = len + 1 >= n && w[i..n - 1] == term[i + 1..];
    wrong || swapped || extra || missing
}

#[cfg(test)]
mod tests {
    use super::super::fold;
    use super::*;

    fn m(title: &str, term: &str) -> bool {
        let (t, q) = (fold::fold(title), fold::fold(term));
        matches(&t.text, t.mask, &q.text, q.mask)
    }

    #[test]
    fn one_swapped_wrong_missing_or_extra_letter() {
        let title = "Solidarity with the struggling peoples";
        assert!(m(title, "soildarity"));
        assert!(m(title, "solidaroty"));
        assert!(m(title, "solidarty"));
        assert!(m(title, "solidaarity"));
        assert!(m(title, "strugg1ing"));
        // The start of a word, as typed so far.
        assert!(m(title, "strugl"));
        assert!(!m(title, "sloidraity"), "two edits");
        assert!(m(title, "peple"));
    }

    /// The start of a word of n - 1 to n + 1 letters within one edit, as
    /// strsim's optimal string alignment distance says.
    fn by_strsim(word: &str, term: &str) -> bool {
        let n = term.chars().count();
        word.char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .skip(n - 1)
            .take(3)
            .any(|end| strsim::osa_distance(&word[..end], term) <= 1)
    }

    proptest::proptest! {
        #[test]
        fn one_edit_as_strsim_counts_it(word in "[abcé]{0,9}", term in "[abcé]{1,7}") {
            let chars: Vec<char> = term.chars().collect();
            proptest::prop_assert_eq!(
                starts_within_one_edit(&word, &chars),
                by_strsim(&word, &term),
                "{:?} {:?}", word, term
            );
        }
    }
}
