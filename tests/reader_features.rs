//! Bookmarks, the jump list, export and copying, driven by keys through the
//! same App the binary runs.

mod common;

use base64::Engine;
use common::tui::{CEASEFIRE, IMCWP, press};
use resreader::library::{Library, LibraryOptions};
use resreader::render::RenderOptions;
use resreader::tui::app::App;
use resreader::tui::popup::{Bookmarks, Help};

fn app(home: &std::path::Path) -> App {
    let mut app = common::tui::app(140, 40, None);
    app.memory.path = Some(home.join("state.json"));
    app.export_dir = Some(home.join("exports"));
    app
}

fn top(app: &App) -> (String, Vec<String>, Option<usize>) {
    let here = app.here().expect("a resolution is open");
    (here.id, here.columns, here.block)
}

#[test]
fn bookmarks_are_added_with_a_note_listed_jumped_to_deleted_and_saved() {
    let home = tempfile::tempdir().unwrap();
    let mut a = app(home.path());
    a.open(CEASEFIRE, Some(vec!["en".into()])).unwrap();
    press(
        &mut a,
        &[
            "]", "]", "]", "b", "W", "a", "t", "e", "r", "l", "o", "o", "Enter",
        ],
    );
    assert_eq!(a.status.as_deref(), Some("bookmarked ¶3"));
    assert_eq!(a.memory.state.bookmarks.len(), 1);
    assert_eq!(a.memory.state.bookmarks[0].note, "Waterloo");
    // Saved at once, whole.
    let saved = std::fs::read_to_string(home.path().join("state.json")).unwrap();
    assert!(saved.contains("\"note\": \"Waterloo\""), "{saved}");
    // Elsewhere, the list jumps back to it.
    a.open(IMCWP, Some(vec!["ru".into()])).unwrap();
    press(&mut a, &["B"]);
    assert!(a.popup::<Bookmarks>().is_some());
    press(&mut a, &["Enter"]);
    assert_eq!(
        top(&a),
        (CEASEFIRE.to_string(), vec!["en".to_string()], Some(2))
    );
    // A bookmark added without a note, then one deleted.
    press(&mut a, &["]", "b", "Enter"]);
    assert_eq!(a.memory.state.bookmarks.len(), 2);
    press(&mut a, &["B", "d", "Esc"]);
    assert_eq!(a.memory.state.bookmarks.len(), 1);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(home.path().join("state.json")).unwrap())
            .unwrap();
    assert_eq!(saved["bookmarks"].as_array().map(Vec::len), Some(1));
    // Esc while typing a note adds nothing.
    press(&mut a, &["b", "x", "Esc"]);
    assert_eq!(a.memory.state.bookmarks.len(), 1);
}

#[test]
fn a_bookmark_whose_text_left_the_library_says_so_and_can_be_deleted() {
    let home = tempfile::tempdir().unwrap();
    let mut a = app(home.path());
    a.open(CEASEFIRE, Some(vec!["en".into()])).unwrap();
    press(&mut a, &["]", "b", "Enter"]);
    // The same place in a resolution since removed, and in a translation
    // the library never had.
    let mut gone = a.memory.state.bookmarks[0].clone();
    gone.id = "icor-2019-removed-since".into();
    a.memory.state.add_bookmark(gone);
    let mut untranslated = a.memory.state.bookmarks[0].clone();
    untranslated.lang = "sw".into();
    a.memory.state.add_bookmark(untranslated);
    assert_eq!(a.memory.state.bookmarks.len(), 3);
    let row = |a: &App, what: &str| {
        let screen = common::tui::screen(a);
        screen
            .lines()
            .find(|l| l.contains(what))
            .map(str::to_string)
    };
    press(&mut a, &["B"]);
    let removed = row(&a, "icor-2019-removed-since").expect("listed");
    assert!(removed.contains("no longer in the library"), "{removed}");
    let present = row(&a, "en ¶").expect("listed");
    assert!(!present.contains("no longer"), "{present}");
    // Opening it says why not and stays, with the key that deletes it.
    let index = a
        .memory
        .state
        .bookmarks
        .iter()
        .position(|b| b.id == "icor-2019-removed-since")
        .expect("kept");
    let downs = vec!["j"; index];
    press(&mut a, &downs);
    press(&mut a, &["Enter"]);
    assert!(a.popup::<Bookmarks>().is_some());
    let status = a.status.clone().unwrap_or_default();
    assert!(
        status.contains("not in the library any more") && status.contains("d deletes"),
        "{status}"
    );
    assert_eq!(top(&a).0, CEASEFIRE, "stayed where it was");
    press(&mut a, &["d"]);
    assert!(
        a.memory
            .state
            .bookmarks
            .iter()
            .all(|b| b.id != "icor-2019-removed-since")
    );
}

