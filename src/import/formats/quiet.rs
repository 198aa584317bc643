//! Running a third-party reader that may panic on a broken file, without
//! its panic message reaching the terminal: the caller reports one line
//! naming the file instead.
//!
//! The process has one panic hook. While any thread is inside [`run`], a
//! hook is in place that says nothing for panics on such a thread and
//! hands every other panic to the hook that was there before (the TUI's,
//! the default one); the last thread to leave puts that hook back. The
//! swap is counted under a lock, so threads reading files at the same time
//! neither lose the previous hook nor silence each other's real panics.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Arc, Mutex};

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

struct Installed {
    /// Threads inside `run`.
    active: usize,
    /// The hook to hand other panics to and to put back.
    previous: Option<Arc<Hook>>,
}

static STATE: Mutex<Installed> = Mutex::new(Installed {
    active: 0,
    previous: None,
});

thread_local! {
    static SILENT: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`; a panic in it comes back as `Err` with nothing printed.
pub fn run<R>(f: impl FnOnce() -> R) -> Result<R, ()> {
    // Nested on this thread: the outer call has the hook in place.
    if SILENT.get() {
        return panic::catch_unwind(AssertUnwindSafe(f)).map_err(drop);
    }
    enter();
    SILENT.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    SILENT.set(false);
    leave();
    result.map_err(drop)
}

fn lock() -> std::sync::MutexGuard<'static, Installed> {
    // The state is two plain fields, consistent after any panic.
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

fn enter() {
    let mut state = lock();
    if state.active == 0 {
        let previous: Arc<Hook> = Arc::new(panic::take_hook());
        let forward = Arc::clone(&previous);
        panic::set_hook(Box::new(move |info| {
            if !SILENT.get() {
                forward(info);
            }
        }));
        state.previous = Some(previous);
    }
    state.active += 1;
}

fn leave() {
    let mut state = lock();
    state.active -= 1;
    if state.active == 0
        && let Some(previous) = state.previous.take()
    {
        // Dropping our hook drops its handle on the previous one.
        drop(panic::take_hook());
        match Arc::try_unwrap(previous) {
            Ok(hook) => panic::set_hook(hook),
            // A panic on another thread is running the hook right now.
            Err(shared) => panic::set_hook(Box::new(move |info| shared(info))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages the test's own hook saw (other tests may panic meanwhile).
    static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

    fn seen(message: &str) -> bool {
        SEEN.lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(|m| m == message)
    }

    /// Swap the process's hook while no other test is inside `run`.
    fn swap_hook(hook: Hook) -> Hook {
        loop {
            let state = lock();
            if state.active == 0 {
                let old = panic::take_hook();
                panic::set_hook(hook);
                return old;
            }
            drop(state);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn panics_inside_are_silent_and_others_reach_the_previous_hook() {
        let before = swap_hook(Box::new(|info| {
            if let Some(m) = info.payload().downcast_ref::<&str>() {
                SEEN.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(m.to_string());
            }
        }));
        assert_eq!(run(|| 7), Ok(7));
        assert_eq!(run(|| -> u8 { panic!("broken file") }), Err(()));
        assert!(!seen("broken file"), "a silenced panic was reported");
        // A panic on another thread while one is inside `run` is reported.
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let (back_tx, back_rx) = std::sync::mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            run(|| {
                let _ = back_tx.send(());
                let _ = rx.recv();
                panic!("inside")
            })
        });
        let _ = back_rx.recv();
        assert!(std::thread::spawn(|| panic!("a real bug")).join().is_err());
        assert!(seen("a real bug"), "the other thread's panic was lost");
        let _ = tx.send(());
        assert_eq!(holder.join().ok(), Some(Err(())));
        assert!(!seen("inside"));
        // Once every `run` is over, the previous hook is back in place.
        assert!(std::thread::spawn(|| panic!("after")).join().is_err());
        assert!(seen("after"));
        drop(swap_hook(before));
    }
}
