//! Aligning 1,000 × 1,000 paragraphs (issue 14's target: ≤ 20 ms wall
//! clock): the bundled English and Russian paragraphs, repeated, aligned as
//! they are and with every seventh Russian paragraph cut in two (1–2 beads),
//! plain and with confidences. Prints the load average beside the figures,
//! since the wall clock means little on a busy machine.
//! Run with `cargo bench --bench align`.

mod common;

use common::{ms, time};
use resreader::align::{align, align_scored};
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

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
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
    println!("load average before: {}", load());
    for (name, r) in [
        ("as they are", &right),
        ("every 7th cut in two", &right_split),
    ] {
        let (median, max) = time(31, || align(&left, r));
        println!(
            "align 1,000 × 1,000, {name}: median {:.2} ms, max {:.2} ms (target ≤ 20 ms)",
            ms(median),
            ms(max)
        );
        let (median, max) = time(31, || align_scored(&left, r));
        println!(
            "align_scored (with confidences), {name}: median {:.2} ms, max {:.2} ms",
            ms(median),
            ms(max)
        );
    }
    println!("load average after: {}", load());
}
