//! A pseudo-terminal session with the real binary, its screen read
//! through the vt100 terminal emulator: shared by the end-to-end tests.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// The user library, the state file and the config live here.
    home: tempfile::TempDir,
}

/// A terminal for `cmd`, and everything resreader keeps (state, exports,
/// cache) in `home`, away from the real user's folders.
pub fn isolate(cmd: &mut CommandBuilder, home: &std::path::Path) {
    cmd.env("TERM", "xterm-256color");
    cmd.env("RESREADER_STATE", home.join("state.json"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env("RESREADER_CACHE", home.join("cache"));
    cmd.env_remove("RESREADER_LIBRARY");
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
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
    pub fn start_in(
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
        // The config a test wrote, if any; else the (missing) default one in
        // the isolated XDG_CONFIG_HOME: `--config` must name a file.
        let config = home.path().join("config.toml");
        if config.exists() {
            cmd.arg("--config");
            cmd.arg(config);
        }
        cmd.args(args);
        isolate(&mut cmd, home.path());
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

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Wait until the screen shows `text` (the program draws asynchronously).
    /// From the library list: open the ceasefire resolution (second in the
    /// list) and go to its fifth paragraph, in English.
    pub fn read_ceasefire_to_paragraph_five(&mut self) {
        self.wait_for("Library (9)");
        self.keys("j\r");
        self.wait_for("Secure the victory");
        self.keys("]]]]]");
        self.wait_for("¶ 5/21");
    }

    /// Wait until the reader shows the ceasefire's fifth English paragraph
    /// ("Donald Trump now wants…") at the top.
    pub fn wait_for_english_paragraph_five(&mut self) {
        self.wait_until("the English paragraph five", |screen| {
            screen.contains("en · ¶ 5/21") && screen.contains("Donald Trump now")
        });
    }

    /// Send the reader the signal named `name` (HUP, TERM, INT…) with kill(1).
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let killed = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("kill");
        assert!(killed.success(), "kill -{name} {pid}");
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}` on screen"), |screen| {
            screen.contains(text)
        })
    }

    /// Wait until `condition` holds for the screen; a frame may arrive in
    /// several reads, so one look is not enough.
    pub fn wait_until(&self, what: &str, condition: impl Fn(&str) -> bool) -> String {
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

    /// Bytes in one write, as a terminal sends a key's escape sequence.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("type");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Esc in a read of its own, as a person types it: wait until the
    /// reader has redrawn for it before anything else is sent. An Esc that
    /// reaches the reader in the same read as the next key is taken as the
    /// start of an escape sequence (Alt and that key), whatever the load.
    pub fn escape(&mut self) {
        let before = self.raw_output().len();
        self.send(b"\x1b");
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.raw_output().len() == before {
            assert!(
                Instant::now() < deadline,
                "nothing redrawn after Esc; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn keys(&mut self, keys: &str) {
        for k in keys.chars() {
            self.writer
                .write_all(k.to_string().as_bytes())
                .expect("type");
            self.writer.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
    pub fn into_home(self) -> tempfile::TempDir {
        self.home
    }

    pub fn raw_output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
    }

    /// Whether the program's screen is the alternate one (it is drawing).
    pub fn in_alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    }

    /// Whether the process is stopped (job control), from /proc.
    pub fn stopped(&self) -> bool {
        let pid = self.child.process_id().expect("pid");
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                // The state follows the command name, which is in parentheses.
                let after = stat.rsplit_once(')')?.1;
                after.split_whitespace().next().map(|s| s == "T")
            })
            .unwrap_or(false)
    }

    /// Wait until `condition` holds for the session (not only its screen).
    pub fn wait_for_state(&self, what: &str, condition: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !condition(self) {
            assert!(
                Instant::now() < deadline,
                "never saw {what}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn assert_terminal_restored(&self) {
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
        // Explicit mode before the alternate screen (VTE keeps the mode per
        // line: sent after, the alternate screen's lines stayed implicit).
        let alternate = text.find("\x1b[?1049h").expect("alternate screen");
        assert!(off < alternate, "CSI 8 l after CSI ?1049h");
    }
}
