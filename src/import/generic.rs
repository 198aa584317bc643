//! Generic headings: lines that name a part of a text (Preamble, Article 1,
//! 第1条, ข้อ 1 …) rather than the text itself, so never its title. The
//! words are data (`generic_headings.txt`), compared after folding case,
//! accents and script to ASCII and dropping numbers of any script.

use std::collections::BTreeSet;
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;

/// Ordinal words that stand for a number in a heading ("Article premier").
const ORDINALS: &[&str] = &[
    "first",
    "premier",
    "premiere",
    "primero",
    "primera",
    "primeiro",
    "primo",
    "prima",
    "erster",
    "erste",
    "eerste",
    "forsta",
    "forste",
    "ensimmainen",
    "pervaia",
    "pervyi",
    "persha",
    "proto",
    "birinci",
    "ilk",
    "wl",
    "wly",
    "ykhm",
    "rshvn",
    "pertama",
    "unang",
    "dau tien",
];

static GENERIC: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    include_str!("generic_headings.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
});

/// Numerals and the ordinal prefix (第, 제) of Chinese, Japanese and Korean.
fn is_cjk_number(c: char) -> bool {
    "〇零一二三四五六七八九十百千第제".contains(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// A letter of an alphabet where one letter alone numbers things (a), א, б).
fn is_enumerator(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if (c as u32) < 0x0600)
}

fn is_roman(word: &str) -> bool {
    word.len() <= 7 && word.chars().all(|c| "ivxlcdm".contains(c))
}

/// The comparison key of a heading: its words without numbers, folded to
/// lower-case ASCII letters.
fn key(text: &str) -> String {
    let lower = text.to_lowercase();
    let words = lower.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)));
    let mut out = String::new();
    for word in words {
        let word: String = if word.chars().any(is_cjk) {
            word.chars()
                .filter(|&c| !is_cjk_number(c) && !c.is_numeric())
                .collect()
        } else {
            word.to_string()
        };
        if word.is_empty()
            || word.chars().all(char::is_numeric)
            || is_roman(&word)
            || is_enumerator(&word)
        {
            continue;
        }
        let ascii: String = deunicode::deunicode(&word)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .collect();
        let ascii = ascii.trim();
        if ORDINALS.contains(&ascii) || ascii.chars().all(|c| c.is_ascii_digit() || c == ' ') {
            continue;
        }
        out.extend(ascii.chars().filter(|c| c.is_ascii_alphanumeric()));
    }
    out
}

/// Whether a short line is a generic heading in some language.
pub fn is_generic_heading(text: &str) -> bool {
    text.split_whitespace().count() <= 6 && {
        let k = key(text);
        !k.is_empty() && GENERIC.contains(&k)
    }
}

/// Whether a heading names a part of the text: a generic heading, or a
/// numbered one followed by the part's own name ("Chapter 1. Definitions",
/// "Article 3 – Liberty", "第1章 定義と概要", "1장. 정의 및 개관"). The number
/// and a separator are needed: "Article 1 of the constitution must go" and
/// "Introduction to Marxism" may be titles.
pub fn is_part_heading(text: &str) -> bool {
    if is_generic_heading(text) {
        return true;
    }
    let t = text.trim();
    let numbered = |head: &str| {
        head.chars().any(|c| c.is_numeric() || is_cjk_number(c))
            || head
                .split_whitespace()
                .any(|w| is_roman(&w.to_lowercase().replace('.', "")))
    };
    let is_part = |head: &str| {
        let rest = t[head.len()..].trim_start_matches(|c: char| !c.is_alphanumeric());
        !rest.is_empty() && numbered(head) && is_generic_heading(head)
    };
    // Up to the first separator ("Chapter 1. …", "Article 3 – …").
    let separated = t
        .find(['.', ':', '–', '—', '：'])
        .or_else(|| t.find(" - "))
        .is_some_and(|at| is_part(&t[..at]));
    // CJK headings end at a space ("第1章 定義", "第 1 章 定义").
    let spaced = || {
        let mut end = 0;
        t.split_whitespace().take(3).any(|w| {
            end = t[end..].find(w).map_or(t.len(), |at| end + at + w.len());
            w.chars().any(is_cjk) && is_part(&t[..end])
        })
    };
    separated || spaced()
}

#[cfg(test)]
mod tests {
    use super::{is_generic_heading, is_part_heading};

    #[test]
    fn numbered_parts_with_their_own_names_are_part_headings() {
        for h in [
            "Chapter 1. Definitions and overview",
            "Глава 1. Определения и обзор",
            "Article 3 – Liberty",
            "Part II: The tasks",
            "第1章 定義と概要",
            "第 1 章 定义和概览",
            "1장. 정의 및 개관",
            "Preamble",
        ] {
            assert!(is_part_heading(h), "{h}");
        }
        for t in [
            "Article 1 of the constitution must go",
            "Introduction to Marxism: a primer",
            "1.1. What is this FAQ?",
            "Debian GNU/Linux FAQ",
            "世界人权宣言",
            "Resolution 2: on Palestine",
        ] {
            assert!(!is_part_heading(t), "{t}");
        }
    }

    #[test]
    fn knows_parts_of_texts_in_many_scripts() {
        for h in [
            "Preamble",
            "PREAMBLE",
            "Article 1",
            "Article premier",
            "Artikel 1.",
            "ΑΡΘΡΟ 1",
            "Άρθρο 12",
            "Статья 1",
            "ПРЕАМБУЛА",
            "〈前文〉",
            "第１条",
            "第一条",
            "序言",
            "제 1 조",
            "전 문",
            "ข้อ 1",
            "คำปรารภ",
            "المادة 1",
            "الديباجة",
            "دفعہ ۱۔",
            "مادهٔ اول",
            "סעיף א.",
            "अनुच्छेद १.",
            "ধারা ১",
            "Madde 1",
            "Önsöz",
            "Chapter IV",
            "Version 11.0",
            "버전 11.0",
            "版本 11.0",
            "Annex",
        ] {
            assert!(is_generic_heading(h), "{h}");
        }
    }

    #[test]
    fn titles_are_not_generic() {
        for t in [
            "Universal Declaration of Human Rights",
            "Secure the victory of the ceasefire now!",
            "Article 1 of the constitution must go",
            "世界人权宣言",
            "ICOR Resolution",
            "Солидарность с рабочими",
            "",
        ] {
            assert!(!is_generic_heading(t), "{t}");
        }
    }
}
