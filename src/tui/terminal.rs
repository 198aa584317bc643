//! The terminal's set-up and restoring: raw mode, the alternate screen,
//! mouse capture and the terminal's own bidi, given back as they were on
//! quit, error, panic, signals and hang-ups.

use super::rescue;
use crate::term::{TerminalBidi, sequences};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal was set up (so restoring is needed), and whether
/// its own bidi was switched to explicit mode (so it must be switched back:
/// see [`crate::term::sequences`] for the bytes and their order).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static TERMINAL_BIDI: std::sync::Mutex<TerminalBidi> = std::sync::Mutex::new(TerminalBidi::Leave);

/// The terminal's bidi set-up, to undo; usable even after a panic.
fn lock_terminal_bidi() -> std::sync::MutexGuard<'static, TerminalBidi> {
    TERMINAL_BIDI
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Give the terminal back as it was. Safe to call more than once and from
/// any thread (signal handler thread, panic hook).
pub fn restore_terminal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    let _ = disable_raw_mode();
    let _ = execute!(out, DisableMouseCapture, cursor::Show);
    let bidi = std::mem::replace(&mut *lock_terminal_bidi(), TerminalBidi::Leave);
    let _ = out.write_all(sequences::leave_screen(bidi).as_bytes());
    let _ = out.flush();
}

pub(super) fn setup_terminal(
    bidi: TerminalBidi,
) -> std::io::Result<Terminal<CrosstermBackend<std::io::Stdout>>> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = std::io::stdout();
    *lock_terminal_bidi() = bidi;
    out.write_all(sequences::enter_screen(bidi).as_bytes())?;
    execute!(out, EnableMouseCapture, cursor::Hide)?;
    out.flush()?;
    Terminal::new(CrosstermBackend::new(out))
}

/// Restore the terminal before a panic message is printed.
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !rescue::on_ui_thread() {
            // Printing would scribble over the screen; the reader shows it.
            rescue::note_background_panic(info);
            return;
        }
        restore_terminal();
        rescue::save_snapshot();
        previous(info);
    }));
}

/// On SIGTERM, SIGHUP (the terminal closed), SIGINT and SIGQUIT: restore
/// the terminal and exit. A thread waits for them, so the event loop can
/// block on input and use no CPU while idle.
pub(super) fn install_signal_handlers() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            save_and_exit(128 + signal);
        }
    });
    Ok(())
}

/// When the terminal goes away without a SIGHUP reaching us (the session
/// leader took it), reads fail with EIO — and crossterm 0.29 retries them in
/// a busy loop inside `event::read` (crossterm-rs/crossterm#793, fix not yet
/// released). So a thread blocks in `poll(2)` on the terminal asking for no
/// events: only a hang-up or error wakes it, and then it saves and exits.
/// It never reads, so it takes no keys from the event loop.
pub(super) fn install_hangup_watch() {
    use std::io::IsTerminal;
    use std::os::fd::AsRawFd;
    let tty = if std::io::stdin().is_terminal() {
        None
    } else {
        match std::fs::File::open("/dev/tty") {
            Ok(file) => Some(file),
            Err(_) => return,
        }
    };
    std::thread::spawn(move || {
        let fd = tty.as_ref().map_or(0, |f| f.as_raw_fd());
        loop {
            let mut watch = libc::pollfd {
                fd,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd, on a descriptor this thread keeps open.
            let ready = unsafe { libc::poll(&mut watch, 1, -1) };
            if ready < 0
                && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
            {
                continue;
            }
            if ready != 0 {
                break;
            }
        }
        save_and_exit(1);
    });
}

/// Restore the terminal, save the place and exit with `code` — once. When a
/// terminal window closes, the SIGHUP and the hang-up of the terminal wake
/// two threads at the same moment; the second one to get here waits for
/// the first to finish writing the state file and end the process, where
/// it used to exit at once and cut that write short.
fn save_and_exit(code: i32) -> ! {
    static EXITING: std::sync::Once = std::sync::Once::new();
    EXITING.call_once(|| {
        restore_terminal();
        rescue::save_snapshot();
        std::process::exit(code);
    });
    // Only reached if the closure above returned, which it cannot.
    std::process::exit(code)
}
