//! The finder's engine: entries (one per translation title, or one per
//! paragraph), folded and transliterated once, matched against a query.
//! Shared by the TUI's finder and `resreader search`.
//!
//! Speed, as fzf does it: a bit-mask prefilter before the scorer; when the
//! query only narrows the previous one, only the previous results are
//! checked; large indexes are scored on every core.

pub mod fold;
pub mod query;

use crate::library::{Block, Library, PartialDate};
use fold::{Folded, highlight_ranges, skeleton};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::{Query, Term, TermKind};
use std::ops::Range;

/// One searchable item.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub lang: String,
    pub title: String,
    pub organization: Option<String>,
    pub date: Option<PartialDate>,
    /// For paragraphs: the block's index in its translation.
    pub block: Option<usize>,
    /// What is matched and shown: the title, or the paragraph.
    pub text: String,
    folded: Folded,
    translit: Folded,
    abjad: bool,
    org_folded: String,
}

impl Entry {
    fn new(
        id: &str,
        lang: &str,
        title: &str,
        organization: Option<&str>,
        date: Option<PartialDate>,
        block: Option<usize>,
        text: String,
    ) -> Entry {
        let abjad = text.chars().any(fold::is_abjad);
        Entry {
            id: id.to_string(),
            lang: lang.to_string(),
            title: title.to_string(),
            organization: organization.map(str::to_string),
            date,
            block,
            folded: fold::fold_key(&text),
            translit: fold::transliterate_key(&text),
            abjad,
            org_folded: organization.map(|o| fold::fold(o).text).unwrap_or_default(),
            text,
        }
    }
}

/// Entries ready to search, in library order: newest first, then by id,
/// language and block (results with equal scores keep this order).
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
}

impl Index {
    /// One entry per translation: its title. Reads metadata only.
    pub fn titles(library: &Library) -> Index {
        let mut entries = Vec::new();
        for e in library.entries.iter().filter(|e| e.problem.is_none()) {
            for (lang, t) in &e.meta.translations {
                let date = e.meta.date.map(|d| d.latest());
                entries.push(Entry::new(
                    &e.meta.id,
                    lang,
                    &t.title,
                    e.meta.organization.as_deref(),
                    date,
                    None,
                    t.title.clone(),
                ));
            }
        }
        Index { entries }
    }

    /// One entry per paragraph of every translation (reads every text).
    pub fn full_text(library: &Library) -> Index {
        let mut entries = Vec::new();
        for e in library.entries.iter().filter(|e| e.problem.is_none()) {
            for lang in e.meta.translations.keys() {
                let Ok(t) = library.translation(e, lang) else {
                    continue;
                };
                let date = e.meta.date.map(|d| d.latest());
                for (i, block) in t.blocks.iter().enumerate() {
                    let text = match block {
                        Block::Signatories { names } => names.join(" · "),
                        other => other.display_text(),
                    };
                    entries.push(Entry::new(
                        &e.meta.id,
                        lang,
                        &t.meta.title,
                        e.meta.organization.as_deref(),
                        date,
                        Some(i),
                        text,
                    ));
                }
            }
        }
        Index { entries }
    }

