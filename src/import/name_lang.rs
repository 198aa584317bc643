//! The language a file's name gives (`udhr-sw.txt`, `decl_yor.md`,
//! `ti/udhr.txt`), for texts in a language that detection has no model for:
//! whatlang reads Swahili as Shona and Tigrinya as Amharic, and has no
//! answer at all for Inuktitut.
//!
//! The name is weaker evidence than the text, so it decides only where the
//! text cannot: a translation detection left without a language, or one
//! whose named language detection could never have answered. Either way the
//! named language's usual script (CLDR's likely subtags) must be the script
//! the text is written in.

use super::segment::Segment;
use crate::lang;
use icu_locale::{LanguageIdentifier, Locale, LocaleCanonicalizer, LocaleExpander};
use std::collections::BTreeMap;
use unicode_script::{Script, UnicodeScript};

/// A language named by a file: its library code (ISO 639-1, or 639-3
/// where there is none) and the full tag, which may name a script or
/// region (`zh-Hant`, `pt_BR`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCode {
    pub code: String,
    tag: LanguageIdentifier,
    /// The language subtag as the name writes it, lower case.
    token: String,
    /// How many tokens of the name the tag spans (`zh-Hant-TW`: 3).
    tokens: usize,
}

/// A translation the file name relabelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub lang: String,
    /// What detection said, empty when it said nothing.
    pub detected: String,
}

/// The languages `file_name` names: the run of language tags that ends
/// its stem (`udhr-en-sw.txt` names en and sw), else its folder when that
/// is a tag (`ti/udhr.txt`). Nothing for a web address.
pub fn codes(file_name: &str) -> Vec<NameCode> {
    if file_name.contains("://") {
        return Vec::new();
    }
    let path = std::path::Path::new(file_name);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let from_stem = trailing_tags(&stem);
    if !from_stem.is_empty() {
        return from_stem;
    }
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A folder must be nothing but one tag whose language is written in two
    // letters: "src", "old" or "new" are folders, not Sardinian or Newari.
    let tags = trailing_tags(&folder);
    let toks = tokens(&folder);
    match tags.as_slice() {
        [one] if toks[0].len() == 2 && toks.len() == one.tokens => tags,
        _ => Vec::new(),
    }
}

fn tokens(name: &str) -> Vec<&str> {
    name.split(['-', '_', '.', ' '])
        .filter(|t| !t.is_empty())
        .collect()
}

/// The language tags that end `stem`, in order. A name written in one
/// case (`UDHR_EN`) reads its tokens as languages; otherwise a language is
/// lower case and may be followed by a script (`Hant`), a region (`BR`)
/// and variants (`1901`, `puter`), as in BCP 47.
fn trailing_tags(stem: &str) -> Vec<NameCode> {
    let toks = tokens(stem);
    let upper_only = !stem.chars().any(|c| c.is_lowercase());
    let mut tags: Vec<NameCode> = Vec::new();
    // Subtags met (walking backwards) that wait for their language.
    let mut script: Option<&str> = None;
    let mut region: Option<&str> = None;
    let mut variants = 0usize;
    for tok in toks.iter().rev() {
        let letters = tok.chars().all(|c| c.is_ascii_alphabetic());
        let variant = !upper_only
            && tok
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && ((5..=8).contains(&tok.len())
                || tok.len() == 4 && tok.starts_with(|c: char| c.is_ascii_digit()));
        if variant {
            if region.is_some() || script.is_some() {
                break;
            }
            variants += 1;
            continue;
        }
        if !upper_only && letters && tok.len() == 2 && tok.chars().all(|c| c.is_ascii_uppercase()) {
            if region.is_some() || script.is_some() {
                break;
            }
            region = Some(tok);
            continue;
        }
        if !upper_only
            && letters
            && tok.len() == 4
            && tok.starts_with(|c: char| c.is_ascii_uppercase())
            && tok[1..].chars().all(|c| c.is_ascii_lowercase())
        {
            if script.is_some() {
                break;
            }
            script = Some(tok);
            continue;
        }
        let lower = if upper_only {
            tok.to_ascii_lowercase()
        } else {
            tok.to_string()
        };
        let lowercase_letters = lower.chars().all(|c| c.is_ascii_lowercase());
        let Some(mut tag) = (lowercase_letters && (2..=3).contains(&lower.len()))
            .then(|| language_code(&lower))
            .flatten()
        else {
            break;
        };
        let mut id = tag.tag.clone();
        if let Some(s) = script.take() {
            id.script = s.parse().ok();
        }
        if let Some(r) = region.take() {
            id.region = r.parse().ok();
        }
        tag.tag = id;
        tag.tokens = 1
            + usize::from(tag.tag.script.is_some())
            + usize::from(tag.tag.region.is_some())
            + std::mem::take(&mut variants);
        tags.push(tag);
    }
    tags.reverse();
    tags
}

