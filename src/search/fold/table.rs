//! Folding and transliterating by table look-up, for the characters of
//! every alphabet, abjad and Indic script: what a streamed search does to
//! every character of the library, and the index builder to every
//! paragraph.
//!
//! Folding a character through Unicode's case and decomposition tables,
//! and romanising it through deunicode, costs far more than a look-up; the
//! tables are made once, from the same functions, so they give the same
//! text (a test checks every character they hold). Hand-written because
//! no crate folds this way.

use super::{bit, fold_char, loosen_piece, makes_digraph, mask, romanise};

/// Code points below this are looked up: Latin, Greek, Cyrillic, Armenian,
/// Hebrew, Arabic, the Indic scripts, Latin Extended Additional, Greek
/// Extended and the punctuation blocks.
const TABLE_END: u32 = 0x3000;

/// Where one character's folding or transliteration is in a pool string,
/// with its mask.
#[derive(Clone, Copy, Default)]
struct Piece {
    start: u32,
    len: u32,
    mask: u64,
    /// Transliteration: whether the last letter written (or dropped) is a
    /// consonant, which decides the next character's `h` (see `loosen`).
    consonant: bool,
}

struct Tables {
    fold: Vec<Piece>,
    fold_pool: String,
    /// Per character, its loosened transliteration after a letter that is
    /// not a consonant, and after one that is.
    translit: Vec<[Piece; 2]>,
    translit_pool: String,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            fold: Vec::with_capacity(TABLE_END as usize),
            fold_pool: String::new(),
            translit: Vec::with_capacity(TABLE_END as usize),
            translit_pool: String::new(),
        };
        let mut roman = String::new();
        for c in (0..TABLE_END).map(|u| char::from_u32(u).unwrap_or('\u{FFFD}')) {
            let start = t.fold_pool.len();
            fold_char(c, |f| t.fold_pool.push(f));
            t.fold.push(Piece {
                start: start as u32,
                len: (t.fold_pool.len() - start) as u32,
                mask: mask(&t.fold_pool[start..]),
                consonant: false,
            });
            roman.clear();
            romanise(c, &mut roman);
            let mut pieces = [Piece::default(); 2];
            for (after_consonant, piece) in pieces.iter_mut().enumerate() {
                let start = t.translit_pool.len();
                let pool = &mut t.translit_pool;
                piece.consonant = loosen_piece(&roman, after_consonant == 1, |a| pool.push(a));
                piece.start = start as u32;
                piece.len = (t.translit_pool.len() - start) as u32;
                piece.mask = mask(&t.translit_pool[start..]);
            }
            t.translit.push(pieces);
        }
        t
    })
}

impl Tables {
    fn folded(&self, c: char) -> Option<(&str, u64)> {
        let p = self.fold.get(c as usize)?;
        let text = self
            .fold_pool
            .get(p.start as usize..(p.start + p.len) as usize)?;
        Some((text, p.mask))
    }

    fn transliterated(&self, c: char, after_consonant: bool) -> Option<(&str, &Piece)> {
        let p = &self.translit.get(c as usize)?[after_consonant as usize];
        let text = self
            .translit_pool
            .get(p.start as usize..(p.start + p.len) as usize)?;
        Some((text, p))
    }
}

/// `c` folded, by look-up: `None` past the table.
pub(super) fn folded_char(c: char) -> Option<&'static str> {
    tables().folded(c).map(|(text, _)| text)
}

/// CJK unified ideographs: neither case nor compatibility forms, so they
/// fold to themselves.
fn is_unified_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2F7FF)
}

/// Append `text` folded to `out` (what `fold` gives, without the map);
/// the mask of what was appended.
pub(super) fn fold_into(text: &str, out: &mut String) -> u64 {
    let table = tables();
    let mut m = 0;
    for c in text.chars() {
        if c.is_ascii() {
            let lower = c.to_ascii_lowercase();
            out.push(lower);
            m |= bit(lower);
        } else if let Some((folded, mask)) = table.folded(c) {
            out.push_str(folded);
            m |= mask;
        } else if is_unified_han(c) {
            out.push(c);
            m |= bit(c);
        } else {
            fold_char(c, |f| {
                out.push(f);
                m |= bit(f);
            });
        }
    }
    m
}

/// Append `text` transliterated to `out` (what `transliterate` gives,
/// without the map); the mask of what was appended. ASCII, most of the
/// text in Latin-script languages, is loosened inline.
pub(super) fn transliterate_into(text: &str, out: &mut String) -> u64 {
    let table = tables();
    let mut m = 0;
    let mut after_consonant = false;
    for c in text.chars() {
        if c.is_ascii() {
            let a = match c.to_ascii_lowercase() {
                'y' | 'j' => 'i',
                'h' if after_consonant => continue,
                other => other,
            };
            after_consonant = makes_digraph(a);
            if a.is_ascii_alphanumeric() || a == ' ' {
                out.push(a);
                m |= bit(a);
            }
        } else if let Some((letters, piece)) = table.transliterated(c, after_consonant) {
            after_consonant = piece.consonant;
            out.push_str(letters);
            m |= piece.mask;
        } else {
            let mut roman = String::new();
            romanise(c, &mut roman);
            after_consonant = loosen_piece(&roman, after_consonant, |a| {
                out.push(a);
                m |= bit(a);
            });
        }
    }
    m
}

/// Transliterate `text`, calling `emit` with each Latin letter kept and the
/// index of the character it came from: what `transliterate` gives.
pub(super) fn transliterate(text: &str, mut emit: impl FnMut(&str, u64, usize)) {
    let table = tables();
    let mut after_consonant = false;
    let mut slow = String::new();
    for (i, c) in text.char_indices() {
        if let Some((letters, piece)) = table.transliterated(c, after_consonant) {
            after_consonant = piece.consonant;
            if !letters.is_empty() {
                emit(letters, piece.mask, i);
            }
            continue;
        }
        slow.clear();
        romanise(c, &mut slow);
        let mut kept = String::new();
        after_consonant = loosen_piece(&slow, after_consonant, |a| kept.push(a));
        if !kept.is_empty() {
            emit(&kept, mask(&kept), i);
        }
    }
}

/// For the prefilter (`crate::search::prefilter`): per code point below
/// [`TABLE_END`], the bits of those of `letters` (at most 64) that its
/// folding contains, and those its transliteration contains after any
/// letter. Code points from [`TABLE_END`] on are not in the table: any of
/// them may give any letter.
pub(crate) fn letter_bits(letters: &[char]) -> (Vec<u64>, Vec<u64>) {
    let table = tables();
    let bits = |text: &str| {
        text.chars().fold(0u64, |m, c| {
            letters
                .iter()
                .take(64)
                .position(|&l| l == c)
                .map_or(m, |i| m | 1 << i)
        })
    };
    let piece = |pool: &str, p: &Piece| {
        pool.get(p.start as usize..(p.start + p.len) as usize)
            .map_or(0, bits)
    };
    let fold = table
        .fold
        .iter()
        .map(|p| piece(&table.fold_pool, p))
        .collect();
    let translit = table
        .translit
        .iter()
        .map(|[a, b]| piece(&table.translit_pool, a) | piece(&table.translit_pool, b))
        .collect();
    (fold, translit)
}
