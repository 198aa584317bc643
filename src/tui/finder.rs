//! The finder over the whole library: what was typed, the search running
//! for it in the background (see `jobs`), its results, opening one, and
//! drawing it all.

use super::app::App;
use super::draw::{
    border, centered, fitted_label, highlighted_line, key_for, spans, typed, visual,
};
use super::faults::{Fault, Faults};
use super::jobs::AfterOpen;
use super::keymap::{Action, Context};
use super::popup::{Outcome, Popup, step};
use crate::lang::native_name;
use crate::render::layout_options;
use crate::search::query::Query;
use crate::search::{Hit, Index};
use crate::text::layout_paragraph;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::ops::Range;
use std::sync::atomic::Ordering;
use unicode_width::UnicodeWidthStr;

/// Where each hit matched (byte ranges in its text), for highlighting;
/// `None` for a hit too far from the selection to have been worked out.
/// Worked out when results arrive (by the search thread) and as the
/// selection moves, never while drawing.
pub type Marks = Vec<Option<Vec<Range<usize>>>>;

/// How many hits around the selection have their marks worked out: more
/// than any screen shows.
const MARKED: usize = 256;

/// The marks of the hits in `window` (those not worked out yet).
fn mark(marks: &mut Marks, index: &Index, query: &Query, hits: &[Hit], window: Range<usize>) {
    marks.resize(hits.len(), None);
    for i in window.start..window.end.min(hits.len()) {
        if marks[i].is_none() {
            marks[i] = Some(crate::search::ranges(index, query, &hits[i]));
        }
    }
}

/// The finder's state: what was typed and what it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    pub input: String,
    /// Full-text mode by key (a leading `/` in the input also selects it).
    pub full_text_key: bool,
    pub hits: Vec<Hit>,
    pub marks: Marks,
    pub selected: usize,
    /// The query the hits answer, to narrow from on the next keystroke.
    pub answered: Option<Query>,
    /// A search for the latest input is still running.
    pub searching: bool,
    /// Where C-p/C-n are in the finder's history.
    pub history: super::history::Walk,
}

impl Finder {
    pub fn query(&self) -> Query {
        let mut q = Query::parse(&self.input);
        q.full_text |= self.full_text_key;
        q
    }

    /// Run the query, narrowing from the last results when it can. The
    /// search runs off the UI thread; its results arrive in `App::tick`.
    pub(super) fn run(&mut self, app: &mut App) {
        let query = self.query();
        if self
            .answered
            .as_ref()
            .is_some_and(|a| a.full_text != query.full_text)
        {
            // Hits of the other mode are entries of the other index: never
            // shown (or narrowed from) against this one.
            self.hits.clear();
            self.marks.clear();
            self.answered = None;
        }
        let Some(index) = app.finder_index(query.full_text) else {
            self.hits.clear();
            self.marks.clear();
            self.answered = None;
            app.start_indexing();
            return;
        };
        let jobs = &mut app.jobs;
        if query.is_empty() && query.full_text {
            // An empty full-text query shows nothing rather than every
            // paragraph, so it answers nothing to narrow from.
            jobs.generation.fetch_add(1, Ordering::SeqCst);
            jobs.search = None;
            self.hits.clear();
            self.marks.clear();
            self.answered = None;
            self.searching = false;
            return;
        }
        let candidates: Option<Vec<usize>> = self
            .answered
            .as_ref()
            .filter(|p| query.narrows(p))
            .map(|_| self.hits.iter().map(|h| h.entry).collect());
        // A newer keystroke bumps the generation, which stops this search.
        let generation = jobs.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = jobs.generation.clone();
        let (send, receive) = std::sync::mpsc::channel();
        let fault = app.faults.fires(Fault::Search);
        std::thread::spawn(move || {
            if Faults::ENABLED && fault {
                panic!("injected fault: a panic in a search");
            }
            let stop = || current.load(Ordering::SeqCst) != generation;
            if let Some(hits) =
                crate::search::search_until(&index, &query, candidates.as_deref(), &stop)
            {
                let mut marks = Marks::new();
                mark(&mut marks, &index, &query, &hits, 0..MARKED);
                let _ = send.send((generation, query, hits, marks));
            }
        });
        app.jobs.search = Some(receive);
        self.searching = true;
    }
}

impl Finder {
    /// Work out the marks of the hits near the selection, once the
    /// selection has moved past those the search thread did.
    fn mark_around_selection(&mut self, app: &App) {
        let query = self.query();
        let Some(index) = app.finder_index(query.full_text) else {
            return;
        };
        let window = self.selected.saturating_sub(MARKED / 2)..self.selected + MARKED / 2;
        mark(&mut self.marks, &index, &query, &self.hits, window);
    }

    /// Where hit `i` matched, if worked out.
    fn marks_of(&self, i: usize) -> &[Range<usize>] {
        self.marks.get(i).and_then(Option::as_deref).unwrap_or(&[])
    }
}

