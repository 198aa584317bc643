//! The finder's engine: entries (one per translation title, or one per
//! paragraph), folded and transliterated once, matched against a query.
//! Shared by the TUI's finder and `resreader search`.
//!
//! Speed, as fzf does it: a bit-mask prefilter before the scorer; when the
//! query only narrows the previous one, only the previous results are
//! checked; large indexes are scored on every core.

mod abjad;
pub mod article;
pub mod cache;
pub mod fold;
pub mod index;
pub mod mapped;
mod prefilter;
pub mod progress;
pub mod query;
pub mod score;
pub mod stream;
pub mod typo;

pub use index::{EntryRef, Index, IndexBuilder};

use fold::{highlight_ranges, skeleton};
use query::{Query, Term, TermKind};
use score::TermScorer;
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

/// A match found through a transliteration ranks just below the same
/// match in the script; its own quality decides otherwise, so a literal
/// transliterated match still beats letters strewn in the script.
const TRANSLITERATED_PENALTY: i64 = 4;
/// Prefix and suffix terms anchor a match: a little above a literal one.
const ANCHORED: i64 = 16;
/// Several terms close together score up to this much more.
const CLOSENESS: i64 = 48;

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

/// The score of a scattered match not worked out yet (see
/// [`search_until`]): below [`score::LITERAL`], how far is unknown.
const UNSCORED: i64 = i64::MIN;

/// How many of the finder's best hits are ranked exactly; those after them
/// that matched only by letters strewn about follow in library order.
const RANKED: usize = 500;

/// How to match: a scorer per term, for the script and for the
/// transliteration, and whether to collect matched positions.
struct Matching {
    /// Collect matched character indices (for highlights), or only score.
    collect: bool,
    /// Score scattered fuzzy matches, or leave them [`UNSCORED`].
    score_scattered: bool,
    /// Per term of the query: its scorer on folded text.
    scorers: Vec<TermScorer>,
    /// Per term, a scorer and mask for each of its other spellings.
    variants: Vec<Vec<(TermScorer, u64)>>,
    /// Per term, for transliterations: its [`fold::loose`] form, and its
    /// consonants (for abjads), each with its mask.
    loose: Vec<(TermScorer, u64)>,
    skeletons: Vec<(TermScorer, u64)>,
}

impl Matching {
    fn new(query: &Query, collect: bool) -> Matching {
        Matching {
            collect,
            score_scattered: true,
            scorers: query
                .terms
                .iter()
                .map(|t| TermScorer::new(&t.folded))
                .collect(),
            variants: query
                .terms
                .iter()
                .map(|t| {
                    t.variants
                        .iter()
                        .map(|(v, mask)| (TermScorer::new(v), *mask))
                        .collect()
                })
                .collect(),
            loose: query
                .terms
                .iter()
                .map(|t| {
                    let l = fold::loose(&t.folded);
                    (TermScorer::new(&l), fold::mask(&l))
                })
                .collect(),
            skeletons: query
                .terms
                .iter()
                .map(|t| {
                    let s = skeleton(&fold::loose(&t.folded));
                    (TermScorer::new(&s), fold::mask(&s))
                })
                .collect(),
        }
    }
}

/// Match one term against folded text: score, byte offset of the match and
/// matched character indices. The cheap byte tests come first; text from a
/// cache file is checked to be UTF-8 only when it gets past them.
fn match_term<'a>(
    m: &Matching,
    bytes: &[u8],
    text: impl FnOnce() -> Option<&'a str>,
    scorer: &TermScorer,
    kind: TermKind,
) -> Option<(i64, usize, Vec<usize>)> {
    let term = scorer.term();
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
        TermKind::Fuzzy if !m.score_scattered && term.is_ascii() => {
            // For ASCII the byte test above is the match; how well letters
            // strewn about match is worked out only if the hit may rank.
            match scorer.literal(text) {
                Some((score, at)) => Some((score, at, char_range(at))),
                None => Some((UNSCORED, 0, Vec::new())),
            }
        }
        TermKind::Fuzzy => scorer.best(text, m.collect),
        TermKind::Exact => {
            let (score, at) = scorer.literal(text)?;
            Some((score, at, char_range(at)))
        }
        TermKind::Prefix | TermKind::Suffix => Some((
            score::LITERAL + 16 * term.chars().count() as i64 + ANCHORED,
            found,
            char_range(found),
        )),
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
    /// The score; with terms left [`UNSCORED`], that of the others.
    score: i64,
    /// With terms left unscored: the most the score can be.
    bound: Option<i64>,
    /// Some term matched only through the transliteration.
    transliterated: bool,
    /// Per matched term, the form and character indices (when collecting).
    matches: Vec<TermMatch>,
}

