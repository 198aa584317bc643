//! Frame benchmark: the four-column view of the IMCWP resolution at 200×60,
//! first drawn, then scrolled one line and redrawn, on ratatui's TestBackend.
//! Run with `cargo bench --bench frame`.

mod common;

use common::{ms, time};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use resreader::library::{Library, LibraryOptions};
use resreader::render::RenderOptions;
use resreader::tui::app::App;
use resreader::tui::draw::draw;
use resreader::tui::keymap::Action;

const IMCWP: &str = "imcwp-2023-10-20-solidarity-with-the-struggling-peoples-and";

fn app() -> App {
    let library = Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    });
    let mut app = App::new(
        library,
        vec!["en".into()],
        RenderOptions::default(),
        (200, 60),
    );
    let columns = ["en", "ru", "es", "ar"].map(String::from).to_vec();
    app.open(IMCWP, Some(columns)).expect("opens");
    app
}

fn main() {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let (first, first_max) = time(21, || {
        let app = app();
        terminal.draw(|f| draw(f, &app)).map(|_| ())
    });
    println!(
        "open + first frame, four columns at 200×60: median {:.2} ms, max {:.2} ms",
        ms(first),
        ms(first_max)
    );

    let mut app = app();
    terminal.draw(|f| draw(f, &app)).expect("draws");
    let mut down = true;
    let (scroll, scroll_max) = time(201, || {
        // Down to the end and back, one line at a time.
        let before = app.reader.as_ref().map(|r| (r.top, r.offset));
        app.dispatch(if down { Action::Down } else { Action::Up });
        if app.reader.as_ref().map(|r| (r.top, r.offset)) == before {
            down = !down;
        }
        terminal.draw(|f| draw(f, &app)).map(|_| ())
    });
    println!(
        "scroll one line + redraw: median {:.3} ms, max {:.3} ms (a frame at 60 Hz is 16.7 ms)",
        ms(scroll),
        ms(scroll_max)
    );
}
