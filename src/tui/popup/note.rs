//! Typing the note of a new bookmark, on the bottom line.

use super::{Outcome, Popup, draw_prompt};
use crate::tui::app::App;
use crate::tui::draw::{key_for, typed};
use crate::tui::keymap::{Action, Context};
use ratatui::Frame;
use ratatui::text::{Line, Span};

#[derive(Debug, Default)]
pub struct Note {
    pub text: String,
}

impl Popup for Note {
    fn context(&self) -> Context {
        Context::Prompt
    }

    fn typed(&mut self, c: char, _app: &mut App) -> Outcome {
        self.text.push(c);
        Outcome::Stay
    }

    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        match action {
            Action::DeleteBack => {
                self.text.pop();
            }
            Action::Confirm => {
                app.add_bookmark(self.text.trim().to_string());
                return Outcome::Close;
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        draw_prompt(
            frame,
            app,
            Line::from(vec![
                Span::raw("Bookmark note: "),
                Span::raw(typed(&self.text, app)),
                Span::styled("█", app.theme.cursor),
                Span::styled(
                    format!(
                        "  {} saves (the note may stay empty) · {} cancels",
                        key_for(app, Context::Prompt, Action::Confirm).unwrap_or_default(),
                        key_for(app, Context::Prompt, Action::Close).unwrap_or_default()
                    ),
                    app.theme.dim,
                ),
            ]),
        );
    }
}
