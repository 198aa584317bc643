//! PDF files with a text layer. [`pdf_extract`] (on `lopdf`) decodes the
//! glyphs through the fonts' ToUnicode maps and encodings and gives each
//! its position; this module puts them in reading order: glyphs into lines
//! by position (right-to-left lines read from the right, with their
//! digits and Latin words kept left-to-right), lines into paragraphs by the
//! space between them, larger type into headings, raised small digits into
//! footnote marks and notes. Running headers, footers and page numbers are
//! found by comparing pages and dropped.

use super::{Extracted, FormatError, Markdown};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

const FORMAT: &str = "PDF";
/// The most pages read; a longer file is refused rather than half read.
pub const MAX_PAGES: usize = 5_000;

/// One glyph: where it stands (top-down, in points) and what it reads.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    text: String,
    /// Place in the content stream.
    seq: usize,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    height: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let v = trm.transform_vector(euclid::vec2(font_size, font_size));
        let size = (v.x * v.y).abs().sqrt();
        if let Some(page) = self.pages.last_mut()
            && size.is_finite()
            && size > 0.0
        {
            let seq = page.len();
            page.push(Glyph {
                seq,
                x: trm.m31,
                y: self.height - trm.m32,
                width: width * size,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

pub fn read(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let corrupt = |reason: String| FormatError::Corrupt {
        format: FORMAT,
        reason,
    };
    // pdf-extract (and lopdf under it) panics on some malformed files; a
    // panic there is a file it cannot read, not a crash of the program,
    // and its message is not for the user: the caller names the file.
    let mut collector = Collector::default();
    let run = super::quiet::run(|| -> Result<(), FormatError> {
        let doc = super::pdf_guard::load(bytes)?;
        let pages = doc.get_pages().len();
        if pages > MAX_PAGES {
            return Err(corrupt(format!("{pages} pages; the limit is {MAX_PAGES}")));
        }
        pdf_extract::output_doc(&doc, &mut collector).map_err(|e| corrupt(e.to_string()))
    });
    match run {
        Ok(result) => result?,
        Err(()) => return Err(corrupt("its content could not be decoded".into())),
    }
    if collector
        .pages
        .iter()
        .all(|p| p.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(FormatError::NoTextLayer);
    }
    let pages: Vec<Vec<Line>> = collector.pages.into_iter().map(lines).collect();
    Ok(Extracted {
        text: compose(pages),
        lang: None,
    })
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Baseline, top-down.
    y: f64,
    /// The body size of the line's type.
    size: f64,
    /// Leading small digits: the line starts a footnote.
    note: Option<String>,
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

fn is_strong_ltr(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric() && !is_rtl(c))
}

/// The size most of a line's glyphs are set in.
fn body_size(glyphs: &[Glyph]) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for g in glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        *counts.entry((g.size * 4.0).round() as i64).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(size, n)| (*n, *size))
        .map_or(0.0, |(s, _)| s as f64 / 4.0)
}

/// Glyphs of one page into lines, top to bottom.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        // A glyph joins the row whose baseline is within half its size
        // (raised footnote marks included).
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= row[0].size.max(g.size) * 0.5 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter().filter_map(line).collect()
}

/// Combining marks (Arabic vowels, shadda; Hebrew points; accents).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

