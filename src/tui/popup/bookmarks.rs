//! The bookmarks, to jump to or delete.

use super::{Outcome, Popup, draw_menu, step};
use crate::state::Bookmark;
use crate::text::sanitize::sanitize_str;
use crate::tui::app::App;
use crate::tui::draw::{key_for, visual};
use crate::tui::keymap::{Action, Context};
use ratatui::Frame;

#[derive(Debug, Default)]
pub struct Bookmarks {
    pub selected: usize,
}

/// The title of the bookmarked translation, or `None` when the library no
/// longer holds it (the resolution or that translation was removed).
fn title(app: &App, b: &Bookmark) -> Option<String> {
    let entry = app.library.get(&b.id).ok()?;
    let translation = entry.meta.translations.get(&b.lang)?;
    Some(crate::text::snippet(&translation.title, &[], 40).0)
}

impl Popup for Bookmarks {
    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        let count = app.memory.state.bookmarks.len();
        match action {
            Action::Open => {
                if let Some(b) = app.memory.state.bookmarks.get(self.selected).cloned() {
                    if title(app, &b).is_none() {
                        // Kept, so that it works again if the text comes back.
                        let delete =
                            key_for(app, Context::Popup, Action::Delete).unwrap_or_default();
                        // The row names the text; this fits 80 columns.
                        app.status = Some(format!(
                            "not in the library any more · {delete} deletes the bookmark"
                        ));
                        return Outcome::Stay;
                    }
                    app.jump_to(crate::state::Last {
                        id: b.id,
                        columns: vec![b.lang],
                        block: Some(b.block),
                    });
                }
                return Outcome::Close;
            }
            Action::Delete if self.selected < count => {
                app.delete_bookmark(self.selected);
                self.selected = self.selected.min(count.saturating_sub(2));
            }
            _ => step(&mut self.selected, action, count),
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let items: Vec<String> = app
            .memory
            .state
            .bookmarks
            .iter()
            .map(|b| {
                let title =
                    title(app, b).unwrap_or_else(|| format!("{} (no longer in the library)", b.id));
                let note = if b.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", b.note)
                };
                visual(
                    &format!(
                        "{} ¶{} · {}{note}",
                        b.lang,
                        b.block + 1,
                        sanitize_str(&title)
                    ),
                    app,
                )
            })
            .collect();
        let open = key_for(app, Context::Popup, Action::Open).unwrap_or_default();
        let delete = key_for(app, Context::Popup, Action::Delete).unwrap_or_default();
        draw_menu(
            frame,
            app,
            &format!(" Bookmarks · {open} jumps · {delete} deletes "),
            &items,
            self.selected,
        );
    }
}
