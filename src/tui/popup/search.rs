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
    /// Where Up/Down are in the search history.
    pub history: crate::tui::history::Walk,
}

impl Popup for SearchPrompt {
    fn context(&self) -> Context {
        Context::Prompt
    }

    fn typed(&mut self, c: char, app: &mut App) -> Outcome {
        self.query.push(c);
        self.history.edited();
        app.search_live(&self.query);
        Outcome::Stay
    }

    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        match action {
            Action::DeleteBack => {
                self.query.pop();
                self.history.edited();
                app.search_live(&self.query);
            }
            Action::HistoryOlder | Action::HistoryNewer => {
                let history = &app.memory.state.search_history;
                let recalled = if action == Action::HistoryOlder {
                    self.history.older(history, &self.query)
                } else {
                    self.history.newer(history)
                };
                if let Some(query) = recalled {
                    self.query = query;
                    app.search_live(&self.query);
                }
            }
            Action::Confirm => {
                crate::state::remember_query(&mut app.memory.state.search_history, &self.query);
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
        let history = if app.memory.state.search_history.is_empty() {
            String::new()
        } else {
            format!(
                " · {} history",
                key_for(app, Context::Prompt, Action::HistoryOlder).unwrap_or_default()
            )
        };
        draw_prompt(
            frame,
            app,
            Line::from(vec![
                Span::raw("/"),
                Span::raw(typed(&self.query, app)),
                Span::styled("█", app.theme.cursor),
                Span::styled(
                    format!(
                        "  {hits} hits · {} jump · {} cancel{history}",
                        key_for(app, Context::Prompt, Action::Confirm).unwrap_or_default(),
                        key_for(app, Context::Prompt, Action::Close).unwrap_or_default()
                    ),
                    app.theme.dim,
                ),
            ]),
        );
    }
}
