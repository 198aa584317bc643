//! The keys in force, generated from the keymap.

use super::{Outcome, Popup};
use crate::tui::app::App;
use crate::tui::draw::{border, centered, key_for, screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::panes::Focus;
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Default)]
pub struct Help {
    pub scroll: usize,
}

impl Popup for Help {
    fn act(&mut self, action: Action, _app: &mut App) -> Outcome {
        match action {
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let screen = screen(frame, app);
        let area = centered(screen, 76, screen.height.saturating_sub(2));
        super::cover(frame, area);
        let mut lines: Vec<Line> = Vec::new();
        let mut context = None;
        let here = match app.focus {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
        };
        for (c, keys, description) in app.keymap.help(here) {
            if context != Some(c) {
                if context.is_some() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(
                    c.name().to_string(),
                    Style::new().add_modifier(Modifier::BOLD),
                ));
                context = Some(c);
            }
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), app.theme.accent),
                Span::raw(description),
            ]));
        }
        let scroll = self.scroll.min(lines.len().saturating_sub(1)) as u16;
        let key = |action| key_for(app, Context::Popup, action).unwrap_or_default();
        let title = format!(
            " Keys — {} closes, {}/{} scroll ",
            key(Action::Close),
            key(Action::Down),
            key(Action::Up)
        );
        let block = border(title, true, &app.theme);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    }
}
