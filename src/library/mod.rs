//! The library: bundled resolutions (embedded in the binary) and the user's
//! own folder, listed together. Loading reads metadata only; a translation's
//! text is read when it is asked for.
//!
//! On disk, one folder per resolution:
//! ```text
//! <library>/<id>/meta.toml    metadata and one [translations.<lang>] table each
//! <library>/<id>/<lang>.md    the text of one translation (see `format`)
//! ```

pub mod date;
mod edit;
pub mod format;
pub(crate) mod lexicons;
pub mod model;
pub mod store;

pub use date::{DocDate, PartialDate};
pub use edit::{keep_resolution, remove_translation, rename_resolution};
pub use lexicons::Lexicons;
pub use model::{Block, ListMarker, Resolution, ResolutionMeta, Translation, TranslationMeta};

use crate::fsio::ReadError;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The largest text file resreader reads (import, or a translation in a
/// library): far above any real resolution, and small enough that reading
/// one never takes the machine's memory or the reader's time.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// The largest `meta.toml` read: thousands of translations' titles.
pub const MAX_META_BYTES: u64 = 1024 * 1024;

/// The bundled library, built from `assets/sources` by the importer.
pub static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/library");

/// Errors of the library layer; each names the file it is about.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    // Not named `source`: the cause is part of the message, and an error
    // chain printed with it would say it twice.
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{path}: not a regular file ({kind}); not read")]
    NotAFile { path: String, kind: &'static str },
    #[error("{path}: a symbolic link to outside the library; not followed")]
    Outside { path: String },
    #[error("{path}: not valid UTF-8 text")]
    NotUtf8 { path: String },
    #[error("{path}:{line}: {message}")]
    Syntax {
        path: String,
        line: usize,
        message: String,
    },
    #[error("no resolution with id `{0}` (see `resreader list`)")]
    NoSuchResolution(String),
    #[error("`{id}` has no `{lang}` translation (it has: {available})")]
    NoSuchLanguage {
        id: String,
        lang: String,
        available: String,
    },
    #[error("{0}")]
    Broken(String),
    #[error("{path}: too large to open ({}; the limit is {} MB)", size.map_or("more".into(), |s| format!("{s} MB")), MAX_TEXT_BYTES / 1024 / 1024)]
    TooLarge { path: String, size: Option<u64> },
}

/// Where a resolution is stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Bundled,
    User(PathBuf),
    /// Files opened without importing them (`resreader FILE...`): read once,
    /// held in memory, written nowhere.
    Memory(std::sync::Arc<Resolution>),
}

/// One listed resolution. `problem` is set when its files could not be read;
/// the entry is still listed so the user sees what is broken.
#[derive(Debug, Clone)]
pub struct Entry {
    pub meta: ResolutionMeta,
    pub origin: Origin,
    pub problem: Option<String>,
}

/// Which libraries to load.
#[derive(Debug, Clone, Default)]
pub struct LibraryOptions {
    /// The user library folder; `None` for none.
    pub user_dir: Option<PathBuf>,
    /// Whether to include the bundled resolutions.
    pub bundled: bool,
}

/// The default user library folder: `$RESREADER_LIBRARY`, else
/// `<platform data dir>/resreader/library`.
pub fn default_user_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("RESREADER_LIBRARY").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join("resreader").join("library"))
}

/// All listed resolutions, newest first.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Problems with the library folder itself (not readable, not a
    /// folder), one line each, naming it.
    pub problems: Vec<String>,
    /// The user library folder it was loaded from, if any.
    pub user_dir: Option<PathBuf>,
    /// Whether the bundled resolutions were included.
    pub bundled: bool,
}

impl Library {
    /// Load every resolution's metadata. Never fails as a whole: a folder
    /// that cannot be read becomes an entry with a `problem`.
    pub fn load(options: &LibraryOptions) -> Library {
        let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
        let mut problems = Vec::new();
        if options.bundled {
            for dir in BUNDLED.dirs() {
                let entry = load_bundled(dir);
                by_id.insert(entry.meta.id.clone(), entry);
            }
        }
        if let Some(root) = &options.user_dir {
            store::recover_if_idle(root);
            match load_user_dir(root) {
                Ok(user) => {
                    for entry in user {
                        // A user resolution with a bundled id replaces the bundled one.
                        by_id.insert(entry.meta.id.clone(), entry);
                    }
                }
                Err(e) => problems.push(format!("library folder {e}")),
            }
        }
        let mut entries: Vec<Entry> = by_id.into_values().collect();
        sort_newest_first(&mut entries);
        Library {
            entries,
            problems,
            user_dir: options.user_dir.clone(),
            bundled: options.bundled,
        }
    }

