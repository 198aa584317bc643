//! What resreader remembers between sessions: the last resolution with its
//! columns and position, the position in every translation read, and
//! bookmarks. Kept as JSON in the platform state folder.
//!
//! Saving is safe against crashes and against a second resreader: the file
//! is written beside, flushed to disk and renamed over (never truncated in
//! place), under a lock, after merging with what is on disk, so two
//! processes keep each other's bookmarks. A file that cannot be read is set
//! aside as a backup and resreader starts afresh, saying so once.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest state file read: far more bookmarks than anyone keeps.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The format version written today.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Last {
    pub id: String,
    pub columns: Vec<String>,
    /// The block of the first column at the top of the screen (None: the titles).
    pub block: Option<usize>,
}

/// A bookmark. Two are the same bookmark when they differ only in `added`.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub lang: String,
    pub block: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When it was made (milliseconds since 1970; 0 in files from before
    /// this was kept): a deletion made later wins over it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub added: u64,
}

impl PartialEq for Bookmark {
    fn eq(&self, other: &Self) -> bool {
        (&self.id, &self.lang, self.block, &self.note)
            == (&other.id, &other.lang, other.block, &other.note)
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A deleted bookmark, kept so that another resreader that still has it
/// does not bring it back when it saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    #[serde(flatten)]
    pub bookmark: Bookmark,
    /// When it was deleted (milliseconds since 1970).
    pub at: u64,
}

/// How long a deletion is remembered: longer than any reader stays open.
const FORGET_DELETED_MS: u64 = 90 * 24 * 3600 * 1000;

/// Milliseconds since 1970, the clock bookmarks and deletions are dated by.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    #[serde(default)]
    pub last: Option<Last>,
    /// Last block read, by "id/lang".
    #[serde(default)]
    pub positions: BTreeMap<String, usize>,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// Bookmarks deleted lately (see [`Deleted`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deleted>,
    /// Queries run in the finder, newest first (see [`remember_query`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finder_history: Vec<String>,
    /// Searches in a document (`/`), newest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search_history: Vec<String>,
}

/// The most queries a history keeps.
pub const HISTORY_MAX: usize = 100;

/// Put `query` first in `history`, once; blank queries are not kept, and
/// the oldest go past [`HISTORY_MAX`].
pub fn remember_query(history: &mut Vec<String>, query: &str) {
    if query.trim().is_empty() {
        return;
    }
    history.retain(|q| q != query);
    history.insert(0, query.to_string());
    history.truncate(HISTORY_MAX);
}

/// Another process's history after ours (ours is the newer), once each.
fn merge_history(ours: &mut Vec<String>, disk: Vec<String>) {
    for q in disk {
        if !ours.contains(&q) {
            ours.push(q);
        }
    }
    ours.truncate(HISTORY_MAX);
}

impl Default for State {
    fn default() -> Self {
        State {
            version: VERSION,
            last: None,
            positions: BTreeMap::new(),
            bookmarks: Vec::new(),
            deleted: Vec::new(),
            finder_history: Vec::new(),
            search_history: Vec::new(),
        }
    }
}

impl State {
    pub fn position(&self, id: &str, lang: &str) -> Option<usize> {
        self.positions.get(&format!("{id}/{lang}")).copied()
    }

    pub fn set_position(&mut self, id: &str, lang: &str, block: usize) {
        self.positions.insert(format!("{id}/{lang}"), block);
    }

