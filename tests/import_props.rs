//! Property tests of the parsers: the importer and the library format take
//! any bytes without panicking, and the format round-trips.

use proptest::prelude::*;
use resreader::import::{ImportOptions, SourceFile, import};
use resreader::library::format::{parse_blocks, write_blocks};
use resreader::library::{Block, ListMarker, Translation};

fn messy_document() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        "[A-Za-z ,.!?:;()«»“”-]{0,90}",
        "[а-яА-Я ,.!]{0,90}",
        "[\u{0621}-\u{064A} ،.]{0,60}",
        "(\\d{1,2}\\. |- |• |## |\\[\\^1\\]: |<sup>1</sup> )[A-Za-z ]{0,40}",
        Just("page 1 of 4".to_string()),
        Just("10/31/23, 11:00 AM".to_string()),
        Just("Title Lire la suite".to_string()),
        Just("::: signatories".to_string()),
        Just("\u{F0B7}\u{00A0}\u{FEFB}\u{202E}\u{1b}[2J".to_string()),
        Just(String::new()),
    ];
    (
        prop::collection::vec(line, 0..40),
        prop::collection::vec(any::<u8>(), 0..8),
    )
        .prop_map(|(lines, noise)| {
            let mut bytes = lines.join("\n").into_bytes();
            bytes.extend(noise);
            bytes
        })
}

/// A document as a reader writes one: a title line, then paragraphs
/// separated by blank lines, each maybe hard-wrapped, maybe ending with a
/// comma and followed by one starting in lower case, maybe with a line
/// starting "- " inside, maybe a list. One script a document, maybe with
/// a last block in another script (a dateline, a note, a site's list of
/// posts), which is text like any other. With `wrapped`, paragraphs run
/// over several lines, as in a PDF extract.
fn authored_document() -> impl Strategy<Value = (String, Vec<String>, bool)> {
    (0u8..3, any::<bool>(), prop::option::of(0u8..3))
        .prop_flat_map(|(script, wrapped, trailer)| {
            (
                document_in(script, wrapped),
                trailing_block(trailer.filter(|&t| t != script)),
            )
        })
        .prop_map(|((title, mut paragraphs, wrapped), trailer)| {
            paragraphs.extend(trailer);
            (title, paragraphs, wrapped)
        })
}

/// A paragraph in script `script` (none without one).
fn trailing_block(script: Option<u8>) -> impl Strategy<Value = Option<String>> {
    let words = match script {
        None => return Just(None).boxed(),
        Some(0) => "[A-Z][a-z]{2,9}( [a-z]{1,9}){2,12}\\.",
        Some(1) => "[А-Я][а-я]{2,9}( [а-я]{1,9}){2,12}\\.",
        Some(_) => "[\u{4E00}-\u{4E80}]{6,40}。",
    };
    words.prop_map(Some).boxed()
}

fn document_in(script: u8, wrapped: bool) -> impl Strategy<Value = (String, Vec<String>, bool)> {
    let (letters, capital, dash, title) = match script {
        0 => (
            "[a-z]{1,9}",
            "[A-Z][a-z]{1,9}",
            "- that",
            "[A-Z][a-z]{2,9}( [a-z]{2,9}){1,6}",
        ),
        1 => (
            "[а-я]{2,9}",
            "[А-Я][а-я]{1,9}",
            "- что",
            "[А-Я][а-я]{2,9}( [а-я]{2,9}){1,6}",
        ),
        _ => (
            "[\u{4E00}-\u{4E80}]{2,6}",
            "[\u{4E00}-\u{4E80}]{2,6}",
            "- 的",
            "[\u{4E00}-\u{4E80}]{4,12}",
        ),
    };
    let word = prop_oneof![
        4 => letters.prop_map(|s| s),
        1 => capital.prop_map(|s| s),
        1 => Just(dash.to_string()),
        1 => "[0-9]{1,4}".prop_map(|s| s),
    ];
    let end = prop_oneof![
        Just(""),
        Just("."),
        Just(","),
        Just(";"),
        Just(":"),
        Just("!"),
        Just("。")
    ];
    let paragraph = (
        prop::collection::vec(word, 3..40),
        end,
        1usize..4,
        any::<bool>(),
    )
        .prop_map(move |(words, end, wrap, item)| {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    // Wrap some paragraphs over lines, as a reader may.
                    text.push(if wrapped && i % (4 + wrap * 3) == 0 {
                        '\n'
                    } else {
                        ' '
                    });
                }
                text.push_str(w);
            }
            text.push_str(end);
            if item { format!("- {text}") } else { text }
        });
    (
        title.prop_map(|s| s),
        prop::collection::vec(paragraph, 1..12),
        Just(wrapped),
    )
}

