//! Typing a search in the open document, on the bottom line: hits show as
//! the query is typed; Enter jumps to the next, Esc puts back the previous
//! search.

use super::{Outcome, Popup, draw_prompt};
use crate::tui::app::App;
use crate::tui::draw::{key_for, typed};
use crate::tui::keymap::{Action, Context};
use ratatui::Frame;
use ratatui::text::{Line, Span};

#[derive(Debug, Default)]
pub struct SearchPrompt {
    pub query: String,
    /// The search in force before, restored on Esc.
    pub previous: String,
}

impl Popup for SearchPrompt {
    fn context(&self) -> Context {
        Context::Prompt
    }

    fn typed(&mut self, c: char, app: &mut App) -> Outcome {
        self.query.push(c);
        app.search_live(&self.query);
        Outcome::Stay
    }

    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        match action {
            Action::DeleteBack => {
                self.query.pop();
                app.search_live(&self.query);
            }
            Action::Confirm => {
                app.jump(true);
                return Outcome::Close;
            }
            Action::Close => app.search_live(&self.previous),
            _ => {}
        }
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
            app,
            Line::from(vec![
                Span::raw("/"),
                Span::raw(typed(&self.query, app)),
                Span::styled("█", app.theme.cursor),
                Span::styled(
                    format!(
                        "  {hits} hits · {} jump · {} cancel",
                        key_for(app, Context::Prompt, Action::Confirm).unwrap_or_default(),
                        key_for(app, Context::Prompt, Action::Close).unwrap_or_default()
                    ),
                    app.theme.dim,
                ),
            ]),
        );
    }
}
