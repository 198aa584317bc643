//! The on-disk text format of one translation: light markdown.
//!
//! ```text
//! ## A heading                  (# count is the level)
//! A paragraph, possibly         (lines up to a blank line are one paragraph)
//! written over several lines.
//! - a bulleted item             (also `*`, `+`, `•`)
//! 1. a numbered item            (also `1)`)
//! [^1]: a footnote, marked [^1] in the text
//! ::: signatories               (a fenced list of signatories)
//! 1. Communist Party of …
//! :::
//! ```
//! A block whose text would read as markup starts with a backslash.

use super::model::{Block, ListMarker};

/// A problem in a text file, with the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FormatError {
    pub line: usize,
    pub message: String,
}

enum Open {
    None,
    Paragraph(String),
    Item(ListMarker, String),
    Footnote(String, String),
    Heading(u8, String),
}

/// Parse a translation's text into blocks.
pub fn parse_blocks(text: &str) -> Result<Vec<Block>, FormatError> {
    let mut blocks = Vec::new();
    let mut open = Open::None;
    let mut signatories: Option<(usize, Vec<String>)> = None;

    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if let Some((_, names)) = signatories.as_mut() {
            if line == ":::" {
                let (_, names) = signatories.take().unwrap_or_default();
                blocks.push(Block::Signatories { names });
            } else if let Some((_, name)) = list_marker(line) {
                names.push(unescape(name).to_string());
            } else if !line.is_empty() {
                match names.last_mut() {
                    Some(last) => push_words(last, line),
                    None => names.push(unescape(line).to_string()),
                }
            }
            continue;
        }
        if line.is_empty() {
            close(&mut open, &mut blocks);
            continue;
        }
        if line.starts_with(":::") {
            close(&mut open, &mut blocks);
            let name = line.trim_start_matches(':').trim();
            if name != "signatories" {
                return Err(FormatError {
                    line: line_no,
                    message: format!(
                        "unknown fenced section `{name}` (only `::: signatories` is known)"
                    ),
                });
            }
            signatories = Some((line_no, Vec::new()));
            continue;
        }
        if let Some((level, heading)) = heading(line) {
            close(&mut open, &mut blocks);
            open = Open::Heading(level, heading.to_string());
            close(&mut open, &mut blocks);
            continue;
        }
        if let Some((label, rest)) = footnote(line) {
            close(&mut open, &mut blocks);
            open = Open::Footnote(label.to_string(), rest.to_string());
            continue;
        }
        if let Some((marker, rest)) = list_marker(line) {
            close(&mut open, &mut blocks);
            open = Open::Item(marker, unescape(rest).to_string());
            continue;
        }
        match &mut open {
            Open::Paragraph(t) | Open::Item(_, t) | Open::Footnote(_, t) => push_words(t, line),
            Open::None | Open::Heading(..) => open = Open::Paragraph(unescape(line).to_string()),
        }
    }
    if let Some((line, _)) = signatories {
        return Err(FormatError {
            line,
            message: "`::: signatories` is never closed with `:::`".to_string(),
        });
    }
    close(&mut open, &mut blocks);
    Ok(blocks)
}

fn push_words(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(line);
}

fn close(open: &mut Open, blocks: &mut Vec<Block>) {
    match std::mem::replace(open, Open::None) {
        Open::None => {}
        Open::Paragraph(text) => blocks.push(Block::Paragraph { text }),
        Open::Item(marker, text) => blocks.push(Block::Item { marker, text }),
        Open::Footnote(label, text) => blocks.push(Block::Footnote { label, text }),
        Open::Heading(level, text) => blocks.push(Block::Heading { level, text }),
    }
}

/// Drop the backslash that escapes markup. A lone backslash escapes
/// nothing and is text (found by fuzzing: it used to become an empty
/// paragraph, which vanished when written and read again).
fn unescape(text: &str) -> &str {
    match text.strip_prefix('\\') {
        Some(rest) if !rest.is_empty() => rest,
        _ => text,
    }
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = line[hashes..].strip_prefix(' ')?;
    Some((hashes as u8, rest.trim()))
}

fn footnote(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("[^")?;
    let (label, rest) = rest.split_once("]:")?;
    (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| (label, rest.trim()))
}

