//! Readers for what people receive besides plain text (Word and
//! OpenDocument files, web pages, PDF). Each reader turns its
//! input into the light markdown the text importer reads (`# ` headings,
//! one paragraph a line between blank lines, `- `/`1. ` items, `[^n]`
//! footnote marks and `[^n]: …` notes), so every rule of the text importer
//! (languages per block, titles, dates, signatories) applies unchanged.
//!
//! The format is told by content (magic bytes), never by the file's name.

pub mod docx;
pub mod html;
pub mod odt;
pub mod pdf;
mod pdf_fonts;
mod pdf_guard;
mod quiet;
pub mod url;
mod zipped;

/// Formats told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Odt,
    Html,
    Pdf,
    /// A zip archive that is neither DOCX nor ODT (or is broken).
    Zip,
    /// Anything else: handed to the text importer as it is.
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Zip => "zip",
            Format::Text => "text",
        }
    }
}

/// Why a file of a known format could not be read. The caller adds the
/// file's name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FormatError {
    #[error("not a readable {format} file: {reason}")]
    Corrupt {
        format: &'static str,
        reason: String,
    },
    #[error("{format} file whose `{part}` unpacks to more than {limit} MB (a compression bomb?)")]
    TooLarge {
        format: &'static str,
        part: String,
        limit: u64,
    },
    #[error("a zip archive, but neither a DOCX nor an ODT document")]
    UnknownZip,
    #[error("a PDF without a text layer (a scan?): run OCR on it first")]
    NoTextLayer,
    #[error("{0} file nested deeper than {1} levels")]
    TooDeep(&'static str, usize),
}

/// Text pulled out of a document, with what the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Light markdown for the text importer.
    pub text: String,
    /// A language the document declares (`<html lang>`, `dc:language`).
    pub lang: Option<String>,
}

/// The format of `bytes`, by content.
pub fn detect(bytes: &[u8]) -> Format {
    // PDF readers accept the header anywhere in the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zipped::kind(bytes);
    }
    if html::looks_like_html(bytes) {
        return Format::Html;
    }
    Format::Text
}

/// Read `bytes` as their format; `None` for plain text, which the text
/// importer reads itself.
pub fn extract(bytes: &[u8]) -> Option<Result<Extracted, FormatError>> {
    match detect(bytes) {
        Format::Docx => Some(docx::read(bytes)),
        Format::Odt => Some(odt::read(bytes)),
        Format::Html => Some(html::read(bytes)),
        Format::Pdf => Some(pdf::read(bytes)),
        Format::Zip => Some(zipped::open(bytes, "zip").and(Err(FormatError::UnknownZip))),
        Format::Text => None,
    }
}

/// Builds the light markdown the text importer reads.
#[derive(Debug, Default)]
pub(crate) struct Markdown {
    body: String,
    notes: Vec<(String, String)>,
}

/// One line of text: whitespace runs (tabs, breaks) become one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Markdown {
    fn block(&mut self, line: String) {
        if !self.body.is_empty() {
            self.body.push('\n');
        }
        self.body.push_str(&line);
        self.body.push('\n');
    }

    pub fn heading(&mut self, level: u8, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            let hashes = "#".repeat(level.clamp(1, 6) as usize);
            self.block(format!("{hashes} {text}"));
        }
    }

    pub fn paragraph(&mut self, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            self.block(text);
        }
    }

    /// A list item; `number` is `None` for a bullet.
    pub fn item(&mut self, number: Option<u32>, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            match number {
                Some(n) => self.block(format!("{n}. {text}")),
                None => self.block(format!("- {text}")),
            }
        }
    }

    /// A footnote, written after the body; its mark is `[^label]`.
    pub fn footnote(&mut self, label: &str, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            self.notes.push((label.to_string(), text));
        }
    }

    /// A footnote written where it stands (a web page's notes follow the
    /// text they belong to, which matters when a page holds translations).
    pub fn footnote_here(&mut self, label: &str, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            self.block(format!("[^{label}]: {text}"));
        }
    }

    pub fn finish(mut self) -> String {
        for (label, text) in std::mem::take(&mut self.notes) {
            self.block(format!("[^{label}]: {text}"));
        }
        self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        // Markdown with inline HTML stays text.
        assert_eq!(detect(b"# Title\n\nA text<sup>1</sup>.\n"), Format::Text);
        assert_eq!(detect(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(detect(b"PK\x03\x04garbage"), Format::Zip);
    }

    #[test]
    fn markdown_puts_notes_last() {
        let mut md = Markdown::default();
        md.heading(1, " A  title ");
        md.paragraph("Text[^1] here.");
        md.footnote("1", "The note.");
        md.item(Some(2), "second");
        md.item(None, "bullet");
        assert_eq!(
            md.finish(),
            "# A title\n\nText[^1] here.\n\n2. second\n\n- bullet\n\n[^1]: The note.\n"
        );
    }
}
