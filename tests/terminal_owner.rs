//! The terminal has one owner: whatever stops the reader (a signal, a
//! hang-up, Ctrl-Z), the last bytes it writes give the terminal back, and a
//! suspended reader takes the terminal again when continued.

mod common;

use common::session::Session;
use resreader::term::sequences::{ENTER_ALTERNATE, LEAVE_ALTERNATE};
use std::time::Duration;

const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// Runs of each signal: a few in `cargo test`; `scripts/signal-stress`
/// sets RESREADER_SIGNAL_RUNS=200.
fn runs() -> usize {
    std::env::var("RESREADER_SIGNAL_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4)
}

/// The raw output ends with the terminal given back: after the last frame
/// byte come the cursor shown and the main screen (then the terminal's bidi
/// mode), and nothing else. Output that never entered the alternate screen
/// (the signal came first) has nothing to give back.
fn assert_ends_restored(raw: &str, what: &str) {
    let Some(entered) = raw.rfind(ENTER_ALTERNATE) else {
        assert!(
            !raw.contains(HIDE_CURSOR),
            "{what}: cursor hidden, never entered"
        );
        return;
    };
    let left = raw
        .rfind(LEAVE_ALTERNATE)
        .unwrap_or_else(|| panic!("{what}: never left the alternate screen"));
    assert!(
        left > entered,
        "{what}: entered the alternate screen after leaving it"
    );
    let tail = &raw[left + LEAVE_ALTERNATE.len()..];
    assert!(
        tail.is_empty() || tail == "\x1b[8h",
        "{what}: written after the main screen came back: {tail:?}"
    );
    let shown = raw.rfind(SHOW_CURSOR).unwrap_or(0);
    assert!(
        raw.rfind(HIDE_CURSOR).is_none_or(|hidden| hidden < shown),
        "{what}: the cursor is left hidden"
    );
}

#[test]
fn each_signal_at_any_moment_of_the_first_frames_leaves_the_terminal_restored() {
    let mut seed: u64 = std::env::var("RESREADER_SIGNAL_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x7e57);
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let runs = runs();
    for run in 0..runs {
        for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
            let mut s = Session::start(&[], 100, 24);
            // From before the terminal is set up to a few frames in.
            std::thread::sleep(Duration::from_micros(random() % 150_000));
            s.signal(signal);
            let status = s.wait_exit();
            let what = format!("SIG{signal}, run {}/{runs}", run + 1);
            // A signal before the handlers are in place ends the process.
            assert!(
                status.exit_code() == code || status.signal().is_some(),
                "{what}: {status:?}"
            );
            assert_ends_restored(&s.raw_output(), &what);
            if s.raw_output().contains(ENTER_ALTERNATE) {
                s.assert_terminal_restored();
            }
        }
    }
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_then_sigcont_takes_it_again() {
    let mut s = Session::start(&[], 100, 24);
    s.wait_for("Library (9)");
    for stop in ["ctrl-z", "TSTP"] {
        match stop {
            "ctrl-z" => s.keys("\u{1a}"),
            signal => s.signal(signal),
        }
        // The restore is written before the stop; the pty's reader thread
        // may take it in a moment after /proc says stopped.
        s.wait_for_state(&format!("the reader stopped by {stop}, restored"), |s| {
            s.stopped() && !s.in_alternate_screen()
        });
        s.assert_terminal_restored();
        let before = s.raw_output().len();
        s.signal("CONT");
        s.wait_for_state("the alternate screen again", |s| {
            s.in_alternate_screen() && s.screen().contains("Library (9)")
        });
        // The whole screen is drawn again, not only what changed.
        assert!(s.raw_output()[before..].contains("Library (9)"));
        assert!(!s.stopped());
    }
    // Keys still reach it.
    s.keys("?");
    s.wait_for("Keys —");
    s.escape();
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
    assert_ends_restored(&s.raw_output(), "quit after two suspends");
}

#[test]
fn sigstop_then_sigcont_redraws_the_whole_screen() {
    // SIGSTOP cannot be caught, so nothing is given back before the stop
    // (a terminal left in the reader's modes while stopped is the
    // sender's choice); SIGCONT must still bring a whole, working screen.
    let mut s = Session::start(&[], 100, 24);
    s.wait_for("Library (9)");
    s.signal("STOP");
    s.wait_for_state("the reader stopped", |s| s.stopped());
    let before = s.raw_output().len();
    s.signal("CONT");
    s.wait_for_state("the reader running and drawn again", |s| {
        !s.stopped() && s.raw_output()[before..].contains("Library (9)")
    });
    assert!(s.in_alternate_screen());
    s.keys("?");
    s.wait_for("Keys —");
    s.escape();
    s.keys("q");
    assert!(s.wait_exit().success());
    assert_ends_restored(&s.raw_output(), "quit after SIGSTOP and SIGCONT");
}

#[test]
fn ctrl_z_and_ctrl_c_work_in_the_finder_and_while_typing_a_search() {
    let mut s = Session::start(&[], 100, 24);
    s.wait_for("Library (9)");
    s.keys("f");
    s.wait_for("Find ·");
    s.keys("cease");
    s.keys("\u{1a}");
    s.wait_for_state("the reader stopped from the finder", |s| {
        s.stopped() && !s.in_alternate_screen()
    });
    s.signal("CONT");
    // Back where it was: the finder open with what was typed.
    s.wait_for_state("the finder again", |s| {
        s.in_alternate_screen() && s.screen().contains("> cease")
    });
    s.escape();
    s.keys("\r");
    s.keys("/");
    s.wait_for("hits ·");
    s.keys("\u{3}");
    assert!(s.wait_exit().success(), "C-c while typing a search quits");
    s.assert_terminal_restored();
    assert_ends_restored(&s.raw_output(), "C-c in the search prompt");
}
