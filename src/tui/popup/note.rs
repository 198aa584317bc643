//! Typing the note of a new bookmark, on the bottom line.

use super::{Outcome, Popup, draw_prompt};
use crate::tui::app::App;
use crate::tui::draw::typed;
use crate::tui::keymap::{Action, Key};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

#[derive(Debug, Default)]
pub struct Note {
    pub text: String,
}

impl Popup for Note {
    /// Typed text goes into the note; Enter saves, Esc cancels.
    fn key(&mut self, event: &KeyEvent, key: Key, app: &mut App) -> Option<Outcome> {
        match event.code {
            KeyCode::Char(c) if !key.ctrl => self.text.push(c),
            KeyCode::Backspace => {
                self.text.pop();
            }
            KeyCode::Enter => {
                app.add_bookmark(self.text.trim().to_string());
                return Some(Outcome::Close);
            }
            KeyCode::Esc => return Some(Outcome::Close),
            _ => return None,
        }
        Some(Outcome::Stay)
    }

    fn act(&mut self, _action: Action, _app: &mut App) -> Outcome {
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        draw_prompt(
            frame,
            Line::from(vec![
                Span::raw("Bookmark note: "),
                Span::raw(typed(&self.text, app)),
                Span::styled("█", app.theme.cursor),
                Span::styled(
                    "  Enter saves (the note may stay empty) · Esc cancels",
                    app.theme.dim,
                ),
            ]),
        );
    }
}
