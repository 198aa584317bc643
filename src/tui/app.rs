//! The reader's state and how events reach it. `App` holds the main view
//! (the document list and the reading pane) and a stack of popups: a key
//! goes to the top popup if there is one, else through the keymap to the
//! focused pane. No drawing here: `draw` reads this state, `mod` feeds it
//! events.
//!
//! Other files add to `App`: `open` (opening resolutions), `actions` (what
//! actions do in the main view), `memory` (places, bookmarks, saving),
//! `jobs` (background work); popups live in `popup` and `finder`.

use super::faults::{Fault, Faults};
use super::finder::Finder;
use super::jobs::Jobs;
use super::keymap::{Action, Context, KeyCode, Keymap, key_of};
use super::memory::Memory;
use super::open::Details;
use super::panes::{Focus, Panes};
use super::popup::{Bookmarks, Help, Outcome, Popup};
use super::reader::Reader;
use crate::library::Library;
use crate::render::RenderOptions;
use crate::search::Index;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use std::any::Any;

pub use super::open::READ_AT_ONCE_BYTES;
pub use super::panes::{LIST_ITEM_HEIGHT, MIN_HEIGHT, MIN_WIDTH, TWO_PANES_FROM};

pub struct App {
    pub library: Library,
    pub preferred: Vec<String>,
    pub keymap: Keymap,
    pub render: RenderOptions,
    pub theme: super::theme::Theme,
    /// The widest a column of text gets.
    pub max_width: usize,
    /// The document list: the selected entry and the first one shown.
    pub selected: usize,
    pub list_top: usize,
    pub focus: Focus,
    pub reader: Option<Reader>,
    /// Layers over the main view; keys go to the top one.
    pub popups: Vec<Box<dyn Popup>>,
    pub status: Option<String>,
    pub size: (u16, u16),
    pub details: Option<Details>,
    pub quit: bool,
    /// Stop to the shell (Ctrl-Z) once this event is handled.
    pub suspend: bool,
    /// The finder's indexes and the work under way in the background.
    pub jobs: Jobs,
    /// Places, bookmarks, the jump list and where they are saved.
    pub memory: Memory,
    /// Copying to the clipboard (OSC 52) is allowed by the config.
    pub clipboard: bool,
    /// Escape sequences to write to the terminal after the next frame.
    pub pending_output: Vec<String>,
    /// Whether the reader takes the mouse (wheel, clicks); off, the
    /// terminal's own selection works.
    pub mouse: bool,
    /// Where exports are written.
    pub export_dir: Option<std::path::PathBuf>,
    /// Faults injected by the end-to-end tests.
    pub faults: Faults,
}

impl App {
    pub fn new(
        library: Library,
        preferred: Vec<String>,
        render: RenderOptions,
        size: (u16, u16),
    ) -> App {
        let titles = Index::titles(&library);
        let mut app = App {
            library,
            preferred,
            keymap: Keymap::default(),
            render,
            theme: super::theme::Theme::dark(),
            max_width: super::reader::MAX_TEXT_WIDTH,
            selected: 0,
            list_top: 0,
            focus: Focus::List,
            reader: None,
            popups: Vec::new(),
            status: None,
            size,
            details: None,
            quit: false,
            suspend: false,
            jobs: Jobs::new(titles),
            memory: Memory::default(),
            clipboard: false,
            pending_output: Vec::new(),
            mouse: true,
            export_dir: dirs::data_dir().map(|d| d.join("resreader").join("exports")),
            // A unit struct in release builds, which clippy would have
            // written without `default()`; in debug builds it has fields.
            #[allow(clippy::default_constructed_unit_structs)]
            faults: Faults::default(),
        };
        app.refresh_details();
        app
    }

    pub fn too_small(&self) -> bool {
        super::panes::too_small(self.size)
    }

    pub fn panes(&self) -> Panes {
        Panes::new(self.size, self.reader.is_some(), self.focus)
    }

