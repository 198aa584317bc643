//! How far a full-text index build is, for a reader to show while it
//! runs: translations read of all to read, counted by the build's threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A build's progress, shared between the threads building and the one
/// showing it (clones count together).
#[derive(Debug, Clone, Default)]
pub struct Progress {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
}

impl Progress {
    /// The build will read `total` translations.
    pub fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more translation read.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// (done, total); (0, 0) before the build starts counting (a cached
    /// index is loaded without counting).
    pub fn get(&self) -> (usize, usize) {
        let total = self.total.load(Ordering::Relaxed);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Library, LibraryOptions};

    #[test]
    fn a_build_counts_every_translation_it_reads() {
        let library = Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        });
        let translations: usize = library
            .entries
            .iter()
            .map(|e| e.meta.translations.len())
            .sum();
        let progress = Progress::default();
        assert_eq!(progress.get(), (0, 0));
        let index = crate::search::Index::full_text_counted(&library, &progress);
        assert!(index.len() > translations);
        assert_eq!(progress.get(), (translations, translations));
    }
}