#[test]
fn jumps_go_back_and_forward_across_documents() {
    let home = tempfile::tempdir().unwrap();
    let mut a = app(home.path());
    // From the list: open the ceasefire, read on, then open IMCWP from the list.
    press(&mut a, &["j", "Enter", "]", "]", "Tab", "j", "Enter"]);
    assert_eq!(top(&a).0, IMCWP);
    press(&mut a, &["C-o"]);
    assert_eq!(
        top(&a),
        (CEASEFIRE.to_string(), vec!["en".to_string()], Some(1))
    );
    press(&mut a, &["C-f"]);
    assert_eq!(top(&a).0, IMCWP);
    press(&mut a, &["C-f"]);
    assert_eq!(a.status.as_deref(), Some("no later place"));
}

#[test]
fn export_writes_the_shown_columns_and_says_where() {
    let home = tempfile::tempdir().unwrap();
    let mut a = app(home.path());
    a.open(CEASEFIRE, Some(vec!["en".into(), "ru".into()]))
        .unwrap();
    for (keys, ext) in [
        (vec!["e", "Enter"], "md"),
        (vec!["e", "j", "Enter"], "tmx"),
        (vec!["e", "j", "j", "Enter"], "json"),
    ] {
        press(&mut a, &keys);
        let path = home
            .path()
            .join("exports")
            .join(format!("{CEASEFIRE}.en-ru.{ext}"));
        assert_eq!(
            a.status.as_deref(),
            Some(format!("exported to {}", path.display()).as_str())
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("Мы требуем:") && text.contains("We demand:"),
            "{ext}"
        );
    }
}

#[test]
fn copying_uses_osc_52_only_when_enabled() {
    let home = tempfile::tempdir().unwrap();
    let mut a = app(home.path());
    a.open(CEASEFIRE, Some(vec!["en".into(), "ru".into()]))
        .unwrap();
    press(&mut a, &["]", "]", "]", "]", "]", "y"]);
    assert!(a.pending_output.is_empty());
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("clipboard = true"))
    );
    a.clipboard = true;
    press(&mut a, &["y"]);
    let sequence = a.pending_output.pop().expect("an OSC 52 write");
    let encoded = sequence
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|s| s.strip_suffix('\u{7}'))
        .expect("OSC 52 framing");
    let text = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap(),
    )
    .unwrap();
    assert!(text.starts_with("[en] Donald Trump now wants"), "{text}");
    assert!(text.contains("\n\n[ru] Дональд Трамп теперь"), "{text}");
}

#[test]
fn a_large_translation_is_read_off_the_ui_thread_and_shown_where_asked() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("library").join("big");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("meta.toml"),
        "id = \"big\"\ndate = \"2020-01-01\"\n[translations.en]\ntitle = \"Big\"\n",
    )
    .unwrap();
    // 2 MB: 20,000 paragraphs.
    let text: String = (0..20_000)
        .map(|i| {
            format!("Paragraph {i} of a long text, padded to about a hundred bytes or so.\n\n")
        })
        .collect();
    assert!(text.len() as u64 > resreader::tui::app::READ_AT_ONCE_BYTES);
    std::fs::write(dir.join("en.md"), text).unwrap();
    let library = Library::load(&LibraryOptions {
        user_dir: Some(home.path().join("library")),
        bundled: true,
    });
    let mut a = App::new(
        library,
        vec!["en".into()],
        RenderOptions::default(),
        (140, 40),
    );
    a.memory.path = Some(home.path().join("state.json"));
    a.memory.state.set_position("big", "en", 12_345);

    a.open("big", None).unwrap();
    // Nothing read yet on this thread: the reading pane waits, the UI goes on.
    assert!(a.reader.is_none());
    assert_eq!(
        a.jobs.opening.as_ref().map(|o| o.title.as_str()),
        Some("Big")
    );
    assert!(a.busy());
    press(&mut a, &["?"]);
    assert!(a.popup::<Help>().is_some());
    press(&mut a, &["Esc"]);
    a.settle();
    assert!(a.jobs.opening.is_none());
    let (id, columns, block) = top(&a);
    assert_eq!(
        (id.as_str(), columns, block),
        ("big", vec!["en".to_string()], Some(12_345))
    );

    // Going back to a place (the jump list, the last session) waits for the
    // text too, then goes to its paragraph.
    a.memory.state.last = Some(resreader::state::Last {
        id: "big".into(),
        columns: vec!["en".into()],
        block: Some(17),
    });
    a.reader = None;
    a.resume();
    a.settle();
    assert_eq!(top(&a).2, Some(17));
}

