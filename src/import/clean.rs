//! Character- and line-level cleaning of a raw document: decoding, odd
//! characters from PDF fonts and web pages, inline markdown/HTML markup, and
//! page furniture (page numbers, file-name footers, browser print headers).

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// One source line after cleaning, with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// What the furniture told us before it was dropped.
#[derive(Debug, Default, Clone)]
pub struct Furniture {
    /// The page title a browser printed above a captured page.
    pub capture_title: Option<String>,
    /// Web addresses that stood alone on a line.
    pub urls: Vec<String>,
    /// Page numbers and page footers removed: the text was laid out in pages.
    pub page_lines: usize,
}

/// Why a file's bytes are not a text document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
    NotUtf8 {
        line: usize,
    },
    /// UTF-16 that does not decode (an unpaired surrogate).
    BrokenUtf16,
}

/// The byte order of UTF-16 text: from its BOM, else guessed from NULs
/// (text mostly in Latin or Cyrillic script has a zero in every other
/// byte, always on the same side). `Some(true)` for little-endian.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(true);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(false);
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let half = sample.len() / 2;
    if odd * 10 > half * 4 && even * 20 < half {
        Some(true)
    } else if even * 10 > half * 4 && odd * 20 < half {
        Some(false)
    } else {
        None
    }
}

/// Decode UTF-16 (a BOM is dropped).
fn decode_utf16(bytes: &[u8], little_endian: bool) -> Result<String, DecodeError> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let text: String = char::decode_utf16(units)
        .collect::<Result<_, _>>()
        .map_err(|_| DecodeError::BrokenUtf16)?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string())
}

/// Decode bytes as UTF-8 or UTF-16 text (a BOM is dropped); binary data
/// is refused.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    // Word processors on Windows save "Unicode text" as UTF-16: read it.
    let utf16;
    let bytes = match utf16_order(bytes) {
        Some(little_endian) => {
            utf16 = decode_utf16(bytes, little_endian)?;
            utf16.as_bytes()
        }
        None => bytes,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        DecodeError::NotUtf8 { line }
    })?;
    // Text captured from a terminal carries colour codes; they are not the
    // document's, and counted as controls they made it look binary.
    let text = strip_escape_sequences(text);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if controls * 20 > text.chars().count() {
        return Err(DecodeError::Binary);
    }
    Ok(text.to_string())
}

/// `text` without terminal escape sequences: CSI (`ESC [` or U+009B, up to
/// a final byte `@`–`~`: colours, cursor moves), OSC (`ESC ]` up to BEL or
/// ST: window titles, links, whose link text stays) and the other two-byte
/// `ESC x` ones. None of them is a document's text.
pub fn strip_escape_sequences(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\u{1b}', '\u{9b}']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' && c != '\u{9b}' {
            out.push(c);
            continue;
        }
        let kind = if c == '\u{9b}' {
            Some('[')
        } else {
            chars.next()
        };
        match kind {
            Some('[') => {
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
            Some(']' | 'P' | '_' | '^' | 'X') => {
                // Up to BEL, ST (ESC \\) or C1 ST.
                while let Some(d) = chars.next() {
                    if d == '\u{7}' || d == '\u{9c}' {
                        break;
                    }
                    if d == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Normalise characters: line ends, spaces of every kind, private-use
/// bullets of PDF symbol fonts, Arabic presentation forms (some sources
/// store pre-shaped letters), soft hyphens and zero-width spaces.
pub fn normalize_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\t' => out.push(' '),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            // Bullets of the Symbol and Wingdings fonts as PDF extractors emit them.
            '\u{F0B7}' | '\u{F0A7}' | '\u{F076}' | '\u{F0D8}' | '\u{F0FC}' | '\u{F0A8}' => {
                out.push_str("• ")
            }
            '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => out.extend(c.to_string().nfkc()),
            _ => out.push(c),
        }
    }
    out
}

static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:-\s*)?(?:page|p\.|seite|página|pagina|pag\.|страница|стр\.?|с\.|صفحة|الصفحة|sayfa|strona|str\.|頁|页)?\s*\d{1,4}\s*(?:(?:of|von|de|di|из|من|/|sur|z|van)\s*\d{1,4})?\s*(?:-\s*)?$",
    )
    .expect("static regex")
});
static FILE_NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:docx?|odt|pdf|rtf|pages|txt|html?)\s*$").expect("static regex")
});
static CAPTURE_TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)\s*$",
    )
    .expect("static regex")
});
static URL_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*https?://\S+\s+\d{1,3}\s*/\s*\d{1,3}\s*$").expect("static regex")
});
static LINK_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[([^\]]*)\]\((\S+?)\)|<?((?:https?://|www\.)\S+?)>?)\s*$")
        .expect("static regex")
});
static RULE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*_=]\s*){3,}$").expect("static regex"));