    pub fn get(&self, id: &str) -> Result<&Entry, LibraryError> {
        self.entries
            .iter()
            .find(|e| e.meta.id == id)
            .ok_or_else(|| LibraryError::NoSuchResolution(id.to_string()))
    }

    /// Add a resolution held in memory (files opened without importing
    /// them), in place of a listed one with the same id.
    pub fn add_in_memory(&mut self, resolution: Resolution) {
        self.entries.retain(|e| e.meta.id != resolution.meta.id);
        self.entries.push(Entry {
            meta: resolution.meta.clone(),
            origin: Origin::Memory(std::sync::Arc::new(resolution)),
            problem: None,
        });
        sort_newest_first(&mut self.entries);
    }

    /// Read one translation's text.
    pub fn translation(&self, entry: &Entry, lang: &str) -> Result<Translation, LibraryError> {
        read_translation(entry, lang)
    }

    /// Read every translation of a resolution.
    pub fn resolution(&self, id: &str) -> Result<Resolution, LibraryError> {
        read_resolution(self.get(id)?)
    }
}

/// Read one translation of a listed resolution.
pub fn read_translation(entry: &Entry, lang: &str) -> Result<Translation, LibraryError> {
    if let Some(problem) = &entry.problem {
        return Err(LibraryError::Broken(problem.clone()));
    }
    let meta = entry
        .meta
        .translations
        .get(lang)
        .ok_or_else(|| LibraryError::NoSuchLanguage {
            id: entry.meta.id.clone(),
            lang: lang.to_string(),
            available: entry.meta.langs().join(", "),
        })?;
    let (path, text) = match &entry.origin {
        Origin::Memory(resolution) => {
            let found = resolution.translations.iter().find(|t| t.lang == lang);
            return found.cloned().ok_or_else(|| LibraryError::NoSuchLanguage {
                id: entry.meta.id.clone(),
                lang: lang.to_string(),
                available: entry.meta.langs().join(", "),
            });
        }
        Origin::Bundled => {
            let path = format!("{}/{lang}.md", entry.meta.id);
            let file = BUNDLED.get_file(&path).ok_or_else(|| LibraryError::Io {
                path: format!("(bundled) {path}"),
                error: std::io::ErrorKind::NotFound.into(),
            })?;
            let text = file
                .contents_utf8()
                .ok_or(LibraryError::NotUtf8 { path: path.clone() })?;
            (format!("(bundled) {path}"), text.to_string())
        }
        Origin::User(dir) => {
            let path = dir.join(format!("{lang}.md"));
            (
                path.display().to_string(),
                read_text(&path, dir, MAX_TEXT_BYTES)?,
            )
        }
    };
    let blocks = format::parse_blocks(&text).map_err(|e| LibraryError::Syntax {
        path,
        line: e.line,
        message: e.message,
    })?;
    Ok(Translation {
        lang: lang.to_string(),
        meta: meta.clone(),
        blocks,
    })
}

/// Read every translation of a listed resolution.
pub fn read_resolution(entry: &Entry) -> Result<Resolution, LibraryError> {
    if let Some(problem) = &entry.problem {
        return Err(LibraryError::Broken(problem.clone()));
    }
    let translations = entry
        .meta
        .translations
        .keys()
        .map(|lang| read_translation(entry, lang))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Resolution {
        meta: entry.meta.clone(),
        translations,
    })
}

/// As `read_resolution`, but a translation that cannot be read is left
/// out, and its error returned beside the resolution, unless it is one of
/// `needed`. An error when one of those cannot be read, or none can.
pub fn read_resolution_leaving_out(
    entry: &Entry,
    needed: &[String],
) -> Result<(Resolution, Vec<LibraryError>), LibraryError> {
    if let Some(problem) = &entry.problem {
        return Err(LibraryError::Broken(problem.clone()));
    }
    let (mut translations, mut left_out) = (Vec::new(), Vec::new());
    for lang in entry.meta.translations.keys() {
        match read_translation(entry, lang) {
            Ok(t) => translations.push(t),
            Err(e) if needed.contains(lang) => return Err(e),
            Err(e) => left_out.push(e),
        }
    }
    if translations.is_empty()
        && let Some(e) = left_out.pop()
    {
        return Err(e);
    }
    let resolution = Resolution {
        meta: entry.meta.clone(),
        translations,
    };
    Ok((resolution, left_out))
}

