//! The finder's engine: entries (one per translation title, or one per
//! paragraph), folded and transliterated once, matched against a query.
//! Shared by the TUI's finder and `resreader search`.
//!
//! Speed, as fzf does it: a bit-mask prefilter before the scorer; when the
//! query only narrows the previous one, only the previous results are
//! checked; large indexes are scored on every core.

pub mod cache;
pub mod fold;
pub mod index;
pub mod mapped;
pub mod query;

pub use index::{EntryRef, Index, IndexBuilder};

use fold::{highlight_ranges, skeleton};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::{Query, Term, TermKind};
use std::ops::Range;

/// One result: which entry and how well it matched. Where it matched is
/// worked out on demand by [`ranges`], for the few hits that are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub score: i64,
    /// Matched only through the transliteration.
    pub transliterated: bool,
}

/// Matches found through a transliteration rank below matches in the script.
const TRANSLITERATED_PENALTY: i64 = 2;
/// Texts longer than this (paragraphs) are scored by the linear matcher.
const LONG_TEXT: usize = 160;

fn exact_score(len: usize) -> i64 {
    16 * len as i64 + 32
}

/// Whether the bytes of `query` occur in order in `text`: a necessary
/// condition for a fuzzy match of UTF-8 text, checked with memchr.
fn bytes_in_order(text: &[u8], query: &[u8]) -> bool {
    let mut at = 0;
    for &b in query {
        match memchr::memchr(b, &text[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

/// A linear fuzzy match for long texts, in the manner of fzf's first
/// algorithm: the first occurrence of the query as a subsequence, tightened
/// from its end backwards, scored by matches, runs and word starts less the
/// gaps. fuzzy-matcher's scorer is quadratic, too slow over paragraphs; it
/// stays in use for titles. Matched indices are collected only when asked.
fn linear_fuzzy_with(text: &str, query: &str, collect: bool) -> Option<(i64, Vec<usize>)> {
    if query.is_empty() {
        return Some((0, Vec::new()));
    }
    let bytes = text.as_bytes();
    let mut utf8 = [0u8; 4];
    // Forward: where the first full occurrence ends. A character's UTF-8
    // bytes are found only where that character is, so the search can jump
    // (memchr for ASCII, memmem otherwise).
    let mut end = 0;
    for c in query.chars() {
        end += if c.is_ascii() {
            memchr::memchr(c as u8, &bytes[end..])? + 1
        } else {
            let c = c.encode_utf8(&mut utf8).as_bytes();
            memchr::memmem::find(&bytes[end..], c)? + c.len()
        };
    }
    // Backward from there: the latest start, so the match is tight.
    let mut start = end;
    for c in query.chars().rev() {
        start = if c.is_ascii() {
            memchr::memrchr(c as u8, &bytes[..start])?
        } else {
            memchr::memmem::rfind(&bytes[..start], c.encode_utf8(&mut utf8).as_bytes())?
        };
    }
    // Forward again inside the window, collecting char indices and a score.
    let first_char = if collect {
        text[..start].chars().count()
    } else {
        0
    };
    let mut indices = Vec::new();
    let mut score = 0i64;
    let mut wanted = query.chars().peekable();
    let mut previous: Option<char> = text[..start].chars().next_back();
    let mut last_match: Option<usize> = None;
    for (n, c) in text[start..end].chars().enumerate() {
        if wanted.next_if_eq(&c).is_some() {
            score += 16;
            if last_match == Some(n.wrapping_sub(1)) {
                score += 8;
            }
            if previous.is_none_or(|p| !p.is_alphanumeric()) {
                score += 8;
            }
            if collect {
                indices.push(first_char + n);
            }
            last_match = Some(n);
        } else {
            score -= 1;
        }
        previous = Some(c);
    }
    Some((score, indices))
}

/// How to match: which scorer, and whether to collect matched positions.
struct Matching {
    skim: SkimMatcherV2,
    /// Use the linear matcher for every text (large indexes), so scores
    /// are the same whichever candidates a keystroke checks.
    linear_only: bool,
    /// Collect matched character indices (for highlights), or only score.
    collect: bool,
    /// Per term of the query: its consonants (for abjad transliterations)
    /// and the masks of both forms.
    skeletons: Vec<(String, u64)>,
}

impl Matching {
    fn new(index: &Index, query: &Query, collect: bool) -> Matching {
        Matching {
            skim: SkimMatcherV2::default(),
            linear_only: index.len() > SKIM_LIMIT,
            collect,
            skeletons: query
                .terms
                .iter()
                .map(|t| {
                    let s = skeleton(&t.folded);
                    let mask = fold::mask(&s);
                    (s, mask)
                })
                .collect(),
        }
    }
}

/// Indexes larger than this are scored by the linear matcher alone.
const SKIM_LIMIT: usize = 2048;

/// Match one term against folded text: score and matched character indices.
/// The cheap byte tests come first; text from a cache file is checked to be
/// UTF-8 only when it gets past them.
fn match_term<'a>(
    m: &Matching,
    bytes: &[u8],
    text: impl FnOnce() -> Option<&'a str>,
    term: &str,
    kind: TermKind,
) -> Option<(i64, Vec<usize>)> {
    let term_bytes = term.as_bytes();
    let found = match kind {
        TermKind::Fuzzy => bytes_in_order(bytes, term_bytes).then_some(0),
        TermKind::Exact => memchr::memmem::find(bytes, term_bytes),
        TermKind::Prefix => bytes.starts_with(term_bytes).then_some(0),
        TermKind::Suffix => bytes
            .ends_with(term_bytes)
            .then(|| bytes.len() - term_bytes.len()),
    }?;
    let text = text()?;
    let char_range = |byte: usize| {
        if !m.collect {
            return Vec::new();
        }
        let start = text[..byte].chars().count();
        (start..start + term.chars().count()).collect::<Vec<_>>()
    };
    match kind {
        TermKind::Fuzzy if m.linear_only || text.len() > LONG_TEXT => {
            linear_fuzzy_with(text, term, m.collect)
        }
        TermKind::Fuzzy if m.collect => m.skim.fuzzy_indices(text, term),
        TermKind::Fuzzy => m.skim.fuzzy_match(text, term).map(|s| (s, Vec::new())),
        TermKind::Exact => Some((exact_score(term.len()), char_range(found))),
        TermKind::Prefix | TermKind::Suffix => {
            Some((exact_score(term.len()) + 16, char_range(found)))
        }
    }
}

/// Where one term matched: the form of the text and the character indices.
type TermMatch = (Form, Vec<usize>);

/// Which form of an entry's text a term matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Script,
    Transliteration,
}

/// How an entry matched a query.
struct EntryMatch {
    score: i64,
    /// Some term matched only through the transliteration.
    transliterated: bool,
    /// Per matched term, the form and character indices (when collecting).
    matches: Vec<TermMatch>,
}

/// Match every term of the query against entry `i`.
fn match_entry(m: &Matching, index: &Index, i: usize, query: &Query) -> Option<EntryMatch> {
    let row = index.rows.get(i)?;
    let doc = index.docs.get(row.doc as usize)?;
    if !query.langs.is_empty() && !query.langs.contains(&doc.lang) {
        return None;
    }
    if !query.orgs.is_empty()
        && !query
            .orgs
            .iter()
            .any(|o| doc.org_folded.contains(o.as_str()))
    {
        return None;
    }
    if !query.years.is_empty() && !doc.date.is_some_and(|d| query.years.contains(&d.year)) {
        return None;
    }
    let mut score = 0i64;
    // Allocated only when matches are collected (highlights): a search
    // checks hundreds of thousands of entries.
    let mut matches = Vec::new();
    let mut transliterated = false;
    for (t, term) in query.terms.iter().enumerate() {
        match (find(m, index, i, row, t, term), term.negated) {
            (Some(_), true) | (None, false) => return None,
            (None, true) => {}
            (Some((s, form, indices)), false) => {
                score += s;
                transliterated |= form == Form::Transliteration;
                if m.collect {
                    matches.push((form, indices));
                }
            }
        }
    }
    Some(EntryMatch {
        score,
        transliterated,
        matches,
    })
}

fn find(
    m: &Matching,
    index: &Index,
    i: usize,
    row: &index::Row,
    t: usize,
    term: &Term,
) -> Option<(i64, Form, Vec<usize>)> {
    if row.folded_mask & term.mask == term.mask
        && let Some((score, indices)) = match_term(
            m,
            index.folded_bytes(i),
            || index.folded_str(i),
            &term.folded,
            term.kind,
        )
    {
        return Some((score, Form::Script, indices));
    }
    // A Latin query may name a word written in another script (entries
    // whose folded text is ASCII have no transliteration).
    let translit = index.translit_bytes(i);
    if !term.folded.is_ascii() || translit.is_empty() {
        return None;
    }
    let (wanted, wanted_mask) = if row.abjad {
        let (s, mask) = m.skeletons.get(t)?;
        (s.as_str(), *mask)
    } else {
        (term.folded.as_str(), term.mask)
    };
    if wanted.is_empty() || row.translit_mask & wanted_mask != wanted_mask {
        return None;
    }
    let (score, indices) = if row.abjad && term.kind == TermKind::Fuzzy {
        // Consonants alone match too easily across a long text: they must
        // fall within one short window (a fixed one, so that typing more
        // only ever narrows the results).
        if !bytes_in_order(translit, wanted.as_bytes()) {
            return None;
        }
        compact_subsequence(index.translit_str(i)?, wanted, ABJAD_WINDOW)?
    } else {
        match_term(m, translit, || index.translit_str(i), wanted, term.kind)?
    };
    Some((
        score / TRANSLITERATED_PENALTY,
        Form::Transliteration,
        indices,
    ))
}

/// Where `hit` matched in its entry's text, as byte ranges to highlight.
pub fn ranges(index: &Index, query: &Query, hit: &Hit) -> Vec<Range<usize>> {
    let Some(entry) = index.entry(hit.entry) else {
        return Vec::new();
    };
    let m = Matching::new(index, query, true);
    let Some(EntryMatch { matches, .. }) = match_entry(&m, index, hit.entry, query) else {
        return Vec::new();
    };
    // The map back to the original is made only as far as the last match.
    let needed = |form: Form| {
        matches
            .iter()
            .filter(|(f, _)| *f == form)
            .flat_map(|(_, indices)| indices.iter().map(|i| i + 1))
            .max()
            .unwrap_or(0)
    };
    let (script_chars, translit_chars) = (needed(Form::Script), needed(Form::Transliteration));
    let (mut folded, mut translit) = (None, None);
    let mut out = Vec::new();
    for (form, indices) in matches {
        match form {
            Form::Script => {
                let map = folded.get_or_insert_with(|| fold::fold_prefix(entry.text, script_chars));
                out.extend(highlight_ranges(map, indices));
            }
            Form::Transliteration => {
                let map = translit
                    .get_or_insert_with(|| fold::transliterate_prefix(entry.text, translit_chars));
                out.extend(
                    highlight_ranges(map, indices)
                        .into_iter()
                        .map(|r| word_around(entry.text, r)),
                );
            }
        }
    }
    merge(out)
}

/// Widest span, in transliterated characters, of a consonant-only match.
const ABJAD_WINDOW: usize = 12;

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

/// The word of `text` around `range`, so a cross-script hit shows whole.
fn word_around(text: &str, range: Range<usize>) -> Range<usize> {
    let is_word =
        |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(range.start);
    let end = text[range.end..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map(|(i, _)| range.end + i)
        .unwrap_or(text.len());
    start..end
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Search `index`, looking only at `candidates` when given (the previous
/// results of a query this one narrows). Best first: score, then newest.
pub fn search(index: &Index, query: &Query, candidates: Option<&[usize]>) -> Vec<Hit> {
    search_until(index, query, candidates, &|| false).unwrap_or_default()
}

/// [`search`], giving up (`None`) as soon as `stop` says so: a newer
/// keystroke cancels a search still running. `stop` is asked every
/// thousand entries or so.
pub fn search_until(
    index: &Index,
    query: &Query,
    candidates: Option<&[usize]>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let all: Vec<usize>;
    let ids: &[usize] = match candidates {
        // Previous hits come best first; in index order the entries are
        // read front to back through the blobs, which is much faster once
        // they are larger than the processor's caches.
        Some(c) if index.folded.bytes().len() < 4 << 20 => c,
        Some(c) => {
            all = {
                let mut sorted = c.to_vec();
                sorted.sort_unstable();
                sorted
            };
            &all
        }
        None => {
            all = (0..index.len()).collect();
            &all
        }
    };
    let m = Matching::new(index, query, false);
    let run = |chunk: &[usize]| -> Option<Vec<Hit>> {
        let mut hits = Vec::new();
        for part in chunk.chunks(1024) {
            if stop() {
                return None;
            }
            hits.extend(part.iter().filter_map(|&i| {
                let EntryMatch {
                    score,
                    transliterated,
                    ..
                } = match_entry(&m, index, i, query)?;
                Some(Hit {
                    entry: i,
                    score,
                    transliterated,
                })
            }));
        }
        // Best first: score, then library order (newest first, then id,
        // language, block). Each thread sorts its own part.
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.entry));
        Some(hits)
    };
    const PER_THREAD: usize = 4096;
    let threads = crate::parallel::cores().min(ids.len() / PER_THREAD).max(1);
    let hits: Vec<Hit> = if threads == 1 {
        run(ids)?
    } else {
        let parts = crate::parallel::map_chunks(ids, ids.len().div_ceil(threads), run);
        let mut all: Vec<Hit> = Vec::new();
        for part in parts {
            all = merge_sorted(all, part?);
        }
        all
    };
    (!stop()).then_some(hits)
}

/// Two lists of hits, each best first, as one.
fn merge_sorted(a: Vec<Hit>, b: Vec<Hit>) -> Vec<Hit> {
    if a.is_empty() {
        return b;
    }
    let key = |h: &Hit| (std::cmp::Reverse(h.score), h.entry);
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if key(x) <= key(y) => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(h) => out.push(h),
            None => return out,
        }
    }
}

/// A window of `text` around its first hit, as (text, ranges within it).
pub fn context(text: &str, ranges: &[Range<usize>], chars: usize) -> (String, Vec<Range<usize>>) {
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
    use crate::library::{Library, LibraryOptions};

    /// An index of titled entries (id, lang, text) with no organisation,
    /// date or block.
    fn index_of(entries: &[(&str, &str, &str)]) -> Index {
        let mut builder = IndexBuilder::default();
        for (id, lang, text) in entries {
            let doc = builder.doc(id, lang, "t", None, None);
            builder.push(doc, None, text);
        }
        builder.finish()
    }

    fn entry(index: &Index, i: usize) -> EntryRef<'_> {
        index.entry(i).expect("an entry")
    }

    fn bundled() -> Library {
        Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        })
    }

    fn titles(query: &str) -> Vec<(String, String)> {
        let index = Index::titles(&bundled());
        search(&index, &Query::parse(query), None)
            .into_iter()
            .map(|h| {
                (
                    entry(&index, h.entry).id.to_string(),
                    entry(&index, h.entry).lang.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_latin_query_finds_cyrillic_through_transliteration() {
        let found = titles("kazakhstan");
        assert_eq!(
            found.first().map(|(id, l)| (id.as_str(), l.as_str())),
            Some((
                "icor-2022-01-solidarnost-s-rabochimi-i-narodnymi-massami",
                "ru"
            ))
        );
    }

    #[test]
    fn case_folding_works_in_cyrillic() {
        let index = Index::full_text(&bundled());
        let upper = search(&index, &Query::parse("'ГАЗА"), None);
        let lower = search(&index, &Query::parse("'газа"), None);
        assert!(!upper.is_empty());
        assert_eq!(upper, lower);
    }

    #[test]
    fn gaza_finds_russian_and_arabic_and_ranks_the_script_first() {
        let index = index_of(&[
            ("ar", "ar", "وقف الحرب على غزة الآن"),
            ("ru", "ru", "Перемирие в секторе Газа"),
            ("en", "en", "Ceasefire in Gaza"),
            ("no", "ar", "التضامن مع الشعوب"),
        ]);
        let hits = search(&index, &Query::parse("gaza"), None);
        let ids: Vec<&str> = hits.iter().map(|h| entry(&index, h.entry).id).collect();
        assert_eq!(ids[0], "en");
        assert!(
            ids.contains(&"ru") && ids.contains(&"ar") && !ids.contains(&"no"),
            "{ids:?}"
        );
        // Highlights land on the word in the original script.
        let ar = hits
            .iter()
            .find(|h| entry(&index, h.entry).id == "ar")
            .unwrap();
        let text = entry(&index, ar.entry).text;
        let gaza = Query::parse("gaza");
        let shown: String = ranges(&index, &gaza, ar)
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(shown, "غزة");
        let ru = hits
            .iter()
            .find(|h| entry(&index, h.entry).id == "ru")
            .unwrap();
        let r = ranges(&index, &gaza, ru);
        assert_eq!(
            &entry(&index, ru.entry).text[r[0].start..r.last().unwrap().end],
            "Газа"
        );
    }

    #[test]
    fn highlights_land_on_original_characters_after_folding() {
        let index = index_of(&[
            ("fr", "fr", "Résolution ICOR Syrie"),
            ("ar", "ar", "في اﻷممي أكتوبر"),
        ]);
        let first = |q: &str| {
            let query = Query::parse(q);
            let hits = search(&index, &query, None);
            assert_eq!(hits.len(), 1, "{q}");
            ranges(&index, &query, &hits[0])[0].clone()
        };
        assert_eq!(&entry(&index, 0).text[first("'resol")], "Résol");
        // An alef with hamza found by a plain alef, in text with a stored
        // presentation-form ligature.
        assert_eq!(&entry(&index, 1).text[first("'اكتوبر")], "أكتوبر");
        assert_eq!(&entry(&index, 1).text[first("'الأممي")], "اﻷممي");
    }

    #[test]
    fn filters_and_negation() {
        assert!(titles("lang:ar").iter().all(|(_, l)| l == "ar"));
        assert_eq!(titles("@ar").len(), 1);
        assert!(
            titles("org:imcwp")
                .iter()
                .all(|(id, _)| id.starts_with("imcwp"))
        );
        assert!(
            titles("year:2025")
                .iter()
                .all(|(id, _)| id.contains("2025"))
        );
        let with = titles("solidarity");
        let without = titles("solidarity !ukraine");
        assert!(without.len() < with.len());
        assert!(
            titles("^secure")
                .iter()
                .all(|(id, _)| id.starts_with("icor-2025"))
        );
        // The English title ends in "Ukraine", and so does the Arabic one (أوكرانيا).
        let ukraine: Vec<String> = titles("ukraine$").into_iter().map(|(_, l)| l).collect();
        assert_eq!(ukraine, vec!["en", "ar"]);
    }

    #[test]
    fn narrowing_a_query_gives_the_same_results_from_the_previous_ones() {
        let index = Index::full_text(&bundled());
        let first = search(&index, &Query::parse("/sol"), None);
        let previous: Vec<usize> = first.iter().map(|h| h.entry).collect();
        let narrowed = search(&index, &Query::parse("/solid"), Some(&previous));
        assert_eq!(narrowed, search(&index, &Query::parse("/solid"), None));
    }

    /// Typing a query a key at a time gives what the whole query gives.
    #[test]
    fn typing_key_by_key_matches_a_fresh_search() {
        let library = bundled();
        let (titles, full) = (Index::titles(&library), Index::full_text(&library));
        for raw in [
            "kazakhstan",
            "/GAZA @ru",
            "/solidarity !ukraine lang:en",
            "^secure vic",
            "/'газ year:2025",
        ] {
            let index = if raw.starts_with('/') { &full } else { &titles };
            let mut previous: Option<(Query, Vec<usize>)> = None;
            for end in raw.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let query = Query::parse(&raw[..end]);
                let candidates = previous
                    .as_ref()
                    .filter(|(p, _)| query.narrows(p))
                    .map(|(_, c)| c.clone());
                let hits = search(index, &query, candidates.as_deref());
                assert_eq!(
                    hits,
                    search(index, &query, None),
                    "after typing {:?}",
                    &raw[..end]
                );
                previous = Some((query, hits.iter().map(|h| h.entry).collect()));
            }
        }
    }

    #[test]
    fn the_linear_matcher_finds_tight_matches_in_long_text() {
        let text = format!("{} imperialist war {}", "x ".repeat(100), "y ".repeat(100));
        let (score, indices) = linear_fuzzy_with(&text, "imperialist", true).expect("a match");
        let found: String = indices
            .iter()
            .map(|&i| text.chars().nth(i).unwrap())
            .collect();
        assert_eq!(found, "imperialist");
        assert_eq!(indices.last().unwrap() - indices[0], 10, "consecutive");
        let (spread, _) = linear_fuzzy_with(&text, "iwar", true).expect("a match");
        assert!(spread < score);
        assert_eq!(linear_fuzzy_with(&text, "zebra", true), None);
        assert!(bytes_in_order(b"solidarity", b"sdy") && !bytes_in_order(b"solidarity", b"ys"));
    }

    #[test]
    fn a_stopped_search_gives_nothing() {
        let index = Index::full_text(&bundled());
        assert_eq!(
            search_until(&index, &Query::parse("a"), None, &|| true),
            None
        );
        assert!(
            search_until(&index, &Query::parse("a"), None, &|| false)
                .is_some_and(|h| !h.is_empty())
        );
    }

    #[test]
    fn context_windows_keep_the_highlight() {
        let text = "word ".repeat(40) + "Gaza " + &"more ".repeat(40);
        let at = text.find("Gaza").unwrap();
        let hit = at..at + 4;
        let (snippet, ranges) = context(&text, std::slice::from_ref(&hit), 40);
        assert_eq!(&snippet[ranges[0].clone()], "Gaza");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
    }

    proptest::proptest! {
        /// The linear matcher finds a subsequence whenever there is one,
        /// and its indices are the query's characters, in order, within
        /// the tightest window ending at the first complete occurrence.
        #[test]
        fn the_linear_matcher_finds_every_subsequence(
            text in "[abcé д\u{0627}\u{0644}]{0,60}",
            query in "[abé д\u{0627}]{1,4}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let wanted: Vec<char> = query.chars().collect();
            let mut k = 0;
            for &c in &chars {
                if k < wanted.len() && c == wanted[k] {
                    k += 1;
                }
            }
            let found = linear_fuzzy_with(&text, &query, true);
            proptest::prop_assert_eq!(found.is_some(), k == wanted.len());
            if let Some((_, indices)) = found {
                let picked: Vec<char> = indices.iter().map(|&i| chars[i]).collect();
                proptest::prop_assert_eq!(picked, wanted);
                proptest::prop_assert!(indices.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
