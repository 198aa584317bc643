//! Drawing the reader from its state. Read-only: drawing never changes the
//! app (the reader's layout cache aside, which is invisible).

use super::app::App;
use super::keymap::{Action, Context};
use super::panes::{Focus, MIN_HEIGHT, MIN_WIDTH};
use super::reader::{GAP, GUTTER, Reader, ScreenLine};
use super::theme::Theme;
use crate::lang::native_name;
use crate::render::layout_options;
use crate::text::{LaidLine, Style as RunStyle, layout_paragraph, sanitize::sanitize_str};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The part of the frame the app draws in: its known size, never more
/// (a frame larger than the size the app was told of stays blank there).
pub(super) fn screen(frame: &Frame, app: &App) -> Rect {
    frame
        .area()
        .intersection(Rect::new(0, 0, app.size.0, app.size.1))
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = screen(frame, app);
    if area.is_empty() {
        // A terminal that reports no rows or columns: nothing to draw on.
        return;
    }
    if app.too_small() {
        let text = format!(
            "Window too small ({}×{}): resreader needs {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center),
            area,
        );
        return;
    }
    let panes = app.panes();
    if let Some(list) = panes.list {
        draw_list(frame, app, list);
    }
    if let Some(details) = panes.details {
        draw_details(frame, app, details);
    }
    if let (Some(pane), Some(reader)) = (panes.reader, app.reader.as_ref()) {
        draw_reader(frame, app, reader, pane);
    }
    // A message longer than the screen is wide takes more lines, over the
    // panes' last ones, until the next key.
    let bottom = bottom_lines(app, area.width as usize, (area.height / 3).max(1) as usize);
    let rows = (bottom.len() as u16).clamp(1, area.height);
    let bottom_area = Rect {
        y: area.height - rows,
        height: rows,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, bottom_area);
    frame.render_widget(Paragraph::new(bottom), bottom_area);
    if let Some(popup) = app.popups.last() {
        popup.draw(frame, app);
    }
}

pub(super) fn border(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(if focused {
            theme.accent
        } else {
            Style::default()
        })
}

/// A laid-out line as spans, its indent included.
pub(super) fn spans(line: &LaidLine, theme: &Theme) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(line.runs.len() + 1);
    if line.indent > 0 {
        out.push(Span::raw(" ".repeat(line.indent)));
    }
    for run in &line.runs {
        let style = match run.style {
            RunStyle::Plain => Style::default(),
            RunStyle::Highlight => theme.hit,
            RunStyle::Placeholder => theme.placeholder,
        };
        out.push(Span::styled(run.text.clone(), style));
    }
    out
}

/// A title on one line through the layout engine (bidi, shaping, safety).
pub(super) fn one_line(text: &str, lang: &str, width: usize, app: &App) -> Vec<Span<'static>> {
    highlighted_line(text, lang, width, &[], app)
}

/// Layout options for text in no known language (a label, a message):
/// its first strong letter sets its direction.
fn options_by_first_letter(width: usize, app: &App) -> crate::text::LayoutOptions {
    crate::text::LayoutOptions {
        direction: None,
        ..layout_options("en", width, app.render)
    }
}

/// A short label in visual order (it may hold an Arabic or Hebrew name).
pub(super) fn visual(text: &str, app: &App) -> String {
    layout_paragraph(text, &options_by_first_letter(1000, app), &[])
        .first()
        .map(|l| l.to_plain().trim().to_string())
        .unwrap_or_default()
}

/// Text the user is typing (a query, a note) as it should be shown: through
/// the layout engine when it holds right-to-left text, so that in a
/// terminal in explicit mode it reads right too; otherwise only made safe,
/// keeping trailing spaces where the cursor follows them.
pub(super) fn typed(text: &str, app: &App) -> String {
    let rtl = |c: char| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    if !text.chars().any(rtl) {
        return sanitize_str(text);
    }
    let trailing = text.len() - text.trim_end().len();
    format!("{}{}", visual(text, app), " ".repeat(trailing))
}

