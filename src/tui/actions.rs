//! What actions do in the main view: moving in the document list, reading
//! (scrolling, translations, columns, search), copying, and the mouse.

use super::app::App;
use super::keymap::{Action, Context};
use super::panes::{Focus, LIST_ITEM_HEIGHT};
use super::popup::{Chooser, ExportMenu, Note, SearchPrompt};
use super::reader::Reader;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    pub(super) fn list_action(&mut self, action: Action) {
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

    pub(super) fn reader_action(&mut self, action: Action) {
        let (width, height) = self.reader_size();
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let half = (height / 2).max(1) as isize;
        let page = height.max(2) as isize - 1;
        match action {
            Action::Up => reader.scroll(-1, width, height),
            Action::Down => reader.scroll(1, width, height),
            Action::HalfPageUp => reader.scroll(-half, width, height),
            Action::HalfPageDown => reader.scroll(half, width, height),
            Action::PageUp => reader.scroll(-page, width, height),
            Action::PageDown => reader.scroll(page, width, height),
            Action::Top => reader.to_start(),
            Action::Bottom => reader.to_end(width, height),
            Action::PrevParagraph => reader.step_paragraph(false, width, height),
            Action::NextParagraph => reader.step_paragraph(true, width, height),
            Action::ChooseTranslation => {
                let langs = reader.resolution.meta.langs();
                let current = reader.columns.last().cloned().unwrap_or_default();
                let selected = langs.iter().position(|l| *l == current).unwrap_or(0);
                self.popups.push(Box::new(Chooser { langs, selected }));
            }
            Action::Search => {
                let previous = reader.search.query.clone();
                self.popups.push(Box::new(SearchPrompt {
                    previous,
                    ..SearchPrompt::default()
                }));
            }
            Action::AddBookmark => self.popups.push(Box::new(Note::default())),
            Action::Export => self.popups.push(Box::new(ExportMenu::default())),
            Action::Copy => self.copy(),
            Action::NextHit => self.jump(true),
            Action::PrevHit => self.jump(false),
            _ => self.column_action(action, width),
        }
    }

    /// Actions on the translations shown and their columns.
    fn column_action(&mut self, action: Action, width: usize) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let problem = match action {
            Action::NextTranslation => {
                let langs = reader.resolution.meta.langs();
                if langs.len() < 2 {
                    Some("this resolution has one translation")
                } else {
                    let last = reader.columns.last().cloned().unwrap_or_default();
                    let hidden = reader.hidden_langs();
                    // The next language after the last column, skipping shown ones.
                    let start = langs.iter().position(|l| *l == last).unwrap_or(0);
                    let next = (1..=langs.len())
                        .map(|i| &langs[(start + i) % langs.len()])
                        .find(|l| hidden.contains(l))
                        .cloned();
                    match next {
                        Some(lang) => {
                            self.choose_language(lang);
                            None
                        }
                        None => Some("every translation is already shown"),
                    }
                }
            }
            Action::SideBySide => {
                let columns = if reader.columns.len() > 1 {
                    Some(vec![reader.columns[0].clone()])
                } else {
                    let current = reader.columns[0].clone();
                    self.preferred
                        .iter()
                        .chain(reader.resolution.meta.translations.keys())
                        .find(|l| **l != current && reader.resolution.translation(l).is_some())
                        .cloned()
                        .map(|other| Reader::arrange(vec![current, other]))
                };
                match columns {
                    Some(columns) => {
                        reader.set_columns(columns, width);
                        None
                    }
                    None => Some("this resolution has one translation"),
                }
            }
            Action::AddColumn => match reader.hidden_langs().first().cloned() {
                Some(lang) => {
                    let mut columns = reader.columns.clone();
                    columns.push(lang);
                    reader.set_columns(Reader::arrange(columns), width);
                    None
                }
                None => Some("every translation is already shown"),
            },
            Action::RemoveColumn if reader.columns.len() > 1 => {
                let mut columns = reader.columns.clone();
                columns.pop();
                reader.set_columns(columns, width);
                None
            }
            Action::SwapColumns => {
                let mut columns = reader.columns.clone();
                columns.rotate_left(1);
                reader.set_columns(columns, width);
                None
            }
            _ => None,
        };
        if let Some(problem) = problem {
            self.status = Some(problem.into());
        }
    }

    /// Show `lang`: alone in the single view, or as the last column.
    pub(super) fn choose_language(&mut self, lang: String) {
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

    /// Search the open document as the query is typed.
    pub(super) fn search_live(&mut self, query: &str) {
        if let Some(reader) = self.reader.as_mut() {
            reader.set_search(query);
        }
    }

    /// Go to the next (or previous) hit of the search in force.
    pub(super) fn jump(&mut self, forward: bool) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        if reader.search.query.is_empty() {
            self.status = Some("no search: press / to search".into());
        } else if !reader.jump_hit(forward) {
            self.status = Some(format!("“{}” not found", reader.search.query));
        }
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
        // Pasted into a terminal, raw controls in the text would act.
        let text = crate::text::sanitize::sanitize_lines(&text);
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        self.pending_output.push(format!("\x1b]52;c;{encoded}\x07"));
        let langs: Vec<&str> = parts.iter().map(|(l, _)| l.as_str()).collect();
        self.status = Some(format!("copied ¶{row} in {}", langs.join(", ")));
    }

    /// Take the mouse or give it back to the terminal (for selecting text).
    pub fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.pending_output.push(mouse_capture(self.mouse));
        let key =
            super::draw::key_for(self, Context::Global, Action::ToggleMouse).unwrap_or_default();
        self.status = Some(if self.mouse {
            format!("mouse on: the wheel scrolls, a click selects ({key} gives it to the terminal)")
        } else {
            format!(
                "mouse off: select text with the mouse as in any terminal ({key} takes it back)"
            )
        });
    }

    pub(super) fn handle_mouse(&mut self, mouse: MouseEvent) {
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

/// The escape sequences that turn mouse reporting on or off.
pub fn mouse_capture(on: bool) -> String {
    use ratatui::crossterm::Command;
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = if on {
        EnableMouseCapture.write_ansi(&mut out)
    } else {
        DisableMouseCapture.write_ansi(&mut out)
    };
    out
}
