//! A long text (the Debian FAQ, 1,091 blocks) whose translations each lack
//! a chapter: the Japanese chapter 11 (106 blocks), the Dutch chapter 8
//! (121). A chapter one side lacks stands alone, and the rest of the text
//! still pairs with its own translation.

mod common;

use resreader::align::{Bead, align_scored};
use resreader::library::Block;

/// One block per row of `long/faq-<lang>.tsv`, with its key.
fn faq(lang: &str) -> Vec<(String, Block)> {
    common::parallel::blocks(&format!("long/faq-{lang}.tsv"))
}

/// The beads of aligning `left` with `right` that are astray: a block the
/// other side lacks not alone, or any other block not with its own key.
fn astray(left: &str, right: &str) -> (Vec<String>, usize) {
    let (a, b) = (faq(left), faq(right));
    let blocks = |side: &[(String, Block)]| side.iter().map(|(_, b)| b.clone()).collect::<Vec<_>>();
    let beads: Vec<Bead> = align_scored(&blocks(&a), &blocks(&b), &Default::default())
        .into_iter()
        .map(|s| s.bead)
        .collect();
    let mut out = Vec::new();
    for bead in &beads {
        let keys_l: Vec<&str> = bead.left.clone().map(|i| a[i].0.as_str()).collect();
        let keys_r: Vec<&str> = bead.right.clone().map(|j| b[j].0.as_str()).collect();
        let placed = |keys: &[&str], other: &[(String, Block)], there: &[&str]| {
            keys.iter().all(|k| {
                if other.iter().any(|(x, _)| x == k) {
                    there.contains(k)
                } else {
                    there.is_empty()
                }
            })
        };
        if !(placed(&keys_l, &b, &keys_r) && placed(&keys_r, &a, &keys_l)) {
            out.push(format!("{keys_l:?} with {keys_r:?}"));
        }
    }
    (out, beads.len())
}

#[test]
fn a_chapter_one_translation_of_a_long_text_lacks_stands_alone() {
    let lacks = |a: &str, b: &str| {
        let other = faq(b);
        faq(a)
            .iter()
            .filter(|(k, _)| !other.iter().any(|(x, _)| x == k))
            .count()
    };
    assert_eq!((lacks("en", "ja"), lacks("en", "nl")), (106, 121));
    // The search's band kept to the diagonal, and pruning cut the path
    // through the gap: from the missing chapter on, English and Japanese ran
    // 106 blocks out of step, and 840 of 1,017 beads were wrong. Japanese
    // and Dutch, a chapter missing on each side, were not aligned at all
    // (the anchored band then broke between two rows). Now a few stray
    // where a gap starts or ends.
    for (left, right) in [("ja", "nl"), ("en", "ja")] {
        let (wrong, beads) = astray(left, right);
        assert!(
            wrong.len() * 100 <= beads,
            "{left}-{right}: {} of {beads} beads astray, first: {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(10)]
        );
    }
}
