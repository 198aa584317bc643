//! Laying out whole documents with the text engine: one translation, or
//! several side by side with aligned rows. Shared by `resreader show` and the
//! reader, so both show the same text.

use crate::align::{LOW_CONFIDENCE, Lexicon, align_all_scored};
use crate::lang::is_rtl;
use crate::library::{Block, Translation};
use crate::text::{BidiMode, Direction, LaidLine, LayoutOptions, layout_paragraph};

/// Options for rendering documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub bidi: BidiMode,
    pub shaping: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            bidi: BidiMode::App,
            shaping: true,
        }
    }
}

/// Layout options for text of `lang` in a column of `width` cells.
pub fn layout_options(lang: &str, width: usize, options: RenderOptions) -> LayoutOptions {
    LayoutOptions {
        width,
        bidi: options.bidi,
        shaping: options.shaping,
        direction: Some(if is_rtl(lang) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }),
    }
}

/// The most of one paragraph that is laid out and shown: a hostile file with
/// a line of millions of characters must not make every frame wait.
pub const MAX_SHOWN_CHARS: usize = 100_000;

/// The widest a column of text gets, for comfortable reading (the config's
/// `max_width` default).
pub const MAX_TEXT_WIDTH: usize = 88;

/// The paragraphs a block is shown as: its display text, or one line per
/// signatory, each cut at [`MAX_SHOWN_CHARS`] with a note of what is left
/// out. Search hits are ranges in these pieces.
pub fn block_pieces(block: &Block) -> Vec<String> {
    let pieces = match block {
        Block::Signatories { names } => names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {n}", i + 1))
            .collect(),
        other => vec![other.display_text()],
    };
    pieces.into_iter().map(bounded).collect()
}

fn bounded(text: String) -> String {
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        None => text,
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            format!("{} […{rest} more characters not shown]", &text[..cut])
        }
    }
}

/// The lines of one block; signatories one name per line.
pub fn block_lines(
    block: &Block,
    lang: &str,
    width: usize,
    options: RenderOptions,
) -> Vec<LaidLine> {
    highlighted_block_lines(block, lang, width, options, &[])
}

/// The lines of one block with highlighted ranges: `(piece, byte range)`
/// pairs into [`block_pieces`].
pub fn highlighted_block_lines(
    block: &Block,
    lang: &str,
    width: usize,
    options: RenderOptions,
    highlights: &[(usize, std::ops::Range<usize>)],
) -> Vec<LaidLine> {
    let layout = layout_options(lang, width, options);
    block_pieces(block)
        .iter()
        .enumerate()
        .flat_map(|(i, piece)| {
            let ranges: Vec<_> = highlights
                .iter()
                .filter(|(p, _)| *p == i)
                .map(|(_, r)| r.clone())
                .collect();
            layout_paragraph(piece, &layout, &ranges)
        })
        .collect()
}

/// A blank line of a column.
pub fn blank() -> LaidLine {
    LaidLine {
        indent: 0,
        runs: Vec::new(),
        width: 0,
        cells: Vec::new(),
    }
}

/// One translation laid out at `width`, a blank line between blocks;
/// produced block by block, so printing a huge text never holds all of it.
pub fn single(
    translation: &Translation,
    width: usize,
    options: RenderOptions,
) -> impl Iterator<Item = LaidLine> + '_ {
    translation
        .blocks
        .iter()
        .enumerate()
        .flat_map(move |(i, block)| {
            let gap = (i > 0).then(blank);
            gap.into_iter()
                .chain(block_lines(block, &translation.lang, width, options))
        })
}

/// Several translations in columns of `width` cells each: one entry per
/// aligned row, holding each column's lines padded to the same height.
/// Rows are laid out as they are taken. `others`: the text's other
/// translations, which help pair these; `known(i, j)`: the words known to
/// translate each other between texts `i` and `j`, counted through
/// `translations` and then `others` (`align::align_all_scored`).
pub fn parallel<'a>(
    translations: &'a [&'a Translation],
    others: &[&Translation],
    known: &dyn Fn(usize, usize) -> Lexicon,
    width: usize,
    options: RenderOptions,
) -> impl Iterator<Item = Vec<Vec<LaidLine>>> + 'a {
    parallel_marked(translations, others, known, width, options).map(|(columns, _)| columns)
}

