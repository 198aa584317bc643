//! The ODT reader takes any bytes: it reads them or says why not, never
//! panics, and what it makes is text the importer takes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = resreader::import::formats::odt::read(data) {
        let file = resreader::import::SourceFile {
            name: "fuzz.txt".into(),
            bytes: doc.text.into_bytes(),
        };
        let _ = resreader::import::import(&[file], &Default::default());
    }
});