/// `token` as a language: an ISO 639-1 code as it is; anything else in
/// CLDR's canonical form (`yor` → `yo`, `iw` → `he`), a three-letter code
/// kept only for a language with a two-letter code or a name of its own in
/// its language, so that English words ("hot", "old") are not taken for
/// obscure languages.
fn language_code(token: &str) -> Option<NameCode> {
    let parse = |s: &str| s.parse::<LanguageIdentifier>().ok();
    if token.len() == 2 && isolang::Language::from_639_1(token).is_some() {
        return Some(NameCode {
            code: token.to_string(),
            tag: parse(token)?,
            token: token.to_string(),
            tokens: 1,
        });
    }
    let canonical = canonical(token)?;
    let code = canonical.language.as_str().to_string();
    let known = match code.len() {
        2 => isolang::Language::from_639_1(&code).is_some(),
        3 => isolang::Language::from_639_3(&code)
            .is_some_and(|l| l.to_639_1().is_some() || l.to_autonym().is_some()),
        _ => false,
    };
    known.then(|| NameCode {
        code: lang::iso639_1(&code),
        tag: canonical,
        token: token.to_string(),
        tokens: 1,
    })
}

/// CLDR's canonical form of a language tag (`tgl` and `tl` → `fil`).
fn canonical(tag: &str) -> Option<LanguageIdentifier> {
    let mut locale = Locale::try_from_str(tag).ok()?;
    LocaleCanonicalizer::new_extended().canonicalize(&mut locale);
    Some(locale.id)
}

/// Whether two library codes name one language (`tl` and `fil`, `swh`
/// and `sw`).
fn same_language(a: &str, b: &str) -> bool {
    a == b
        || match (canonical(a), canonical(b)) {
            (Some(x), Some(y)) => x.language == y.language,
            _ => false,
        }
}

/// Relabel the one translation of `segments` whose language the file name
/// gives and detection could not (see the module comment). The name and
/// the detected languages must leave exactly one language unaccounted for
/// on each side.
pub fn apply(codes: &[NameCode], segments: &mut [Segment]) -> Option<Named> {
    let unmatched_segments: Vec<usize> = (0..segments.len())
        .filter(|&i| {
            !codes
                .iter()
                .any(|c| same_language(&c.code, &segments[i].lang))
        })
        .collect();
    let unmatched_codes: Vec<&NameCode> = codes
        .iter()
        .filter(|c| !segments.iter().any(|s| same_language(&c.code, &s.lang)))
        .collect();
    let ([i], [named]) = (unmatched_segments.as_slice(), unmatched_codes.as_slice()) else {
        return None;
    };
    let segment = &mut segments[*i];
    let text = segment_text(segment);
    if !segment.lang.is_empty() && lang::detectable(&named.code, &text) {
        return None;
    }
    if !script_fits(&named.tag, &text) || common_word(&named.token, &text) {
        return None;
    }
    let detected = std::mem::replace(&mut segment.lang, named.code.clone());
    Some(Named {
        lang: named.code.clone(),
        detected,
    })
}

/// Whether `token` is a common word of `text` (at least one word in two
/// hundred): then the name ends in a word of the text's language, as
/// `how-to.txt` does in English, not in a code. (Kurmanji's "ku", a common
/// word of Kurmanji, is lost this way; `--lang` names it.)
fn common_word(token: &str, text: &str) -> bool {
    let mut words = 0usize;
    let mut hits = 0usize;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if word.eq_ignore_ascii_case(token) {
            hits += 1;
        }
    }
    hits >= 2 && hits * 200 >= words
}

