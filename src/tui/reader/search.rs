//! Search within the open resolution (`/`, `n`, `N`): every column, folded
//! as the finder folds and with the same other spellings of a word, so that
//! what the finder found is found here too.

use super::Reader;
use crate::render::block_pieces;
use crate::search::fold;
use std::ops::Range;

/// One search hit: row, column, block within the row's cell, piece of the
/// block, byte range in the piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub row: usize,
    pub column: usize,
    pub block: usize,
    pub piece: usize,
    pub range: Range<usize>,
}

/// The search in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Index into `hits` of the one jumped to last.
    pub current: Option<usize>,
}

impl Reader {
    /// Search every column for `query`, folded as the finder folds; no jump.
    pub fn set_search(&mut self, query: &str) {
        self.search.query = query.to_string();
        self.rerun_search();
    }

    pub(super) fn rerun_search(&mut self) {
        let spellings = spellings(&self.search.query);
        let mut hits = Vec::new();
        if !spellings.is_empty() {
            for row in 1..self.rows.len() {
                for (column, lang) in self.columns.iter().enumerate() {
                    for (b, block) in self.blocks(lang)[self.rows[row][column].clone()]
                        .iter()
                        .enumerate()
                    {
                        for (piece, text) in block_pieces(block).iter().enumerate() {
                            for range in find_any(text, &spellings) {
                                hits.push(Hit {
                                    row,
                                    column,
                                    block: b,
                                    piece,
                                    range,
                                });
                            }
                        }
                    }
                }
            }
        }
        self.search.hits = hits;
        self.search.current = None;
        self.cache.borrow_mut().clear();
    }

    /// Jump to the next (or previous) hit after the top of the screen.
    pub fn jump_hit(&mut self, forward: bool) -> bool {
        let hits = &self.search.hits;
        if hits.is_empty() {
            return false;
        }
        let next = match (self.search.current, forward) {
            (Some(i), true) => (i + 1) % hits.len(),
            (Some(i), false) => (i + hits.len() - 1) % hits.len(),
            (None, true) => hits.iter().position(|h| h.row >= self.top).unwrap_or(0),
            (None, false) => hits
                .iter()
                .rposition(|h| h.row <= self.top)
                .unwrap_or(hits.len() - 1),
        };
        self.search.current = Some(next);
        self.top = hits[next].row;
        self.offset = 0;
        true
    }
}

/// The query folded and, as the finder looks for them, its other
/// spellings (the word with or without its article); none for an empty
/// query.
fn spellings(query: &str) -> Vec<Vec<char>> {
    let folded = fold::fold(query).text;
    if folded.is_empty() {
        return Vec::new();
    }
    std::iter::once(folded.clone())
        .chain(crate::search::article::variants(&folded))
        .map(|s| s.chars().collect())
        .collect()
}

/// Byte ranges of every match of any of the folded `spellings` in `text`,
/// in order, the first spelling kept where two overlap.
fn find_any(text: &str, spellings: &[Vec<char>]) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for spelling in spellings {
        for range in find_all(text, spelling) {
            if !found
                .iter()
                .any(|r| r.start < range.end && range.start < r.end)
            {
                found.push(range);
            }
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// Byte ranges of every match of the folded `query` in `text`, folded the
/// finder's way (case in every script, diacritics, ё/е, Arabic marks and
/// letter variants), so what the finder found is found here too.
fn find_all(text: &str, query: &[char]) -> Vec<Range<usize>> {
    let folded = fold::fold(text);
    let chars: Vec<char> = folded.text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while !query.is_empty() && i + query.len() <= chars.len() {
        if chars[i..i + query.len()] == *query {
            if let (Some(first), Some(last)) =
                (folded.map.get(i), folded.map.get(i + query.len() - 1))
            {
                // Marks that fold to nothing right after the match (harakat)
                // stay with their letter.
                let next = folded
                    .map
                    .get(i + query.len())
                    .map_or(text.len(), |r| r.start);
                out.push(first.start..last.end.max(next));
            }
            i += query.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_folds_like_the_finder_in_every_script() {
        // "ocupacion" finds "ocupación" (the finder's folding: diacritics).
        let text = "la ocupación israelí";
        let q = |s: &str| fold::fold(s).text.chars().collect::<Vec<char>>();
        assert_eq!(find_all(text, &q("ocupacion")), vec![3..13]);
        assert_eq!(&text[3..13], "ocupación");
        assert_eq!(find_all(text, &q("ISRAELI")).len(), 1);
        // ё/е and case in Cyrillic.
        assert_eq!(find_all("Ещё раз", &q("еще")), vec![0.."Ещё".len()]);
        // Arabic: harakat and tatweel ignored, alef variants one letter,
        // a trailing mark highlighted with its letter.
        let arabic = "نُعْرِبُ عن تضامنـــنا مع أهل";
        let hit = find_all(arabic, &q("نعرب"));
        assert_eq!(hit.len(), 1);
        assert_eq!(&arabic[hit[0].clone()], "نُعْرِبُ");
        assert_eq!(find_all(arabic, &q("تضامننا")).len(), 1);
        assert_eq!(find_all(arabic, &q("اهل")).len(), 1);
        assert!(find_all(arabic, &q("")).is_empty());
    }

    /// As the finder does, a word typed with its article finds it written
    /// without, or after ل; the spelling typed wins where both match.
    #[test]
    fn search_finds_a_word_with_or_without_its_article() {
        let text = "التضامن للتضامن وتضامننا";
        let found: Vec<&str> = find_any(text, &spellings("التضامن"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["التضامن", "للتضامن", "تضامن"]);
    }
}
