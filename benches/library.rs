//! Library benchmarks: listing a 10,000-translation / ~100 MB library made
//! from the seeds' paragraphs, its peak memory, and aligning 1,000 × 1,000
//! paragraphs. Run with `cargo bench --bench library`.

mod common;

use common::{ms, peak_rss_mib, synthetic_library, time};
use resreader::align::align;
use resreader::library::{Block, Library, LibraryOptions, Resolution};

fn bundled() -> Vec<Resolution> {
    let library = Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    });
    library
        .entries
        .iter()
        .filter_map(|e| library.resolution(&e.meta.id).ok())
        .collect()
}

/// Paragraphs of each language found in the bundled library.
fn paragraphs(all: &[Resolution], lang: &str) -> Vec<Block> {
    all.iter()
        .flat_map(|r| r.translations.iter().filter(|t| t.lang == lang))
        .flat_map(|t| t.blocks.iter().cloned())
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .collect()
}

fn main() {
    let all = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = synthetic_library(dir.path());
    println!(
        "synthetic library: 10,000 translations, {:.0} MB of text",
        bytes as f64 / 1e6
    );
    let before = peak_rss_mib().unwrap_or(0.0);

    let options = LibraryOptions {
        user_dir: Some(dir.path().to_path_buf()),
        bundled: false,
    };
    let (median, max) = time(11, || Library::load(&options));
    let library = Library::load(&options);
    assert_eq!(library.entries.len(), 2_500);
    println!(
        "list (load metadata) 10,000 translations: median {:.1} ms, max {:.1} ms (target ≤ 100 ms)",
        ms(median),
        ms(max)
    );
    println!(
        "peak RSS: {:.1} MiB before loading, {:.1} MiB after",
        before,
        peak_rss_mib().unwrap_or(0.0)
    );

    // The whole process, start-up included: `resreader --no-bundled list`.
    let binary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/resreader");
    if binary.exists() {
        let (median, max) = time(11, || {
            std::process::Command::new(&binary)
                .arg("--library")
                .arg(dir.path())
                .args(["--no-bundled", "list"])
                .stdout(std::process::Stdio::null())
                .status()
                .map(|s| s.success())
        });
        println!(
            "process `resreader list` on it, start to exit: median {:.1} ms, max {:.1} ms",
            ms(median),
            ms(max)
        );
    } else {
        println!(
            "process timing skipped: build target/release/resreader first (cargo build --release)"
        );
    }

    // 1,000 × 1,000 paragraphs, English against Russian, with the Russian
    // side's paragraphs occasionally split to make 1-2 beads.
    let en = paragraphs(&all, "en");
    let ru = paragraphs(&all, "ru");
    let left: Vec<Block> = en.iter().cycle().take(1_000).cloned().collect();
    let right: Vec<Block> = ru.iter().cycle().take(1_000).cloned().collect();
    let (median, max) = time(21, || align(&left, &right));
    println!(
        "align 1,000 × 1,000 paragraphs: median {:.2} ms, max {:.2} ms (target < 20 ms)",
        ms(median),
        ms(max)
    );
}