fn segment_text(segment: &Segment) -> String {
    segment
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `text` is written mostly in the script `tag` is usually
/// written in (its own script subtag, else CLDR's likely one).
fn script_fits(tag: &LanguageIdentifier, text: &str) -> bool {
    let mut id = tag.clone();
    if id.script.is_none() {
        LocaleExpander::new_extended().maximize(&mut id);
    }
    let Some(expected) = id.script else {
        return false;
    };
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for c in text.chars() {
        let s = c.script();
        if !matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            *counts.entry(s.short_name()).or_default() += 1;
        }
    }
    let Some((dominant, _)) = counts.iter().max_by_key(|&(_, n)| *n) else {
        return false;
    };
    // Tags name writing systems that mix scripts: Han simplified or
    // traditional, Japanese, Korean.
    match expected.as_str() {
        "Hans" | "Hant" => *dominant == "Hani",
        "Jpan" => matches!(*dominant, "Hani" | "Hira" | "Kana"),
        "Kore" => matches!(*dominant, "Hang" | "Hani"),
        other => *dominant == other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reflow::{RawBlock, RawKind};

    fn names(file: &str) -> Vec<String> {
        codes(file).into_iter().map(|c| c.code).collect()
    }

    fn segment(lang: &str, text: &str) -> Segment {
        Segment {
            lang: lang.to_string(),
            blocks: vec![RawBlock {
                kind: RawKind::Paragraph,
                text: text.to_string(),
                line: 1,
            }],
        }
    }

    #[test]
    fn a_name_gives_the_languages_that_end_it_or_its_folder() {
        assert_eq!(names("udhr-sw.txt"), ["sw"]);
        assert_eq!(names("docs/udhr_yor.md"), ["yo"]);
        assert_eq!(names("udhr-en-sw.txt"), ["en", "sw"]);
        assert_eq!(names("UDHR_EN.TXT"), ["en"]);
        assert_eq!(names("decl-zh-Hant.txt"), ["zh"]);
        assert_eq!(names("decl_pt_BR.txt"), ["pt"]);
        assert_eq!(names("udhr-rm-puter.txt"), ["rm"]);
        assert_eq!(names("udhr-de-1901.txt"), ["de"]);
        assert_eq!(names("sl-rozaj/udhr.txt"), ["sl"]);
        assert_eq!(names("ti/udhr.txt"), ["ti"]);
        assert_eq!(names("udhr-iw.txt"), ["he"]);
        // Words are not languages, a folder of three letters is a folder,
        // and a tag inside the name does not count.
        assert!(names("the-hot-old.txt").is_empty());
        assert!(names("src/udhr.txt").is_empty());
        assert!(names("sw-udhr.txt").is_empty());
        assert!(names("udhr-final.txt").is_empty());
        assert!(names("https://example.org/udhr-sw.html").is_empty());
    }

    #[test]
    fn the_name_decides_only_what_detection_cannot() {
        let swahili = "Kwa kuwa kukiri heshima ya asili na haki sawa kwa binadamu wote ni msingi wa uhuru, haki na amani duniani";
        // whatlang has no Swahili: its guess gives way to the name.
        let mut segs = vec![segment("sn", swahili)];
        let named = apply(&codes("udhr-sw.txt"), &mut segs);
        assert_eq!(
            named,
            Some(Named {
                lang: "sw".into(),
                detected: "sn".into()
            })
        );
        assert_eq!(segs[0].lang, "sw");
        // Italian is a language detection knows: English text named
        // "-it" stays English.
        let mut segs = vec![segment(
            "en",
            "All human beings are born free and equal in dignity and rights.",
        )];
        assert_eq!(apply(&codes("udhr-it.txt"), &mut segs), None);
        assert_eq!(segs[0].lang, "en");
        // The named language's script must be the text's: Amharic is
        // written in Ethiopic, not Latin.
        let mut segs = vec![segment("", swahili)];
        assert_eq!(apply(&codes("udhr-am.txt"), &mut segs), None);
        // A name that ends in a common word of the text is not a code:
        // English "how-to" is no Tongan.
        let english = "How to read the declaration: turn to the preamble, then to the articles, and read them one to one against the other translation.";
        let mut segs = vec![segment("en", english)];
        assert_eq!(apply(&codes("how-to.txt"), &mut segs), None);
        // Two translations in a file named for both: the one detection
        // knows is matched, the other takes the remaining name.
        let mut segs = vec![
            segment("en", "All human beings are born free and equal."),
            segment("sn", swahili),
        ];
        apply(&codes("udhr-en-sw.txt"), &mut segs);
        assert_eq!((segs[0].lang.as_str(), segs[1].lang.as_str()), ("en", "sw"));
    }

    #[test]
    fn codes_for_one_language_match() {
        assert!(same_language("tl", "fil"));
        assert!(same_language("swh", "sw"));
        assert!(!same_language("sw", "sn"));
    }

    #[test]
    fn scripts_of_tags_that_mix_them_fit() {
        let tag = |s: &str| s.parse::<LanguageIdentifier>().unwrap();
        assert!(script_fits(
            &tag("zh"),
            "人人生而自由,在尊严和权利上一律平等。"
        ));
        assert!(script_fits(
            &tag("ja"),
            "すべての人間は、生まれながらにして自由であり"
        ));
        assert!(script_fits(&tag("iu"), "ᐃᓄᓕᒫᑦ ᐃᓅᓚᐅᕐᒪᑕ ᐃᓱᒪᕐᓱᕐᖢᑎᒃ"));
        assert!(!script_fits(&tag("ti"), "Kwa kuwa kukiri heshima"));
    }
}
