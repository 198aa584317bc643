//! The reading pane's state: one resolution in one or more columns, the
//! reading position, search. Pure: it lays text out with the shared engine
//! but knows nothing of the terminal.
//!
//! The document is a sequence of rows: the titles, then one row per block
//! (one column) or per alignment bead (several columns). The position is a
//! row and a line offset into it, so scrolling and resizing lay out only the
//! rows that are shown; each row's layout is cached per width.

use crate::align::{LOW_CONFIDENCE, align, align_all_scored};
use crate::lang::is_rtl;
use crate::library::Lexicons;
use crate::library::{Block, Resolution};
use crate::render::{RenderOptions, highlighted_block_lines};
use crate::text::LaidLine;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

mod search;
pub use search::{Hit, Search};

pub use crate::render::MAX_TEXT_WIDTH;
/// Below this pane width, columns are stacked instead of side by side.
pub const STACK_BELOW: usize = 80;
/// Nor are columns narrower than this put side by side: four columns need
/// about 150 cells, three about 115.
pub const MIN_COLUMN: usize = 34;
/// Cells between side-by-side columns (" │ ").
pub const GAP: usize = 3;
/// Cells left of each column for the reading-cursor mark.
pub const GUTTER: usize = 1;

/// One screen line of a row: text per visual column (one when stacked).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenLine {
    pub columns: Vec<LaidLine>,
    /// In the stacked view: the language label line before a translation.
    pub label: Option<String>,
    /// Side by side: the aligner doubts this row's pairing.
    pub doubtful: bool,
}

/// Where the columns sit in a pane of a given width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    /// (x offset of the text, text width) per visual column.
    pub columns: Vec<(usize, usize)>,
    pub stacked: bool,
}

/// A position in a translation: language and block (`None`: the title).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    lang: String,
    block: Option<usize>,
}

/// Laid-out rows by (row, pane width).
type RowCache = HashMap<(usize, usize), Rc<Vec<ScreenLine>>>;

pub struct Reader {
    pub resolution: Resolution,
    /// What the library taught the aligner of the resolution's languages.
    pub lexicons: Lexicons,
    pub columns: Vec<String>,
    /// Per row, per column: the range of that translation's blocks.
    rows: Vec<Vec<Range<usize>>>,
    /// Per row: whether the aligner doubts its pairing (row 0, the titles, never).
    doubtful: Vec<bool>,
    pub top: usize,
    pub offset: usize,
    pub search: Search,
    /// The widest a single column of text gets.
    pub max_width: usize,
    render: RenderOptions,
    cache: RefCell<RowCache>,
}

impl Reader {
    /// A reader on `resolution` showing `columns` (languages it has),
    /// aligned with `lexicons`.
    pub fn new(
        resolution: Resolution,
        lexicons: Lexicons,
        columns: Vec<String>,
        render: RenderOptions,
    ) -> Reader {
        let mut reader = Reader {
            resolution,
            lexicons,
            columns: Vec::new(),
            rows: Vec::new(),
            doubtful: Vec::new(),
            top: 0,
            offset: 0,
            search: Search::default(),
            max_width: MAX_TEXT_WIDTH,
            render,
            cache: RefCell::new(HashMap::new()),
        };
        reader.set_columns(columns, 0);
        reader
    }

