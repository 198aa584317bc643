//! Screens of the reader after sequences of keys, drawn on ratatui's
//! TestBackend and compared with committed insta snapshots
//! (`tests/snapshots/`). Review changes with `cargo insta review`, or
//! rewrite them with `INSTA_UPDATE=always cargo test --test tui_snapshots`.

mod common;

use common::tui::{CEASEFIRE, IMCWP, app, drawn as buffer, press, press_only, screen, text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyModifiers};
use resreader::library::{Library, LibraryOptions};
use resreader::render::RenderOptions;
use resreader::tui::app::App;
use resreader::tui::draw::draw;
use resreader::tui::theme::Theme;

#[test]
fn document_list() {
    let mut a = app(120, 30, None);
    press(&mut a, &["j"]);
    insta::assert_snapshot!("list", screen(&a));
}

#[test]
fn single_view_english_after_opening_from_the_list() {
    let mut a = app(120, 30, None);
    press(&mut a, &["j", "Enter", "]"]);
    insta::assert_snapshot!("single_en", screen(&a));
}

#[test]
fn single_view_arabic() {
    let mut a = app(120, 30, Some((IMCWP, &["ar"])));
    press(&mut a, &["]"]);
    insta::assert_snapshot!("single_ar", screen(&a));
}

#[test]
fn side_by_side_english_russian() {
    let mut a = app(140, 30, None);
    press(&mut a, &["j", "Enter", "s", "]", "]", "]"]);
    insta::assert_snapshot!("parallel_en_ru", screen(&a));
}

#[test]
fn side_by_side_english_arabic() {
    let mut a = app(140, 30, Some((IMCWP, &["en"])));
    press(&mut a, &["s", "]"]);
    insta::assert_snapshot!("parallel_en_ar", screen(&a));
}

#[test]
fn four_columns() {
    let mut a = app(200, 40, Some((IMCWP, &["en"])));
    press(&mut a, &["s", "+", "+"]);
    insta::assert_snapshot!("four_columns", screen(&a));
}

#[test]
fn stacked_view_below_eighty_columns() {
    let mut a = app(80, 30, Some((CEASEFIRE, &["en", "ru"])));
    press(&mut a, &["]", "]"]);
    insta::assert_snapshot!("stacked", screen(&a));
}

#[test]
fn help_overlay() {
    let mut a = app(100, 40, Some((CEASEFIRE, &["en"])));
    press(&mut a, &["?"]);
    insta::assert_snapshot!("help", screen(&a));
}

#[test]
fn in_a_narrow_terminal_the_help_wraps_each_description_whole() {
    // 50 columns, tall enough for the whole help: every description is
    // there, word for word, wrapped under itself rather than cut at the box.
    let mut a = app(50, 200, Some((CEASEFIRE, &["en"])));
    press(&mut a, &["?"]);
    let screen = screen(&a);
    let inside: Vec<String> = screen
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('│')?.strip_suffix('│').map(str::to_string)
        })
        .collect();
    let text = inside
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let rows = resreader::keymap::Keymap::default().help(resreader::keymap::Context::Reader);
    assert!(rows.len() > 20);
    let mut wrapped = 0;
    for (_, _, description) in rows {
        assert!(
            text.contains(description),
            "“{description}” not whole in\n{screen}"
        );
        wrapped += usize::from(!inside.iter().any(|l| l.contains(description)));
    }
    assert!(
        wrapped > 0,
        "nothing needed wrapping at 50 columns:\n{screen}"
    );
}

