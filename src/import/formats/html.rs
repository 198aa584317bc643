//! Web pages: the main content found by a port of Mozilla's Readability
//! ([`dom_smoothie`]), which drops navigation, menus, breadcrumbs, share
//! buttons, cookie notices and related-article listings; then its headings,
//! paragraphs, lists and footnotes written as the text importer's markdown.
//! The page's `lang` and `<title>` are kept as evidence.

use super::{Extracted, FormatError, Markdown, one_line};
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

const FORMAT: &str = "HTML";
/// The deepest element nesting accepted; real pages stay under 100.
pub const MAX_DEPTH: usize = 512;
/// The most elements a page may hold (Readability's own guard).
pub const MAX_ELEMENTS: usize = 300_000;

/// Whether `bytes` start like an HTML document (not markdown with inline
/// tags): a doctype, or an `<html>`, `<head>` or `<body>` tag first.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(1024)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    if !head.starts_with(b"<") {
        return false;
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| head.starts_with(tag.as_bytes()))
        || ((head.starts_with(b"<?xml") || head.starts_with(b"<!--"))
            && memchr::memmem::find(&head, b"<html").is_some())
}

pub fn read(bytes: &[u8]) -> Result<Extracted, FormatError> {
    read_with_charset(bytes, None)
}

/// Read a page whose charset may be known from elsewhere (an HTTP header).
pub fn read_with_charset(bytes: &[u8], charset: Option<&str>) -> Result<Extracted, FormatError> {
    let html = decode(bytes, charset);
    if tag_depth(&html) > MAX_DEPTH {
        return Err(FormatError::TooDeep(FORMAT, MAX_DEPTH));
    }
    let doc = Document::from(html.as_str());
    check_depth(&doc)?;
    let page_lang = doc
        .select_single("html")
        .attr("lang")
        .map(|l| l.to_string())
        .filter(|l| !l.trim().is_empty());
    // Readability drops a heading that repeats the page's title, and its
    // title may keep the site's name ("Title | Site"): the page's own
    // heading, where `<title>` holds it, is the better title.
    let page_title = one_line(&doc.select_single("title").text());
    let heading = doc
        .select("h1")
        .nodes()
        .iter()
        .map(|h| one_line(&h.text()))
        .find(|h| !h.is_empty() && page_title.contains(h.as_str()));
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        classes_to_preserve: vec!["footnotes".into(), "footnote".into()],
        ..Config::default()
    };
    let corrupt = |e: dom_smoothie::ReadabilityError| FormatError::Corrupt {
        format: FORMAT,
        reason: e.to_string(),
    };
    let article = Readability::with_document(doc, None, Some(config))
        .map_err(corrupt)?
        .parse();
    let mut md = Markdown::default();
    let (content, title, lang) = match article {
        Ok(a) => (a.content.to_string(), a.title, a.lang.or(page_lang)),
        // Nothing looked like an article: take the whole body.
        Err(dom_smoothie::ReadabilityError::GrabFailed) => (html.clone(), String::new(), page_lang),
        Err(e) => return Err(corrupt(e)),
    };
    let content = Document::from(content.as_str());
    let mut walker = Walker {
        md: &mut md,
        notes: 0,
    };
    let body = content.select_single("body");
    if let Some(body) = body.nodes().first() {
        walker.blocks(body, 0);
    }
    let mut text = md.finish();
    // The page's title stands first when the content starts without one.
    let title = heading.unwrap_or_else(|| one_line(&title));
    if !title.is_empty() && !text.trim_start().starts_with("# ") {
        text = format!("# {title}\n\n{text}");
    }
    Ok(Extracted { text, lang })
}

/// The page's text: the charset from the byte-order mark, the caller, or
/// the page's own `<meta>`, else UTF-8 (windows-1252 when that fails, as
/// browsers do).
fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let declared = charset.map(str::to_string).or_else(|| {
        let at = head.find("charset=")? + "charset=".len();
        let label: String = head[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        Some(label)
    });
    let encoding = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    if encoding == encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err() {
        return encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned();
    }
    encoding.decode(bytes).0.into_owned()
}

/// Elements that close themselves or are closed by the next of their kind,
/// which nest nothing in practice.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];

/// How deep the page's tags nest, told from the tags alone. The parser
/// slows down badly on pages nested tens of thousands deep, so those are
/// refused before it runs.
fn tag_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + i + 1;
        at = start;
        let closing = bytes.get(start) == Some(&b'/');
        let name_at = start + usize::from(closing);
        let len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let tag = html[name_at..name_at + len].to_ascii_lowercase();
        if NOT_NESTING.contains(&tag.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let end = memchr::memchr(b'>', &bytes[name_at..]).map_or(bytes.len(), |e| name_at + e);
            if end > 0 && bytes[end - 1] != b'/' {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// Refuse pages nested deeper than [`MAX_DEPTH`], before anything walks
/// them recursively. The parser itself builds the tree without recursion.
fn check_depth(doc: &Document) -> Result<(), FormatError> {
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(FormatError::TooDeep(FORMAT, MAX_DEPTH));
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_element() {
                stack.push((c, depth + 1));
            }
        }
    }
    Ok(())
}

fn name(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "hr"
            | "address"
            | "center"
            | "form"
            | "nav"
    )
}

