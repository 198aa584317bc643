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
    /// The text-showing call that drew it (counted from the page's start).
    call: usize,
    /// Set in a bold font.
    bold: bool,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    /// Text-showing calls on each page.
    calls: Vec<usize>,
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
        self.calls.push(0);
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
                call: self.calls.last().map_or(0, |c| c.saturating_sub(1)),
                bold: false,
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
        // Called once for each text-showing call (see pdf_fonts).
        if let Some(calls) = self.calls.last_mut() {
            *calls += 1;
        }
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
    let run = super::quiet::run(|| -> Result<Vec<Option<Vec<bool>>>, FormatError> {
        let doc = super::pdf_guard::load(bytes)?;
        let pages = doc.get_pages().len();
        if pages > MAX_PAGES {
            return Err(corrupt(format!("{pages} pages; the limit is {MAX_PAGES}")));
        }
        pdf_extract::output_doc(&doc, &mut collector).map_err(|e| corrupt(e.to_string()))?;
        Ok(super::pdf_fonts::bold_calls(&doc))
    });
    let bold = match run {
        Ok(result) => result?,
        Err(()) => return Err(corrupt("its content could not be decoded".into())),
    };
    // Fonts line up with glyphs only where the calls counted match.
    for ((page, calls), bold) in collector.pages.iter_mut().zip(&collector.calls).zip(&bold) {
        if let Some(bold) = bold.as_ref().filter(|b| b.len() == *calls) {
            for g in page.iter_mut() {
                g.bold = bold.get(g.call).copied().unwrap_or(false);
            }
        }
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
    /// Every glyph of it set in a bold font.
    bold: bool,
    /// A space drawn at its end (as office programs do).
    trailing_space: bool,
    /// Where it starts and ends across the page, and which way it reads.
    left: f64,
    right: f64,
    rtl: bool,
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

/// A glyph in reading order; in a right-to-left line, with the left-to-right
/// run it is part of (its number, left and right edges).
#[derive(Clone, Copy)]
struct Placed<'a> {
    g: &'a Glyph,
    run: Option<(usize, f64, f64)>,
}

/// A right-to-left line's glyphs (sorted by position) in reading order:
/// from the right, its runs of left-to-right glyphs (Latin words, numbers)
/// kept in their own order. A run of digits alone is split at `-`, `+`
/// and `%`, which the bidi rules (W2, W4, W5: European digits after Arabic
/// letters become Arabic numbers) leave right to left: "20-22" is drawn
/// "22-20".
fn rtl_order(row: &[Glyph]) -> Vec<Placed<'_>> {
    let ltr = |g: &Glyph| is_strong_ltr(&g.text) || g.text.chars().all(|c| ".,:%/-".contains(c));
    let mut out: Vec<Placed> = Vec::new();
    let mut runs = 0;
    let mut i = row.len();
    while i > 0 {
        let end = i;
        if !is_strong_ltr(&row[i - 1].text) {
            i -= 1;
            out.push(Placed {
                g: &row[i],
                run: None,
            });
            continue;
        }
        while i > 0
            && (ltr(&row[i - 1])
                || row[i - 1].text.trim().is_empty() && i > 1 && is_strong_ltr(&row[i - 2].text))
        {
            i -= 1;
        }
        let run = &row[i..end];
        let latin = run.iter().any(|g| g.text.chars().any(char::is_alphabetic));
        let apart = |g: &Glyph| !latin && g.text.chars().all(|c| "-+%".contains(c));
        // Pieces from the right; each piece's glyphs left to right.
        let mut j = run.len();
        while j > 0 {
            let stop = j;
            if apart(&run[j - 1]) {
                j -= 1;
                out.push(Placed {
                    g: &run[j],
                    run: None,
                });
                continue;
            }
            while j > 0 && !apart(&run[j - 1]) {
                j -= 1;
            }
            let piece = &run[j..stop];
            let left = piece.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
            let right = piece
                .iter()
                .map(|g| g.x + g.width)
                .fold(f64::NEG_INFINITY, f64::max);
            runs += 1;
            out.extend(piece.iter().map(|g| Placed {
                g,
                run: Some((runs, left, right)),
            }));
        }
    }
    out
}

