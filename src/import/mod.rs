//! Import of real documents (PDF extracts, web captures, markdown) into
//! library resolutions.
//!
//! Pipeline per file: decode → right-to-left text in visual order put in
//! reading order → normalise characters → drop page furniture →
//! inline markup → re-flow lines into blocks → split a listing page into
//! posts, or a multilingual file into translations → read each translation's
//! structure (header, signatories, footnotes). The translations of all files
//! given together form one resolution.

pub mod bundle;
pub mod clean;
pub mod dates;
pub mod formats;
pub mod generic;
pub mod listing;
pub mod name_lang;
pub mod reflow;
pub mod segment;
pub mod structure;
pub mod visual;

use crate::lang::{self, Script, ScriptStats};
use crate::library::{Block, DocDate, Resolution, ResolutionMeta, Translation, TranslationMeta};
use clean::DecodeError;
use serde::Deserialize;
use std::collections::BTreeMap;
use structure::Found;

/// A file to import: its name (for messages and overrides) and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Hand corrections of metadata, keyed by source file name.
pub type Overrides = BTreeMap<String, MetaOverride>;

/// Corrections for the resolutions made from one file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaOverride {
    pub id: Option<String>,
    pub organization: Option<String>,
    pub date: Option<DocDate>,
    pub kind: Option<String>,
    pub source: Option<String>,
    /// The file is a PDF extract whose page breaks left blank lines inside
    /// sentences, though nothing in it shows the pages.
    pub paged: Option<bool>,
}

/// Import options from the command line.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The language of every file, when detection is not wanted.
    pub lang: Option<String>,
    /// The id to give the resolution.
    pub id: Option<String>,
    pub overrides: Overrides,
}

/// Why a file could not be imported; every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: binary data, not a text document")]
    Binary { file: String },
    #[error(
        "{file}: UTF-16 text with a broken character; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"
    )]
    BrokenUtf16 { file: String },
    #[error("{file}:{line}: not UTF-8 text (convert the file to UTF-8 first)")]
    NotUtf8 { file: String, line: usize },
    #[error("{file}: {reason}")]
    Format { file: String, reason: String },
    #[error("{file}: cannot tell the language of the text; name it with --lang")]
    UnknownLanguage { file: String },
    #[error("{file}: no text is left once page furniture is removed")]
    NoText { file: String },
    #[error(
        "{file}: holds a second `{lang}` translation (the first came from {first}); import it on its own"
    )]
    DuplicateLanguage {
        file: String,
        lang: String,
        first: String,
    },
    #[error("`{0}` is not a language code (use ISO 639-1, such as en, ru, es, ar)")]
    BadLanguage(String),
    #[error("`{0}` is not a usable id (use lower-case letters, digits and dashes)")]
    BadId(String),
    #[error("--id names one resolution, but these files hold {0}")]
    IdForMany(usize),
}

/// What an import produced: resolutions, and the files that failed.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub resolutions: Vec<Resolution>,
    pub errors: Vec<ImportError>,
    /// What the import decided that a user should know, one line each,
    /// naming the file.
    pub notes: Vec<String>,
}

/// A translation read from one file, with what its structure told us.
struct Piece {
    file: String,
    translation: Translation,
    found: Found,
    /// Organisation hints from outside the translation (print header, a
    /// header line in another language).
    hints: Vec<String>,
    source: Option<String>,
}