impl Popup for Finder {
    fn context(&self) -> Context {
        Context::Finder
    }

    fn typed(&mut self, c: char, app: &mut App) -> Outcome {
        self.input.push(c);
        self.history.edited();
        self.run(app);
        Outcome::Stay
    }

    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        match action {
            Action::DeleteBack => {
                self.input.pop();
                self.history.edited();
                self.run(app);
            }
            Action::HistoryOlder | Action::HistoryNewer => {
                let history = &app.memory.state.finder_history;
                let recalled = if action == Action::HistoryOlder {
                    self.history.older(history, &self.input)
                } else {
                    self.history.newer(history)
                };
                if let Some(query) = recalled {
                    self.input = query;
                    self.selected = 0;
                    self.answered = None;
                    self.run(app);
                }
            }
            Action::ToggleFullText => {
                self.full_text_key = !self.full_text_key;
                self.run(app);
            }
            Action::Open => {
                if let Some(hit) = self.hits.get(self.selected).cloned() {
                    // Kept as typed; a full-text query by key is kept with
                    // the leading slash that also selects full text.
                    let query = if self.full_text_key && !self.input.starts_with('/') {
                        format!("/{}", self.input)
                    } else {
                        self.input.clone()
                    };
                    crate::state::remember_query(&mut app.memory.state.finder_history, &query);
                    open_hit(app, &hit, &self.query());
                    return Outcome::Close;
                }
            }
            _ => {
                step(&mut self.selected, action, self.hits.len());
                self.mark_around_selection(app);
            }
        }
        Outcome::Stay
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        draw_finder(frame, app, self);
    }
}

/// Open the resolution of a finder hit, at its paragraph, hits shown.
fn open_hit(app: &mut App, hit: &Hit, query: &Query) {
    let Some(index) = app.finder_index(query.full_text) else {
        return;
    };
    let Some(entry) = index.entry(hit.entry) else {
        return;
    };
    app.record_jump();
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
        // Highlight what matched: the longest term the user typed where the
        // paragraph holds it as typed, else the word as it stands in the
        // text (a transliterated hit, or the word found without its
        // article), unless that is a letter or two of a scattered match.
        let matched = crate::search::ranges(&index, &query, &hit)
            .first()
            .map(|r| entry.text[r.clone()].to_string());
        let longest = query
            .terms
            .iter()
            .filter(|t| !t.negated)
            .map(|t| t.folded.clone())
            .max_by_key(|t| t.chars().count());
        let folded = crate::search::fold::fold(entry.text).text;
        let as_typed = longest
            .as_ref()
            .filter(|t| folded.contains(t.as_str()))
            .cloned();
        let as_written = matched.filter(|m| hit.transliterated || m.chars().count() >= 3);
        if let Some(word) = as_typed.or(as_written).or(longest) {
            reader.set_search(&word);
        }
        reader.top = block + 1;
        reader.offset = 0;
        reader.scroll(0, width, height);
    });
    if let Err(e) = app.open_then(&id, Some(vec![lang]), Some(then)) {
        app.status = Some(e);
    }
}