#[test]
fn help_scrolls_by_page_and_to_either_end_and_never_past_its_last_line() {
    // 24 rows: the help is longer than its box.
    let mut a = app(100, 24, Some((CEASEFIRE, &["en"])));
    press(&mut a, &["?"]);
    let top = screen(&a);
    let last = resreader::keymap::Keymap::default()
        .help(resreader::keymap::Context::Reader)
        .last()
        .map(|(_, _, description)| *description)
        .expect("help lines");
    assert!(!top.contains(last), "{top}");
    press(&mut a, &["G"]);
    let bottom = screen(&a);
    assert!(
        bottom.contains(last),
        "G shows the help's last line:\n{bottom}"
    );
    // The last line stays at the bottom of the box, not scrolled up and
    // away, and pressing on past it changes nothing...
    press(&mut a, &["j", "Down", "PageDown", "C-d"]);
    assert_eq!(screen(&a), bottom);
    // ...so that one step back moves at once.
    press(&mut a, &["k"]);
    assert_ne!(screen(&a), bottom);
    press(&mut a, &["g"]);
    assert_eq!(screen(&a), top);
    press(&mut a, &["PageDown"]);
    let paged = screen(&a);
    assert!(paged != top && paged != bottom, "{paged}");
    press(&mut a, &["PageUp"]);
    assert_eq!(screen(&a), top);
    press(&mut a, &["End"]);
    assert_eq!(screen(&a), bottom);
    press(&mut a, &["Home"]);
    assert_eq!(screen(&a), top);
}

#[test]
fn search_highlights_hits() {
    let mut a = app(120, 30, Some((CEASEFIRE, &["en"])));
    press(&mut a, &["/", "g", "a", "z", "a"]);
    let typing = buffer(&a);
    insta::assert_snapshot!("search_typing", text(&typing));
    press(&mut a, &["Enter", "n"]);
    let jumped = buffer(&a);
    insta::assert_snapshot!("search_jumped", text(&jumped));
    // Every hit on screen is painted as a hit, and nothing else is.
    let highlighted: String = jumped
        .content()
        .iter()
        .filter(|c| Some(c.bg) == Theme::dark().hit.bg)
        .map(|c| c.symbol())
        .collect();
    assert!(!highlighted.is_empty());
    assert_eq!(highlighted.to_lowercase().replace("gaza", ""), "");
}

#[test]
fn too_small_message() {
    let a = app(30, 8, Some((CEASEFIRE, &["en"])));
    insta::assert_snapshot!("too_small", screen(&a));
}

/// A terminal made smaller than the app has yet been told (the resize event
/// is still on its way) gives a frame smaller than the panes: drawing must
/// stay inside it (a bug: the reading pane's cell widths were forced past
/// its edge, and the reader panicked).
#[test]
fn a_frame_smaller_than_the_known_size_draws() {
    let a = app(120, 40, Some((IMCWP, &["en", "ar"])));
    for (w, h) in [(5, 1), (1, 1), (60, 20), (119, 39)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal.draw(|frame| draw(frame, &a)).expect("draws");
        let shown = text(terminal.backend().buffer());
        assert!(
            !shown.trim().is_empty(),
            "{w}×{h}: nothing drawn of the 120×40 screen"
        );
    }
    // A terminal may report no rows or no columns for a moment: drawing
    // counts the bottom line's rows up from the height, and must not panic
    // on the overflow.
    for (w, h) in [(0, 0), (80, 0), (0, 24)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            terminal.draw(|frame| draw(frame, &a)).is_ok()
        }));
        assert!(matches!(drawn, Ok(true)), "{w}×{h}: drawing failed");
    }
}