/// How many bytes of text reading these translations of `entry` means
/// (0 for bundled ones, which are in memory). Files that cannot be
/// looked at count as 0: reading them fails quickly.
pub fn text_bytes<'a>(entry: &Entry, langs: impl IntoIterator<Item = &'a String>) -> u64 {
    match &entry.origin {
        Origin::Bundled | Origin::Memory(_) => 0,
        Origin::User(dir) => langs
            .into_iter()
            .filter_map(|lang| std::fs::metadata(dir.join(format!("{lang}.md"))).ok())
            .map(|m| m.len())
            .sum(),
    }
}

/// Newest first; undated resolutions last; ties by id.
pub fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        let da = a.meta.date.map(|d| d.latest());
        let db = b.meta.date.map(|d| d.latest());
        db.cmp(&da).then_with(|| a.meta.id.cmp(&b.meta.id))
    });
}

/// Read a text file of the resolution folder `dir`, as the library's
/// symlink policy allows (see [`within_library`]): a regular file, at most
/// `limit` bytes, UTF-8.
fn read_text(path: &Path, dir: &Path, limit: u64) -> Result<String, LibraryError> {
    let shown = || path.display().to_string();
    if !within_library(path, dir) {
        return Err(LibraryError::Outside { path: shown() });
    }
    let bytes = crate::fsio::read_regular(path, limit).map_err(|e| match e {
        ReadError::Io(error) => LibraryError::Io {
            path: shown(),
            error,
        },
        ReadError::NotAFile(kind) => LibraryError::NotAFile {
            path: shown(),
            kind,
        },
        ReadError::TooLarge { size, .. } => LibraryError::TooLarge {
            path: shown(),
            size: size.map(|s| s / 1024 / 1024),
        },
    })?;
    utf8_string(bytes).ok_or_else(|| LibraryError::NotUtf8 { path: shown() })
}

/// `bytes` as a `String` if they are UTF-8, checked by simdutf8: several
/// times faster than the standard library's check on text that is not
/// ASCII, and a streamed search checks every file of the library.
fn utf8_string(bytes: Vec<u8>) -> Option<String> {
    simdutf8::basic::from_utf8(&bytes).ok()?;
    // SAFETY: checked to be UTF-8 just above.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

/// The library's one symlink policy, for `<lang>.md` and `meta.toml` files
/// and for resolution folders alike: a symbolic link is followed when it
/// leads to somewhere inside the library folder, never when it leads out
/// (a shared library could otherwise show, index and export `/etc/passwd`).
/// `dir` is the resolution's folder, directly inside the library folder.
/// A path that does not resolve (missing, a loop) counts as inside: opening
/// it then fails with its own message.
pub fn within_library(path: &Path, dir: &Path) -> bool {
    let Some(root) = dir.parent() else {
        return true;
    };
    // A file directly in its folder, neither of them a link, is where its
    // path says: inside. Two `lstat`s instead of resolving both paths a
    // component at a time (a `readlink` each), for every file read.
    let plain = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| !m.file_type().is_symlink());
    let named = |p: &Path| matches!(p.file_name(), Some(n) if n != "." && n != "..");
    if path.parent() == Some(dir) && named(path) && named(dir) && plain(dir) && plain(path) {
        return true;
    }
    let (Ok(root), Ok(target)) = (std::fs::canonicalize(root), std::fs::canonicalize(path)) else {
        return true;
    };
    target.starts_with(&root) && target != root
}

/// Parse `meta.toml`, checking that it names the folder it is in.
pub fn parse_meta(text: &str, path: &str, folder_id: &str) -> Result<ResolutionMeta, LibraryError> {
    let meta: ResolutionMeta = toml::from_str(text).map_err(|e| LibraryError::Syntax {
        path: path.to_string(),
        line: e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
            .unwrap_or(1),
        message: e.message().trim().to_string(),
    })?;
    if meta.id != folder_id {
        return Err(LibraryError::Syntax {
            path: path.to_string(),
            line: 1,
            message: format!("id `{}` does not match its folder `{folder_id}`", meta.id),
        });
    }
    for lang in meta.translations.keys() {
        if !crate::lang::is_known_code(lang) {
            return Err(LibraryError::Syntax {
                path: path.to_string(),
                line: 1,
                message: format!("`{lang}` is not an ISO 639 language code"),
            });
        }
    }
    Ok(meta)
}

