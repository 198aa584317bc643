//! Giving a translation's blocks their meaning: the header (title, date,
//! kind, organisation), headings, the signatories list and footnotes.

use super::dates::{date_line, find_dates};
use super::generic::{is_generic_heading, is_part_heading};
use super::reflow::{RawBlock, RawKind};
use crate::library::{Block, DocDate, ListMarker};
use regex::Regex;
use std::sync::LazyLock;

/// How much a found date can be trusted, best last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateSource {
    /// A year or month mentioned in the first paragraph.
    Mentioned,
    /// The date a signatories list was last updated (month kept).
    Signatories,
    /// A full date in the first paragraph ("held in Izmir on 20-22 October 2023").
    FirstParagraph,
    /// A line of its own in the header.
    Header,
}

/// What the structure of a translation says about the resolution.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub title: String,
    /// Whether the title is a line of the header, not the text's first words.
    pub title_line: bool,
    pub kind: Option<String>,
    /// Organisation names or acronyms, best first.
    pub organizations: Vec<String>,
    pub date: Option<(DocDate, DateSource)>,
}

/// Words that name a kind of text, by kind, lower case, any language.
const KIND_WORDS: &[(&str, &[&str])] = &[
    (
        "resolution",
        &[
            "resolution",
            "résolution",
            "resolución",
            "resolução",
            "risoluzione",
            "resolutie",
            "резолюция",
            "резолюція",
            "قرار",
            "决议",
            "決議",
            "karar",
            "rezolucja",
        ],
    ),
    (
        "declaration",
        &[
            "declaration",
            "déclaration",
            "declaración",
            "declaração",
            "dichiarazione",
            "erklärung",
            "декларация",
            "إعلان",
            "宣言",
            "bildirge",
        ],
    ),
    (
        "statement",
        &[
            "statement",
            "communiqué",
            "comunicado",
            "comunicato",
            "заявление",
            "заява",
            "بيان",
            "声明",
            "açıklama",
            "stellungnahme",
        ],
    ),
    (
        "call",
        &[
            "call",
            "appeal",
            "appel",
            "llamamiento",
            "llamado",
            "apelo",
            "appello",
            "aufruf",
            "призыв",
            "обращение",
            "نداء",
            "呼吁",
            "çağrı",
        ],
    ),
];

/// The kind a word names.
fn kind_of_word(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    KIND_WORDS
        .iter()
        .find(|(_, words)| words.contains(&w))
        .map(|(k, _)| *k)
}

/// The kind named by a short text ("ICOR Resolution", "Résolution ICOR Syrie").
pub fn kind_in(text: &str) -> Option<&'static str> {
    text.split_whitespace().find_map(kind_of_word)
}

static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Lu}][\p{Lu}\-]{1,9}$").expect("static regex"));
static OF_ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\S+\s+(?:of the|of|from the|du|de la|de l’|de l'|des|de|del|della|der|des)\s+(\p{Lu}.{3,80})$")
        .expect("static regex")
});

/// Acronyms in a short text, in order ("ICOR", "ИКОР", "IMCWP"). In a line
/// written all in capitals a word in capitals is no acronym.
pub fn acronyms(text: &str) -> Vec<String> {
    let all_caps = !text.chars().any(char::is_lowercase);
    if all_caps && text.split_whitespace().count() > 3 {
        return Vec::new();
    }
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | ')'))
        .filter(|w| ACRONYM.is_match(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|w| kind_of_word(w).is_none())
        .map(str::to_string)
        .collect()
}

/// Acronyms that stand beside a word naming the kind of text: the issuer
/// ("ICOR Resolution", "Résolution ICOR Syrie"), not any word in capitals.
pub fn issuer_acronyms(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let known = acronyms(text);
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if kind_of_word(w).is_none() {
            continue;
        }
        for n in [i.wrapping_sub(1), i + 1] {
            if let Some(a) = words.get(n).map(|w| bare(w))
                && known.contains(&a)
                && !out.contains(&a)
            {
                out.push(a);
            }
        }
    }
    out
}