    /// Approximate heap size of the index, for reports.
    pub fn heap_bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|e| {
                std::mem::size_of::<Entry>()
                    + e.text.len() * 2
                    + e.folded.text.len()
                    + e.translit.text.len()
                    + e.id.len()
                    + e.title.len()
            })
            .sum()
    }
}

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
    let q: Vec<char> = query.chars().collect();
    if q.is_empty() {
        return Some((0, Vec::new()));
    }
    // Forward: where the first full occurrence ends.
    let mut k = 0;
    let mut end = None;
    for (i, c) in text.char_indices() {
        if c == q[k] {
            k += 1;
            if k == q.len() {
                end = Some(i + c.len_utf8());
                break;
            }
        }
    }
    let end = end?;
    // Backward from there: the latest start, so the match is tight.
    let mut k = q.len();
    let mut start = 0;
    for (i, c) in text[..end].char_indices().rev() {
        if c == q[k - 1] {
            k -= 1;
            if k == 0 {
                start = i;
                break;
            }
        }
    }
    // Forward again inside the window, collecting char indices and a score.
    let first_char = text[..start].chars().count();
    let mut indices = if collect {
        Vec::with_capacity(q.len())
    } else {
        Vec::new()
    };
    let mut score = 0i64;
    let mut k = 0;
    let mut previous: Option<char> = text[..start].chars().next_back();
    let mut last_match: Option<usize> = None;
    for (n, c) in text[start..end].chars().enumerate() {
        if k < q.len() && c == q[k] {
            let at = first_char + n;
            score += 16;
            if last_match == Some(at.wrapping_sub(1)) {
                score += 8;
            }
            if previous.is_none_or(|p| !p.is_alphanumeric()) {
                score += 8;
            }
            if collect {
                indices.push(at);
            }
            last_match = Some(at);
            k += 1;
        } else {
            score -= 1;
        }
        previous = Some(c);
    }
    Some((score, indices))
}

/// Match one term against folded text: score and matched character indices.
/// How to match: which scorer, and whether to collect matched positions.
struct Matching {
    skim: SkimMatcherV2,
    /// Use the linear matcher for every text (large indexes), so scores
    /// are the same whichever candidates a keystroke checks.
    linear_only: bool,
    /// Collect matched character indices (for highlights), or only score.
    collect: bool,
}

impl Matching {
    fn new(index: &Index, collect: bool) -> Matching {
        Matching {
            skim: SkimMatcherV2::default(),
            linear_only: index.entries.len() > SKIM_LIMIT,
            collect,
        }
    }
}

/// Indexes larger than this are scored by the linear matcher alone.
const SKIM_LIMIT: usize = 2048;

