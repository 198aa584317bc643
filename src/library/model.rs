//! The domain model: a resolution, its translations, their blocks.

use super::date::DocDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What kind of text a resolution is. Free text in files; these are the
/// values the importer recognises.
pub const KINDS: &[&str] = &["resolution", "declaration", "statement", "call", "article"];

/// Metadata of one resolution: everything needed to list it without reading
/// any text. This is the content of `meta.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionMeta {
    /// Stable id; also the folder name.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DocDate>,
    #[serde(default = "default_kind")]
    pub kind: String,
    /// Where the text came from: a web address or the imported file's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// One entry per translation, keyed by language code.
    #[serde(default)]
    pub translations: BTreeMap<String, TranslationMeta>,
}

fn default_kind() -> String {
    "resolution".to_string()
}

/// Metadata of one translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationMeta {
    pub title: String,
    /// True when the source only held the beginning of the text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excerpt: bool,
}

impl ResolutionMeta {
    pub fn langs(&self) -> Vec<String> {
        self.translations.keys().cloned().collect()
    }

    /// Title in the first of `preferred` languages the resolution has, else
    /// in its first language.
    pub fn title_for(&self, preferred: &[String]) -> (&str, &str) {
        preferred
            .iter()
            .find_map(|l| self.translations.get_key_value(l))
            .or_else(|| self.translations.iter().next())
            .map(|(l, t)| (l.as_str(), t.title.as_str()))
            .unwrap_or(("", ""))
    }

    pub fn excerpt(&self) -> bool {
        self.translations.values().any(|t| t.excerpt)
    }

    /// Where the text came from, for people: a web address as written, a
    /// file by its name, and a file whose name says nothing (only a hash or
    /// numbers, such as `002_8baaa899f436646d.txt`) as what it is.
    pub fn source_label(&self) -> Option<String> {
        let source = self.source.as_deref()?.trim();
        if source.is_empty() {
            return None;
        }
        if source.contains("://") || source.starts_with("www.") {
            return Some(source.trim_end_matches('/').to_string());
        }
        let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
        let hex_only = stem
            .split(|c: char| !c.is_ascii_alphanumeric())
            .all(|part| part.chars().all(|c| c.is_ascii_hexdigit()));
        let digits = stem.chars().filter(char::is_ascii_hexdigit).count();
        Some(if hex_only && digits >= 8 {
            "an imported file".to_string()
        } else {
            format!("file {source}")
        })
    }
}

/// A list marker as written in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListMarker {
    Bullet,
    Number(u32),
}

/// One unit of text: what the reader scrolls by and the aligner pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
    Item {
        marker: ListMarker,
        text: String,
    },
    /// A footnote's text; its mark in the text reads `[^label]`.
    Footnote {
        label: String,
        text: String,
    },
    /// The list of organisations that signed.
    Signatories {
        names: Vec<String>,
    },
}

impl Block {
    /// The block's text as one string (signatories one per line).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Block::Heading { text, .. }
            | Block::Paragraph { text }
            | Block::Item { text, .. }
            | Block::Footnote { text, .. } => text.into(),
            Block::Signatories { names } => names.join("\n").into(),
        }
    }

    /// The block as a reader sees it, with its list marker or footnote label;
    /// footnote marks read `[1]` like the footnote they point to.
    pub fn display_text(&self) -> String {
        let shown = match self {
            Block::Item {
                marker: ListMarker::Bullet,
                text,
            } => format!("• {text}"),
            Block::Item {
                marker: ListMarker::Number(n),
                text,
            } => format!("{n}. {text}"),
            Block::Footnote { label, text } => format!("[{label}] {text}"),
            Block::Signatories { names } => names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{}. {n}", i + 1))
                .collect::<Vec<_>>()
                .join("\n"),
            other => other.text().into_owned(),
        };
        shown.replace("[^", "[")
    }
}

/// One language version of a resolution, with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub lang: String,
    pub meta: TranslationMeta,
    pub blocks: Vec<Block>,
}

impl Translation {
    pub fn signatories(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Signatories { names } => names.len(),
                _ => 0,
            })
            .sum()
    }
}

/// A resolution with all its translations loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub meta: ResolutionMeta,
    pub translations: Vec<Translation>,
}

impl Resolution {
    /// The translation in `lang`, if the resolution has one.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// A resolution of kind "resolution" with no date, organisation or
    /// source: its metadata taken from its translations.
    pub fn of_translations(id: &str, translations: Vec<Translation>) -> Resolution {
        Resolution {
            meta: ResolutionMeta {
                id: id.into(),
                organization: None,
                date: None,
                kind: "resolution".into(),
                source: None,
                translations: translations
                    .iter()
                    .map(|t| (t.lang.clone(), t.meta.clone()))
                    .collect(),
            },
            translations,
        }
    }

    /// Its translations in languages other than `langs`, in its order:
    /// what bridges the alignment of those (`align::align_all_scored`).
    pub fn others(&self, langs: &[String]) -> Vec<&Translation> {
        self.translations
            .iter()
            .filter(|t| !langs.contains(&t.lang))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_read_as_addresses_file_names_or_what_they_are() {
        let label = |source: &str| {
            ResolutionMeta {
                id: "x".into(),
                organization: None,
                date: None,
                kind: "resolution".into(),
                source: Some(source.into()),
                translations: BTreeMap::new(),
            }
            .source_label()
        };
        assert_eq!(
            label("http://www.icor.info/"),
            Some("http://www.icor.info".into())
        );
        assert_eq!(
            label("www.solidnet.org/article/x"),
            Some("www.solidnet.org/article/x".into())
        );
        assert_eq!(label("strike.en.txt"), Some("file strike.en.txt".into()));
        assert_eq!(label("2023 report.md"), Some("file 2023 report.md".into()));
        for opaque in [
            "002_8baaa899f436646d.txt",
            "deadbeefcafe",
            "20231031-115533.txt",
        ] {
            assert_eq!(label(opaque), Some("an imported file".into()), "{opaque}");
        }
        assert_eq!(label("  "), None);
    }
}
