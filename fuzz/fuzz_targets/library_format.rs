//! The library format parsers (a translation's text, meta.toml) take any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(blocks) = resreader::library::format::parse_blocks(text) {
            let written = resreader::library::format::write_blocks(&blocks);
            let again =
                resreader::library::format::parse_blocks(&written).expect("written text parses");
            assert_eq!(resreader::library::format::write_blocks(&again), written);
        }
        let _ = resreader::library::parse_meta(text, "fuzz/meta.toml", "fuzz");
        let _ = resreader::config::parse(text, "fuzz.toml");
    }
});