fn line(mut row: Vec<Glyph>) -> Option<Line> {
    // A mark drawn as a glyph of its own goes with its letter: the one
    // before it in the content stream, or after it in right-to-left text,
    // whose clusters are drawn from the left (mark first).
    row.sort_by_key(|g| g.seq);
    let mut based: Vec<Glyph> = Vec::with_capacity(row.len());
    let mut pending = String::new();
    for mut g in row {
        let mark = !g.text.is_empty() && g.text.chars().all(is_mark);
        let rtl_mark = mark && g.text.chars().any(is_rtl);
        match based.last_mut() {
            _ if rtl_mark => pending.push_str(&g.text),
            Some(base) if mark => base.text.push_str(&g.text),
            _ => {
                if !pending.is_empty() {
                    g.text.push_str(&std::mem::take(&mut pending));
                }
                based.push(g);
            }
        }
    }
    let mut row = based;
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    if row.is_empty() {
        return None;
    }
    let size = body_size(&row);
    let small = |g: &Glyph| g.size < size * 0.8 && g.text.chars().all(|c| c.is_ascii_digit());
    let rtl = row
        .iter()
        .flat_map(|g| g.text.chars())
        .filter(|c| is_rtl(*c))
        .count()
        > row
            .iter()
            .flat_map(|g| g.text.chars())
            .filter(|c| c.is_alphabetic() && !is_rtl(*c))
            .count();
    // Reading order: a right-to-left line from its right edge, its runs of
    // left-to-right glyphs (numbers, Latin words) kept in their own order.
    let order: Vec<&Glyph> = if rtl {
        let mut out: Vec<&Glyph> = Vec::new();
        let mut i = row.len();
        while i > 0 {
            let end = i;
            let ltr =
                |g: &Glyph| is_strong_ltr(&g.text) || g.text.chars().all(|c| ".,:%/-".contains(c));
            if is_strong_ltr(&row[i - 1].text) {
                while i > 0
                    && (ltr(&row[i - 1])
                        || row[i - 1].text.trim().is_empty()
                            && i > 1
                            && is_strong_ltr(&row[i - 2].text))
                {
                    i -= 1;
                }
                out.extend(row[i..end].iter());
            } else {
                i -= 1;
                out.push(&row[i]);
            }
        }
        out
    } else {
        row.iter().collect()
    };
    let mut text = String::new();
    let mut note: Option<String> = None;
    let mut leading = true;
    let mut prev: Option<&Glyph> = None;
    for g in order {
        if leading && small(g) {
            note.get_or_insert_with(String::new).push_str(&g.text);
            prev = Some(g);
            continue;
        }
        if let Some(p) = prev {
            let gap = if rtl {
                p.x - (g.x + g.width)
            } else {
                g.x - (p.x + p.width)
            };
            if gap > size * 0.15 && !text.ends_with(' ') && !g.text.starts_with(' ') {
                text.push(' ');
            }
        }
        leading = false;
        if small(g) && !text.is_empty() {
            // A raised small number inside the text: a footnote mark.
            if !text.ends_with("[^") {
                text.push_str("[^");
            }
            text.push_str(&g.text);
            prev = Some(g);
            continue;
        }
        if text.ends_with(|c: char| c.is_ascii_digit())
            && text.contains("[^")
            && !text.ends_with(']')
        {
            close_mark(&mut text);
        }
        text.push_str(&g.text);
        prev = Some(g);
    }
    close_mark(&mut text);
    let mut text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // A list number at the start of a right-to-left line is drawn with
    // its dot on the left (".1"): read it as written ("1.").
    if rtl && text.starts_with(['.', ')']) {
        let digits = text[1..].chars().take_while(char::is_ascii_digit).count();
        if (1..=3).contains(&digits) && text[1 + digits..].starts_with(' ') {
            text = format!(
                "{}{}{}",
                &text[1..1 + digits],
                &text[..1],
                &text[1 + digits..]
            );
        }
    }
    // A list number glued to the text ("1.人人…"): the gap was in the
    // number's advance, as CJK fonts set it.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace())
    {
        text.insert(digits + 1, ' ');
    }
    // Arabic presentation forms back to letters.
    let text: String = if text
        .chars()
        .any(|c| matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
    {
        text.nfkc().collect()
    } else {
        text
    };
    if text.is_empty() && note.is_none() {
        return None;
    }
    let y = row
        .iter()
        .filter(|g| (g.size - size).abs() < 0.5)
        .map(|g| g.y)
        .fold(f64::NAN, f64::max);
    Some(Line {
        text,
        y: if y.is_nan() { row[0].y } else { y },
        size,
        note,
    })
}

/// Close an open `[^12` mark.
fn close_mark(text: &mut String) {
    if let Some(open) = text.rfind("[^")
        && !text[open..].contains(']')
    {
        text.push(']');
    }
}

/// A line with its digits hidden, to find what repeats from page to page
/// ("Page 3 of 9", "report.doc · 3").
fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drop running headers and footers: the first and last lines of pages
/// that repeat (digits aside) on most pages, and lone page numbers there.
fn drop_furniture(pages: &mut [Vec<Line>]) {
    const EDGE: usize = 2;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let n = page.len();
        let mut keys: Vec<String> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < EDGE || *i + EDGE >= n)
            .map(|(_, l)| furniture_key(&l.text))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_insert(0) += 1;
        }
    }
    let count = pages.len();
    for page in pages.iter_mut() {
        let n = page.len();
        let mut at = 0;
        page.retain(|l| {
            let edge = at < EDGE || at + EDGE >= n;
            at += 1;
            if !edge || l.note.is_some() {
                return true;
            }
            let key = furniture_key(&l.text);
            let lone_number = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c == '#' || c.is_whitespace() || "-–—/.".contains(c));
            let repeats = count >= 2 && seen.get(&key).copied().unwrap_or(0) * 2 > count;
            !(lone_number || repeats)
        });
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(|c: char| c == ']' || c == '^' || c.is_ascii_digit())
        .ends_with([
            '.', '!', '?', ':', ';', '。', '！', '？', '؟', '»', '"', '”',
        ])
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Marks a line break after a hyphen, until `settle_hyphens` decides.
const BROKEN: char = '\u{1}';

