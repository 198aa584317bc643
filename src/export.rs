//! Aligned export of several translations: JSON, TMX 1.4 and Markdown.

use crate::align::{LOW_CONFIDENCE, align_all_scored};
use crate::library::{Lexicons, Resolution};
use serde::Serialize;
use std::collections::BTreeMap;

/// Translations in aligned rows: `rows[r][k]` holds the blocks of language
/// `langs[k]` in row `r` (0, 1 or more), each block exactly once.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    pub id: String,
    pub langs: Vec<String>,
    pub rows: Vec<Vec<Vec<String>>>,
    /// How sure the aligner is of each row, 0 (a guess) to 1: the lowest
    /// confidence of the beads that went into it.
    pub confidence: Vec<f32>,
    /// The pivot translation's title.
    pub title: String,
}

/// Why an export cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("`{id}` has no `{lang}` translation (it has: {available})")]
    MissingLanguage {
        id: String,
        lang: String,
        available: String,
    },
    #[error("name at least one language")]
    NoLanguages,
}

/// What the shown translations are exported to, for the command line
/// (`export --format`) and the reader's export menu alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// {"id", "langs", "rows": [{"en": [...], "ru": [...], "confidence": 0.97}, ...]}, a row per aligned group
    Json,
    /// A TMX 1.4 translation memory, one <tu> per row (its confidence in a <prop type="x-confidence">), for translation tools
    Tmx,
    /// A Markdown table with a column per language, rows the aligner is unsure of marked ┆
    Md,
}

impl Format {
    /// In the order the reader's export menu lists them.
    pub const MENU: [Format; 3] = [Format::Md, Format::Tmx, Format::Json];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Tmx => "tmx",
            Format::Md => "md",
        }
    }

    /// A line for the export menu.
    pub fn label(self) -> &'static str {
        match self {
            Format::Md => "md    Markdown, a column per language",
            Format::Tmx => "tmx   TMX 1.4 translation memory",
            Format::Json => "json  aligned JSON",
        }
    }

    /// The aligned translations written in this format.
    pub fn render(self, aligned: &Aligned) -> String {
        match self {
            Format::Json => aligned.json() + "\n",
            Format::Tmx => aligned.tmx(),
            Format::Md => aligned.markdown(),
        }
    }
}

/// Align the given languages of a resolution, the first as pivot, with
/// what the library taught of their words (`Lexicons::learn`) and with its
/// other translations as bridges.
pub fn aligned(
    resolution: &Resolution,
    langs: &[String],
    lexicons: &Lexicons,
) -> Result<Aligned, ExportError> {
    if langs.is_empty() {
        return Err(ExportError::NoLanguages);
    }
    let mut translations = Vec::new();
    for lang in langs {
        let t = resolution
            .translation(lang)
            .ok_or_else(|| ExportError::MissingLanguage {
                id: resolution.meta.id.clone(),
                lang: lang.clone(),
                available: resolution.meta.langs().join(", "),
            })?;
        translations.push(t);
    }
    let blocks: Vec<&[crate::library::Block]> =
        translations.iter().map(|t| t.blocks.as_slice()).collect();
    // The resolution's other translations help pair these.
    let others = resolution.others(langs);
    let bridges: Vec<&[crate::library::Block]> =
        others.iter().map(|t| t.blocks.as_slice()).collect();
    let (rows, confidence) = align_all_scored(&blocks, &bridges, &lexicons.known(langs, &others));
    let rows = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .zip(&translations)
                .map(|(range, t)| t.blocks[range].iter().map(|b| b.display_text()).collect())
                .collect()
        })
        .collect();
    Ok(Aligned {
        id: resolution.meta.id.clone(),
        langs: langs.to_vec(),
        rows,
        confidence,
        title: translations[0].meta.title.clone(),
    })
}

impl Aligned {
    /// The confidence of row `r`, to two decimals (1 for a missing one).
    fn confidence_of(&self, r: usize) -> f64 {
        let c = self.confidence.get(r).copied().unwrap_or(1.0) as f64;
        (c * 100.0).round() / 100.0
    }

