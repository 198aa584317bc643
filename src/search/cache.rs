//! The full-text index kept on disk between runs, so that `resreader search
//! --full-text` and the reader's finder do not read and fold the whole
//! library each time they start.
//!
//! One file per library (`<cache dir>/resreader/fulltext-<hash>.idx`, or
//! `$RESREADER_CACHE/…`), holding a fingerprint of the library (each text
//! file's size and modification time, the bundled texts' contents), the
//! translations and rows, and the three text blobs, which are mapped into
//! memory rather than read: a search touches only the pages it needs, and
//! the pages are the file cache's, not the process's own memory.
//!
//! A missing, stale, truncated or damaged file is rebuilt; a cache that
//! cannot be written is simply not kept.

use super::index::{Blob, Doc, Index, Row};
use crate::library::{BUNDLED, Library, Origin, PartialDate};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

// 02: transliterations in the loose form (`fold::loose`).
// 03: abjad transliterations keep the long-vowel letters; ة is "a".
// 04: folding keeps the Indic and Southeast Asian vowel signs and viramas.
// 05: Persian and Urdu letters fold to the Arabic keyboard's; every
//     script's digits to ASCII.
const MAGIC: &[u8; 8] = b"RRFTIX05";
const TRAILER: &[u8; 8] = b"RRFTEND1";

/// The folder for cache files: `$RESREADER_CACHE`, else the platform's.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("RESREADER_CACHE").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|d| d.join("resreader"))
}

/// The full-text index of `library`: from the cache file in `dir` when it
/// is current, else built (on every core) and written there for next time.
/// With no `dir`, built every time.
pub fn full_text(library: &Library, dir: Option<&Path>) -> Index {
    full_text_counted(library, dir, &super::progress::Progress::default())
}

/// [`full_text`], counting the translations read if it builds the index.
pub fn full_text_counted(
    library: &Library,
    dir: Option<&Path>,
    progress: &super::progress::Progress,
) -> Index {
    // Files opened without importing them are not the library's: an index
    // holding them is built each time, never written over the library's.
    let in_memory = library
        .entries
        .iter()
        .any(|e| matches!(e.origin, Origin::Memory(_)));
    let Some(dir) = dir.filter(|_| !in_memory) else {
        return Index::full_text_counted(library, progress);
    };
    let path = path_of(library, dir);
    let fingerprint = fingerprint(library);
    if let Some(index) = load(&path, fingerprint) {
        return index;
    }
    let index = Index::full_text_counted(library, progress);
    // Not kept if it cannot be written: the next run builds it again.
    if save(&path, fingerprint, &index).is_ok()
        && let Some(mapped) = load(&path, fingerprint)
    {
        // The file just written, mapped: its pages are the file cache's,
        // so the copy built here (about three times the library's text)
        // need not stay in this process's memory.
        return mapped;
    }
    index
}

/// The cached index of `library` in `dir`, if there is a current one.
pub fn current(library: &Library, dir: &Path) -> Option<Index> {
    let path = path_of(library, dir);
    // The fingerprint looks at every file of the library: not worth it
    // when there is no index to compare it with (a cold search).
    if !path.is_file() {
        return None;
    }
    load(&path, fingerprint(library))
}

/// Where the index of `library` is kept in `dir`.
pub fn path_of(library: &Library, dir: &Path) -> PathBuf {
    dir.join(format!(
        "fulltext-{:016x}.idx",
        hash_of(&(&library.user_dir, library.bundled))
    ))
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// What the index was built from: every listed translation's file size
/// and modification time (the contents, for bundled ones), and this
/// program's version (folding may change between versions).
pub fn fingerprint(library: &Library) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for e in &library.entries {
        e.meta.id.hash(&mut h);
        e.problem.is_some().hash(&mut h);
        let mut files: Vec<String> = vec!["meta.toml".into()];
        files.extend(e.meta.translations.keys().map(|l| format!("{l}.md")));
        for name in files {
            match &e.origin {
                Origin::Bundled => {
                    let file = BUNDLED.get_file(format!("{}/{name}", e.meta.id));
                    file.map(|f| f.contents()).hash(&mut h);
                }
                // Never cached (see `full_text`).
                Origin::Memory(_) => {}
                Origin::User(dir) => {
                    let meta = std::fs::metadata(dir.join(&name)).ok();
                    meta.as_ref().map(|m| m.len()).hash(&mut h);
                    meta.and_then(|m| m.modified().ok()).hash(&mut h);
                }
            }
        }
    }
    h.finish()
}

