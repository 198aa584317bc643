//! OpenDocument text (ODT): paragraphs, headings, lists and notes from
//! `content.xml`. Headers and footers live in `styles.xml` and are left out,
//! which drops the page furniture.

use super::zipped::{self, MAX_DEPTH, attr, is};
use super::{Extracted, FormatError, Markdown};
use roxmltree::{Document, Node};
use std::collections::HashMap;

const FORMAT: &str = "ODT";

pub fn read(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let mut archive = zipped::open(bytes, FORMAT)?;
    let Some(content) = zipped::part(&mut archive, "content.xml", FORMAT)? else {
        return Err(FormatError::Corrupt {
            format: FORMAT,
            reason: "no content.xml".into(),
        });
    };
    let styles_text = zipped::part(&mut archive, "styles.xml", FORMAT)?;
    let meta_text = zipped::part(&mut archive, "meta.xml", FORMAT)?;
    let doc = zipped::xml(&content, "content.xml", FORMAT)?;
    let styles_doc = match &styles_text {
        Some(t) => Some(zipped::xml(t, "styles.xml", FORMAT)?),
        None => None,
    };
    let mut styles = Styles::default();
    styles.add(&doc);
    if let Some(s) = &styles_doc {
        styles.add(s);
    }
    let mut lang = match &meta_text {
        Some(t) => zipped::xml(t, "meta.xml", FORMAT)?
            .descendants()
            .find(|n| is(n, "language"))
            .and_then(|n| n.text())
            .map(str::to_string),
        None => None,
    };
    if lang.is_none() {
        lang = styles.lang.clone();
    }
    let mut reader = Reader {
        styles,
        md: Markdown::default(),
        notes: 0,
    };
    let text = doc
        .descendants()
        .find(|n| is(n, "text") && n.parent().is_some_and(|p| is(&p, "body")));
    if let Some(text) = text {
        reader.blocks(text, 0)?;
    }
    Ok(Extracted {
        text: reader.md.finish(),
        lang,
    })
}

/// What the styles say: the parent of each paragraph style (to find
/// titles and headings under automatic styles) and which list styles are
/// numbered at their first level.
#[derive(Default)]
struct Styles {
    parent: HashMap<String, String>,
    outline: HashMap<String, u8>,
    numbered_list: HashMap<String, bool>,
    lang: Option<String>,
}

impl Styles {
    fn add(&mut self, doc: &Document) {
        for n in doc.descendants().filter(Node::is_element) {
            match n.tag_name().name() {
                "style" => {
                    let Some(name) = attr(&n, "name") else {
                        continue;
                    };
                    if let Some(parent) = attr(&n, "parent-style-name") {
                        self.parent
                            .entry(name.to_string())
                            .or_insert(parent.to_string());
                    }
                    if let Some(level) =
                        attr(&n, "default-outline-level").and_then(|l| l.parse::<u8>().ok())
                    {
                        self.outline.entry(name.to_string()).or_insert(level);
                    }
                }
                "list-style" => {
                    let Some(name) = attr(&n, "name") else {
                        continue;
                    };
                    let first = n.children().find(Node::is_element);
                    let numbered = first.is_some_and(|l| {
                        l.tag_name().name() == "list-level-style-number"
                            && attr(&l, "num-format").is_some_and(|f| !f.is_empty())
                    });
                    self.numbered_list
                        .entry(name.to_string())
                        .or_insert(numbered);
                }
                "default-style" | "text-properties" if self.lang.is_none() => {
                    if let Some(l) = attr(&n, "language").filter(|l| *l != "zxx") {
                        self.lang = Some(l.to_string());
                    }
                }
                _ => {}
            }
        }
    }

    /// The heading level a paragraph style gives: `Title` is 1, heading
    /// styles their outline level.
    fn heading(&self, style: &str) -> Option<u8> {
        let mut name = style;
        for _ in 0..16 {
            if name == "Title" {
                return Some(1);
            }
            if let Some(level) = self.outline.get(name) {
                return Some(*level);
            }
            name = self.parent.get(name)?;
        }
        None
    }
}

struct Reader {
    styles: Styles,
    md: Markdown,
    notes: usize,
}

