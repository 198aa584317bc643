//! Wrapping and visual reordering of one paragraph.

use super::bidi::{BidiInput, LineOrder, visual_order};
use super::sanitize::{is_bidi_mark, sanitized};
use super::shape::{needs_shaping, shape};
use super::{BidiMode, LayoutOptions};
use std::ops::Range;
use unicode_bidi::Level;
use unicode_linebreak::{BreakOpportunity, linebreaks};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// How a run is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// Stands for a character that could not be shown.
    Placeholder,
    /// Part of a highlighted range (a search hit).
    Highlight,
}

/// Consecutive characters with one style, in visual order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

/// One grapheme on screen: where it came from and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
///
/// Held as `u32` (see [`MAX_PARAGRAPH_BYTES`]): half the size of `usize`
/// fields, for a map kept for every grapheme of every line.
pub struct Cell {
    /// Byte range in the original paragraph text.
    pub source: Range<u32>,
    /// Column from the start of the line, after `indent`.
    pub col: u32,
    pub width: u32,
}

/// One screen line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidLine {
    /// Blank cells before the text (right alignment).
    pub indent: usize,
    pub runs: Vec<Run>,
    /// Width of the runs in cells.
    pub width: usize,
    pub cells: Vec<Cell>,
}

impl LaidLine {
    /// The line as plain text, indent included.
    pub fn to_plain(&self) -> String {
        let mut s = " ".repeat(self.indent);
        for r in &self.runs {
            s.push_str(&r.text);
        }
        s
    }

    /// Screen columns (from the line start, indent included) that show any
    /// part of the source byte range.
    pub fn columns_of(&self, source: &Range<usize>) -> Vec<Range<usize>> {
        self.cells
            .iter()
            .filter(|c| {
                (c.source.start as usize) < source.end && source.start < c.source.end as usize
            })
            .map(|c| {
                let start = self.indent + c.col as usize;
                start..start + c.width as usize
            })
            .collect()
    }
}

/// A grapheme of the shaped paragraph. Positions are `u32`: see
/// [`MAX_PARAGRAPH_BYTES`].
struct Grapheme {
    /// Byte range in the shaped text.
    range: Range<u32>,
    /// UTF-16 unit range in the sanitised text before shaping (bidi levels).
    logical: Range<u32>,
    /// Byte range in the original text.
    source: Range<u32>,
    width: u32,
    style: Style,
    /// Made of directional marks only (not shown).
    only_marks: bool,
    /// Has no directional mark to drop.
    no_marks: bool,
    /// Has a character that may mirror in a right-to-left run.
    mirrors: bool,
    /// Whitespace only: dropped at the ends of lines, may overhang.
    space: bool,
}

impl Grapheme {
    fn range(&self) -> Range<usize> {
        self.range.start as usize..self.range.end as usize
    }
}

/// The longest paragraph laid out, in bytes; the rest is cut off. Every
/// position then fits a `u32` (sanitising and shaping make a text at most
/// three times as long: a one-byte control becomes a three-byte picture),
/// which halves the size of the per-grapheme data. Documents are at most
/// 64 MiB, so this never cuts a real one.
pub const MAX_PARAGRAPH_BYTES: usize = (u32::MAX / 4) as usize;

/// A paragraph ready to wrap: sanitised, shaped, in graphemes.
struct Prepared {
    /// The sanitised and shaped text.
    shaped: String,
    graphemes: Vec<Grapheme>,
}

