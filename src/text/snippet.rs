//! A line's worth of a long text around what was found in it, for result
//! lists (the finder, `resreader search`).

use std::ops::Range;

/// A window of about `chars` characters of `text` around its first range,
/// with `…` where it was cut, as (snippet, the ranges that fall within it).
/// Ranges that do not fit `text` (past its end, inside a character) are
/// left out rather than trusted.
pub fn snippet(text: &str, ranges: &[Range<usize>], chars: usize) -> (String, Vec<Range<usize>>) {
    let fits = |r: &&Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let ranges: Vec<Range<usize>> = ranges.iter().filter(fits).cloned().collect();
    let first = ranges.first().map(|r| r.start).unwrap_or(0);
    let before = chars / 3;
    let start = text[..first]
        .char_indices()
        .rev()
        .nth(before.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let start = if start == 0 {
        0
    } else {
        text[start..]
            .find(' ')
            .map(|s| start + s + 1)
            .filter(|&s| s <= first)
            .unwrap_or(start)
    };
    let end = text[start..]
        .char_indices()
        .nth(chars)
        .map(|(i, _)| start + i)
        .unwrap_or(text.len());
    let prefix = if start > 0 { "…" } else { "" };
    let snippet = format!(
        "{prefix}{}{}",
        &text[start..end],
        if end < text.len() { "…" } else { "" }
    );
    let shift = prefix.len();
    let kept = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    (snippet, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_keep_the_highlight() {
        let text = "word ".repeat(40) + "Gaza " + &"more ".repeat(40);
        let at = text.find("Gaza").unwrap();
        let hit = at..at + 4;
        let (snippet, ranges) = snippet(&text, std::slice::from_ref(&hit), 40);
        assert_eq!(&snippet[ranges[0].clone()], "Gaza");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
    }

    #[test]
    fn ranges_that_do_not_fit_the_text_are_left_out() {
        let text = "очень длинный текст ".repeat(10);
        #[allow(clippy::reversed_empty_ranges)]
        let bad_ranges = [1..3, 0..10_000, 5..2, 399..401];
        for bad in bad_ranges {
            let (snippet, ranges) = snippet(&text, &[bad.clone(), 2..4], 20);
            assert!(snippet.starts_with("оч"), "{bad:?}: {snippet}");
            assert_eq!(ranges, vec![2..4], "{bad:?}");
        }
    }
}