#[test]
fn every_size_down_to_one_by_one_draws() {
    let mut a = app(200, 60, Some((IMCWP, &["en", "ru", "es", "ar"])));
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 5),
        (39, 9),
        (40, 10),
        (41, 11),
        (79, 24),
        (80, 24),
        (99, 30),
        (100, 30),
        (200, 60),
    ] {
        a.handle_event(Event::Resize(w, h));
        press(&mut a, &["j", "G", "]", "k"]);
        // A frame larger than the size the app was told of: nothing may be
        // drawn outside that size.
        let mut terminal = Terminal::new(TestBackend::new(w + 5, h + 3)).expect("test terminal");
        terminal.draw(|frame| draw(frame, &a)).expect("draws");
        let b = terminal.backend().buffer().clone();
        for y in 0..h + 3 {
            for x in 0..w + 5 {
                if x >= w || y >= h {
                    assert_eq!(b[(x, y)].symbol(), " ", "{w}×{h}: drawn at ({x}, {y})");
                }
            }
        }
        let shown: String = text(&b).chars().filter(|c| !c.is_whitespace()).collect();
        if w < 40 || h < 10 {
            // The too-small message, as much of it as fits, in order.
            let message = format!("Window too small ({w}×{h}): resreader needs 40×10.");
            let mut wanted = message.chars().filter(|c| !c.is_whitespace());
            assert!(!shown.is_empty(), "{w}×{h}: nothing drawn");
            for c in shown.chars() {
                assert!(
                    wanted.any(|m| m == c),
                    "{w}×{h}: “{shown}” is not the too-small message"
                );
            }
        } else {
            let screen = text(&b);
            assert!(screen.starts_with('┌'), "{w}×{h}: no pane\n{screen}");
            let bottom = screen.lines().nth(h as usize - 1).unwrap_or_default();
            assert!(
                !bottom.trim().is_empty(),
                "{w}×{h}: no bottom line\n{screen}"
            );
            assert!(!screen.contains("Window too small"), "{w}×{h}\n{screen}");
        }
    }
}

#[test]
fn a_broken_document_is_listed_with_its_error_and_the_rest_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("broken")).expect("folder");
    std::fs::write(
        dir.path().join("broken/meta.toml"),
        "id = \"broken\"\ndate = \"someday\"\n",
    )
    .expect("write");
    let library = Library::load(&LibraryOptions {
        user_dir: Some(dir.path().to_path_buf()),
        bundled: true,
    });
    let index = library
        .entries
        .iter()
        .position(|e| e.meta.id == "broken")
        .expect("listed");
    let mut a = App::new(
        library,
        vec!["en".into()],
        RenderOptions::default(),
        (120, 40),
    );
    press(&mut a, &vec!["j"; index]);
    let listed = screen(&a);
    assert!(listed.contains("⚠ broken"), "{listed}");
    assert!(listed.contains("meta.toml:2"), "{listed}");
    // Opening it says why, and the reader stays usable.
    press(&mut a, &["Enter"]);
    eprintln!(
        "status {:?} selected {} focus {:?}",
        a.status, a.selected, a.focus
    );
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("meta.toml:2"))
    );
    assert!(screen(&a).contains("meta.toml:2"));
    press(&mut a, &["g", "Enter"]);
    assert!(a.reader.is_some());
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app(140, 30, Some((CEASEFIRE, &["en"])));
    // The list folds away while reading; Tab brings it back beside the text.
    press(&mut a, &["Tab"]);
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let panes = a.panes();
    let (list, reader) = (
        panes.list.expect("list pane"),
        panes.reader.expect("reading pane"),
    );
    a.handle_event(mouse(
        MouseEventKind::ScrollDown,
        reader.x + 5,
        reader.y + 5,
    ));
    let reader_state = a.reader.as_ref().map(|r| (r.top, r.offset));
    assert_ne!(
        reader_state,
        Some((0, 0)),
        "the wheel over the reading pane scrolls it"
    );
    let selected = a.selected;
    a.handle_event(mouse(MouseEventKind::ScrollDown, list.x + 5, list.y + 5));
    assert_eq!(
        a.selected,
        selected + 1,
        "the wheel over the list moves its selection"
    );
    assert_eq!(
        a.reader.as_ref().map(|r| (r.top, r.offset)),
        reader_state,
        "and leaves the reader alone"
    );
    // A click on the first entry selects it; a second click opens it.
    a.handle_event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 1,
    ));
    assert_eq!(a.selected, 0);
    a.handle_event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 1,
    ));
    let opened = a.reader.as_ref().map(|r| r.resolution.meta.id.clone());
    assert_eq!(
        opened.as_deref(),
        Some(a.library.entries[0].meta.id.as_str())
    );
}

#[test]
fn finder_titles_mode() {
    let mut a = app(120, 24, None);
    press(&mut a, &["f", "k", "a", "z", "a", "k", "h"]);
    insta::assert_snapshot!("finder_titles", screen(&a));
}

