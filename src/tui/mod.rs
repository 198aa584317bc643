//! The interactive reader. `app` holds the state and what actions do,
//! `reader` the reading pane's model, `keymap` the keys as data, `draw` the
//! drawing; this module owns the terminal: set-up, the event loop, and giving
//! the terminal back as it was on quit, error, panic and signals.

pub mod app;
pub mod draw;
pub mod keymap;
pub mod reader;
pub mod rescue;
pub mod theme;

use crate::library::Library;
use crate::render::RenderOptions;
use crate::term::{TerminalBidi, sequences};
use app::App;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where the reader starts.
#[derive(Debug, Clone, Default)]
pub struct Start {
    pub id: Option<String>,
    pub columns: Option<Vec<String>>,
}

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

fn setup_terminal(
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
fn install_panic_hook() {
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
fn install_signal_handlers() -> std::io::Result<()> {
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
fn install_hangup_watch() {
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

/// Run the reader until the user quits.
///
/// `warnings` (from the config file) are shown in the status line.
pub fn run(
    library: Library,
    config: &crate::config::Config,
    render: RenderOptions,
    terminal_bidi: TerminalBidi,
    warnings: &[String],
    start: Start,
) -> anyhow::Result<()> {
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut messages: Vec<String> = warnings.to_vec();
    messages.extend(library.problems.iter().cloned());
    let mut app = App::new(library, config.languages.clone(), render, size);
    app.keymap = config.keymap();
    app.theme = theme::Theme::from_config(config, theme::no_color());
    app.max_width = config.max_width;
    app.clipboard = config.clipboard;
    app.state_path = crate::state::default_path();
    app.cache_dir = crate::search::cache::cache_dir();
    if let Some(path) = &app.state_path {
        let (state, problem) = crate::state::load(path);
        app.state = state;
        messages.extend(problem);
    }
    match &start.id {
        Some(id) => app
            .open(id, start.columns.clone())
            .map_err(anyhow::Error::msg)?,
        None => app.resume(),
    }
    if let Some(first) = messages.first() {
        let more = if messages.len() > 1 {
            format!(" (+{} more: resreader config)", messages.len() - 1)
        } else {
            String::new()
        };
        app.status = Some(format!("{first}{more}"));
    }
    app.fault = rescue::Fault::from_env();
    rescue::set_ui_thread();
    app.publish();
    install_panic_hook();
    install_signal_handlers()?;
    install_hangup_watch();
    let result = (|| -> anyhow::Result<()> {
        let mut terminal = setup_terminal(terminal_bidi)?;
        terminal.draw(|frame| draw::draw(frame, &app))?;
        // The full-text index is built after the first frame, off this thread.
        app.start_indexing();
        loop {
            // While background work runs, look for its result between keys;
            // otherwise block until something happens: no idle CPU.
            // Results of a search are looked for often; the index rarely.
            let wait = if app.search_job.is_some() { 5 } else { 50 };
            if app.busy() && !event::poll(std::time::Duration::from_millis(wait))? {
                if app.tick() {
                    terminal.draw(|frame| draw::draw(frame, &app))?;
                }
                continue;
            }
            let event = event::read()?;
            app.handle_event(event);
            app.publish();
            if app.quit {
                return Ok(());
            }
            app.tick();
            terminal.draw(|frame| draw::draw(frame, &app))?;
            // Clipboard writes (OSC 52) go out between frames.
            if !app.pending_output.is_empty() {
                let mut out = std::io::stdout();
                for sequence in app.pending_output.drain(..) {
                    out.write_all(sequence.as_bytes())?;
                }
                out.flush()?;
            }
        }
    })();
    restore_terminal();
    if let Err(problem) = app.save_state() {
        eprintln!("resreader: {problem}");
    }
    result
}
