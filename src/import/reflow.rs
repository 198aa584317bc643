//! Re-flowing lines into blocks: hard-wrapped PDF lines join into
//! paragraphs, words hyphenated across lines join, real paragraph breaks stay,
//! list items and footnotes are recognised.

use super::clean::Line;
use crate::lang::{Script, script_of};
use crate::library::ListMarker;
use crate::library::format::list_marker;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A block before it is given its final meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    pub kind: RawKind,
    pub text: String,
    /// Source line the block starts on.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RawKind {
    /// A markdown heading (`## …`) with its level.
    Heading(u8),
    Paragraph,
    Item(ListMarker),
    Footnote(String),
}

/// Characters that end a sentence, possibly followed by closers.
fn ends_sentence(text: &str) -> bool {
    let t = strip_trailing_marks(text.trim_end());
    let t = t.trim_end_matches(['"', '”', '»', '’', '\'', ')', ']', '*']);
    t.ends_with([
        '.', '!', '?', ':', ';', '…', '。', '！', '？', '؟', '۔', '।',
    ])
}

/// Drop trailing footnote marks (`[^1]`) so the punctuation before them shows.
fn strip_trailing_marks(text: &str) -> &str {
    let mut t = text;
    while let Some(open) = t.rfind("[^") {
        if t.ends_with(']') && t[open..].chars().count() <= 6 {
            t = t[..open].trim_end();
        } else {
            break;
        }
    }
    t
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

fn unbalanced_parens(text: &str) -> bool {
    let open = text.chars().filter(|&c| c == '(').count();
    let close = text.chars().filter(|&c| c == ')').count();
    open > close
}

static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:\.\d{1,3})+\.?\s+[^\s\p{Ll}]").expect("static regex"));
static PDF_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.(\p{Lu}\S*)(.*)$").expect("static regex"));
static MD_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[\^([^\]\s]{1,6})\]:?\s+(.+)$").expect("static regex"));
static PLAIN_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}) (\p{Lu}.{10,})$").expect("static regex"));
static GLUED_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([.!?,;:"”»’)])(\d{1,2})(\s|$)"#).expect("static regex"));

/// In text extracted from PDF, superscript footnote marks become digits glued
/// to the punctuation before them (`agreement.”1`) and the footnote itself a
/// line starting with the number. Where both are found, mark and note are
/// rewritten in markdown footnote syntax.
pub fn mark_plain_footnotes(lines: &mut [Line]) {
    let defs: BTreeSet<String> = lines
        .iter()
        .filter_map(|l| {
            PLAIN_FOOTNOTE
                .captures(l.text.trim())
                .map(|c| c[1].to_string())
        })
        .collect();
    if defs.is_empty() {
        return;
    }
    let mut used = BTreeSet::new();
    for line in lines.iter_mut() {
        if PLAIN_FOOTNOTE.is_match(line.text.trim()) {
            continue;
        }
        let replaced = GLUED_MARK.replace_all(&line.text, |c: &regex::Captures| {
            if defs.contains(&c[2]) {
                used.insert(c[2].to_string());
                format!("{}[^{}]{}", &c[1], &c[2], &c[3])
            } else {
                c[0].to_string()
            }
        });
        line.text = replaced.into_owned();
    }
    for line in lines.iter_mut() {
        if let Some(c) = PLAIN_FOOTNOTE.captures(line.text.trim())
            && used.contains(&c[1])
        {
            line.text = format!("[^{}]: {}", &c[1], &c[2]);
        }
    }
}

/// How the line starts: a new block of some kind, or plain text.
enum Start<'a> {
    Heading(u8, &'a str),
    Item(ListMarker, String),
    Footnote(String, String),
    Text,
}

fn classify(line: &str) -> Start<'_> {
    let t = line.trim();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        return Start::Heading(hashes as u8, t[hashes..].trim());
    }
    if let Some(c) = MD_FOOTNOTE.captures(t) {
        return Start::Footnote(c[1].to_string(), c[2].to_string());
    }
    if let Some((marker, rest)) = list_marker(t) {
        return Start::Item(marker, rest.to_string());
    }
    // "10.CPA/ML …": PDF extracts lose the space after the number.
    if let Some(c) = PDF_NUMBERED.captures(t)
        && let Ok(n) = c[1].parse()
    {
        return Start::Item(ListMarker::Number(n), format!("{}{}", &c[2], &c[3]));
    }
    Start::Text
}