#[test]
fn finder_full_text_mode_with_preview() {
    let mut a = app(140, 24, None);
    a.finish_indexing();
    press(&mut a, &["C-p", "C-t", "'", "г", "а", "з", "а", "Down"]);
    let b = buffer(&a);
    insta::assert_snapshot!("finder_full_text", text(&b));
    // The matched word is painted in the list and in the preview.
    let hits: String = b
        .content()
        .iter()
        .filter(|c| Some(c.bg) == Theme::dark().hit.bg)
        .map(|c| c.symbol())
        .collect();
    assert!(hits.to_lowercase().contains("газа"), "{hits}");
    // Enter opens the resolution at that paragraph, the word highlighted.
    press(&mut a, &["Enter"]);
    let reader = a.reader.as_ref().expect("opened");
    assert_eq!(reader.columns, vec!["ru".to_string()]);
    assert!(reader.top > 1 && !reader.search.hits.is_empty());
    let opened = buffer(&a);
    let painted: String = opened
        .content()
        .iter()
        .filter(|c| Some(c.bg) == Theme::dark().hit.bg)
        .map(|c| c.symbol())
        .collect();
    assert!(painted.to_lowercase().contains("газа"), "{painted}");
}

/// A paragraph found through the word without its article ("التضامن"
/// typed, "تضامننا" written) opens with that word highlighted: the term as
/// typed is not in it.
#[test]
fn a_paragraph_found_without_the_article_opens_with_its_word_highlighted() {
    let mut a = app(140, 24, None);
    a.finish_indexing();
    press(&mut a, &["f", "C-t"]);
    for c in "التضامن".chars() {
        press(&mut a, &[&c.to_string()]);
    }
    press(&mut a, &["Enter"]);
    let reader = a.reader.as_ref().expect("opened");
    assert_eq!(reader.columns, vec!["ar".to_string()]);
    assert_eq!(reader.search.query, "تضامن");
    assert!(
        reader.search.hits.iter().any(|h| h.row == reader.top),
        "the paragraph opened holds a hit"
    );
}

#[test]
fn finder_says_indexing_until_the_full_text_index_is_ready() {
    let mut a = app(100, 20, None);
    press(&mut a, &["f", "/", "x"]);
    // "indexing…", or how far it is once the build counts.
    assert!(screen(&a).contains("indexing"));
    a.finish_indexing();
    assert!(!screen(&a).contains("indexing"));
}

#[test]
fn a_newer_keystroke_wins_over_a_search_still_running() {
    let mut a = app(120, 24, None);
    press(&mut a, &["f"]);
    // Type without waiting: each key starts a search and makes the last stale.
    for c in ["k", "a", "z", "a", "k", "h"] {
        press_only(&mut a, c);
    }
    a.settle();
    let Some(finder) = a.popup::<resreader::tui::finder::Finder>() else {
        panic!("the finder is open")
    };
    assert_eq!(
        finder.answered.as_ref().map(|q| q.raw.as_str()),
        Some("kazakh")
    );
    assert_eq!(finder.hits.len(), 1);
    assert!(!finder.searching);
}

