//! Changes to one resolution of the user library that read it and write it
//! back: each reads what is on disk *under the library lock* and writes
//! through [`store`], so that a concurrent import cannot slip in between the
//! read and the write and be lost.

use super::{LibraryError, Resolution, store, user_entry};
use std::path::{Path, PathBuf};

/// The resolution `id` in `root`, read from disk now (call under the lock).
fn read_now(root: &Path, id: &str) -> Result<Resolution, LibraryError> {
    let dir = root.join(id);
    if !dir.is_dir() {
        return Err(LibraryError::NoSuchResolution(id.to_string()));
    }
    super::read_resolution(&user_entry(&dir, id))
}

/// Remove the `lang` translation of the user resolution `root/<id>`:
/// `meta.toml` is rewritten without it first, then its file goes. Refused
/// when it is the only translation (removing the resolution is a
/// different, explicit act).
pub fn remove_translation(root: &Path, id: &str, lang: &str) -> Result<(), LibraryError> {
    store::with_lock(root, || {
        let mut resolution = read_now(root, id)?;
        if !resolution.meta.translations.contains_key(lang) {
            return Err(LibraryError::NoSuchLanguage {
                id: id.to_string(),
                lang: lang.to_string(),
                available: resolution.meta.langs().join(", "),
            });
        }
        if resolution.meta.translations.len() == 1 {
            return Err(LibraryError::Broken(format!(
                "`{lang}` is the only translation of `{id}`; `resreader remove {id}` removes the resolution"
            )));
        }
        resolution.meta.translations.remove(lang);
        // Only meta.toml is rewritten; the other translations stay as they are.
        store::add(root, &resolution.meta, &[])?;
        let path = root.join(id).join(format!("{lang}.md"));
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(LibraryError::Io {
                path: path.display().to_string(),
                error,
            }),
            _ => Ok(()),
        }
    })
}

/// Give the user resolution `root/<id>` the id `new_id`: the new folder is
/// written whole before the old one goes, so a kill in between leaves both,
/// never neither. Fails if `root/<new_id>` exists.
pub fn rename_resolution(root: &Path, id: &str, new_id: &str) -> Result<PathBuf, LibraryError> {
    store::with_lock(root, || {
        let mut resolution = read_now(root, id)?;
        resolution.meta.id = new_id.to_string();
        let new_dir = create_new(root, &resolution, "")?;
        store::remove(&root.join(id))?;
        Ok(new_dir)
    })
}

/// Write a resolution opened from files into the user library `root` as a
/// new one, as `resreader import` does: refused if `root` has its id.
/// Returns its folder.
pub fn keep_resolution(root: &Path, resolution: &Resolution) -> Result<PathBuf, LibraryError> {
    store::with_lock(root, || {
        let id = &resolution.meta.id;
        let hint = format!("; `resreader import --into {id}` adds translations");
        create_new(root, resolution, &hint)
    })
}

/// Write `resolution` as a new folder of `root` (call under the lock);
/// refused if its id is taken, the message ending with `hint`.
fn create_new(root: &Path, resolution: &Resolution, hint: &str) -> Result<PathBuf, LibraryError> {
    let id = &resolution.meta.id;
    if root.join(id).exists() {
        return Err(LibraryError::Broken(format!(
            "`{id}` is already in the library ({}){hint}",
            root.join(id).display()
        )));
    }
    store::create(root, &resolution.meta, &resolution.translations)
}
