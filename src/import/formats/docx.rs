//! Word (DOCX) documents: paragraphs, headings, lists and footnotes from
//! `word/document.xml`, with styles, numbering and notes from their parts.
//! Headers and footers live in parts of their own and are left out, which
//! drops the page furniture.
//!
//! Elements are matched by local name so both the transitional and the
//! strict OOXML namespaces read.

use super::zipped::{self, Archive, MAX_DEPTH, attr, is};
use super::{Extracted, FormatError, Markdown};
use roxmltree::Node;
use std::collections::HashMap;

const FORMAT: &str = "DOCX";

pub fn read(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let mut archive = zipped::open(bytes, FORMAT)?;
    let Some(body) = zipped::part(&mut archive, "word/document.xml", FORMAT)? else {
        return Err(FormatError::Corrupt {
            format: FORMAT,
            reason: "no word/document.xml".into(),
        });
    };
    let styles = Styles::read(&mut archive)?;
    let numbering = Numbering::read(&mut archive)?;
    let notes = Notes::read(&mut archive)?;
    let doc = zipped::xml(&body, "word/document.xml", FORMAT)?;
    let mut reader = Reader {
        styles,
        numbering,
        notes,
        counters: HashMap::new(),
        labels: HashMap::new(),
        md: Markdown::default(),
        lang: None,
    };
    let root = doc.root_element();
    let body = root.children().find(|n| is(n, "body")).unwrap_or(root);
    reader.blocks(body, 0)?;
    let lang = reader.lang.take().or(reader.styles.lang.clone());
    Ok(Extracted {
        text: reader.md.finish(),
        lang,
    })
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// Paragraph styles: which are headings (by name or outline level).
#[derive(Default)]
struct Styles {
    heading: HashMap<String, u8>,
    lang: Option<String>,
}

impl Styles {
    fn read(archive: &mut Archive<'_>) -> Result<Styles, FormatError> {
        let mut styles = Styles::default();
        let Some(text) = zipped::part(archive, "word/styles.xml", FORMAT)? else {
            return Ok(styles);
        };
        let doc = zipped::xml(&text, "word/styles.xml", FORMAT)?;
        for style in doc.descendants().filter(|n| is(n, "style")) {
            let Some(id) = attr(&style, "styleId") else {
                continue;
            };
            let name = child(&style, "name")
                .and_then(|n| attr(&n, "val"))
                .unwrap_or(id)
                .to_lowercase();
            let outline = child(&style, "pPr")
                .and_then(|p| child(&p, "outlineLvl"))
                .and_then(|o| attr(&o, "val"))
                .and_then(|v| v.parse::<u8>().ok());
            let level = if name == "title" {
                Some(1)
            } else if let Some(n) = name.strip_prefix("heading ") {
                n.trim().parse::<u8>().ok()
            } else {
                outline.map(|o| o + 1)
            };
            if let Some(level) = level.filter(|l| (1..=9).contains(l)) {
                styles.heading.insert(id.to_string(), level);
            }
        }
        // The default language of the text (`w:docDefaults … w:lang`).
        styles.lang = doc
            .descendants()
            .find(|n| is(n, "docDefaults"))
            .and_then(|d| d.descendants().find(|n| is(n, "lang")))
            .and_then(|l| attr(&l, "val"))
            .map(str::to_string);
        Ok(styles)
    }
}

/// List definitions: whether a list level is numbered.
#[derive(Default)]
struct Numbering {
    /// (numId, level) → numbered (true) or bullet (false).
    numbered: HashMap<(String, String), bool>,
}

impl Numbering {
    fn read(archive: &mut Archive<'_>) -> Result<Numbering, FormatError> {
        let mut numbering = Numbering::default();
        let Some(text) = zipped::part(archive, "word/numbering.xml", FORMAT)? else {
            return Ok(numbering);
        };
        let doc = zipped::xml(&text, "word/numbering.xml", FORMAT)?;
        let mut abstract_levels: HashMap<&str, Vec<(String, bool)>> = HashMap::new();
        for abs in doc.descendants().filter(|n| is(n, "abstractNum")) {
            let Some(id) = attr(&abs, "abstractNumId") else {
                continue;
            };
            let levels = abs
                .children()
                .filter(|n| is(n, "lvl"))
                .map(|lvl| {
                    let ilvl = attr(&lvl, "ilvl").unwrap_or("0").to_string();
                    let fmt = child(&lvl, "numFmt").and_then(|f| attr(&f, "val"));
                    (ilvl, fmt.is_some_and(|f| f != "bullet" && f != "none"))
                })
                .collect();
            abstract_levels.insert(id, levels);
        }
        for num in doc.descendants().filter(|n| is(n, "num")) {
            let (Some(id), Some(abs)) = (
                attr(&num, "numId"),
                child(&num, "abstractNumId").and_then(|a| attr(&a, "val")),
            ) else {
                continue;
            };
            for (ilvl, numbered) in abstract_levels.get(abs).into_iter().flatten() {
                numbering
                    .numbered
                    .insert((id.to_string(), ilvl.clone()), *numbered);
            }
        }
        Ok(numbering)
    }
}

/// Footnote and endnote texts by id.
#[derive(Default)]
struct Notes {
    foot: HashMap<String, String>,
    end: HashMap<String, String>,
}

impl Notes {
    fn read(archive: &mut Archive<'_>) -> Result<Notes, FormatError> {
        let mut notes = Notes::default();
        for (part, element, map) in [
            ("word/footnotes.xml", "footnote", &mut notes.foot),
            ("word/endnotes.xml", "endnote", &mut notes.end),
        ] {
            let Some(text) = zipped::part(archive, part, FORMAT)? else {
                continue;
            };
            let doc = zipped::xml(&text, part, FORMAT)?;
            for note in doc.descendants().filter(|n| is(n, element)) {
                // Separators are not notes.
                if attr(&note, "type").is_some_and(|t| t != "normal") {
                    continue;
                }
                let Some(id) = attr(&note, "id") else {
                    continue;
                };
                let paragraphs: Vec<String> = note
                    .descendants()
                    .filter(|n| is(n, "p"))
                    .map(|p| {
                        let mut s = String::new();
                        runs_text(p, &mut s, &mut |_, _| String::new(), 0);
                        s
                    })
                    .collect();
                map.insert(id.to_string(), paragraphs.join(" "));
            }
        }
        Ok(notes)
    }
}

/// The text of a paragraph's runs. Deleted text, field codes and drawings
/// (text boxes hold paragraphs of their own) are skipped; note references
/// become what `mark` makes of them.
fn runs_text(
    node: Node,
    out: &mut String,
    mark: &mut dyn FnMut(&str, &str) -> String,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "t" => out.push_str(n.text().unwrap_or("")),
            "tab" | "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('-'),
            "del" | "delText" | "instrText" | "drawing" | "pict" | "object" | "pPr" | "rPr"
            | "AlternateContent" | "footnoteRef" | "endnoteRef" => {}
            kind @ ("footnoteReference" | "endnoteReference") => {
                if let Some(id) = attr(&n, "id") {
                    out.push_str(&mark(kind, id));
                }
            }
            _ => runs_text(n, out, mark, depth + 1),
        }
    }
}