/// Lay out one paragraph. `highlights` are byte ranges of `text` to mark.
pub fn layout_paragraph(
    text: &str,
    options: &LayoutOptions,
    highlights: &[Range<usize>],
) -> Vec<LaidLine> {
    if options.width == 0 {
        return Vec::new();
    }
    let text = &text[..text.floor_char_boundary(MAX_PARAGRAPH_BYTES)];
    let (prepared, logical) = prepare(text, options, highlights);

    // 3. Bidi levels.
    let default_level = match options.direction {
        Some(Direction::Rtl) => Some(Level::rtl()),
        Some(Direction::Ltr) => Some(Level::ltr()),
        None => None,
    };
    let bidi = logical.resolve(default_level);
    let rtl_paragraph = bidi.paragraph.is_rtl() && options.bidi != BidiMode::Off;

    // 4. Wrap at break opportunities by display width.
    let lines = wrap(&prepared.shaped, &prepared.graphemes, options.width);

    // 5. Reorder each line and align.
    lines
        .into_iter()
        .map(|line| {
            let order = if options.bidi == BidiMode::App && line.start < line.end {
                visual_order(&bidi, line.clone(), |g| {
                    let units = &prepared.graphemes[g].logical;
                    units.start as usize..units.end as usize
                })
            } else {
                LineOrder::Uniform(Level::ltr())
            };
            let mut laid = match order {
                LineOrder::Uniform(level) if level.is_rtl() => lay_line(
                    &prepared,
                    line.clone(),
                    line.rev().map(|g| (g, level)),
                    options.width,
                ),
                LineOrder::Uniform(level) => lay_line(
                    &prepared,
                    line.clone(),
                    line.map(|g| (g, level)),
                    options.width,
                ),
                LineOrder::Mixed(order) => lay_line(&prepared, line, order, options.width),
            };
            if rtl_paragraph {
                laid.indent = options.width.saturating_sub(laid.width);
            }
            laid
        })
        .collect()
}

/// Steps 1 and 2: sanitise and shape `text`, and cut it into graphemes;
/// with the text for the bidi levels.
///
/// The bidi levels are worked out on the text before shaping (the same
/// classes: a presentation form is a letter like the one it shows), by
/// UTF-16 unit (see `bidi`).
fn prepare(
    text: &str,
    options: &LayoutOptions,
    highlights: &[Range<usize>],
) -> (Prepared, BidiInput) {
    // For safe character `i`: `origin[i]`, where it starts in `text`, and
    // `logical_at[i]`, where it starts in the bidi text; each has one more
    // entry for the end. `placeholders` lists those that stand for a
    // character that could not be shown, in order.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut origin: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let mut placeholders: Vec<usize> = Vec::new();
    let mut logical = BidiInput::with_capacity(text.len());
    let mut logical_at: Vec<u32> = Vec::with_capacity(text.len() + 1);
    for s in sanitized(text) {
        if s.placeholder {
            placeholders.push(chars.len());
        }
        logical_at.push(logical.len() as u32);
        logical.push(s.ch);
        origin.push(s.origin as u32);
        chars.push(s.ch);
    }
    logical_at.push(logical.len() as u32);
    origin.push(text.len() as u32);
    let shaping = options.shaping && options.bidi == BidiMode::App && needs_shaping(&chars);
    // `from[k]`: the safe character shaped character `k` came from.
    let (chars, from): (Vec<char>, Vec<usize>) = if shaping {
        shape(&chars)
    } else {
        let from = (0..chars.len()).collect();
        (chars, from)
    };
    // The shaped text, made grapheme by grapheme below.
    let mut shaped = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());

    // Where shaped character `k` starts in the original text and the bidi
    // text; it ends where the next one starts (a ligature covers every
    // input character up to the next output one).
    let safe_end = origin.len() - 1;
    let source_at = |k: usize| origin[from.get(k).copied().unwrap_or(safe_end)];
    let logical_of = |k: usize| logical_at[from.get(k).copied().unwrap_or(safe_end)];
    let highlighted = |source: &Range<u32>| {
        highlights
            .iter()
            .any(|h| h.start < source.end as usize && (source.start as usize) < h.end)
    };

    let ends = super::graphemes::cluster_ends(&chars);
    let mut graphemes = Vec::with_capacity(ends.len());
    let mut first = 0;
    // Where the grapheme before ended, which is where this one starts.
    let (mut source_start, mut logical_start) = (source_at(0), logical_of(0));
    for end in ends {
        let cluster = &chars[first..end];
        let start = shaped.len();
        // One look at its characters, for what every line needs.
        let (mut marks, mut mirrors, mut space) = (0, false, true);
        for &c in cluster {
            shaped.push(c);
            marks += usize::from(is_bidi_mark(c));
            mirrors |= may_mirror(c);
            space &= c.is_whitespace();
        }
        // Directional marks take no cell (and are never printed).
        let width = match cluster {
            // One character: its own width, which for anything but a
            // control character (none is left after sanitising) is the
            // width of the string; the string's rules look at sequences.
            [c] if marks == 0 && !c.is_control() => {
                if (' '..='~').contains(c) {
                    1
                } else {
                    super::width::char_width(*c)
                }
            }
            // As terminals draw it (see `width`).
            _ if marks > 0 => super::width::cluster_width(
                &cluster
                    .iter()
                    .filter(|&&c| !is_bidi_mark(c))
                    .collect::<String>(),
            ),
            _ => super::width::cluster_width(&shaped[start..]),
        };
        let source = source_start..source_at(end);
        let logical = logical_start..logical_of(end);
        (source_start, logical_start) = (source.end, logical.end);
        // The style of a grapheme, from its first character.
        let style = if !placeholders.is_empty() && placeholders.binary_search(&from[first]).is_ok()
        {
            Style::Placeholder
        } else if !highlights.is_empty() && highlighted(&source) {
            Style::Highlight
        } else {
            Style::Plain
        };
        graphemes.push(Grapheme {
            range: start as u32..shaped.len() as u32,
            logical,
            source,
            width: width as u32,
            style,
            only_marks: marks == cluster.len(),
            no_marks: marks == 0,
            mirrors,
            space,
        });
        first = end;
    }
    (Prepared { shaped, graphemes }, logical)
}

