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
    let n = term.chars().count();
    if n < MIN_CHARS {
        return false;
    }
    folded
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| starts_within_one_edit(word, term, n))
}

/// Whether a start of `word` of `n` - 1, `n` or `n` + 1 characters is
/// within one edit of `term` (`n` characters long).
fn starts_within_one_edit(word: &str, term: &str, n: usize) -> bool {
    word.char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .skip(n - 1)
        .take(3)
        .any(|end| strsim::osa_distance(&word[..end], term) <= 1)
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
}
