//! Issue 16, point 4: the full-text cache is mapped, and a cache file cut
//! short under a running reader used to kill it with SIGBUS — terminal left
//! raw on the alternate screen. Now pages lost to the truncation read as
//! zeros (src/search/mapped.rs) and the reader goes on.

mod common;

use common::session::Session;

#[test]
fn a_cache_cut_short_under_the_reader_does_not_kill_it() {
    let home = tempfile::tempdir().expect("temp dir");
    let cache_dir = home.path().join("cache");
    // Write the index first, so that the reader maps the file.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_resreader"))
        .arg("--library")
        .arg(home.path().join("library"))
        .arg("index")
        .env("RESREADER_CACHE", &cache_dir)
        .env("RESREADER_STATE", home.path().join("state.json"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("RESREADER_LIBRARY")
        .status()
        .expect("resreader index");
    assert!(status.success(), "resreader index: {status:?}");
    let cache = std::fs::read_dir(&cache_dir)
        .expect("the cache folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("a cache file");

    let mut session = Session::start_in(home, &[], 120, 40, &[]);
    session.wait_for("Library (");
    session.keys("f");
    session.send(b"\x14"); // C-t: full text
    session.keys("'gaza");
    // "12/167": the hits out of every paragraph, so the index is in use.
    session.wait_until("full-text hits from the mapped index", |screen| {
        screen.contains("'gaza") && screen.contains("/167")
    });

    std::fs::OpenOptions::new()
        .write(true)
        .open(&cache)
        .expect("open the cache")
        .set_len(0)
        .expect("truncate the cache");
    // Search again: every entry is read from the now missing pages.
    session.send(b"\x7f\x7f\x7f\x7f\x7f");
    session.keys("'ceasefire");
    session.wait_for("'ceasefire");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        session.child.try_wait().expect("try_wait").is_none(),
        "resreader died after its cache was cut short; the screen:\n{}",
        session.screen()
    );
    session.escape();
    session.keys("q");
    let status = session.wait_exit();
    assert!(status.success(), "resreader ended badly: {status:?}");
    session.assert_terminal_restored();
}