#[test]
fn remapped_keys_change_dispatch_and_help_shows_the_keys_in_force() {
    let (config, warnings) = resreader::config::parse(
        "[keys.reader]\nnext_translation = \"y\"\n[keys.global]\nhelp = [\"h\", \"F\"]\n",
        "config.toml",
    );
    // h already goes back to the list in the reading pane: said at load.
    assert_eq!(
        warnings,
        vec![
            "config.toml:4: `h` does `close` in the reading pane, not `help`: [keys.reader] binds it"
                .to_string()
        ]
    );
    let mut a = app(120, 40, Some((CEASEFIRE, &["en"])));
    a.keymap = config.keymap();
    press(&mut a, &["t"]);
    assert_eq!(
        a.reader.as_ref().unwrap().columns,
        vec!["en".to_string()],
        "t no longer switches"
    );
    press(&mut a, &["y"]);
    assert_eq!(
        a.reader.as_ref().unwrap().columns,
        vec!["ru".to_string()],
        "y does"
    );
    // The reader's hints offer the help key that works there.
    let reading = screen(&a);
    let hints = reading.lines().last().unwrap_or_default();
    assert!(hints.starts_with("F help "), "{hints}");
    assert!(!hints.contains("h help"), "{hints}");
    press(&mut a, &["F"]);
    let help = screen(&a);
    assert!(
        help.lines()
            .any(|l| l.contains("  y ") && l.contains("Next translation (keeps your place)")),
        "{help}"
    );
    assert!(
        help.lines()
            .any(|l| l.contains("  F ") && l.contains("Show this help")),
        "{help}"
    );
    assert!(
        !help
            .lines()
            .any(|l| l.contains(" h ") && l.contains("Show this help")),
        "{help}"
    );
    assert!(
        help.lines()
            .any(|l| l.contains(" h Left ") && l.contains("go back to the list")),
        "{help}"
    );
    assert!(
        !help
            .lines()
            .any(|l| l.contains("  t ") && l.contains("Next translation")),
        "{help}"
    );
    // h does what the help says: back to the list, where h is help.
    press(&mut a, &["Esc", "h"]);
    assert_eq!(a.focus, resreader::tui::panes::Focus::List);
    assert!(a.popups.is_empty());
    press(&mut a, &["h"]);
    assert!(a.popup::<resreader::tui::popup::Help>().is_some());
}

#[test]
fn an_arabic_query_being_typed_is_shown_in_visual_order() {
    let mut a = app(120, 30, Some((IMCWP, &["ar"])));
    press(&mut a, &["/"]);
    for c in "شعب".chars() {
        press_only(&mut a, &c.to_string());
    }
    let shown =
        resreader::text::layout_paragraph("شعب", &resreader::text::LayoutOptions::new(20), &[])[0]
            .to_plain();
    let screen = screen(&a);
    assert_ne!(shown.trim(), "شعب", "laid out: reordered and shaped");
    assert!(screen.contains(&format!("/{}█", shown.trim())), "{screen}");
}

/// A cut title gives up one cell for its ellipsis, at the end the text
/// reads towards: what follows it on the row (a finder row's language)
/// is not pushed past the border, and an Arabic title is cut on its left.
#[test]
fn a_cut_arabic_title_keeps_its_row_and_shows_its_ellipsis_on_the_left() {
    let visual = |s: &str| {
        resreader::text::layout_paragraph(s, &resreader::text::LayoutOptions::new(40), &[])[0]
            .to_plain()
            .trim()
            .to_string()
    };
    let arabic =
        |c: char| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c);
    // "/" in the list opens the finder, as in most pagers.
    let mut a = app(80, 24, None);
    press(&mut a, &["/"]);
    for c in "التضامن".chars() {
        press_only(&mut a, &c.to_string());
    }
    a.settle_search();
    let screen = screen(&a);
    let row = screen
        .lines()
        .find(|l| l.contains("IMCWP"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        row.ends_with(&format!(" · {}│", visual("ar العربية"))),
        "{row}\n{screen}"
    );
    let cut = row.find('…').unwrap_or_else(|| panic!("{row}"));
    assert!(row[cut..].chars().nth(1).is_some_and(arabic), "{row}");

    // The list, Arabic first: every cut title's ellipsis is on its left.
    let mut a = App::new(
        common::tui::bundled(),
        vec!["ar".into()],
        RenderOptions::default(),
        (60, 24),
    );
    a.settle_search();
    let screen = self::screen(&a);
    let cut: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains('…') && l.chars().any(arabic))
        .collect();
    assert!(!cut.is_empty(), "{screen}");
    for line in cut {
        let at = line.find('…').unwrap_or_else(|| panic!("{line}"));
        assert!(
            line[at..].chars().nth(1).is_some_and(arabic),
            "{line}\n{screen}"
        );
        assert!(line.ends_with('│'), "{line}");
    }
}

