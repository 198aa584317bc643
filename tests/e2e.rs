//! End to end: the real binary in a pseudo-terminal, its screen read through
//! the vt100 terminal emulator, keys typed as a user would.

mod common;

use common::session::Session;
use common::tui::{CEASEFIRE, IMCWP};

#[test]
fn open_toggle_side_by_side_and_quit() {
    let mut s = Session::start(&[], 160, 30);
    s.wait_for("Library (9)");
    // Open the ceasefire resolution and go to "Donald Trump now wants…".
    s.keys("j\r");
    s.wait_for("Secure the victory");
    s.keys("]]]]");
    s.wait_for("¶ 4/21");
    s.keys("]");
    let screen = s.wait_for("¶ 5/21");
    let row = screen
        .lines()
        .position(|l| l.contains("Donald Trump now wants"))
        .expect("on screen");
    // Toggle to Russian: the aligned paragraph takes the same place.
    s.keys("t");
    s.wait_until("the Russian paragraph on the same row", |screen| {
        screen
            .lines()
            .position(|l| l.contains("Дональд Трамп теперь"))
            == Some(row)
    });
    // Side by side: both on the same line.
    s.keys("s");
    s.wait_until("both paragraphs on one line", |screen| {
        screen
            .lines()
            .any(|l| l.contains("Дональд Трамп") && l.contains("Donald Trump"))
    });
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_terminal_restored();
}

#[test]
fn read_opens_a_resolution_directly_in_columns() {
    let mut s = Session::start(&["read", CEASEFIRE, "--parallel", "en,ru"], 140, 30);
    s.wait_until("both first paragraphs on one line", |screen| {
        screen
            .lines()
            .any(|l| l.contains("Everywhere in Gaza") && l.contains("По всему сектору Газа"))
    });
    s.keys("?");
    s.wait_for("Keys — Esc closes");
    s.keys("q");
    s.wait_for("en|ru");
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut s = Session::start(&[], 100, 24);
        s.wait_for("Library (9)");
        s.signal(signal);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), code, "SIG{signal}");
        s.assert_terminal_restored();
    }
}

#[test]
fn the_finder_opens_what_was_picked() {
    let mut s = Session::start(&[], 160, 30);
    s.wait_for("Library (9)");
    s.keys("f");
    s.wait_for("Find · titles");
    // A Latin query finds the Russian title through its transliteration.
    s.keys("kazakh");
    s.wait_until("the Kazakhstan resolution as the only result", |screen| {
        screen.contains("1/13") && screen.contains("в Казахстане")
    });
    s.keys("\r");
    s.wait_until("the reader on the Russian text", |screen| {
        screen.contains("ru русский") && screen.contains("В начале 2022 года")
    });
    // Full text from anywhere: C-p, then a leading slash.
    s.keys("\u{10}");
    s.wait_for("Find ·");
    s.keys("/'waterloo");
    s.wait_until("one paragraph found", |screen| screen.contains("1/167"));
    s.keys("\r");
    s.wait_until("the English paragraph that names Waterloo", |screen| {
        screen.contains("en English") && screen.lines().any(|l| l.contains("Waterloo"))
    });
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn the_reading_place_survives_a_restart() {
    let mut s = Session::start(&[], 160, 30);
    s.read_ceasefire_to_paragraph_five();
    s.keys("t");
    s.wait_until("the Russian paragraph at the top", |screen| {
        screen.contains("ru · ¶ 6/22") && screen.contains("Дональд Трамп теперь")
    });
    s.keys("q");
    assert!(s.wait_exit().success());
    let home = s.into_home();
    assert!(home.path().join("state.json").exists());
    // Started again without arguments: the same resolution, language and paragraph.
    let mut again = Session::start_in(home, &[], 160, 30, &[]);
    again.wait_until("the same place", |screen| {
        screen.contains("ru · ¶ 6/22") && screen.contains("Дональд Трамп теперь")
    });
    // And the English translation remembers its own place.
    again.keys("t");
    again.wait_for_english_paragraph_five();
    again.keys("q");
    assert!(again.wait_exit().success());
}

#[test]
fn no_color_means_no_colour_codes() {
    let mut s = Session::start_in(
        tempfile::tempdir().expect("temp dir"),
        &["read", CEASEFIRE, "--parallel", "en,ru"],
        160,
        30,
        &[("NO_COLOR", "1")],
    );
    s.wait_for("en|ru");
    s.keys("/gaza\r");
    s.wait_for("/gaza");
    s.keys("?");
    s.wait_for("Keys");
    s.keys("qq");
    assert!(s.wait_exit().success());
    let raw = s.raw_output();
    let mut sgr = 0;
    for (i, _) in raw.match_indices("\x1b[") {
        let rest = &raw[i + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !rest[end..].starts_with('m') {
            continue;
        }
        sgr += 1;
        let params: Vec<u32> = rest[..end]
            .split(';')
            .filter_map(|p| p.parse().ok())
            .collect();
        for p in params {
            let colour = matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107);
            assert!(
                !colour,
                "a colour code (SGR {p}) was written: {:?}",
                &rest[..end]
            );
        }
    }
    assert!(sgr > 0, "the screen used attributes (bold, reverse) at all");
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_the_user_told() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        home.path().join("state.json"),
        "{\"version\": 1, \"last\": {\"id\": ",
    )
    .expect("write");
    std::fs::write(
        home.path().join("config.toml"),
        "[keys.reader]\nnext_transltion = \"t\"\n",
    )
    .expect("write");
    let mut s = Session::start_in(home, &[], 200, 30, &[]);
    // The status line is at the bottom: wait for it, not just the top of
    // the first frame (a frame can arrive in several reads).
    let screen = s.wait_for("config.toml:2:");
    assert!(screen.contains("config.toml:2: unknown action `next_transltion` (did you mean `next_translation`?) (+1 more"), "{screen}");
    s.keys("j\r");
    s.wait_for("Secure the victory");
    s.keys("q");
    assert!(s.wait_exit().success());
    let home = s.into_home();
    let names: Vec<String> = std::fs::read_dir(home.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.json.broken-")),
        "{names:?}"
    );
    // A fresh, whole state file was written on quit.
    let saved = std::fs::read_to_string(home.path().join("state.json")).expect("state");
    assert!(
        serde_json::from_str::<serde_json::Value>(&saved).is_ok(),
        "{saved}"
    );
}

#[test]
fn show_to_a_terminal_wraps_its_text_in_explicit_mode() {
    let mut s = Session::start(&["show", IMCWP, "--lang", "ar"], 100, 24);
    assert!(s.wait_exit().success());
    let raw = s.raw_output();
    let off = raw.find("\x1b[8l").expect("CSI 8 l sent");
    let on = raw.rfind("\x1b[8h").expect("CSI 8 h sent");
    let first_arabic = raw
        .find(|c: char| {
            ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c)
        })
        .expect("Arabic text");
    let last_text = raw.trim_end_matches(['\r', '\n']).len() - "\x1b[8h".len();
    assert!(
        off < first_arabic,
        "explicit mode before the first character"
    );
    assert_eq!(on, last_text, "implicit mode again after the last line");
}
