//! A one-line progress report on standard error for work that may take a
//! while (a long import): shown only when standard error is a terminal, only
//! once the work has taken a moment, and erased when it ends, so short runs
//! and redirected output never see it.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long work runs before its progress is shown.
const SHOW_AFTER: Duration = Duration::from_millis(400);

#[derive(Default)]
struct Line {
    phase: String,
    shown: bool,
    done: bool,
}

impl Line {
    /// Rewrite the line in place: carriage return, erase, the phase.
    fn show(&mut self) {
        if self.done || self.phase.is_empty() {
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{}", self.phase);
        let _ = err.flush();
        self.shown = true;
    }
}

pub struct Progress {
    line: Arc<Mutex<Line>>,
    start: Instant,
    delay: Duration,
    /// Shows the line once the delay is over; `set` shows it after that.
    timer: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Start reporting (nothing at all when standard error is not a
    /// terminal). `RESREADER_PROGRESS_AFTER_MS` changes the delay (tests).
    pub fn start() -> Progress {
        let line = Arc::new(Mutex::new(Line::default()));
        let start = Instant::now();
        let delay = std::env::var("RESREADER_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(SHOW_AFTER, Duration::from_millis);
        let timer = std::io::stderr().is_terminal().then(|| {
            let line = line.clone();
            std::thread::spawn(move || {
                // Woken early by `drop`, so short work never waits for it.
                while start.elapsed() < delay {
                    std::thread::park_timeout(delay.saturating_sub(start.elapsed()));
                    if line.lock().map(|l| l.done).unwrap_or(true) {
                        return;
                    }
                }
                if let Ok(mut l) = line.lock() {
                    l.show();
                }
            })
        });
        Progress {
            line,
            start,
            delay,
            timer,
        }
    }

    /// Say what is being done now.
    pub fn set(&self, phase: impl Into<String>) {
        if let Ok(mut l) = self.line.lock() {
            l.phase = phase.into();
            if self.timer.is_some() && self.start.elapsed() >= self.delay {
                l.show();
            }
        }
    }
}

impl Drop for Progress {
    /// Stop, and erase the line if it was shown.
    fn drop(&mut self) {
        if let Ok(mut l) = self.line.lock() {
            l.done = true;
            if l.shown {
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            }
        }
        if let Some(timer) = self.timer.take() {
            timer.thread().unpark();
            let _ = timer.join();
        }
    }
}