impl Reader {
    /// Walk block-level content: headings, paragraphs, lists, sections,
    /// tables.
    fn blocks(&mut self, node: Node, depth: usize) -> Result<(), FormatError> {
        if depth > MAX_DEPTH {
            return Err(FormatError::TooDeep(FORMAT, MAX_DEPTH));
        }
        for n in node.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "h" => {
                    let level = attr(&n, "outline-level")
                        .and_then(|l| l.parse::<u8>().ok())
                        .unwrap_or(1);
                    let text = self.inline(n);
                    self.md.heading(level, &text);
                }
                "p" => {
                    let text = self.inline(n);
                    let style = attr(&n, "style-name").unwrap_or("");
                    if let Some(level) = self.styles.heading(style) {
                        self.md.heading(level, &text);
                    } else {
                        self.md.paragraph(&text);
                    }
                }
                "list" => {
                    let numbered = attr(&n, "style-name")
                        .and_then(|s| self.styles.numbered_list.get(s).copied())
                        .unwrap_or(false);
                    self.list(n, (numbered, 1), depth + 1)?;
                }
                "tracked-changes" | "annotation" | "sequence-decls" | "variable-decls"
                | "user-field-decls" | "frame" | "soft-page-break" | "table-of-content" => {}
                _ => self.blocks(n, depth + 1)?,
            }
        }
        Ok(())
    }

    fn list(&mut self, list: Node, state: (bool, u32), depth: usize) -> Result<(), FormatError> {
        if depth > MAX_DEPTH {
            return Err(FormatError::TooDeep(FORMAT, MAX_DEPTH));
        }
        let (numbered, mut at) = state;
        for item in list.children().filter(Node::is_element) {
            if !matches!(item.tag_name().name(), "list-item" | "list-header") {
                continue;
            }
            if let Some(start) = attr(&item, "start-value").and_then(|v| v.parse().ok()) {
                at = start;
            }
            let mut first = true;
            for n in item.children().filter(Node::is_element) {
                match n.tag_name().name() {
                    "p" | "h" if first => {
                        first = false;
                        let text = self.inline(n);
                        if numbered {
                            self.md.item(Some(at), &text);
                        } else {
                            self.md.item(None, &text);
                        }
                    }
                    "list" => {
                        let inner = attr(&n, "style-name")
                            .and_then(|s| self.styles.numbered_list.get(s).copied())
                            .unwrap_or(numbered);
                        self.list(n, (inner, 1), depth + 1)?;
                    }
                    _ => self.blocks_of(n, depth + 1)?,
                }
            }
            at += 1;
        }
        Ok(())
    }

    /// One block element outside any list numbering.
    fn blocks_of(&mut self, n: Node, depth: usize) -> Result<(), FormatError> {
        if matches!(n.tag_name().name(), "p" | "h") {
            let text = self.inline(n);
            self.md.paragraph(&text);
            Ok(())
        } else {
            self.blocks(n, depth)
        }
    }

    /// A paragraph's text; notes become marks and are written at the end.
    fn inline(&mut self, node: Node) -> String {
        let mut out = String::new();
        self.inline_into(node, &mut out, 0);
        out
    }

    fn inline_into(&mut self, node: Node, out: &mut String, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for n in node.children() {
            if n.is_text() {
                out.push_str(n.text().unwrap_or(""));
                continue;
            }
            if !n.is_element() {
                continue;
            }
            match n.tag_name().name() {
                "s" => {
                    let c = attr(&n, "c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                    out.push_str(&" ".repeat(c.min(8)));
                }
                "tab" | "line-break" => out.push(' '),
                "note" => {
                    let body = n.children().find(|c| is(c, "note-body"));
                    self.notes += 1;
                    let label = self.notes.to_string();
                    let mut text = String::new();
                    if let Some(body) = body {
                        for p in body.children().filter(Node::is_element) {
                            text.push(' ');
                            self.inline_into(p, &mut text, depth + 1);
                        }
                    }
                    self.md.footnote(&label, &text);
                    out.push_str(&format!("[^{label}]"));
                }
                "annotation" | "annotation-end" | "frame" | "tracked-changes" | "deletion"
                | "bookmark" | "bookmark-start" | "bookmark-end" | "reference-mark" => {}
                _ => self.inline_into(n, out, depth + 1),
            }
        }
    }
}