    /// Width and height of the reading pane's text area.
    pub fn reader_size(&self) -> (usize, usize) {
        self.panes()
            .reader_text()
            .map(|r| (r.width as usize, r.height as usize))
            .unwrap_or((80, 20))
    }

    /// The top popup, if it is a `T`.
    pub fn popup<T: Popup>(&self) -> Option<&T> {
        let top: &dyn Any = self.popups.last()?.as_ref();
        top.downcast_ref()
    }

    /// The top popup, if it is a `T`, to change.
    pub fn popup_mut<T: Popup>(&mut self) -> Option<&mut T> {
        let top: &mut dyn Any = self.popups.last_mut()?.as_mut();
        top.downcast_mut()
    }

    /// Run `f` on the top popup, if it is a `T`, with the app beside it.
    pub(super) fn with_popup<T: Popup>(&mut self, f: impl FnOnce(&mut T, &mut App)) {
        let Some(mut top) = self.popups.pop() else {
            return;
        };
        let at = self.popups.len();
        if let Some(popup) = (top.as_mut() as &mut dyn Any).downcast_mut::<T>() {
            f(popup, self);
        }
        self.popups.insert(at.min(self.popups.len()), top);
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
        if self.faults.arm(event.code) {
            return;
        }
        if self.faults.fires(Fault::Key) {
            panic!("injected fault: a panic while handling a key");
        }
        let Some(key) = key_of(&event) else {
            return;
        };
        if let Some(top) = self.popups.pop() {
            let context = top.context();
            let action = self.keymap.action(context, key);
            // Quit and suspend work over any popup, which stays open.
            if let Some(action @ (Action::Quit | Action::Suspend)) = action {
                self.popups.push(top);
                self.quit |= action == Action::Quit;
                self.suspend |= action == Action::Suspend;
                return;
            }
            self.route_to_popup(top, |popup, app| match (action, key.code) {
                (Some(action), _) => popup_action(popup, action, app),
                (None, KeyCode::Char(c)) if !key.ctrl && context.takes_text() => {
                    popup.typed(c, app)
                }
                _ => Outcome::Stay,
            });
            return;
        }
        let context = match self.focus {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
        };
        if let Some(action) = self.keymap.action(context, key) {
            self.dispatch(action);
        }
    }

    /// Let a popup taken off the stack handle something, then put it back
    /// where it was unless it closed (above it stay popups it opened).
    fn route_to_popup(
        &mut self,
        mut popup: Box<dyn Popup>,
        handle: impl FnOnce(&mut dyn Popup, &mut App) -> Outcome,
    ) {
        let at = self.popups.len();
        if handle(popup.as_mut(), self) == Outcome::Stay {
            self.popups.insert(at.min(self.popups.len()), popup);
        }
    }

    /// Do what an action says: to the top popup, else the main view.
    pub fn dispatch(&mut self, action: Action) {
        if let Some(top) = self.popups.pop() {
            self.route_to_popup(top, |popup, app| popup_action(popup, action, app));
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::Help => self.popups.push(Box::new(Help::default())),
            Action::Bookmarks => {
                if self.memory.state.bookmarks.is_empty() {
                    self.status = Some("no bookmarks yet: b in the reading pane adds one".into());
                } else {
                    self.popups.push(Box::new(Bookmarks::default()));
                }
            }
            Action::ToggleMouse => self.toggle_mouse(),
            Action::Keep => self.keep_opened(),
            Action::RemoveResolution if self.focus == Focus::List => self.ask_remove(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::Find => {
                let mut finder = Finder::default();
                finder.run(self);
                self.popups.push(Box::new(finder));
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
            _ => self.reader_action(action),
        }
    }
}

/// An action for a popup: its own to do; Close closes any popup.
fn popup_action(popup: &mut dyn Popup, action: Action, app: &mut App) -> Outcome {
    let outcome = popup.act(action, app);
    if action == Action::Close {
        Outcome::Close
    } else {
        outcome
    }
}
