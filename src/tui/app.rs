//! The reader's state and what every action does to it. No drawing here:
//! `draw` reads this state, `mod` feeds it events.

use super::keymap::{Action, Context, Key, Keymap};
use super::reader::Reader;
use crate::library::{Library, Resolution, Translation};
use crate::render::RenderOptions;
use crate::search::query::Query;
use crate::search::{Hit, Index};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Smallest terminal the reader draws in; below it, a message says so.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Terminals at least this wide show the list and the reading pane together.
pub const TWO_PANES_FROM: u16 = 100;
/// Each list entry takes two lines.
pub const LIST_ITEM_HEIGHT: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// Layers drawn over the main view; keys go to the top one first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// Pick a language: for the single view, or for the last column.
    Chooser {
        langs: Vec<String>,
        selected: usize,
    },
    /// Typing a search; `previous` is restored on Esc.
    Search {
        query: String,
        previous: String,
    },
    /// The finder over the whole library.
    Finder(Box<Finder>),
    /// Typing the note of a new bookmark.
    Note {
        text: String,
    },
    /// The bookmarks, to jump to or delete.
    Bookmarks {
        selected: usize,
    },
    /// Pick the export format.
    Export {
        selected: usize,
    },
}

/// The finder's state: what was typed and what it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    pub input: String,
    /// Full-text mode by key (a leading `/` in the input also selects it).
    pub full_text_key: bool,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// The query the hits answer, to narrow from on the next keystroke.
    pub answered: Option<Query>,
    /// A search for the latest input is still running.
    pub searching: bool,
}

impl Finder {
    pub fn query(&self) -> Query {
        let mut q = Query::parse(&self.input);
        q.full_text |= self.full_text_key;
        q
    }
}

/// Formats the reader exports to, in the order the popup lists them.
pub const EXPORT_FORMATS: [&str; 3] = ["md", "tmx", "json"];

/// The full-text index, built on a thread of its own after the first frame.
pub enum FullText {
    NotStarted,
    Building(std::sync::mpsc::Receiver<Index>),
    Ready(Arc<Index>),
}

/// Where the panes are on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The metadata box under the list.
    pub details: Option<Rect>,
}

impl Panes {
    /// The reading pane's text area: inside the border, above the status line.
    pub fn reader_text(&self) -> Option<Rect> {
        self.reader.map(|r| Rect {
            x: r.x + 1,
            y: r.y + 1,
            width: r.width.saturating_sub(2),
            height: r.height.saturating_sub(3),
        })
    }

    /// The list's item area, inside its border.
    pub fn list_items(&self) -> Option<Rect> {
        self.list.map(|r| Rect {
            x: r.x + 1,
            y: r.y + 1,
            width: r.width.saturating_sub(2),
            height: r.height.saturating_sub(2),
        })
    }
}

/// Facts about the selected resolution that need its text (read lazily).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub index: usize,
    pub signatories: Option<usize>,
    pub error: Option<String>,
}

pub struct App {
    pub library: Library,
    pub preferred: Vec<String>,
    pub keymap: Keymap,
    pub render: RenderOptions,
    pub selected: usize,
    pub list_top: usize,
    pub focus: Focus,
    pub reader: Option<Reader>,
    pub overlays: Vec<Overlay>,
    pub status: Option<String>,
    pub size: (u16, u16),
    pub details: Option<Details>,
    pub quit: bool,
    /// The finder's title index (metadata only, built at start).
    pub titles: Arc<Index>,
    pub full_text: FullText,
    /// The finder's search running in the background, and the generation
    /// of the latest one (older ones stop when it changes).
    pub search_job: Option<SearchJob>,
    pub search_generation: Arc<AtomicU64>,
    pub theme: super::theme::Theme,
    /// The widest a column of text gets.
    pub max_width: usize,
    /// What is remembered between sessions, and where.
    pub state: crate::state::State,
    pub state_path: Option<std::path::PathBuf>,
    /// Bookmarks deleted in this session (so a save does not bring them back).
    pub removed_bookmarks: Vec<crate::state::Bookmark>,
    /// Places jumped from, for jump back/forward; `jump_at` is the place
    /// shown when walking the list (its length when not walking).
    pub jumps: Vec<crate::state::Last>,
    pub jump_at: usize,
    /// Copying to the clipboard (OSC 52) is allowed by the config.
    pub clipboard: bool,
    /// Escape sequences to write to the terminal after the next frame.
    pub pending_output: Vec<String>,
    /// Where exports are written.
    pub export_dir: Option<std::path::PathBuf>,
    /// A large resolution being read in the background.
    pub opening: Option<Opening>,
    /// Where the full-text index is kept between sessions (none: built
    /// each time).
    pub cache_dir: Option<std::path::PathBuf>,
    /// An injected fault (end-to-end tests), and whether F12 armed it.
    pub fault: Option<super::rescue::Fault>,
    pub fault_armed: bool,
}