/// Serialise metadata as `meta.toml`.
pub fn write_meta(meta: &ResolutionMeta) -> String {
    // Serialising this plain struct cannot fail; fall back to an empty file
    // rather than panic if a future field ever makes it so.
    toml::to_string(meta).unwrap_or_default()
}

fn broken_entry(id: &str, origin: Origin, problem: String) -> Entry {
    Entry {
        meta: ResolutionMeta {
            id: id.to_string(),
            organization: None,
            date: None,
            kind: "resolution".to_string(),
            source: None,
            translations: BTreeMap::new(),
        },
        origin,
        problem: Some(problem),
    }
}

fn load_bundled(dir: &Dir<'static>) -> Entry {
    let id = dir.path().to_string_lossy().to_string();
    let path = format!("(bundled) {id}/meta.toml");
    let meta = dir
        .get_file(dir.path().join("meta.toml"))
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| format!("{path}: missing"))
        .and_then(|text| parse_meta(text, &path, &id).map_err(|e| e.to_string()));
    match meta {
        Ok(meta) => Entry {
            meta,
            origin: Origin::Bundled,
            problem: None,
        },
        Err(problem) => broken_entry(&id, Origin::Bundled, problem),
    }
}

/// Load every resolution folder under `root`. A missing root is an empty
/// library; one that cannot be listed (permission denied, not a folder) is
/// an error naming it. A folder inside it that cannot be read is a broken entry.
pub fn load_user_dir(root: &Path) -> Result<Vec<Entry>, LibraryError> {
    let read = match std::fs::read_dir(root) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(LibraryError::Io {
                path: root.display().to_string(),
                error,
            });
        }
    };
    let mut folders = Vec::new();
    let mut entries = Vec::new();
    for item in read.flatten() {
        let dir = item.path();
        let id = item.file_name().to_string_lossy().to_string();
        if id.starts_with('.') {
            continue;
        }
        match item.file_type() {
            Ok(t) if t.is_dir() => {}
            // A link to a folder: followed inside the library, listed as
            // broken when it leads out; links to anything else are strays.
            Ok(t) if t.is_symlink() && dir.is_dir() => {
                if !within_library(&dir, &dir) {
                    let problem = LibraryError::Outside {
                        path: dir.display().to_string(),
                    };
                    let origin = Origin::User(dir.clone());
                    entries.push(broken_entry(&id, origin, problem.to_string()));
                    continue;
                }
            }
            _ => continue,
        }
        folders.push((dir, id));
    }
    // Each folder's `meta.toml` read and parsed on every core: a large
    // library has thousands (and the caller sorts the entries).
    let size = folders.len().div_ceil(crate::parallel::cores() * 4).max(64);
    let parts = crate::parallel::map_chunks(&folders, size, |part| {
        part.iter()
            .map(|(dir, id)| user_entry(dir, id))
            .collect::<Vec<_>>()
    });
    entries.extend(parts.into_iter().flatten());
    Ok(entries)
}

/// The entry for the user resolution in folder `dir` (named `id`), from
/// its `meta.toml`; a broken entry when that cannot be read.
fn user_entry(dir: &Path, id: &str) -> Entry {
    let origin = Origin::User(dir.to_path_buf());
    let meta_path = dir.join("meta.toml");
    let meta = read_text(&meta_path, dir, MAX_META_BYTES)
        .and_then(|text| parse_meta(&text, &meta_path.display().to_string(), id));
    match meta {
        Ok(meta) => Entry {
            meta,
            origin,
            problem: None,
        },
        Err(e) => broken_entry(id, origin, e.to_string()),
    }
}

/// Delete a user resolution's folder `dir` (its `Origin::User`) and
/// everything in it.
pub fn remove_resolution(dir: &Path) -> Result<(), LibraryError> {
    let Some(root) = dir.parent() else {
        return Err(LibraryError::Broken(format!(
            "{}: not inside a library",
            dir.display()
        )));
    };
    store::with_lock(root, || store::remove(dir))
}

/// Write a resolution into `root/<id>/` under the library lock: created
/// whole if it is new, else its translations and `meta.toml` replaced as
/// one change (see [`store`]).
pub fn write_resolution(root: &Path, resolution: &Resolution) -> Result<PathBuf, LibraryError> {
    store::with_lock(root, || {
        if root.join(&resolution.meta.id).is_dir() {
            store::add(root, &resolution.meta, &resolution.translations)
        } else {
            store::create(root, &resolution.meta, &resolution.translations)
        }
    })
}