/// Whether the query's filters (language, organisation, year) let the
/// entries of translation `doc` through.
fn filters_pass(query: &Query, doc: &index::Doc) -> bool {
    (query.langs.is_empty() || query.langs.contains(&doc.lang))
        && (query.orgs.is_empty()
            || query
                .orgs
                .iter()
                .any(|o| doc.org_folded.contains(o.as_str())))
        && (query.years.is_empty() || doc.date.is_some_and(|d| query.years.contains(&d.year)))
}

/// Match every term of the query against entry `i`.
fn match_entry(m: &Matching, index: &Index, i: usize, query: &Query) -> Option<EntryMatch> {
    let row = index.rows.get(i)?;
    if !filters_pass(query, index.docs.get(row.doc as usize)?) {
        return None;
    }
    let mut score = 0i64;
    // Allocated only when matches are collected (highlights): a search
    // checks hundreds of thousands of entries.
    let mut matches = Vec::new();
    let mut transliterated = false;
    let mut unscored = 0i64;
    // Where the positive terms matched in the script, for closeness.
    let (mut first, mut last, mut placed) = (usize::MAX, 0usize, 0usize);
    for (t, term) in query.terms.iter().enumerate() {
        match (find(m, index, i, row, t, term), term.negated) {
            (Some(_), true) => return None,
            (None, false) if row.block == index::NO_BLOCK && term.kind == TermKind::Fuzzy => {
                // Titles mode: one letter wrong, missing, extra or swapped.
                let folded = index.folded_str(i)?;
                if !typo::matches(folded, row.folded_mask, &term.folded, term.mask) {
                    return None;
                }
                score += typo::SCORE;
            }
            (None, false) => return None,
            (None, true) => {}
            (Some((UNSCORED, ..)), false) => {
                unscored += 1;
            }
            (Some((s, form, at, indices)), false) => {
                score += s;
                transliterated |= form == Form::Transliteration;
                if form == Form::Script {
                    (first, last, placed) = (first.min(at), last.max(at), placed + 1);
                }
                if m.collect {
                    matches.push((form, indices));
                }
            }
        }
    }
    if placed > 1 {
        // Terms within a line or two of each other: most likely one phrase.
        score += (CLOSENESS - ((last - first) / 16) as i64).max(0);
    }
    let bound = (unscored > 0).then(|| {
        let closeness = if placed as i64 + unscored > 1 {
            CLOSENESS
        } else {
            0
        };
        score + unscored * (score::LITERAL - 1) + closeness
    });
    Some(EntryMatch {
        score,
        bound,
        transliterated,
        matches,
    })
}