/// How wide a line is on the page, in columns: what a hard wrap measures.
/// Vowel marks take none (a fully pointed Arabic line of 72 columns holds
/// some 120 characters), Han and kana two.
fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Estimated width (in columns) of hard-wrapped text, or `None` when lines are
/// paragraphs (web captures, markdown, one paragraph a line between blank
/// lines).
fn wrap_width(lines: &[Line]) -> Option<usize> {
    // Wrapped paragraphs run over several lines: most text lines are
    // followed by another text line, not by a blank one.
    let text_lines = lines.iter().filter(|l| !l.text.trim().is_empty()).count();
    let runs_on = lines
        .windows(2)
        .filter(|w| !w[0].text.trim().is_empty() && !w[1].text.trim().is_empty())
        .count();
    if runs_on * 3 < text_lines {
        return None;
    }
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| columns(l.text.trim()))
        .filter(|&n| n > 0)
        .collect();
    if lengths.len() < 8 {
        return None;
    }
    lengths.sort_unstable();
    let at = |q: f64| lengths[((lengths.len() - 1) as f64 * q) as usize];
    (at(0.8) <= 120 && at(0.5) >= 25).then(|| at(0.9))
}

/// Where blank lines part the paragraphs but most paragraphs are one line
/// (short verses, of which a few were wrapped), the width from which a
/// line counts as full: four fifths of the widest lines (the 95th
/// percentile), if they are as wide as a page's (40 to 120 columns).
/// `None` without blank lines between paragraphs, where every line may be
/// a paragraph.
fn full_lines(lines: &[Line]) -> Option<usize> {
    let gaps = lines
        .windows(2)
        .filter(|w| !w[0].text.trim().is_empty() && w[1].text.trim().is_empty())
        .count();
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| columns(l.text.trim()))
        .filter(|&n| n > 0)
        .collect();
    if gaps < 2 || gaps * 10 < widths.len() {
        return None;
    }
    widths.sort_unstable();
    let widest = widths[(widths.len() - 1) * 95 / 100];
    // A page's lines: one paragraph a line runs longer, a short note or a
    // list is not wrapped at all.
    (40..=120).contains(&widest).then_some(widest * 4 / 5)
}

fn starts_with_capital(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Append `line` to a block's text, joining a word hyphenated across lines.
fn join(text: &mut String, line: &str) {
    let line = line.trim();
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let trimmed = text.trim_end().to_string();
    let mut chars = trimmed.chars().rev();
    let hyphenated = chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic);
    if hyphenated {
        if starts_lowercase(line) {
            // A word broken by the line: "move-" + "ment".
            *text = trimmed[..trimmed.len() - 1].to_string();
        } else {
            // A hyphenated compound: "Marxist-" + "Leninist".
            *text = trimmed;
        }
        text.push_str(line);
    } else {
        // Chinese and Japanese write no spaces between words: a line
        // broken between two of their characters joins without one.
        // Nor does an address or a path broken after a slash
        // ("https://" + "www.debian.org/", "GNU/" + "Linux").
        let unspaced = |c: Option<char>| c.is_some_and(writes_no_spaces);
        let (last, first) = (trimmed.chars().last(), line.chars().next());
        let space = !(unspaced(last) && unspaced(first)
            || last == Some('/') && first.is_some_and(char::is_alphanumeric));
        *text = trimmed;
        if space {
            text.push(' ');
        }
        text.push_str(line);
    }
}

/// Han, kana, and the punctuation and full-width forms that go with them.
fn writes_no_spaces(c: char) -> bool {
    matches!(script_of(c), Some(Script::Han | Script::Kana))
        || matches!(c as u32, 0x3001..=0x303F | 0xFF01..=0xFF60)
}