    /// `{"id": …, "langs": […], "rows": [{"en": [...], "ru": [...], "confidence": 0.97}, …]}`
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Row<'a> {
            #[serde(flatten)]
            texts: BTreeMap<&'a str, &'a Vec<String>>,
            confidence: f64,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a str,
            langs: &'a [String],
            rows: Vec<Row<'a>>,
        }
        let rows = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| Row {
                texts: self.langs.iter().map(String::as_str).zip(row).collect(),
                confidence: self.confidence_of(r),
            })
            .collect();
        crate::text::sanitize::to_safe_json(&Out {
            id: &self.id,
            langs: &self.langs,
            rows,
        })
        .unwrap_or_default()
    }

    /// A TMX 1.4 translation memory: one `<tu>` per row.
    pub fn tmx(&self) -> String {
        let src = self.langs.first().map(String::as_str).unwrap_or("en");
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n");
        out.push_str(&format!(
            "  <header creationtool=\"resreader\" creationtoolversion=\"{}\" segtype=\"paragraph\" o-tmf=\"resreader\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n  <body>\n",
            env!("CARGO_PKG_VERSION"),
            xml_escape(src)
        ));
        for (i, row) in self.rows.iter().enumerate() {
            out.push_str(&format!("    <tu tuid=\"{}\">\n", i + 1));
            out.push_str(&format!(
                "      <prop type=\"x-confidence\">{:.2}</prop>\n",
                self.confidence_of(i)
            ));
            for (lang, blocks) in self.langs.iter().zip(row) {
                if blocks.is_empty() {
                    continue;
                }
                out.push_str(&format!(
                    "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n",
                    xml_escape(lang),
                    xml_escape(&blocks.join("\n"))
                ));
            }
            out.push_str("    </tu>\n");
        }
        out.push_str("  </body>\n</tmx>\n");
        out
    }

    /// A Markdown table, one column per language.
    pub fn markdown(&self) -> String {
        let cell = |blocks: &Vec<String>| {
            blocks
                .iter()
                .map(|b| {
                    crate::text::sanitize::sanitize_str(b)
                        .replace('|', "\\|")
                        .replace('\n', "<br>")
                })
                .collect::<Vec<_>>()
                .join("<br><br>")
        };
        let mut out = format!(
            "# {}\n\n`{}`\n\n",
            crate::text::sanitize::sanitize_str(&self.title),
            crate::text::sanitize::sanitize_str(&self.id)
        );
        out.push_str(&format!("| {} | confidence |\n", self.langs.join(" | ")));
        out.push_str(&format!("|{}---|\n", "---|".repeat(self.langs.len())));
        for (r, row) in self.rows.iter().enumerate() {
            // The reader's mark for a row worth a second look.
            let c = self.confidence_of(r);
            let mark = if (c as f32) < LOW_CONFIDENCE {
                " ┆"
            } else {
                ""
            };
            out.push_str(&format!(
                "| {} | {c:.2}{mark} |\n",
                row.iter().map(cell).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
}

/// Escape text for XML 1.0, replacing characters XML cannot hold. What a
/// terminal would act on (CR, DEL, C1 controls, line and paragraph
/// separators, bidi controls and marks) is written as a character
/// reference: the file's bytes are safe to print, and an XML parser reads
/// the text back exactly (a raw CR would come back as a line feed).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 && c != '\r' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push('\u{FFFD}')
            }
            c if !crate::text::sanitize::is_terminal_safe(c.encode_utf8(&mut [0; 4])) => {
                out.push_str(&format!("&#x{:X};", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Block, Translation, TranslationMeta};

    #[test]
    fn the_other_translations_help_pair_the_exported_ones() {
        // English and Spanish alike in length, sharing nothing, the
        // Spanish without the fifth paragraph; the French shares numbers
        // with the English and names with the Spanish.
        let places = [
            "Oslo", "Lima", "Quito", "Dakar", "Hanoi", "Kabul", "Minsk", "Sofia", "Riga", "Tunis",
        ];
        let number = |i: usize| 1000 + 137 * i;
        let translation = |lang: &str, texts: Vec<String>| Translation {
            lang: lang.into(),
            meta: TranslationMeta {
                title: lang.into(),
                excerpt: false,
            },
            blocks: texts
                .into_iter()
                .map(|text| Block::Paragraph { text })
                .collect(),
        };
        let en = translation(
            "en",
            (0..10)
                .map(|i| format!("lorem ipsum dolor sit amet {} consectetur", number(i)))
                .collect(),
        );
        let es = translation(
            "es",
            (0..10)
                .filter(|&i| i != 4)
                .map(|i| format!("lorem ipsum dolor sit amet en {} adipiscing", places[i]))
                .collect(),
        );
        let fr = translation(
            "fr",
            (0..10)
                .map(|i| format!("lorem ipsum {} sit amet in {} elit", number(i), places[i]))
                .collect(),
        );
        let resolution = Resolution::of_translations("bridged", vec![en, es, fr]);
        let langs = ["en".to_string(), "es".to_string()];
        let exported = aligned(&resolution, &langs, &Lexicons::default()).expect("aligns");
        let fifth = exported
            .rows
            .iter()
            .find(|row| row[0].iter().any(|t| t.contains("1548")))
            .expect("a row holds the fifth English paragraph");
        assert!(fifth[1].is_empty(), "{fifth:?}");
        let sixth = exported
            .rows
            .iter()
            .find(|row| row[0].iter().any(|t| t.contains("1685")))
            .expect("a row holds the sixth English paragraph");
        assert!(sixth[1].iter().any(|t| t.contains("Kabul")), "{sixth:?}");
    }

    #[test]
    fn xml_escape_makes_any_text_valid() {
        assert_eq!(
            xml_escape("a<b>&\"'\u{0}\u{1b}"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn xml_escape_writes_what_a_terminal_obeys_as_references() {
        let text = "a\rb\u{85}c\u{7f}d\u{202e}e\u{2066}f\u{2028}g\u{200f}";
        let escaped = xml_escape(text);
        assert_eq!(
            escaped,
            "a&#xD;b&#x85;c&#x7F;d&#x202E;e&#x2066;f&#x2028;g&#x200F;"
        );
        let xml = format!("<seg>{escaped}</seg>");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(doc.root_element().text(), Some(text));
    }
}
