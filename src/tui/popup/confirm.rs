//! A yes/no question before something that cannot be undone (removing a
//! resolution): `y` does it; `n`, `Esc` or `q` leave things as they were.
//! Enter is not an answer, so that a key pressed from habit does nothing.

use super::{Outcome, Popup, draw_menu};
use crate::tui::app::App;
use crate::tui::draw::key_for;
use crate::tui::keymap::{Action, Context};
use ratatui::Frame;

/// What a yes does.
pub type OnYes = Box<dyn FnOnce(&mut App)>;

pub struct Confirm {
    /// The question, a line or a few (each cut to the screen's width).
    pub question: Vec<String>,
    on_yes: Option<OnYes>,
}

impl Confirm {
    pub fn new(question: Vec<String>, on_yes: OnYes) -> Confirm {
        Confirm {
            question,
            on_yes: Some(on_yes),
        }
    }
}

impl Popup for Confirm {
    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        match action {
            Action::Yes => {
                if let Some(on_yes) = self.on_yes.take() {
                    on_yes(app);
                }
                Outcome::Close
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let yes = key_for(app, Context::Popup, Action::Yes).unwrap_or_default();
        let no = app
            .keymap
            .keys_for(Context::Popup, Action::Close)
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let room = (frame.area().width as usize).saturating_sub(10).max(10);
        let mut items: Vec<String> = self
            .question
            .iter()
            .map(|line| {
                let line = crate::text::sanitize::sanitize_str(line);
                if line.chars().count() > room {
                    line.chars().take(room - 1).chain(['…']).collect()
                } else {
                    line
                }
            })
            .collect();
        items.push(String::new());
        items.push(format!("{yes}: yes   {no}: no"));
        draw_menu(frame, app, " Sure? ", &items, usize::MAX);
    }
}