fn draw_list(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::List && app.popups.is_empty();
    let block = border(
        format!(" Library ({}) ", app.library.entries.len()),
        focused,
        &app.theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, entry) in app.library.entries.iter().enumerate().skip(app.list_top) {
        if lines.len() + 2 > inner.height as usize {
            break;
        }
        let selected = i == app.selected;
        let marker = if selected { "▶ " } else { "  " };
        let (lang, title) = entry.meta.title_for(&app.preferred);
        let mut first = vec![Span::raw(marker)];
        match &entry.problem {
            Some(_) => first.push(Span::styled(
                format!("⚠ {}", sanitize_str(&entry.meta.id)),
                app.theme.placeholder,
            )),
            None => first.extend(one_line(title, lang, width, app)),
        }
        let about = match &entry.problem {
            Some(p) => format!("  broken: {}", sanitize_str(p)),
            None => {
                let date = entry
                    .meta
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                let langs: String = entry
                    .meta
                    .langs()
                    .iter()
                    .map(|l| format!("[{l}]"))
                    .collect();
                let excerpt = if entry.meta.excerpt() { " excerpt" } else { "" };
                // The organisation gives up cells so that the languages,
                // which say what the resolution can be read in, stay whole.
                let width_but_org = |date: &str| {
                    unicode_width::UnicodeWidthStr::width(
                        format!("  {date} ·  · {langs}{excerpt}").as_str(),
                    )
                };
                let room = inner.width as usize;
                // A range in a narrow pane: its end without what it shares.
                let date = match entry.meta.date {
                    Some(d) if width_but_org(&date) > room => d.short(),
                    _ => date,
                };
                let org_room = room.saturating_sub(width_but_org(&date));
                let org = entry
                    .meta
                    .organization
                    .as_deref()
                    .map(|o| fitted_label(o, org_room, app))
                    .unwrap_or_else(|| "—".into());
                format!("  {date} · {org} · {langs}{excerpt}")
            }
        };
        let mut first_line = Line::from(first);
        if selected {
            let style = if focused {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            first_line = first_line.style(style);
        }
        lines.push(first_line);
        lines.push(Line::styled(pad_str(&about), app.theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    // Titles in scripts terminals draw wider than ratatui counts (বাংলা).
    force_widths(frame.buffer_mut(), inner);
}

fn draw_details(frame: &mut Frame, app: &App, area: Rect) {
    let block = border(" Details ".into(), false, &app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(entry) = app.library.entries.get(app.selected) else {
        return;
    };
    let meta = &entry.meta;
    let mut lines = vec![];
    let langs: Vec<String> = meta
        .langs()
        .iter()
        .map(|l| visual(&format!("{l} {}", native_name(l)), app))
        .collect();
    lines.push(Line::raw(format!(
        "{} · {}",
        meta.kind,
        if meta.excerpt() {
            "excerpt"
        } else {
            "full text"
        }
    )));
    lines.push(Line::raw(pad_str(&langs.join(", "))));
    if let Some(source) = meta.source_label() {
        lines.push(Line::raw(format!("source: {}", sanitize_str(&source))));
    }
    match app.details.as_ref().filter(|d| d.index == app.selected) {
        Some(d) if d.error.is_some() => lines.push(Line::styled(
            format!("error: {}", sanitize_str(d.error.as_deref().unwrap_or(""))),
            app.theme.placeholder,
        )),
        Some(d) => lines.push(Line::raw(match d.signatories {
            Some(0) | None => "no signatories list".to_string(),
            Some(n) => format!("{n} signatories"),
        })),
        None => {}
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    // Language names in their own script (বাংলা).
    force_widths(frame.buffer_mut(), inner);
}

fn draw_reader(frame: &mut Frame, app: &App, reader: &Reader, area: Rect) {
    if app.faults.fires(super::faults::Fault::Draw) {
        panic!("injected fault: a panic while drawing the reading pane");
    }
    let focused = app.focus == Focus::Reader && app.popups.is_empty();
    let names: Vec<String> = reader
        .columns
        .iter()
        .map(|l| visual(&format!("{l} {}", native_name(l)), app))
        .collect();
    // Language names in their own script (বাংলা) get the same care as the text.
    let title = pad_str(&format!(" {} ", names.join(" │ ")));
    let block = border(title, focused, &app.theme);
    frame.render_widget(block, area);
    force_widths(frame.buffer_mut(), Rect { height: 1, ..area });
    let Some(text) = app.panes().reader_text() else {
        return;
    };
    let (width, height) = (text.width as usize, text.height as usize);
    let geometry = reader.geometry(width);
    let cursor = reader.cursor_row();
    let lines: Vec<Line> = reader
        .visible(width, height)
        .into_iter()
        .map(|(row, line)| screen_line(&line, &geometry.columns, row == cursor && row > 0, app))
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    force_widths(frame.buffer_mut(), text);

    let (n, m, percent) = reader.progress();
    // With the last line on screen there is nothing more to read.
    let percent = if reader.at_end(width, height) {
        100
    } else {
        percent
    };
    let mut status = format!(" {} · ¶ {n}/{m} · {percent}%", reader.columns.join("|"));
    if !reader.search.query.is_empty() {
        let current = reader
            .search
            .current
            .map(|c| (c + 1).to_string())
            .unwrap_or_else(|| "–".into());
        status.push_str(&format!(
            " · /{} {current}/{}",
            typed(&reader.search.query, app),
            reader.search.hits.len()
        ));
    }
    let status_area = Rect {
        y: text.y + text.height,
        height: 1,
        ..text
    };
    frame.render_widget(
        Paragraph::new(Line::styled(status, app.theme.dim)),
        status_area,
    );
}

/// One screen line: each column at its place, the cursor mark in the gutter,
/// a rule between columns.
fn screen_line(
    line: &ScreenLine,
    columns: &[(usize, usize)],
    cursor: bool,
    app: &App,
) -> Line<'static> {
    if let Some(label) = &line.label {
        let label = visual(label, app);
        return Line::styled(
            format!("{}── {label} ──", " ".repeat(GUTTER)),
            app.theme.dim.add_modifier(Modifier::BOLD),
        );
    }
    let mut spans_out: Vec<Span> = Vec::new();
    let mut x = 0;
    for (i, ((start, width), laid)) in columns.iter().zip(&line.columns).enumerate() {
        let gutter_at = start - GUTTER;
        if i > 0 {
            // The rule sits in the middle of the gap.
            let rule_at = gutter_at - GAP + 1;
            spans_out.push(Span::raw(" ".repeat(rule_at.saturating_sub(x))));
            // A dashed rule marks a pairing the aligner doubts.
            let rule = if line.doubtful { "┆" } else { "│" };
            spans_out.push(Span::styled(rule, app.theme.dim));
            x = rule_at + 1;
        }
        spans_out.push(Span::raw(" ".repeat(gutter_at.saturating_sub(x))));
        spans_out.push(if cursor {
            Span::styled("▎", app.theme.cursor)
        } else {
            Span::raw(" ")
        });
        x = *start;
        spans_out.extend(pad_wide(spans(laid, &app.theme)));
        let used = laid.indent + laid.width;
        x += used;
        if i + 1 < columns.len() {
            spans_out.push(Span::raw(" ".repeat(width.saturating_sub(used))));
            x = start + width;
        }
    }
    Line::from(spans_out)
}

/// Spans with blank cells after each cluster a terminal draws wider than
/// ratatui measures it (see `crate::text::width`), so that what follows
/// sits where the layout put it; `force_widths` then keeps those blanks
/// from being written over the cluster's last sign.
pub(super) fn pad_wide(spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    spans
        .into_iter()
        .map(|span| {
            if span.content.is_ascii() {
                return span;
            }
            Span::styled(pad_str(&span.content), span.style)
        })
        .collect()
}

/// `text` with the blank cells of `pad_wide`.
pub(super) fn pad_str(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        out.push_str(g);
        let extra = crate::text::width::cluster_width(g).saturating_sub(g.width());
        out.extend(std::iter::repeat_n(' ', extra));
    }
    out
}

/// Mark the cells of `area` whose cluster a terminal draws wider than
/// ratatui measures it with the terminal's width: the cells after it are
/// then skipped, and the next character is placed with an explicit cursor
/// move, whatever width the terminal gave the cluster.
///
/// Hand-written over ratatui's diff: it has no notion of a cell a terminal
/// may draw wider than unicode-width says. The cell's symbol starts with
/// an erase (`CSI n X`), as ratatui's forced width allows for symbols
/// holding escape sequences; [`shown`] gives the text alone.
pub(super) fn force_widths(buffer: &mut ratatui::buffer::Buffer, area: Rect) {
    use ratatui::buffer::CellDiffOption;
    use unicode_width::UnicodeWidthStr;
    // The pane is laid out for the size the app knows; a resize may have
    // left the frame smaller still.
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buffer[(x, y)];
            let symbol = cell.symbol();
            // ASCII, or already forced by an earlier call.
            if symbol.is_ascii() || symbol.starts_with('\x1b') {
                continue;
            }
            let cells = crate::text::width::cluster_width(symbol);
            // Also a cluster of several code points as wide as ratatui says
            // (हि): tmux keeps its vowel sign in a cell of its own, which
            // writing over the first cell does not clear.
            let several = cells > 1 && symbol.chars().nth(1).is_some();
            // One that does not fit (cut at the edge) is left alone: the
            // cells skipped after it would be the border's.
            let fits = x as usize + cells <= area.right() as usize;
            if (cells > symbol.width() || several)
                && fits
                && let Some(w) = u16::try_from(cells)
                    .ok()
                    .and_then(std::num::NonZeroU16::new)
            {
                // Erase its cells first (ECH, which leaves the cursor where
                // it is): a terminal that draws it narrower than counted
                // (tmux joins 👩‍💻 into 2 cells, kitty draws বা in 1) shows
                // blanks there, not what an earlier frame left.
                let erased = format!("\x1b[{cells}X{symbol}");
                cell.set_symbol(&erased);
                cell.set_diff_option(CellDiffOption::ForcedWidth(w));
                // The cells it covers are never written while it is there;
                // marked so, they differ from a blank, and are written (the
                // terminal's leftover part of the cluster cleared) once
                // something else takes the place.
                for covered in x.saturating_add(1)..x.saturating_add(w.get()).min(area.right()) {
                    buffer[(covered, y)].set_diff_option(CellDiffOption::Skip);
                }
            }
        }
    }
}

/// What a cell shows, without the erase `force_widths` put before it.
pub fn shown(symbol: &str) -> &str {
    symbol
        .strip_prefix("\x1b[")
        .and_then(|rest| rest.split_once('X'))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(symbol, |(_, text)| text)
}

/// The first key bound to `action`, for hints.
pub(super) fn key_for(app: &App, context: Context, action: Action) -> Option<String> {
    app.keymap.key_for(context, action).map(|k| k.to_string())
}

/// What the bottom of the screen says, `width` cells wide: a message (in
/// at most `max_lines` lines, wrapped by the layout engine, as it may name
/// an Arabic title), else what is being opened, else the keys in force.
fn bottom_lines(app: &App, width: usize, max_lines: usize) -> Vec<Line<'static>> {
    match (&app.status, &app.jobs.opening) {
        (Some(status), _) => message_lines(status, width, max_lines, app),
        (None, Some(opening)) => {
            let message = format!("opening {}…", opening.title);
            message_lines(&message, width, max_lines, app)
        }
        (None, None) => vec![Line::from(key_hints(app, width))],
    }
}

/// `message` wrapped to `width` cells, in visual order. Past `max_lines`
/// lines it is laid out a cell narrower and its last line shown gets an
/// ellipsis at its logical end (the left of right-to-left text the app
/// reorders).
fn message_lines(message: &str, width: usize, max_lines: usize, app: &App) -> Vec<Line<'static>> {
    let lay =
        |width: usize| layout_paragraph(message, &options_by_first_letter(width.max(1), app), &[]);
    let laid = lay(width);
    if laid.len() <= max_lines {
        return laid
            .iter()
            .map(|line| Line::from(pad_wide(spans(line, &app.theme))))
            .collect();
    }
    let laid = lay(width.saturating_sub(1));
    let rtl = unicode_bidi::get_base_direction(message) == unicode_bidi::Direction::Rtl;
    laid.iter()
        .take(max_lines)
        .enumerate()
        .map(|(n, line)| {
            let spans = spans(line, &app.theme);
            Line::from(pad_wide(if n + 1 == max_lines {
                with_ellipsis(spans, line, rtl, app)
            } else {
                spans
            }))
        })
        .collect()
}

