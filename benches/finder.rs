//! Finder benchmarks on the 10,000-translation / ~100 MB synthetic library:
//! per-keystroke times in titles and full-text mode (each key's median over
//! several typings of the query, and the slowest key of all), the full-text index's
//! build time and memory, and the whole `resreader search --full-text`
//! process, cold (no index: it streams over the files) and warm (after
//! `resreader index`), against `fzf --exact --filter` on the same paragraphs
//! as lines, in one run (Debian package `fzf`; skipped with a message if it
//! is missing).
//! Run with `cargo build --release && cargo bench --bench finder`.

mod common;

use common::{load_average, ms, synthetic_library, time};
use resreader::library::{Library, LibraryOptions};
use resreader::search::query::Query;
use resreader::search::{Index, cache, search_until};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Type `query` a key at a time, narrowing and ranking as the finder does;
/// the time of each keystroke.
fn keystrokes(index: &Index, query: &str) -> Vec<Duration> {
    let mut previous: Option<(Query, Vec<usize>)> = None;
    let mut times = Vec::new();
    for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
        let q = Query::parse(&query[..end]);
        if q.is_empty() && q.full_text {
            // The finder shows nothing for "/" alone, without searching.
            continue;
        }
        let start = Instant::now();
        let candidates = previous
            .as_ref()
            .filter(|(p, _)| q.narrows(p))
            .map(|(_, c)| c.clone());
        let hits = search_until(index, &q, candidates.as_deref(), &|| false).unwrap_or_default();
        times.push(start.elapsed());
        previous = Some((q, hits.iter().map(|h| h.entry).collect()));
    }
    times
}

/// The query typed `rounds` times: per key, its median time, and the
/// slowest time of any key. On a shared machine one typing is mostly a
/// sample of the other processes (a key of 1 ms takes 4 when a thread
/// waits for a core); the median of a few says what the key costs.
fn typed(index: &Index, query: &str, rounds: usize) -> (Vec<Duration>, Duration) {
    let runs: Vec<Vec<Duration>> = (0..rounds).map(|_| keystrokes(index, query)).collect();
    let max = runs.iter().flatten().max().copied().unwrap_or_default();
    let medians = (0..runs[0].len())
        .map(|k| {
            let mut key: Vec<Duration> = runs.iter().map(|r| r[k]).collect();
            key.sort();
            key[key.len() / 2]
        })
        .collect();
    (medians, max)
}