/// A word hyphenated at a line's end is joined where the document writes
/// it joined elsewhere; otherwise the hyphen stays, since a kept hyphen
/// ("move-ment") reads better than a compound run together
/// ("memberstates"), and office programs seldom hyphenate by themselves.
fn settle_hyphens(text: &str) -> String {
    if !text.contains(BROKEN) {
        return text.to_string();
    }
    let plain: String = text.replace(['-', BROKEN], "");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(BROKEN) {
        let before = &rest[..at];
        let after = &rest[at + BROKEN.len_utf8()..];
        let head: String = before
            .trim_end_matches('-')
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{head}{tail}");
        // Joined elsewhere: more often than this one place.
        let elsewhere = text.replace(BROKEN, "").matches(joined.as_str()).count() > 0
            && plain.matches(joined.as_str()).count() > 1;
        if elsewhere {
            out.push_str(before.strip_suffix('-').unwrap_or(before));
        } else {
            out.push_str(before);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Add a wrapped line to a paragraph: a word hyphenated at the line's end
/// is joined, CJK text joins without a space.
fn join(text: &mut String, line: &str) {
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let mut rev = text.chars().rev();
    let hyphen = rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic);
    let next = line.chars().next();
    if hyphen && next.is_some_and(char::is_lowercase) {
        // "move-ment" or "member-states"? Decided once the whole text is
        // known (see `settle_hyphens`).
        text.push(BROKEN);
    } else if !(hyphen || text.ends_with(is_cjk) && next.is_some_and(is_cjk)) {
        text.push(' ');
    }
    text.push_str(line);
}

/// Pages of lines into markdown: headings by type size, paragraphs by the
/// space between lines, notes from lines that start with a small number.
fn compose(mut pages: Vec<Vec<Line>>) -> String {
    drop_furniture(&mut pages);
    // The body size: what most lines are set in.
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for l in pages.iter().flatten() {
        *sizes.entry((l.size * 4.0).round() as i64).or_insert(0) += l.text.chars().count();
    }
    let body = sizes
        .iter()
        .max_by_key(|(s, n)| (**n, **s))
        .map_or(10.0, |(s, _)| *s as f64 / 4.0);
    // Heading levels: larger sizes in order.
    let mut heading_sizes: Vec<i64> = sizes
        .keys()
        .copied()
        .filter(|s| *s as f64 / 4.0 > body * 1.08)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    let level_of = |size: f64| {
        let key = (size * 4.0).round() as i64;
        heading_sizes
            .iter()
            .position(|s| *s == key)
            .map(|p| (p + 1).min(6) as u8)
    };

    let mut md = Markdown::default();
    let mut para = String::new();
    let mut heading: Option<(u8, String)> = None;
    let flush = |md: &mut Markdown, para: &mut String, heading: &mut Option<(u8, String)>| {
        if let Some((level, text)) = heading.take() {
            md.heading(level, &text);
        }
        md.paragraph(&std::mem::take(para));
    };
    for page in &pages {
        // The usual distance between lines of the body on this page.
        let mut gaps: Vec<f64> = page
            .windows(2)
            .map(|w| w[1].y - w[0].y)
            .filter(|g| *g > 0.0)
            .collect();
        gaps.sort_by(f64::total_cmp);
        let usual = gaps.get(gaps.len() / 4).copied().unwrap_or(body * 1.2);
        let mut note: Option<(String, String)> = None;
        let mut last_y: Option<f64> = None;
        for l in page {
            let gap = last_y.map_or(0.0, |y| l.y - y);
            last_y = Some(l.y);
            // A note starts with its number, raised or in the notes' smaller
            // type; it does not end the paragraph above it, which may go on
            // over the page.
            let label = l.note.clone().map(|n| (n, l.text.clone())).or_else(|| {
                if l.size >= body * 0.9 {
                    return None;
                }
                let digits = l.text.chars().take_while(char::is_ascii_digit).count();
                (1..=3).contains(&digits).then(|| {
                    (
                        l.text[..digits].to_string(),
                        l.text[digits..].trim().to_string(),
                    )
                })
            });
            if let Some((label, text)) = label {
                if let Some((label, text)) = note.take() {
                    md.footnote(&label, &text);
                }
                note = Some((label, text));
                continue;
            }
            if let Some((_, text)) = note.as_mut() {
                join(text, &l.text);
                continue;
            }
            if let Some(level) = level_of(l.size) {
                match heading.as_mut() {
                    Some((lv, text)) if *lv == level && gap < usual * 1.6 => join(text, &l.text),
                    _ => {
                        flush(&mut md, &mut para, &mut heading);
                        heading = Some((level, l.text.clone()));
                    }
                }
                continue;
            }
            if heading.is_some() || gap > usual * 1.25 {
                flush(&mut md, &mut para, &mut heading);
            }
            join(&mut para, &l.text);
        }
        if let Some((label, text)) = note.take() {
            md.footnote(&label, &text);
        }
        // A paragraph runs on to the next page unless it ended a sentence.
        if ends_sentence(&para) {
            flush(&mut md, &mut para, &mut heading);
        }
    }
    flush(&mut md, &mut para, &mut heading);
    settle_hyphens(&md.finish())
}
