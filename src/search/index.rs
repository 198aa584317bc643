//! The finder's index: every entry's text, folded text and transliteration
//! laid end to end in three byte blobs, with a small row per entry.
//!
//! Keeping the texts end to end (rather than three `String`s per entry)
//! halves the memory, keeps a search reading front to back through memory,
//! and lets the same bytes be written to a cache file and mapped back in
//! the next process (see [`super::cache`]), so `resreader
//! search --full-text` does not read and fold the library every time.

use super::fold;
use crate::library::{Block, Entry, Library, PartialDate};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// One translation the entries come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Doc {
    pub id: String,
    pub lang: String,
    pub title: String,
    pub organization: Option<String>,
    pub org_folded: String,
    pub date: Option<PartialDate>,
}

/// Where one entry's texts end in the blobs (they start where the previous
/// entry's end), its prefilter masks and its translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub doc: u32,
    /// The block's index in its translation, or [`NO_BLOCK`] for a title.
    pub block: u32,
    pub text_end: u64,
    pub folded_end: u64,
    /// Only text whose folded form is not ASCII has a transliteration.
    pub translit_end: u64,
    pub folded_mask: u64,
    pub translit_mask: u64,
    /// Written in an abjad: a Latin query matches its consonants.
    pub abjad: bool,
}

pub(crate) const NO_BLOCK: u32 = u32::MAX;

/// Text built here, or a part of a mapped cache file (bytes, checked as
/// UTF-8 entry by entry when used).
#[derive(Debug, Clone)]
pub(crate) enum Blob {
    Owned(String),
    Mapped {
        map: Arc<super::mapped::GuardedMap>,
        range: Range<usize>,
    },
}

impl Default for Blob {
    fn default() -> Self {
        Blob::Owned(String::new())
    }
}

impl Blob {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Blob::Owned(s) => s.as_bytes(),
            Blob::Mapped { map, range } => map.get(range.clone()).unwrap_or_default(),
        }
    }

    /// The text in `range`: for built text a slice, for a mapped file
    /// checked as UTF-8 first (`None` if it is not, or out of range).
    pub fn str(&self, range: Range<usize>) -> Option<&str> {
        match self {
            Blob::Owned(s) => s.get(range),
            // simdutf8: checking is a good part of a keystroke's time.
            Blob::Mapped { .. } => simdutf8::basic::from_utf8(self.bytes().get(range)?).ok(),
        }
    }
}

/// Entries ready to search, in library order: newest first, then by id,
/// language and block (results with equal scores keep this order).
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) docs: Vec<Doc>,
    pub(crate) rows: Vec<Row>,
    pub(crate) text: Blob,
    pub(crate) folded: Blob,
    pub(crate) translit: Blob,
}

/// One entry, as the finder shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub id: &'a str,
    pub lang: &'a str,
    pub title: &'a str,
    pub organization: Option<&'a str>,
    pub date: Option<PartialDate>,
    /// For paragraphs: the block's index in its translation.
    pub block: Option<usize>,
    /// What is matched and shown: the title, or the paragraph.
    pub text: &'a str,
}

impl Index {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Entry `i`, or `None` past the end.
    pub fn entry(&self, i: usize) -> Option<EntryRef<'_>> {
        let row = self.rows.get(i)?;
        let doc = self.docs.get(row.doc as usize)?;
        Some(EntryRef {
            id: &doc.id,
            lang: &doc.lang,
            title: &doc.title,
            organization: doc.organization.as_deref(),
            date: doc.date,
            block: (row.block != NO_BLOCK).then_some(row.block as usize),
            text: self
                .text
                .str(self.span(i, |r| r.text_end))
                .unwrap_or_default(),
        })
    }

    fn span(&self, i: usize, end: impl Fn(&Row) -> u64) -> Range<usize> {
        let start = if i == 0 { 0 } else { end(&self.rows[i - 1]) };
        start as usize..end(&self.rows[i]) as usize
    }

    pub(crate) fn folded_bytes(&self, i: usize) -> &[u8] {
        self.folded
            .bytes()
            .get(self.span(i, |r| r.folded_end))
            .unwrap_or_default()
    }

    pub(crate) fn translit_bytes(&self, i: usize) -> &[u8] {
        self.translit
            .bytes()
            .get(self.span(i, |r| r.translit_end))
            .unwrap_or_default()
    }

    pub(crate) fn folded_str(&self, i: usize) -> Option<&str> {
        self.folded.str(self.span(i, |r| r.folded_end))
    }

    pub(crate) fn translit_str(&self, i: usize) -> Option<&str> {
        self.translit.str(self.span(i, |r| r.translit_end))
    }

    /// Approximate memory the index holds (mapped cache files included).
    pub fn heap_bytes(&self) -> usize {
        self.text.bytes().len()
            + self.folded.bytes().len()
            + self.translit.bytes().len()
            + self.rows.len() * std::mem::size_of::<Row>()
            + self
                .docs
                .iter()
                .map(|d| std::mem::size_of::<Doc>() + d.id.len() + d.title.len() + d.lang.len())
                .sum::<usize>()
    }
}

