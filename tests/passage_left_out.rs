//! A passage one translation leaves out (an abridged preamble, an annex)
//! is left out whole: its paragraphs stand alone, and the paragraphs
//! around it still pair with their own.

mod common;

use resreader::align::{Bead, align_scored};
use resreader::library::Block;

/// The UDHR in `lang` (from the evaluation data), one block per paragraph
/// or heading, with the key of each.
fn udhr(lang: &str) -> Vec<(String, Block)> {
    common::parallel::blocks(&format!("udhr/{lang}.tsv"))
}

#[test]
fn a_passage_left_out_is_left_out_whole() {
    // Articles 3 to 9 (17 headings and paragraphs) are left out of each
    // translation; English keeps them.
    let (mut beads_in_all, mut wrong_in_all) = (0, 0);
    let mut astray = Vec::new();
    for lang in ["fr", "ru", "zh", "ar", "hi", "ja"] {
        let en = udhr("en");
        let other = udhr(lang);
        let gone = |key: &str| {
            let n: u32 = key
                .trim_start_matches(['h', 'p', ':'])
                .split('.')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            (3..=9).contains(&n)
        };
        let kept: Vec<(String, Block)> = other.into_iter().filter(|(k, _)| !gone(k)).collect();
        let left: Vec<Block> = en.iter().map(|(_, b)| b.clone()).collect();
        let right: Vec<Block> = kept.iter().map(|(_, b)| b.clone()).collect();
        let beads: Vec<Bead> = align_scored(&left, &right, &Default::default())
            .into_iter()
            .map(|s| s.bead)
            .collect();
        // Every English block of the passage alone; every other English
        // block with the block of the same key, where the other has it.
        let mut wrong = 0;
        for b in &beads {
            let keys_l: Vec<&str> = b.left.clone().map(|i| en[i].0.as_str()).collect();
            let keys_r: Vec<&str> = b.right.clone().map(|j| kept[j].0.as_str()).collect();
            let fine = if keys_l.iter().any(|k| gone(k)) {
                keys_r.is_empty()
            } else {
                keys_l
                    .iter()
                    .all(|k| keys_r.contains(k) || !kept.iter().any(|(x, _)| x == k))
            };
            if !fine {
                wrong += 1;
                astray.push(format!("{lang}: {keys_l:?} with {keys_r:?}"));
            }
        }
        beads_in_all += beads.len();
        wrong_in_all += wrong;
    }
    // Pairing the passage with what follows it ran the rest of the text an
    // article or more out of step: 300 of 499 beads were wrong (they were
    // pruned from the search, and each left-out paragraph was priced as a
    // separate accident). Now a few stray where the passage starts or ends.
    assert!(
        wrong_in_all * 20 <= beads_in_all,
        "{wrong_in_all} of {beads_in_all} beads wrong: {astray:#?}"
    );
}
