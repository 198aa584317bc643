//! Soak: random keys and resizes against the real binary in a pty. No
//! panic, no hang (it still answers and quits cleanly at the end), the
//! terminal given back. A short run is part of `cargo test`; the long runs
//! (10,000 events, on the bundled library and on a 10,000-translation one,
//! with memory reported) are `scripts/soak`.

mod common;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Keys a user might press, named as a terminal sends them.
const KEYS: &[&[u8]] = &[
    b"j",
    b"k",
    b"g",
    b"G",
    b"\x04",
    b"\x15",
    b" ",
    b"\x1b[5~",
    b"\x1b[6~",
    b"\x1b[A",
    b"\x1b[B",
    b"\x1b[C",
    b"\x1b[D",
    b"\t",
    b"\x1b[Z",
    b"\r",
    b"[",
    b"]",
    b"t",
    b"T",
    b"s",
    b"+",
    b"-",
    b"x",
    b"/",
    b"n",
    b"N",
    b"?",
    b"\x1b",
    b"f",
    b"\x10",
    b"\x14",
    b"\x0e",
    b"b",
    b"B",
    b"d",
    b"\x0f",
    b"\x06",
    b"e",
    b"y",
    b"h",
    b"a",
    b"z",
    b"\x7f",
    b"1",
    "Г".as_bytes(),
    "غ".as_bytes(),
];

/// A small deterministic generator (xorshift), so a failing run can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Run `events` random events; returns (start RSS, end RSS) in KiB.
pub fn soak(events: usize, seed: u64, library: Option<&std::path::Path>) -> (u64, u64) {
    let home = tempfile::tempdir().expect("temp dir");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 140,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("resreader"));
    match library {
        Some(dir) => {
            cmd.args(["--no-bundled", "--library"]);
            cmd.arg(dir);
        }
        None => {
            cmd.arg("--library");
            cmd.arg(home.path().join("library"));
        }
    }
    common::session::isolate(&mut cmd, home.path());
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let pid = child.process_id().expect("pid");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(40).expect("rows"),
        NonZeroU16::new(140).expect("cols"),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let sink = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("parser").process(&buf[..n]);
        }
    });
    let mut writer = pty.master.take_writer().expect("writer");
    let wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !parser
            .lock()
            .expect("parser")
            .screen()
            .contents()
            .contains(text)
        {
            assert!(Instant::now() < deadline, "`{text}` never appeared");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for("Library (");
    let start = rss_kib(pid).unwrap_or(0);
    let mut rng = Rng(seed | 1);
    for i in 0..events {
        if rng.next().is_multiple_of(50) {
            // Resize, sometimes to tiny sizes.
            let (cols, rows) = match rng.next() % 4 {
                0 => (1 + (rng.next() % 10) as u16, 1 + (rng.next() % 5) as u16),
                _ => (20 + (rng.next() % 200) as u16, 5 + (rng.next() % 60) as u16),
            };
            pty.master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .expect("resize");
            parser.lock().expect("parser").screen_mut().set_size(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("cols"),
            );
        } else {
            let key = KEYS[(rng.next() % KEYS.len() as u64) as usize];
            // Quit keys are not sent: the run must end on our terms.
            writer.write_all(key).expect("type");
            if key.starts_with(b"\x1b") {
                // A terminal sends Esc and escape sequences in a read of their
                // own; run together with the next key they would read as one
                // unknown sequence (ESC [ …), which no real terminal sends.
                writer.flush().expect("flush");
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        if i % 64 == 0 {
            writer.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(5));
            assert!(
                child.try_wait().expect("wait").is_none(),
                "resreader exited after {i} events (seed {seed})"
            );
        }
    }
    writer.flush().expect("flush");
    // Still alive and answering: back to a known size, close popups, quit.
    pty.master
        .resize(PtySize {
            rows: 40,
            cols: 140,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize");
    std::thread::sleep(Duration::from_millis(300));
    let end = rss_kib(pid).unwrap_or(0);
    for _ in 0..4 {
        writer.write_all(b"\x1b").expect("esc");
        writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(100));
    }
    writer.write_all(b"\x03").expect("C-c quits everywhere");
    writer.flush().expect("flush");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            if !status.success() {
                // A panic's message is printed on the main screen after the
                // terminal is given back: show it.
                std::thread::sleep(Duration::from_millis(200));
                let screen = parser.lock().expect("parser").screen().contents();
                panic!("resreader ended badly: {status:?} (seed {seed}); the screen:\n{screen}");
            }
            break;
        }
        if Instant::now() >= deadline {
            let mut stat = String::new();
            if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
                for t in tasks.flatten() {
                    let p = t.path();
                    let s = std::fs::read_to_string(p.join("stat")).unwrap_or_default();
                    let w = std::fs::read_to_string(p.join("wchan")).unwrap_or_default();
                    stat.push_str(&format!(
                        "\n  thread {}: {} wchan={w}",
                        t.file_name().to_string_lossy(),
                        s.split(' ').nth(2).unwrap_or("?")
                    ));
                }
            }
            let screen = parser.lock().expect("parser").screen().contents();
            panic!("resreader hung (seed {seed}); /proc stat: {stat}\nscreen:\n{screen}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    let screen = parser.lock().expect("parser");
    assert!(!screen.screen().alternate_screen(), "terminal not restored");
    (start, end)
}

#[test]
fn a_short_soak_on_the_bundled_library() {
    let (start, end) = soak(1500, 0x5eed, None);
    println!("soak: 1,500 events, RSS {start} KiB → {end} KiB");
}

/// The long run: `scripts/soak` (10,000 events; SOAK_EVENTS, SOAK_SEED and
/// SOAK_LIBRARY=DIR change it).
#[test]
#[ignore]
fn long_soak() {
    let events = std::env::var("SOAK_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let seed = std::env::var("SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let library = std::env::var_os("SOAK_LIBRARY").map(std::path::PathBuf::from);
    let (start, end) = soak(events, seed, library.as_deref());
    println!("soak: {events} events, seed {seed}, RSS {start} KiB → {end} KiB");
}
