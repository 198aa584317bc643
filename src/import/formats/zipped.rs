//! Reading parts of a zip package (DOCX, ODT) with a cap on what each part
//! may unpack to, so a zip bomb stops at the cap instead of filling memory.

use super::{Format, FormatError};
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The most one XML part may unpack to. Whole books stay far below.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// The most XML nodes one part may hold (roxmltree's own guard).
pub const MAX_NODES: u32 = 4_000_000;
/// The deepest element nesting the readers walk.
pub const MAX_DEPTH: usize = 256;

pub type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Which package a zip archive is: ODT names its type in a `mimetype`
/// entry, DOCX holds `word/document.xml`.
pub fn kind(bytes: &[u8]) -> Format {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return Format::Zip;
    };
    if let Ok(Some(mime)) = read_limited(&mut archive, "mimetype", 200, "ODT")
        && mime
            .trim()
            .starts_with("application/vnd.oasis.opendocument.text")
    {
        return Format::Odt;
    }
    if archive.index_for_name("word/document.xml").is_some() {
        return Format::Docx;
    }
    Format::Zip
}

pub fn open<'a>(bytes: &'a [u8], format: &'static str) -> Result<Archive<'a>, FormatError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| FormatError::Corrupt {
        format,
        reason: e.to_string(),
    })
}

/// The text of part `name`, `None` when the package has no such part.
pub fn part(
    archive: &mut Archive<'_>,
    name: &str,
    format: &'static str,
) -> Result<Option<String>, FormatError> {
    read_limited(archive, name, MAX_PART_BYTES, format)
}

fn read_limited(
    archive: &mut Archive<'_>,
    name: &str,
    limit: u64,
    format: &'static str,
) -> Result<Option<String>, FormatError> {
    let corrupt = |reason: String| FormatError::Corrupt { format, reason };
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(format!("{name}: {e}"))),
    };
    // The declared size may lie: read one byte past the cap to know.
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(FormatError::TooLarge {
            format,
            part: name.to_string(),
            limit: limit / 1024 / 1024,
        });
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| corrupt(format!("{name} is not UTF-8")))
}

/// Parse an XML part. Document type declarations are refused (no package
/// needs one, and they carry entity expansion); the node count is capped.
pub fn xml<'a>(
    text: &'a str,
    name: &str,
    format: &'static str,
) -> Result<roxmltree::Document<'a>, FormatError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| FormatError::Corrupt {
        format,
        reason: format!("{name}: {e}"),
    })
}

/// Whether `node` is the element `name` (local name: `w:p` is `p`).
pub fn is(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// An attribute by local name (`w:val` → `val`).
pub fn attr<'a>(node: &roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}
