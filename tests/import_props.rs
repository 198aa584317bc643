//! Property tests of the parsers: the importer and the library format take
//! any bytes without panicking, and the format round-trips.

use proptest::prelude::*;
use resreader::import::{ImportOptions, SourceFile, import};
use resreader::library::format::{parse_blocks, write_blocks};
use resreader::library::{Block, ListMarker};

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