fn match_term(m: &Matching, text: &str, term: &str, kind: TermKind) -> Option<(i64, Vec<usize>)> {
    let char_range = |byte: usize| {
        if !m.collect {
            return Vec::new();
        }
        let start = text[..byte].chars().count();
        (start..start + term.chars().count()).collect::<Vec<_>>()
    };
    match kind {
        TermKind::Fuzzy if !bytes_in_order(text.as_bytes(), term.as_bytes()) => None,
        TermKind::Fuzzy if m.linear_only || text.len() > LONG_TEXT => {
            linear_fuzzy_with(text, term, m.collect)
        }
        TermKind::Fuzzy if m.collect => m.skim.fuzzy_indices(text, term),
        TermKind::Fuzzy => m.skim.fuzzy_match(text, term).map(|s| (s, Vec::new())),
        TermKind::Exact => memchr::memmem::find(text.as_bytes(), term.as_bytes())
            .map(|b| (exact_score(term.len()), char_range(b))),
        TermKind::Prefix => text
            .starts_with(term)
            .then(|| (exact_score(term.len()) + 16, char_range(0))),
        TermKind::Suffix => text.ends_with(term).then(|| {
            (
                exact_score(term.len()) + 16,
                char_range(text.len() - term.len()),
            )
        }),
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

/// Match every term of the query against one entry: total score, and per
/// matched term the form and character indices.
fn match_entry(m: &Matching, entry: &Entry, query: &Query) -> Option<(i64, Vec<TermMatch>)> {
    if !query.langs.is_empty() && !query.langs.contains(&entry.lang) {
        return None;
    }
    if !query.orgs.is_empty()
        && !query
            .orgs
            .iter()
            .any(|o| entry.org_folded.contains(o.as_str()))
    {
        return None;
    }
    if !query.years.is_empty() && !entry.date.is_some_and(|d| query.years.contains(&d.year)) {
        return None;
    }
    let mut score = 0i64;
    let mut matches = Vec::with_capacity(query.terms.len());
    for term in &query.terms {
        match (find(m, entry, term), term.negated) {
            (Some(_), true) | (None, false) => return None,
            (None, true) => {}
            (Some((s, form, indices)), false) => {
                score += s;
                matches.push((form, indices));
            }
        }
    }
    Some((score, matches))
}

fn find(m: &Matching, entry: &Entry, term: &Term) -> Option<(i64, Form, Vec<usize>)> {
    if entry.folded.mask & term.mask == term.mask
        && let Some((score, indices)) = match_term(m, &entry.folded.text, &term.folded, term.kind)
    {
        return Some((score, Form::Script, indices));
    }
    // A Latin query may name a word written in another script.
    if !term.folded.is_ascii() || entry.folded.text.is_ascii() {
        return None;
    }
    let wanted = if entry.abjad {
        skeleton(&term.folded)
    } else {
        term.folded.clone()
    };
    if wanted.is_empty() || entry.translit.mask & fold::mask(&wanted) != fold::mask(&wanted) {
        return None;
    }
    let (score, indices) = if entry.abjad && term.kind == TermKind::Fuzzy {
        // Consonants alone match too easily across a long text: they must
        // fall within one short window (a fixed one, so that typing more
        // only ever narrows the results).
        compact_subsequence(&entry.translit.text, &wanted, ABJAD_WINDOW)?
    } else {
        match_term(m, &entry.translit.text, &wanted, term.kind)?
    };
    Some((
        score / TRANSLITERATED_PENALTY,
        Form::Transliteration,
        indices,
    ))
}

/// Where `hit` matched in its entry's text, as byte ranges to highlight.
pub fn ranges(index: &Index, query: &Query, hit: &Hit) -> Vec<Range<usize>> {
    let Some(entry) = index.entries.get(hit.entry) else {
        return Vec::new();
    };
    let Some((_, matches)) = match_entry(&Matching::new(index, true), entry, query) else {
        return Vec::new();
    };
    let (mut folded, mut translit) = (None, None);
    let mut out = Vec::new();
    for (form, indices) in matches {
        match form {
            Form::Script => {
                let map = folded.get_or_insert_with(|| fold::fold(&entry.text));
                out.extend(highlight_ranges(map, indices));
            }
            Form::Transliteration => {
                let map = translit.get_or_insert_with(|| fold::transliterate(&entry.text));
                out.extend(
                    highlight_ranges(map, indices)
                        .into_iter()
                        .map(|r| word_around(&entry.text, r)),
                );
            }
        }
    }
    merge(out)
}

/// Widest span, in transliterated characters, of a consonant-only match.
const ABJAD_WINDOW: usize = 12;

/// The tightest occurrence of `query` as a subsequence of `text` spanning at
/// most `window` characters: score and indices.
fn compact_subsequence(text: &str, query: &str, window: usize) -> Option<(i64, Vec<usize>)> {
    let text: Vec<char> = text.chars().collect();
    let query: Vec<char> = query.chars().collect();
    let first = *query.first()?;
    let mut best: Option<Vec<usize>> = None;
    for start in (0..text.len()).filter(|&i| text[i] == first) {
        let mut indices = vec![start];
        let mut at = start + 1;
        for &q in &query[1..] {
            match (at..text.len().min(start + window)).find(|&i| text[i] == q) {
                Some(i) => {
                    indices.push(i);
                    at = i + 1;
                }
                None => break,
            }
        }
        let span = |v: &Vec<usize>| v.last().copied().unwrap_or(0) - v[0];
        if indices.len() == query.len() && best.as_ref().is_none_or(|b| span(&indices) < span(b)) {
            best = Some(indices);
        }
    }
    let indices = best?;
    let span = indices.last().copied().unwrap_or(0) - indices[0];
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
        Some(c) => c,
        None => {
            all = (0..index.entries.len()).collect();
            &all
        }
    };
    let run = |chunk: &[usize]| -> Option<Vec<Hit>> {
        let m = Matching::new(index, false);
        let mut hits = Vec::new();
        for part in chunk.chunks(1024) {
            if stop() {
                return None;
            }
            hits.extend(part.iter().filter_map(|&i| {
                let (score, matches) = match_entry(&m, &index.entries[i], query)?;
                let transliterated = matches.iter().any(|(f, _)| *f == Form::Transliteration);
                Some(Hit {
                    entry: i,
                    score,
                    transliterated,
                })
            }));
        }
        Some(hits)
    };
    const PER_THREAD: usize = 4096;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(ids.len() / PER_THREAD)
        .max(1);
    let mut hits: Vec<Hit> = if threads == 1 {
        run(ids)?
    } else {
        let size = ids.len().div_ceil(threads);
        let parts: Vec<Option<Vec<Hit>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .chunks(size)
                .map(|c| scope.spawn(move || run(c)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut all = Vec::new();
        for part in parts {
            all.extend(part?);
        }
        all
    };
    // Entries are indexed in library order (newest first, then id,
    // language, block), so their position breaks ties.
    hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.entry));
    (!stop()).then_some(hits)
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
    use crate::library::LibraryOptions;

    /// A titled entry with no organisation, date or block.
    fn entry(id: &str, lang: &str, text: String) -> Entry {
        Entry::new(id, lang, "t", None, None, None, text)
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
                    index.entries[h.entry].id.clone(),
                    index.entries[h.entry].lang.clone(),
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
        let mut index = Index::default();
        index
            .entries
            .push(entry("ar", "ar", "وقف الحرب على غزة الآن".into()));
        index
            .entries
            .push(entry("ru", "ru", "Перемирие в секторе Газа".into()));
        index
            .entries
            .push(entry("en", "en", "Ceasefire in Gaza".into()));
        index
            .entries
            .push(entry("no", "ar", "التضامن مع الشعوب".into()));
        let hits = search(&index, &Query::parse("gaza"), None);
        let ids: Vec<&str> = hits
            .iter()
            .map(|h| index.entries[h.entry].id.as_str())
            .collect();
        assert_eq!(ids[0], "en");
        assert!(
            ids.contains(&"ru") && ids.contains(&"ar") && !ids.contains(&"no"),
            "{ids:?}"
        );
        // Highlights land on the word in the original script.
        let ar = hits
            .iter()
            .find(|h| index.entries[h.entry].id == "ar")
            .unwrap();
        let text = &index.entries[ar.entry].text;
        let gaza = Query::parse("gaza");
        let shown: String = ranges(&index, &gaza, ar)
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(shown, "غزة");
        let ru = hits
            .iter()
            .find(|h| index.entries[h.entry].id == "ru")
            .unwrap();
        let r = ranges(&index, &gaza, ru);
        assert_eq!(
            &index.entries[ru.entry].text[r[0].start..r.last().unwrap().end],
            "Газа"
        );
    }

    #[test]
    fn highlights_land_on_original_characters_after_folding() {
        let mut index = Index::default();
        index
            .entries
            .push(entry("fr", "fr", "Résolution ICOR Syrie".into()));
        index
            .entries
            .push(entry("ar", "ar", "في اﻷممي أكتوبر".into()));
        let first = |q: &str| {
            let query = Query::parse(q);
            let hits = search(&index, &query, None);
            assert_eq!(hits.len(), 1, "{q}");
            ranges(&index, &query, &hits[0])[0].clone()
        };
        assert_eq!(&index.entries[0].text[first("'resol")], "Résol");
        // An alef with hamza found by a plain alef, in text with a stored
        // presentation-form ligature.
        assert_eq!(&index.entries[1].text[first("'اكتوبر")], "أكتوبر");
        assert_eq!(&index.entries[1].text[first("'الأممي")], "اﻷممي");
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
}