    /// Move everything remembered about resolution `old` to `new` (it was
    /// renamed); returns the bookmarks under the old id, for `save` to drop.
    pub fn rename_id(&mut self, old: &str, new: &str) -> Vec<Bookmark> {
        let prefix = format!("{old}/");
        let moved: Vec<(String, usize)> = self
            .positions
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.to_string(), *v)))
            .collect();
        for (lang, block) in moved {
            self.positions.remove(&format!("{old}/{lang}"));
            self.set_position(new, &lang, block);
        }
        let mut old_bookmarks = Vec::new();
        for b in self.bookmarks.iter_mut().filter(|b| b.id == old) {
            old_bookmarks.push(b.clone());
            b.id = new.to_string();
        }
        if let Some(last) = self.last.as_mut().filter(|l| l.id == old) {
            last.id = new.to_string();
        }
        old_bookmarks
    }

    /// Add a bookmark, dated now (a bookmark made again is dated anew, so
    /// that an older deletion elsewhere does not remove it).
    pub fn add_bookmark(&mut self, mut bookmark: Bookmark) {
        bookmark.added = now_ms();
        match self.bookmarks.iter_mut().find(|b| **b == bookmark) {
            Some(b) => b.added = bookmark.added,
            None => self.bookmarks.push(bookmark),
        }
    }

    /// Take in what another process saved: its positions where this one has
    /// none; every bookmark either has, less those deleted (by either, or
    /// `removed` by this one) after they were made.
    fn merge_from_disk(&mut self, disk: State, removed: &[Bookmark]) {
        for (k, v) in disk.positions {
            self.positions.entry(k).or_insert(v);
        }
        let now = now_ms();
        for b in removed {
            // Dated once: saving again later must not date it anew, or it
            // would win over the same bookmark made again elsewhere since.
            if !self
                .deleted
                .iter()
                .any(|d| d.bookmark == *b && d.at >= b.added)
            {
                self.deleted.retain(|d| d.bookmark != *b);
                self.deleted.push(Deleted {
                    bookmark: b.clone(),
                    at: now.max(b.added),
                });
            }
        }
        for d in disk.deleted {
            match self.deleted.iter_mut().find(|x| x.bookmark == d.bookmark) {
                Some(x) => x.at = x.at.max(d.at),
                None => self.deleted.push(d),
            }
        }
        for b in disk.bookmarks {
            match self.bookmarks.iter_mut().find(|x| **x == b) {
                Some(x) => x.added = x.added.max(b.added),
                None => self.bookmarks.push(b),
            }
        }
        let deleted = &self.deleted;
        self.bookmarks
            .retain(|b| !deleted.iter().any(|d| d.bookmark == *b && d.at >= b.added));
        self.deleted
            .retain(|d| now.saturating_sub(d.at) < FORGET_DELETED_MS);
        if self.last.is_none() {
            self.last = disk.last;
        }
        merge_history(&mut self.finder_history, disk.finder_history);
        merge_history(&mut self.search_history, disk.search_history);
    }
}

/// The default state file: `$RESREADER_STATE`, else
/// `<state dir>/resreader/state.json` (the data dir where there is no state dir).
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RESREADER_STATE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    dirs::state_dir()
        .or_else(dirs::data_dir)
        .map(|d| d.join("resreader").join("state.json"))
}

fn parse(bytes: &[u8]) -> Result<State, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
    let state: State = serde_json::from_str(text).map_err(|e| format!("line {}: {e}", e.line()))?;
    if state.version != VERSION {
        return Err(format!(
            "format version {} (this resreader reads {VERSION})",
            state.version
        ));
    }
    Ok(state)
}

/// Read the state. A missing file is a fresh start; an unreadable one is
/// renamed to a backup beside it and the message says so.
pub fn load(path: &Path) -> (State, Option<String>) {
    let bytes = match crate::fsio::read_regular(path, MAX_BYTES) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return (State::default(), None),
        Err(e) => {
            return (
                State::default(),
                Some(format!(
                    "{}: cannot read ({e}); starting afresh",
                    path.display()
                )),
            );
        }
    };
    match parse(&bytes) {
        Ok(state) => (state, None),
        Err(reason) => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let backup = path.with_extension(format!("json.broken-{stamp}"));
            let kept = match std::fs::rename(path, &backup) {
                Ok(()) => format!("kept as {}", backup.display()),
                Err(e) => format!("could not be set aside ({e}) and is left untouched"),
            };
            (
                State::default(),
                Some(format!(
                    "{}: {reason}; {kept}; starting afresh",
                    path.display()
                )),
            )
        }
    }
}

