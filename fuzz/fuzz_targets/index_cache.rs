//! The full-text index cache file is read back from disk: any bytes there
//! are either refused or make an index that searches without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use resreader::search::query::Query;
use resreader::search::{cache, ranges, search};

fuzz_target!(|data: &[u8]| {
    // The fingerprint is whatever the file says, so parsing goes on.
    let fingerprint = data
        .get(8..16)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("resreader-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("index.idx");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Some(index) = cache::load(&path, fingerprint) {
        for raw in ["gaza", "'war", "^the", "kazakhstan", "б"] {
            let query = Query::parse(raw);
            for hit in search(&index, &query, None).iter().take(5) {
                let _ = ranges(&index, &query, hit);
                let _ = index.entry(hit.entry);
            }
        }
    }
});
