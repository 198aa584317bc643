//! Helpers shared by the benchmark binaries.

use std::time::{Duration, Instant};

/// Median and maximum of `runs` timings of `f`.
#[allow(dead_code)]
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

/// Peak resident memory of this process so far (Linux), in MiB.
#[allow(dead_code)]
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[allow(dead_code)]
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Write the synthetic library of the benchmarks into `dir`: 2,500
/// resolutions × 4 translations (the bundled four-language resolution,
/// repeated to about 10 KB per translation), about 100 MB of text in all.
/// Returns the bytes of text written.
#[allow(dead_code)]
pub fn synthetic_library(dir: &std::path::Path) -> usize {
    use resreader::library::{DocDate, Library, LibraryOptions, write_resolution};
    let bundled = Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    });
    let template = bundled
        .entries
        .iter()
        .find(|e| e.meta.translations.len() == 4)
        .and_then(|e| bundled.resolution(&e.meta.id).ok())
        .expect("the bundled four-language resolution");
    let mut bytes = 0usize;
    for i in 0..2_500 {
        let mut r = template.clone();
        r.meta.id = format!("synthetic-{i:05}");
        r.meta.date = DocDate::parse(&format!(
            "{}-{:02}-{:02}",
            2000 + i % 26,
            1 + i % 12,
            1 + i % 28
        ));
        for t in &mut r.translations {
            let original = t.blocks.clone();
            while original.iter().map(|b| b.text().len()).sum::<usize>()
                * (t.blocks.len() / original.len())
                < 7_000
            {
                t.blocks.extend(original.iter().cloned());
            }
            bytes += t.blocks.iter().map(|b| b.text().len()).sum::<usize>();
            if let Some(meta) = r.meta.translations.get_mut(&t.lang) {
                meta.title = format!("{} #{i}", t.meta.title);
            }
        }
        write_resolution(dir, &r).expect("write the synthetic library");
    }
    bytes
}

/// The machine's load averages (1, 5, 15 minutes; Linux), to print beside
/// timings taken on a shared machine.
#[allow(dead_code)]
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}