/// Builds an [`Index`] entry by entry.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    docs: Vec<Doc>,
    rows: Vec<Row>,
    text: String,
    folded: String,
    translit: String,
}

impl IndexBuilder {
    /// Add a translation; entries name it by the number returned.
    pub fn doc(
        &mut self,
        id: &str,
        lang: &str,
        title: &str,
        organization: Option<&str>,
        date: Option<PartialDate>,
    ) -> u32 {
        self.docs.push(Doc {
            id: id.to_string(),
            lang: lang.to_string(),
            title: title.to_string(),
            organization: organization.map(str::to_string),
            org_folded: organization.map(|o| fold::fold(o).text).unwrap_or_default(),
            date,
        });
        (self.docs.len() - 1) as u32
    }

    /// Add an entry of translation `doc`: a title (`block` `None`) or a paragraph.
    pub fn push(&mut self, doc: u32, block: Option<usize>, text: &str) {
        self.push_if(doc, block, text, |_| true);
    }

    /// [`push`](Self::push), transliterating only when `wanted` says the
    /// folded text needs it: a search that streams over the library knows
    /// which entries its query cannot reach through a transliteration.
    pub(crate) fn push_if(
        &mut self,
        doc: u32,
        block: Option<usize>,
        text: &str,
        wanted: impl FnOnce(&str) -> bool,
    ) {
        let start = self.folded.len();
        let folded_mask = fold::fold_into(text, &mut self.folded);
        let folded = &self.folded[start..];
        let translit_mask = if folded.is_ascii() || !wanted(folded) {
            0
        } else {
            fold::transliterate_into(text, &mut self.translit)
        };
        self.text.push_str(text);
        self.rows.push(Row {
            doc,
            block: block
                .and_then(|b| u32::try_from(b).ok())
                .filter(|&b| b != NO_BLOCK)
                .unwrap_or(NO_BLOCK),
            text_end: self.text.len() as u64,
            folded_end: self.folded.len() as u64,
            translit_end: self.translit.len() as u64,
            folded_mask,
            translit_mask,
            abjad: !text.is_ascii() && text.chars().any(fold::is_abjad),
        });
    }

    /// Add entry `i` of `index` as an entry of translation `doc`, as it is:
    /// its text, folding and transliteration copied, not made again.
    pub(crate) fn push_entry_of(&mut self, index: &Index, i: usize, doc: u32) {
        let Some(row) = index.rows.get(i) else {
            return;
        };
        let (text, folded, translit) = (
            index.text.str(index.span(i, |r| r.text_end)),
            index.folded.str(index.span(i, |r| r.folded_end)),
            index.translit.str(index.span(i, |r| r.translit_end)),
        );
        self.text.push_str(text.unwrap_or_default());
        self.folded.push_str(folded.unwrap_or_default());
        self.translit.push_str(translit.unwrap_or_default());
        self.rows.push(Row {
            doc,
            text_end: self.text.len() as u64,
            folded_end: self.folded.len() as u64,
            translit_end: self.translit.len() as u64,
            ..*row
        });
    }

    /// The translations added so far.
    pub(crate) fn docs(&self) -> &[Doc] {
        &self.docs
    }

    /// Forget the entries and translations, keeping the memory.
    pub(crate) fn clear(&mut self) {
        self.docs.clear();
        self.clear_entries();
    }

    /// Forget the entries, keeping the translations and the memory: for
    /// matching paragraphs one at a time.
    pub(crate) fn clear_entries(&mut self) {
        self.rows.clear();
        self.text.clear();
        self.folded.clear();
        self.translit.clear();
    }

