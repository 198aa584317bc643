//! Documents in other formats import as their plain text does: every
//! fixture in tests/data/formats (made by scripts/make-format-fixtures.py)
//! gives the same translations, titles and blocks as the markdown it was
//! rendered from.

use resreader::import::{self, ImportOptions, SourceFile};
use resreader::library::{Block, Resolution};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name)
}

fn import_files(names: &[&str]) -> Resolution {
    let files: Vec<SourceFile> = names
        .iter()
        .map(|n| SourceFile {
            name: n.to_string(),
            bytes: std::fs::read(fixture(n)).unwrap_or_else(|e| panic!("{n}: {e}")),
        })
        .collect();
    let mut report = import::import(&files, &ImportOptions::default());
    let errors: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{names:?}: {errors:?}");
    assert_eq!(report.resolutions.len(), 1, "{names:?}");
    report.resolutions.remove(0)
}

/// What must match: each translation's language, title and blocks (kind
/// and text with whitespace normalised).
fn summary(r: &Resolution) -> Vec<(String, String, Vec<String>)> {
    r.translations
        .iter()
        .map(|t| {
            let blocks = t
                .blocks
                .iter()
                .map(|b| {
                    let kind = match b {
                        Block::Heading { level, .. } => format!("h{level}"),
                        Block::Paragraph { .. } => "p".into(),
                        Block::Item { .. } => "li".into(),
                        Block::Footnote { label, .. } => format!("note {label}"),
                        Block::Signatories { .. } => "signatories".into(),
                    };
                    let text = b.text().split_whitespace().collect::<Vec<_>>().join(" ");
                    format!("{kind}: {text}")
                })
                .collect();
            (t.lang.clone(), t.meta.title.clone(), blocks)
        })
        .collect()
}

fn same_as_text(name: &str, text: &str) {
    same_as_texts(name, &[text]);
}

fn same_as_texts(name: &str, texts: &[&str]) {
    let text = texts[0];
    let from_format = import_files(&[name]);
    let from_text = import_files(texts);
    let expected = summary(&from_text);
    // The fixtures hold each kind of block; the text import finds them.
    for kind in ["h2: ", "p: ", "li: ", "note 1: "] {
        assert!(
            expected[0].2.iter().any(|b| b.starts_with(kind)),
            "{text}: no {kind}"
        );
    }
    similar_asserts(name, &summary(&from_format), &expected);
    assert_eq!(from_format.meta.id, from_text.meta.id, "{name}");
}

fn similar_asserts(
    name: &str,
    got: &[(String, String, Vec<String>)],
    want: &[(String, String, Vec<String>)],
) {
    assert_eq!(got.len(), want.len(), "{name}: translations");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((&g.0, &g.1), (&w.0, &w.1), "{name}: language and title");
        for (i, (gb, wb)) in g.2.iter().zip(&w.2).enumerate() {
            assert_eq!(gb, wb, "{name}: block {i}");
        }
        assert_eq!(g.2.len(), w.2.len(), "{name}: block count");
    }
}

const LANGS: [&str; 4] = ["en", "ru", "ar", "zh"];

#[test]
fn odt_imports_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.odt"), &format!("udhr-{lang}.md"));
    }
}

#[test]
fn docx_imports_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.docx"), &format!("udhr-{lang}.md"));
    }
}

#[test]
fn pdf_imports_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.pdf"), &format!("udhr-{lang}.md"));
    }
}

#[test]
fn web_pages_import_their_main_content_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.html"), &format!("udhr-{lang}.md"));
    }
    // Two language versions on one page split as in a text file.
    same_as_texts("udhr-en-ru.html", &["udhr-en.md", "udhr-ru.md"]);
}

/// Import one file and return its one error message.
fn error_of(name: &str) -> String {
    let bytes = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    error_of_bytes(name, bytes)
}

fn error_of_bytes(name: &str, bytes: Vec<u8>) -> String {
    let file = SourceFile {
        name: name.to_string(),
        bytes,
    };
    let report = import::import(&[file], &ImportOptions::default());
    assert!(report.resolutions.is_empty(), "{name} imported");
    assert_eq!(report.errors.len(), 1, "{name}");
    report.errors[0].to_string()
}

#[test]
fn hostile_files_fail_with_a_clear_message() {
    for (name, says) in [
        (
            "hostile/bomb.docx",
            "unpacks to more than 32 MB (a zip bomb?)",
        ),
        ("hostile/laughs.docx", "not a readable DOCX file"),
        ("hostile/deep.odt", "ODT file nested deeper than 256 levels"),
        ("hostile/other.zip", "neither a DOCX nor an ODT"),
        ("hostile/truncated.docx", "not a readable zip file"),
        ("hostile/scan.pdf", "a PDF without a text layer (a scan?)"),
        ("hostile/selfdraw.pdf", "a drawing that contains itself"),
        ("hostile/pages-loop.pdf", "without a text layer"),
        ("hostile/garbage.pdf", "not a readable PDF file"),
    ] {
        let message = error_of(name);
        assert!(
            message.starts_with(&format!("{name}: ")) && message.contains(says),
            "{name}: {message}"
        );
    }
}

#[test]
fn deeply_nested_pages_are_refused() {
    let depth = 100_000;
    let page = format!(
        "<!DOCTYPE html><html><body>{}deep{}</body></html>",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let message = error_of_bytes("deep.html", page.into_bytes());
    assert_eq!(
        message,
        "deep.html: HTML file nested deeper than 512 levels"
    );
}
