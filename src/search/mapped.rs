//! A read-only file mapping that a file cut short underneath cannot crash.
//!
//! Reading a mapped page past the end of a file that was truncated after it
//! was mapped raises SIGBUS, which kills the process (and, in the reader,
//! would leave the terminal in raw mode). Reading the cache file into memory
//! instead costs its whole size in private memory and about 0.5 s for the
//! 300 MB cache of a 10,000-translation library at every start, against
//! 0.1 ms to map it (BENCHMARKS.md, "Cache file"), so the file stays mapped
//! and a SIGBUS handler guards it: a fault inside a guarded mapping gets a
//! page of zeros mapped over the page that is gone, the read goes on, and
//! [`damaged`] tells that the index no longer matches the file. Zeros are
//! harmless to the index: every length was checked when it was loaded and
//! text is checked as UTF-8 when read. Faults anywhere else go to the
//! handler that was there before (Rust's stack overflow report, or the
//! default action).
//!
//! Hand-written because no maintained crate does this: the handler only
//! reads atomics and calls `mmap(2)`, a system call that is safe to make in
//! a signal handler on Linux (it takes no user-space lock).

use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How many mappings can be guarded at once (the reader holds one or two).
const SLOTS: usize = 32;

static STARTS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static LENS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static DAMAGED: AtomicBool = AtomicBool::new(false);
static PAGE: AtomicUsize = AtomicUsize::new(4096);
static INSTALL: Once = Once::new();
/// The handler that was installed before ours, to pass other faults to.
static mut PREVIOUS: Option<libc::sigaction> = None;

/// Whether a guarded mapping lost pages (its file was cut short) since the
/// process started: the index built on it should be rebuilt.
pub fn damaged() -> bool {
    DAMAGED.load(Ordering::Relaxed)
}

/// A read-only mapping of a whole file, guarded while it lives.
#[derive(Debug)]
pub struct GuardedMap {
    map: memmap2::Mmap,
    slot: Option<usize>,
}

impl GuardedMap {
    /// Map `file` read-only. With no free slot the mapping is refused
    /// (the caller builds the index instead), never left unguarded.
    pub fn map(file: &std::fs::File) -> std::io::Result<GuardedMap> {
        install();
        // SAFETY: the mapping is read-only; a file changed underneath
        // changes what is read (checked where used), and a file cut short
        // is caught by the handler below.
        let map = unsafe { memmap2::Mmap::map(file) }?;
        if map.is_empty() {
            return Ok(GuardedMap { map, slot: None });
        }
        let start = map.as_ptr() as usize;
        for slot in 0..SLOTS {
            if STARTS[slot]
                .compare_exchange(0, start, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                LENS[slot].store(map.len(), Ordering::SeqCst);
                return Ok(GuardedMap {
                    map,
                    slot: Some(slot),
                });
            }
        }
        Err(std::io::Error::other("too many mapped cache files"))
    }
}

impl std::ops::Deref for GuardedMap {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.map
    }
}

impl Drop for GuardedMap {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            LENS[slot].store(0, Ordering::SeqCst);
            STARTS[slot].store(0, Ordering::SeqCst);
        }
    }
}

fn install() {
    INSTALL.call_once(|| {
        // SAFETY: sysconf and sigaction with a zeroed struct filled in as
        // sigaction(2) documents; PREVIOUS is written once, here, before
        // the handler that reads it can run.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE.store(page as usize, Ordering::Relaxed);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGBUS, &action, &mut previous) == 0 {
                PREVIOUS = Some(previous);
            }
        }
    });
}

extern "C" fn on_sigbus(
    signal: libc::c_int,
    info: *mut libc::siginfo_t,
    context: *mut libc::c_void,
) {
    // SAFETY: the kernel passes a valid siginfo_t for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    let ours = (0..SLOTS).any(|slot| {
        let start = STARTS[slot].load(Ordering::SeqCst);
        let len = LENS[slot].load(Ordering::SeqCst);
        start != 0 && addr >= start && addr < start + len
    });
    if ours {
        let page = PAGE.load(Ordering::Relaxed);
        let at = addr & !(page - 1);
        // SAFETY: the page lies inside a mapping this module owns; a
        // private anonymous page replaces it, so the read sees zeros.
        let mapped = unsafe {
            libc::mmap(
                at as *mut libc::c_void,
                page,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if mapped != libc::MAP_FAILED {
            DAMAGED.store(true, Ordering::Relaxed);
            return;
        }
    }
    // Not ours (or the page could not be replaced): what was there before.
    // SAFETY: PREVIOUS was set before this handler was installed; calling
    // the previous handler with the same arguments is what it expects.
    unsafe {
        match *std::ptr::addr_of!(PREVIOUS) {
            Some(previous)
                if previous.sa_sigaction != libc::SIG_DFL
                    && previous.sa_sigaction != libc::SIG_IGN =>
            {
                if previous.sa_flags & libc::SA_SIGINFO != 0 {
                    let handler: extern "C" fn(
                        libc::c_int,
                        *mut libc::siginfo_t,
                        *mut libc::c_void,
                    ) = std::mem::transmute(previous.sa_sigaction);
                    handler(signal, info, context);
                } else {
                    let handler: extern "C" fn(libc::c_int) =
                        std::mem::transmute(previous.sa_sigaction);
                    handler(signal);
                }
            }
            _ => {
                // The default action: returning re-runs the faulting read,
                // which now kills the process as SIGBUS would have.
                let mut default: libc::sigaction = std::mem::zeroed();
                default.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(libc::SIGBUS, &default, std::ptr::null_mut());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cut_short_reads_as_zeros_instead_of_killing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let page = PAGE.load(Ordering::Relaxed).max(4096);
        std::fs::write(&path, vec![7u8; page * 4]).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let map = GuardedMap::map(&file).unwrap();
        assert_eq!(map[page * 3], 7);
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(page as u64)
            .unwrap();
        // Past the new end: without the guard, SIGBUS kills the test binary.
        let sum: u64 = map.iter().map(|&b| b as u64).sum();
        assert_eq!(sum, 7 * page as u64);
        assert!(damaged());
    }
}