/// Import `files`: the translations they hold form one resolution; listing
/// pages give one excerpt resolution per post.
pub fn import(files: &[SourceFile], options: &ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    if let Some(l) = &options.lang
        && !lang::is_known_code(l)
    {
        report.errors.push(ImportError::BadLanguage(l.clone()));
        return report;
    }
    let mut group: Vec<Piece> = Vec::new();
    for file in files {
        match read_file(file, options, &mut report.notes) {
            Ok(FileContent::Translations(pieces)) => {
                for piece in pieces {
                    if let Some(first) = group
                        .iter()
                        .find(|p| p.translation.lang == piece.translation.lang)
                    {
                        report.errors.push(ImportError::DuplicateLanguage {
                            file: file.name.clone(),
                            lang: piece.translation.lang.clone(),
                            first: first.file.clone(),
                        });
                    } else {
                        group.push(piece);
                    }
                }
            }
            Ok(FileContent::Listing(pieces)) => {
                for piece in pieces {
                    report.resolutions.push(assemble(vec![piece], options));
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    if !group.is_empty() {
        report.resolutions.insert(0, assemble(group, options));
    }
    if let Some(id) = &options.id {
        if !valid_id(id) {
            report.errors.push(ImportError::BadId(id.clone()));
            report.resolutions.clear();
        } else if report.resolutions.len() > 1 {
            report
                .errors
                .push(ImportError::IdForMany(report.resolutions.len()));
            report.resolutions.clear();
        } else if let Some(r) = report.resolutions.first_mut() {
            r.meta.id = id.clone();
        }
    }
    // Posts of one listing may share a title: keep ids distinct.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in &mut report.resolutions {
        let n = seen.entry(r.meta.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            r.meta.id = format!("{}-{n}", r.meta.id);
        }
    }
    report
}

enum FileContent {
    Translations(Vec<Piece>),
    Listing(Vec<Piece>),
}

fn read_file(
    file: &SourceFile,
    options: &ImportOptions,
    notes: &mut Vec<String>,
) -> Result<FileContent, ImportError> {
    let name = file.name.clone();
    let (mut text, declared_lang) = decode(file)?;
    if visual::is_visual(&text) {
        text = visual::to_logical(&text);
        notes.push(format!(
            "{name}: right-to-left text was in visual order (reversed, as many PDF extractors \
             write it); put back in reading order"
        ));
    }
    let text = clean::normalize_chars(&text);
    let (mut lines, furniture) = clean::strip_furniture(&text);
    for line in &mut lines {
        line.text = clean::inline_markup(&line.text);
    }
    reflow::mark_plain_footnotes(&mut lines);
    let base = std::path::Path::new(&file.name)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let paged = options
        .overrides
        .get(&base)
        .and_then(|o| o.paged)
        .unwrap_or_else(|| reflow::looks_paged(&lines, furniture.page_lines));
    let blocks = reflow::reflow(&lines, paged);
    if blocks.is_empty() {
        return Err(ImportError::NoText { file: name });
    }
    let file_name = std::path::Path::new(&file.name)
        .file_name()
        .map(|n| n.to_string_lossy().to_string());
    // A fetched page's address is its source.
    let source = if file.name.contains("://") {
        Some(file.name.clone())
    } else {
        furniture.urls.first().cloned().or(file_name)
    };
    let mut hints: Vec<String> = Vec::new();
    if let Some(title) = &furniture.capture_title {
        hints.extend(structure::acronyms(title));
    }

    if let Some(items) = listing::split_listing(&blocks) {
        let mut pieces = Vec::new();
        for item in items {
            let mut raw = item.blocks;
            if let Some(title) = item.title {
                let at = raw
                    .iter()
                    .take_while(|b| dates::date_line(&b.text).is_some())
                    .count();
                raw.insert(
                    at,
                    reflow::RawBlock {
                        kind: reflow::RawKind::Heading(1),
                        text: title,
                        line: 0,
                    },
                );
            }
            let text: String = raw
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let Some(lang) = options.lang.clone().or_else(|| lang::detect(&text)) else {
                continue;
            };
            let (blocks, found) = structure::structure(raw, true, false);
            let translation = Translation {
                lang,
                meta: TranslationMeta {
                    title: found.title.clone(),
                    excerpt: true,
                },
                blocks,
            };
            pieces.push(Piece {
                file: name.clone(),
                translation,
                found,
                hints: Vec::new(),
                source: source.clone(),
            });
        }
        return Ok(FileContent::Listing(pieces));
    }

    let captured = furniture.capture_title.is_some();
    let mut segments = segment::segment(blocks, options.lang.as_deref());
    if options.lang.is_none()
        && let Some(named) = name_lang::apply(&name_lang::codes(&file.name), &mut segments.segments)
    {
        notes.push(if named.detected.is_empty() {
            format!("{name}: language {} from the file name", named.lang)
        } else {
            format!(
                "{name}: language {} from the file name (detection, which has no model for it, guessed {})",
                named.lang, named.detected
            )
        });
    }
    for seg in &mut segments.segments {
        if seg.lang.is_empty() {
            // The language the document declares, where the text says none.
            seg.lang = declared_lang.clone().unwrap_or_default();
        }
    }
    let mut leading = std::mem::take(&mut segments.leading);
    let mut pieces = Vec::new();
    for seg in segments.segments {
        if seg.lang.is_empty() {
            return Err(ImportError::UnknownLanguage { file: name });
        }
        // Lines in another script before the first translation: when the
        // translation has no title line of its own, they are its header
        // ("Debian GNU/Linux FAQ" over a Japanese text) and the first of
        // them its title.
        let (mut blocks, found) = if leading.is_empty() {
            structure::structure(seg.blocks, false, captured)
        } else {
            let own = structure::structure(seg.blocks.clone(), false, captured);
            if own.1.title_line {
                own
            } else {
                let mut all = std::mem::take(&mut leading);
                all.extend(seg.blocks);
                structure::structure(all, false, captured)
            }
        };
        // Otherwise they are letterhead (an organisation's name in another
        // language), read for hints; prose among them stays in the text, at
        // the start of the translation.
        for b in &leading {
            hints.extend(structure::acronyms(&b.text));
        }
        let mut header: Vec<Block> = leading
            .drain(..)
            .filter_map(|b| structure::header_paragraph(&b))
            .collect();
        if blocks.is_empty() && found.title.is_empty() {
            continue;
        }
        if !header.is_empty() {
            header.append(&mut blocks);
            blocks = std::mem::take(&mut header);
        }
        let translation = Translation {
            lang: seg.lang,
            meta: TranslationMeta {
                title: found.title.clone(),
                excerpt: false,
            },
            blocks,
        };
        pieces.push(Piece {
            file: name.clone(),
            translation,
            found,
            hints: hints.clone(),
            source: source.clone(),
        });
    }
    if pieces.is_empty() {
        return Err(ImportError::NoText { file: name });
    }
    Ok(FileContent::Translations(pieces))
}

/// The file's text: a DOCX, ODT, HTML or PDF file (told by its content)
/// is read by its format's reader, anything else decoded as text. Also the
/// language the document declares, if it is a known one.
fn decode(file: &SourceFile) -> Result<(String, Option<String>), ImportError> {
    let name = || file.name.clone();
    if let Some(read) = formats::extract(&file.bytes) {
        let doc = read.map_err(|e| ImportError::Format {
            file: name(),
            reason: e.to_string(),
        })?;
        let lang = doc.lang.and_then(|l| {
            let code = l.split(['-', '_']).next().unwrap_or("").to_lowercase();
            lang::is_known_code(&code).then_some(code)
        });
        return Ok((doc.text, lang));
    }
    let text = clean::decode(&file.bytes).map_err(|e| match e {
        DecodeError::Empty => ImportError::Empty { file: name() },
        DecodeError::Binary => ImportError::Binary { file: name() },
        DecodeError::NotUtf8 { line } => ImportError::NotUtf8 { file: name(), line },
        DecodeError::BrokenUtf16 => ImportError::BrokenUtf16 { file: name() },
    })?;
    Ok((text, None))
}

/// Join pieces into one resolution, choosing its metadata from all of them.
fn assemble(pieces: Vec<Piece>, options: &ImportOptions) -> Resolution {
    let excerpt = pieces.iter().all(|p| p.translation.meta.excerpt);
    // Organisation: Latin-script names read the same in every language, so
    // they are preferred; names found in a translation's own header before
    // hints from elsewhere.
    let candidates: Vec<&String> = pieces
        .iter()
        .flat_map(|p| p.found.organizations.iter())
        .chain(pieces.iter().flat_map(|p| p.hints.iter()))
        .collect();
    let latin = |s: &&String| {
        ScriptStats::of(s)
            .dominant()
            .is_some_and(|(sc, _)| sc == Script::Latin)
    };
    let organization = candidates
        .iter()
        .find(|s| latin(s))
        .or(candidates.first())
        .map(|s| s.to_string());
    let date = pieces
        .iter()
        .filter_map(|p| p.found.date)
        .max_by_key(|(d, source)| (*source, d.precision()))
        .map(|(d, _)| d);
    let kind = pieces
        .iter()
        .find_map(|p| p.found.kind.clone())
        .unwrap_or_else(|| if excerpt { "article" } else { "resolution" }.to_string());
    let source = pieces
        .iter()
        .find_map(|p| p.source.clone().filter(|s| s.contains("://")))
        .or_else(|| pieces.first().and_then(|p| p.source.clone()));
    let files: Vec<String> = pieces.iter().map(|p| p.file.clone()).collect();

    let mut meta = ResolutionMeta {
        id: String::new(),
        organization,
        date,
        kind,
        source,
        translations: BTreeMap::new(),
    };
    let mut translations = Vec::new();
    for p in pieces {
        meta.translations
            .insert(p.translation.lang.clone(), p.translation.meta.clone());
        translations.push(p.translation);
    }
    let mut fixed_id = None;
    for file in &files {
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if let Some(o) = options.overrides.get(&name) {
            meta.organization = o.organization.clone().or(meta.organization);
            meta.date = o.date.or(meta.date);
            meta.kind = o.kind.clone().unwrap_or(meta.kind);
            meta.source = o.source.clone().or(meta.source);
            fixed_id = o.id.clone().or(fixed_id);
        }
    }
    meta.id = fixed_id.unwrap_or_else(|| make_id(&meta));
    translations.sort_by(|a, b| a.lang.cmp(&b.lang));
    Resolution { meta, translations }
}

/// Ids are lower-case ASCII letters, digits and dashes.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// A readable, stable id: organisation, date and the title's first words,
/// transliterated to ASCII (`icor-2025-10-31-secure-the-victory-of-the`).
pub fn make_id(meta: &ResolutionMeta) -> String {
    let title = meta
        .translations
        .get("en")
        .or_else(|| meta.translations.values().next())
        .map(|t| t.title.as_str())
        .unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    if let Some(org) = &meta.organization {
        let org = slug(org, 3);
        if !org.is_empty() {
            parts.push(org);
        }
    }
    if let Some(date) = meta.date {
        parts.push(date.start.to_string());
    }
    let words = slug(title, 6);
    if !words.is_empty() {
        parts.push(words);
    }
    let id = parts.join("-");
    let id: String = id.chars().take(80).collect();
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "untitled".to_string()
    } else {
        id
    }
}

fn slug(text: &str, max_words: usize) -> String {
    // deunicode leaves out the alef and reads keheh as "kh", and writes
    // the letters hamza, ayin and aleph as an apostrophe, which split a
    // word in two ("l-ln" for الإعلان); an apostrophe in the text still
    // does ("l-union").
    let mut ascii = String::new();
    // A terminal escape sequence (colour, title) names nothing: its
    // parameters ("31m") would end up in the id.
    for c in clean::strip_escape_sequences(text).chars() {
        match c {
            'ا' | 'آ' | 'أ' | 'إ' | 'ٱ' => ascii.push('a'),
            'ک' => ascii.push('k'),
            c if c.is_alphabetic() && !c.is_ascii() => {
                let roman = deunicode::deunicode_char(c).unwrap_or("");
                ascii.extend(roman.chars().filter(|r| !matches!(r, '\'' | '`')));
            }
            c => ascii.push_str(deunicode::deunicode_char(c).unwrap_or(" ")),
        }
    }
    let ascii = ascii.to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            name: name.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn bad_files_are_reported_by_name_and_the_rest_imported() {
        let good = file(
            "good.txt",
            "ICOR Resolution\n\nA title\n\nThe workers of the world have risen against the war and demand peace, bread and freedom for all the peoples of the region.\n",
        );
        let report = import(
            &[
                file("empty.txt", ""),
                SourceFile {
                    name: "bin.dat".into(),
                    bytes: vec![0, 1, 2],
                },
                good,
            ],
            &ImportOptions::default(),
        );
        let errors: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            errors,
            vec![
                "empty.txt: the file is empty",
                "bin.dat: binary data, not a text document"
            ]
        );
        assert_eq!(report.resolutions.len(), 1);
        assert_eq!(
            report.resolutions[0].meta.organization.as_deref(),
            Some("ICOR")
        );
        assert_eq!(report.resolutions[0].meta.id, "icor-a-title");
    }

    fn texts(t: &Translation) -> Vec<String> {
        t.blocks.iter().map(|b| b.text().into_owned()).collect()
    }

    #[test]
    fn a_title_in_another_script_heads_a_text_without_its_own() {
        // The Japanese Debian FAQ: a Latin title, then a numbered chapter.
        let text = "Debian GNU/Linux FAQ\n\n第1章 定義と概要\n\n目次\n\n\
            この文書は Debian ディストリビューションと Debian プロジェクトについてよく尋ねられる質問とその答えを集めたものです。\
            可能な場合には他の文書への案内を示しますが、外部の文書を大きく引用することはしません。\n";
        let report = import(&[file("ja.txt", text)], &ImportOptions::default());
        let t = &report.resolutions[0].translations[0];
        assert_eq!(t.lang, "ja");
        assert_eq!(t.meta.title, "Debian GNU/Linux FAQ");
        assert_eq!(texts(t)[0], "第1章 定義と概要");
        // No word of the title is taken for an organisation.
        assert_eq!(report.resolutions[0].meta.organization, None);
    }

    #[test]
    fn a_command_ending_in_a_file_name_is_text_and_paragraphs_stay_apart() {
        // One paragraph a line: a blank line ends a paragraph even after a
        // comma, unless the text is a PDF extract. A line ending in a file
        // name once made it look like one (a page footer was "removed").
        let text = "Saving the package selections\n\n\
            The list of installed packages can be saved with the following command, which writes one line per package and its state,\n\n\
            dpkg --get-selections > selections.txt\n\n\
            and restored on another machine, after which apt installs what the list names.\n";
        let report = import(&[file("en.txt", text)], &ImportOptions::default());
        let t = &report.resolutions[0].translations[0];
        assert_eq!(t.meta.title, "Saving the package selections");
        assert_eq!(texts(t).len(), 3, "{:?}", texts(t));
        assert_eq!(texts(t)[1], "dpkg --get-selections > selections.txt");
    }

    #[test]
    fn ids_are_ascii_slugs() {
        assert_eq!(
            slug("Солидарность с рабочими!", 6),
            "solidarnost-s-rabochimi"
        );
        assert!(valid_id("icor-2025") && !valid_id("Bad Id") && !valid_id(""));
        // Arabic-script and Hebrew titles keep their words whole.
        assert_eq!(
            slug("الإعلان العالمي لحقوق الإنسان", 6),
            "alalan-alalmy-lhqwq-alansan"
        );
        assert_eq!(slug("اعلامیه جهانی حقوق بشر", 6), "alamyh-jhany-hqwq-bshr");
        assert_eq!(
            slug("انسانی حقوق کا عالمی منشور", 6),
            "ansany-hqwq-ka-almy-mnshwr"
        );
        assert_eq!(slug("הכרזה לכל באי עולם", 6), "hkrzh-lkl-by-vlm");
        assert_eq!(slug("Workers' rights", 6), "workers-rights");
        assert_eq!(
            slug("Solidarité avec l’Ukraine", 6),
            "solidarite-avec-l-ukraine"
        );
        assert_eq!(slug("中国共产党", 6), "zhong-guo-gong-chan-dang");
        // Escape sequences in a title leave nothing of theirs in the id.
        assert_eq!(
            slug("\u{1b}[31mالإعلان\u{1b}[0m العالمي\u{1b}]0;x\u{7}", 6),
            "alalan-alalmy"
        );
    }
}
