//! Arabic shaping: contextual letter forms and the lam-alef ligatures, as
//! Unicode presentation forms, for terminals that draw each code point alone.
//!
//! Implemented here from Unicode's data files rather than with a crate: the
//! crate for this (ar-reshaper) panics in debug builds on text that starts
//! with a haraka when harakat are kept, and this needs a position map that
//! no crate returns. The data are `ArabicShaping.txt` (joining types) and the
//! presentation-form lines of `UnicodeData.txt`, both in `data/`.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joining {
    Right,
    Left,
    Dual,
    Causing,
    Transparent,
    None,
}

/// Presentation forms of one letter: isolated, final, initial, medial.
#[derive(Debug, Default, Clone, Copy)]
struct Forms([Option<char>; 4]);

// In this order, a form's index says which sides it joins: bit 0 the
// character before, bit 1 the one after.
const ISOLATED: usize = 0;
const FINAL: usize = 1;
const INITIAL: usize = 2;
const MEDIAL: usize = 3;

struct Tables {
    joining: HashMap<char, Joining>,
    forms: HashMap<char, Forms>,
    /// Lam-alef ligatures by the alef they contain.
    lam_alef: HashMap<char, Forms>,
}

const LAM: char = '\u{0644}';

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut joining = HashMap::new();
    for line in include_str!("../../data/ArabicShaping.txt").lines() {
        let fields: Vec<&str> = line
            .split('#')
            .next()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .collect();
        if fields.len() < 3 {
            continue;
        }
        let Some(c) = u32::from_str_radix(fields[0], 16)
            .ok()
            .and_then(char::from_u32)
        else {
            continue;
        };
        let kind = match fields[2] {
            "R" => Joining::Right,
            "L" => Joining::Left,
            "D" => Joining::Dual,
            "C" => Joining::Causing,
            "T" => Joining::Transparent,
            _ => Joining::None,
        };
        joining.insert(c, kind);
    }
    let mut forms: HashMap<char, Forms> = HashMap::new();
    let mut lam_alef: HashMap<char, Forms> = HashMap::new();
    for line in include_str!("../../data/ArabicPresentationForms.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        let (Some(code), Some(decomposition)) = (fields.first(), fields.get(2)) else {
            continue;
        };
        let Some(form_char) = u32::from_str_radix(code, 16).ok().and_then(char::from_u32) else {
            continue;
        };
        let mut parts = decomposition.split_whitespace();
        let slot = match parts.next() {
            Some("<isolated>") => ISOLATED,
            Some("<final>") => FINAL,
            Some("<initial>") => INITIAL,
            Some("<medial>") => MEDIAL,
            _ => continue,
        };
        let base: Vec<char> = parts
            .filter_map(|p| u32::from_str_radix(p, 16).ok().and_then(char::from_u32))
            .collect();
        let entry = match base.as_slice() {
            [c] => forms.entry(*c).or_default(),
            // Only lam-alef is mandatory; other ligatures are optional and
            // would make the text harder to read and search.
            [
                LAM,
                alef @ ('\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}'),
            ] => lam_alef.entry(*alef).or_default(),
            _ => continue,
        };
        // The first listed form wins (later blocks repeat some).
        entry.0[slot].get_or_insert(form_char);
    }
    Tables {
        joining,
        forms,
        lam_alef,
    }
});

/// What U+0600..U+0900 look like isolated, final, initial and medial, by
/// index (no hashing per letter); a letter without a form keeps its own.
static ARABIC_FORMS: LazyLock<Vec<[char; 4]>> = LazyLock::new(|| {
    (0x0600u32..0x0900)
        .filter_map(char::from_u32)
        .map(|c| {
            let forms = TABLES.forms.get(&c).copied().unwrap_or_default();
            forms.0.map(|form| form.unwrap_or(c))
        })
        .collect()
});

/// The lam-alef ligatures, by the alef: four of them, looked up without hashing.
static LAM_ALEF: LazyLock<Vec<(char, Forms)>> = LazyLock::new(|| {
    TABLES
        .lam_alef
        .iter()
        .map(|(alef, forms)| (*alef, *forms))
        .collect()
});

fn lam_alef(alef: char) -> Option<Forms> {
    LAM_ALEF
        .iter()
        .find(|(a, _)| *a == alef)
        .map(|(_, forms)| *forms)
}

/// Joining types of U+0600..U+0900 by index, the letters nearly all text uses.
static ARABIC_BLOCK: LazyLock<Vec<Joining>> = LazyLock::new(|| {
    (0x0600u32..0x0900)
        .map(|u| char::from_u32(u).map(joining_slow).unwrap_or(Joining::None))
        .collect()
});

#[inline]
fn joining(c: char) -> Joining {
    match c as u32 {
        i @ 0x0600..0x0900 => ARABIC_BLOCK[i as usize - 0x0600],
        // ASCII and Latin-1: spaces, digits, punctuation, none of which join
        // (the first combining marks are at U+0300), except the soft hyphen,
        // a format character, which is transparent.
        ..0x0300 if c != '\u{AD}' => Joining::None,
        // Nothing else joins below the Arabic block but the marks, which
        // are transparent.
        0x0300..0x0600 if !unicode_normalization::char::is_combining_mark(c) => Joining::None,
        _ => joining_slow(c),
    }
}

fn joining_slow(c: char) -> Joining {
    if let Some(j) = TABLES.joining.get(&c) {
        return *j;
    }
    // Unlisted marks and format characters are transparent (ArabicShaping.txt).
    if unicode_normalization::char::is_combining_mark(c)
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{00AD}')
    {
        Joining::Transparent
    } else {
        Joining::None
    }
}