/// The hints of the keys in force, most useful first, as many whole ones
/// as fit in `width` cells (and the first in any case): the top popup's
/// (where letters are typed, not taken as the reader's keys), else the
/// focused pane's.
fn key_hints(app: &App, width: usize) -> Vec<Span<'static>> {
    let context = match app.popups.last() {
        Some(popup) => popup.context(),
        None if app.focus == Focus::Reader => Context::Reader,
        None => Context::List,
    };
    let actions: &[Action] = match context {
        Context::Finder => &[
            Action::Open,
            Action::ToggleFullText,
            Action::HistoryOlder,
            Action::Close,
            Action::Quit,
        ],
        Context::Prompt => &[
            Action::Confirm,
            Action::HistoryOlder,
            Action::Close,
            Action::Quit,
        ],
        Context::Popup => &[Action::Close, Action::Quit],
        Context::Reader => &[
            Action::Help,
            Action::NextTranslation,
            Action::ChooseTranslation,
            Action::SideBySide,
            Action::AddColumn,
            Action::Search,
            Action::Close,
            Action::Quit,
        ],
        _ => &[
            Action::Help,
            Action::Open,
            Action::Find,
            Action::NextPane,
            Action::Quit,
        ],
    };
    use unicode_width::UnicodeWidthStr;
    let mut hints = Vec::new();
    let mut used = 0;
    for (key, action) in actions
        .iter()
        .filter_map(|a| key_for(app, context, *a).map(|k| (k, a)))
    {
        let name = action.name().replace('_', " ");
        let gap = if used == 0 { 0 } else { 2 };
        let hint_width = gap + key.width() + 1 + name.width();
        // The first always, cut if it must be: it is the way to the help.
        if used > 0 && used + hint_width > width {
            break;
        }
        used += hint_width;
        if gap > 0 {
            hints.push(Span::raw("  "));
        }
        hints.push(Span::styled(key, app.theme.accent));
        hints.push(Span::styled(format!(" {name}"), app.theme.dim));
    }
    hints
}

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// One line of text through the layout engine, with highlighted ranges;
/// an ellipsis at the line's logical end (the left, for a right-to-left
/// text the app reorders) says when the text went on. The whole takes at
/// most `width` cells.
pub(super) fn highlighted_line(
    text: &str,
    lang: &str,
    width: usize,
    ranges: &[std::ops::Range<usize>],
    app: &App,
) -> Vec<Span<'static>> {
    let options = layout_options(lang, width, app.render);
    fitted_line(text, options, crate::lang::is_rtl(lang), ranges, app)
}