/// The bundled Arabic title writes "solidarity" after ل ("للتضامن"); a
/// reader types it with the article ("التضامن"). At every key typed the
/// finder keeps the title: "الت" once found nothing.
#[test]
fn typing_an_arabic_word_with_its_article_never_loses_the_title_that_holds_it() {
    let language = resreader::text::layout_paragraph(
        "ar العربية",
        &resreader::text::LayoutOptions::new(40),
        &[],
    )[0]
    .to_plain();
    let mut a = app(100, 30, None);
    press(&mut a, &["/"]);
    let mut typed = String::new();
    for c in "التضامن".chars() {
        typed.push(c);
        press_only(&mut a, &c.to_string());
        a.settle_search();
        let screen = screen(&a);
        assert!(
            screen
                .lines()
                .any(|l| l.contains("IMCWP") && l.ends_with(&format!(" · {}│", language.trim()))),
            "after typing {typed}:\n{screen}"
        );
    }
}

/// Move the list's selection down to the resolution `id`.
fn select(a: &mut App, id: &str) {
    let at = a
        .library
        .entries
        .iter()
        .position(|e| e.meta.id == id)
        .unwrap_or_else(|| panic!("{id} listed"));
    press(a, &vec!["j"; at]);
}

/// The screen's last line, without the spaces that pad it.
fn bottom_line(a: &App) -> String {
    screen(a)
        .lines()
        .last()
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

/// In a narrow terminal the hint bar keeps the hints that fit whole, in
/// order, instead of cutting one in the middle ("T choose transla").
#[test]
fn a_narrow_hint_bar_shows_only_whole_hints() {
    let english: &[&str] = &["en"];
    let states = [("list", None), ("reader", Some((IMCWP, english)))];
    for (state, open) in states {
        let all = bottom_line(&app(200, 30, open));
        for width in [40, 44, 52, 60, 80] {
            let shown = bottom_line(&app(width, 30, open));
            assert!(!shown.is_empty(), "{state} at {width}");
            assert!(
                all.starts_with(&shown),
                "{state} at {width}: {shown:?} of {all:?}"
            );
            let rest = &all[shown.len()..];
            assert!(
                rest.is_empty() || rest.starts_with("  "),
                "{state} at {width}: a hint cut: {shown:?} of {all:?}"
            );
        }
    }
}

/// A message wider than the screen is shown whole on as many lines as it
/// takes, over the panes' last lines, and the next key brings the hints
/// back.
#[test]
fn a_long_message_is_shown_whole() {
    let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for width in [44, 80, 100] {
        let mut a = app(width, 24, None);
        select(&mut a, IMCWP);
        press(&mut a, &["D"]);
        let message = a.status.clone().expect("a word on why it stays");
        assert!(message.chars().count() > width as usize, "{message}");
        let screen = screen(&a);
        let lines: Vec<&str> = screen.lines().collect();
        let shown = lines[lines.len() - 3..].join(" ");
        assert!(
            squeezed(&shown).contains(&squeezed(&message)),
            "{width} columns: {message:?} not whole in\n{screen}"
        );
        assert!(screen.contains("Library"), "{screen}");
        press(&mut a, &["k"]);
        assert!(bottom_line(&a).starts_with("? help"), "{}", screen);
    }
}

#[test]
fn in_a_narrow_list_every_resolution_still_names_all_its_languages() {
    // The organisation, then a date range's repeated year and month, give
    // up cells before the languages do.
    for width in [44, 60, 100] {
        let a = app(width, 40, None);
        let screen = screen(&a);
        let about: Vec<&str> = screen
            .lines()
            .filter(|l| l.contains(" · ") && l.contains("]"))
            .collect();
        assert!(about.len() >= 8, "{screen}");
        for line in &about {
            let inside = line.trim_end_matches('│').trim_end();
            assert!(
                inside.ends_with(']') || inside.ends_with("] excerpt"),
                "{width} columns: {line}\n{screen}"
            );
        }
        assert!(screen.contains("[ar][en][es][ru]"), "{screen}");
    }
}

#[test]
fn every_finder_row_ends_with_its_language_however_long_the_organisation() {
    // The Palestinian communiqué's organisation is long; it gives up cells
    // (with an ellipsis) before the language at the row's end does, and in
    // the narrowest terminal the date does too.
    for width in [40, 60, 80, 100] {
        let mut a = app(width, 30, None);
        press(&mut a, &["f"]);
        a.settle_search();
        let screen = screen(&a);
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| l.contains(" · ") && l.trim_start().starts_with('│'))
            .collect();
        assert!(rows.len() >= 10, "{screen}");
        for row in &rows {
            let before_border = row.trim_end_matches('│').trim_end();
            assert!(
                [" English", " français", " español", " русский"]
                    .iter()
                    .any(|name| before_border.ends_with(name))
                    || before_border.ends_with("ﺔﻴﺑﺮﻌﻟﺍ"),
                "{width} columns: {row}\n{screen}"
            );
        }
        // Dropped only when nothing of it fits beside the date and language.
        if width >= 60 {
            assert!(
                screen.contains("Parti Communiste") || screen.contains("Parti…"),
                "{screen}"
            );
        }
    }
}