/// Characters that mark list items.
const BULLETS: &str = "•◦▪▫‣⁃●○■□–";

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
    let order: Vec<Placed> = if rtl {
        rtl_order(&row)
    } else {
        row.iter().map(|g| Placed { g, run: None }).collect()
    };
    let mut text = String::new();
    let mut note: Option<String> = None;
    let mut leading = true;
    let mut prev: Option<Placed> = None;
    for placed in order {
        let g = placed.g;
        if leading && small(g) {
            note.get_or_insert_with(String::new).push_str(&g.text);
            prev = Some(placed);
            continue;
        }
        if let Some(p) = prev {
            let gap = match (p.run, placed.run) {
                (Some(a), Some(b)) if a.0 == b.0 => g.x - (p.g.x + p.g.width),
                // Right to left, a run of left-to-right glyphs counts as
                // one piece: from its left edge to its right edge.
                (a, b) if rtl => a.map_or(p.g.x, |r| r.1) - b.map_or(g.x + g.width, |r| r.2),
                _ => g.x - (p.g.x + p.g.width),
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
            prev = Some(placed);
            continue;
        }
        if text.ends_with(|c: char| c.is_ascii_digit())
            && text.contains("[^")
            && !text.ends_with(']')
        {
            close_mark(&mut text);
        }
        text.push_str(&g.text);
        prev = Some(placed);
    }
    close_mark(&mut text);
    let trailing_space = text.ends_with(char::is_whitespace);
    let mut text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // A list number at the start of a right-to-left line is drawn with
    // its dot on the left (".1"): read it as written ("1.").
    if rtl && text.starts_with(['.', ')']) {
        let digits = text[1..].chars().take_while(char::is_ascii_digit).count();
        let rest = &text[1 + digits..];
        // Its label may stand right against the text (".1لكل").
        if (1..=3).contains(&digits) && rest.starts_with(|c: char| c == ' ' || c.is_alphabetic()) {
            text = format!(
                "{}{} {}",
                &text[1..1 + digits],
                &text[..1],
                rest.trim_start()
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
    // So is a bullet whose list sets no space after it ("•Let's…").
    if let Some(bullet) = text.chars().next().filter(|c| BULLETS.contains(*c))
        && text[bullet.len_utf8()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        text.insert(bullet.len_utf8(), ' ');
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
    let mut inked = row.iter().filter(|g| !g.text.trim().is_empty()).peekable();
    let bold = inked.peek().is_some() && inked.all(|g| g.bold);
    Some(Line {
        text,
        y: if y.is_nan() { row[0].y } else { y },
        size,
        note,
        bold,
        trailing_space,
        left: row.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
        right: row
            .iter()
            .map(|g| g.x + g.width)
            .fold(f64::NEG_INFINITY, f64::max),
        rtl,
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
    if let [page] = pages {
        drop_lone_furniture(page);
    }
}

/// On a single page nothing repeats: a header or footer is told by its
/// place (the first or last line), its smaller type, and the space that
/// sets it apart from the text (footnotes have their number and sit close
/// to each other).
fn drop_lone_furniture(page: &mut Vec<Line>) {
    let mut sizes: Vec<f64> = page.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let mut pitches: Vec<f64> = page.windows(2).map(|w| w[1].y - w[0].y).collect();
    pitches.sort_by(f64::total_cmp);
    let (Some(&body), Some(&pitch)) = (sizes.get(sizes.len() / 2), pitches.get(pitches.len() / 2))
    else {
        return;
    };
    let apart = |l: &Line, gap: f64| l.note.is_none() && l.size < body * 0.9 && gap > pitch * 2.0;
    let n = page.len();
    if n >= 3 && apart(&page[n - 1], page[n - 1].y - page[n - 2].y) {
        page.pop();
    }
    if page.len() >= 3 && apart(&page[0], page[1].y - page[0].y) {
        page.remove(0);
    }
}

/// A line that opens a list item: `12. `, `3) ` or a bullet and a space.
fn starts_item(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    if (1..=3).contains(&digits) {
        return rest.starts_with(". ") || rest.starts_with(") ");
    }
    text.chars().next().is_some_and(|c| BULLETS.contains(c)) && text.chars().nth(1) == Some(' ')
}

/// The number or bullet that opens a list item.
fn item_mark(text: &str) -> Option<(Option<u32>, char)> {
    if !starts_item(text) {
        return None;
    }
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let mark = text.chars().nth(digits.len())?;
    Some((digits.parse().ok(), mark))
}

/// A line opening the item after the one `para` holds ("3. " after "2. ",
/// a bullet after a bullet): a list set without space between its items.
fn next_item(para: &str, line: &str) -> bool {
    match (item_mark(para), item_mark(line)) {
        (Some((Some(a), ma)), Some((Some(b), mb))) => b == a + 1 && ma == mb,
        (Some((None, ma)), Some((None, mb))) => ma == mb,
        _ => false,
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
        if head.is_empty() {
            // Not a word cut in two ("workers’-people’s"): the hyphen stays.
            out.push_str(before);
            rest = after;
            continue;
        }
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
    // A hyphen right after a word, a number or a quote ("workers’-").
    let hyphen = rev.next() == Some('-') && rev.next().is_some_and(|c| !c.is_whitespace());
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

/// Whether `line`'s first word would have fitted at the end of `prev`:
/// then `prev` ended its paragraph there (the test of a paragraph's end
/// where paragraphs are set without space between them).
fn ended_early(prev: &Line, line: &Line, (left, right): (f64, f64)) -> bool {
    if prev.text.ends_with('-') || prev.rtl != line.rtl {
        return false;
    }
    let chars = line.text.chars().count().max(1) as f64;
    let per_char = (line.right - line.left) / chars;
    // The first word, with an opening bracket or quote set apart before
    // it ("( Марксистско…"), which lines never end on.
    let mut word = 0;
    for w in line.text.split(' ') {
        word += w.chars().count() + 1;
        if !w.chars().all(|c| "([{«“„‘‚¿¡".contains(c)) {
            break;
        }
    }
    let word = word as f64 - 1.0;
    let room = if prev.rtl {
        prev.left - left
    } else {
        right - prev.right
    };
    room > per_char * (word + 2.0)
}

/// Which lines of a page are headings set in bold at the body size: a run
/// of at most three bold lines after a paragraph's end (a wider gap, a
/// line ended early, a larger heading or the page's top), not ending like
/// a sentence part (`.`, `,`, `;`, `:`), not opening a list item.
fn bold_headings(
    page: &[Line],
    (body, usual): (f64, f64),
    edges: (f64, f64),
    sized: impl Fn(f64) -> bool,
) -> Vec<bool> {
    let candidate = |l: &Line| l.bold && l.note.is_none() && !sized(l.size) && l.size >= body * 0.9;
    let mut heads = vec![false; page.len()];
    let mut a = 0;
    while a < page.len() {
        if !candidate(&page[a]) {
            a += 1;
            continue;
        }
        let mut b = a;
        while b < page.len() && candidate(&page[b]) {
            b += 1;
        }
        let after_break = a == 0
            || sized(page[a - 1].size)
            || page[a].y - page[a - 1].y > usual * 1.25
            || ended_early(&page[a - 1], &page[a], edges);
        let ends = page[b - 1].text.trim_end().ends_with(['.', ',', ';', ':']);
        if b - a <= 3 && after_break && !ends && !starts_item(&page[a].text) {
            heads[a..b].fill(true);
        }
        a = b;
    }
    heads
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
    // Bold at the body size is the next level down, unless most of the
    // text is bold.
    let chars = |l: &Line| l.text.chars().count();
    let all: usize = pages.iter().flatten().map(chars).sum();
    let bold: usize = pages.iter().flatten().filter(|l| l.bold).map(chars).sum();
    let draws_spaces = pages.iter().flatten().any(|l| l.trailing_space);
    let bold_level = (bold * 2 < all).then_some((heading_sizes.len() + 1).min(6) as u8);

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
        // The text block's edges, for lines that end early.
        let edges = (
            page.iter().map(|l| l.left).fold(f64::INFINITY, f64::min),
            page.iter()
                .map(|l| l.right)
                .fold(f64::NEG_INFINITY, f64::max),
        );
        let bold_heads = bold_headings(page, (body, usual), edges, |s| level_of(s).is_some());
        let mut note: Option<(String, String)> = None;
        let mut last_y: Option<f64> = None;
        for (i, l) in page.iter().enumerate() {
            let gap = last_y.map_or(0.0, |y| l.y - y);
            let first = last_y.is_none();
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
            let bold_level = bold_level.filter(|_| bold_heads[i]);
            if let Some(level) = level_of(l.size).or(bold_level) {
                match heading.as_mut() {
                    Some((lv, text)) if *lv == level && gap < usual * 1.6 => join(text, &l.text),
                    _ => {
                        flush(&mut md, &mut para, &mut heading);
                        heading = Some((level, l.text.clone()));
                    }
                }
                continue;
            }
            // A paragraph carried over from the last page ends where a list
            // item starts this one.
            let carried_item = first && starts_item(&l.text);
            let early = i > 0 && ended_early(&page[i - 1], l, edges);
            if heading.is_some()
                || gap > usual * 1.25
                || carried_item
                || next_item(&para, &l.text)
                || early
            {
                flush(&mut md, &mut para, &mut heading);
            }
            // A line ending in a spaced hyphen, with no space drawn after
            // it where spaces are drawn, cut "A -B" there.
            let cut = draws_spaces && i > 0 && !page[i - 1].trailing_space && para.ends_with(" -");
            if cut && l.text.starts_with(char::is_alphanumeric) {
                para.push_str(&l.text);
            } else {
                join(&mut para, &l.text);
            }
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
