//! Finder benchmarks on the 10,000-translation / ~100 MB synthetic library:
//! per-keystroke times in titles and full-text mode, the full-text index's
//! build time and memory, and the whole `resreader search --full-text`
//! process against `fzf --exact --filter` on the same paragraphs as lines
//! (Debian package `fzf`; skipped with a message if it is missing).
//! Run with `cargo build --release && cargo bench --bench finder`.

mod common;

use common::{ms, synthetic_library, time};
use resreader::library::{Library, LibraryOptions};
use resreader::search::query::Query;
use resreader::search::{Index, search};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Type `query` a key at a time, narrowing as the finder does; the time of
/// each keystroke.
fn keystrokes(index: &Index, query: &str) -> Vec<Duration> {
    let mut previous: Option<(Query, Vec<usize>)> = None;
    let mut times = Vec::new();
    for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
        let start = Instant::now();
        let q = Query::parse(&query[..end]);
        let candidates = previous
            .as_ref()
            .filter(|(p, _)| q.narrows(p))
            .map(|(_, c)| c.clone());
        let hits = search(index, &q, candidates.as_deref());
        times.push(start.elapsed());
        previous = Some((q, hits.iter().map(|h| h.entry).collect()));
    }
    times
}

fn report(what: &str, mut times: Vec<Duration>, target: &str) {
    times.sort();
    println!(
        "{what}: per keystroke median {:.2} ms, max {:.2} ms ({} keys; target {target})",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = synthetic_library(dir.path());
    println!(
        "synthetic library: 10,000 translations, {:.0} MB of text",
        bytes as f64 / 1e6
    );
    let library = Library::load(&LibraryOptions {
        user_dir: Some(dir.path().to_path_buf()),
        bundled: false,
    });

    let titles = Index::titles(&library);
    report(
        "titles mode, typing \"solidarity\"",
        keystrokes(&titles, "solidarity"),
        "< 2 ms",
    );
    report(
        "titles mode, typing \"ukrainewar\"",
        keystrokes(&titles, "ukrainewar"),
        "< 2 ms",
    );

    let start = Instant::now();
    let full = Index::full_text(&library);
    println!(
        "full-text index: {} paragraphs built in {:.0} ms, about {:.0} MB",
        full.entries.len(),
        ms(start.elapsed()),
        full.heap_bytes() as f64 / 1e6
    );
    report(
        "full-text mode, typing \"imperialist\"",
        keystrokes(&full, "/imperialist"),
        "< 50 ms",
    );
    report(
        "full-text mode, typing \"'blockade\"",
        keystrokes(&full, "/'blockade"),
        "< 50 ms",
    );

    // The whole process against fzf, on the same paragraphs as lines.
    let binary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/resreader");
    let lines: String = full
        .entries
        .iter()
        .map(|e| e.text.replace('\n', " ") + "\n")
        .collect();
    let input = dir.path().join("paragraphs.txt");
    std::fs::write(&input, lines).expect("write the paragraphs");
    let query = "blockade";
    let ours = time(3, || {
        Command::new(&binary)
            .args(["--no-bundled", "--library"])
            .arg(dir.path())
            .args(["search", "--full-text", query])
            .stdout(Stdio::null())
            .status()
            .map(|s| s.success())
    })
    .0;
    let fzf = || {
        let file = std::fs::File::open(&input).ok()?;
        let start = Instant::now();
        let ok = Command::new("fzf")
            .args(["--exact", "--filter", query])
            .stdin(file)
            .stdout(Stdio::null())
            .status()
            .ok()?
            .success();
        ok.then(|| start.elapsed())
    };
    if !binary.exists() {
        println!("process comparison skipped: build target/release/resreader first");
        return;
    }
    match fzf() {
        None => println!("fzf: not installed (apt-get install fzf); comparison skipped"),
        Some(_) => {
            let mut runs: Vec<Duration> = (0..3).filter_map(|_| fzf()).collect();
            runs.sort();
            let theirs = runs[runs.len() / 2];
            println!(
                "resreader search --full-text {query}: {:.0} ms; fzf --exact --filter {query}: {:.0} ms; ratio {:.2} (target ≤ 0.3)",
                ms(ours),
                ms(theirs),
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
    }
}