/// Translations up to this size are read on the UI thread when opened
/// (a few ms at most); larger ones on a thread of their own.
pub const READ_AT_ONCE_BYTES: u64 = 1024 * 1024;

/// What to do once an opened resolution is shown.
pub type AfterOpen = Box<dyn FnOnce(&mut App)>;

/// A resolution being read in the background.
pub struct Opening {
    /// Its title, for the status line.
    pub title: String,
    receive: std::sync::mpsc::Receiver<Result<Resolution, String>>,
    columns: Vec<String>,
    then: Option<AfterOpen>,
}

/// After opening: go to this paragraph of the first column.
fn go_to_block(block: Option<usize>) -> AfterOpen {
    Box::new(move |app: &mut App| {
        if let (Some(reader), Some(block)) = (app.reader.as_mut(), block) {
            reader.go_to_block(0, block);
        }
    })
}

/// Results of a background search: generation, query, hits.
pub type SearchJob = std::sync::mpsc::Receiver<(u64, Query, Vec<Hit>)>;

impl App {
    pub fn new(
        library: Library,
        preferred: Vec<String>,
        render: RenderOptions,
        size: (u16, u16),
    ) -> App {
        let mut app = App {
            library,
            preferred,
            keymap: Keymap::default(),
            render,
            selected: 0,
            list_top: 0,
            focus: Focus::List,
            reader: None,
            overlays: Vec::new(),
            status: None,
            size,
            details: None,
            quit: false,
            titles: Arc::new(Index::default()),
            full_text: FullText::NotStarted,
            search_job: None,
            search_generation: Arc::new(AtomicU64::new(0)),
            theme: super::theme::Theme::dark(),
            max_width: super::reader::MAX_TEXT_WIDTH,
            state: crate::state::State::default(),
            state_path: None,
            removed_bookmarks: Vec::new(),
            jumps: Vec::new(),
            jump_at: 0,
            clipboard: false,
            pending_output: Vec::new(),
            export_dir: dirs::data_dir().map(|d| d.join("resreader").join("exports")),
            opening: None,
            cache_dir: None,
            fault: None,
            fault_armed: false,
        };
        app.titles = Arc::new(Index::titles(&app.library));
        app.refresh_details();
        app
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    pub fn panes(&self) -> Panes {
        let (w, h) = self.size;
        if self.too_small() {
            return Panes {
                list: None,
                reader: None,
                details: None,
            };
        }
        let area = Rect {
            x: 0,
            y: 0,
            width: w,
            height: h.saturating_sub(1),
        };
        let split = |list_width: u16| {
            let details_height = 6.min(area.height / 3);
            let list = Rect {
                height: area.height - details_height,
                width: list_width,
                ..area
            };
            let details = Rect {
                y: area.y + list.height,
                height: details_height,
                width: list_width,
                ..area
            };
            (list, details)
        };
        match (&self.reader, self.focus) {
            (Some(_), _) if w >= TWO_PANES_FROM => {
                let list_width = (w / 3).clamp(30, 50);
                let (list, details) = split(list_width);
                let reader = Rect {
                    x: list_width,
                    width: w - list_width,
                    ..area
                };
                Panes {
                    list: Some(list),
                    reader: Some(reader),
                    details: Some(details),
                }
            }
            (Some(_), Focus::Reader) => Panes {
                list: None,
                reader: Some(area),
                details: None,
            },
            _ => {
                let (list, details) = split(w);
                Panes {
                    list: Some(list),
                    reader: None,
                    details: Some(details),
                }
            }
        }
    }

    /// Width and height of the reading pane's text area.
    pub fn reader_size(&self) -> (usize, usize) {
        self.panes()
            .reader_text()
            .map(|r| (r.width as usize, r.height as usize))
            .unwrap_or((80, 20))
    }

    /// Open a resolution, in `columns` or the preferred language.
    pub fn open(&mut self, id: &str, columns: Option<Vec<String>>) -> Result<(), String> {
        self.open_then(id, columns, None)
    }

    /// Open a resolution, then run `then` on the app (to go to a place in
    /// it). Small texts are read at once; large ones on a thread of their
    /// own, so no frame waits on the disk, and `then` runs when they arrive.
    pub fn open_then(
        &mut self,
        id: &str,
        columns: Option<Vec<String>>,
        then: Option<AfterOpen>,
    ) -> Result<(), String> {
        let index = self
            .library
            .entries
            .iter()
            .position(|e| e.meta.id == id)
            .ok_or_else(|| format!("no resolution with id `{id}`"))?;
        self.selected = index;
        self.open_selected(columns, then)
    }

    fn open_selected(
        &mut self,
        columns: Option<Vec<String>>,
        then: Option<AfterOpen>,
    ) -> Result<(), String> {
        let entry = self
            .library
            .entries
            .get(self.selected)
            .ok_or("the library is empty")?;
        if let Some(problem) = &entry.problem {
            return Err(problem.clone());
        }
        if entry.meta.translations.is_empty() {
            return Err(format!("`{}` has no translations", entry.meta.id));
        }
        let columns = match columns {
            Some(c) => {
                if let Some(missing) = c.iter().find(|l| !entry.meta.translations.contains_key(*l))
                {
                    return Err(format!(
                        "`{}` has no `{missing}` translation (it has: {})",
                        entry.meta.id,
                        entry.meta.langs().join(", ")
                    ));
                }
                c
            }
            None => vec![entry.meta.title_for(&self.preferred).0.to_string()],
        };
        if crate::library::text_bytes(entry, entry.meta.translations.keys()) < READ_AT_ONCE_BYTES {
            self.opening = None;
            let resolution = crate::library::read_resolution(entry).map_err(|e| e.to_string())?;
            self.show(resolution, columns, then);
            return Ok(());
        }
        let (send, receive) = std::sync::mpsc::channel();
        let to_read = entry.clone();
        std::thread::spawn(move || {
            let _ = send.send(crate::library::read_resolution(&to_read).map_err(|e| e.to_string()));
        });
        self.opening = Some(Opening {
            title: entry.meta.title_for(&self.preferred).1.to_string(),
            receive,
            columns,
            then,
        });
        Ok(())
    }

    /// Show a resolution that has been read.
    fn show(&mut self, resolution: Resolution, columns: Vec<String>, then: Option<AfterOpen>) {
        self.remember();
        let mut reader = Reader::new(resolution, columns, self.render);
        reader.max_width = self.max_width;
        // Back to where this translation was left.
        let id = reader.resolution.meta.id.clone();
        if let Some(block) = self.state.position(&id, &reader.columns[0]) {
            reader.go_to_block(0, block);
        }
        self.reader = Some(reader);
        self.focus = Focus::Reader;
        self.refresh_details();
        if let Some(then) = then {
            then(self);
        }
    }

    fn refresh_details(&mut self) {
        if self
            .details
            .as_ref()
            .is_some_and(|d| d.index == self.selected)
        {
            return;
        }
        let Some(entry) = self.library.entries.get(self.selected) else {
            self.details = None;
            return;
        };
        // The signatories are counted from the text; a large text is not
        // read just for that while the selection moves.
        let first =
            entry.meta.translations.keys().next().cloned().filter(|l| {
                crate::library::text_bytes(entry, std::iter::once(l)) < READ_AT_ONCE_BYTES
            });
        let text: Option<Result<Translation, _>> =
            first.map(|l| self.library.translation(entry, &l));
        self.details = Some(Details {
            index: self.selected,
            signatories: text
                .as_ref()
                .and_then(|t| t.as_ref().ok())
                .map(Translation::signatories),
            error: entry
                .problem
                .clone()
                .or_else(|| text.and_then(|t| t.err()).map(|e| e.to_string())),
        });
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Resize(w, h) => self.size = (w, h),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, event: KeyEvent) {
        self.status = None;
        if self.fault.is_some() && event.code == KeyCode::F(12) {
            self.fault_armed = true;
            return;
        }
        if self.fault_armed && self.fault == Some(super::rescue::Fault::Key) {
            panic!("injected fault: a panic while handling a key");
        }
        let key = Key::from_event(&event);
        // A bookmark's note takes typed text; Enter saves, Esc cancels.
        if let Some(Overlay::Note { text }) = self.overlays.last_mut() {
            match event.code {
                KeyCode::Char(c) if !key.ctrl => {
                    text.push(c);
                    return;
                }
                KeyCode::Backspace => {
                    text.pop();
                    return;
                }
                KeyCode::Enter => {
                    let note = text.trim().to_string();
                    self.overlays.pop();
                    self.add_bookmark(note);
                    return;
                }
                KeyCode::Esc => {
                    self.overlays.pop();
                    return;
                }
                _ => {}
            }
        }
        // The finder takes typed text before any binding.
        if let Some(Overlay::Finder(finder)) = self.overlays.last_mut() {
            let typed = match event.code {
                KeyCode::Char(c) if !key.ctrl => {
                    finder.input.push(c);
                    true
                }
                KeyCode::Backspace => {
                    finder.input.pop();
                    true
                }
                _ => false,
            };
            if typed {
                self.run_finder();
                return;
            }
        }
        // The search prompt takes typed text before any binding.
        if let Some(Overlay::Search { query, .. }) = self.overlays.last_mut() {
            match event.code {
                KeyCode::Char(c) if !key.ctrl => {
                    query.push(c);
                    let q = query.clone();
                    self.search_live(&q);
                    return;
                }
                KeyCode::Backspace => {
                    query.pop();
                    let q = query.clone();
                    self.search_live(&q);
                    return;
                }
                KeyCode::Enter => {
                    self.overlays.pop();
                    self.jump(true);
                    return;
                }
                KeyCode::Esc => {
                    if let Some(Overlay::Search { previous, .. }) = self.overlays.pop() {
                        self.search_live(&previous);
                    }
                    return;
                }
                _ => {}
            }
        }
        let context = match (self.overlays.last(), self.focus) {
            (Some(_), _) => Context::Overlay,
            (None, Focus::List) => Context::List,
            (None, Focus::Reader) => Context::Reader,
        };
        if let Some(action) = self.keymap.action(context, key) {
            self.dispatch(action);
        }
    }

    /// Where the reader is now, as a place to come back to.
    pub fn here(&self) -> Option<crate::state::Last> {
        let reader = self.reader.as_ref()?;
        Some(crate::state::Last {
            id: reader.resolution.meta.id.clone(),
            columns: reader.columns.clone(),
            block: reader.top_block(0),
        })
    }

    /// Open a place: its resolution, columns and paragraph.
    fn go(&mut self, place: &crate::state::Last) {
        let then = go_to_block(place.block);
        if let Err(e) = self.open_then(&place.id, Some(place.columns.clone()), Some(then)) {
            self.status = Some(e);
        }
    }

    /// Remember the current place before a jump elsewhere.
    fn record_jump(&mut self) {
        if let Some(here) = self.here() {
            self.jumps.truncate(self.jump_at);
            if self.jumps.last() != Some(&here) {
                self.jumps.push(here);
            }
            self.jump_at = self.jumps.len();
        }
    }

    /// Jump to a place, remembering where we were.
    fn jump_to(&mut self, place: crate::state::Last) {
        self.record_jump();
        self.go(&place);
    }

    fn jump_back(&mut self) {
        if self.jump_at == 0 {
            self.status = Some("no earlier place".into());
            return;
        }
        if self.jump_at == self.jumps.len()
            && let Some(here) = self.here()
        {
            // Keep the present, to come forward to again.
            self.jumps.push(here);
        }
        self.jump_at -= 1;
        let place = self.jumps[self.jump_at].clone();
        self.go(&place);
    }

    fn jump_forward(&mut self) {
        if self.jump_at + 1 >= self.jumps.len() {
            self.status = Some("no later place".into());
            return;
        }
        self.jump_at += 1;
        let place = self.jumps[self.jump_at].clone();
        self.go(&place);
    }

    /// Bookmark the paragraph at the top of the reading pane.
    fn add_bookmark(&mut self, note: String) {
        let Some(reader) = &self.reader else { return };
        let Some(block) = reader.top_block(0) else {
            self.status = Some("scroll to a paragraph to bookmark it".into());
            return;
        };
        let bookmark = crate::state::Bookmark {
            id: reader.resolution.meta.id.clone(),
            lang: reader.columns[0].clone(),
            block,
            note,
        };
        self.removed_bookmarks.retain(|b| *b != bookmark);
        if !self.state.bookmarks.contains(&bookmark) {
            self.state.bookmarks.push(bookmark);
        }
        self.status = Some(format!("bookmarked ¶{}", block + 1));
        self.persist();
    }

    /// Save the state now, telling the user if that fails.
    fn persist(&mut self) {
        if let Err(e) = self.save_state() {
            self.status = Some(e);
        }
    }

    /// Write the shown translations, aligned, to a file in the export folder.
    fn export(&mut self, format: &str) {
        let Some(reader) = &self.reader else { return };
        let Some(dir) = self.export_dir.clone() else {
            self.status = Some("no folder to export to".into());
            return;
        };
        let aligned = match crate::export::aligned(&reader.resolution, &reader.columns) {
            Ok(a) => a,
            Err(e) => {
                self.status = Some(e.to_string());
                return;
            }
        };
        let text = match format {
            "tmx" => aligned.tmx(),
            "json" => aligned.json() + "\n",
            _ => aligned.markdown(),
        };
        let path = dir.join(format!(
            "{}.{}.{format}",
            aligned.id,
            aligned.langs.join("-")
        ));
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| crate::state::write_atomic(&path, text.as_bytes(), || Ok(())));
        self.status = Some(match written {
            Ok(()) => format!("exported to {}", path.display()),
            Err(e) => format!("{}: cannot write ({e})", path.display()),
        });
    }