/// A label whose language is unknown (an organisation's name) in at most
/// `width` cells, in visual order; its first strong letter sets its
/// direction, and an ellipsis its logical end when it is cut.
pub(super) fn fitted_label(text: &str, width: usize, app: &App) -> String {
    let rtl = unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl;
    let spans = fitted_line(text, options_by_first_letter(width, app), rtl, &[], app);
    let label: String = spans.iter().map(|s| s.content.as_ref()).collect();
    label.trim().to_string()
}

/// `text` laid out with `options` in at most `options.width` cells, cut
/// with an ellipsis at its logical end (the left when `rtl` and the app
/// reorders).
fn fitted_line(
    text: &str,
    options: crate::text::LayoutOptions,
    rtl: bool,
    ranges: &[std::ops::Range<usize>],
    app: &App,
) -> Vec<Span<'static>> {
    let width = options.width;
    let lay = |width: usize| {
        let options = crate::text::LayoutOptions {
            width: width.max(1),
            ..options
        };
        layout_paragraph(text, &options, ranges)
    };
    let lines = lay(width);
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    if lines.len() == 1 {
        return pad_wide(spans(first, &app.theme));
    }
    if width < 2 {
        return vec![Span::raw("…")];
    }
    // One cell less, for the ellipsis.
    let shorter = lay(width - 1);
    let Some(first) = shorter.first() else {
        return vec![Span::raw("…")];
    };
    pad_wide(with_ellipsis(spans(first, &app.theme), first, rtl, app))
}

/// The spans of `line` with an ellipsis at its logical end: the left of
/// right-to-left text (`rtl`) when the app reorders, after the blank cells
/// that align it, if any.
fn with_ellipsis(
    mut spans: Vec<Span<'static>>,
    line: &LaidLine,
    rtl: bool,
    app: &App,
) -> Vec<Span<'static>> {
    if app.render.bidi == crate::text::BidiMode::App && rtl {
        spans.insert(usize::from(line.indent > 0), Span::raw("…"));
    } else {
        spans.push(Span::raw("…"));
    }
    spans
}