/// Whether a line is page furniture: a page number or a file-name footer.
pub fn is_page_furniture(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    (PAGE_LINE.is_match(t) && t.chars().any(|c| c.is_ascii_digit()) && t.len() < 40)
        || is_file_name_line(t)
        || URL_FOOTER.is_match(t)
}

/// A word processor's footer naming the file ("ICOR00498_ver 04.01_RU … .doc"):
/// a name without spaces, or one with the underscores or path separators
/// of a file name. A sentence ("The text is in statement.pdf") or a command
/// ("dpkg --set-selections < selections.txt") that ends in a file name is
/// text, not furniture.
fn is_file_name_line(t: &str) -> bool {
    FILE_NAME_LINE.is_match(t)
        && t.chars().count() < 200
        && !t.ends_with(". txt")
        && !t.contains(['<', '>', '|', '*', '$', ';', '='])
        && (!t.contains(char::is_whitespace) || t.contains(['_', '/', '\\']))
}

/// Split into lines and drop page furniture and a browser print header.
pub fn strip_furniture(text: &str) -> (Vec<Line>, Furniture) {
    let mut furniture = Furniture::default();
    let mut lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim_end().to_string(),
        })
        .collect();

    // A browser print header: page title, then a timestamp, near the top,
    // then breadcrumb/tag lines written as bullets.
    let first_lines: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty())
        .map(|(i, _)| i)
        .take(5)
        .collect();
    if let Some(&stamp) = first_lines
        .iter()
        .find(|&&i| CAPTURE_TIMESTAMP.is_match(&lines[i].text))
    {
        furniture.capture_title = lines[..stamp]
            .iter()
            .map(|l| l.text.trim())
            .find(|t| !t.is_empty())
            .map(str::to_string);
        let mut end = stamp + 1;
        while end < lines.len() {
            let t = lines[end].text.trim_start();
            if t.is_empty() || t.starts_with('•') || t.starts_with('›') || t.starts_with('»') {
                end += 1;
            } else {
                break;
            }
        }
        lines.drain(..end);
    }

    lines.retain_mut(|line| {
        if is_page_furniture(&line.text) {
            furniture.page_lines += 1;
            return false;
        }
        if RULE_LINE.is_match(&line.text) {
            line.text.clear();
            return true;
        }
        if let Some(caps) = LINK_ONLY.captures(&line.text) {
            let url = caps
                .get(2)
                .or(caps.get(3))
                .map(|m| m.as_str().to_string())
                .unwrap_or_default();
            let label = caps.get(1).map(|m| m.as_str()).unwrap_or("");
            // A link whose label is prose is text; a bare address is furniture.
            if label.is_empty() || label.contains('.') && !label.contains(' ') {
                furniture.urls.push(url);
                line.text.clear();
            }
        }
        true
    });
    (lines, furniture)
}

static SUP_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\s*([0-9]{1,3}|[*†‡a-z])\s*</sup>").expect("static regex"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\]\(([^)\s]*)\)").expect("static regex"));
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:b|i|u|em|strong|span|small|big|sub|sup|a|font|mark|br|p|div)\b[^>]*>")
        .expect("static regex")
});
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*]+?)\*\*|__([^_]+?)__").expect("static regex"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(^|[\s(«"“„'‘\[])\*([^\s*](?:[^*]*?[^\s*])?)\*($|[\s.,;:!?)»"”’\[\]])"#)
        .expect("static regex")
});
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|<>~])").expect("static regex"));

