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
use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError, TryLockError};
use std::time::{Duration, Instant};

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

/// The terminal has one owner at a time: everything written to it — a
/// frame, the set-up, the restoring, a suspend — goes out under this lock,
/// so a signal's restore can never land in the middle of a frame, and once
/// restored nothing more is drawn (frames check `ACTIVE` under the lock).
static WRITING: Mutex<()> = Mutex::new(());
/// The screen was left and entered again: the next frame redraws it all.
static REDRAW: AtomicBool = AtomicBool::new(false);
/// A SIGTSTP was handled and the terminal taken again: the SIGCONT that
/// continued the process has nothing left to do.
static RESUMED: AtomicBool = AtomicBool::new(false);
/// How long a signal or hang-up waits for a frame being written to finish.
const WAIT_FOR_FRAME: Duration = Duration::from_secs(1);

thread_local! {
    /// This thread holds `WRITING` (a panic while drawing must not wait
    /// for itself).
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// The right to write to the terminal, while it lives.
struct Writing(Option<MutexGuard<'static, ()>>);

impl Drop for Writing {
    fn drop(&mut self) {
        if self.0.is_some() {
            HOLDING.with(|h| h.set(false));
        }
    }
}

/// Take the terminal. A thread that holds it already goes on (it is
/// panicking in a frame); with a `patience`, give up waiting after it: a
/// signal must end the program even if a write hangs.
fn take_terminal(patience: Option<Duration>) -> Writing {
    if HOLDING.with(Cell::get) {
        return Writing(None);
    }
    let guard = match patience {
        None => Some(WRITING.lock().unwrap_or_else(PoisonError::into_inner)),
        Some(patience) => {
            let deadline = Instant::now() + patience;
            loop {
                match WRITING.try_lock() {
                    Ok(guard) => break Some(guard),
                    Err(TryLockError::Poisoned(p)) => break Some(p.into_inner()),
                    Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    Err(TryLockError::WouldBlock) => break None,
                }
            }
        }
    };
    if guard.is_some() {
        HOLDING.with(|h| h.set(true));
    }
    Writing(guard)
}

/// Give the terminal back as it was. Safe to call more than once and from
/// any thread (signal handler thread, panic hook).
pub fn restore_terminal() {
    let _writing = take_terminal(Some(WAIT_FOR_FRAME));
    restore_taken();
}

/// Restore, the terminal taken.
fn restore_taken() {
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

/// Raw mode, the alternate screen, mouse capture; the terminal taken.
fn enter_taken(bidi: TerminalBidi) -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = std::io::stdout();
    *lock_terminal_bidi() = bidi;
    out.write_all(sequences::enter_screen(bidi).as_bytes())?;
    execute!(out, EnableMouseCapture, cursor::Hide)?;
    out.flush()
}

pub(super) fn setup_terminal(
    bidi: TerminalBidi,
) -> std::io::Result<Terminal<CrosstermBackend<std::io::Stdout>>> {
    let _writing = take_terminal(None);
    if EXITING.is_completed() || EXITING_NOW.load(Ordering::SeqCst) {
        return Err(std::io::Error::other("resreader is stopping"));
    }
    enter_taken(bidi)?;
    Terminal::new(CrosstermBackend::new(std::io::stdout()))
}

/// Draw a frame and write `extra` after it (clipboard sequences), unless the
/// terminal has been given back; after a suspend, the whole screen.
pub(super) fn draw_frame(
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    render: impl FnOnce(&mut ratatui::Frame),
    extra: &mut Vec<String>,
) -> std::io::Result<()> {
    let _writing = take_terminal(None);
    if !ACTIVE.load(Ordering::SeqCst) {
        extra.clear();
        return Ok(());
    }
    if REDRAW.swap(false, Ordering::SeqCst) {
        // A new Terminal has no previous frame to diff against, so the
        // screen (cleared when entered) is written whole. (Terminal::clear
        // would ask the terminal where its cursor is, and wait.)
        *terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    }
    terminal.draw(render)?;
    if !extra.is_empty() {
        let mut out = std::io::stdout();
        for sequence in extra.drain(..) {
            out.write_all(sequence.as_bytes())?;
        }
        out.flush()?;
    }
    Ok(())
}

/// Ctrl-Z: stop as a shell's job control expects, by the same path as a
/// SIGTSTP from outside (the signal thread gives the terminal back first).
pub fn suspend() {
    // SAFETY: kill(2) on our own process id; no memory is involved.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGTSTP);
    }
}

/// SIGTSTP: give the terminal back, stop, and on SIGCONT take it again.
fn stop_and_resume() {
    let writing = take_terminal(Some(WAIT_FOR_FRAME));
    let bidi = *lock_terminal_bidi();
    let active = ACTIVE.load(Ordering::SeqCst);
    restore_taken();
    // Stops the whole process here until SIGCONT.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    if active {
        let _ = enter_taken(bidi);
        request_redraw();
    }
    RESUMED.store(true, Ordering::SeqCst);
    drop(writing);
}

/// SIGCONT after a stop we did not see coming (SIGSTOP): the shell may have
/// put the terminal back in cooked mode and written on the screen.
fn resume_after_stop() {
    if RESUMED.swap(false, Ordering::SeqCst) {
        return;
    }
    let _writing = take_terminal(Some(WAIT_FOR_FRAME));
    if !ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    // crossterm only sets raw mode if it thinks it is off.
    let _ = disable_raw_mode();
    let _ = enable_raw_mode();
    let bidi = *lock_terminal_bidi();
    let _ = std::io::stdout().write_all(sequences::enter_screen(bidi).as_bytes());
    let _ = std::io::stdout().flush();
    request_redraw();
}

/// Have the event loop redraw the whole screen: it is woken by a SIGWINCH,
/// which crossterm turns into a resize event.
fn request_redraw() {
    REDRAW.store(true, Ordering::SeqCst);
    // SAFETY: kill(2) on our own process id; no memory is involved.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGWINCH);
    }
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
/// the terminal and exit; on SIGTSTP restore it and stop, on SIGCONT take it
/// again. A thread waits for them, so the event loop can block on input and
/// use no CPU while idle.
pub(super) fn install_signal_handlers() -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => stop_and_resume(),
                SIGCONT => resume_after_stop(),
                _ => save_and_exit(128 + signal),
            }
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

/// Set once the program is ending on a signal or hang-up.
static EXITING: Once = Once::new();
static EXITING_NOW: AtomicBool = AtomicBool::new(false);

/// Restore the terminal, save the place and exit with `code` — once, the
/// terminal held to the end so no frame follows the restore. When a
/// terminal window closes, the SIGHUP and the hang-up of the terminal wake
/// two threads at the same moment; the second one to get here waits for
/// the first to finish writing the state file and end the process, where
/// it used to exit at once and cut that write short.
fn save_and_exit(code: i32) -> ! {
    EXITING.call_once(|| {
        EXITING_NOW.store(true, Ordering::SeqCst);
        let _writing = take_terminal(Some(WAIT_FOR_FRAME));
        restore_taken();
        rescue::save_snapshot();
        std::process::exit(code);
    });
    // Only reached if the closure above returned, which it cannot.
    std::process::exit(code)
}
