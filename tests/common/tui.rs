//! The reader's App driven by keys, as the binary drives it, for tests that
//! need no terminal; the screen it draws, as text; and the bundled
//! documents they read.

use ratatui::crossterm::event::Event;
use resreader::library::{Library, LibraryOptions};
use resreader::render::RenderOptions;
use resreader::tui::app::App;
use resreader::tui::keymap::{Key, event_of};
use unicode_width::UnicodeWidthStr;

/// Bundled resolutions the tests read.
pub const CEASEFIRE: &str = "icor-2025-10-31-secure-the-victory-of-the-ceasefire";
pub const IMCWP: &str = "imcwp-2023-10-20-solidarity-with-the-struggling-peoples-and";

/// The bundled library alone.
pub fn bundled() -> Library {
    Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    })
}

/// An App on the bundled library, English first, on a screen of this size;
/// `open` opens a resolution in the given columns.
pub fn app(width: u16, height: u16, open: Option<(&str, &[&str])>) -> App {
    let mut app = App::new(
        bundled(),
        vec!["en".into()],
        RenderOptions::default(),
        (width, height),
    );
    if let Some((id, columns)) = open {
        app.open(id, Some(columns.iter().map(|s| s.to_string()).collect()))
            .expect("opens");
    }
    app
}

/// Press keys written as in the keymap (`j`, `C-d`, `Enter`), each taken in
/// as the event loop does, with the finder's search waited for.
pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        press_only(app, k);
        app.settle_search();
    }
}

/// Press one key without waiting for any background work.
pub fn press_only(app: &mut App, key: &str) {
    let key = Key::parse(key).unwrap_or_else(|| panic!("key {key}"));
    app.handle_event(Event::Key(event_of(key)));
}

/// The frame `app` draws, with each cell's diff option (what reaches a
/// test backend has none).
pub fn drawn(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.size.0, app.size.1))
            .expect("test terminal");
    terminal
        .draw(|frame| resreader::tui::draw::draw(frame, app))
        .expect("draws")
        .buffer
        .clone()
}

/// The screen as text: a wide character's second cell is not repeated, and
/// the erase a cell may carry for the terminal (`draw::shown`) is left out.
pub fn text(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = resreader::tui::draw::shown(buffer[(x, y)].symbol());
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// What `app` shows, as text.
pub fn screen(app: &App) -> String {
    text(&drawn(app))
}