    fn blocks(&self, lang: &str) -> &[Block] {
        self.resolution
            .translation(lang)
            .map(|t| t.blocks.as_slice())
            .unwrap_or(&[])
    }

    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Change the columns, keeping the paragraph at the top of the screen.
    pub fn set_columns(&mut self, columns: Vec<String>, width: usize) {
        let columns: Vec<String> = columns
            .into_iter()
            .filter(|l| self.resolution.translation(l).is_some())
            .collect();
        if columns.is_empty() {
            return;
        }
        let place = self.place();
        let old_height = if self.rows.is_empty() || width == 0 {
            1
        } else {
            self.height(self.top, width)
        };
        let blocks: Vec<&[Block]> = columns.iter().map(|l| self.blocks(l)).collect();
        // The resolution's other translations help pair the columns.
        let others = self.resolution.others(&columns);
        let bridges: Vec<&[Block]> = others.iter().map(|t| t.blocks.as_slice()).collect();
        let mut rows = vec![vec![0..0; columns.len()]];
        let (aligned, confidence) =
            align_all_scored(&blocks, &bridges, &self.lexicons.known(&columns, &others));
        rows.extend(aligned);
        self.rows = rows;
        self.doubtful = std::iter::once(false)
            .chain(confidence.into_iter().map(|c| c < LOW_CONFIDENCE))
            .collect();
        self.columns = columns;
        self.cache.borrow_mut().clear();
        let old_offset = self.offset;
        self.relocate(place);
        if width > 0 && old_offset > 0 {
            // Keep the same share of the paragraph above the screen top.
            let height = self.height(self.top, width);
            self.offset = (old_offset * height / old_height.max(1)).min(height.saturating_sub(1));
        }
        self.rerun_search();
    }

    /// What the top row shows, in the first column that has something there.
    fn place(&self) -> Option<Place> {
        let row = self.rows.get(self.top)?;
        if self.top == 0 {
            return Some(Place {
                lang: self.columns.first()?.clone(),
                block: None,
            });
        }
        row.iter()
            .zip(&self.columns)
            .find(|(r, _)| !r.is_empty())
            .map(|(r, lang)| Place {
                lang: lang.clone(),
                block: Some(r.start),
            })
    }

    /// Put the row holding `place` at the top.
    fn relocate(&mut self, place: Option<Place>) {
        self.offset = 0;
        let Some(place) = place else {
            self.top = 0;
            return;
        };
        let Some(block) = place.block else {
            self.top = 0;
            return;
        };
        // In a shown language, find its block; otherwise map it through the
        // alignment with the first column.
        let (column, block) = match self.columns.iter().position(|l| *l == place.lang) {
            Some(c) => (c, block),
            None => {
                let beads = align(self.blocks(&place.lang), self.blocks(&self.columns[0]));
                let mapped = beads
                    .iter()
                    .skip_while(|b| b.left.end <= block)
                    .find(|b| !b.right.is_empty())
                    .map(|b| b.right.start)
                    .unwrap_or(0);
                (0, mapped)
            }
        };
        self.top = self
            .rows
            .iter()
            .position(|r| {
                r[column].contains(&block) || (!r[column].is_empty() && r[column].start > block)
            })
            .unwrap_or(self.rows.len().saturating_sub(1));
    }

    /// The block of `column` at the top of the screen, or the nearest one
    /// above it (`None` at the titles).
    pub fn top_block(&self, column: usize) -> Option<usize> {
        (1..=self.top).rev().find_map(|row| {
            let range = self.rows.get(row)?.get(column)?;
            (!range.is_empty()).then_some(range.start)
        })
    }

    /// Put the row holding `block` of `column` at the top.
    pub fn go_to_block(&mut self, column: usize, block: usize) {
        if let Some(lang) = self.columns.get(column).cloned() {
            self.relocate(Some(Place {
                lang,
                block: Some(block),
            }));
        }
    }

    /// The text of each column's blocks in `row`: (language, text).
    pub fn row_texts(&self, row: usize) -> Vec<(String, String)> {
        let Some(ranges) = self.rows.get(row) else {
            return Vec::new();
        };
        self.columns
            .iter()
            .zip(ranges)
            .filter(|(_, r)| !r.is_empty())
            .map(|(lang, r)| {
                let text = self.blocks(lang)[r.clone()]
                    .iter()
                    .map(|b| b.display_text())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                (lang.clone(), text)
            })
            .collect()
    }

