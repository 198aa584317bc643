//! Pick a language: for the single view, or for the last column.

use super::{Outcome, Popup, draw_menu, step};
use crate::lang::native_name;
use crate::tui::app::App;
use crate::tui::draw::visual;
use crate::tui::keymap::Action;
use ratatui::Frame;

#[derive(Debug)]
pub struct Chooser {
    pub langs: Vec<String>,
    pub selected: usize,
}

impl Popup for Chooser {
    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        if action != Action::Open {
            step(&mut self.selected, action, self.langs.len());
            return Outcome::Stay;
        }
        if let Some(lang) = self.langs.get(self.selected).cloned() {
            app.choose_language(lang);
        }
        Outcome::Close
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let items: Vec<String> = self
            .langs
            .iter()
            .map(|l| visual(&format!("{l}  {}", native_name(l)), app))
            .collect();
        draw_menu(frame, app, " Translation ", &items, self.selected);
    }
}