/// A line that only says what kind of text follows and who issued it
/// ("ICOR Resolution", "ИКОР Резолюция:", "Statement"): a kind word with
/// acronyms or numbers beside it. Any other word makes it a title ("Final
/// Declaration", "Resolución puente").
fn is_kind_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 5 || kind_in(text).is_none() {
        return false;
    }
    let known = acronyms(text);
    words.len() == 1
        || words.iter().all(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            kind_of_word(w).is_some()
                || bare.is_empty()
                || known.iter().any(|a| a == bare)
                || bare.chars().any(|c| c.is_ascii_digit())
        })
}

/// An organisation named after the kind word: "Communiqué du Parti
/// Communiste Palestinien" → "Parti Communiste Palestinien".
pub fn organization_in_title(title: &str) -> Option<String> {
    let first = title.split_whitespace().next()?;
    kind_of_word(first)?;
    OF_ORG
        .captures(title.trim())
        .map(|c| c[1].trim_end_matches(['.', '!', ':']).to_string())
}

fn ends_with_punctuation(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', ',', ';', ':', '!', '?', '…', '"', '”', '»', ')', '؟', '。', '、', '，', '；', '：',
        '！', '？', '）', '」', '』', '،', '؛', '۔', '।', '॥',
    ])
}

static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)signator|signing|signed|signatur|signatair|firmant|firmas|unterzeichn|unterschrift|подпис|підпис|موقع|توقيع|imzac|签署|署名").expect("static regex")
});

/// Build a translation's blocks from its raw blocks, reading the header.
/// `excerpt` is set for listing items, whose dates come from the header only;
/// `captured` for a page a browser printed, whose title may break over lines.
pub fn structure(raw: Vec<RawBlock>, excerpt: bool, captured: bool) -> (Vec<Block>, Found) {
    let mut found = Found::default();
    let mut raw = raw;

    // The header: short blocks before the text starts.
    let mut i = 0;
    let mut title_at: Option<usize> = None;
    while i < raw.len() && i < 8 {
        let b = &raw[i];
        let short = b.text.chars().count() <= 250;
        if !short || matches!(b.kind, RawKind::Item(_) | RawKind::Footnote(_)) {
            break;
        }
        if let Some(date) = date_line(&b.text) {
            found.date = Some((date, DateSource::Header));
            raw.remove(i);
            continue;
        }
        let is_heading = matches!(b.kind, RawKind::Heading(_));
        if !is_heading
            && title_at.is_none()
            && is_kind_line(&b.text)
            && let Some(kind) = kind_in(&b.text)
        {
            found.kind = Some(kind.to_string());
            found.organizations.extend(acronyms(&b.text));
            raw.remove(i);
            continue;
        }
        // A line of no letters or digits (">", "* * *") names nothing.
        if !b.text.chars().any(char::is_alphanumeric) {
            i += 1;
            continue;
        }
        // "Preamble", "Article 1", "Chapter 1. Definitions": the text has
        // started, without a title.
        if title_at.is_some() || is_part_heading(&b.text) {
            break;
        }
        // A markdown heading further down the header is the title; a plain
        // first line only when no heading follows before the text starts
        // (at a long paragraph or a part's heading).
        let heading_follows = raw[i + 1..]
            .iter()
            .take_while(|b| b.text.chars().count() <= 250 && !is_part_heading(&b.text))
            .any(|b| matches!(b.kind, RawKind::Heading(_)));
        if is_heading || !heading_follows {
            title_at = Some(i);
        }
        i += 1;
    }
    match title_at {
        Some(at) => {
            found.title = raw.remove(at).text;
            found.title_line = true;
            // A title broken over two lines of a web capture: the second
            // part is short, unpunctuated and starts in lower case.
            while captured
                && let Some(next) = raw.get(at)
                && next.kind == RawKind::Paragraph
                && !ends_with_punctuation(&found.title)
                && !ends_with_punctuation(&next.text)
                && next.text.chars().count() <= 120
                && next.text.chars().next().is_some_and(char::is_lowercase)
            {
                let next = raw.remove(at);
                found.title = format!("{} {}", found.title, next.text);
            }
        }
        None => {
            // No title line: the first words of the text stand for it.
            let first = raw
                .iter()
                .map(|b| b.text.as_str())
                .find(|t| !is_generic_heading(t))
                .or(raw.first().map(|b| b.text.as_str()))
                .unwrap_or("");
            found.title = first_words(first, 12);
        }
    }
    if let Some(kind) = kind_in(&found.title).filter(|_| found.kind.is_none()) {
        found.kind = Some(kind.to_string());
    }
    // The title names its issuer only beside the kind word; any other
    // word of it (in capitals or not) is no evidence of an organisation.
    found.organizations.extend(issuer_acronyms(&found.title));
    found
        .organizations
        .extend(organization_in_title(&found.title));

    // Dates in the text when the header has none.
    if found.date.is_none()
        && !excerpt
        && let Some(first) = raw
            .iter()
            .find(|b| b.kind == RawKind::Paragraph && b.text.chars().count() > 120)
    {
        let dates = find_dates(&first.text);
        if let Some(d) = dates.iter().find(|d| d.date.precision() == 3) {
            found.date = Some((d.date, DateSource::FirstParagraph));
        } else if let Some(d) = dates.first() {
            found.date = Some((d.date, DateSource::Mentioned));
        }
    }

    let blocks = build_blocks(raw, &mut found, excerpt);
    (blocks, found)
}

