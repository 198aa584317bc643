//! End to end: the real binary in a pseudo-terminal, its screen read through
//! the vt100 terminal emulator, keys typed as a user would.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CEASEFIRE: &str = "icor-2025-10-31-secure-the-victory-of-the-ceasefire";

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    _library: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let library = tempfile::tempdir().expect("temp dir");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("resreader"));
        cmd.arg("--library");
        cmd.arg(library.path());
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("RESREADER_LIBRARY");
        let child = pty.slave.spawn_command(cmd).expect("spawn resreader");
        drop(pty.slave);
        let rows_nz = NonZeroU16::new(rows).expect("rows");
        let cols_nz = NonZeroU16::new(cols).expect("cols");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows_nz, cols_nz, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                r.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Session {
            parser,
            raw,
            writer,
            child,
            _master: pty.master,
            _library: library,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Wait until the screen shows `text` (the program draws asynchronously).
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}` on screen"), |screen| {
            screen.contains(text)
        })
    }

    /// Wait until `condition` holds for the screen; a frame may arrive in
    /// several reads, so one look is not enough.
    fn wait_until(&self, what: &str, condition: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if condition(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, keys: &str) {
        for k in keys.chars() {
            self.writer
                .write_all(k.to_string().as_bytes())
                .expect("type");
            self.writer.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "resreader did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn assert_terminal_restored(&self) {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still in the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
        let raw = self.raw.lock().expect("raw");
        let text = String::from_utf8_lossy(&raw);
        let off = text
            .find("\x1b[8l")
            .expect("terminal bidi switched off (CSI 8 l)");
        let on = text
            .rfind("\x1b[8h")
            .expect("terminal bidi switched back on (CSI 8 h)");
        assert!(on > off);
    }
}

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
fn sigterm_and_sighup_restore_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let mut s = Session::start(&[], 100, 24);
        s.wait_for("Library (9)");
        let pid = s.child.process_id().expect("pid");
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("kill");
        assert!(killed.success());
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
    s.wait_until("one paragraph found", |screen| screen.contains("1/165"));
    s.keys("\r");
    s.wait_until("the English paragraph that names Waterloo", |screen| {
        screen.contains("en English") && screen.lines().any(|l| l.contains("Waterloo"))
    });
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}
