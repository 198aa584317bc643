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
    /// The user library, the state file and the config live here.
    home: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_in(
            tempfile::tempdir().expect("temp dir"),
            args,
            cols,
            rows,
            &[],
        )
    }

    /// Start in an existing home (to test what a restart remembers), with
    /// extra environment variables.
    fn start_in(
        home: tempfile::TempDir,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
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
        cmd.arg(home.path().join("library"));
        cmd.arg("--config");
        cmd.arg(home.path().join("config.toml"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("RESREADER_STATE", home.path().join("state.json"));
        // Exports and anything else resreader keeps go to this test's folder.
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env_remove("RESREADER_LIBRARY");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
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
            home,
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

    /// The home folder back, once the program has exited.
    fn into_home(self) -> tempfile::TempDir {
        self.home
    }

    fn raw_output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
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
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
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

#[test]
fn the_reading_place_survives_a_restart() {
    let mut s = Session::start(&[], 160, 30);
    s.wait_for("Library (9)");
    s.keys("j\r");
    s.wait_for("Secure the victory");
    s.keys("]]]]]");
    s.wait_for("¶ 5/21");
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
    again.wait_until("the English paragraph", |screen| {
        screen.contains("en · ¶ 5/21") && screen.contains("Donald Trump now")
    });
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
    let screen = s.wait_for("Library (9)");
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