fn joins_forward(j: Joining) -> bool {
    matches!(j, Joining::Dual | Joining::Left | Joining::Causing)
}

fn joins_backward(j: Joining) -> bool {
    matches!(j, Joining::Dual | Joining::Right | Joining::Causing)
}

/// Whether a text has anything to shape.
pub fn needs_shaping(chars: &[char]) -> bool {
    chars.iter().any(|&c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'))
}

/// Shape logical-order text. Returns the shaped characters and, for each,
/// the index of the input character it came from (a ligature points at its
/// lam; the alef it swallowed has no output character of its own).
pub fn shape(input: &[char]) -> (Vec<char>, Vec<usize>) {
    let n = input.len();
    let kinds: Vec<Joining> = input.iter().map(|&c| joining(c)).collect();
    let forms_in_block: &[[char; 4]] = &ARABIC_FORMS;
    let form_of = |c: char, slot: usize| match c as u32 {
        i @ 0x0600..0x0900 => forms_in_block[i as usize - 0x0600][slot],
        _ => TABLES
            .forms
            .get(&c)
            .and_then(|forms| forms.0[slot])
            .unwrap_or(c),
    };
    let mut out = Vec::with_capacity(n);
    let mut origin = Vec::with_capacity(n);
    let mut skip: Option<usize> = None;
    // Whether the last character before `i` that is not transparent joins
    // the one after it. The joining tests combine with `&`, not `&&`: which
    // way letters join is data, and a branch on it was mispredicted about
    // once a letter (cachegrind).
    let mut previous_joins_forward = false;
    for (i, (&c, &kind)) in input.iter().zip(&kinds).enumerate() {
        if skip == Some(i) {
            continue;
        }
        if kind == Joining::Transparent {
            out.push(c);
            origin.push(i);
            continue;
        }
        let joins_prev = joins_backward(kind) & previous_joins_forward;
        previous_joins_forward = joins_forward(kind);
        if kind == Joining::None {
            out.push(c);
            origin.push(i);
            continue;
        }
        let next = (i + 1..n).find(|&k| kinds[k] != Joining::Transparent);
        if c == LAM
            && let Some((k, forms)) = next.and_then(|k| lam_alef(input[k]).map(|f| (k, f)))
        {
            let slot = if joins_prev { FINAL } else { ISOLATED };
            if let Some(lig) = forms.0[slot] {
                out.push(lig);
                origin.push(i);
                skip = Some(k);
                // What follows sees the alef the ligature ends with.
                previous_joins_forward = joins_forward(kinds[k]);
                continue;
            }
        }
        let joins_next = joins_forward(kind) & next.is_some_and(|k| joins_backward(kinds[k]));
        // ISOLATED, FINAL (joins the one before), INITIAL (the one after),
        // MEDIAL (both).
        let slot = usize::from(joins_prev) | usize::from(joins_next) << 1;
        out.push(form_of(c, slot));
        origin.push(i);
    }
    (out, origin)
}

/// Shape a string (no position map), for tests and simple callers.
pub fn shape_str(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    shape(&chars).0.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contextual_forms() {
        // بيت: beh initial, yeh medial, teh final.
        assert_eq!(shape_str("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        // A lone letter is isolated.
        assert_eq!(shape_str("ب"), "\u{FE8F}");
    }

    #[test]
    fn non_joining_letters_break_the_word() {
        // دار: dal and reh join only to the right; alef neither.
        assert_eq!(shape_str("دار"), "\u{FEA9}\u{FE8D}\u{FEAD}");
        // بدر: beh initial, dal final, reh isolated.
        assert_eq!(shape_str("بدر"), "\u{FE91}\u{FEAA}\u{FEAD}");
    }

    #[test]
    fn lam_alef_ligatures() {
        assert_eq!(shape_str("لا"), "\u{FEFB}");
        assert_eq!(shape_str("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shape_str("لأ"), "\u{FEF7}");
        let (out, origin) = shape(&['ل', 'ا', 'ب']);
        assert_eq!(out, vec!['\u{FEFB}', '\u{FE8F}']);
        assert_eq!(origin, vec![0, 2]);
    }

    #[test]
    fn harakat_stay_and_are_transparent() {
        // بَيت with a fatha: the fatha does not break the joining.
        assert_eq!(shape_str("بَيت"), "\u{FE91}\u{064E}\u{FEF4}\u{FE96}");
        // Text that starts with a haraka (ar-reshaper panics on this).
        assert_eq!(shape_str("\u{064E}ب"), "\u{064E}\u{FE8F}");
    }

    #[test]
    fn optional_ligatures_are_not_used() {
        // على: lam-alef maksura has a ligature in the data, but it is optional.
        assert_eq!(shape_str("على"), "\u{FECB}\u{FEE0}\u{FEF0}");
    }

    #[test]
    fn a_soft_hyphen_does_not_break_the_joining() {
        // بـ­ت: beh initial, soft hyphen, teh final (it was isolated forms).
        assert_eq!(shape_str("ب\u{AD}ت"), "\u{FE91}\u{AD}\u{FE96}");
    }

    #[test]
    fn the_joining_shortcuts_agree_with_the_data() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(joining(c), joining_slow(c), "{c:?}");
        }
    }

    #[test]
    fn latin_and_digits_are_untouched() {
        assert_eq!(shape_str("abc 2023 (x)"), "abc 2023 (x)");
        assert_eq!(shape_str(""), "");
    }
}
