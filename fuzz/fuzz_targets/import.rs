//! The importer takes any bytes: it imports or explains, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use resreader::import::{ImportOptions, SourceFile, import};

fuzz_target!(|data: &[u8]| {
    let file = SourceFile {
        name: "fuzz.txt".into(),
        bytes: data.to_vec(),
    };
    let report = import(&[file], &ImportOptions::default());
    for r in &report.resolutions {
        for t in &r.translations {
            // What the importer makes, the library format reads back.
            let text = resreader::library::format::write_blocks(&t.blocks);
            assert_eq!(
                resreader::library::format::parse_blocks(&text)
                    .ok()
                    .as_ref(),
                Some(&t.blocks)
            );
        }
    }
});