struct Reader {
    styles: Styles,
    numbering: Numbering,
    notes: Notes,
    /// Running numbers of numbered lists, by (numId, level).
    counters: HashMap<(String, String), u32>,
    /// Note labels in order of first reference, by (kind, id).
    labels: HashMap<(String, String), String>,
    md: Markdown,
    lang: Option<String>,
}

impl Reader {
    /// Walk block-level content: paragraphs, tables, content controls.
    fn blocks(&mut self, node: Node, depth: usize) -> Result<(), FormatError> {
        if depth > MAX_DEPTH {
            return Err(FormatError::TooDeep(FORMAT, MAX_DEPTH));
        }
        for n in node.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "p" => self.paragraph(n),
                "sectPr" => {}
                _ => self.blocks(n, depth + 1)?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: Node) {
        let mut text = String::new();
        let Reader {
            labels, notes, md, ..
        } = self;
        let mut mark = |kind: &str, id: &str| {
            let key = (kind.to_string(), id.to_string());
            if let Some(label) = labels.get(&key) {
                return format!("[^{label}]");
            }
            let label = (labels.len() + 1).to_string();
            let note = if kind == "footnoteReference" {
                notes.foot.get(id)
            } else {
                notes.end.get(id)
            };
            if let Some(note) = note {
                md.footnote(&label, note);
            }
            labels.insert(key, label.clone());
            format!("[^{label}]")
        };
        runs_text(p, &mut text, &mut mark, 0);
        let props = child(&p, "pPr");
        if self.lang.is_none()
            && let Some(lang) = p
                .descendants()
                .find(|n| is(n, "lang"))
                .and_then(|l| attr(&l, "val"))
        {
            self.lang = Some(lang.to_string());
        }
        let style = props
            .and_then(|pp| child(&pp, "pStyle"))
            .and_then(|s| attr(&s, "val"));
        let outline = props
            .and_then(|pp| child(&pp, "outlineLvl"))
            .and_then(|o| attr(&o, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .map(|o| o + 1);
        if let Some(level) = style
            .and_then(|s| self.styles.heading.get(s).copied())
            .or(outline)
        {
            self.md.heading(level, &text);
            return;
        }
        let num = props.and_then(|pp| child(&pp, "numPr")).and_then(|np| {
            let id = child(&np, "numId").and_then(|n| attr(&n, "val"))?;
            let ilvl = child(&np, "ilvl")
                .and_then(|n| attr(&n, "val"))
                .unwrap_or("0");
            // numId 0 switches numbering off.
            (id != "0").then(|| (id.to_string(), ilvl.to_string()))
        });
        match num {
            Some(key) => {
                let numbered = self.numbering.numbered.get(&key).copied().unwrap_or(false);
                if numbered {
                    let n = self.counters.entry(key).or_insert(0);
                    *n += 1;
                    let n = *n;
                    self.md.item(Some(n), &text);
                } else {
                    self.md.item(None, &text);
                }
            }
            None => self.md.paragraph(&text),
        }
    }
}