/// Match one term against entry `i`, in the script first, then through the
/// transliteration: score, form, byte offset and character indices.
fn find(
    m: &Matching,
    index: &Index,
    i: usize,
    row: &index::Row,
    t: usize,
    term: &Term,
) -> Option<(i64, Form, usize, Vec<usize>)> {
    let in_script = |scorer: &TermScorer, mask: u64| {
        if row.folded_mask & mask != mask {
            return None;
        }
        match_term(
            m,
            index.folded_bytes(i),
            || index.folded_str(i),
            scorer,
            term.kind,
        )
    };
    let mut best = in_script(m.scorers.get(t)?, term.mask);
    // The term's other spellings (its word without the article, say): the
    // best match of any, those a little lower than the term as typed.
    for (scorer, mask) in m.variants.get(t).into_iter().flatten() {
        if let Some((score, at, indices)) = in_script(scorer, *mask) {
            let score = if score == UNSCORED {
                UNSCORED
            } else {
                score - article::PENALTY
            };
            if best.as_ref().is_none_or(|(b, ..)| score > *b) {
                best = Some((score, at, indices));
            }
        }
    }
    if let Some((score, at, indices)) = best {
        return Some((score, Form::Script, at, indices));
    }
    // A Latin query may name a word written in another script (entries
    // whose folded text is ASCII have no transliteration).
    let translit = index.translit_bytes(i);
    if !term.folded.is_ascii() || translit.is_empty() {
        return None;
    }
    let (scorer, wanted_mask) = if row.abjad {
        let (scorer, mask) = m.skeletons.get(t)?;
        (scorer, *mask)
    } else {
        let (scorer, mask) = m.loose.get(t)?;
        (scorer, *mask)
    };
    let wanted = scorer.term();
    if wanted.is_empty() || row.translit_mask & wanted_mask != wanted_mask {
        return None;
    }
    let (score, at, indices) = if row.abjad {
        if !bytes_in_order(translit, wanted.as_bytes()) {
            return None;
        }
        let text = index.translit_str(i)?;
        let loose = m.loose.get(t)?.0.term();
        abjad::find(text, loose, wanted, term.kind, m.collect)?
    } else {
        match_term(m, translit, || index.translit_str(i), scorer, term.kind)?
    };
    let score = if score == UNSCORED {
        UNSCORED
    } else {
        score - TRANSLITERATED_PENALTY
    };
    Some((score, Form::Transliteration, at, indices))
}

/// Where `hit` matched in its entry's text, as byte ranges to highlight.
pub fn ranges(index: &Index, query: &Query, hit: &Hit) -> Vec<Range<usize>> {
    Highlighter::new(query).ranges(index, hit)
}

/// [`ranges`] for many hits of one query: the query's matchers made once.
pub struct Highlighter<'q> {
    query: &'q Query,
    m: Matching,
}