    /// Column positions in a pane `width` cells wide.
    pub fn geometry(&self, width: usize) -> Geometry {
        let n = self.columns.len().max(1);
        if n == 1 {
            let text = width.saturating_sub(GUTTER).clamp(1, self.max_width.max(1));
            let x = (width.saturating_sub(text + GUTTER)) / 2 + GUTTER;
            return Geometry {
                columns: vec![(x, text)],
                stacked: false,
            };
        }
        let side_by_side = width.saturating_sub(n * GUTTER + (n - 1) * GAP) / n;
        if width < STACK_BELOW || side_by_side < MIN_COLUMN {
            let text = width.saturating_sub(GUTTER).max(1);
            return Geometry {
                columns: vec![(GUTTER, text)],
                stacked: true,
            };
        }
        let text = (width.saturating_sub(n * GUTTER + (n - 1) * GAP) / n).max(1);
        let columns = (0..n)
            .map(|i| (i * (text + GUTTER + GAP) + GUTTER, text))
            .collect();
        Geometry {
            columns,
            stacked: false,
        }
    }

    /// The screen lines of row `row` at pane width `width` (cached).
    pub fn row_lines(&self, row: usize, width: usize) -> Rc<Vec<ScreenLine>> {
        if let Some(lines) = self.cache.borrow().get(&(row, width)) {
            return lines.clone();
        }
        let lines = Rc::new(self.lay_out_row(row, width));
        self.cache.borrow_mut().insert((row, width), lines.clone());
        lines
    }