/// Remove inline markup from one line: footnote marks become `[^n]`,
/// links keep their text, emphasis and HTML tags go, escapes resolve.
pub fn inline_markup(line: &str) -> String {
    let mut text = SUP_MARK.replace_all(line, "[^$1]").into_owned();
    text = LINK
        .replace_all(&text, |c: &regex::Captures| {
            if c[0].starts_with('!') {
                String::new()
            } else {
                c[1].to_string()
            }
        })
        .into_owned();
    text = HTML_TAG.replace_all(&text, " ").into_owned();
    text = STRONG.replace_all(&text, "$1$2").into_owned();
    // Emphasis may nest or touch; two passes settle the usual cases.
    for _ in 0..2 {
        text = EMPHASIS.replace_all(&text, "$1$2$3").into_owned();
    }
    text = ESCAPE.replace_all(&text, "$1").into_owned();
    text = text
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    // Collapse the spaces that removed tags leave behind, keep the indent.
    let indent = text.len() - text.trim_start().len();
    let body = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{}{}", &text[..indent], body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_are_not_text() {
        // Captured from a terminal: colours, a window title, a link. Before,
        // the escape characters made this short file "binary data".
        let captured = "Solidarity \u{1b}[1;31mstatement\u{1b}[0m\n\n\u{1b}]0;title\u{7}We \
            \u{1b}]8;;http://x.org\u{1b}\\call\u{1b}]8;;\u{1b}\\ for \u{9b}2Jpeace.\n";
        let text = decode(captured.as_bytes()).expect("text");
        assert_eq!(text, "Solidarity statement\n\nWe call for peace.\n");
        assert_eq!(strip_escape_sequences("plain"), "plain");
        // An escape at the very end, or cut short, leaves nothing behind.
        assert_eq!(strip_escape_sequences("end\u{1b}"), "end");
        assert_eq!(strip_escape_sequences("cut \u{1b}[31"), "cut ");
        assert_eq!(strip_escape_sequences("cut \u{1b}]0;title"), "cut ");
    }

    #[test]
    fn utf16_is_read_with_or_without_a_bom() {
        let text = "Résolution sur la Palestine\nЗа мир.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [
            [&[0xFF, 0xFE][..], &le].concat(),
            [&[0xFE, 0xFF][..], &be].concat(),
            le.clone(),
            be,
        ] {
            assert_eq!(decode(&bytes).unwrap(), text);
        }
        // A lone surrogate: said to be UTF-16, with how to convert it.
        let broken = [&[0xFF, 0xFE][..], &le[..6], &[0x00, 0xD8], &le[6..]].concat();
        assert!(matches!(decode(&broken), Err(DecodeError::BrokenUtf16)));
    }

    #[test]
    fn decodes_and_refuses() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").as_deref(), Ok("hello"));
        assert_eq!(decode(b"  \n "), Err(DecodeError::Empty));
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary));
        assert_eq!(
            decode(b"ok\nok\n\xFF"),
            Err(DecodeError::NotUtf8 { line: 3 })
        );
        assert_eq!(decode(b"\x01\x02\x03\x04x"), Err(DecodeError::Binary));
    }

    #[test]
    fn normalises_pdf_and_web_characters() {
        assert_eq!(
            normalize_chars("\u{F0B7}Strengthen\u{00A0}the ICOR!\r"),
            "• Strengthen the ICOR!"
        );
        // A lam-alef with hamza stored as one presentation form (seed 004).
        assert_eq!(normalize_chars("ا\u{FEF7}ممي"), "الأممي");
    }

    #[test]
    fn drops_page_furniture() {
        for line in [
            "page 1 of 4",
            "Page 12",
            "- 3 -",
            "стр. 2 из 5",
            "ICOR00498\\_ver 04.01\\_RU\\_ес\\_Газа - победа солидарности, Resolution Gaza Sieg der Solidarität.doc  ",
            "https://example.org/a/b 2/3",
        ] {
            assert!(is_page_furniture(line), "{line}");
        }
        for line in [
            "1. PCPCI Parti Communiste",
            "around 2,000 prisoners",
            "dpkg --set-selections < selections.txt",
            "The full text is in statement.pdf",
        ] {
            assert!(!is_page_furniture(line), "{line}");
        }
        assert!(is_page_furniture("resolution_final.docx"));
    }

    #[test]
    fn strips_a_browser_print_header() {
        let text = "23rd IMCWP, Solidarity\n\n10/31/23, 11:00 AM\n  • Greece, Communist Party of Greece 23rd IMCWP Ar En\n\nSolidarity with the peoples\n";
        let (lines, furniture) = strip_furniture(text);
        assert_eq!(
            furniture.capture_title.as_deref(),
            Some("23rd IMCWP, Solidarity")
        );
        let kept: Vec<&str> = lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(kept, vec!["Solidarity with the peoples"]);
        assert_eq!(lines[0].no, 6);
    }

    #[test]
    fn keeps_links_to_the_source_aside() {
        let (lines, furniture) = strip_furniture("[www.icor.info](http://www.icor.info)\ntext\n");
        assert_eq!(furniture.urls, vec!["http://www.icor.info"]);
        assert_eq!(lines[0].text, "");
    }

    #[test]
    fn removes_inline_markup() {
        assert_eq!(
            inline_markup("НФОП пишет: *«Соглашение о перемирии»*<sup>1</sup>."),
            "НФОП пишет: «Соглашение о перемирии»[^1]."
        );
        assert_eq!(inline_markup("## **Title!**"), "## Title!");
        assert_eq!(
            inline_markup("ICOR00498\\_ver 04.01"),
            "ICOR00498_ver 04.01"
        );
        assert_eq!(
            inline_markup("see [fightbacknews.com](http://fightbacknews.com)  "),
            "see fightbacknews.com"
        );
        assert_eq!(
            inline_markup("lire : * le Communiqué. * Sur l’ampleur"),
            "lire : * le Communiqué. * Sur l’ampleur"
        );
        assert_eq!(inline_markup("**a** and *b*"), "a and b");
    }
}
