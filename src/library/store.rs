//! Writing the user library: one writer at a time, a resolution as a whole.
//!
//! - Every write holds the library lock (`<library>/.lock`, an advisory
//!   lock through fd-lock), so two `import --into` at once cannot lose each
//!   other's translations. Readers take no lock: what they can see is
//!   always whole (below).
//! - A new resolution is written into a hidden staging folder
//!   (`.ID.tmp-PID-N`, which the loader passes over) and renamed into
//!   place: it appears whole or not at all, and a failure leaves nothing
//!   that blocks its id.
//! - Translations added to an existing resolution are written under
//!   temporary names; once every file is on disk, a journal
//!   (`.journal-PID-N.commit`) names the renames, which are then made with
//!   `meta.toml` last: a reader sees the old metadata or the new, never a
//!   language without its file.
//! - Recovery, when the library is loaded and at the start of every write
//!   (always under the lock, so no writer is at work; a load skips it
//!   while another process writes): a committed journal is finished, and
//!   whatever was not committed (staging folders, temporary files, intent
//!   journals) is removed, as are empty resolution folders.

use super::{LibraryError, ResolutionMeta, Translation, format, write_meta};
use crate::fsio;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file's name inside the library folder.
pub const LOCK: &str = ".lock";
const JOURNAL: &str = ".journal-";
const INTENT: &str = ".intent";
const COMMIT: &str = ".commit";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> LibraryError + use<> {
    let path = path.display().to_string();
    move |error| LibraryError::Io { path, error }
}

/// Run `write` holding the library lock, after recovering from any write
/// that was cut short. Creates the library folder if needed.
pub fn with_lock<T, E: From<LibraryError>>(
    root: &Path,
    write: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    std::fs::create_dir_all(root).map_err(io(root))?;
    let lock_path = root.join(LOCK);
    let file = fsio::open_lock_file(&lock_path).map_err(io(&lock_path))?;
    let mut lock = fd_lock::RwLock::new(file);
    let _guard = lock.write().map_err(io(&lock_path))?;
    recover(root);
    write()
}

/// Recover from writes cut short, if a writer left something behind and
/// no other process is writing to the library now; otherwise do nothing (that writer
/// recovers, or the next one). Called when the library is loaded, so that
/// what a killed writer left does not wait for the next write. A library
/// that cannot be locked (read-only) is left as it is.
pub fn recover_if_idle(root: &Path) {
    // Only when a writer left something: loading must write nothing (not
    // even the lock file) in a library that needs no repair.
    let left_something = std::fs::read_dir(root).is_ok_and(|read| {
        read.flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(JOURNAL) || (name.starts_with('.') && name.contains(".tmp-"))
        })
    });
    if !left_something {
        return;
    }
    let Ok(file) = fsio::open_lock_file(&root.join(LOCK)) else {
        return;
    };
    let mut lock = fd_lock::RwLock::new(file);
    if let Ok(_guard) = lock.try_write() {
        recover(root);
    }
}