/// Write `bytes` to `path` atomically: a temporary file beside it, flushed
/// to disk, then renamed over. `before_rename` runs in between (tests use it
/// to stand for a crash).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = crate::fsio::temporary_beside(path);
    let written = (|| {
        let mut file = crate::fsio::create_new(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        before_rename()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Save `state` to `path`, merging with what another process saved since;
/// `removed` are bookmarks this process deleted. `state` is updated to what
/// was written.
pub fn save(path: &Path, state: &mut State, removed: &[Bookmark]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let lock_file = crate::fsio::open_lock_file(&path.with_extension("lock"))?;
    let mut lock = fd_lock::RwLock::new(lock_file);
    let _guard = lock.write()?;
    // Whatever a killed resreader left half-written (its writer is gone).
    if let Some(name) = path.file_name() {
        crate::fsio::clean_stale_temporaries(dir, &name.to_string_lossy());
    }
    if let Ok(bytes) = crate::fsio::read_regular(path, MAX_BYTES) {
        // An unreadable file on disk was set aside at load; nothing to merge.
        if let Ok(disk) = parse(&bytes) {
            state.merge_from_disk(disk, removed);
        }
    }
    let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
    write_atomic(path, &json, || Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark(block: usize) -> Bookmark {
        Bookmark {
            id: "r".into(),
            lang: "en".into(),
            block,
            note: String::new(),
            added: 0,
        }
    }

    #[test]
    fn a_deletion_survives_a_reader_that_still_had_the_bookmark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut first = State::default();
        first.add_bookmark(bookmark(1));
        first.add_bookmark(bookmark(2));
        save(&path, &mut first, &[]).unwrap();
        // Two readers open with both bookmarks.
        let (mut a, _) = load(&path);
        let (mut b, _) = load(&path);
        std::thread::sleep(std::time::Duration::from_millis(2));
        let gone = a.bookmarks.remove(0);
        save(&path, &mut a, std::slice::from_ref(&gone)).unwrap();
        // The other quits, saving what it had.
        save(&path, &mut b, &[]).unwrap();
        assert_eq!(load(&path).0.bookmarks, vec![bookmark(2)]);
        assert!(!b.bookmarks.contains(&bookmark(1)));
        // Made again later, anywhere: it stays, though `a` still lists it
        // as removed and saves again.
        std::thread::sleep(std::time::Duration::from_millis(2));
        b.add_bookmark(bookmark(1));
        save(&path, &mut b, &[]).unwrap();
        save(&path, &mut a, std::slice::from_ref(&gone)).unwrap();
        assert!(load(&path).0.bookmarks.contains(&bookmark(1)));
        // Files from before deletions were kept still load.
        std::fs::write(
            &path,
            r#"{"version": 1, "bookmarks": [{"id": "r", "lang": "en", "block": 3}]}"#,
        )
        .unwrap();
        assert_eq!(load(&path).0.bookmarks, vec![bookmark(3)]);
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut state = State::default();
        state.set_position("r", "en", 3);
        save(&path, &mut state, &[]).unwrap();
        let before = std::fs::read(&path).unwrap();
        let crashed = write_atomic(
            &path,
            b"{\"version\": 1, \"positions\": {\"r/en\": 9",
            || Err(std::io::Error::other("killed")),
        );
        assert!(crashed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(load(&path).0.position("r", "en"), Some(3));
    }

    #[test]
    fn histories_are_newest_first_once_each_bounded_and_merged() {
        let mut h = Vec::new();
        for q in ["a", "b", " ", "a", ""] {
            remember_query(&mut h, q);
        }
        assert_eq!(h, ["a", "b"]);
        for i in 0..HISTORY_MAX + 5 {
            remember_query(&mut h, &i.to_string());
        }
        assert_eq!(h.len(), HISTORY_MAX);
        assert_eq!(h[0], (HISTORY_MAX + 4).to_string());
        // A state file from before histories loads; histories round-trip,
        // and another process's queries come after ours.
        let old = r#"{"version": 1, "bookmarks": []}"#;
        let mut state = parse(old.as_bytes()).unwrap();
        assert!(state.finder_history.is_empty() && state.search_history.is_empty());
        state.search_history = vec!["ceasefire".into()];
        let json = serde_json::to_string(&state).unwrap();
        let mut other = parse(json.as_bytes()).unwrap();
        assert_eq!(other.search_history, ["ceasefire"]);
        remember_query(&mut other.search_history, "peace");
        state.search_history = vec!["war".into(), "peace".into()];
        state.merge_from_disk(other, &[]);
        assert_eq!(state.search_history, ["war", "peace", "ceasefire"]);
    }

    #[test]
    fn two_processes_keep_each_others_bookmarks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (mut a, _) = load(&path);
        let (mut b, _) = load(&path);
        a.bookmarks.push(bookmark(1));
        a.bookmarks.push(bookmark(2));
        save(&path, &mut a, &[]).unwrap();
        b.bookmarks.push(bookmark(7));
        save(&path, &mut b, &[]).unwrap();
        assert_eq!(
            load(&path).0.bookmarks,
            vec![bookmark(7), bookmark(1), bookmark(2)]
        );
        // A deletion in one process is not undone by the other's copy.
        a.bookmarks.retain(|x| *x != bookmark(1));
        save(&path, &mut a, &[bookmark(1)]).unwrap();
        let on_disk = load(&path).0.bookmarks;
        assert!(!on_disk.contains(&bookmark(1)) && on_disk.contains(&bookmark(7)));
    }

    #[test]
    fn an_unreadable_file_is_set_aside_and_reported() {
        for content in [
            &b"{\"version\": 1, \"positions\": {"[..],
            b"\xff\xfe",
            b"{\"version\": 99}",
            b"",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("state.json");
            std::fs::write(&path, content).unwrap();
            let (state, message) = load(&path);
            assert_eq!(state, State::default());
            let message = message.expect("a message");
            assert!(
                message.contains("kept as") && message.contains("state.json"),
                "{message}"
            );
            let backups: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().contains("broken"))
                .collect();
            assert_eq!(backups.len(), 1);
            assert_eq!(
                std::fs::read(backups[0].path()).unwrap(),
                content,
                "the user's file is kept as it was"
            );
        }
    }
}