impl<'q> Highlighter<'q> {
    pub fn new(query: &'q Query) -> Highlighter<'q> {
        Highlighter {
            query,
            m: Matching::new(query, true),
        }
    }

    /// Where `hit` matched in its entry's text, as byte ranges to highlight.
    pub fn ranges(&self, index: &Index, hit: &Hit) -> Vec<Range<usize>> {
        highlight(&self.m, index, self.query, hit)
    }
}

fn highlight(m: &Matching, index: &Index, query: &Query, hit: &Hit) -> Vec<Range<usize>> {
    let Some(entry) = index.entry(hit.entry) else {
        return Vec::new();
    };
    let Some(EntryMatch { matches, .. }) = match_entry(m, index, hit.entry, query) else {
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

/// The word of `text` around `range`, so a cross-script hit shows whole.
fn word_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| score::in_word(c))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(range.start);
    let end = text[range.end..]
        .char_indices()
        .find(|&(_, c)| !score::in_word(c))
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
    search_ranked(index, query, candidates, &|| false, usize::MAX).unwrap_or_default()
}

/// The finder's search: [`search`], except that only the best [`RANKED`]
/// hits are sure to be in order (the rest are all there, those matched by
/// letters strewn about in library order), and giving up (`None`) as soon
/// as `stop` says so: a newer keystroke cancels a search still running.
/// `stop` is asked every thousand entries or so.
///
/// Scoring letters strewn through a long paragraph is most of the cost of
/// a keystroke on a large library, and a word typed so far is mostly found
/// as typed in enough entries to fill the screen many times over; so those
/// matches are scored only when they may be among the best.
pub fn search_until(
    index: &Index,
    query: &Query,
    candidates: Option<&[usize]>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    search_ranked(index, query, candidates, stop, RANKED)
}

/// Hits whose score is known, best first, and those left unscored, with the
/// most their score can be.
type Scored = (Vec<Hit>, Vec<(Hit, i64)>);

fn search_ranked(
    index: &Index,
    query: &Query,
    candidates: Option<&[usize]>,
    stop: &(dyn Fn() -> bool + Sync),
    ranked: usize,
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
    let mut m = Matching::new(query, false);
    m.score_scattered = ranked == usize::MAX;
    let run = |chunk: &[usize]| -> Option<Scored> {
        let (mut hits, mut unscored) = (Vec::new(), Vec::new());
        for part in chunk.chunks(1024) {
            if stop() {
                return None;
            }
            for &i in part {
                let Some(found) = match_entry(&m, index, i, query) else {
                    continue;
                };
                let hit = Hit {
                    entry: i,
                    score: found.score,
                    transliterated: found.transliterated,
                };
                match found.bound {
                    Some(bound) => unscored.push((hit, bound)),
                    None => hits.push(hit),
                }
            }
        }
        if ranked == usize::MAX {
            // Best first: score, then library order (newest first, then
            // id, language, block). Each thread sorts its own part.
            hits.sort_unstable_by_key(key);
        }
        Some((hits, unscored))
    };
    // A thread for every few megabytes of folded text to read. Below
    // that the work takes a few milliseconds, and on a busy machine a
    // second thread can wait as long for a core: the titles of 10,000
    // translations took 3.9 ms a key on two threads at load 3, 1.3 ms on
    // one (each 1.2–1.3 ms at load 2).
    const BYTES_PER_THREAD: usize = 4 << 20;
    let bytes = index.folded.bytes().len() / index.len().max(1) * ids.len();
    let threads = crate::parallel::cores()
        .min(bytes / BYTES_PER_THREAD)
        .max(1);
    let (mut hits, unscored) = if threads == 1 {
        run(ids)?
    } else {
        let parts = crate::parallel::map_chunks(ids, ids.len().div_ceil(threads), run);
        let (mut hits, mut unscored) = (Vec::new(), Vec::new());
        for part in parts {
            let (h, u) = part?;
            if ranked == usize::MAX {
                hits = merge_sorted(hits, h);
            } else {
                hits.extend(h);
            }
            unscored.extend(u);
        }
        (hits, unscored)
    };
    if ranked == usize::MAX {
        return (!stop()).then_some(hits);
    }
    // Score the strewn matches that could rank among the best, then put the
    // best in order; the rest stay in the order they were read.
    let threshold = nth_best(&hits, ranked).map_or(i64::MIN, |(score, _)| score.0);
    let full = Matching::new(query, false);
    let (contenders, rest): (Vec<_>, Vec<_>) = unscored
        .into_iter()
        .partition(|(_, bound)| *bound >= threshold);
    hits.extend(contenders.into_iter().filter_map(|(h, _)| {
        let found = match_entry(&full, index, h.entry, query)?;
        Some(Hit {
            score: found.score,
            ..h
        })
    }));
    let (mut best, mut others): (Vec<Hit>, Vec<Hit>) = match nth_best(&hits, ranked) {
        Some(last) => hits.into_iter().partition(|h| key(h) <= last),
        None => (hits, Vec::new()),
    };
    best.sort_unstable_by_key(key);
    best.append(&mut others);
    best.extend(rest.into_iter().map(|(h, _)| h));
    (!stop()).then_some(best)
}

/// The order of hits: best score first, then library order (newest first,
/// then id, language, block).
fn key(h: &Hit) -> (std::cmp::Reverse<i64>, usize) {
    (std::cmp::Reverse(h.score), h.entry)
}

/// The key of the `n`th best hit (from 1), if there are that many: found
/// without sorting them all.
fn nth_best(hits: &[Hit], n: usize) -> Option<(std::cmp::Reverse<i64>, usize)> {
    if n == 0 || hits.len() < n {
        return None;
    }
    let mut keys: Vec<_> = hits.iter().map(key).collect();
    let (_, nth, _) = keys.select_nth_unstable(n - 1);
    Some(*nth)
}

/// Two lists of hits, each best first, as one.
fn merge_sorted(a: Vec<Hit>, b: Vec<Hit>) -> Vec<Hit> {
    if a.is_empty() {
        return b;
    }
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
            "التضامن مع",
            "/الحرب الإمبريالية",
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

    /// The rank (from 1) of the first full-text hit whose paragraph holds
    /// `word` (folded), for the query `query`.
    fn rank_of_holder(index: &Index, query: &str, word: &str) -> Option<usize> {
        let word = fold::fold(word).text;
        search(index, &Query::parse(query), None)
            .iter()
            .position(|h| fold::fold(entry(index, h.entry).text).text.contains(&word))
            .map(|p| p + 1)
    }

    /// The bugs of issue 13, each on the bundled library: the paragraph
    /// that holds the word typed comes first.
    #[test]
    fn the_paragraph_holding_the_typed_word_comes_first() {
        let index = Index::full_text(&bundled());
        for (query, word) in [
            ("Токаев", "Токаев"),
            ("Токаеве", "Токаеве"),
            ("ОДКБ", "ОДКБ"),
            ("Roissy", "Roissy"),
            ("tisrin", "Tişrîn"),
            ("ocupacion", "ocupación"),
        ] {
            assert_eq!(rank_of_holder(&index, query, word), Some(1), "{query}");
        }
        // Latin for a Cyrillic word: the Russian paragraph, through the
        // transliteration, before letters strewn in other languages.
        let hits = search(&index, &Query::parse("tokaev"), None);
        let first = entry(&index, hits[0].entry);
        assert!(first.text.contains("Токаев"), "{}", first.text);
        assert!(hits[0].transliterated);
    }

    /// A word typed with its article finds it written without, or fused
    /// with ل; the spelling typed ranks first, and no key typed on the way
    /// loses the title ("الت" once found nothing: the title says "للتضامن").
    #[test]
    fn a_word_is_found_with_or_without_its_article() {
        let index = index_of(&[
            ("li", "ar", "للتضامن مع الشعوب"),
            ("construct", "ar", "تضامن الشعوب"),
            ("article", "ar", "التضامن الأممي"),
            ("other", "ar", "الحرب على غزة"),
            ("he-bare", "he", "לשלום ולצדק"),
            ("he-article", "he", "השלום בעולם"),
        ]);
        let ids = |q: &str| -> Vec<&str> {
            search(&index, &Query::parse(q), None)
                .iter()
                .map(|h| entry(&index, h.entry).id)
                .collect()
        };
        assert_eq!(ids("التضامن"), ["article", "li", "construct"]);
        assert_eq!(ids("للتضامن")[0], "li");
        assert_eq!(ids("השלום"), ["he-article", "he-bare"]);
        let typed = "التضامن";
        for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()).skip(1) {
            assert!(ids(&typed[..end]).contains(&"li"), "{}", &typed[..end]);
        }
        // As typed, and only so, for an exact term.
        assert_eq!(ids("'التضامن"), ["article"]);
        // The highlight covers the word as written.
        let query = Query::parse("التضامن");
        let hit = search(&index, &query, None)
            .into_iter()
            .find(|h| entry(&index, h.entry).id == "li")
            .expect("the title with ل");
        let text = entry(&index, hit.entry).text;
        let shown: Vec<&str> = ranges(&index, &query, &hit)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(shown, ["للتضامن"]);
    }