/// The first `n` words of a text, at most 100 characters, with an ellipsis if cut.
pub fn first_words(text: &str, n: usize) -> String {
    const MAX_CHARS: usize = 100;
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    let mut out = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    let mut cut = words.len() > n;
    if out.chars().count() > MAX_CHARS {
        out = out.chars().take(MAX_CHARS).collect();
        cut = true;
    }
    if cut {
        out.push('…');
    }
    out
}

/// How many times longer than a heading the paragraph after it must be.
const HEADED_BODY: usize = 3;

fn build_blocks(raw: Vec<RawBlock>, found: &mut Found, excerpt: bool) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut footnotes: Vec<Block> = Vec::new();
    let mut in_signatories = false;
    let count = raw.len();
    // Where most paragraphs are short unpunctuated lines (verses, a poem, a
    // list of clauses), such a line is text, not a heading; only the
    // generic headings (Article 1, Preamble) still head something.
    // Per block, whether it is a paragraph that looks like a heading:
    // read once, for the count and for each line and the line after it.
    let looks: Vec<bool> = raw
        .iter()
        .map(|b| b.kind == RawKind::Paragraph && looks_like_heading(&b.text))
        .collect();
    let heading_like = looks.iter().filter(|&&l| l).count();
    let paragraphs = raw.iter().filter(|b| b.kind == RawKind::Paragraph).count();
    let lines_are_text = heading_like * 3 > paragraphs && heading_like >= 6;
    // A heading heads a body: a line that looks like one but is followed
    // by a line as short as itself is a verse or a clause, whose lack of a
    // full stop proves nothing (in a script without capitals, "starts like
    // a title" proves nothing either).
    let heading = |i: usize, text: &str, next: Option<&RawBlock>| {
        if is_generic_heading(text) {
            return true;
        }
        !lines_are_text
            && looks[i]
            && next.is_some_and(|n| {
                n.kind == RawKind::Paragraph
                    && !looks[i + 1]
                    && n.text.chars().count() >= HEADED_BODY * text.chars().count()
            })
    };
    let mut iter = raw.into_iter().enumerate().peekable();

    while let Some((i, b)) = iter.next() {
        let next = iter.peek().map(|(_, n)| n);
        let next_is_item = next.is_some_and(|n| matches!(n.kind, RawKind::Item(_)));
        match b.kind {
            RawKind::Footnote(label) => footnotes.push(Block::Footnote {
                label,
                text: b.text,
            }),
            RawKind::Heading(level) => {
                in_signatories &= next_is_item;
                blocks.push(Block::Heading {
                    level: level.max(2),
                    text: b.text,
                });
            }
            RawKind::Item(marker) => {
                if in_signatories {
                    match blocks.last_mut() {
                        Some(Block::Signatories { names }) => names.push(b.text),
                        _ => blocks.push(Block::Signatories {
                            names: vec![b.text],
                        }),
                    }
                } else {
                    blocks.push(Block::Item {
                        marker,
                        text: b.text,
                    });
                }
            }
            RawKind::Paragraph => {
                let short = b.text.chars().count() <= 300;
                if short && next_is_item && SIGNING.is_match(&b.text) {
                    in_signatories = true;
                    if found.date.is_none_or(|(_, s)| s < DateSource::Signatories)
                        && !excerpt
                        && let Some(d) =
                            find_dates(&b.text).iter().find(|d| d.date.precision() == 3)
                    {
                        found.date = Some((
                            DocDate::point(d.date.start.to_month()),
                            DateSource::Signatories,
                        ));
                    }
                    blocks.push(Block::Paragraph { text: b.text });
                } else if in_signatories && next_is_item && looks_like_heading(&b.text) {
                    // "Other Parties": a group inside the signatories list.
                    blocks.push(Block::Heading {
                        level: 3,
                        text: b.text,
                    });
                } else if i + 1 < count && heading(i, &b.text, next) && !next_is_item {
                    in_signatories = false;
                    blocks.push(Block::Heading {
                        level: 2,
                        text: b.text,
                    });
                } else {
                    in_signatories = false;
                    blocks.push(Block::Paragraph { text: b.text });
                }
            }
        }
    }
    blocks.extend(footnotes);
    // A list that is the signatories list keeps numbering implicitly.
    for b in &mut blocks {
        if let Block::Item {
            marker: ListMarker::Number(_),
            text,
        } = b
        {
            *text = text.trim().to_string();
        }
    }
    blocks
}

