//! What the reader remembers: the place in every translation, bookmarks,
//! the jump list, and saving them (now, on quit, and for the rescue code
//! that saves on a signal or a panic).

use super::app::App;
use super::jobs::AfterOpen;
use crate::state::{Bookmark, Last, State};
use std::path::PathBuf;

/// Places and bookmarks, and where they are saved.
#[derive(Debug, Default)]
pub struct Memory {
    pub state: State,
    /// The state file (none: nothing is saved).
    pub path: Option<PathBuf>,
    /// Bookmarks deleted in this session (so a save does not bring them back).
    pub removed_bookmarks: Vec<Bookmark>,
    /// Places jumped from, for jump back/forward; `jump_at` is the place
    /// shown when walking the list (its length when not walking).
    pub jumps: Vec<Last>,
    pub jump_at: usize,
}

/// After opening: go to this paragraph of the first column.
pub fn go_to_block(block: Option<usize>) -> AfterOpen {
    Box::new(move |app: &mut App| {
        if let (Some(reader), Some(block)) = (app.reader.as_mut(), block) {
            reader.go_to_block(0, block);
        }
    })
}

impl App {
    /// Where the reader is now, as a place to come back to.
    pub fn here(&self) -> Option<Last> {
        let reader = self.reader.as_ref()?;
        Some(Last {
            id: reader.resolution.meta.id.clone(),
            columns: reader.columns.clone(),
            block: reader.top_block(0),
        })
    }

    /// Open a place: its resolution, columns and paragraph.
    fn go(&mut self, place: &Last) {
        let then = go_to_block(place.block);
        if let Err(e) = self.open_then(&place.id, Some(place.columns.clone()), Some(then)) {
            self.status = Some(e);
        }
    }

    /// Remember the current place before a jump elsewhere.
    pub(super) fn record_jump(&mut self) {
        if let Some(here) = self.here() {
            let m = &mut self.memory;
            m.jumps.truncate(m.jump_at);
            if m.jumps.last() != Some(&here) {
                m.jumps.push(here);
            }
            m.jump_at = m.jumps.len();
        }
    }

    /// Jump to a place, remembering where we were.
    pub(super) fn jump_to(&mut self, place: Last) {
        self.record_jump();
        self.go(&place);
    }

    pub(super) fn jump_back(&mut self) {
        if self.memory.jump_at == 0 {
            self.status = Some("no earlier place".into());
            return;
        }
        if self.memory.jump_at == self.memory.jumps.len()
            && let Some(here) = self.here()
        {
            // Keep the present, to come forward to again.
            self.memory.jumps.push(here);
        }
        self.memory.jump_at -= 1;
        let place = self.memory.jumps[self.memory.jump_at].clone();
        self.go(&place);
    }

    pub(super) fn jump_forward(&mut self) {
        if self.memory.jump_at + 1 >= self.memory.jumps.len() {
            self.status = Some("no later place".into());
            return;
        }
        self.memory.jump_at += 1;
        let place = self.memory.jumps[self.memory.jump_at].clone();
        self.go(&place);
    }

    /// Bookmark the paragraph at the top of the reading pane.
    pub(super) fn add_bookmark(&mut self, note: String) {
        let Some(reader) = &self.reader else { return };
        let Some(block) = reader.top_block(0) else {
            self.status = Some("scroll to a paragraph to bookmark it".into());
            return;
        };
        let bookmark = Bookmark {
            id: reader.resolution.meta.id.clone(),
            lang: reader.columns[0].clone(),
            block,
            note,
            added: 0,
        };
        let m = &mut self.memory;
        m.removed_bookmarks.retain(|b| *b != bookmark);
        m.state.add_bookmark(bookmark);
        self.status = Some(format!("bookmarked ¶{}", block + 1));
        self.persist();
    }

    /// Delete the bookmark at `index`, and save.
    pub(super) fn delete_bookmark(&mut self, index: usize) {
        if index < self.memory.state.bookmarks.len() {
            let removed = self.memory.state.bookmarks.remove(index);
            self.memory.removed_bookmarks.push(removed);
            self.persist();
        }
    }

    /// Save the state now, telling the user if that fails.
    pub(super) fn persist(&mut self) {
        if let Err(e) = self.save_state() {
            self.status = Some(e);
        }
    }

    /// Note the position in every translation shown.
    pub fn remember(&mut self) {
        let Some(reader) = &self.reader else { return };
        let state = &mut self.memory.state;
        let id = reader.resolution.meta.id.clone();
        for (column, lang) in reader.columns.iter().enumerate() {
            if let Some(block) = reader.top_block(column) {
                state.set_position(&id, lang, block);
            }
        }
        state.last = Some(Last {
            id,
            columns: reader.columns.clone(),
            block: reader.top_block(0),
        });
    }

    /// Reopen where the last session left off, if the resolution is still there.
    pub fn resume(&mut self) {
        let Some(last) = self.memory.state.last.clone() else {
            return;
        };
        let then = go_to_block(last.block);
        // A resolution that has gone since is simply not reopened.
        let _ = self.open_then(&last.id, Some(last.columns.clone()), Some(then));
    }

    /// Note the current place and hand a copy of the state to the rescue
    /// code, which saves it if the reader is stopped by a signal or a panic.
    pub fn publish(&mut self) {
        self.remember();
        let m = &self.memory;
        super::rescue::publish(m.path.as_ref(), &m.state, &m.removed_bookmarks);
    }

    /// Write the state file (merging with other processes' saves).
    pub fn save_state(&mut self) -> Result<(), String> {
        self.remember();
        let m = &mut self.memory;
        let Some(path) = m.path.clone() else {
            return Ok(());
        };
        crate::state::save(&path, &mut m.state, &m.removed_bookmarks)
            .map_err(|e| format!("{}: cannot save ({e})", path.display()))
    }
}
