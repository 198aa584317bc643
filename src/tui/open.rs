//! Opening a resolution: small texts at once, large ones in the background
//! (see `jobs`), and the facts the details box shows about the selection.

use super::app::App;
use super::jobs::{AfterOpen, Opening};
use super::panes::Focus;
use super::reader::Reader;
use crate::library::{Entry, Lexicons, Resolution};

/// Up to this many resolutions teaching the aligner (see `Lexicons`), a
/// resolution is opened on the UI thread (a few ms each); more, on a thread
/// of its own.
const LEARN_AT_ONCE: usize = 8;

/// Translations up to this size are read on the UI thread when opened
/// (a few ms at most); larger ones on a thread of their own.
pub const READ_AT_ONCE_BYTES: u64 = 1024 * 1024;

/// Facts about the selected resolution that need its text (read lazily).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub index: usize,
    pub signatories: Option<usize>,
    pub error: Option<String>,
}

impl App {
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

    pub(super) fn open_selected(
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
        // Columns asked for must be readable; the one chosen for the reader
        // gives way to another if its file cannot be read (`show`).
        let needed = columns.clone().unwrap_or_default();
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
        // The resolutions that teach the aligner its languages' words
        // (`Lexicons`): those with two of them or more.
        let langs = entry.meta.langs();
        let teachers: Vec<Entry> = self
            .library
            .entries
            .iter()
            .filter(|e| {
                langs
                    .iter()
                    .filter(|l| e.meta.translations.contains_key(*l))
                    .count()
                    >= 2
            })
            .cloned()
            .collect();
        let bytes = crate::library::text_bytes(entry, entry.meta.translations.keys())
            + teachers
                .iter()
                .map(|e| crate::library::text_bytes(e, langs.iter()))
                .sum::<u64>();
        if bytes < READ_AT_ONCE_BYTES && teachers.len() <= LEARN_AT_ONCE {
            self.jobs.opening = None;
            let (resolution, left_out) =
                crate::library::read_resolution_leaving_out(entry, &needed)
                    .map_err(|e| e.to_string())?;
            let lexicons = Lexicons::learn(&teachers, &langs);
            self.show(resolution, lexicons, columns, then);
            self.tell_left_out(&left_out);
            return Ok(());
        }
        let (send, receive) = std::sync::mpsc::channel();
        let to_read = entry.clone();
        std::thread::spawn(move || {
            let read = crate::library::read_resolution_leaving_out(&to_read, &needed)
                .map(|(resolution, left_out)| {
                    let lexicons = Lexicons::learn(&teachers, &langs);
                    (resolution, lexicons, left_out)
                })
                .map_err(|e| e.to_string());
            let _ = send.send(read);
        });
        self.jobs.opening = Some(Opening {
            title: entry.meta.title_for(&self.preferred).1.to_string(),
            receive,
            columns,
            then,
        });
        Ok(())
    }

    /// Say on the status line that translations of the opened resolution
    /// could not be read and were left out.
    pub(super) fn tell_left_out(&mut self, left_out: &[crate::library::LibraryError]) {
        if let Some(first) = left_out.first() {
            let more = match left_out.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.status = Some(format!("left out: {first}{more}"));
        }
    }

    /// Show a resolution that has been read.
    pub(super) fn show(
        &mut self,
        resolution: Resolution,
        lexicons: Lexicons,
        columns: Vec<String>,
        then: Option<AfterOpen>,
    ) {
        self.remember();
        // With no column readable (the one chosen was left out), the first
        // translation read in the preferred languages' order is shown; the
        // reader leaves out the other unreadable ones itself.
        let readable = |l: &&String| resolution.translation(l).is_some();
        let columns: Vec<String> = if columns.iter().any(|l| readable(&l)) {
            columns
        } else {
            let first = resolution.translations.first().map(|t| &t.lang);
            let fallback = self.preferred.iter().find(readable).or(first);
            match fallback {
                Some(lang) => vec![lang.clone()],
                None => {
                    self.status = Some(format!(
                        "`{}` has no translation to show",
                        resolution.meta.id
                    ));
                    return;
                }
            }
        };
        let mut reader = Reader::new(resolution, lexicons, columns, self.render);
        reader.max_width = self.max_width;
        // Back to where this translation was left.
        let id = reader.resolution.meta.id.clone();
        if let Some(block) = self.memory.state.position(&id, &reader.columns[0]) {
            reader.go_to_block(0, block);
        }
        self.reader = Some(reader);
        self.focus = Focus::Reader;
        self.refresh_details();
        if let Some(then) = then {
            then(self);
        }
    }

    pub fn refresh_details(&mut self) {
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
        // The signatories are counted from the texts: the longest list any
        // translation carries (some carry none). A large text is not read
        // just for that while the selection moves.
        let mut signatories = None;
        let mut error = entry.problem.clone();
        for lang in entry.meta.translations.keys() {
            if crate::library::text_bytes(entry, std::iter::once(lang)) >= READ_AT_ONCE_BYTES {
                continue;
            }
            match self.library.translation(entry, lang) {
                Ok(t) => signatories = signatories.max(Some(t.signatories())),
                Err(e) => {
                    error.get_or_insert(e.to_string());
                }
            }
        }
        self.details = Some(Details {
            index: self.selected,
            signatories,
            error,
        });
    }
}