    /// Copy the paragraph under the reading cursor, with its aligned
    /// translations, through the terminal (OSC 52) when the config allows.
    fn copy(&mut self) {
        if !self.clipboard {
            self.status =
                Some("copying is off: set clipboard = true under [export] in the config".into());
            return;
        }
        let Some(reader) = &self.reader else { return };
        let row = reader.cursor_row();
        let parts = reader.row_texts(row);
        if parts.is_empty() {
            return;
        }
        let text = parts
            .iter()
            .map(|(lang, t)| format!("[{lang}] {t}"))
            .collect::<Vec<_>>()
            .join("\n\n");
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        self.pending_output.push(format!("\x1b]52;c;{encoded}\x07"));
        self.status = Some(format!(
            "copied ¶{row} in {}",
            parts
                .iter()
                .map(|(l, _)| l.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    /// Note the position in every translation shown.
    pub fn remember(&mut self) {
        let Some(reader) = &self.reader else { return };
        let id = reader.resolution.meta.id.clone();
        for (column, lang) in reader.columns.iter().enumerate() {
            if let Some(block) = reader.top_block(column) {
                self.state.set_position(&id, lang, block);
            }
        }
        self.state.last = Some(crate::state::Last {
            id,
            columns: reader.columns.clone(),
            block: reader.top_block(0),
        });
    }

    /// Reopen where the last session left off, if the resolution is still there.
    pub fn resume(&mut self) {
        let Some(last) = self.state.last.clone() else {
            return;
        };
        let then = go_to_block(last.block);
        // A resolution that has gone since is simply not reopened.
        let _ = self.open_then(&last.id, Some(last.columns.clone()), Some(then));
    }

    /// Note the current place and hand a copy of the state to the rescue
    /// code, which saves it if the reader is stopped by a signal or a panic.
    pub fn publish(&mut self) {
        self.remember();
        super::rescue::publish(
            self.state_path.as_ref(),
            &self.state,
            &self.removed_bookmarks,
        );
    }

    /// Write the state file (merging with other processes' saves).
    pub fn save_state(&mut self) -> Result<(), String> {
        self.remember();
        let Some(path) = self.state_path.clone() else {
            return Ok(());
        };
        crate::state::save(&path, &mut self.state, &self.removed_bookmarks)
            .map_err(|e| format!("{}: cannot save ({e})", path.display()))
    }

    /// Start building the full-text index on its own thread.
    pub fn start_indexing(&mut self) {
        if !matches!(self.full_text, FullText::NotStarted) {
            return;
        }
        let library = self.library.clone();
        let cache = self.cache_dir.clone();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(crate::search::cache::full_text(&library, cache.as_deref()));
        });
        self.full_text = FullText::Building(receive);
    }

    /// Whether something is under way that will need a redraw by itself.
    pub fn busy(&self) -> bool {
        matches!(self.full_text, FullText::Building(_))
            || self.search_job.is_some()
            || self.opening.is_some()
    }

    /// Take in work finished in the background; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        if let Some(opening) = &self.opening {
            match opening.receive.try_recv() {
                Ok(read) => {
                    if let Some(opening) = self.opening.take() {
                        match read {
                            Ok(resolution) => self.show(resolution, opening.columns, opening.then),
                            Err(e) => self.status = Some(e),
                        }
                    }
                    changed = true;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.opening = None;
                    self.status = Some("the resolution could not be read".into());
                    changed = true;
                }
            }
        }
        if let FullText::Building(receive) = &self.full_text {
            match receive.try_recv() {
                Ok(index) => {
                    self.full_text = FullText::Ready(Arc::new(index));
                    if let Some(Overlay::Finder(f)) = self.overlays.last_mut() {
                        f.answered = None;
                    }
                    self.run_finder();
                    changed = true;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.full_text = FullText::Ready(Arc::new(Index::default()));
                    let why = super::rescue::take_background_panic()
                        .map(|m| format!(" (internal error: {m})"))
                        .unwrap_or_default();
                    self.status = Some(format!("the full-text index could not be built{why}"));
                    changed = true;
                }
            }
        }
        if let Some(job) = &self.search_job {
            match job.try_recv() {
                Ok((generation, query, hits)) => {
                    self.search_job = None;
                    if generation == self.search_generation.load(Ordering::SeqCst)
                        && let Some(Overlay::Finder(f)) = self.overlays.last_mut()
                    {
                        f.hits = hits;
                        f.selected = 0;
                        f.answered = Some(query);
                        f.searching = false;
                        changed = true;
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                // Cancelled by a newer keystroke, which started its own job,
                // or failed.
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.search_job = None;
                    if let Some(m) = super::rescue::take_background_panic() {
                        self.status = Some(format!("the search failed (internal error: {m})"));
                        if let Some(Overlay::Finder(f)) = self.overlays.last_mut() {
                            f.searching = false;
                        }
                        changed = true;
                    }
                }
            }
        }
        changed
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
        while self.search_job.is_some() {
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

    /// The index the finder's query needs, if it is ready.
    pub fn finder_index(&self, full_text: bool) -> Option<Arc<Index>> {
        if !full_text {
            return Some(self.titles.clone());
        }
        match &self.full_text {
            FullText::Ready(index) => Some(index.clone()),
            _ => None,
        }
    }

    /// Run the finder's query, narrowing from the last results when it can.
    fn run_finder(&mut self) {
        let Some(Overlay::Finder(finder)) = self.overlays.last() else {
            return;
        };
        let query = finder.query();
        let Some(index) = self.finder_index(query.full_text) else {
            if let Some(Overlay::Finder(f)) = self.overlays.last_mut() {
                f.hits.clear();
                f.answered = None;
            }
            self.start_indexing();
            return;
        };
        if query.is_empty() && query.full_text {
            // An empty full-text query shows nothing rather than every
            // paragraph, so it answers nothing to narrow from.
            self.search_generation.fetch_add(1, Ordering::SeqCst);
            self.search_job = None;
            if let Some(Overlay::Finder(f)) = self.overlays.last_mut() {
                f.hits.clear();
                f.answered = None;
                f.searching = false;
            }
            return;
        }
        let candidates: Option<Vec<usize>> = finder
            .answered
            .as_ref()
            .filter(|p| query.narrows(p))
            .map(|_| finder.hits.iter().map(|h| h.entry).collect());
        // The search runs off the UI thread; a newer keystroke bumps the
        // generation, which stops this one.
        let generation = self.search_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = self.search_generation.clone();
        let (send, receive) = std::sync::mpsc::channel();
        let fault = self.fault_armed && self.fault == Some(super::rescue::Fault::Search);
        std::thread::spawn(move || {
            if fault {
                panic!("injected fault: a panic in a search");
            }
            let stop = || current.load(Ordering::SeqCst) != generation;
            if let Some(hits) =
                crate::search::search_until(&index, &query, candidates.as_deref(), &stop)
            {
                let _ = send.send((generation, query, hits));
            }
        });
        self.search_job = Some(receive);
        if let Some(Overlay::Finder(f)) = self.overlays.last_mut() {
            f.searching = true;
        }
    }

    /// Open the resolution of a finder hit, at its paragraph, hits shown.
    fn open_hit(&mut self, hit: &Hit, query: &Query) {
        let Some(index) = self.finder_index(query.full_text) else {
            return;
        };
        let Some(entry) = index.entry(hit.entry) else {
            return;
        };
        self.record_jump();
        let (id, lang) = (entry.id.to_string(), entry.lang.to_string());
        let (hit, query) = (hit.clone(), query.clone());
        let then: AfterOpen = Box::new(move |app: &mut App| {
            let (width, height) = app.reader_size();
            let Some(reader) = app.reader.as_mut() else {
                return;
            };
            let Some(entry) = index.entry(hit.entry) else {
                return;
            };
            let Some(block) = entry.block else { return };
            // Highlight what matched: the word as it stands in the text for a
            // transliterated hit, else the longest term the user typed.
            let matched = crate::search::ranges(&index, &query, &hit)
                .first()
                .map(|r| entry.text[r.clone()].to_string());
            let longest = query
                .terms
                .iter()
                .filter(|t| !t.negated)
                .map(|t| t.folded.clone())
                .max_by_key(|t| t.chars().count());
            if let Some(word) = if hit.transliterated {
                matched
            } else {
                longest.or(matched)
            } {
                reader.set_search(&word);
            }
            reader.top = block + 1;
            reader.offset = 0;
            reader.scroll(0, width, height);
        });
        if let Err(e) = self.open_then(&id, Some(vec![lang]), Some(then)) {
            self.status = Some(e);
        }
    }

    fn search_live(&mut self, query: &str) {
        if let Some(reader) = self.reader.as_mut() {
            reader.set_search(query);
        }
    }

    fn jump(&mut self, forward: bool) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        if reader.search.query.is_empty() {
            self.status = Some("no search: press / to search".into());
        } else if !reader.jump_hit(forward) {
            self.status = Some(format!("“{}” not found", reader.search.query));
        }
    }

    /// Do what an action says, in the context it came from.
    pub fn dispatch(&mut self, action: Action) {
        if let Some(overlay) = self.overlays.last_mut() {
            match (overlay, action) {
                (_, Action::Close) => {
                    self.overlays.pop();
                }
                (Overlay::Bookmarks { selected }, Action::Down) => {
                    *selected = (*selected + 1).min(self.state.bookmarks.len().saturating_sub(1))
                }
                (Overlay::Bookmarks { selected }, Action::Up) => {
                    *selected = selected.saturating_sub(1)
                }
                (Overlay::Bookmarks { selected }, Action::Open) => {
                    let chosen = self.state.bookmarks.get(*selected).cloned();
                    self.overlays.pop();
                    if let Some(b) = chosen {
                        self.jump_to(crate::state::Last {
                            id: b.id,
                            columns: vec![b.lang],
                            block: Some(b.block),
                        });
                    }
                }
                (Overlay::Bookmarks { selected }, Action::Delete)
                    if *selected < self.state.bookmarks.len() =>
                {
                    let removed = self.state.bookmarks.remove(*selected);
                    *selected = (*selected).min(self.state.bookmarks.len().saturating_sub(1));
                    self.removed_bookmarks.push(removed);
                    self.persist();
                }
                (Overlay::Export { selected }, Action::Down) => {
                    *selected = (*selected + 1).min(EXPORT_FORMATS.len() - 1)
                }
                (Overlay::Export { selected }, Action::Up) => {
                    *selected = selected.saturating_sub(1)
                }
                (Overlay::Export { selected }, Action::Open) => {
                    let format = EXPORT_FORMATS[*selected];
                    self.overlays.pop();
                    self.export(format);
                }
                (Overlay::Help { scroll }, Action::Down) => *scroll += 1,
                (Overlay::Help { scroll }, Action::Up) => *scroll = scroll.saturating_sub(1),
                (Overlay::Chooser { langs, selected }, Action::Down) => {
                    *selected = (*selected + 1).min(langs.len().saturating_sub(1))
                }
                (Overlay::Chooser { selected, .. }, Action::Up) => {
                    *selected = selected.saturating_sub(1)
                }
                (Overlay::Finder(f), Action::Down) => {
                    f.selected = (f.selected + 1).min(f.hits.len().saturating_sub(1))
                }
                (Overlay::Finder(f), Action::Up) => f.selected = f.selected.saturating_sub(1),
                (Overlay::Finder(f), Action::ToggleFullText) => {
                    f.full_text_key = !f.full_text_key;
                    f.answered = None;
                    self.run_finder();
                }
                (Overlay::Finder(f), Action::Open) => {
                    let choice = f.hits.get(f.selected).cloned().zip(Some(f.query()));
                    if let Some((hit, query)) = choice {
                        self.overlays.pop();
                        self.open_hit(&hit, &query);
                    }
                }
                (Overlay::Chooser { langs, selected }, Action::Open) => {
                    let lang = langs.get(*selected).cloned();
                    self.overlays.pop();
                    if let Some(lang) = lang {
                        self.choose_language(lang);
                    }
                }
                _ => {}
            }
            return;
        }
        let (width, height) = self.reader_size();
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Bookmarks => {
                if self.state.bookmarks.is_empty() {
                    self.status = Some("no bookmarks yet: b in the reading pane adds one".into());
                } else {
                    self.overlays.push(Overlay::Bookmarks { selected: 0 });
                }
            }
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::Find => {
                self.overlays.push(Overlay::Finder(Box::default()));
                self.run_finder();
            }
            Action::NextPane | Action::PrevPane => {
                if self.reader.is_some() {
                    self.focus = if self.focus == Focus::List {
                        Focus::Reader
                    } else {
                        Focus::List
                    };
                } else {
                    self.status = Some("open a resolution with Enter first".into());
                }
            }
            Action::Close => {
                if self.focus == Focus::Reader {
                    self.focus = Focus::List;
                    if self
                        .reader
                        .as_ref()
                        .is_some_and(|r| !r.search.query.is_empty())
                    {
                        self.search_live("");
                    }
                }
            }
            _ if self.focus == Focus::List => self.list_action(action),
            _ => self.reader_action(action, width, height),
        }
    }

    fn list_action(&mut self, action: Action) {
        let count = self.library.entries.len();
        if count == 0 {
            return;
        }
        let page = self
            .panes()
            .list_items()
            .map(|r| r.height as usize / LIST_ITEM_HEIGHT)
            .unwrap_or(1)
            .max(1);
        let last = count - 1;
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::HalfPageUp => self.selected.saturating_sub(page / 2),
            Action::HalfPageDown => (self.selected + page / 2).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open => {
                self.record_jump();
                if let Err(e) = self.open_selected(None, None) {
                    self.status = Some(e);
                }
                self.selected
            }
            _ => self.selected,
        };
        self.keep_selection_visible(page);
        self.refresh_details();
    }

