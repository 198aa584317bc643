//! A full-text search without an index: the library's translations are
//! read, folded and matched on every core, as grep reads files, and only
//! the paragraphs that match are kept. `resreader search --full-text` does
//! this when no current index is cached, rather than building and writing
//! a 300 MB index it may never use again; the reader (or `resreader
//! index`) builds the index.

use super::index::{Index, IndexBuilder};
use super::query::Query;
use super::{Hit, search};
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
    let parts = crate::parallel::map_chunks(&entries, size, |part| {
        let mut kept = IndexBuilder::default();
        let mut scores = Vec::new();
        for e in part {
            for lang in e.meta.translations.keys() {
                if !query.langs.is_empty() && !query.langs.contains(lang) {
                    continue;
                }
                let mut one = IndexBuilder::default();
                if !super::index::push_translation(&mut one, e, lang) {
                    continue;
                }
                let index = one.finish();
                let hits = search(&index, query, None);
                if hits.is_empty() {
                    continue;
                }
                let mut hits = hits;
                // Kept in library order; ranked once all are in.
                hits.sort_unstable_by_key(|h| h.entry);
                let Some(first) = index.entry(hits[0].entry) else {
                    continue;
                };
                let doc = kept.doc(
                    first.id,
                    first.lang,
                    first.title,
                    first.organization,
                    first.date,
                );
                for h in hits {
                    if let Some(entry) = index.entry(h.entry) {
                        kept.push(doc, entry.block, entry.text);
                        scores.push((h.score, h.transliterated));
                    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryOptions;

    /// Streaming gives what the index gives: the same paragraphs, scores
    /// and order.
    #[test]
    fn a_streamed_search_equals_an_indexed_one() {
        let library = Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        });
        let full = Index::full_text(&library);
        let key = |index: &Index, h: &Hit| {
            let e = index.entry(h.entry).expect("an entry");
            (e.id.to_string(), e.lang.to_string(), e.block, h.score)
        };
        for raw in [
            "gaza",
            "'блокад",
            "tokaev",
            "imperialism !war",
            "lang:ru солидарн",
            "zzzzqx",
        ] {
            let query = Query::parse(raw);
            let (streamed, hits) = search_library(&library, &query);
            let expected: Vec<_> = search(&full, &query, None)
                .iter()
                .map(|h| key(&full, h))
                .collect();
            let got: Vec<_> = hits.iter().map(|h| key(&streamed, h)).collect();
            assert_eq!(got, expected, "{raw}");
            assert_eq!(streamed.len(), hits.len(), "only the hits are kept");
        }
    }
}
