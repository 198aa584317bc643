//! Faults end to end: a panic in a pane, a panic on a background thread,
//! signals and the terminal going away. Each leaves the terminal restored
//! (where there still is one) and the state file holding the place reached.

mod common;

use common::session::Session;
use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

/// F12, as xterm sends it: arms the fault named by `RESREADER_FAULT`.
const F12: &[u8] = b"\x1b[24~";

/// Start again in the same home: the reader is back at paragraph five.
fn assert_place_kept(home: tempfile::TempDir) {
    let mut again = Session::start_in(home, &[], 160, 30, &[]);
    again.wait_for_english_paragraph_five();
    again.keys("q");
    assert!(again.wait_exit().success());
}

#[test]
#[cfg_attr(
    not(any(debug_assertions, feature = "fault-injection")),
    ignore = "fault injection is compiled out of release builds without the fault-injection feature"
)]
fn a_panic_while_drawing_or_handling_a_key_restores_the_terminal_and_keeps_the_place() {
    for fault in ["draw", "key"] {
        let home = tempfile::tempdir().expect("temp dir");
        let mut s = Session::start_in(home, &[], 160, 30, &[("RESREADER_FAULT", fault)]);
        s.read_ceasefire_to_paragraph_five();
        s.send(F12);
        // The draw fault fires on the frame after F12; the key fault on the next key.
        s.keys("j");
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 101, "a panic ({fault})");
        s.assert_terminal_restored();
        assert!(
            s.raw_output().contains("injected fault"),
            "the panic message is printed after the terminal is restored"
        );
        assert_place_kept(s.into_home());
    }
}

#[test]
#[cfg_attr(
    not(any(debug_assertions, feature = "fault-injection")),
    ignore = "fault injection is compiled out of release builds without the fault-injection feature"
)]
fn a_panic_in_a_background_search_is_reported_and_the_reader_goes_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start_in(home, &[], 160, 30, &[("RESREADER_FAULT", "search")]);
    s.wait_for("Library (9)");
    s.send(F12);
    s.keys("fgaza");
    let screen = s.wait_for("internal error");
    assert!(screen.contains("the search failed"), "{screen}");
    assert!(
        !s.raw_output().contains("panicked"),
        "nothing printed over the screen"
    );
    // Still working: the finder closes, a resolution opens, q quits normally.
    s.escape();
    s.keys("j\r");
    s.wait_for("Secure the victory");
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn a_signal_keeps_the_place_reached() {
    for signal in ["HUP", "TERM"] {
        let mut s = Session::start(&[], 160, 30);
        s.read_ceasefire_to_paragraph_five();
        s.signal(signal);
        s.wait_exit();
        s.assert_terminal_restored();
        assert_place_kept(s.into_home());
    }
}

/// The terminal goes away without a signal: the master side of the pty is
/// closed while a shell, the session leader, takes the SIGHUP and ignores it.
/// resreader itself only sees its reads fail (EIO) and must end — not spin —
/// with the place saved.
#[test]
fn the_terminal_closing_without_a_signal_ends_the_reader_with_the_place_saved() {
    let (status, home) = read_to_paragraph_five_and_close_the_terminal(Leader::ShellIgnoringHup);
    // Not 129: no SIGHUP reached resreader; it ended on the failed read.
    assert_eq!(status.code(), Some(1), "{status:?}");
    assert_place_kept(home);
}

/// The terminal window closes with resreader leading the session, as when
/// tmux's server is killed: the SIGHUP and the hang-up of the terminal come
/// together, and two threads would save the place. The first must finish
/// writing the state file before the process exits (the second used to
/// exit at once, leaving only a temporary file).
#[test]
fn the_terminal_closing_with_a_signal_too_saves_the_place_once() {
    for _ in 0..3 {
        let (status, home) = read_to_paragraph_five_and_close_the_terminal(Leader::Reader);
        assert!(
            matches!(status.code(), Some(1 | 129)) || status.signal() == Some(libc::SIGHUP),
            "{status:?}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(home.path())
            .expect("home")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "a save was cut short: {leftovers:?}");
        assert_place_kept(home);
    }
}

/// Who leads the session of the terminal resreader runs in.
#[derive(Clone, Copy, PartialEq)]
enum Leader {
    /// A shell that ignores SIGHUP and runs resreader.
    ShellIgnoringHup,
    /// resreader itself.
    Reader,
}

/// Start resreader in a pty of its own, read to the ceasefire's fifth
/// paragraph, close the master side and wait for the end.
fn read_to_paragraph_five_and_close_the_terminal(
    leader: Leader,
) -> (std::process::ExitStatus, tempfile::TempDir) {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;

    let home = tempfile::tempdir().expect("temp dir");
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 160,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors, which are owned from here on.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty");
    // SAFETY: fcntl on a descriptor just opened. The master must not leak
    // into the child, or closing it here would not close the terminal.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };

    let mut cmd = match leader {
        Leader::ShellIgnoringHup => {
            let mut shell = std::process::Command::new("sh");
            shell
                .arg("-c")
                .arg(r#"trap '' HUP; "$0" "$@"; exit $?"#)
                .arg(env!("CARGO_BIN_EXE_resreader"));
            shell
        }
        Leader::Reader => std::process::Command::new(env!("CARGO_BIN_EXE_resreader")),
    };
    cmd.arg("--library")
        .arg(home.path().join("library"))
        .env("TERM", "xterm-256color")
        .env("RESREADER_STATE", home.path().join("state.json"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("RESREADER_CACHE", home.path().join("cache"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("RESREADER_LIBRARY")
        .stdin(slave.try_clone().expect("dup"))
        .stdout(slave.try_clone().expect("dup"))
        .stderr(slave.try_clone().expect("dup"));
    // SAFETY: setsid and ioctl are async-signal-safe; they make the child a
    // session leader with the pty as its controlling terminal.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn");
    drop(slave);
    // If the test fails, leave no process behind (it would spin on EIO).
    struct KillGroup(i32);
    impl Drop for KillGroup {
        fn drop(&mut self) {
            // SAFETY: a signal to the process group the shell leads.
            unsafe { libc::kill(-self.0, libc::SIGKILL) };
        }
    }
    let _group = KillGroup(child.id() as i32);

    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(30).expect("rows"),
        std::num::NonZeroU16::new(160).expect("cols"),
        0,
    );
    let mut file = std::fs::File::from(master);
    let read_until = |parser: &mut vt100::Parser, file: &mut std::fs::File, text: &str| {
        use std::io::Read;
        let deadline = Instant::now() + Duration::from_secs(15);
        while !parser.screen().contents().contains(text) {
            assert!(Instant::now() < deadline, "never saw {text}");
            let mut pfd = libc::pollfd {
                fd: file.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the duration of the call.
            if unsafe { libc::poll(&mut pfd, 1, 100) } > 0 {
                let mut buf = [0u8; 8192];
                let n = file.read(&mut buf).expect("read the pty");
                parser.process(&buf[..n]);
            }
        }
    };
    let type_keys = |file: &mut std::fs::File, keys: &str| {
        use std::io::Write;
        for k in keys.bytes() {
            file.write_all(&[k]).expect("type");
            std::thread::sleep(Duration::from_millis(30));
        }
    };
    read_until(&mut parser, &mut file, "Library (9)");
    type_keys(&mut file, "j\r");
    read_until(&mut parser, &mut file, "Secure the victory");
    type_keys(&mut file, "]]]]]");
    read_until(&mut parser, &mut file, "¶ 5/21");

    drop(file); // the terminal window is closed
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "resreader did not end when its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    (status, home)
}
