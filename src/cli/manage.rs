//! Managing the user library from the command line: `remove` and `rename`.
//! Bundled resolutions are part of the program and are never touched.
//! Writing goes through the library's own write functions.

use super::{Cli, UserError};
use crate::library::{self, Entry, Library, Origin};
use anyhow::{Result, bail};
use std::io::Write;
use std::path::PathBuf;

/// The user resolution `id`, with its folder; a clear error for a bundled one.
fn user_entry<'a>(library: &'a Library, id: &str, verb: &str) -> Result<(&'a Entry, PathBuf)> {
    let entry = library.get(id)?;
    match &entry.origin {
        Origin::User(dir) => Ok((entry, dir.clone())),
        Origin::Bundled => bail!(UserError(format!(
            "`{id}` is bundled with resreader and cannot be {verb} (--no-bundled hides the bundled resolutions)"
        ))),
        Origin::Memory(_) => bail!(UserError(format!(
            "`{id}` was opened from files and is not in the library"
        ))),
    }
}

/// `resreader remove ID [--lang L]`.
pub fn remove(cli: &Cli, id: &str, lang: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let library = super::load_reporting(&cli.library_options());
    let (entry, dir) = user_entry(&library, id, "removed")?;
    let Some(lang) = lang else {
        library::remove_resolution(&dir)?;
        writeln!(out, "removed {id} ({})", dir.display())?;
        return shown_again(cli, id, out);
    };
    let Some(root) = dir.parent() else {
        bail!(UserError(format!(
            "{}: not inside a library",
            dir.display()
        )));
    };
    // Checked again under the lock, against what is on disk then.
    library::remove_translation(root, &entry.meta.id, lang)?;
    writeln!(out, "removed the {lang} translation of {id}")?;
    Ok(())
}

/// After removing a user resolution that stood in for a bundled one of the
/// same id, the bundled one is listed again: say so.
fn shown_again(cli: &Cli, id: &str, out: &mut dyn Write) -> Result<()> {
    let library = Library::load(&cli.library_options());
    if library.get(id).is_ok_and(|e| e.origin == Origin::Bundled) {
        writeln!(out, "the bundled {id} is listed again")?;
    }
    Ok(())
}

/// `resreader rename ID NEW-ID`: the place reached and bookmarks move too.
pub fn rename(cli: &Cli, id: &str, new_id: &str, out: &mut dyn Write) -> Result<()> {
    let library = super::load_reporting(&cli.library_options());
    let (entry, dir) = user_entry(&library, id, "renamed")?;
    if !crate::import::valid_id(new_id) {
        bail!(UserError(format!(
            "`{new_id}` is not a usable id (use lower-case letters, digits and dashes)"
        )));
    }
    if library.get(new_id).is_ok() {
        bail!(UserError(format!("`{new_id}` is already in the library")));
    }
    let Some(root) = dir.parent() else {
        bail!(UserError(format!(
            "{}: not inside a library",
            dir.display()
        )));
    };
    let new_dir = library::rename_resolution(root, &entry.meta.id, new_id)?;
    writeln!(out, "renamed {id} to {new_id} ({})", new_dir.display())?;
    if let Some(path) = crate::state::default_path()
        && path.exists()
    {
        let (mut state, problem) = crate::state::load(&path);
        if let Some(problem) = problem {
            super::say(format!("warning: {problem}"));
        }
        let old_bookmarks = state.rename_id(id, new_id);
        if let Err(e) = crate::state::save(&path, &mut state, &old_bookmarks) {
            super::say(format!(
                "warning: {}: the place reached in {id} was not moved ({e})",
                path.display()
            ));
        }
    }
    Ok(())
}