/// How far a line is indented, in columns: spaces, no-break spaces (web
/// pages rendered to text mix them) and ideographic spaces (two columns).
fn indent_of(line: &str) -> usize {
    line.chars()
        .map_while(|c| match c {
            ' ' | '\u{A0}' => Some(1),
            '\t' => Some(4),
            '\u{3000}' => Some(2),
            _ => None,
        })
        .sum()
}

/// Whether the text came out of a paged layout (a PDF extract): its lines
/// are hard-wrapped, or page numbers were removed from it. Only there may a
/// blank line be a page break inside a sentence.
pub fn looks_paged(lines: &[Line], page_lines: usize) -> bool {
    page_lines > 0 || wrap_width(lines).is_some()
}

/// A line starting "- " inside a wrapped paragraph is a dash that carries
/// the sentence on, not a list item: the line before ends mid-sentence and
/// no list follows (the next line is not an item too).
fn dash_continues(open: &RawBlock, last_line: &str, next: Option<&str>) -> bool {
    open.kind == RawKind::Paragraph
        && !ends_sentence(last_line)
        && next.is_none_or(|n| !matches!(classify(n), Start::Item(ListMarker::Bullet, _)))
}

/// Turn cleaned lines into blocks. A blank line ends a block, except in a
/// `paged` text where it is a page break inside a sentence.
pub fn reflow(lines: &[Line], paged: bool) -> Vec<RawBlock> {
    let width = wrap_width(lines);
    let full_from = full_lines(lines);
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut open: Option<RawBlock> = None;
    let mut last_line = String::new();
    let mut last_indent = 0;
    let mut blank_before = false;

    for (at, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            blank_before = true;
            continue;
        }
        let start = classify(text);
        let indent = indent_of(&line.text);
        let continues = match (&open, &start) {
            (None, _) => false,
            (Some(b), _) if matches!(b.kind, RawKind::Heading(_)) => false,
            (Some(_), Start::Heading(..)) | (Some(_), Start::Footnote(..)) => false,
            // "- Maoist)": a dash that continues an item with an open parenthesis.
            (Some(b), Start::Item(ListMarker::Bullet, _)) if text.starts_with("- ") => {
                let next = lines[at + 1..]
                    .iter()
                    .map(|l| l.text.trim())
                    .find(|t| !t.is_empty());
                if blank_before {
                    paged && matches!(b.kind, RawKind::Item(_)) && unbalanced_parens(&b.text)
                } else {
                    // After a full line of a paragraph (where blank lines
                    // part the paragraphs) the dash was wrapped onto this
                    // line, unless a list opens there ("We demand:").
                    let after_full_line = b.kind == RawKind::Paragraph
                        && full_from.is_some_and(|f| columns(&last_line) >= f)
                        && !last_line.trim_end().ends_with(':')
                        && next.is_none_or(|n| !n.starts_with("- "));
                    matches!(b.kind, RawKind::Item(_)) && unbalanced_parens(&b.text)
                        || dash_continues(b, &last_line, next)
                        || after_full_line
                }
            }
            (Some(_), Start::Item(..)) => false,
            // "3.1.4. Why …": a numbered section (a table of contents'
            // entry, a subsection's heading) starts on a line of its own.
            (Some(_), Start::Text) if SECTION_NUMBER.is_match(text) => false,
            (Some(b), Start::Text) => {
                let open_sentence = !ends_sentence(&b.text);
                let carries_on = starts_lowercase(text)
                    || unbalanced_parens(&b.text)
                    || b.text.trim_end().ends_with([',', '-', '–', '—']);
                if blank_before {
                    // A blank line breaks the block, unless a page break
                    // visibly cut a sentence of a paged text. In wrapped
                    // text the line before such a break is full; a
                    // paragraph that ends on a comma (a preamble's clauses,
                    // "Whereas …,") or mid-sentence (verses that carry a
                    // sentence on) mostly ends on a short one.
                    let page_full = width.is_none_or(|w| columns(&last_line) * 10 >= w * 8);
                    // After a comma, a paragraph whose next line starts
                    // with a capital ends there ("…freedoms," / "Whereas
                    // …"): a sentence cut by a page break goes on in lower
                    // case. In a list item a name may follow.
                    let capital_after_comma =
                        starts_with_capital(text) && !matches!(b.kind, RawKind::Item(_));
                    // A bracket left open carries on by itself.
                    paged
                        && open_sentence
                        && (unbalanced_parens(&b.text)
                            || carries_on && page_full && !capital_after_comma)
                } else if width.is_some()
                    && indent > last_indent
                    && (last_indent == 0 || ends_sentence(&last_line))
                    && !matches!(b.kind, RawKind::Item(_))
                {
                    // A line indented further than a flush line, or than a
                    // finished sentence, opens a paragraph (a first-line
                    // indent). Inside a block indented as a whole (a
                    // quotation, a licence set in) a line a column or two
                    // further in runs on: renderings mix spaces and no-break
                    // spaces.
                    false
                } else if let Some(width) = width {
                    let short = columns(&last_line) * 10 < width * 8;
                    !(ends_sentence(&last_line) && short)
                        || matches!(b.kind, RawKind::Item(_)) && carries_on
                } else {
                    // Where blank lines part the paragraphs, a line after
                    // a full one was wrapped, whatever its case (scripts
                    // without capitals cannot show a sentence running on
                    // by it) and wherever the sentence ended.
                    let wrapped = full_from.is_some_and(|f| columns(&last_line) >= f);
                    open_sentence && carries_on || wrapped
                }
            }
        };
        if continues {
            if let Some(b) = open.as_mut() {
                join(&mut b.text, text);
            }
        } else {
            if let Some(b) = open.take() {
                blocks.push(b);
            }
            open = Some(match start {
                Start::Heading(level, t) => RawBlock {
                    kind: RawKind::Heading(level),
                    text: t.to_string(),
                    line: line.no,
                },
                Start::Item(marker, t) => RawBlock {
                    kind: RawKind::Item(marker),
                    text: t,
                    line: line.no,
                },
                Start::Footnote(label, t) => RawBlock {
                    kind: RawKind::Footnote(label),
                    text: t,
                    line: line.no,
                },
                Start::Text => RawBlock {
                    kind: RawKind::Paragraph,
                    text: text.to_string(),
                    line: line.no,
                },
            });
        }
        last_line = text.to_string();
        last_indent = indent;
        blank_before = false;
    }
    blocks.extend(open);
    for b in &mut blocks {
        b.text = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    blocks.retain(|b| !b.text.is_empty());
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        let mut l = lines(text);
        mark_plain_footnotes(&mut l);
        let paged = looks_paged(&l, 0);
        reflow(&l, paged).into_iter().map(|b| b.text).collect()
    }

    // A fragment of seed 001 (an English PDF extract), with enough wrapped
    // lines around it to show the wrapping width.
    const PDF: &str = "Secure the victory of the ceasefire now as the fruit of the \nPalestinian liberation struggle and international mass \nsolidarity! \nEverywhere in Gaza and around the world, people are celebrating the announcement of \nthe ceasefire. The PFLP writes: “The ceasefire agreement is the first step toward ending \nthe genocide, and the steadfastness of our people and their valiant resistance broke the \nzionist war machine and imposed the agreement.”1\n\nWe demand:\nImmediate free access for food and other relief supplies, as well as for \norganizations that want to rebuild the country together with the Palestinian people! \nImmediate end to the blockade, which violates international law! \n1 Statement by the PFLP on October 9, 2025; quoted in fightbacknews.com\n Every destroyed house, every destroyed school, every destroyed hospital is the \nresult of imperialist crime, which imperialism commits with capital and weapons! \nFor this reason, the rebuilding of Gaza should not begin with new shackles, with the\n";

    #[test]
    fn reflows_a_pdf_extract() {
        let t = texts(PDF);
        assert_eq!(
            t[0],
            "Secure the victory of the ceasefire now as the fruit of the Palestinian liberation struggle and international mass solidarity!"
        );
        assert!(
            t[1].starts_with("Everywhere in Gaza") && t[1].ends_with("agreement.”[^1]"),
            "{}",
            t[1]
        );
        assert_eq!(t[2], "We demand:");
        assert!(
            t[3].starts_with("Immediate free access") && t[3].ends_with("international law!"),
            "{}",
            t[3]
        );
        assert_eq!(
            t[4],
            "Statement by the PFLP on October 9, 2025; quoted in fightbacknews.com"
        );
        assert!(
            t[5].starts_with("Every destroyed house") && t[5].contains("weapons! For this reason")
        );
    }

    #[test]
    fn a_wrapped_verse_runs_on_and_a_clause_ending_a_short_line_does_not() {
        // Short verses between blank lines, one wrapped after a full line,
        // in a script without capitals and without full stops.
        let mut text = String::new();
        for i in 0..6 {
            let verse = "وَقَالَ ٱلَّذِينَ كَفَرُواْ لِلَّذِينَ ءَامَنُواْ".repeat(2);
            text.push_str(&format!("{verse} {i}\n\n"));
        }
        text.push_str(&"كَلِمَةٌ طَيِّبَةٌ ".repeat(7));
        text.push_str("\nكَشَجَرَةٍ طَيِّبَةٍ\n\n");
        let l = lines(&text);
        let blocks = reflow(&l, looks_paged(&l, 0));
        assert_eq!(blocks.len(), 7, "{blocks:?}");
        assert!(blocks[6].text.ends_with("كَشَجَرَةٍ طَيِّبَةٍ"));
        // A preamble's clauses, hard-wrapped: a clause that ends on a short
        // line, or before a capital, is a paragraph of its own.
        let full = "the peoples of the United Nations have in the Charter reaffirmed";
        let mut text = String::new();
        for first in ["Whereas", "whereas", "Whereas", "whereas"] {
            text.push_str(&format!("{first} {full}\ntheir faith in human rights,\n\n"));
        }
        text.push_str(&format!("{full}\n{full}\ntheir faith.\n\n").repeat(3));
        let l = lines(&text);
        assert!(looks_paged(&l, 0));
        assert_eq!(reflow(&l, true).len(), 7);
        // The same clause cut after a full line reads as a page break.
        let cut = format!("{full},\n\nwhereas {full}.\n\n");
        let l = lines(&format!("{text}{cut}"));
        assert_eq!(reflow(&l, true).len(), 8);
    }

    #[test]
    fn joins_items_across_blank_lines_and_hyphens() {
        // Lines of seed 001; the last item's first line as long as it is
        // there: a blank line after a full line.
        let t = texts(
            "1. PCPCI   Parti (Proletarian Communist \nParty of Ivory Coast)\n\n2. ORC   Organisation\n25.PC (ML)   Partido Comunista (Communist Party (Marxist-\n\nLeninist)), Dominican Republic\n23.PCC-M   Partido (Communist Party of Colombia \n\n- Maoist)\n• Collect donations worldwide for the “Gaza shall live!” campaign for the \n\nreconstruction of Al-Awda Hospital!\n",
        );
        assert_eq!(
            t[0],
            "PCPCI Parti (Proletarian Communist Party of Ivory Coast)"
        );
        assert_eq!(t[1], "ORC Organisation");
        assert_eq!(
            t[2],
            "PC (ML) Partido Comunista (Communist Party (Marxist-Leninist)), Dominican Republic"
        );
        assert_eq!(t[3], "PCC-M Partido (Communist Party of Colombia - Maoist)");
        assert_eq!(
            t[4],
            "Collect donations worldwide for the “Gaza shall live!” campaign for the reconstruction of Al-Awda Hospital!"
        );
    }

    #[test]
    fn a_blank_line_ends_a_paragraph_unless_a_page_break_cut_a_sentence() {
        let text = "Les agressions s’étendent. Raqqa.\nCes attaques s’inscrivent.\n\nстреляли в бастующих\n\nрабочих-нефтяников, убив 16 человек.\n\n## Title\nText";
        let l = lines(text);
        assert!(!looks_paged(&l, 0));
        let texts =
            |paged| -> Vec<String> { reflow(&l, paged).into_iter().map(|b| b.text).collect() };
        assert_eq!(
            texts(false),
            vec![
                "Les agressions s’étendent. Raqqa.",
                "Ces attaques s’inscrivent.",
                "стреляли в бастующих",
                "рабочих-нефтяников, убив 16 человек.",
                "Title",
                "Text"
            ]
        );
        assert_eq!(
            texts(true)[2],
            "стреляли в бастующих рабочих-нефтяников, убив 16 человек."
        );
        // One paragraph a line between blank lines is not wrapped text, even
        // when the lines are short and end with commas.
        let verses: String = (0..12)
            .map(|i| format!("whereas the peoples of verse number {i} have said,\n\n"))
            .collect();
        let l = lines(&verses);
        assert!(!looks_paged(&l, 0));
        assert!(looks_paged(&l, 1));
        assert_eq!(reflow(&l, false).len(), 12);
    }

    #[test]
    fn a_block_indented_as_a_whole_runs_on_and_numbered_sections_start_lines() {
        // The Debian FAQ as text (w3m's rendering: an indented licence,
        // some indents in no-break spaces, a wrapped table of contents).
        let text = "Copyright 1996-2021 Software in the Public Interest\n\n\
            \x20   Permission is granted to make and distribute verbatim copies of\n\
            \u{a0} \u{a0} this document provided the copyright notice and this permission\n\
            \x20   notice are preserved on all copies.\n\n\
            Table of Contents\n\n\
            1. Definitions and overview\n\
            \x20   1.1. What is this FAQ?\n\
            \x20   1.2. What is the difference between Debian and other distributions? Why\n\
            \x20   should I choose Debian over some other distribution?\n\
            \x20   1.5. Debian GNU/Linux と他の Linux ディストリビューションの違いは\n\
            \x20   何? 他のディストリビューションよりも Debian を選択すべき理由は?\n\
            \x20   1.6. Where is the FAQ? It is at https://\n\
            \x20   www.debian.org/doc/FAQ/ for Debian GNU/\n\
            \x20   Linux.\n";
        assert_eq!(
            texts(text),
            vec![
                "Copyright 1996-2021 Software in the Public Interest",
                "Permission is granted to make and distribute verbatim copies of this document provided the copyright notice and this permission notice are preserved on all copies.",
                "Table of Contents",
                "Definitions and overview",
                "1.1. What is this FAQ?",
                "1.2. What is the difference between Debian and other distributions? Why should I choose Debian over some other distribution?",
                "1.5. Debian GNU/Linux と他の Linux ディストリビューションの違いは何? 他のディストリビューションよりも Debian を選択すべき理由は?",
                "1.6. Where is the FAQ? It is at https://www.debian.org/doc/FAQ/ for Debian GNU/Linux.",
            ]
        );
        // A first-line indent after a finished sentence opens a paragraph.
        let text = "The congress met in the capital and adopted the resolution that\n\
            follows after a long debate among the delegates of all parties.\n\
            \x20  It calls on the workers of every country to stand together against\n\
            the war and for peace, bread and freedom for all the peoples there.\n\
            \x20  A second paragraph begins here and runs on over the next line as\n\
            wrapped text always does in a file that was saved from a word processor.\n\
            \x20  And a third one, which is short, closes the text of the example.\n\
            The end of it comes on this line, which is long enough to count too.\n";
        assert_eq!(texts(text).len(), 4, "{:?}", texts(text));
    }

    #[test]
    fn a_dash_line_inside_a_paragraph_is_not_an_item() {
        let text = "We are convinced that the peoples of the world, united in one front,\n- that they will win in the end - and we call on all to join the struggle\nfor peace and bread.\n\nWe demand:\n- bread,\n- peace.\n";
        let l = lines(text);
        let blocks = reflow(&l, false);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(
            blocks[0]
                .text
                .contains("united in one front, - that they will win")
        );
        assert!(blocks[0].text.ends_with("peace and bread."));
        assert_eq!(blocks[2].kind, RawKind::Item(ListMarker::Bullet));
        assert_eq!(blocks[3].text, "peace.");
    }

    #[test]
    fn joins_a_word_broken_by_a_line() {
        let mut s = "the move-".to_string();
        join(&mut s, "ment grows");
        assert_eq!(s, "the movement grows");
    }
}