    /// Put together the entries of several builders, in order (each was
    /// filled by a thread of its own).
    pub fn concat(parts: Vec<IndexBuilder>) -> IndexBuilder {
        let mut all = IndexBuilder::default();
        // Made to size first: growing three strings of tens of megabytes
        // copies each of them several times.
        all.docs.reserve(parts.iter().map(|p| p.docs.len()).sum());
        all.rows.reserve(parts.iter().map(|p| p.rows.len()).sum());
        all.text.reserve(parts.iter().map(|p| p.text.len()).sum());
        all.folded
            .reserve(parts.iter().map(|p| p.folded.len()).sum());
        all.translit
            .reserve(parts.iter().map(|p| p.translit.len()).sum());
        for part in parts {
            let docs = all.docs.len() as u32;
            let (text, folded, translit) = (
                all.text.len() as u64,
                all.folded.len() as u64,
                all.translit.len() as u64,
            );
            all.docs.extend(part.docs);
            all.rows.extend(part.rows.into_iter().map(|r| Row {
                doc: r.doc + docs,
                text_end: r.text_end + text,
                folded_end: r.folded_end + folded,
                translit_end: r.translit_end + translit,
                ..r
            }));
            all.text.push_str(&part.text);
            all.folded.push_str(&part.folded);
            all.translit.push_str(&part.translit);
        }
        all
    }

    pub fn finish(self) -> Index {
        Index {
            docs: self.docs,
            rows: self.rows,
            text: Blob::Owned(self.text),
            folded: Blob::Owned(self.folded),
            translit: Blob::Owned(self.translit),
        }
    }
}

impl Index {
    /// The builder this index was finished from, to fill again (a mapped
    /// index gives an empty one).
    pub(crate) fn reopen(self) -> IndexBuilder {
        let owned = |b: Blob| match b {
            Blob::Owned(s) => s,
            Blob::Mapped { .. } => String::new(),
        };
        IndexBuilder {
            docs: self.docs,
            rows: self.rows,
            text: owned(self.text),
            folded: owned(self.folded),
            translit: owned(self.translit),
        }
    }

    /// One entry per translation: its title. Reads metadata only.
    pub fn titles(library: &Library) -> Index {
        let mut builder = IndexBuilder::default();
        for e in library.entries.iter().filter(|e| e.problem.is_none()) {
            for (lang, t) in &e.meta.translations {
                let date = e.meta.date.map(|d| d.latest());
                let doc = builder.doc(
                    &e.meta.id,
                    lang,
                    &t.title,
                    e.meta.organization.as_deref(),
                    date,
                );
                builder.push(doc, None, &t.title);
            }
        }
        builder.finish()
    }

    /// One entry per paragraph of every translation (reads every text, on
    /// every core).
    pub fn full_text(library: &Library) -> Index {
        Index::full_text_counted(library, &super::progress::Progress::default())
    }

    /// [`Index::full_text`], counting the translations read in `progress`.
    pub fn full_text_counted(library: &Library, progress: &super::progress::Progress) -> Index {
        let entries: Vec<&Entry> = library
            .entries
            .iter()
            .filter(|e| e.problem.is_none())
            .collect();
        progress.start(entries.iter().map(|e| e.meta.translations.len()).sum());
        let threads = crate::parallel::cores()
            .min(entries.len().div_ceil(64))
            .max(1);
        let size = entries.len().div_ceil(threads);
        let parts =
            crate::parallel::map_chunks(&entries, size, |chunk| paragraphs(chunk, progress));
        IndexBuilder::concat(parts).finish()
    }
}

/// The paragraphs of these resolutions' translations; unreadable ones are
/// left out (the reader reports them when they are opened).
fn paragraphs(entries: &[&Entry], progress: &super::progress::Progress) -> IndexBuilder {
    let mut builder = IndexBuilder::default();
    for e in entries {
        for lang in e.meta.translations.keys() {
            push_translation(&mut builder, e, lang);
            progress.step();
        }
    }
    builder
}

/// Add the paragraphs of one translation; `false` if it cannot be read.
fn push_translation(builder: &mut IndexBuilder, e: &Entry, lang: &str) -> bool {
    let Ok(t) = crate::library::read_translation(e, lang) else {
        return false;
    };
    let date = e.meta.date.map(|d| d.latest());
    let doc = builder.doc(
        &e.meta.id,
        lang,
        &t.meta.title,
        e.meta.organization.as_deref(),
        date,
    );
    for (i, block) in t.blocks.iter().enumerate() {
        builder.push(doc, Some(i), &searched_text(block));
    }
    true
}

/// What the finder matches and shows of a block: as the reader shows it,
/// signatories on one line. Most blocks are paragraphs shown as written,
/// borrowed rather than copied.
pub(crate) fn searched_text(block: &Block) -> Cow<'_, str> {
    match block {
        Block::Signatories { names } => names.join(" · ").into(),
        // memmem: str::contains was 2 % of a streamed search.
        Block::Paragraph { text } | Block::Heading { text, .. }
            if memchr::memmem::find(text.as_bytes(), b"[^").is_none() =>
        {
            text.as_str().into()
        }
        other => other.display_text().into(),
    }
}