/// A list marker at the start of `line`: `- `, `* `, `+ `, `• `, `12. `, `12) `.
pub fn list_marker(line: &str) -> Option<(ListMarker, &str)> {
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((ListMarker::Bullet, rest.trim_start()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=4).contains(&digits) {
        let rest = &line[digits..];
        let rest = rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))?;
        let n = line[..digits].parse().ok()?;
        return Some((ListMarker::Number(n), rest.trim_start()));
    }
    None
}

/// Whether a paragraph's text would be read back as markup.
fn needs_escape(text: &str) -> bool {
    text.starts_with('\\')
        || text.starts_with(":::")
        || heading(text).is_some()
        || footnote(text).is_some()
        || list_marker(text).is_some()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escaped(text: &str) -> String {
    let text = one_line(text);
    if needs_escape(&text) {
        format!("\\{text}")
    } else {
        text
    }
}

/// Write blocks in the format [`parse_blocks`] reads; one line per block.
pub fn write_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    for block in blocks {
        let is_item = matches!(block, Block::Item { .. });
        if !(out.is_empty() || is_item && previous_item) {
            out.push('\n');
        }
        previous_item = is_item;
        match block {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat((*level).clamp(1, 6) as usize));
                out.push(' ');
                out.push_str(&one_line(text));
            }
            Block::Paragraph { text } => out.push_str(&escaped(text)),
            Block::Item { marker, text } => {
                match marker {
                    ListMarker::Bullet => out.push_str("- "),
                    ListMarker::Number(n) => out.push_str(&format!("{n}. ")),
                }
                out.push_str(&escaped(text));
            }
            Block::Footnote { label, text } => {
                out.push_str(&format!("[^{label}]: {}", one_line(text)));
            }
            Block::Signatories { names } => {
                out.push_str("::: signatories\n");
                for (i, name) in names.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", i + 1, escaped(name)));
                }
                out.push_str(":::");
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_block_kind() {
        let text = "## Title\n\nFirst line\nsecond line.\n\n- a\n- b\ncontinued\n1. one\n12) twelve\n\n[^1]: note\n\n::: signatories\n1. Party A\n2. Party B\n:::\n\\- not an item\n";
        let blocks = parse_blocks(text).unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 2,
                    text: "Title".into()
                },
                Block::Paragraph {
                    text: "First line second line.".into()
                },
                Block::Item {
                    marker: ListMarker::Bullet,
                    text: "a".into()
                },
                Block::Item {
                    marker: ListMarker::Bullet,
                    text: "b continued".into()
                },
                Block::Item {
                    marker: ListMarker::Number(1),
                    text: "one".into()
                },
                Block::Item {
                    marker: ListMarker::Number(12),
                    text: "twelve".into()
                },
                Block::Footnote {
                    label: "1".into(),
                    text: "note".into()
                },
                Block::Signatories {
                    names: vec!["Party A".into(), "Party B".into()]
                },
                Block::Paragraph {
                    text: "- not an item".into()
                },
            ]
        );
        assert_eq!(parse_blocks(&write_blocks(&blocks)).unwrap(), blocks);
    }

    #[test]
    fn reports_the_line_of_an_unclosed_section() {
        let err = parse_blocks("text\n\n::: signatories\n1. A\n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = parse_blocks("::: quotes\n").unwrap_err();
        assert!(err.message.contains("quotes"));
    }

    /// Regression: fuzz/artifacts/library_format/crash-fd8798b7… — a line
    /// holding only a backslash.
    #[test]
    fn fuzz_crash_fd8798b7_a_lone_backslash_is_text() {
        let input = "id = \"gazap-o-praos\n\n\\\n\n%\n\n\0 e\n";
        let blocks = parse_blocks(input).unwrap();
        assert!(blocks.iter().all(|b| !b.text().is_empty()));
        assert!(blocks.contains(&Block::Paragraph { text: "\\".into() }));
        let written = write_blocks(&blocks);
        assert_eq!(parse_blocks(&written).unwrap(), blocks);
        assert_eq!(write_blocks(&parse_blocks(&written).unwrap()), written);
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert_eq!(parse_blocks("").unwrap(), vec![]);
        assert_eq!(parse_blocks("\n\n  \n").unwrap(), vec![]);
    }
}