    fn keep_selection_visible(&mut self, page: usize) {
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + page {
            self.list_top = self.selected + 1 - page;
        }
    }

    fn reader_action(&mut self, action: Action, width: usize, height: usize) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let half = (height / 2).max(1) as isize;
        match action {
            Action::Up => reader.scroll(-1, width, height),
            Action::Down => reader.scroll(1, width, height),
            Action::HalfPageUp => reader.scroll(-half, width, height),
            Action::HalfPageDown => reader.scroll(half, width, height),
            Action::PageUp => reader.scroll(-(height.max(2) as isize - 1), width, height),
            Action::PageDown => reader.scroll(height.max(2) as isize - 1, width, height),
            Action::Top => reader.to_start(),
            Action::Bottom => reader.to_end(width, height),
            Action::PrevParagraph => reader.step_paragraph(false, width, height),
            Action::NextParagraph => reader.step_paragraph(true, width, height),
            Action::NextTranslation => {
                let langs = reader.resolution.meta.langs();
                if langs.len() < 2 {
                    self.status = Some("this resolution has one translation".into());
                    return;
                }
                let last = reader.columns.last().cloned().unwrap_or_default();
                let hidden = reader.hidden_langs();
                // The next language after the last column, skipping shown ones.
                let start = langs.iter().position(|l| *l == last).unwrap_or(0);
                let next = (1..=langs.len())
                    .map(|i| &langs[(start + i) % langs.len()])
                    .find(|l| hidden.contains(l))
                    .cloned();
                match next {
                    Some(lang) => self.choose_language(lang),
                    None => self.status = Some("every translation is already shown".into()),
                }
            }
            Action::ChooseTranslation => {
                let langs = reader.resolution.meta.langs();
                let current = reader.columns.last().cloned().unwrap_or_default();
                let selected = langs.iter().position(|l| *l == current).unwrap_or(0);
                self.overlays.push(Overlay::Chooser { langs, selected });
            }
            Action::SideBySide => {
                let columns = if reader.columns.len() > 1 {
                    vec![reader.columns[0].clone()]
                } else {
                    let current = reader.columns[0].clone();
                    let other = self
                        .preferred
                        .iter()
                        .chain(reader.resolution.meta.translations.keys())
                        .find(|l| **l != current && reader.resolution.translation(l).is_some())
                        .cloned();
                    match other {
                        Some(o) => Reader::arrange(vec![current, o]),
                        None => {
                            self.status = Some("this resolution has one translation".into());
                            return;
                        }
                    }
                };
                reader.set_columns(columns, width);
            }
            Action::AddColumn => match reader.hidden_langs().first().cloned() {
                Some(lang) => {
                    let mut columns = reader.columns.clone();
                    columns.push(lang);
                    reader.set_columns(Reader::arrange(columns), width);
                }
                None => self.status = Some("every translation is already shown".into()),
            },
            Action::RemoveColumn if reader.columns.len() > 1 => {
                let mut columns = reader.columns.clone();
                columns.pop();
                reader.set_columns(columns, width);
            }
            Action::SwapColumns => {
                let mut columns = reader.columns.clone();
                columns.rotate_left(1);
                reader.set_columns(columns, width);
            }
            Action::Search => {
                let previous = reader.search.query.clone();
                self.overlays.push(Overlay::Search {
                    query: String::new(),
                    previous,
                });
            }
            Action::AddBookmark => self.overlays.push(Overlay::Note {
                text: String::new(),
            }),
            Action::Export => self.overlays.push(Overlay::Export { selected: 0 }),
            Action::Copy => self.copy(),
            Action::NextHit => self.jump(true),
            Action::PrevHit => self.jump(false),
            _ => {}
        }
    }

    /// Show `lang`: alone in the single view, or as the last column.
    fn choose_language(&mut self, lang: String) {
        let (width, _) = self.reader_size();
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let mut columns = reader.columns.clone();
        if let Some(at) = columns.iter().position(|l| *l == lang) {
            let last = columns.len() - 1;
            columns.swap(at, last);
        } else if let Some(last) = columns.last_mut() {
            *last = lang;
        }
        reader.set_columns(columns, width);
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        let at = Position {
            x: mouse.column,
            y: mouse.row,
        };
        let panes = self.panes();
        let in_list = panes.list.is_some_and(|r| r.contains(at));
        let in_reader = panes.reader.is_some_and(|r| r.contains(at));
        let (width, height) = self.reader_size();
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                if in_reader {
                    if let Some(r) = self.reader.as_mut() {
                        r.scroll(if down { 3 } else { -3 }, width, height);
                    }
                } else if in_list {
                    let saved = self.focus;
                    self.focus = Focus::List;
                    self.list_action(if down { Action::Down } else { Action::Up });
                    self.focus = saved;
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let (true, Some(items)) = (in_list, panes.list_items()) {
                    self.focus = Focus::List;
                    if items.contains(at) {
                        let index = self.list_top + (at.y - items.y) as usize / LIST_ITEM_HEIGHT;
                        if index < self.library.entries.len() {
                            if index == self.selected {
                                self.list_action(Action::Open);
                            } else {
                                self.selected = index;
                                self.refresh_details();
                            }
                        }
                    }
                } else if in_reader {
                    self.focus = Focus::Reader;
                }
            }
            _ => {}
        }
    }
}