    /// Persian and Urdu typed on an Arabic keyboard, and digits typed in
    /// another script than the text's, find the paragraph in its script.
    #[test]
    fn another_keyboard_s_letters_and_digits_find_the_text() {
        let index = index_of(&[
            ("fa", "fa", "کتاب ایران"),
            ("ur", "ur", "دفعہ ۱۲۔"),
            ("ar", "ar", "في عام 2023 الماضي"),
            ("other", "ar", "كتب"),
        ]);
        for (query, id) in [
            ("كتاب ايران", "fa"),
            ("دفعه 12", "ur"),
            ("٢٠٢٣", "ar"),
            ("۲۰۲۳", "ar"),
        ] {
            let hits = search(&index, &Query::parse(query), None);
            let first = hits.first().unwrap_or_else(|| panic!("{query}: nothing"));
            assert_eq!(entry(&index, first.entry).id, id, "{query}");
            assert!(!first.transliterated, "{query}: in the script");
        }
    }

    #[test]
    fn several_terms_rank_by_all_of_them_and_by_closeness() {
        let index = index_of(&[
            (
                "far",
                "en",
                &format!("peace {} now", "filler words ".repeat(30)),
            ),
            ("one", "en", "peace only"),
            ("near", "en", "peace now, they said"),
        ]);
        let hits = search(&index, &Query::parse("peace now"), None);
        let ids: Vec<&str> = hits.iter().map(|h| entry(&index, h.entry).id).collect();
        assert_eq!(ids, ["near", "far"]);
    }

