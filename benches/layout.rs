//! Layout benchmark: 1 MB of the seeds' Arabic laid out at 80 columns,
//! against `fribidi --width 80` (Debian package libfribidi-bin) on the same
//! text in the same run. Run with `cargo bench --bench layout`.

mod common;

use common::{ms, time};
use resreader::library::{Library, LibraryOptions};
use resreader::text::{LayoutOptions, layout_paragraph, layout_paragraphs};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let library = Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    });
    let entry = library
        .entries
        .iter()
        .find(|e| e.meta.translations.contains_key("ar"))
        .expect("an Arabic translation");
    let arabic = library.translation(entry, "ar").expect("Arabic text");
    let seed: Vec<String> = arabic
        .blocks
        .iter()
        .map(|b| b.text().into_owned())
        .collect();
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < 1_000_000 {
        for p in &seed {
            size += p.len() + 1;
            paragraphs.push(p.clone());
        }
    }
    println!(
        "input: {} paragraphs, {:.2} MB of Arabic",
        paragraphs.len(),
        size as f64 / 1e6
    );

    let options = LayoutOptions {
        direction: Some(resreader::text::Direction::Rtl),
        ..LayoutOptions::new(80)
    };
    let (single, single_max) = time(15, || {
        paragraphs
            .iter()
            .map(|p| layout_paragraph(p, &options, &[]).len())
            .sum::<usize>()
    });
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let (median, max) = time(15, || layout_paragraphs(&refs, &options).len());
    let lines: usize = layout_paragraphs(&refs, &options)
        .iter()
        .map(Vec::len)
        .sum();
    println!(
        "resreader layout (sanitise, shape, bidi, wrap, reorder), one core: median {:.1} ms, max {:.1} ms",
        ms(single),
        ms(single_max)
    );
    println!(
        "resreader layout_paragraphs, {} cores: median {:.1} ms, max {:.1} ms, {lines} lines",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        ms(median),
        ms(max)
    );

    let input = paragraphs.join("\n") + "\n";
    let path = std::env::temp_dir().join("resreader-bench-arabic.txt");
    if std::fs::write(&path, &input).is_err() {
        println!("fribidi: skipped (cannot write the input file)");
        return;
    }
    let run_fribidi = || -> Option<std::time::Duration> {
        let start = Instant::now();
        let mut child = Command::new("fribidi")
            .args(["--width", "80"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut out = Vec::new();
        std::io::Read::read_to_end(child.stdout.as_mut()?, &mut out).ok()?;
        child.wait().ok()?.success().then(|| start.elapsed())
    };
    if run_fribidi().is_none() {
        println!("fribidi: not installed (apt-get install libfribidi-bin); comparison skipped");
        return;
    }
    let mut times: Vec<_> = (0..7).filter_map(|_| run_fribidi()).collect();
    times.sort();
    let fribidi = times[times.len() / 2];
    println!(
        "fribidi --width 80 (whole process): median {:.1} ms",
        ms(fribidi)
    );
    println!(
        "ratio resreader / fribidi: {:.2} on all cores, {:.2} on one (target ≤ 1.0)",
        median.as_secs_f64() / fribidi.as_secs_f64(),
        single.as_secs_f64() / fribidi.as_secs_f64()
    );
    let _ = std::io::stdout().flush();
}