/// Whether a list holds footnotes: marked so by its class or role, or its
/// items' ids (`fn1`, `footnote-2`, `cite_note-3`).
fn is_note_list(list: &NodeRef) -> bool {
    let marked = |n: &NodeRef| {
        let class = n.attr("class").unwrap_or_default().to_lowercase();
        let role = n.attr("role").unwrap_or_default().to_lowercase();
        class.contains("footnote") || role.contains("endnotes") || role.contains("footnotes")
    };
    if marked(list) || list.parent().is_some_and(|p| marked(&p)) {
        return true;
    }
    let items: Vec<NodeRef> = list
        .element_children()
        .into_iter()
        .filter(|c| name(c) == "li")
        .collect();
    !items.is_empty()
        && items.iter().all(|li| {
            let id = li.attr("id").unwrap_or_default().to_lowercase();
            id.starts_with("fn") || id.contains("note")
        })
}

struct Walker<'a> {
    md: &'a mut Markdown,
    notes: usize,
}

impl Walker<'_> {
    /// Block content: headings, paragraphs, lists; runs of inline content
    /// between blocks are paragraphs of their own.
    fn blocks(&mut self, node: &NodeRef, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let mut run = String::new();
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_text() {
                run.push_str(&c.text());
                continue;
            }
            if !c.is_element() {
                continue;
            }
            let n = name(&c);
            if !is_block(&n) {
                self.inline(&c, &mut run, depth + 1);
                continue;
            }
            self.md.paragraph(&std::mem::take(&mut run));
            match n.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    let level = n[1..].parse().unwrap_or(1);
                    let mut text = String::new();
                    self.inline(&c, &mut text, depth + 1);
                    self.md.heading(level, &text);
                }
                "ul" | "ol" => self.list(&c, n == "ol", depth + 1),
                "hr" | "nav" | "form" => {}
                _ => self.blocks(&c, depth + 1),
            }
        }
        self.md.paragraph(&run);
    }

    fn list(&mut self, list: &NodeRef, numbered: bool, depth: usize) {
        let notes = is_note_list(list);
        let mut number: u32 = list
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        for li in list.element_children() {
            if name(&li) != "li" {
                continue;
            }
            // The item's own text; a list inside it follows as its own items.
            let mut text = String::new();
            let mut nested = Vec::new();
            let mut child = li.first_child();
            while let Some(c) = child {
                child = c.next_sibling();
                let n = name(&c);
                if n == "ul" || n == "ol" {
                    nested.push(c);
                } else if c.is_text() {
                    text.push_str(&c.text());
                } else if c.is_element() {
                    self.inline(&c, &mut text, depth + 1);
                    if is_block(&n) {
                        text.push(' ');
                    }
                }
            }
            if notes {
                let label = number.to_string();
                let text = text.trim_end().trim_end_matches(['↩', '↑', '^']).trim();
                self.md.footnote_here(&label, text);
            } else {
                self.md.item(numbered.then_some(number), &text);
            }
            number += 1;
            for n in nested {
                let inner = name(&n) == "ol";
                self.list(&n, inner, depth + 1);
            }
        }
    }

    /// Inline text: a `<sup>` holding a number is a footnote mark; links to
    /// go back from a note are dropped.
    fn inline(&mut self, node: &NodeRef, out: &mut String, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let n = name(node);
        match n.as_str() {
            "script" | "style" | "noscript" | "template" | "button" | "svg" => return,
            "br" => {
                out.push(' ');
                return;
            }
            "sup" => {
                let text = node.text();
                let mark = text.trim().trim_matches(['[', ']']);
                if !mark.is_empty() && mark.len() <= 4 && mark.chars().all(|c| c.is_ascii_digit()) {
                    self.notes += 1;
                    out.push_str(&format!("[^{mark}]"));
                    return;
                }
            }
            "a" => {
                let href = node.attr("href").unwrap_or_default();
                let text = node.text();
                if href.starts_with("#fnref")
                    || href.starts_with("#ref")
                    || matches!(text.trim(), "↩" | "↑" | "^")
                {
                    return;
                }
            }
            _ => {}
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_text() {
                out.push_str(&c.text());
            } else if c.is_element() {
                self.inline(&c, out, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_markdown_with_tags() {
        assert!(looks_like_html(b"\xef\xbb\xbf<!DOCTYPE html><html>"));
        assert!(looks_like_html(b"\n  <HTML lang=\"en\"><body>"));
        assert!(looks_like_html(b"<!-- saved -->\n<html>"));
        assert!(!looks_like_html(b"# Title\n\nA text<sup>1</sup>.\n"));
        assert!(!looks_like_html(b"<sup>1</sup> a footnote\n"));
    }

    #[test]
    fn nesting_is_told_from_the_tags() {
        assert_eq!(
            tag_depth("<html><body><div><p>a<p>b<br></div></body></html>"),
            3
        );
        assert_eq!(tag_depth("<div>".repeat(600).as_str()), 600);
        assert_eq!(tag_depth("<!-- < --><img src=x/><x-y/>"), 0);
    }

    #[test]
    fn a_declared_charset_is_used() {
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
        page.extend([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
        page.extend(b"</p></body></html>");
        assert!(decode(&page, None).contains("Привет"));
    }
}