#[test]
fn details_count_the_signatories_of_any_translation_and_name_the_source_readably() {
    let mut a = app(120, 30, None);
    select(&mut a, IMCWP);
    let screen = screen(&a);
    // Its Arabic text, first by language code, has no list; the English has 29.
    assert!(screen.contains("29 signatories"), "{screen}");
    assert!(screen.contains("source: an imported file"), "{screen}");
    assert!(!screen.contains("004_e470b3e35be74386"), "{screen}");
    press(&mut a, &["g"]);
    let screen = self::screen(&a);
    assert!(screen.contains("no signatories list"), "{screen}");
}

#[test]
fn while_reading_the_list_folds_away_and_tab_brings_it_back() {
    // 120 columns: two translations side by side, not stacked.
    let mut a = app(120, 40, Some((CEASEFIRE, &["en", "ru"])));
    let screen = self::screen(&a);
    assert!(!screen.contains("Library ("), "{screen}");
    assert!(screen.contains("en English │ ru русский"), "{screen}");
    assert!(
        !screen.contains("── en English ──"),
        "not stacked: {screen}"
    );
    // Tab gives the list the focus, and it comes back beside the text.
    press(&mut a, &["Tab"]);
    let screen = self::screen(&a);
    assert!(screen.contains("Library ("), "{screen}");
    press(&mut a, &["Tab"]);
    assert!(!self::screen(&a).contains("Library ("));
    // Two columns from 100 cells; four from about 150.
    let a = app(100, 30, Some((CEASEFIRE, &["en", "ru"])));
    assert!(!self::screen(&a).contains("── en English ──"));
    let a = app(160, 30, Some((IMCWP, &["en", "es", "ru", "ar"])));
    let screen = self::screen(&a);
    assert!(
        screen
            .lines()
            .nth(1)
            .is_some_and(|l| l.matches('│').count() >= 5),
        "four columns side by side: {screen}"
    );
    let a = app(120, 30, Some((IMCWP, &["en", "es", "ru", "ar"])));
    assert!(
        self::screen(&a).contains("── en English ──"),
        "four columns in 120 cells would be too narrow: stacked"
    );
}

#[test]
fn the_status_line_says_100_percent_at_the_end() {
    let mut a = app(120, 40, Some((CEASEFIRE, &["en"])));
    assert!(self::screen(&a).contains(" · 0%"));
    press(&mut a, &["G"]);
    let screen = self::screen(&a);
    assert!(screen.contains(" · 100%"), "{screen}");
    press(&mut a, &["k"]);
    assert!(!self::screen(&a).contains(" · 100%"));
}

#[test]
fn the_finder_covers_the_screen_under_it() {
    let mut a = app(120, 30, Some((CEASEFIRE, &["en"])));
    press(&mut a, &["Tab", "f"]);
    let screen = self::screen(&a);
    let lines: Vec<&str> = screen.lines().collect();
    // Above the status line, nothing but the finder: its frame starts at
    // the third cell and ends two before the last.
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("  ") || line.is_empty(),
            "{line:?}\n{screen}"
        );
        assert!(
            line.is_empty() || line.ends_with(['│', '┐', '┘']),
            "{line:?}\n{screen}"
        );
    }
}

