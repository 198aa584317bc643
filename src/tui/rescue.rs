//! What the reader saves when it cannot end normally: on a signal or a
//! panic the place last reached is written to the state file, and a panic on
//! a background thread becomes a message instead of ending the reader.
//!
//! The event loop publishes a copy of the state after every event; the
//! signal thread and the panic hook save that copy, since they cannot reach
//! the `App` the UI thread owns.

use crate::state::{Bookmark, State};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;

struct Snapshot {
    path: PathBuf,
    state: State,
    removed: Vec<Bookmark>,
}

static SNAPSHOT: Mutex<Option<Snapshot>> = Mutex::new(None);
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();
static BACKGROUND_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Mark the calling thread as the one that owns the terminal.
pub fn set_ui_thread() {
    let _ = UI_THREAD.set(std::thread::current().id());
}

/// Whether the calling thread owns the terminal (true before any is set).
pub fn on_ui_thread() -> bool {
    UI_THREAD
        .get()
        .is_none_or(|id| *id == std::thread::current().id())
}

/// Keep a copy of the state to save if the reader is stopped.
pub fn publish(path: Option<&PathBuf>, state: &State, removed: &[Bookmark]) {
    let Some(path) = path else { return };
    if let Ok(mut slot) = SNAPSHOT.lock() {
        *slot = Some(Snapshot {
            path: path.clone(),
            state: state.clone(),
            removed: removed.to_vec(),
        });
    }
}

/// Save the last published state, once. Waits a moment for the event loop
/// to finish publishing (a signal may come just then), but not for ever: a
/// panic may happen on the thread that holds the lock.
pub fn save_snapshot() {
    use std::sync::TryLockError;
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
    let mut slot = loop {
        match SNAPSHOT.try_lock() {
            Ok(slot) => break slot,
            Err(TryLockError::Poisoned(poisoned)) => break poisoned.into_inner(),
            Err(TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(TryLockError::WouldBlock) => return,
        }
    };
    if let Some(mut snapshot) = slot.take() {
        let _ = crate::state::save(&snapshot.path, &mut snapshot.state, &snapshot.removed);
    }
}

/// Note the message of a panic on a background thread.
pub fn note_background_panic(info: &std::panic::PanicHookInfo) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into());
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    if let Ok(mut slot) = BACKGROUND_PANIC.lock() {
        *slot = Some(format!("{message}{place}"));
    }
}

/// The message of a background panic not yet shown, if any.
pub fn take_background_panic() -> Option<String> {
    BACKGROUND_PANIC
        .lock()
        .ok()
        .and_then(|mut slot| slot.take())
}
