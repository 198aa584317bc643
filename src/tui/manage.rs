//! Managing the library from the reader: removing a resolution (after a
//! yes) and keeping files opened directly. The writing is the library's
//! own (`crate::library`), as `resreader remove` and `import` do it.

use super::app::App;
use super::jobs::FullText;
use super::keymap::{Action, Context};
use super::panes::Focus;
use super::popup::Confirm;
use crate::library::{Library, LibraryOptions, Origin};
use crate::search::Index;
use std::sync::Arc;

impl App {
    /// Ask before removing the selected resolution; bundled ones and files
    /// opened directly are refused with a word on why.
    pub(super) fn ask_remove(&mut self) {
        let Some(entry) = self.library.entries.get(self.selected) else {
            return;
        };
        let id = entry.meta.id.clone();
        match &entry.origin {
            Origin::Bundled => {
                self.status = Some(format!(
                    "bundled resolutions cannot be removed (they come with resreader): {id}"
                ));
            }
            Origin::Memory(_) => {
                self.status = Some(format!(
                    "not in the library, nothing to remove (opened from files): {id}"
                ));
            }
            Origin::User(dir) => {
                let dir = dir.clone();
                let langs = entry.meta.langs().len();
                let (_, title) = entry.meta.title_for(&self.preferred);
                let question = vec![
                    "Remove from the library?".to_string(),
                    super::draw::visual(title, self),
                    format!(
                        "{id} · {langs} translation{}",
                        if langs == 1 { "" } else { "s" }
                    ),
                ];
                self.popups.push(Box::new(Confirm::new(
                    question,
                    Box::new(move |app: &mut App| {
                        app.status = Some(match crate::library::remove_resolution(&dir) {
                            Ok(()) => {
                                if app
                                    .reader
                                    .as_ref()
                                    .is_some_and(|r| r.resolution.meta.id == id)
                                {
                                    app.reader = None;
                                    app.focus = Focus::List;
                                }
                                app.reload_library();
                                format!("removed {id} ({})", dir.display())
                            }
                            Err(e) => format!("{id} was not removed: {e}"),
                        });
                    }),
                )));
            }
        }
    }

    /// Import a resolution opened from files into the user library: the
    /// open one in the reading pane, else the one selected in the list.
    pub(super) fn keep_opened(&mut self) {
        let id = match (&self.reader, self.focus) {
            (Some(reader), Focus::Reader) => reader.resolution.meta.id.clone(),
            _ => match self.library.entries.get(self.selected) {
                Some(e) => e.meta.id.clone(),
                None => return,
            },
        };
        let Some(at) = self.library.entries.iter().position(|e| e.meta.id == id) else {
            return;
        };
        let Origin::Memory(resolution) = &self.library.entries[at].origin else {
            let key = super::draw::key_for(self, Context::Global, Action::Keep).unwrap_or_default();
            self.status = Some(format!(
                "{id} is already in the library ({key} keeps files opened with resreader FILE)"
            ));
            return;
        };
        let Some(root) = self.library.user_dir.clone() else {
            self.status = Some("no user library folder to keep it in (--library DIR)".into());
            return;
        };
        if self.library.bundled && bundled_ids().contains(&id) {
            self.status = Some(format!(
                "{id} is the id of a bundled resolution; import the files with --id to keep them"
            ));
            return;
        }
        match crate::library::keep_resolution(&root, resolution) {
            Ok(dir) => {
                // Still open: only where it lives changes.
                self.library.entries[at].origin = Origin::User(dir.clone());
                self.status = Some(format!("kept {id} in the library: {}", dir.display()));
            }
            Err(e) => self.status = Some(format!("{id} was not kept: {e}")),
        }
    }

    /// Read the library again after a change on disk, keeping the files
    /// opened directly, the selection's place and the open resolution if
    /// it is still there.
    fn reload_library(&mut self) {
        let mut library = Library::load(&LibraryOptions {
            user_dir: self.library.user_dir.clone(),
            bundled: self.library.bundled,
        });
        for e in &self.library.entries {
            if let Origin::Memory(r) = &e.origin {
                library.add_in_memory(r.as_ref().clone());
            }
        }
        self.library = library;
        let open = self.reader.as_ref().map(|r| r.resolution.meta.id.clone());
        if open.is_some_and(|id| self.library.get(&id).is_err()) {
            self.reader = None;
            self.focus = Focus::List;
        }
        self.selected = self
            .selected
            .min(self.library.entries.len().saturating_sub(1));
        self.list_top = self.list_top.min(self.selected);
        self.jobs.titles = Arc::new(Index::titles(&self.library));
        self.jobs.full_text = FullText::NotStarted;
        self.details = None;
        self.refresh_details();
    }
}

/// The ids of the bundled resolutions.
fn bundled_ids() -> Vec<String> {
    Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    })
    .entries
    .into_iter()
    .map(|e| e.meta.id)
    .collect()
}