/// A block of a header in another script (see `segment::cut_edges`), as
/// the translation keeps it: prose is text and stays, as a paragraph; a
/// line that reads like a name or a heading is letterhead (an
/// organisation's name in another language), read for hints only, as the
/// letterhead in the text's own script is.
pub(super) fn header_paragraph(b: &RawBlock) -> Option<Block> {
    let text = super::formats::one_line(&b.text);
    let letterhead = matches!(b.kind, RawKind::Heading(_)) || looks_like_heading(&text);
    (!text.is_empty() && !letterhead).then_some(Block::Paragraph { text })
}

/// A short line without closing punctuation that starts like a title, or
/// a generic heading ("Article 1.", "〈前文〉").
fn looks_like_heading(text: &str) -> bool {
    if is_generic_heading(text) {
        return true;
    }
    let words = text.split_whitespace().count();
    // Opening brackets and quotes do not say how the line starts.
    let first = text.chars().find(|c| c.is_alphanumeric());
    words <= 12
        && text.chars().count() <= 90
        && !ends_with_punctuation(text)
        && first.is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: RawKind, text: &str) -> RawBlock {
        RawBlock {
            kind,
            text: text.to_string(),
            line: 0,
        }
    }
    fn para(text: &str) -> RawBlock {
        raw(RawKind::Paragraph, text)
    }
    const LONG: &str = "По всему сектору Газа и по всему миру люди празднуют объявление перемирия, которое стало плодом борьбы и международной солидарности.";

    #[test]
    fn reads_a_markdown_header() {
        let (blocks, found) = structure(
            vec![
                para("31 октября 2025 года"),
                para("ИКОР Резолюция:"),
                raw(
                    RawKind::Heading(2),
                    "Сейчас нужно закрепить победу перемирия!",
                ),
                para(LONG),
            ],
            false,
            false,
        );
        assert_eq!(found.title, "Сейчас нужно закрепить победу перемирия!");
        assert_eq!(found.kind.as_deref(), Some("resolution"));
        assert_eq!(found.organizations, vec!["ИКОР"]);
        assert_eq!(
            found.date.map(|d| (d.0.to_string(), d.1)),
            Some(("2025-10-31".into(), DateSource::Header))
        );
        assert_eq!(blocks, vec![Block::Paragraph { text: LONG.into() }]);
    }

    #[test]
    fn a_short_line_before_a_line_as_short_is_not_a_heading() {
        // Bengali verses, most ending with a danda, two without: Bengali
        // has no capitals, so only what follows tells a heading from a
        // verse. A short line before a long paragraph heads it; a generic
        // heading heads whatever follows.
        let verse = "তারা ছেড়ে গিয়েছিল কত উদ্যান ও প্রস্রবন।";
        let body = "এই প্রস্তাবে আমরা সকল দেশের শ্রমিকদের প্রতি আহ্বান জানাই যে তারা ঐক্যবদ্ধ হয়ে যুদ্ধের বিরুদ্ধে দাঁড়াবে এবং শান্তির জন্য সংগ্রাম করবে।";
        let (blocks, _) = structure(
            vec![
                para("ধোঁয়া"),
                para(verse),
                para("নিশ্চয় যাক্কুম বৃক্ষ"),
                para("পাপীর খাদ্য হবে"),
                para(verse),
                para("যুদ্ধের বিরুদ্ধে"),
                para(body),
                para("ভূমিকা"),
                para(verse),
            ],
            false,
            false,
        );
        let headings: Vec<String> = blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .map(|b| b.text().into_owned())
            .collect();
        assert_eq!(headings, ["যুদ্ধের বিরুদ্ধে", "ভূমিকা"], "{blocks:?}");
        assert_eq!(blocks.len(), 8);
    }

    #[test]
    fn reads_signatories_and_their_date() {
        let (blocks, found) = structure(
            vec![
                para("Title"),
                para(LONG),
                para("Подписи (21.01.2022г., подписание продолжается):"),
                raw(
                    RawKind::Item(ListMarker::Number(1)),
                    "PCPCI Parti Communiste",
                ),
                raw(RawKind::Item(ListMarker::Number(2)), "MLPD"),
                para("Other Parties"),
                raw(RawKind::Item(ListMarker::Number(1)), "JVP Sri Lanka"),
                raw(RawKind::Footnote("1".into()), "A note"),
                para("The statement is open for further subscriptions"),
            ],
            false,
            false,
        );
        assert_eq!(found.date.map(|d| d.0.to_string()), Some("2022-01".into()));
        assert_eq!(
            blocks[2],
            Block::Signatories {
                names: vec!["PCPCI Parti Communiste".into(), "MLPD".into()]
            }
        );
        assert_eq!(
            blocks[3],
            Block::Heading {
                level: 3,
                text: "Other Parties".into()
            }
        );
        assert_eq!(
            blocks[4],
            Block::Signatories {
                names: vec!["JVP Sri Lanka".into()]
            }
        );
        assert_eq!(
            blocks[5],
            Block::Paragraph {
                text: "The statement is open for further subscriptions".into()
            }
        );
        assert!(matches!(blocks[6], Block::Footnote { .. }));
    }

    #[test]
    fn the_title_line_is_kept_and_no_word_of_it_is_an_organisation() {
        for (title, heading) in [
            ("Universal Declaration of Human Rights", "Preamble"),
            (
                "ALLMÄN FÖRKLARING OM DE MÄNSKLIGA RÄTTIGHETERNA",
                "INLEDNING",
            ),
            ("Всеобщая декларация прав человека", "ПРЕАМБУЛА"),
        ] {
            let (blocks, found) =
                structure(vec![para(title), para(heading), para(LONG)], false, false);
            assert_eq!(found.title, title);
            assert!(found.organizations.is_empty(), "{:?}", found.organizations);
            assert_eq!(
                blocks[0],
                Block::Heading {
                    level: 2,
                    text: heading.into()
                }
            );
        }
        // Two-word titles with a word for the kind of text in them are
        // titles, not kind lines to drop.
        for title in ["Final Declaration", "Resolución puente", "Joint statement"] {
            let (blocks, found) = structure(vec![para(title), para(LONG)], false, false);
            assert_eq!(found.title, title);
            assert_eq!(blocks.len(), 1);
        }
        for kind_line in ["ICOR Resolution", "Statement", "Resolution 12"] {
            let (_, found) = structure(
                vec![para(kind_line), para("Title"), para(LONG)],
                false,
                false,
            );
            assert_eq!(found.title, "Title", "{kind_line}");
        }
        // A generic heading first: no title line, and the heading stays.
        let (blocks, found) = structure(vec![para("Article 1"), para(LONG)], false, false);
        assert!(
            found.title.starts_with("По всему сектору"),
            "{}",
            found.title
        );
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn finds_organisations() {
        assert_eq!(issuer_acronyms("Résolution ICOR Syrie"), vec!["ICOR"]);
        assert!(issuer_acronyms("NATO out of the Balkans").is_empty());
        assert_eq!(acronyms("ICOR Resolution"), vec!["ICOR"]);
        assert_eq!(acronyms("23rd IMCWP, Solidarity with"), vec!["IMCWP"]);
        assert_eq!(
            organization_in_title("Communiqué du Parti Communiste Palestinien").as_deref(),
            Some("Parti Communiste Palestinien")
        );
        assert_eq!(
            organization_in_title("Rassemblons-nous le 25 octobre"),
            None
        );
    }
}