/// A document with a paragraph in another script before its title (a
/// note or an abstract in another language: prose, so text to keep, not
/// letterhead).
fn headed_document() -> impl Strategy<Value = (String, String, Vec<String>)> {
    (0u8..3, 1u8..3)
        .prop_flat_map(|(script, shift)| {
            (
                document_in(script, false),
                trailing_block(Some((script + shift) % 3)),
            )
        })
        .prop_map(|((title, paragraphs, _), header)| {
            (header.unwrap_or_default(), title, paragraphs)
        })
}

/// `text` imported as an English plain text file: its one translation.
fn import_english(text: &str) -> Result<Translation, TestCaseError> {
    let file = SourceFile {
        name: "doc.txt".into(),
        bytes: text.as_bytes().to_vec(),
    };
    let options = ImportOptions {
        lang: Some("en".into()),
        ..ImportOptions::default()
    };
    let mut report = import(&[file], &options);
    prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
    Ok(report.resolutions.remove(0).translations.remove(0))
}

/// The letters of a text, in order: what must survive any import.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphabetic()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn import_keeps_every_letter_in_order_and_every_blank_line(
        (title, paragraphs, wrapped) in authored_document()
    ) {
        let text = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
        let t = import_english(&text)?;
        let body: String = t.blocks.iter().map(|b| letters(&b.text())).collect();
        // The title is a line taken out of the text, or (no title line
        // found) the text's first words, left in place.
        let with_title = letters(&t.meta.title) + &body;
        let all = letters(&text);
        prop_assert!(with_title == all || body == all, "{with_title}\n{all}");
        if !wrapped {
            // One paragraph a line between blank lines: each is a block,
            // whatever it ends or starts with, and the title line is kept.
            prop_assert_eq!(&t.meta.title, &title);
            prop_assert_eq!(t.blocks.len(), paragraphs.len());
        }
    }

    #[test]
    fn prose_in_another_script_before_the_title_is_kept_and_the_title_found_after_it(
        (header, title, paragraphs) in headed_document()
    ) {
        let text = format!("{header}\n\n{title}\n\n{}\n", paragraphs.join("\n\n"));
        let t = import_english(&text)?;
        prop_assert_eq!(&t.meta.title, &title);
        prop_assert_eq!(t.blocks.len(), paragraphs.len() + 1);
        // The header first, then the title taken out, then the rest.
        let blocks: Vec<String> = t.blocks.iter().map(|b| letters(&b.text())).collect();
        let read = blocks[0].clone() + &letters(&t.meta.title) + &blocks[1..].concat();
        prop_assert_eq!(read, letters(&text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn import_never_panics_and_names_the_file(bytes in messy_document()) {
        let file = SourceFile { name: "input.txt".into(), bytes };
        let report = import(&[file], &ImportOptions::default());
        for e in &report.errors {
            let message = e.to_string();
            prop_assert!(message.contains("input.txt"), "{message}");
        }
        for r in &report.resolutions {
            prop_assert!(resreader::import::valid_id(&r.meta.id), "{}", r.meta.id);
            for t in &r.translations {
                // What the importer makes, the library format reads back.
                let text = write_blocks(&t.blocks);
                prop_assert_eq!(parse_blocks(&text).map_err(|e| TestCaseError::fail(e.to_string()))?, t.blocks.clone());
            }
        }
    }

    #[test]
    fn the_format_parser_takes_any_text(text in any::<String>()) {
        let _ = parse_blocks(&text);
    }

    #[test]
    fn blocks_round_trip_through_the_format(texts in prop::collection::vec("[^\\s][^\\n\\r]{0,40}[^\\s]", 1..8), kind in 0u8..5) {
        let blocks: Vec<Block> = texts.iter().map(|t| {
            let text = t.split_whitespace().collect::<Vec<_>>().join(" ");
            match kind {
                0 => Block::Paragraph { text },
                1 => Block::Heading { level: 2, text },
                2 => Block::Item { marker: ListMarker::Number(3), text },
                3 => Block::Item { marker: ListMarker::Bullet, text },
                _ => Block::Footnote { label: "1".into(), text },
            }
        }).collect();
        prop_assert_eq!(parse_blocks(&write_blocks(&blocks)).map_err(|e| TestCaseError::fail(e.to_string()))?, blocks);
    }
}
