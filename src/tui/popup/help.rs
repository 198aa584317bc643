//! The keys in force, generated from the keymap.

use super::{Outcome, Popup};
use crate::tui::app::App;
use crate::tui::draw::{border, centered, key_for, screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::panes::Focus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Default)]
pub struct Help {
    /// The first line shown; at most the one that puts the last line at
    /// the bottom of the box (`fit`).
    pub scroll: usize,
}

/// Where the help stands on `screen`.
fn area(screen: Rect) -> Rect {
    centered(screen, 76, screen.height.saturating_sub(2))
}

/// The room inside the help's border on the app's screen.
fn inside(app: &App) -> Rect {
    let area = area(Rect::new(0, 0, app.size.0, app.size.1));
    Rect::new(
        0,
        0,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
}

/// The help's lines: the keys in force where the focus is, by context.
/// A description too long for the box wraps under itself, not under the keys.
fn lines(app: &App) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let inside = inside(app).width as usize;
    let here = match app.focus {
        Focus::List => Context::List,
        Focus::Reader => Context::Reader,
    };
    let rows = app.keymap.help(here);
    // Two cells of margin, the keys, two cells between; keys wider than
    // the column (a long remap) get a line of their own.
    let keys_width = rows
        .iter()
        .map(|(_, keys, _)| keys.width())
        .max()
        .unwrap_or(0)
        .min(20);
    let hang = 2 + keys_width + 2;
    let room = inside.saturating_sub(hang).max(16);
    let mut lines: Vec<Line> = Vec::new();
    let mut context = None;
    for (c, keys, description) in rows {
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
        let mut wrapped =
            crate::text::layout_paragraph(description, &crate::text::LayoutOptions::new(room), &[])
                .into_iter()
                .map(|l| l.to_plain().trim_end().to_string());
        let keys_cell = Span::styled(format!("  {keys}"), app.theme.accent);
        if keys.width() > keys_width {
            lines.push(Line::from(keys_cell));
        } else {
            let pad = " ".repeat(keys_width - keys.width() + 2);
            let first = wrapped.next().unwrap_or_default();
            lines.push(Line::from(vec![keys_cell, Span::raw(pad + &first)]));
        }
        for rest in wrapped {
            lines.push(Line::raw(" ".repeat(hang) + &rest));
        }
    }
    lines
}

/// The lines that fit inside the help's border, and the first line shown
/// when its last line is at the bottom.
fn fit(app: &App) -> (usize, usize) {
    let inside = inside(app).height as usize;
    (inside, lines(app).len().saturating_sub(inside.max(1)))
}

impl Popup for Help {
    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        let (page, last_top) = fit(app);
        let page = page.max(1);
        self.scroll = match action {
            Action::Down => self.scroll + 1,
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll + page,
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::HalfPageDown => self.scroll + page.div_ceil(2),
            Action::HalfPageUp => self.scroll.saturating_sub(page.div_ceil(2)),
            Action::Top => 0,
            Action::Bottom => last_top,
            _ => self.scroll,
        }
        .min(last_top);
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let area = area(screen(frame, app));
        super::cover(frame, area);
        let scroll = self.scroll.min(fit(app).1) as u16;
        let key = |action| key_for(app, Context::Popup, action).unwrap_or_default();
        let title = format!(
            " Keys — {} closes, {}/{} scroll ",
            key(Action::Close),
            key(Action::Down),
            key(Action::Up)
        );
        let block = border(title, true, &app.theme);
        frame.render_widget(
            Paragraph::new(lines(app)).block(block).scroll((scroll, 0)),
            area,
        );
    }
}