    fn cell_lines(&self, row: usize, column: usize, width: usize) -> Vec<LaidLine> {
        let lang = &self.columns[column];
        let blocks: Vec<Block> = if row == 0 {
            let title = self
                .resolution
                .translation(lang)
                .map(|t| t.meta.title.clone())
                .unwrap_or_default();
            vec![Block::Heading {
                level: 1,
                text: title,
            }]
        } else {
            self.blocks(lang)[self.rows[row][column].clone()].to_vec()
        };
        let mut lines = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            if b > 0 {
                lines.push(crate::render::blank());
            }
            let highlights: Vec<(usize, Range<usize>)> = self
                .search
                .hits
                .iter()
                .filter(|h| h.row == row && h.column == column && h.block == b)
                .map(|h| (h.piece, h.range.clone()))
                .collect();
            lines.extend(highlighted_block_lines(
                block,
                lang,
                width,
                self.render,
                &highlights,
            ));
        }
        lines
    }

    fn lay_out_row(&self, row: usize, width: usize) -> Vec<ScreenLine> {
        let geometry = self.geometry(width);
        let mut out: Vec<ScreenLine> = Vec::new();
        if geometry.stacked {
            let text = geometry.columns[0].1;
            for column in 0..self.columns.len() {
                let lines = self.cell_lines(row, column, text);
                if lines.is_empty() {
                    continue;
                }
                let label = format!(
                    "{} {}",
                    self.columns[column],
                    crate::lang::native_name(&self.columns[column])
                );
                out.push(ScreenLine {
                    columns: vec![crate::render::blank()],
                    label: Some(label),
                    doubtful: false,
                });
                out.extend(lines.into_iter().map(|l| ScreenLine {
                    columns: vec![l],
                    label: None,
                    doubtful: false,
                }));
            }
        } else {
            let cells: Vec<Vec<LaidLine>> = geometry
                .columns
                .iter()
                .enumerate()
                .map(|(c, (_, w))| self.cell_lines(row, c, *w))
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(0);
            for i in 0..height {
                let columns = cells
                    .iter()
                    .map(|c| c.get(i).cloned().unwrap_or_else(crate::render::blank))
                    .collect();
                out.push(ScreenLine {
                    columns,
                    label: None,
                    doubtful: self.doubtful.get(row).copied().unwrap_or(false),
                });
            }
        }
        // A blank line separates rows.
        let blanks = geometry
            .columns
            .iter()
            .map(|_| crate::render::blank())
            .collect();
        out.push(ScreenLine {
            columns: blanks,
            label: None,
            doubtful: false,
        });
        out
    }

    pub fn height(&self, row: usize, width: usize) -> usize {
        self.row_lines(row, width).len()
    }

    /// The lines shown in a pane of `width` × `height`: (row, line).
    pub fn visible(&self, width: usize, height: usize) -> Vec<(usize, ScreenLine)> {
        let mut out = Vec::with_capacity(height);
        let (mut row, mut skip) = (self.top, self.offset);
        while out.len() < height && row < self.rows.len() {
            let lines = self.row_lines(row, width);
            for line in lines.iter().skip(skip).take(height - out.len()) {
                out.push((row, line.clone()));
            }
            skip = 0;
            row += 1;
        }
        out
    }

    /// Scroll by `delta` lines (negative: up), never past the last screenful.
    pub fn scroll(&mut self, delta: isize, width: usize, height: usize) {
        if delta >= 0 {
            self.offset += delta as usize;
            while self.top + 1 < self.rows.len() && self.offset >= self.height(self.top, width) {
                self.offset -= self.height(self.top, width);
                self.top += 1;
            }
            self.clamp_to_end(width, height);
        } else {
            let mut up = delta.unsigned_abs();
            while up > self.offset && self.top > 0 {
                up -= self.offset + 1;
                self.top -= 1;
                self.offset = self.height(self.top, width) - 1;
            }
            self.offset = self.offset.saturating_sub(up);
        }
    }

    /// Keep the view from ending above the bottom of the pane.
    fn clamp_to_end(&mut self, width: usize, height: usize) {
        let mut below = 0;
        let mut row = self.top;
        while row < self.rows.len() && below < height + self.offset {
            below += self.height(row, width);
            row += 1;
        }
        if below >= height + self.offset {
            return;
        }
        self.to_end(width, height);
    }

    pub fn to_start(&mut self) {
        self.top = 0;
        self.offset = 0;
    }

    /// Show the last screenful (lays out only the rows it needs).
    pub fn to_end(&mut self, width: usize, height: usize) {
        let mut need = height;
        let mut row = self.rows.len();
        while row > 0 {
            row -= 1;
            let h = self.height(row, width);
            if h >= need {
                self.top = row;
                self.offset = h - need;
                return;
            }
            need -= h;
        }
        self.to_start();
    }

    /// Move the top to the next (`+1`) or previous (`-1`) row.
    pub fn step_paragraph(&mut self, forward: bool, width: usize, height: usize) {
        if forward {
            if self.top + 1 < self.rows.len() {
                self.top += 1;
                self.offset = 0;
                self.clamp_to_end(width, height);
            }
        } else if self.offset > 0 {
            self.offset = 0;
        } else {
            self.top = self.top.saturating_sub(1);
        }
    }

    /// "¶ n/m" and percent through the document, by row.
    pub fn progress(&self) -> (usize, usize, usize) {
        let paragraphs = self.rows.len().saturating_sub(1).max(1);
        let n = self.top.clamp(1, paragraphs);
        let percent = if self.rows.len() <= 1 {
            100
        } else {
            self.top * 100 / (self.rows.len() - 1)
        };
        (n, paragraphs, percent)
    }

    /// Whether the end of the text is on a pane of `width` × `height`.
    pub fn at_end(&self, width: usize, height: usize) -> bool {
        let mut lines = 0;
        for row in self.top..self.rows.len() {
            lines += self.height(row, width);
            if lines > height + self.offset {
                return false;
            }
        }
        true
    }

    /// The row under the reading cursor: the first row starting on screen,
    /// or the top row when it fills the screen.
    pub fn cursor_row(&self) -> usize {
        if self.offset == 0 || self.top + 1 >= self.rows.len() {
            self.top
        } else {
            self.top + 1
        }
    }

    /// Languages the resolution has that are not shown.
    pub fn hidden_langs(&self) -> Vec<String> {
        self.resolution
            .meta
            .langs()
            .into_iter()
            .filter(|l| !self.columns.contains(l))
            .collect()
    }

    /// Default column order: left-to-right languages first, right-to-left last.
    pub fn arrange(mut langs: Vec<String>) -> Vec<String> {
        langs.sort_by_key(|l| is_rtl(l));
        langs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Library, LibraryOptions};

    const CEASEFIRE: &str = "icor-2025-10-31-secure-the-victory-of-the-ceasefire";

    fn reader(columns: &[&str]) -> Reader {
        let library = Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        });
        let resolution = library.resolution(CEASEFIRE).unwrap();
        let lexicons = Lexicons::learn(&library.entries, &resolution.meta.langs());
        Reader::new(
            resolution,
            lexicons,
            columns.iter().map(|s| s.to_string()).collect(),
            RenderOptions::default(),
        )
    }

    fn top_text(r: &Reader, width: usize) -> String {
        r.visible(width, 1)[0].1.columns[0].to_plain()
    }

    #[test]
    fn side_by_side_uses_what_the_library_taught() {
        use crate::library::lexicons::fixtures;
        let mut library = Library::default();
        for r in fixtures::teachers() {
            library.add_in_memory(r);
        }
        // Paragraphs alike in length; the Spanish lacks the fifth.
        let all: Vec<usize> = (0..10).collect();
        let no_fifth: Vec<usize> = all.iter().copied().filter(|&k| k != 4).collect();
        let new = fixtures::resolution("new", &all, &no_fifth, false);
        library.add_in_memory(new.clone());
        let columns = vec!["en".to_string(), "es".to_string()];
        let lexicons = Lexicons::learn(&library.entries, &columns);
        let alone_row = |r: &Reader| {
            r.rows
                .iter()
                .any(|row| row[0] == (4..5) && row[1].is_empty())
        };
        let taught = Reader::new(
            new.clone(),
            lexicons,
            columns.clone(),
            RenderOptions::default(),
        );
        assert!(alone_row(&taught), "{:?}", taught.rows);
        let untaught = Reader::new(new, Lexicons::default(), columns, RenderOptions::default());
        assert!(!alone_row(&untaught), "{:?}", untaught.rows);
    }

    #[test]
    fn switching_language_keeps_the_paragraph() {
        let mut r = reader(&["en"]);
        // The paragraph "Donald Trump now wants…" (after the merged bead).
        r.top = 5;
        assert!(top_text(&r, 60).trim_start().starts_with("Donald Trump"));
        r.set_columns(vec!["ru".into()], 60);
        assert!(
            top_text(&r, 60).trim_start().starts_with("Дональд Трамп"),
            "{}",
            top_text(&r, 60)
        );
        r.set_columns(vec!["en".into(), "ru".into()], 120);
        let line = &r.visible(120, 1)[0].1;
        assert!(line.columns[0].to_plain().starts_with("Donald Trump"));
        assert!(line.columns[1].to_plain().starts_with("Дональд Трамп"));
    }

    #[test]
    fn scrolling_lays_out_only_what_is_passed() {
        let mut r = reader(&["en", "ru"]);
        r.scroll(5, 120, 20);
        assert_eq!(
            r.cache.borrow().len(),
            1 + r.cache.borrow().keys().filter(|(row, _)| *row > 0).count()
        );
        let laid = r.cache.borrow().len();
        assert!(laid < r.rows() / 2, "{laid} of {} rows laid out", r.rows());
        r.to_end(120, 20);
        let visible = r.visible(120, 20);
        assert_eq!(visible.len(), 20);
        assert_eq!(visible.last().unwrap().0, r.rows() - 1);
        r.scroll(-1000, 120, 20);
        assert_eq!((r.top, r.offset), (0, 0));
    }

    #[test]
    fn narrow_panes_stack_the_columns() {
        let r = reader(&["en", "ru"]);
        assert!(r.geometry(70).stacked && !r.geometry(100).stacked);
        // The first row with text in both columns (the Russian file has a
        // letterhead of its own before it).
        let both = (1..r.rows())
            .find(|&i| r.rows[i].iter().all(|range| range.start < range.end))
            .expect("a row with both columns");
        let lines = r.row_lines(both, 70);
        assert_eq!(lines[0].label.as_deref(), Some("en English"));
        assert!(
            lines
                .iter()
                .any(|l| l.label.as_deref() == Some("ru русский"))
        );
    }

    #[test]
    fn search_finds_hits_in_every_column_case_insensitively() {
        let mut r = reader(&["en", "ru"]);
        r.set_search("газ");
        assert!(r.search.hits.len() >= 5);
        assert!(r.search.hits.iter().all(|h| h.column == 1));
        assert!(r.jump_hit(true));
        let first = r.top;
        r.set_search("GAZA");
        assert!(r.search.hits.iter().all(|h| h.column == 0));
        assert!(r.jump_hit(true) && r.top >= 1);
        let _ = first;
    }
}