fn draw_finder(frame: &mut Frame, app: &App, finder: &Finder) {
    let screen = super::draw::screen(frame, app);
    let area = centered(
        screen,
        screen.width.saturating_sub(4).max(10),
        screen.height.saturating_sub(2).max(3),
    );
    super::popup::cover(frame, area);
    let query = finder.query();
    let mode = if query.full_text {
        "full text"
    } else {
        "titles"
    };
    let index = app.finder_index(query.full_text);
    let total = index.as_ref().map(|i| i.len()).unwrap_or(0);
    let toggle = key_for(app, Context::Finder, Action::ToggleFullText).unwrap_or_default();
    let block = border(
        format!(" Find · {mode} ({toggle} switches) "),
        true,
        &app.theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let count = match &index {
        Some(_) if finder.searching => format!("  {}/{total} …", finder.hits.len()),
        Some(_) => format!("  {}/{total}", finder.hits.len()),
        None => format!("  {}", indexing(app)),
    };
    let prompt = Line::from(vec![
        Span::styled("> ", app.theme.accent),
        Span::raw(typed(&finder.input, app)),
        Span::styled("█", app.theme.cursor),
        Span::styled(count, app.theme.dim),
    ]);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let body = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let Some(index) = index else {
        let building = match app.jobs.index_progress.get() {
            (_, 0) => "Building the full-text index…".to_string(),
            (done, total) => format!("Building the full-text index… {} %", done * 100 / total),
        };
        let line = Line::styled(building, app.theme.dim);
        frame.render_widget(Paragraph::new(line), body);
        return;
    };
    let (list, preview) = split_for_preview(body, query.full_text);
    draw_results(frame, app, finder, &index, &query, list);
    if let (Some(preview), Some(hit)) = (preview, finder.hits.get(finder.selected)) {
        let marks = finder.marks_of(finder.selected);
        draw_preview(frame, app, &index, hit, marks, preview);
    }
}

/// Full text: results on the left, the selected paragraph on the right
/// (when there is room); titles: results only.
fn split_for_preview(body: Rect, full_text: bool) -> (Rect, Option<Rect>) {
    if full_text && body.width >= 60 {
        let left = body.width / 2;
        (
            Rect {
                width: left,
                ..body
            },
            Some(Rect {
                x: body.x + left + 1,
                width: body.width - left - 1,
                ..body
            }),
        )
    } else {
        (body, None)
    }
}

/// The result rows, the selected one kept in view.
fn draw_results(
    frame: &mut Frame,
    app: &App,
    finder: &Finder,
    index: &Index,
    query: &Query,
    list: Rect,
) {
    let rows = list.height as usize;
    let first = finder.selected.saturating_sub(rows.saturating_sub(1));
    let width = list.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, hit) in finder.hits.iter().enumerate().skip(first).take(rows) {
        let Some(e) = index.entry(hit.entry) else {
            continue;
        };
        let marker = if i == finder.selected {
            Span::styled("▶ ", app.theme.accent)
        } else {
            Span::raw("  ")
        };
        // What the row is: the resolution's title (full text) or its
        // organisation and date (titles), then the language and paragraph;
        // missing parts are left out, not shown as empty separators.
        let parts: Vec<String> = if query.full_text {
            let title: String = if e.title.chars().count() > 32 {
                e.title.chars().take(31).chain(['…']).collect()
            } else {
                e.title.to_string()
            };
            let paragraph = e.block.map(|b| format!(" ¶{}", b + 1)).unwrap_or_default();
            vec![visual(&title, app), format!("{}{paragraph}", e.lang)]
        } else {
            let lang = visual(&format!("{} {}", e.lang, native_name(e.lang)), app);
            // The organisation gives up cells first, then the date: the
            // language says which row is which.
            let date = e
                .date
                .map(|d| d.to_string())
                .filter(|d| " · ".width() * 2 + d.width() + lang.width() <= width / 2);
            let fixed =
                " · ".width() * 2 + date.as_ref().map_or(0, |d| d.width() + 3) + lang.width();
            let organization = e
                .organization
                .map(|o| fitted_label(o, (width / 2).saturating_sub(fixed), app))
                .filter(|o| o != "…");
            [organization, date, Some(lang)]
                .into_iter()
                .flatten()
                .collect()
        };
        let parts: Vec<String> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
        // Padded as the title is, so that what follows a বাংলা stays put.
        let about = super::draw::pad_str(&format!(" · {}", parts.join(" · ")));
        let room = width.saturating_sub(about.width().min(width / 2));
        let mut spans = vec![marker];
        let ranges = finder.marks_of(i);
        if query.full_text {
            let (snippet, ranges) = crate::text::snippet(e.text, ranges, room);
            spans.extend(highlighted_line(&snippet, e.lang, room, &ranges, app));
        } else {
            spans.extend(highlighted_line(e.text, e.lang, room, ranges, app));
        }
        spans.push(Span::styled(about, app.theme.dim));
        let mut line = Line::from(spans);
        if i == finder.selected {
            line = line.style(Style::new().add_modifier(Modifier::BOLD));
        }
        lines.push(line);
    }
    if finder.hits.is_empty() && !finder.input.is_empty() {
        lines.push(Line::styled("  no match", app.theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), list);
    super::draw::force_widths(frame.buffer_mut(), list);
}

/// The selected paragraph in full, beside the results.
fn draw_preview(
    frame: &mut Frame,
    app: &App,
    index: &Index,
    hit: &Hit,
    marks: &[Range<usize>],
    preview: Rect,
) {
    let Some(e) = index.entry(hit.entry) else {
        return;
    };
    let layout = layout_options(
        e.lang,
        preview.width.saturating_sub(1).max(1) as usize,
        app.render,
    );
    let mut lines = vec![
        Line::styled(
            super::draw::pad_str(&visual(e.title, app)),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
    ];
    lines.extend(
        layout_paragraph(e.text, &layout, marks)
            .iter()
            .map(|l| Line::from(super::draw::pad_wide(spans(l, &app.theme)))),
    );
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::LEFT)
                .border_style(app.theme.dim),
        ),
        preview,
    );
    super::draw::force_widths(frame.buffer_mut(), preview);
}

/// How far the full-text index is: "indexing 312/1,204 translations".
fn indexing(app: &App) -> String {
    match app.jobs.index_progress.get() {
        (_, 0) => "indexing…".to_string(),
        (done, total) => format!(
            "indexing {}/{} translations",
            thousands(done),
            thousands(total)
        ),
    }
}

/// 1204 → "1,204".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