/// Write `text` to a new file at `path` and flush it to disk.
fn write_file(path: &Path, text: &[u8]) -> Result<(), LibraryError> {
    #[cfg(test)]
    tests::maybe_fail(path)?;
    let mut file = fsio::create_new(path).map_err(io(path))?;
    file.write_all(text).map_err(io(path))?;
    file.sync_all().map_err(io(path))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Write a new resolution as `root/<id>/`, whole or not at all. Call it
/// under [`with_lock`]. Fails if the folder is there.
pub fn create(
    root: &Path,
    meta: &ResolutionMeta,
    translations: &[Translation],
) -> Result<PathBuf, LibraryError> {
    let dir = root.join(&meta.id);
    let staging = fsio::temporary_beside(&dir);
    std::fs::create_dir(&staging).map_err(io(&staging))?;
    let written = (|| {
        for t in translations {
            let path = staging.join(format!("{}.md", t.lang));
            write_file(&path, format::write_blocks(&t.blocks).as_bytes())?;
        }
        write_file(&staging.join("meta.toml"), write_meta(meta).as_bytes())?;
        sync_dir(&staging);
        // Refuses to replace a folder that has anything in it.
        std::fs::rename(&staging, &dir).map_err(io(&dir))
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written?;
    sync_dir(root);
    Ok(dir)
}

/// Add (or rewrite) `translations` of the resolution in `root/<id>/` and
/// write `meta` (which lists them) over its `meta.toml`, as one change.
/// Call it under [`with_lock`].
pub fn add(
    root: &Path,
    meta: &ResolutionMeta,
    translations: &[Translation],
) -> Result<PathBuf, LibraryError> {
    let dir = root.join(&meta.id);
    let journal = fsio::temporary_beside(&root.join("journal"))
        .file_name()
        .map(|n| n.to_string_lossy().replace(".journal.tmp-", JOURNAL))
        .unwrap_or_default();
    let intent = root.join(format!("{journal}{INTENT}"));
    let commit = root.join(format!("{journal}{COMMIT}"));
    // The intent names the folder, so that recovery knows where to clean
    // if this process dies before the commit.
    write_file(&intent, format!("{}\n", meta.id).as_bytes())?;
    let mut renames: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut files: Vec<(String, String)> = translations
        .iter()
        .map(|t| (format!("{}.md", t.lang), format::write_blocks(&t.blocks)))
        .collect();
    files.push(("meta.toml".into(), write_meta(meta)));
    let prepared = (|| {
        for (name, text) in &files {
            let path = dir.join(name);
            let tmp = fsio::temporary_beside(&path);
            write_file(&tmp, text.as_bytes())?;
            renames.push((tmp, path));
        }
        sync_dir(&dir);
        let lines: String = renames
            .iter()
            .map(|(tmp, path)| format!("{}\t{}\n", file_name(tmp), file_name(path)))
            .collect();
        let text = format!("{}\n{lines}", meta.id);
        let tmp = fsio::temporary_beside(&commit);
        write_file(&tmp, text.as_bytes())?;
        // The commit: from here on the change is made, by us or by recovery.
        std::fs::rename(&tmp, &commit).map_err(io(&commit))
    })();
    if let Err(e) = prepared {
        for (tmp, _) in &renames {
            let _ = std::fs::remove_file(tmp);
        }
        let _ = std::fs::remove_file(&intent);
        return Err(e);
    }
    sync_dir(root);
    let _ = std::fs::remove_file(&intent);
    apply(root, &commit)?;
    Ok(dir)
}

/// Remove the resolution folder `dir` as one change: renamed out of sight
/// first, then deleted (what a kill leaves is removed by recovery). Call
/// it under [`with_lock`].
pub fn remove(dir: &Path) -> Result<(), LibraryError> {
    let hidden = fsio::temporary_beside(dir);
    std::fs::rename(dir, &hidden).map_err(io(dir))?;
    std::fs::remove_dir_all(&hidden).map_err(io(dir))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Make the renames a committed journal lists (those not made yet), in
/// order, then remove it.
fn apply(root: &Path, commit: &Path) -> Result<(), LibraryError> {
    let text = std::fs::read_to_string(commit).map_err(io(commit))?;
    let mut lines = text.lines();
    let id = lines.next().unwrap_or_default();
    let dir = root.join(id);
    for line in lines {
        let Some((tmp, name)) = line.split_once('\t') else {
            continue;
        };
        let (tmp, path) = (dir.join(tmp), dir.join(name));
        if tmp.exists() {
            std::fs::rename(&tmp, &path).map_err(io(&path))?;
        }
    }
    sync_dir(&dir);
    std::fs::remove_file(commit).map_err(io(commit))?;
    sync_dir(root);
    Ok(())
}

/// Finish or undo what a writer killed part-way left. Only under the lock.
fn recover(root: &Path) {
    let Ok(read) = std::fs::read_dir(root) else {
        return;
    };
    let names: Vec<String> = read
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in names.iter().filter(|n| n.starts_with(JOURNAL)) {
        let path = root.join(name);
        if name.ends_with(COMMIT) {
            let _ = apply(root, &path);
        } else if name.ends_with(INTENT) {
            // Not committed: its temporary files go.
            if let Ok(id) = std::fs::read_to_string(&path) {
                let id = id.trim();
                if !id.is_empty() && !id.contains('/') && !id.starts_with('.') {
                    remove_temporaries(&root.join(id));
                }
            }
            let _ = std::fs::remove_file(&path);
        }
    }
    remove_temporaries(root);
    for name in names.iter().filter(|n| !n.starts_with('.')) {
        // Only an empty folder is removed: one a failed write left.
        let _ = std::fs::remove_dir(root.join(name));
    }
}

/// Remove our temporary files and staging folders in `dir`.
fn remove_temporaries(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for item in read.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.contains(".tmp-")) {
            continue;
        }
        let path = item.path();
        match item.file_type() {
            Ok(t) if t.is_dir() => {
                let _ = std::fs::remove_dir_all(&path);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Block, LibraryOptions, TranslationMeta};
    use std::cell::Cell;

    thread_local! {
        /// Fail the write of the file whose name starts with this.
        static FAIL: Cell<Option<&'static str>> = const { Cell::new(None) };
    }

    pub(super) fn maybe_fail(path: &Path) -> Result<(), LibraryError> {
        let name = file_name(path);
        match FAIL.get() {
            Some(prefix) if name.trim_start_matches('.').starts_with(prefix) => {
                Err(LibraryError::Io {
                    path: path.display().to_string(),
                    error: std::io::Error::other("No space left on device"),
                })
            }
            _ => Ok(()),
        }
    }

    fn translation(lang: &str) -> Translation {
        Translation {
            lang: lang.into(),
            meta: TranslationMeta {
                title: format!("Title {lang}"),
                excerpt: false,
            },
            blocks: vec![Block::Paragraph {
                text: format!("Text in {lang}."),
            }],
        }
    }

    fn meta(id: &str, langs: &[&str]) -> ResolutionMeta {
        ResolutionMeta {
            id: id.into(),
            organization: None,
            date: None,
            kind: "resolution".into(),
            source: None,
            translations: langs
                .iter()
                .map(|l| (l.to_string(), translation(l).meta))
                .collect(),
        }
    }

    /// Every folder lists exactly the languages whose files it has, and
    /// nothing of ours is left lying about.
    fn assert_consistent(root: &Path) {
        // Before loading, which recovers.
        let mut stray = Vec::new();
        for dir in std::iter::once(root.to_path_buf()).chain(
            std::fs::read_dir(root)
                .unwrap()
                .flatten()
                .filter(|e| e.file_type().unwrap().is_dir())
                .map(|e| e.path()),
        ) {
            for item in std::fs::read_dir(&dir).unwrap().flatten() {
                let name = item.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') && name != LOCK {
                    stray.push(item.path());
                }
            }
        }
        assert!(stray.is_empty(), "left behind: {stray:?}");
        let library = crate::library::Library::load(&LibraryOptions {
            user_dir: Some(root.to_path_buf()),
            bundled: false,
        });
        for e in &library.entries {
            assert!(e.problem.is_none(), "{:?}", e.problem);
            let r = crate::library::read_resolution(e).expect("readable");
            assert_eq!(r.translations.len(), e.meta.translations.len());
        }
    }

    #[test]
    fn a_broken_translation_is_left_out_unless_it_is_needed() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let langs = [translation("en"), translation("de"), translation("fr")];
        with_lock(root, || {
            create(root, &meta("r", &["en", "de", "fr"]), &langs)
        })
        .unwrap();
        std::fs::write(root.join("r/fr.md"), b"bad \xff\xfe text").unwrap();
        let library = crate::library::Library::load(&LibraryOptions {
            user_dir: Some(root.to_path_buf()),
            bundled: false,
        });
        let entry = library.get("r").unwrap();
        let needed = |langs: &[&str]| langs.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let (resolution, left_out) =
            crate::library::read_resolution_leaving_out(entry, &needed(&["en", "de"])).unwrap();
        let read: Vec<&str> = resolution
            .translations
            .iter()
            .map(|t| t.lang.as_str())
            .collect();
        assert_eq!(read, ["de", "en"]);
        assert_eq!(left_out.len(), 1);
        assert!(left_out[0].to_string().contains("fr.md"), "{}", left_out[0]);
        let needed_fr = crate::library::read_resolution_leaving_out(entry, &needed(&["fr"]));
        assert!(needed_fr.unwrap_err().to_string().contains("fr.md"));
        assert!(crate::library::read_resolution(entry).is_err());
    }

    #[test]
    fn a_failed_new_resolution_leaves_nothing_under_its_id() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let langs = [translation("en"), translation("de")];
        FAIL.set(Some("de.md"));
        let e = with_lock(root, || create(root, &meta("r", &["en", "de"]), &langs));
        FAIL.set(None);
        assert!(e.unwrap_err().to_string().contains("No space left"));
        assert!(!root.join("r").exists());
        assert_consistent(root);
        with_lock(root, || create(root, &meta("r", &["en", "de"]), &langs)).unwrap();
        assert_consistent(root);
        assert!(root.join("r/de.md").is_file());
    }

    #[test]
    fn a_failed_addition_leaves_the_resolution_as_it_was() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        with_lock(root, || {
            create(root, &meta("r", &["en"]), &[translation("en")])
        })
        .unwrap();
        let before = std::fs::read(root.join("r/meta.toml")).unwrap();
        for fail in ["fr.md", "meta.toml", "journal"] {
            FAIL.set(Some(fail));
            let added = with_lock(root, || {
                add(
                    root,
                    &meta("r", &["en", "de", "fr"]),
                    &[translation("de"), translation("fr")],
                )
            });
            FAIL.set(None);
            assert!(added.is_err(), "{fail}");
            assert_eq!(std::fs::read(root.join("r/meta.toml")).unwrap(), before);
            assert_consistent(root);
        }
    }

    #[test]
    fn recovery_finishes_a_committed_change_and_drops_the_rest() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        with_lock(root, || {
            create(root, &meta("r", &["en"]), &[translation("en")])
        })
        .unwrap();
        // A writer killed after its commit, before any rename.
        let dir = root.join("r");
        std::fs::write(dir.join(".de.md.tmp-999999-1"), "Text in de.\n").unwrap();
        std::fs::write(
            dir.join(".meta.toml.tmp-999999-2"),
            write_meta(&meta("r", &["en", "de"])),
        )
        .unwrap();
        std::fs::write(
            root.join(".journal-999999-0.commit"),
            "r\n.de.md.tmp-999999-1\tde.md\n.meta.toml.tmp-999999-2\tmeta.toml\n",
        )
        .unwrap();
        // One killed before its commit, one killed creating a resolution,
        // and an empty folder an older version left.
        std::fs::write(root.join(".journal-999998-0.intent"), "r\n").unwrap();
        std::fs::write(dir.join(".fr.md.tmp-999998-1"), "half").unwrap();
        std::fs::create_dir(root.join(".s.tmp-999997-0")).unwrap();
        std::fs::write(root.join(".s.tmp-999997-0/en.md"), "x").unwrap();
        std::fs::create_dir(root.join("empty")).unwrap();
        recover_when_loaded(root);
        assert_consistent(root);
        let meta_text = std::fs::read_to_string(dir.join("meta.toml")).unwrap();
        assert!(meta_text.contains("[translations.de]"), "{meta_text}");
        assert!(!root.join("empty").exists() && !dir.join("fr.md").exists());
    }

    /// Loading the library runs the recovery when nobody writes.
    fn recover_when_loaded(root: &Path) {
        let _ = crate::library::Library::load(&LibraryOptions {
            user_dir: Some(root.to_path_buf()),
            bundled: false,
        });
    }

    #[test]
    fn loading_leaves_a_library_being_written_alone() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let staging = root.join(".s.tmp-999997-0");
        let survived = with_lock(root, || {
            // A writer's staging folder, then a load while it holds the
            // lock (flock locks are per open file, so this conflicts).
            std::fs::create_dir(&staging).map_err(io(&staging))?;
            recover_if_idle(root);
            Ok::<_, LibraryError>(staging.exists())
        })
        .unwrap();
        assert!(survived, "a load removed a live writer's staging folder");
        // Once the writer is gone, the next load cleans it up.
        recover_when_loaded(root);
        assert!(!staging.exists());
    }
}
