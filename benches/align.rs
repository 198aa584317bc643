//! Aligning 1,000 × 1,000 paragraphs (issue 14's target: ≤ 20 ms wall
//! clock): the bundled English and Russian paragraphs, repeated, aligned as
//! they are and with every seventh Russian paragraph cut in two (1–2 beads),
//! plain and with confidences. Prints the load average beside the figures,
//! and the thread's CPU time too, since the wall clock means little on a
//! busy machine. Also three columns, and two with other translations
//! helping (bridges and witnesses, spread over the cores).
//! Run with `cargo bench --bench align`.

mod common;

use common::{load_average, ms, time};
use resreader::align::{align, align_all_scored, align_scored, nothing_known};
use resreader::library::{Block, Library, LibraryOptions};

fn paragraphs(lang: &str) -> Vec<Block> {
    let library = Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    });
    library
        .entries
        .iter()
        .filter_map(|e| library.resolution(&e.meta.id).ok())
        .flat_map(|r| r.translations.into_iter().filter(|t| t.lang == lang))
        .flat_map(|t| t.blocks)
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .collect()
}

/// Each seventh paragraph cut in two at the space nearest its middle.
fn split_some(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text();
        let mid = text.len() / 2;
        let cut = text
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .map(|(at, _)| at)
            .min_by_key(|at| at.abs_diff(mid));
        match cut {
            Some(at) if i % 7 == 3 => {
                out.push(Block::Paragraph {
                    text: text[..at].to_string(),
                });
                out.push(Block::Paragraph {
                    text: text[at + 1..].to_string(),
                });
            }
            _ => out.push(b.clone()),
        }
    }
    out
}

/// This thread's CPU time, in ms.
fn cpu_ms() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
}

/// Median thread CPU time of `runs` runs, in ms.
fn cpu_median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = cpu_ms();
            f();
            cpu_ms() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let (en, ru) = (paragraphs("en"), paragraphs("ru"));
    assert!(
        !en.is_empty() && !ru.is_empty(),
        "bundled en and ru paragraphs"
    );
    let left: Vec<Block> = en.iter().cycle().take(1_000).cloned().collect();
    let right: Vec<Block> = ru.iter().cycle().take(1_000).cloned().collect();
    let split = split_some(&right);
    split.len().checked_sub(1_000).expect("some paragraphs cut");
    let right_split: Vec<Block> = split.into_iter().take(1_000).collect();
    println!("load average before: {}", load_average());
    for (name, r) in [
        ("as they are", &right),
        ("every 7th cut in two", &right_split),
    ] {
        let (median, max) = time(31, || align(&left, r));
        let cpu = cpu_median(31, || {
            std::hint::black_box(align(&left, r));
        });
        println!(
            "align 1,000 × 1,000, {name}: wall median {:.2} ms, max {:.2} ms (target ≤ 20 ms); CPU median {cpu:.2} ms",
            ms(median),
            ms(max)
        );
        let (median, max) = time(31, || align_scored(&left, r, &Default::default()));
        let cpu = cpu_median(31, || {
            std::hint::black_box(align_scored(&left, r, &Default::default()));
        });
        println!(
            "align_scored (with confidences), {name}: wall median {:.2} ms, max {:.2} ms; CPU median {cpu:.2} ms",
            ms(median),
            ms(max)
        );
    }
    // Three translations side by side: each pair after the first is
    // bridged by the other (`align::align_pairs_scored`), as the reader
    // aligns a resolution in three languages.
    let three: [&[Block]; 3] = [&left, &right, &right_split];
    let (median, max) = time(11, || align_all_scored(&three, &[], &nothing_known));
    let (two_median, _) = time(11, || align_all_scored(&three[..2], &[], &nothing_known));
    println!(
        "align_all_scored, 3 columns of 1,000 (bridged): wall median {:.2} ms, max {:.2} ms; 2 columns (no bridge): {:.2} ms",
        ms(median),
        ms(max),
        ms(two_median)
    );
    // Two columns of a text in eleven languages: the other nine bridge and
    // witness the pair (up to six bridges, ten witnesses), as when a long
    // text with many translations is opened side by side.
    let udhr: Vec<Vec<Block>> = [
        "en", "fr", "ru", "es", "ar", "zh", "de", "sv", "tr", "hi", "ja",
    ]
    .iter()
    .map(|lang| udhr_thousand(lang))
    .collect();
    let shown: [&[Block]; 2] = [&udhr[0], &udhr[1]];
    for others in [0, 3, 9] {
        let rest: Vec<&[Block]> = udhr[2..2 + others].iter().map(Vec::as_slice).collect();
        let (median, max) = time(5, || align_all_scored(&shown, &rest, &nothing_known));
        println!(
            "align_all_scored, 2 columns of 1,000 with {others} other translations: wall median {:.2} ms, max {:.2} ms",
            ms(median),
            ms(max)
        );
    }
    println!("load average after: {}", load_average());
}

/// The UDHR in `lang` (from the evaluation data), its paragraphs cycled to
/// 1,000.
fn udhr_thousand(lang: &str) -> Vec<Block> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/parallel/udhr")
        .join(format!("{lang}.tsv"));
    let text = std::fs::read_to_string(&path).expect("evaluation data");
    let paragraphs: Vec<Block> = text
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(key, _)| key.starts_with("p:"))
        .map(|(_, t)| Block::Paragraph {
            text: t.trim_start_matches("- ").to_string(),
        })
        .collect();
    paragraphs.iter().cycle().take(1_000).cloned().collect()
}