fn report(what: &str, (mut times, max): (Vec<Duration>, Duration), target: &str) {
    let each: Vec<String> = times.iter().map(|t| format!("{:.1}", ms(*t))).collect();
    times.sort();
    println!(
        "{what}: per keystroke median {:.2} ms, max {:.2} ms ({} keys; target {target}; load average {})\n  each key, ms: {}",
        ms(times[times.len() / 2]),
        ms(max),
        times.len(),
        load_average(),
        each.join(" ")
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
        typed(&titles, "solidarity", 9),
        "< 2 ms",
    );
    report(
        "titles mode, typing \"ukrainewar\"",
        typed(&titles, "ukrainewar", 9),
        "< 2 ms",
    );

    let start = Instant::now();
    let full = Index::full_text(&library);
    println!(
        "full-text index: {} paragraphs built in {:.0} ms (both cores), about {:.0} MB in memory",
        full.len(),
        ms(start.elapsed()),
        full.heap_bytes() as f64 / 1e6
    );
    report(
        "full-text mode, typing \"imperialist\"",
        typed(&full, "/imperialist", 3),
        "< 50 ms",
    );
    report(
        "full-text mode, typing \"'blockade\"",
        typed(&full, "/'blockade", 3),
        "< 50 ms",
    );

    // The index on disk: written once, then mapped by every later process.
    // Files the bench makes go beside the library, not into it: a folder
    // in the library is a (broken) resolution, which would make every
    // cached index stale.
    let work = tempfile::tempdir().expect("temp dir");
    let cache = work.path().join("cache");
    let file = cache.join("bench.idx");
    let fingerprint = cache::fingerprint(&library);
    let start = Instant::now();
    cache::save(&file, fingerprint, &full).expect("write the cache");
    println!(
        "cache file: {:.0} MB written in {:.0} ms",
        std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        ms(start.elapsed())
    );
    let (load, _) = time(5, || cache::load(&file, fingerprint).expect("load"));
    println!("cache file: mapped and checked in {:.1} ms", ms(load));
    let mapped = cache::load(&file, fingerprint).expect("load");
    report(
        "full-text mode on the mapped cache, typing \"imperialist\"",
        typed(&mapped, "/imperialist", 3),
        "< 50 ms",
    );

    // The whole process against fzf, on the same paragraphs as lines.
    let binary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/resreader");
    let lines: String = (0..full.len())
        .filter_map(|i| full.entry(i))
        .map(|e| e.text.replace('\n', " ") + "\n")
        .collect();
    drop((full, mapped));
    let input = work.path().join("paragraphs.txt");
    std::fs::write(&input, lines).expect("write the paragraphs");
    if !binary.exists() {
        println!("process comparison skipped: build target/release/resreader first");
        return;
    }
    // Cold: no index in the cache folder, so the search streams over the
    // files (and writes nothing). Warm: `resreader index` wrote one first.
    let cold_cache = work.path().join("cold-cache");
    let warm_cache = work.path().join("warm-cache");
    let run = |cache: &std::path::Path, args: &[&str]| -> Option<Duration> {
        let start = Instant::now();
        Command::new(&binary)
            .env("RESREADER_CACHE", cache)
            .args(["--no-bundled", "--library"])
            .arg(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .status()
            .ok()?;
        Some(start.elapsed())
    };
    if let Some(t) = run(&warm_cache, &["index"]) {
        println!(
            "resreader index (builds and writes the cache): {:.0} ms",
            ms(t)
        );
    }
    let fzf = || {
        let file = std::fs::File::open(&input).ok()?;
        let start = Instant::now();
        let ok = Command::new("fzf")
            .args(["--exact", "--filter", "blockade"])
            .stdin(file)
            .stdout(Stdio::null())
            .status()
            .ok()?
            .success();
        ok.then(|| start.elapsed())
    };
    if fzf().is_none() {
        println!("fzf: not installed (apt-get install fzf); comparison skipped");
        return;
    }
    // Rounds taking turns, so that a change of load on a shared machine
    // falls on all of them alike; the median of each.
    // `'blockade` is an exact term, as fzf --exact makes every term; the
    // plain word is a fuzzy match, which fzf was not asked to do.
    let cases: [(&str, &std::path::Path, &str); 4] = [
        ("cold", &cold_cache, "'blockade"),
        ("warm", &warm_cache, "'blockade"),
        ("cold", &cold_cache, "blockade"),
        ("warm", &warm_cache, "blockade"),
    ];
    let mut theirs = Vec::new();
    let mut ours: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    for _ in 0..5 {
        theirs.extend(fzf());
        for (times, (_, cache, query)) in ours.iter_mut().zip(&cases) {
            times.extend(run(cache, &["search", "--full-text", query]));
        }
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let theirs = median(theirs);
    println!(
        "fzf --exact --filter blockade: {:.0} ms (load average {})",
        ms(theirs),
        load_average()
    );
    for (times, (state, _, query)) in ours.into_iter().zip(&cases) {
        let time = median(times);
        let target = if *state == "cold" { 0.5 } else { 0.3 };
        println!(
            "resreader search --full-text {query}, {state}: {:.0} ms; ratio to fzf {:.2} (target ≤ {target})",
            ms(time),
            time.as_secs_f64() / theirs.as_secs_f64()
        );
    }
    if std::fs::read_dir(&cold_cache).is_ok_and(|mut d| d.next().is_some()) {
        println!("note: the cold searches wrote a cache file; later ones were not cold");
    }
}