/// One screen line from its graphemes in visual order, each with its level;
/// not yet aligned.
///
/// `line` is the line's graphemes in logical order, `order` the same in
/// visual order.
fn lay_line(
    prepared: &Prepared,
    line: Range<usize>,
    order: impl IntoIterator<Item = (usize, Level)>,
    width: usize,
) -> LaidLine {
    let graphemes = &prepared.graphemes;
    // Sized once: growing them a push at a time was a tenth of the
    // layout's time in reallocation.
    let line_bytes = match (graphemes.get(line.start), line.end.checked_sub(1)) {
        (Some(first), Some(last)) if last >= line.start => {
            graphemes[last].range.end as usize - first.range.start as usize
        }
        _ => 0,
    };
    let mut runs: Vec<Run> = Vec::with_capacity(1);
    let mut cells = Vec::with_capacity(line.len());
    // The run being filled, added to `runs` when the style changes.
    let mut run = String::with_capacity(line_bytes);
    let mut run_style = None;
    let mut col = 0;
    for (g_index, level) in order {
        let g = &graphemes[g_index];
        if g.only_marks {
            continue;
        }
        if run_style != Some(g.style)
            && let Some(style) = run_style.replace(g.style)
            && !run.is_empty()
        {
            let text = std::mem::replace(&mut run, String::with_capacity(line_bytes));
            runs.push(Run { text, style });
        }
        let text = &prepared.shaped[g.range()];
        let mut cell_width = g.width;
        if cell_width as usize > width {
            // A wide character in a column narrower than it.
            run.push(super::sanitize::SUBSTITUTE);
            cell_width = 1;
        } else if g.no_marks && !(g.mirrors && level.is_rtl()) {
            run.push_str(text);
        } else {
            for c in text.chars().filter(|&c| !is_bidi_mark(c)) {
                // Letters and digits never mirror; skip the look-up.
                let c = if level.is_rtl() && may_mirror(c) {
                    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
                } else {
                    c
                };
                run.push(c);
            }
        }
        cells.push(Cell {
            source: g.source.clone(),
            col,
            width: cell_width,
        });
        col += cell_width;
    }
    if let Some(style) = run_style {
        runs.push(Run { text: run, style });
    }
    LaidLine {
        indent: 0,
        runs,
        width: col as usize,
        cells,
    }
}