#[test]
fn a_full_text_hit_opens_highlighted_and_n_walks_its_hits() {
    let mut a = common::tui::app(140, 40, None);
    a.finish_indexing();
    // Typed without the accent, as the finder allows.
    press(&mut a, &["f", "C-t"]);
    for c in "ocupacion".chars() {
        press(&mut a, &[c.to_string().as_str()]);
    }
    let finder = a
        .popup::<resreader::tui::finder::Finder>()
        .expect("the finder is open");
    assert!(!finder.hits.is_empty(), "the finder finds ocupación");
    press(&mut a, &["Enter"]);
    a.settle();
    let reader = a.reader.as_ref().expect("the hit is open");
    assert_eq!(reader.columns, vec!["es".to_string()]);
    // The reader finds what the finder found: "ocupación" for "ocupacion".
    let hits = reader.search.hits.len();
    assert!(
        hits > 0,
        "no hit of “{}” in the document",
        reader.search.query
    );
    let row = reader.top;
    let texts = reader.row_texts(row);
    assert!(
        texts
            .iter()
            .any(|(_, t)| t.to_lowercase().contains("ocupación")),
        "{texts:?}"
    );
    press(&mut a, &["n"]);
    let reader = a.reader.as_ref().expect("still open");
    let current = reader.search.current.expect("n goes to a hit");
    assert_eq!(reader.top, reader.search.hits[current].row);
    press(&mut a, &["N"]);
    assert!(a.reader.as_ref().unwrap().search.current.is_some());
    assert!(a.status.is_none(), "{:?}", a.status);
}

#[test]
fn finder_highlights_are_worked_out_with_the_results_and_as_the_selection_moves() {
    use resreader::tui::finder::Finder;
    // A resolution of 700 paragraphs that all hold the word.
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("zebras");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("meta.toml"),
        "id = \"zebras\"\n[translations.en]\ntitle = \"Zebras\"\n",
    )
    .unwrap();
    let text: String = (0..700)
        .map(|i| format!("Paragraph {i} about the zebras of the plain.\n\n"))
        .collect();
    std::fs::write(dir.join("en.md"), text).unwrap();
    let library = Library::load(&LibraryOptions {
        user_dir: Some(home.path().to_path_buf()),
        bundled: false,
    });
    let mut a = App::new(
        library,
        vec!["en".into()],
        RenderOptions::default(),
        (140, 40),
    );
    a.finish_indexing();
    press(&mut a, &["f", "C-t", "z", "e", "b", "r", "a"]);
    let finder = a.popup::<Finder>().expect("the finder is open");
    assert_eq!(finder.hits.len(), 700);
    let marked = |f: &Finder, i: usize| f.marks.get(i).is_some_and(|m| m.is_some());
    // The first hits arrive with where they matched: drawing computes nothing.
    assert!(finder.marks[0].as_ref().is_some_and(|m| !m.is_empty()));
    assert!(!marked(finder, 600));
    for _ in 0..500 {
        press(&mut a, &["Down"]);
    }
    let finder = a.popup::<Finder>().expect("still open");
    assert_eq!(finder.selected, 500);
    assert!((400..600).all(|i| marked(finder, i)));
    assert!(finder.marks[500].as_ref().is_some_and(|m| !m.is_empty()));
}

#[test]
fn switching_the_finder_mode_never_shows_the_other_modes_hits() {
    use ratatui::{Terminal, backend::TestBackend};
    use resreader::tui::finder::Finder;
    let mut a = common::tui::app(120, 30, None);
    a.finish_indexing();
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
    press(&mut a, &["f", "s", "o", "l"]);
    assert!(!a.popup::<Finder>().expect("open").hits.is_empty());
    // Titles' hits are entries of the titles index: drawn against the
    // full-text index before its own results came, they sliced paragraphs
    // at the titles' match positions (a panic found by the soak).
    for key in ["C-t", "C-t", "Backspace", "Backspace", "Backspace"] {
        common::tui::press_only(&mut a, key);
        let finder = a.popup::<Finder>().expect("open");
        let mode = finder.query().full_text;
        assert!(
            finder.hits.is_empty()
                || finder
                    .answered
                    .as_ref()
                    .is_some_and(|q| q.full_text == mode),
            "after {key}: hits of the other mode kept"
        );
        terminal
            .draw(|f| resreader::tui::draw::draw(f, &a))
            .expect("draws");
        a.settle_search();
        terminal
            .draw(|f| resreader::tui::draw::draw(f, &a))
            .expect("draws");
    }
    common::tui::press_only(&mut a, "/");
    let finder = a.popup::<Finder>().expect("open");
    assert!(finder.query().full_text && finder.hits.is_empty());
}
