//! Popups: layers over the main view, each a component that takes its own
//! keys and draws itself. `App` keeps them on a stack; keys go to the top
//! one. A new popup is a new file here implementing [`Popup`].

pub mod bookmarks;
pub mod chooser;
pub mod confirm;
pub mod export;
pub mod help;
pub mod note;
pub mod search;

pub use bookmarks::Bookmarks;
pub use chooser::Chooser;
pub use confirm::Confirm;
pub use export::ExportMenu;
pub use help::Help;
pub use note::Note;
pub use search::SearchPrompt;

use super::app::App;
use super::draw::{border, centered, screen};
use super::keymap::{Action, Context};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use std::any::Any;

/// What a popup wants after a key: to stay open or to close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
}

/// A layer over the main view. Its keys are looked up in its keymap
/// context; while it handles one it is off the stack, so it gets the whole
/// `App` to act on.
pub trait Popup: Any {
    /// The keymap context of its keys.
    fn context(&self) -> Context {
        Context::Popup
    }

    /// A character typed in a context that takes text, bound to nothing.
    fn typed(&mut self, _c: char, _app: &mut App) -> Outcome {
        Outcome::Stay
    }

    /// An action bound in its context. After `Close` the popup is closed
    /// whatever this returns (it may undo something first).
    fn act(&mut self, action: Action, app: &mut App) -> Outcome;

    /// Draw over the main view.
    fn draw(&self, frame: &mut Frame, app: &App);
}

/// Move the selection in a list of `len` items: a step, a page of
/// `LIST_PAGE` items, or to either end.
pub(super) fn step(selected: &mut usize, action: Action, len: usize) {
    const LIST_PAGE: usize = 10;
    let last = len.saturating_sub(1);
    *selected = match action {
        Action::Down => *selected + 1,
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => *selected + LIST_PAGE,
        Action::PageUp => selected.saturating_sub(LIST_PAGE),
        Action::HalfPageDown => *selected + LIST_PAGE / 2,
        Action::HalfPageUp => selected.saturating_sub(LIST_PAGE / 2),
        Action::Top => 0,
        Action::Bottom => last,
        _ => *selected,
    }
    .min(last);
}

/// Blank what a popup covers, so that what is under it never shows through
/// at its edges (a letter between two borders, a border drawn twice): a
/// small popup gets a blank cell around it; a large one, which would leave
/// only slivers of the screen around it, everything above the status line
/// (the last line, which keeps the keys).
pub fn cover(frame: &mut Frame, area: ratatui::layout::Rect) {
    let screen = frame.area();
    let above_status = screen.bottom().saturating_sub(1);
    let large = area.width * 2 > screen.width && area.height * 2 > screen.height;
    let (x, y, right) = if large {
        (screen.x, screen.y, screen.right())
    } else {
        (
            area.x.saturating_sub(1),
            area.y.saturating_sub(1),
            (area.right() + 1).min(screen.right()),
        )
    };
    let bottom = if large {
        above_status
    } else {
        (area.bottom() + 1).min(above_status.max(area.bottom()))
    };
    frame.render_widget(
        Clear,
        ratatui::layout::Rect {
            x,
            y,
            width: right.saturating_sub(x),
            height: bottom.saturating_sub(y),
        },
    );
}

/// A small centred menu of one-line items.
pub(super) fn draw_menu(
    frame: &mut Frame,
    app: &App,
    title: &str,
    items: &[String],
    selected: usize,
) {
    use unicode_width::UnicodeWidthStr;
    // Padded to the widths terminals draw (বাংলা), as the reading pane is.
    let items: Vec<String> = items.iter().map(|i| super::draw::pad_str(i)).collect();
    let width = items.iter().map(|i| i.width()).max().unwrap_or(10) as u16 + 6;
    let area = centered(
        screen(frame, app),
        width.max(title.chars().count() as u16 + 4),
        items.len() as u16 + 2,
    );
    cover(frame, area);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let text = format!("{} {item}", if i == selected { "▶" } else { " " });
            if i == selected {
                Line::styled(text, Style::new().add_modifier(Modifier::REVERSED))
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(border(title.to_string(), true, &app.theme)),
        area,
    );
    super::draw::force_widths(frame.buffer_mut(), area);
}

/// Draw a prompt on the bottom line, over the status and hints.
pub(super) fn draw_prompt(frame: &mut Frame, app: &App, line: Line) {
    let area = screen(frame, app);
    let bottom = ratatui::layout::Rect {
        y: area.height.saturating_sub(1),
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(Clear, bottom);
    frame.render_widget(Paragraph::new(line), bottom);
}
