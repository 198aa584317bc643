//! Typing a search in the open document, on the bottom line: hits show as
//! the query is typed; Enter jumps to the next, Esc puts back the previous
//! search.

use super::{Outcome, Popup, draw_prompt};
use crate::tui::app::App;
use crate::tui::draw::typed;
use crate::tui::keymap::{Action, Key};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

#[derive(Debug, Default)]
pub struct SearchPrompt {
    pub query: String,
    /// The search in force before, restored on Esc.
    pub previous: String,
}

impl Popup for SearchPrompt {
    fn key(&mut self, event: &KeyEvent, key: Key, app: &mut App) -> Option<Outcome> {
        match event.code {
            KeyCode::Char(c) if !key.ctrl => {
                self.query.push(c);
                app.search_live(&self.query);
            }
            KeyCode::Backspace => {
                self.query.pop();
                app.search_live(&self.query);
            }
            KeyCode::Enter => {
                app.jump(true);
                return Some(Outcome::Close);
            }
            KeyCode::Esc => {
                app.search_live(&self.previous);
                return Some(Outcome::Close);
            }
            _ => return None,
        }
        Some(Outcome::Stay)
    }

    fn act(&mut self, _action: Action, _app: &mut App) -> Outcome {
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let hits = app
            .reader
            .as_ref()
            .map(|r| r.search.hits.len())
            .unwrap_or(0);
        draw_prompt(
            frame,
            Line::from(vec![
                Span::raw("/"),
                Span::raw(typed(&self.query, app)),
                Span::styled("█", app.theme.cursor),
                Span::styled(
                    format!("  {hits} hits · Enter jump · Esc cancel"),
                    app.theme.dim,
                ),
            ]),
        );
    }
}