/// Lay out many paragraphs with the same options, spread over the available
/// cores when there is enough text to be worth a thread; the result is in
/// the order of `paragraphs`, exactly as [`layout_paragraph`] gives it.
pub fn layout_paragraphs(paragraphs: &[&str], options: &LayoutOptions) -> Vec<Vec<LaidLine>> {
    const PER_THREAD: usize = 64 * 1024;
    let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
    let threads = crate::parallel::cores().min(bytes / PER_THREAD).max(1);
    if threads == 1 {
        return paragraphs
            .iter()
            .map(|p| layout_paragraph(p, options, &[]))
            .collect();
    }
    // Chunks of about equal text, so no thread waits on a long tail.
    let target = bytes.div_ceil(threads);
    let mut chunks: Vec<&[&str]> = Vec::with_capacity(threads);
    let (mut start, mut size) = (0, 0);
    for (i, p) in paragraphs.iter().enumerate() {
        size += p.len();
        if size >= target {
            chunks.push(&paragraphs[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < paragraphs.len() {
        chunks.push(&paragraphs[start..]);
    }
    let lay_out = |chunk: &[&str]| -> Vec<Vec<LaidLine>> {
        chunk
            .iter()
            .map(|p| layout_paragraph(p, options, &[]))
            .collect()
    };
    std::thread::scope(|scope| {
        // The first chunk is laid out on this thread, which would only wait
        // otherwise (and memory it allocates is freed faster here).
        let (first, rest) = chunks
            .split_first()
            .map_or((&[][..], &[][..]), |(f, r)| (*f, r));
        let handles: Vec<_> = rest
            .iter()
            .map(|&chunk| scope.spawn(move || lay_out(chunk)))
            .collect();
        let mut all = lay_out(first);
        for h in handles {
            // A panic in a worker is a bug in the engine; surface it.
            all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    })
}

/// Whether `c` can have a mirrored glyph: a cheap test before the table
/// look-up, which matters because right-to-left text is mostly letters of
/// the Hebrew and Arabic blocks and spaces, none of which mirror. In ASCII
/// only the brackets do.
fn may_mirror(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}');
    }
    !matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Thai, Lao, Khmer and Myanmar: scripts that write no space between words.
fn writes_words_together(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F)
}

/// Line breaks between words of the scripts that write no space between
/// them, in byte offsets. UAX #14 leaves those to a dictionary, which
/// unicode-linebreak has not, so a Thai phrase was one unbreakable word and
/// a narrow column cut it anywhere ("อันเพี|ยงพอ"). ICU4X's line segmenter
/// finds them with its dictionary of each of the four scripts.
fn word_breaks_without_spaces(text: &str) -> Vec<usize> {
    static SEGMENTER: std::sync::LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
        std::sync::LazyLock::new(|| {
            icu_segmenter::LineSegmenter::new_dictionary(
                icu_segmenter::options::LineBreakOptions::default(),
            )
        });
    if !text.chars().any(writes_words_together) {
        return Vec::new();
    }
    // The repetition marks (Thai ๆ, Lao ໆ) and the Thai abbreviation mark
    // ฯ belong to the word before them; a dictionary may split there.
    let ends_word = |c: char| matches!(c, '\u{0E46}' | '\u{0EC6}' | '\u{0E2F}');
    let inside = |byte: usize| {
        let before = text[..byte].chars().next_back();
        let after = text[byte..].chars().next();
        before.is_some_and(|c| writes_words_together(c) || c.is_alphabetic())
            && after.is_some_and(|c| writes_words_together(c) && !ends_word(c))
    };
    SEGMENTER
        .segment_str(text)
        .filter(|&b| b > 0 && b < text.len() && inside(b))
        .collect()
}

/// Split the graphemes into lines (ranges of grapheme indexes, trailing
/// spaces dropped) no wider than `width`.
fn wrap(text: &str, graphemes: &[Grapheme], width: usize) -> Vec<Range<usize>> {
    if graphemes.is_empty() {
        return std::iter::once(0..0).collect();
    }
    // Grapheme index at each allowed break (a line may start there).
    let mut starts = vec![false; graphemes.len() + 1];
    let mut mandatory = vec![false; graphemes.len() + 1];
    // The grapheme that starts at a break's byte, if one does.
    let at = |byte: usize| {
        graphemes
            .binary_search_by_key(&byte, |g| g.range.start as usize)
            .ok()
    };
    for (byte, kind) in linebreaks(text) {
        if let Some(g) = at(byte) {
            starts[g] = true;
            mandatory[g] = kind == BreakOpportunity::Mandatory;
        }
    }
    for g in word_breaks_without_spaces(text).into_iter().filter_map(at) {
        starts[g] = true;
    }
    let is_space = |i: usize| graphemes[i].space;

    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut i = 0;
    while line_start < graphemes.len() {
        // Skip leading spaces of continuation lines.
        while line_start < graphemes.len() && is_space(line_start) && !lines.is_empty() {
            line_start += 1;
        }
        if line_start >= graphemes.len() {
            break;
        }
        let mut used = 0;
        let mut last_break: Option<usize> = None;
        i = line_start;
        let mut end = graphemes.len();
        while i < graphemes.len() {
            if i > line_start && starts[i] {
                last_break = Some(i);
                if mandatory[i] {
                    end = i;
                    break;
                }
            }
            let w = graphemes[i].width as usize;
            if used + w > width && !is_space(i) {
                end = match last_break {
                    Some(b) if b > line_start => b,
                    // A word wider than the column is split.
                    _ => i.max(line_start + 1),
                };
                break;
            }
            used += w;
            i += 1;
        }
        let mut visible_end = end;
        while visible_end > line_start && is_space(visible_end - 1) {
            visible_end -= 1;
        }
        lines.push(line_start..visible_end);
        line_start = end;
    }
    let _ = i;
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_breaks_between_words() {
        // No spaces: "ภาษาไทย" twice. Before, a narrow column cut the
        // phrase where the width ran out ("ภาษาไท" / "ยภาษาไ" / "ทย").
        assert_eq!(plain("ภาษาไทยภาษาไทย", 9), vec!["ภาษาไทย", "ภาษาไทย"]);
        assert_eq!(
            plain("ภาษาไทยภาษาไทย", 5),
            vec!["ภาษา", "ไทย", "ภาษา", "ไทย"]
        );
        // A repetition mark stays with its word (Lao "ທຸກໆຄົນ", everyone).
        for width in 4..30 {
            let lines = plain("ໃນວົງສະກຸນຂອງມະນຸດທຸກໆຄົນ ແລະ ການຮັບຮູ້ສິດ", width);
            assert!(lines.iter().all(|l| !l.starts_with('ໆ')), "{lines:?}");
        }
        // A bullet stays with the first words of its phrase.
        let item = "• ทุกคนมีสิทธิในมาตรฐานการครองชีพอันเพียงพอ";
        let lines = plain(item, 30);
        assert!(lines[0].starts_with("• ทุกคน"), "{lines:?}");
        for word in ["สิทธิ", "มาตรฐาน", "การครองชีพ", "เพียงพอ"]
        {
            assert!(lines.iter().any(|l| l.contains(word)), "{word}: {lines:?}");
        }
    }

    fn plain(text: &str, width: usize) -> Vec<String> {
        layout_paragraph(text, &LayoutOptions::new(width), &[])
            .iter()
            .map(|l| l.to_plain())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries_without_exceeding_the_width() {
        assert_eq!(
            plain("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
        assert_eq!(plain("abcdefghijkl", 5), vec!["abcde", "fghij", "kl"]);
        assert_eq!(plain("", 5), vec![""]);
        assert!(plain("x", 0).is_empty());
    }

    #[test]
    fn measures_wide_and_zero_width_characters() {
        // CJK is two cells each; four fit in nine columns.
        assert_eq!(plain("工人阶级的团结", 9), vec!["工人阶级", "的团结"]);
        // Combining marks take no cell.
        let lines = layout_paragraph("e\u{301}e\u{301}e\u{301}", &LayoutOptions::new(3), &[]);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].width, 3);
        // A wide character in a one-cell column is replaced, not overflowed.
        assert_eq!(plain("工", 1), vec!["␦"]);
        // Emoji are two cells, a flag too; a joined sequence as wide as the
        // terminals that draw its parts apart (see `width`).
        for (emoji, cells) in [("😀", 2), ("👩\u{200D}💻", 4), ("🇫🇷", 2), ("a😀b", 4)]
        {
            let lines = layout_paragraph(emoji, &LayoutOptions::new(10), &[]);
            assert_eq!(lines[0].width, cells, "{emoji}");
            assert_eq!(lines[0].to_plain(), emoji);
        }
        assert_eq!(plain("😀😀😀", 5), vec!["😀😀", "😀"]);
    }

    #[test]
    fn reorders_and_right_aligns_rtl_with_ltr_numbers() {
        let options = LayoutOptions {
            shaping: false,
            ..LayoutOptions::new(20)
        };
        let lines = layout_paragraph("في 2023 (أ)", &options, &[]);
        assert_eq!(lines.len(), 1);
        // Visual order: "(أ)" mirrored stays a readable "(أ)", number LTR.
        assert_eq!(lines[0].to_plain().trim_start(), "(أ) 2023 يف");
        assert_eq!(lines[0].indent, 20 - lines[0].width);
    }

    #[test]
    fn keeps_marks_on_their_base_when_reversing() {
        let options = LayoutOptions {
            shaping: false,
            ..LayoutOptions::new(20)
        };
        let line = &layout_paragraph("بَت", &options, &[])[0];
        assert_eq!(line.to_plain().trim_start(), "تبَ");
    }

    #[test]
    fn escape_sequences_never_reach_the_output() {
        let lines = layout_paragraph(
            "a\u{1b}]0;title\u{7}b\u{202E}c",
            &LayoutOptions::new(40),
            &[],
        );
        let text = lines[0].to_plain();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202E}'));
        assert!(lines[0].runs.iter().any(|r| r.style == Style::Placeholder));
    }

    #[test]
    fn maps_source_ranges_to_columns() {
        let text = "see Газа here";
        let start = text.find("Газа").unwrap();
        let hit = start..start + "Газа".len();
        let lines = layout_paragraph(text, &LayoutOptions::new(40), std::slice::from_ref(&hit));
        assert_eq!(lines[0].columns_of(&hit), vec![4..5, 5..6, 6..7, 7..8]);
        assert!(
            lines[0]
                .runs
                .iter()
                .any(|r| r.style == Style::Highlight && r.text == "Газа")
        );
    }

    #[test]
    fn many_paragraphs_lay_out_as_one_by_one() {
        let text = "Солидарность с борющимися народами. للتضامن مع الشعوب 2023 (أ). ".repeat(400);
        let paragraphs: Vec<&str> = std::iter::repeat_n(text.as_str(), 12).collect();
        let options = LayoutOptions::new(37);
        let together = layout_paragraphs(&paragraphs, &options);
        assert_eq!(together.len(), 12);
        for (lines, p) in together.iter().zip(&paragraphs) {
            assert_eq!(lines, &layout_paragraph(p, &options, &[]));
        }
    }

    #[test]
    fn the_mirroring_prefilter_lets_every_mirrored_character_through() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if unicode_bidi_mirroring::get_mirrored(c).is_some() {
                assert!(may_mirror(c), "{c:?}");
            }
        }
    }

    #[test]
    fn terminal_mode_keeps_logical_order() {
        let options = LayoutOptions {
            bidi: BidiMode::Terminal,
            ..LayoutOptions::new(20)
        };
        let line = &layout_paragraph("في 2023", &options, &[])[0];
        assert_eq!(line.to_plain().trim_start(), "في 2023");
    }
}