/// As `parallel`, with whether the aligner doubts the row's pairing
/// (confidence below `align::LOW_CONFIDENCE`): worth a second look.
pub fn parallel_marked<'a>(
    translations: &'a [&'a Translation],
    others: &[&Translation],
    known: &dyn Fn(usize, usize) -> Lexicon,
    width: usize,
    options: RenderOptions,
) -> impl Iterator<Item = (Vec<Vec<LaidLine>>, bool)> + 'a {
    let blocks: Vec<&[Block]> = translations.iter().map(|t| t.blocks.as_slice()).collect();
    let bridges: Vec<&[Block]> = others.iter().map(|t| t.blocks.as_slice()).collect();
    let (rows, confidence) = align_all_scored(&blocks, &bridges, known);
    rows.into_iter()
        .zip(confidence)
        .map(move |(row, confidence)| {
            let mut columns: Vec<Vec<LaidLine>> = row
                .into_iter()
                .zip(translations)
                .map(|(range, t)| {
                    let mut lines = Vec::new();
                    for (k, block) in t.blocks[range].iter().enumerate() {
                        if k > 0 {
                            lines.push(blank());
                        }
                        lines.extend(block_lines(block, &t.lang, width, options));
                    }
                    lines
                })
                .collect();
            let height = columns.iter().map(Vec::len).max().unwrap_or(0);
            for c in &mut columns {
                c.resize_with(height, blank);
            }
            (columns, confidence < LOW_CONFIDENCE)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::nothing_known;

    fn translation(lang: &str, lengths: &[usize], letter: &str) -> Translation {
        Translation {
            lang: lang.into(),
            meta: crate::library::TranslationMeta {
                title: "T".into(),
                excerpt: false,
            },
            blocks: lengths
                .iter()
                .map(|&n| Block::Paragraph {
                    text: format!("{}.", letter.repeat(n)),
                })
                .collect(),
        }
    }

    #[test]
    fn rows_the_aligner_doubts_are_marked() {
        // Lengths that tell the pairing apart: no row in doubt.
        let en = translation("en", &[60, 300, 120, 80, 200, 40, 150, 90], "a");
        let ru = translation("ru", &[65, 310, 115, 85, 190, 45, 160, 95], "б");
        let both = [&en, &ru];
        let marks: Vec<bool> =
            parallel_marked(&both, &[], &nothing_known, 40, RenderOptions::default())
                .map(|(_, doubtful)| doubtful)
                .collect();
        assert!(!marks.is_empty() && marks.iter().all(|d| !d), "{marks:?}");
        // One paragraph of ten equal ones has no counterpart: which one
        // cannot be told, and the rows around it say so.
        let en = translation("en", &[100; 10], "a");
        let ru = translation("ru", &[100; 9], "б");
        let both = [&en, &ru];
        let marks: Vec<bool> =
            parallel_marked(&both, &[], &nothing_known, 40, RenderOptions::default())
                .map(|(_, doubtful)| doubtful)
                .collect();
        assert!(marks.iter().any(|d| *d), "{marks:?}");
    }

    #[test]
    fn huge_paragraphs_are_shown_in_part() {
        let block = Block::Paragraph {
            text: "а".repeat(MAX_SHOWN_CHARS + 5),
        };
        let pieces = block_pieces(&block);
        assert!(pieces[0].ends_with("[…5 more characters not shown]"));
        assert_eq!(
            pieces[0].chars().filter(|&c| c == 'а').count(),
            MAX_SHOWN_CHARS
        );
        let lines = block_lines(&block, "ru", 80, RenderOptions::default());
        assert!(lines.iter().all(|l| l.width <= 80));
    }
}
