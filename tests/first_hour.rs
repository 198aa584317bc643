//! What a new user reaches for in the first hour, driven by keys through
//! the App the binary runs: search history, removing and keeping
//! resolutions from the list, progress while indexing.

mod common;

use common::tui::{CEASEFIRE, press};
use resreader::tui::finder::Finder;
use resreader::tui::popup::SearchPrompt;

fn finder_input(app: &resreader::tui::app::App) -> String {
    app.popup::<Finder>()
        .expect("the finder is open")
        .input
        .clone()
}

#[test]
fn the_finder_and_the_search_prompt_walk_their_history_and_keep_what_was_typed() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state.json");
    let mut a = common::tui::app(120, 40, None);
    a.memory.path = Some(state.clone());
    for query in ["ceasefire", "solidarity"] {
        press(&mut a, &["f"]);
        for c in query.chars() {
            press(&mut a, &[&c.to_string()]);
        }
        press(&mut a, &["Enter"]);
        assert!(a.popup::<Finder>().is_none(), "{query} opened a hit");
    }
    assert_eq!(a.memory.state.finder_history, ["solidarity", "ceasefire"]);
    // C-p walks back, C-n forward to the draft; the arrows still move the
    // selection.
    press(&mut a, &["f", "p", "e"]);
    press(&mut a, &["C-p"]);
    assert_eq!(finder_input(&a), "solidarity");
    press(&mut a, &["C-p", "C-p"]);
    assert_eq!(finder_input(&a), "ceasefire");
    press(&mut a, &["C-n", "C-n"]);
    assert_eq!(finder_input(&a), "pe");
    press(&mut a, &["Backspace", "Backspace", "Down"]);
    assert_eq!(a.popup::<Finder>().unwrap().selected, 1);
    press(&mut a, &["Esc"]);

    // The / prompt: Up and Down.
    a.open(CEASEFIRE, Some(vec!["en".into()])).unwrap();
    press(
        &mut a,
        &[
            "/", "w", "a", "r", "Enter", "/", "p", "e", "a", "c", "e", "Enter",
        ],
    );
    assert_eq!(a.memory.state.search_history, ["peace", "war"]);
    press(&mut a, &["/", "c", "Up"]);
    assert_eq!(a.popup::<SearchPrompt>().unwrap().query, "peace");
    press(&mut a, &["Up"]);
    assert_eq!(a.popup::<SearchPrompt>().unwrap().query, "war");
    // The hits follow the recalled query.
    assert_eq!(a.reader.as_ref().unwrap().search.query, "war");
    press(&mut a, &["Down", "Down"]);
    assert_eq!(a.popup::<SearchPrompt>().unwrap().query, "c");
    press(&mut a, &["Esc"]);

    // Kept in the state file for the next session.
    a.save_state().unwrap();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(saved["finder_history"][0], "solidarity");
    assert_eq!(saved["search_history"][1], "war");
}

fn screen(app: &resreader::tui::app::App) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| resreader::tui::draw::draw(frame, app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn the_finder_shows_how_far_the_full_text_index_is() {
    let mut a = common::tui::app(80, 24, None);
    // A build that never finishes, whose count the test moves.
    let (_send, receive) = std::sync::mpsc::channel();
    a.jobs.full_text = resreader::tui::jobs::FullText::Building(receive);
    let progress = a.jobs.index_progress.clone();
    progress.start(1204);
    for _ in 0..312 {
        progress.step();
    }
    press(&mut a, &["f", "C-t"]);
    let shown = screen(&a);
    assert!(shown.contains("indexing 312/1,204 translations"), "{shown}");
    insta::assert_snapshot!("finder_indexing_progress", shown);
    // The count moving asks for a redraw while the finder shows it.
    assert!(!a.tick());
    progress.step();
    assert!(a.tick());
    assert!(screen(&a).contains("indexing 313/1,204"));
    press(&mut a, &["Esc"]);
    progress.step();
    assert!(!a.tick(), "no redraw for a count nobody sees");
}
