//! What a new user reaches for in the first hour, driven by keys through
//! the App the binary runs: search history, removing and keeping
//! resolutions from the list, progress while indexing.

mod common;

use common::tui::{CEASEFIRE, drawn as buffer, press, screen};
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

/// An App on the bundled library and a user library in `dir` holding a
/// copy of the ceasefire resolution under `id`.
fn app_with_user_copy(dir: &std::path::Path, id: &str) -> resreader::tui::app::App {
    use resreader::library::{Library, LibraryOptions, keep_resolution, read_resolution};
    let bundled = common::tui::bundled();
    let mut copy = read_resolution(bundled.get(CEASEFIRE).unwrap()).unwrap();
    copy.meta.id = id.to_string();
    keep_resolution(dir, &copy).unwrap();
    let library = Library::load(&LibraryOptions {
        user_dir: Some(dir.to_path_buf()),
        bundled: true,
    });
    resreader::tui::app::App::new(
        library,
        vec!["en".into()],
        resreader::render::RenderOptions::default(),
        (80, 24),
    )
}

fn select(app: &mut resreader::tui::app::App, id: &str) {
    app.selected = app
        .library
        .entries
        .iter()
        .position(|e| e.meta.id == id)
        .expect("listed");
}

#[test]
fn removing_a_resolution_from_the_list_asks_first_and_refuses_bundled_ones() {
    use resreader::tui::popup::Confirm;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_user_copy(dir.path(), "my-copy");
    let count = a.library.entries.len();
    select(&mut a, "my-copy");
    press(&mut a, &["D"]);
    assert!(a.popup::<Confirm>().is_some());
    insta::assert_snapshot!("remove_confirm", screen(&a));
    // n (or Esc) leaves it; Enter is no answer.
    press(&mut a, &["Enter", "n"]);
    assert!(a.popups.is_empty());
    assert!(dir.path().join("my-copy").is_dir());
    press(&mut a, &["Delete", "y"]);
    assert!(a.popups.is_empty());
    assert!(!dir.path().join("my-copy").exists());
    assert_eq!(a.library.entries.len(), count - 1);
    assert!(a.library.get("my-copy").is_err());
    let status = a.status.clone().unwrap_or_default();
    assert!(status.starts_with("removed my-copy ("), "{status}");
    // The finder no longer finds it.
    assert!(
        a.jobs.titles.len() < count * 2 + 100
            && !(0..a.jobs.titles.len())
                .filter_map(|i| a.jobs.titles.entry(i))
                .any(|e| e.id == "my-copy")
    );
    // A bundled one: refused, said why, nothing asked.
    select(&mut a, CEASEFIRE);
    press(&mut a, &["D"]);
    assert!(a.popups.is_empty());
    assert!(
        a.status.as_deref().unwrap_or_default().contains("bundled"),
        "{:?}",
        a.status
    );
    assert_eq!(a.library.entries.len(), count - 1);
}

#[test]
fn a_file_opened_directly_is_kept_in_the_library_and_stays_open() {
    use resreader::library::{Origin, read_resolution};
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_user_copy(dir.path(), "already-there");
    // As `resreader FILE` lists it: in memory, written nowhere.
    let mut opened = read_resolution(a.library.get(CEASEFIRE).unwrap()).unwrap();
    opened.meta.id = "statement".into();
    a.library.add_in_memory(opened.clone());
    a.open("statement", Some(vec!["en".into()])).unwrap();
    press(&mut a, &["]", "]", "K"]);
    let kept = dir.path().join("statement");
    assert_eq!(
        a.status.as_deref(),
        Some(format!("kept statement in the library: {}", kept.display()).as_str())
    );
    assert!(kept.join("meta.toml").is_file() && kept.join("en.md").is_file());
    assert_eq!(a.here().unwrap().id, "statement", "still open");
    assert!(matches!(
        a.library.get("statement").unwrap().origin,
        Origin::User(_)
    ));
    // Again: it is in the library now.
    press(&mut a, &["K"]);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("already in the library")
    );
    // An id the user library has: refused, nothing replaced.
    opened.meta.id = "already-there".into();
    a.library.add_in_memory(opened);
    select(&mut a, "already-there");
    press(&mut a, &["Tab", "K"]);
    let status = a.status.clone().unwrap_or_default();
    assert!(
        status.contains("was not kept") && status.contains("--into"),
        "{status}"
    );
    // Bundled ones are not "kept".
    select(&mut a, CEASEFIRE);
    press(&mut a, &["K"]);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("already in the library")
    );
}

