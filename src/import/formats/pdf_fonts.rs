//! Which text is set in a bold font. `pdf-extract` gives each glyph's
//! place and size but not its font, so the content streams are walked
//! here as it walks them (the same operators, forms and `q`/`Q` nesting),
//! noting the font of each text-showing call in order; the extractor
//! announces each such call with `begin_word`, which lines the two up. A
//! page where the counts differ gets no font evidence at all.

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object};

/// Forms inside forms followed at most (the guard refuses deeper ones).
const MAX_DEPTH: usize = 64;

/// For each page, in the extractor's order, whether each text-showing
/// call is set in a bold font; `None` for a page that could not be walked.
pub(super) fn bold_calls(doc: &Document) -> Vec<Option<Vec<bool>>> {
    doc.get_pages()
        .values()
        .map(|page| {
            let dict = doc.get_dictionary(*page).ok()?;
            let resources = inherited_resources(doc, dict);
            let content = doc.get_page_content(*page).ok()?;
            let mut calls = Vec::new();
            walk(doc, &content, resources, 0, &mut calls)?;
            Some(calls)
        })
        .collect()
}

/// The page's resources, looked up the page tree as the extractor does.
fn inherited_resources<'a>(doc: &'a Document, mut dict: &'a Dictionary) -> Option<&'a Dictionary> {
    for _ in 0..MAX_DEPTH {
        if let Ok(r) = dict.get(b"Resources") {
            return doc.dereference(r).ok()?.1.as_dict().ok();
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn lookup<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    doc.dereference(dict.get(key).ok()?).ok().map(|(_, o)| o)
}

/// Walk one content stream, pushing the boldness of each text-showing call.
fn walk(
    doc: &Document,
    content: &[u8],
    resources: Option<&Dictionary>,
    depth: usize,
    calls: &mut Vec<bool>,
) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    let content = Content::decode(content).ok()?;
    let fonts = resources
        .and_then(|r| lookup(doc, r, b"Font"))
        .and_then(|f| f.as_dict().ok());
    let mut bold = false;
    let mut saved: Vec<bool> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "q" => saved.push(bold),
            "Q" => bold = saved.pop().unwrap_or(bold),
            "Tf" => {
                let font = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| lookup(doc, fonts?, n))
                    .and_then(|f| f.as_dict().ok());
                bold = font.is_some_and(|f| is_bold(doc, f));
            }
            "Tj" => calls.push(bold),
            "TJ" => {
                if let Some(Object::Array(parts)) = op.operands.first() {
                    let strings = parts
                        .iter()
                        .filter(|p| matches!(p, Object::String(..)))
                        .count();
                    calls.extend(std::iter::repeat_n(bold, strings));
                }
            }
            "Do" => {
                let name = op.operands.first()?.as_name().ok()?;
                let xobjects = lookup(doc, resources?, b"XObject")?.as_dict().ok()?;
                let stream = lookup(doc, xobjects, name)?.as_stream().ok()?;
                let inner = lookup(doc, &stream.dict, b"Resources")
                    .and_then(|r| r.as_dict().ok())
                    .or(resources);
                let data = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                walk(doc, &data, inner, depth + 1, calls)?;
            }
            _ => {}
        }
    }
    Some(())
}

/// A font is bold by its name (`ABCDEF+NotoSans-Bold`, `Arial,Bold`,
/// `…-Black`, `…-Heavy`) or by the weight its descriptor gives.
fn is_bold(doc: &Document, font: &Dictionary) -> bool {
    let descendant = lookup(doc, font, b"DescendantFonts")
        .and_then(|d| d.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok());
    let name = |f: &Dictionary| {
        lookup(doc, f, b"BaseFont")
            .and_then(|n| n.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
            .unwrap_or_default()
    };
    let weight = |f: &Dictionary| {
        lookup(doc, f, b"FontDescriptor")
            .and_then(|d| d.as_dict().ok())
            .and_then(|d| lookup(doc, d, b"FontWeight"))
            .and_then(|w| {
                w.as_float()
                    .ok()
                    .or_else(|| w.as_i64().ok().map(|i| i as f32))
            })
    };
    [Some(font), descendant].into_iter().flatten().any(|f| {
        let name = name(f);
        // The style part follows the family: after `-`, `,` or the last `+`.
        let style = name.rsplit(['-', ',']).next().unwrap_or("");
        ["bold", "black", "heavy"]
            .iter()
            .any(|w| style.contains(w) || name.ends_with(w))
            || weight(f).is_some_and(|w| w >= 600.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font(base: &str, weight: Option<i64>) -> (Document, Dictionary) {
        let mut doc = Document::new();
        let mut font = Dictionary::new();
        font.set("BaseFont", Object::Name(base.as_bytes().to_vec()));
        if let Some(w) = weight {
            let mut descriptor = Dictionary::new();
            descriptor.set("FontWeight", Object::Integer(w));
            let id = doc.add_object(Object::Dictionary(descriptor));
            font.set("FontDescriptor", Object::Reference(id));
        }
        (doc, font)
    }

    #[test]
    fn bold_is_told_by_name_or_weight() {
        for (name, weight, bold) in [
            ("BAAAAA+DejaVuSerif-Bold", None, true),
            ("Arial,BoldItalic", None, true),
            ("Arial-BoldMT", None, true),
            ("NotoSansCJKsc-Black", None, true),
            ("CAAAAA+LiberationSerif", Some(700), true),
            ("CAAAAA+LiberationSerif", Some(400), false),
            ("Times-Roman", None, false),
            ("BlackadderITC-Regular", None, false),
        ] {
            let (doc, f) = font(name, weight);
            assert_eq!(is_bold(&doc, &f), bold, "{name} {weight:?}");
        }
    }
}
