//! A full-text search without an index: the library's translations are
//! read, folded and matched on every core, as grep reads files, and only
//! the paragraphs that match are kept. `resreader search --full-text` does
//! this when no current index is cached, rather than building and writing
//! a 300 MB index it may never use again; the reader (or `resreader
//! index`) builds the index.

use super::index::{Index, IndexBuilder, searched_text};
use super::prefilter::Prefilter;
use super::query::{Query, TermKind};
use super::{Hit, Matching, filters_pass, match_entry};
use crate::library::{Entry, Library};

/// The hits of `query` among every paragraph of `library`, best first
/// (then in library order, as [`search`]), with an index holding just the
/// matching paragraphs for showing them.
pub fn search_library(library: &Library, query: &Query) -> (Index, Vec<Hit>) {
    let entries: Vec<&Entry> = library
        .entries
        .iter()
        .filter(|e| e.problem.is_none())
        .collect();
    // Small parts, so the cores stay busy to the end.
    let size = entries.len().div_ceil(crate::parallel::cores() * 8).max(1);
    let prefilter = Prefilter::new(query);
    let parts = crate::parallel::map_chunks(&entries, size, |part| {
        let m = Matching::new(query, false);
        let wanted = |folded: &str| needs_transliteration(query, folded);
        let mut kept = IndexBuilder::default();
        let mut scores = Vec::new();
        // One paragraph at a time, in buffers used again and again.
        let mut one = IndexBuilder::default();
        for e in part {
            for lang in e.meta.translations.keys() {
                if !query.langs.is_empty() && !query.langs.contains(lang) {
                    continue;
                }
                let Ok(t) = crate::library::read_translation(e, lang) else {
                    continue;
                };
                let (id, title) = (e.meta.id.as_str(), t.meta.title.as_str());
                let (org, date) = (
                    e.meta.organization.as_deref(),
                    e.meta.date.map(|d| d.latest()),
                );
                one.clear();
                one.doc(id, lang, title, org, date);
                if !one.docs().first().is_some_and(|d| filters_pass(query, d)) {
                    continue;
                }
                let mut doc = None;
                for (i, block) in t.blocks.iter().enumerate() {
                    let text = searched_text(block);
                    if prefilter.as_ref().is_some_and(|p| !p.may_match(&text)) {
                        continue;
                    }
                    one.clear_entries();
                    one.push_if(0, Some(i), &text, wanted);
                    let index = one.finish();
                    if let Some(found) = match_entry(&m, &index, 0, query) {
                        let doc = *doc.get_or_insert_with(|| kept.doc(id, lang, title, org, date));
                        kept.push_entry_of(&index, 0, doc);
                        scores.push((found.score, found.transliterated));
                    }
                    one = index.reopen();
                }
            }
        }
        (kept, scores)
    });
    let mut builders = Vec::new();
    let mut scores = Vec::new();
    for (b, s) in parts {
        builders.push(b);
        scores.extend(s);
    }
    let index = IndexBuilder::concat(builders).finish();
    let mut hits: Vec<Hit> = scores
        .into_iter()
        .enumerate()
        .map(|(entry, (score, transliterated))| Hit {
            entry,
            score,
            transliterated,
        })
        .collect();
    hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.entry));
    (index, hits)
}

/// Whether matching `query` against a paragraph folded to `folded` could
/// look at its transliteration: only a Latin term (positive or negated)
/// not found in the script is looked for there. The byte tests here are
/// the ones [`super::match_term`] starts with, and for ASCII terms they
/// decide whether the script matches, so leaving the transliteration out
/// changes no result. Transliterating is the dearest part of reading a
/// paragraph.
fn needs_transliteration(query: &Query, folded: &str) -> bool {
    let bytes = folded.as_bytes();
    query.terms.iter().any(|t| {
        let term = t.folded.as_bytes();
        t.folded.is_ascii()
            && !match t.kind {
                TermKind::Fuzzy => super::bytes_in_order(bytes, term),
                TermKind::Exact => memchr::memmem::find(bytes, term).is_some(),
                TermKind::Prefix => bytes.starts_with(term),
                TermKind::Suffix => bytes.ends_with(term),
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryOptions;
    use crate::search::search;

    /// Streaming gives what the index gives: the same paragraphs, scores,
    /// order and highlights.
    #[test]
    fn a_streamed_search_equals_an_indexed_one() {
        let library = Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        });
        let full = Index::full_text(&library);
        let key = |index: &Index, query: &Query, h: &Hit| {
            let e = index.entry(h.entry).expect("an entry");
            let highlights = crate::search::ranges(index, query, h);
            (
                e.id.to_string(),
                e.lang.to_string(),
                e.block,
                h.score,
                highlights,
            )
        };
        for raw in [
            "gaza",
            "'блокад",
            "tokaev",
            "imperialism !war",
            "lang:ru солидарн",
            "'gaza солидарн",
            "^solid tion$",
            "gaza !tokaev",
            "zzzzqx",
            "الحرب",
            "للشعوب",
        ] {
            let query = Query::parse(raw);
            let (streamed, hits) = search_library(&library, &query);
            let expected: Vec<_> = search(&full, &query, None)
                .iter()
                .map(|h| key(&full, &query, h))
                .collect();
            let got: Vec<_> = hits.iter().map(|h| key(&streamed, &query, h)).collect();
            assert_eq!(got, expected, "{raw}");
            assert_eq!(streamed.len(), hits.len(), "only the hits are kept");
        }
    }
}