/// A library of the texts in tests/data/widths (Bengali, Hindi, Thai and
/// emoji sequences in their titles), each its own resolution.
fn widths_app(width: u16, height: u16) -> resreader::tui::app::App {
    use resreader::import::{ImportOptions, Overrides, SourceFile, import};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/widths");
    let mut library = resreader::library::Library::default();
    for name in ["bn.txt", "hi.txt", "th.txt", "emoji.txt"] {
        let file = SourceFile {
            name: name.into(),
            bytes: std::fs::read(dir.join(name)).unwrap(),
        };
        let options = ImportOptions {
            lang: None,
            id: None,
            overrides: Overrides::new(),
        };
        for r in import(&[file], &options).resolutions {
            library.add_in_memory(r);
        }
    }
    assert_eq!(library.entries.len(), 4);
    resreader::tui::app::App::new(
        library,
        vec!["en".into()],
        resreader::render::RenderOptions::default(),
        (width, height),
    )
}

/// Every cluster a terminal draws wider than ratatui counts is forced to
/// that width and followed by blanks, so the next character is placed
/// where the layout put it whatever the terminal does; returns how many.
fn assert_wide_clusters_forced(app: &resreader::tui::app::App) -> usize {
    use ratatui::buffer::CellDiffOption;
    use resreader::text::width::cluster_width;
    use unicode_width::UnicodeWidthStr;
    let buffer = &buffer(app);
    let mut forced = 0;
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let raw = buffer[(x, y)].symbol();
            let symbol = resreader::tui::draw::shown(raw);
            let cells = cluster_width(symbol);
            if cells <= symbol.width() {
                continue;
            }
            assert_eq!(
                buffer[(x, y)].diff_option,
                CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(cells as u16).unwrap()),
                "{symbol:?} at {x},{y}"
            );
            for extra in symbol.width()..cells {
                let after = x + extra as u16;
                if after < buffer.area.width {
                    assert_eq!(buffer[(after, y)].symbol(), " ", "blank after {symbol:?}");
                    assert_eq!(
                        buffer[(after, y)].diff_option,
                        CellDiffOption::Skip,
                        "{symbol:?} at {x},{y} covers {after}: {:?}",
                        (x..x + 4)
                            .map(|i| (
                                buffer[(i, y)].symbol().to_string(),
                                buffer[(i, y)].diff_option
                            ))
                            .collect::<Vec<_>>()
                    );
                }
            }
            assert_eq!(raw, format!("\u{1b}[{cells}X{symbol}"), "erased first");
            forced += 1;
        }
    }
    forced
}

#[test]
fn titles_in_indic_and_thai_scripts_and_emoji_sequences_keep_the_columns_after_them() {
    let mut a = widths_app(80, 24);
    insta::assert_snapshot!("widths_list", screen(&a));
    // বাংলা's vowel signs, हिन्दी's, the skin tone and the ZWJ sequence.
    assert!(assert_wide_clusters_forced(&a) >= 4);
    press(&mut a, &["f"]);
    insta::assert_snapshot!("widths_finder", screen(&a));
    assert!(assert_wide_clusters_forced(&a) >= 4);
}

#[test]
fn the_cells_a_wide_cluster_covered_are_written_again_when_it_goes() {
    use ratatui::buffer::CellDiffOption;
    // The list shows বাংলা and हिन्दी; the reading pane then shows other
    // text where they were. A terminal drew the clusters' last parts in
    // those cells (tmux: the vowel sign), which the next frame must clear.
    let mut a = widths_app(80, 24);
    let before = buffer(&a);
    press(&mut a, &["j", "Enter"]);
    let after = buffer(&a);
    let written: std::collections::HashSet<(u16, u16)> = before
        .diff(&after)
        .into_iter()
        .map(|(x, y, _)| (x, y))
        .collect();
    let mut covered = 0;
    for y in 0..before.area.height {
        for x in 0..before.area.width {
            let (was, now) = (&before[(x, y)], &after[(x, y)]);
            if was.diff_option == CellDiffOption::Skip && now.diff_option == CellDiffOption::None {
                covered += 1;
                assert!(written.contains(&(x, y)), "cell {x},{y} left as it was");
            }
        }
    }
    assert!(
        covered > 0,
        "the list had covered cells where the reader has none"
    );
}

#[test]
fn a_resolution_opens_without_a_translation_whose_file_is_broken() {
    // A user copy of the ceasefire resolution (en, ru) whose English file
    // is not UTF-8: the reader opens the Russian and says what it left out.
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_user_copy(dir.path(), "copy");
    std::fs::write(dir.path().join("copy/en.md"), b"bad \xff\xfe text").unwrap();
    a.open("copy", None).expect("opens");
    let reader = a.reader.as_ref().expect("a reader");
    assert_eq!(reader.columns, vec!["ru".to_string()]);
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("en.md"), "{status}");
    // Asked for by name, the broken translation is an error naming it.
    let err = a
        .open("copy", Some(vec!["en".into(), "ru".into()]))
        .unwrap_err();
    assert!(err.contains("en.md"), "{err}");
}
