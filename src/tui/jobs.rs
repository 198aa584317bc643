//! Work done off the UI thread, in one place: reading a large resolution,
//! building the full-text index, and the finder's search. The event loop
//! asks `busy` whether to poll, and `tick` takes finished work in.

use super::app::App;
use super::finder::Finder;
use super::finder::Marks;
use crate::library::{Lexicons, LibraryError, Resolution};
use crate::search::Hit;
use crate::search::Index;
use crate::search::query::Query;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// The full-text index, built on a thread of its own after the first frame.
pub enum FullText {
    NotStarted,
    Building(Receiver<Index>),
    Ready(Arc<Index>),
}

/// Results of a background search: generation, query, hits, and where
/// the first hits matched (see `Finder::marks`).
pub type SearchJob = Receiver<(u64, Query, Vec<Hit>, Marks)>;

/// What to do once an opened resolution is shown.
pub type AfterOpen = Box<dyn FnOnce(&mut App)>;

/// A resolution read in the background: with what the library teaches
/// of its languages and the translations left out (unreadable), or why
/// it could not be read.
pub type Read = Result<(Resolution, Lexicons, Vec<LibraryError>), String>;

/// A resolution being read in the background.
pub struct Opening {
    /// Its title, for the status line.
    pub title: String,
    pub(super) receive: Receiver<Read>,
    pub(super) columns: Vec<String>,
    pub(super) then: Option<AfterOpen>,
}

/// The indexes the finder searches and the work under way.
pub struct Jobs {
    /// The finder's title index (metadata only, built at start).
    pub titles: Arc<Index>,
    pub full_text: FullText,
    /// Where the full-text index is kept between sessions (none: built
    /// each time).
    pub cache_dir: Option<PathBuf>,
    /// The finder's search running in the background, and the generation
    /// of the latest one (older ones stop when it changes).
    pub search: Option<SearchJob>,
    pub generation: Arc<AtomicU64>,
    /// A large resolution being read in the background.
    pub opening: Option<Opening>,
    /// How far the full-text index build is, and what the screen last showed.
    pub index_progress: crate::search::progress::Progress,
    shown_progress: (usize, usize),
}

impl Jobs {
    pub fn new(titles: Index) -> Jobs {
        Jobs {
            titles: Arc::new(titles),
            full_text: FullText::NotStarted,
            cache_dir: None,
            search: None,
            generation: Arc::new(AtomicU64::new(0)),
            opening: None,
            index_progress: Default::default(),
            shown_progress: (0, 0),
        }
    }

    /// Whether something is under way that will need a redraw by itself.
    pub fn busy(&self) -> bool {
        matches!(self.full_text, FullText::Building(_))
            || self.search.is_some()
            || self.opening.is_some()
    }

    /// The index a query needs, if it is ready.
    pub fn index(&self, full_text: bool) -> Option<Arc<Index>> {
        if !full_text {
            return Some(self.titles.clone());
        }
        match &self.full_text {
            FullText::Ready(index) => Some(index.clone()),
            _ => None,
        }
    }
}

impl App {
    /// Start building the full-text index on its own thread.
    pub fn start_indexing(&mut self) {
        if !matches!(self.jobs.full_text, FullText::NotStarted) {
            return;
        }
        let library = self.library.clone();
        let cache = self.jobs.cache_dir.clone();
        let progress = self.jobs.index_progress.clone();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let index =
                crate::search::cache::full_text_counted(&library, cache.as_deref(), &progress);
            let _ = send.send(index);
        });
        self.jobs.full_text = FullText::Building(receive);
    }

    /// Whether something is under way that will need a redraw by itself.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// The index the finder's query needs, if it is ready.
    pub fn finder_index(&self, full_text: bool) -> Option<Arc<Index>> {
        self.jobs.index(full_text)
    }

    /// Take in work finished in the background; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        let opened = self.tick_opening();
        let indexed = self.tick_index();
        let searched = self.tick_search();
        opened || indexed || searched
    }

    fn tick_opening(&mut self) -> bool {
        let Some(opening) = &self.jobs.opening else {
            return false;
        };
        match opening.receive.try_recv() {
            Ok(read) => {
                if let Some(opening) = self.jobs.opening.take() {
                    match read {
                        Ok((resolution, lexicons, left_out)) => {
                            self.show(resolution, lexicons, opening.columns, opening.then);
                            self.tell_left_out(&left_out);
                        }
                        Err(e) => self.status = Some(e),
                    }
                }
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.jobs.opening = None;
                self.status = Some("the resolution could not be read".into());
                true
            }
        }
    }

    fn tick_index(&mut self) -> bool {
        let FullText::Building(receive) = &self.jobs.full_text else {
            return false;
        };
        match receive.try_recv() {
            Ok(index) => {
                self.jobs.full_text = FullText::Ready(Arc::new(index));
                self.with_popup(|finder: &mut Finder, app| {
                    finder.answered = None;
                    finder.run(app);
                });
                true
            }
            // Redrawn as the count moves, while the finder shows it.
            Err(TryRecvError::Empty) => {
                let now = self.jobs.index_progress.get();
                let moved = now != self.jobs.shown_progress;
                self.jobs.shown_progress = now;
                moved && self.popup::<Finder>().is_some()
            }
            Err(TryRecvError::Disconnected) => {
                self.jobs.full_text = FullText::Ready(Arc::new(Index::default()));
                let why = super::rescue::take_background_panic()
                    .map(|m| format!(" (internal error: {m})"))
                    .unwrap_or_default();
                self.status = Some(format!("the full-text index could not be built{why}"));
                true
            }
        }
    }

    fn tick_search(&mut self) -> bool {
        let Some(job) = &self.jobs.search else {
            return false;
        };
        match job.try_recv() {
            Ok((generation, query, hits, marks)) => {
                self.jobs.search = None;
                let current = self.jobs.generation.load(Ordering::SeqCst);
                match self.popup_mut::<Finder>() {
                    Some(f) if generation == current => {
                        f.hits = hits;
                        f.marks = marks;
                        f.selected = 0;
                        f.answered = Some(query);
                        f.searching = false;
                        true
                    }
                    _ => false,
                }
            }
            Err(TryRecvError::Empty) => false,
            // Cancelled by a newer keystroke, which started its own job,
            // or failed.
            Err(TryRecvError::Disconnected) => {
                self.jobs.search = None;
                let Some(m) = super::rescue::take_background_panic() else {
                    return false;
                };
                self.status = Some(format!("the search failed (internal error: {m})"));
                if let Some(f) = self.popup_mut::<Finder>() {
                    f.searching = false;
                }
                true
            }
        }
    }

    /// Wait until background work is done (tests, benchmarks, scripts).
    pub fn settle(&mut self) {
        while self.busy() {
            if !self.tick() {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    }

    /// Wait for the finder's search only (not for the full-text index).
    pub fn settle_search(&mut self) {
        while self.jobs.search.is_some() {
            if !self.tick() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
    }

    /// Build the full-text index now and wait for it.
    pub fn finish_indexing(&mut self) {
        self.start_indexing();
        self.settle();
    }
}