/// Write the index beside `path`, then rename it over: readers see the
/// old file or the new one, never part of one (a mapped file is never
/// changed in place).
pub fn save(path: &Path, fingerprint: u64, index: &Index) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Left by a resreader killed while writing (a full-size file each).
    crate::fsio::clean_stale_temporaries(dir, "fulltext");
    let tmp = crate::fsio::temporary_beside(path);
    let written = (|| {
        let mut out = std::io::BufWriter::new(crate::fsio::create_new(&tmp)?);
        out.write_all(MAGIC)?;
        out.write_all(&fingerprint.to_le_bytes())?;
        put_u64(&mut out, index.docs.len() as u64)?;
        for d in &index.docs {
            for s in [&d.id, &d.lang, &d.title, &d.org_folded] {
                put_str(&mut out, s)?;
            }
            put_str(&mut out, d.organization.as_deref().unwrap_or("\0"))?;
            let date = d.date.map_or([0u8; 4], |d| {
                let y = d.year.to_le_bytes();
                [y[0], y[1], d.month.unwrap_or(0), d.day.unwrap_or(0)]
            });
            out.write_all(&date)?;
        }
        put_u64(&mut out, index.rows.len() as u64)?;
        for r in &index.rows {
            out.write_all(&r.doc.to_le_bytes())?;
            out.write_all(&r.block.to_le_bytes())?;
            for v in [
                r.text_end,
                r.folded_end,
                r.translit_end,
                r.folded_mask,
                r.translit_mask,
            ] {
                out.write_all(&v.to_le_bytes())?;
            }
            out.write_all(&[u8::from(r.abjad)])?;
        }
        for blob in [&index.text, &index.folded, &index.translit] {
            put_u64(&mut out, blob.bytes().len() as u64)?;
            out.write_all(blob.bytes())?;
        }
        out.write_all(TRAILER)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        // Fails when a folder is where the file belongs: the temporary
        // is removed below either way.
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

fn put_u64(out: &mut impl Write, v: u64) -> std::io::Result<()> {
    out.write_all(&v.to_le_bytes())
}

fn put_str(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    put_u64(out, s.len() as u64)?;
    out.write_all(s.as_bytes())
}

/// The cached index at `path` if it was built from the same library.
pub fn load(path: &Path, fingerprint: u64) -> Option<Index> {
    // Only a regular file: a FIFO put there would block the open.
    let file = crate::fsio::open_regular(path).ok()?;
    // resreader only ever replaces the file by a rename (see `save`); if
    // something else cuts it short, the guard turns the lost pages into
    // zeros instead of a SIGBUS. Every length and offset read from it is
    // checked before use.
    let map = Arc::new(super::mapped::GuardedMap::map(&file).ok()?);
    let mut r = Reader { bytes: &map, at: 0 };
    if r.take(8)? != MAGIC || r.u64()? != fingerprint {
        return None;
    }
    let n_docs = usize::try_from(r.u64()?).ok()?;
    let mut docs = Vec::with_capacity(n_docs.min(map.len() / 36));
    for _ in 0..n_docs {
        let (id, lang, title, org_folded) = (r.string()?, r.string()?, r.string()?, r.string()?);
        let organization = Some(r.string()?).filter(|o| o != "\0");
        let date = r.take(4)?;
        let year = u16::from_le_bytes([date[0], date[1]]);
        let date = (year != 0).then(|| PartialDate {
            year,
            month: Some(date[2]).filter(|&m| m != 0),
            day: Some(date[3]).filter(|&d| d != 0),
        });
        docs.push(Doc {
            id,
            lang,
            title,
            organization,
            org_folded,
            date,
        });
    }
    let n_rows = usize::try_from(r.u64()?).ok()?;
    let mut rows = Vec::with_capacity(n_rows.min(map.len() / 49));
    for _ in 0..n_rows {
        let row = Row {
            doc: r.u32()?,
            block: r.u32()?,
            text_end: r.u64()?,
            folded_end: r.u64()?,
            translit_end: r.u64()?,
            folded_mask: r.u64()?,
            translit_mask: r.u64()?,
            abjad: r.take(1)?[0] != 0,
        };
        if row.doc as usize >= docs.len() {
            return None;
        }
        rows.push(row);
    }
    let blob = |r: &mut Reader| -> Option<Blob> {
        let len = usize::try_from(r.u64()?).ok()?;
        let start = r.at;
        r.take(len)?;
        Some(Blob::Mapped {
            map: map.clone(),
            range: start..start + len,
        })
    };
    let (text, folded, translit) = (blob(&mut r)?, blob(&mut r)?, blob(&mut r)?);
    if r.take(8)? != TRAILER || r.at != map.len() {
        return None;
    }
    // Every row's ends must rise and stay inside their blobs.
    let mut previous = (0, 0, 0);
    for row in &rows {
        let ends = (row.text_end, row.folded_end, row.translit_end);
        if ends.0 < previous.0 || ends.1 < previous.1 || ends.2 < previous.2 {
            return None;
        }
        previous = ends;
    }
    let fits = |end: u64, blob: &Blob| end as usize <= blob.bytes().len();
    if !(fits(previous.0, &text) && fits(previous.1, &folded) && fits(previous.2, &translit)) {
        return None;
    }
    Some(Index {
        docs,
        rows,
        text,
        folded,
        translit,
    })
}

/// Reads the cache file, every read checked against its end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn string(&mut self) -> Option<String> {
        let len = usize::try_from(self.u64()?).ok()?;
        String::from_utf8(self.take(len)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LibraryOptions;
    use crate::search::query::Query;
    use crate::search::search;

    fn bundled() -> Library {
        Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        })
    }

    const QUERIES: [&str; 5] = ["gaza", "'блокад", "kazakhstan", "imperialism !war", "^the"];

    #[test]
    fn a_saved_index_maps_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let library = bundled();
        let built = Index::full_text(&library);
        let path = dir.path().join("i.idx");
        save(&path, 7, &built).unwrap();
        let mapped = load(&path, 7).expect("loads");
        assert!(matches!(mapped.text, Blob::Mapped { .. }));
        assert_eq!(mapped.len(), built.len());
        assert!(built.len() > 100);
        for i in 0..built.len() {
            assert_eq!(mapped.entry(i), built.entry(i));
        }
        for q in QUERIES {
            let q = Query::parse(q);
            let hits = search(&built, &q, None);
            assert!(!hits.is_empty() || q.raw.starts_with('^'), "{}", q.raw);
            assert_eq!(search(&mapped, &q, None), hits, "{}", q.raw);
        }
        // Another fingerprint: not this library's index.
        assert!(load(&path, 8).is_none());
    }

    #[test]
    fn a_changed_library_gets_a_fresh_index() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("library");
        let r = crate::library::read_resolution(&bundled().entries[0]).unwrap();
        crate::library::write_resolution(&root, &r).unwrap();
        let options = LibraryOptions {
            user_dir: Some(root.clone()),
            bundled: false,
        };
        let cache = dir.path().join("cache");
        assert!(current(&Library::load(&options), &cache).is_none());
        let first = full_text(&Library::load(&options), Some(&cache));
        // Built, written, and the file mapped in place of the built copy.
        assert!(
            matches!(first.text, Blob::Mapped { .. }),
            "mapped once written"
        );
        assert!(current(&Library::load(&options), &cache).is_some());
        let again = full_text(&Library::load(&options), Some(&cache));
        assert!(matches!(again.text, Blob::Mapped { .. }), "mapped the next");
        assert_eq!(again.len(), first.len());

        let lang = r.translations[0].lang.clone();
        let file = root.join(&r.meta.id).join(format!("{lang}.md"));
        std::fs::write(&file, "Zyxwvut only.\n").unwrap();
        let changed = full_text(&Library::load(&options), Some(&cache));
        let hits = search(&changed, &Query::parse("'zyxwvut"), None);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn a_damaged_cache_file_is_refused_or_harmless_never_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let library = bundled();
        let built = Index::full_text(&library);
        let good = dir.path().join("good.idx");
        save(&good, 1, &built).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let bad = dir.path().join("bad.idx");
        let probe = |index: Option<Index>| {
            if let Some(index) = index {
                for q in QUERIES {
                    let q = Query::parse(q);
                    for hit in search(&index, &q, None).iter().take(20) {
                        let _ = crate::search::ranges(&index, &q, hit);
                        let _ = index.entry(hit.entry);
                    }
                }
            }
        };
        // Cut short anywhere: refused (the trailer and lengths are checked).
        for cut in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            std::fs::write(&bad, &bytes[..cut]).unwrap();
            assert!(load(&bad, 1).is_none(), "cut at {cut}");
        }
        // Bytes changed anywhere: refused, or an index that searches safely.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut damaged = bytes.clone();
            let at = (state % damaged.len() as u64) as usize;
            damaged[at] = damaged[at].wrapping_add(1 + (state >> 40) as u8 % 255);
            std::fs::write(&bad, &damaged).unwrap();
            probe(load(&bad, 1));
        }
    }
}
