//! Opening text files directly (`resreader FILE...`) and the import
//! progress line, in a pseudo-terminal as a user would see them.

mod common;

use common::session::Session;
use std::path::{Path, PathBuf};

/// Two translations of a short statement, in files of their own.
fn statement(dir: &Path) -> (PathBuf, PathBuf) {
    let en = dir.join("strike.en.txt");
    let ru = dir.join("strike.ru.txt");
    std::fs::write(
        &en,
        "Solidarity with the striking dock workers\n\nThe workers of the port have been on strike for three weeks. \
         They demand higher wages and safe working conditions for everyone.\n",
    )
    .expect("write");
    std::fs::write(
        &ru,
        "Солидарность с бастующими портовыми рабочими\n\nРабочие порта бастуют уже три недели. \
         Они требуют повышения заработной платы и безопасных условий труда для всех.\n",
    )
    .expect("write");
    (en, ru)
}

#[test]
fn files_open_side_by_side_and_nothing_is_written_to_the_library() {
    let files = tempfile::tempdir().expect("temp dir");
    let (en, ru) = statement(files.path());
    let (en, ru) = (en.display().to_string(), ru.display().to_string());
    let mut s = Session::start(&[&en, &ru], 160, 30);
    let screen = s.wait_for("Рабочие порта бастуют");
    assert!(screen.contains("The workers of the port"), "{screen}");
    assert!(screen.contains("en English │ ru русский"), "{screen}");
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
    let home = s.into_home();
    let library = home.path().join("library");
    assert!(
        !library.exists() || std::fs::read_dir(&library).expect("dir").next().is_none(),
        "something was written to the library"
    );
}

#[test]
fn a_long_import_shows_its_progress_on_a_terminal_and_erases_it() {
    let files = tempfile::tempdir().expect("temp dir");
    let (en, ru) = statement(files.path());
    let (en, ru) = (en.display().to_string(), ru.display().to_string());
    let home = tempfile::tempdir().expect("temp dir");
    // Any import is "long" with no delay.
    let mut s = Session::start_in(
        home,
        &["import", &en, &ru],
        120,
        24,
        &[("RESREADER_PROGRESS_AFTER_MS", "0")],
    );
    assert!(s.wait_exit().success());
    let raw = s.raw_output();
    let shown = raw.find("importing 2 files").expect("the progress line");
    let erased = raw[shown..].find("\r\x1b[K").expect("erased");
    let wrote = raw.find("wrote ").expect("the result");
    assert!(shown + erased < wrote, "{raw:?}");
    assert!(!s.screen().contains("importing"), "{}", s.screen());
}

#[test]
fn k_keeps_the_opened_files_in_the_library_and_they_stay_open() {
    let files = tempfile::tempdir().expect("temp dir");
    let (en, ru) = statement(files.path());
    let (en, ru) = (en.display().to_string(), ru.display().to_string());
    let mut s = Session::start(&[&en, &ru], 160, 30);
    s.wait_for("Рабочие порта бастуют");
    s.keys("K");
    let screen = s.wait_for("in the library:");
    assert!(screen.contains("kept "), "{screen}");
    assert!(
        screen.contains("Рабочие порта бастуют"),
        "still open: {screen}"
    );
    s.keys("q");
    assert!(s.wait_exit().success());
    let home = s.into_home();
    let kept: Vec<PathBuf> = std::fs::read_dir(home.path().join("library"))
        .expect("a library folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    for name in ["meta.toml", "en.md", "ru.md"] {
        assert!(
            kept[0].join(name).is_file(),
            "{name} in {}",
            kept[0].display()
        );
    }
}
