//! Folding text for matching in every script, with a map back to the
//! original so hits can be highlighted where they are.
//!
//! fuzzy-matcher compares ASCII case only, so folding is done here: Unicode
//! lower case, compatibility forms (presentation forms, ligatures, full
//! width), Latin diacritics dropped (é → e), Cyrillic ё → е, Arabic without
//! harakat and tatweel and with أ إ آ ٱ → ا, ى → ي, ة → ه.

use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folded text and, per folded character, the original byte range it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub map: Vec<Range<usize>>,
    /// A bit per character class present, for a cheap prefilter.
    pub mask: u64,
}

/// The prefilter bit of a folded character.
pub fn bit(c: char) -> u64 {
    1u64 << (c as u32 % 64)
}

/// The bits of every character of `text`.
pub fn mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | bit(c))
}

/// Append a folded character; `source` is recorded only when mapping.
fn push(out: &mut Folded, c: char, source: Option<Range<usize>>) {
    out.text.push(c);
    out.mask |= bit(c);
    if let Some(source) = source {
        out.map.push(source);
    }
}

/// Fold one character into zero or more characters.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    match c {
        // Harakat, superscript alef, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
        'أ' | 'إ' | 'آ' | 'ٱ' => emit('ا'),
        'ى' => emit('ي'),
        'ة' => emit('ه'),
        'ё' | 'Ё' => emit('е'),
        _ => decompose_compatible(c, |d| {
            if is_combining_mark(d)
                || matches!(d, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{00AD}')
            {
                return;
            }
            for lower in d.to_lowercase() {
                match lower {
                    'أ' | 'إ' | 'آ' | 'ٱ' => emit('ا'),
                    'ى' => emit('ي'),
                    'ة' => emit('ه'),
                    'ё' => emit('е'),
                    other => emit(other),
                }
            }
        }),
    }
}

/// Fold text for matching, with the map back to the original.
pub fn fold(text: &str) -> Folded {
    fold_with(text, true, usize::MAX)
}

/// [`fold`], stopping once `chars` folded characters are mapped: enough to
/// highlight matches that end before them.
pub fn fold_prefix(text: &str, chars: usize) -> Folded {
    fold_with(text, true, chars)
}

/// Fold text for an index: the same text and mask, no map (a map costs 16
/// bytes a character; highlights recompute it for the few hits shown).
pub fn fold_key(text: &str) -> Folded {
    fold_with(text, false, usize::MAX)
}

fn fold_with(text: &str, map: bool, limit: usize) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        map: Vec::new(),
        mask: 0,
    };
    for (i, c) in text.char_indices() {
        if out.map.len() >= limit {
            break;
        }
        let source = map.then(|| i..i + c.len_utf8());
        fold_char(c, |f| push(&mut out, f, source.clone()));
    }
    out
}

/// Scripts written without short vowels (abjads): a Latin query's vowels
/// cannot be found in their transliteration.
pub fn is_abjad(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x05FF | 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Transliterate to lower-case ASCII (deunicode), with the same map. Text in
/// an abjad keeps only consonants, so that "gaza" can meet غزة as "gz".
pub fn transliterate(text: &str) -> Folded {
    transliterate_with(text, true, usize::MAX)
}

/// [`transliterate`], stopping once `chars` characters are mapped.
pub fn transliterate_prefix(text: &str, chars: usize) -> Folded {
    transliterate_with(text, true, chars)
}

/// Transliterate for an index: no map (see [`fold_key`]).
pub fn transliterate_key(text: &str) -> Folded {
    transliterate_with(text, false, usize::MAX)
}

fn transliterate_with(text: &str, map: bool, limit: usize) -> Folded {
    let mut out = Folded::default();
    for (i, c) in text.char_indices() {
        if out.map.len() >= limit {
            break;
        }
        let source = map.then(|| i..i + c.len_utf8());
        let abjad = is_abjad(c);
        let ascii = if c.is_ascii() {
            None
        } else {
            deunicode::deunicode_char(c)
        };
        let mut emit = |a: char| {
            let a = a.to_ascii_lowercase();
            if (a.is_ascii_alphanumeric() || a == ' ') && !(abjad && is_vowel(a)) {
                push(&mut out, a, source.clone());
            }
        };
        match ascii {
            Some(s) => s.chars().for_each(&mut emit),
            None if c.is_ascii() => emit(c),
            None => {}
        }
    }
    out
}

/// A Latin query as it can match abjad text: consonants only.
pub fn skeleton(query: &str) -> String {
    query.chars().filter(|c| !is_vowel(*c)).collect()
}

/// Merge the source ranges of matched folded characters into highlight
/// ranges of the original text.
pub fn highlight_ranges(
    folded: &Folded,
    indices: impl IntoIterator<Item = usize>,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in indices {
        let Some(r) = folded.map.get(i) else { continue };
        match out.last_mut() {
            Some(last) if last.end >= r.start && last.start <= r.start => {
                last.end = last.end.max(r.end)
            }
            _ => out.push(r.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_variants() {
        assert_eq!(fold("ГАЗА").text, fold("Газа").text);
        assert_eq!(fold("Résolution").text, "resolution");
        assert_eq!(fold("Ёлка").text, "елка");
        assert_eq!(fold("أكتوبر").text, fold("اكتوبر").text);
        assert_eq!(fold("نُعربُ").text, "نعرب");
        assert_eq!(fold("مـــدرسة").text, "مدرسه");
        assert_eq!(fold("على").text, "علي");
        // A presentation form folds like its letter.
        assert_eq!(fold("\u{FEFB}").text, "لا");
    }

    #[test]
    fn maps_folded_characters_back_to_the_original() {
        let text = "Ré sumé";
        let f = fold(text);
        assert_eq!(f.text, "re sume");
        let hit: Vec<usize> = (3..7).collect();
        assert_eq!(highlight_ranges(&f, hit), vec![4..text.len()]);
        assert_eq!(&text[4..], "sumé");
    }

    #[test]
    fn transliterates_across_scripts() {
        assert_eq!(transliterate("Казахстане").text, "kazakhstane");
        assert_eq!(
            transliterate("غزة").text,
            skeleton(&transliterate("غزة").text)
        );
        assert!(transliterate("غزة").text.starts_with('g'));
        assert_eq!(skeleton("gaza"), "gz");
    }
}
