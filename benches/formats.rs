//! Import speed of the other formats: a ~100-page PDF (made by
//! `python3 scripts/make-format-fixtures.py --bench`) and a 1 MB web page
//! (the two-language fixture page's article repeated). Run with
//! `cargo bench --bench formats`.

mod common;

use common::{ms, peak_rss_mib, time};
use resreader::import::{self, ImportOptions, SourceFile};
use std::path::Path;

fn run(name: &str, bytes: Vec<u8>) {
    let file = SourceFile {
        name: name.to_string(),
        bytes,
    };
    let size = file.bytes.len();
    let report = import::import(std::slice::from_ref(&file), &ImportOptions::default());
    let blocks: usize = report
        .resolutions
        .iter()
        .flat_map(|r| &r.translations)
        .map(|t| t.blocks.len())
        .sum();
    assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
    let (median, max) = time(5, || {
        import::import(std::slice::from_ref(&file), &ImportOptions::default())
    });
    println!(
        "{name}: {:.2} MB, {blocks} blocks: median {:.0} ms, max {:.0} ms",
        size as f64 / 1e6,
        ms(median),
        ms(max)
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pdf = root.join("target/format-bench/udhr-long.pdf");
    match std::fs::read(&pdf) {
        Ok(bytes) => run("udhr-long.pdf (108 pages)", bytes),
        Err(_) => println!(
            "{}: missing; make it with python3 scripts/make-format-fixtures.py --bench",
            pdf.display()
        ),
    }
    // A 1 MB page: the fixture page's articles repeated inside one <main>.
    let page = std::fs::read_to_string(root.join("tests/data/formats/udhr-en-ru.html"))
        .expect("fixture page");
    let (start, end) = (
        page.find("<main>").expect("main") + "<main>".len(),
        page.find("</main>").expect("/main"),
    );
    let article = &page[start..end];
    let copies = (1_000_000 / article.len()).max(1);
    let big = format!(
        "{}{}{}",
        &page[..start],
        article.repeat(copies),
        &page[end..]
    );
    run("udhr-en-ru.html × repeated (1 MB)", big.into_bytes());
    println!("peak memory: {:.0} MiB", peak_rss_mib().unwrap_or(0.0));
}