#[test]
fn finder_rows_name_the_title_language_and_paragraph_and_skip_empty_metadata() {
    let mut a = app(160, 40, None);
    a.finish_indexing();
    press(&mut a, &["f"]);
    let screen = self::screen(&a);
    assert!(!screen.contains(" ·  · "), "{screen}");
    // Undated French posts without an organisation: just the language.
    assert!(
        screen.contains("29 novembre") && screen.contains(" · fr français"),
        "{screen}"
    );
    // Full text: the resolution's title and the paragraph, not its id.
    for c in "/ceasefire".chars() {
        press(&mut a, &[&c.to_string()]);
    }
    let screen = self::screen(&a);
    assert!(!screen.contains(CEASEFIRE), "{screen}");
    assert!(
        screen.contains(" · Secure the victory of the cease… · en ¶"),
        "{screen}"
    );
}

#[test]
fn the_mouse_can_be_left_to_the_terminal_and_taken_back() {
    let mut a = app(120, 30, Some((CEASEFIRE, &["en"])));
    assert!(a.mouse);
    press(&mut a, &["M"]);
    assert!(!a.mouse);
    assert!(a.pending_output.iter().any(|s| s.contains("\x1b[?1000l")));
    assert!(screen(&a).contains("mouse off: select text with the mouse"));
    a.pending_output.clear();
    press(&mut a, &["M"]);
    assert!(a.mouse);
    assert!(a.pending_output.iter().any(|s| s.contains("\x1b[?1000h")));
    // In the finder, M is a letter to type.
    press(&mut a, &["f", "M"]);
    assert!(a.mouse);
    assert!(screen(&a).contains("> M█"), "{}", screen(&a));
    let (config, warnings) = resreader::config::parse("[mouse]\ncapture = false\n", "c.toml");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(!config.mouse);
}

#[test]
fn a_cluster_terminals_draw_wider_keeps_its_cells() {
    use ratatui::buffer::CellWidth;
    use resreader::import::{ImportOptions, SourceFile, import};
    use resreader::tui::draw::shown;
    // "Bengali language" in Bengali: its vowel sign া is no width for
    // unicode-width and one cell for tmux (see text::width).
    let report = import(
        &[SourceFile {
            name: "bangla.txt".into(),
            bytes: "বাংলা ভাষা\n\nবাংলা ভাষা দক্ষিণ এশিয়ার একটি ভাষা।\n".into(),
        }],
        &ImportOptions {
            lang: Some("bn".into()),
            id: Some("bangla".into()),
            overrides: Default::default(),
        },
    );
    let mut library = common::tui::bundled();
    library.add_in_memory(report.resolutions.into_iter().next().expect("imported"));
    let mut a = resreader::tui::app::App::new(
        library,
        vec!["en".into()],
        resreader::render::RenderOptions::default(),
        (100, 20),
    );
    a.open("bangla", Some(vec!["bn".into()])).expect("opens");
    let b = buffer(&a);
    let (x, y) = (1..b.area.height)
        .flat_map(|y| (0..b.area.width).map(move |x| (x, y)))
        .find(|&(x, y)| shown(b[(x, y)].symbol()) == "বাং")
        .expect("the cluster is in the text (below the pane title)");
    // Three cells, as tmux draws it; the next cluster three cells on. Each
    // erases its cells first (what a narrower terminal leaves is blank).
    assert_eq!(b[(x, y)].cell_width(), 3);
    assert_eq!(b[(x, y)].symbol(), "\x1b[3Xবাং");
    assert_eq!(shown(b[(x + 3, y)].symbol()), "লা");
    assert_eq!(b[(x + 3, y)].cell_width(), 2);
    assert_eq!(b[(x + 5, y)].symbol(), " ");
    assert_eq!(shown(b[(x + 6, y)].symbol()), "ভা");
}