    #[test]
    fn equal_matches_keep_library_order_newest_first() {
        let index = index_of(&[("new", "en", "the war"), ("old", "en", "the war")]);
        let hits = search(&index, &Query::parse("war"), None);
        assert_eq!(hits[0].score, hits[1].score);
        assert_eq!(entry(&index, hits[0].entry).id, "new");
    }

    /// In scripts whose vowel signs are marks, the paragraph holding the
    /// word comes before those that only share its consonant (folding once
    /// dropped the signs, and "မွေး" matched every paragraph with "မ").
    #[test]
    fn a_word_spelt_with_vowel_signs_finds_its_paragraph_first() {
        for (word, holder, others) in [
            ("မွေး", "လူတိုင်း မွေးဖွားလာသည်", ["မိမိ၏ အခွင့်အရေး", "မြေ နှင့် မိုး"]),
            (
                "काम",
                "सबको काम का अधिकार है",
                ["कम से कम शिक्षा", "कमल और कुमार"],
            ),
            ("สิทธิ", "ทุกคนมีสิทธิในชีวิต", ["สัตว์ทุกตัว", "สาธารณะ ทั่วไป"]),
        ] {
            let mut builder = IndexBuilder::default();
            let doc = builder.doc("d", "xx", "t", None, None);
            for text in others {
                builder.push(doc, Some(0), text);
            }
            builder.push(doc, Some(0), holder);
            let index = builder.finish();
            let hits = search(&index, &Query::parse(word), None);
            assert_eq!(
                hits.first().map(|h| entry(&index, h.entry).text),
                Some(holder),
                "{word}"
            );
            assert!(
                hits.iter().skip(1).all(|h| h.score < hits[0].score),
                "{word}"
            );
        }
    }

    #[test]
    fn a_title_with_one_typo_is_found_below_exact_matches() {
        let index = index_of(&[
            ("typo", "en", "Solidraity meeting"),
            ("exact", "en", "Solidarity with Cuba"),
            ("other", "en", "Peace in Gaza"),
        ]);
        let hits = search(&index, &Query::parse("solidarity"), None);
        let ids: Vec<&str> = hits.iter().map(|h| entry(&index, h.entry).id).collect();
        assert_eq!(ids, ["exact", "typo"]);
        assert!(hits[1].score < 0 && hits[0].score > 0);
        // Typed with a typo: found, though not as typed.
        let hits = search(&index, &Query::parse("soildarity"), None);
        let ids: Vec<&str> = hits.iter().map(|h| entry(&index, h.entry).id).collect();
        assert_eq!(ids, ["exact"]);
        // Paragraphs are not corrected: fuzzy matching already reaches far.
        let mut builder = IndexBuilder::default();
        let doc = builder.doc("p", "en", "t", None, None);
        builder.push(doc, Some(0), "Solidraity meeting");
        assert!(search(&builder.finish(), &Query::parse("solidarity"), None).is_empty());
    }

    /// The finder's search finds what the full one finds, and ranks its
    /// best [`RANKED`] hits the same, with and without the shortcut.
    #[test]
    fn the_finder_ranks_its_best_hits_exactly() {
        let mut builder = IndexBuilder::default();
        let doc = builder.doc("d", "en", "t", None, None);
        for i in 0..2 * RANKED + 40 {
            let text = match i % 4 {
                0 => format!("the imperialist war, number {i}"),
                1 => format!("imperialists and {i} words of war"),
                2 => format!("in many places every rival lies in state {i}"),
                _ => format!("i m p e r i a l i s t {i} w a r"),
            };
            builder.push(doc, Some(i), &text);
        }
        let index = builder.finish();
        for raw in [
            "imperialist",
            "imp",
            "imperialist war",
            "rival",
            "'war imp",
            "impst",
        ] {
            let query = Query::parse(raw);
            let full = search(&index, &query, None);
            let finder = search_until(&index, &query, None, &|| false).expect("not stopped");
            let set = |hits: &[Hit]| {
                let mut e: Vec<usize> = hits.iter().map(|h| h.entry).collect();
                e.sort_unstable();
                e
            };
            assert_eq!(set(&finder), set(&full), "{raw}");
            let n = RANKED.min(full.len());
            assert_eq!(finder[..n], full[..n], "{raw}");
        }
    }

    #[test]
    fn the_byte_prefilter_checks_order() {
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
}
