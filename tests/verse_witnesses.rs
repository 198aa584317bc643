//! Verse-by-verse translations aligned with the help of their other
//! translations (`align::align_pairs_scored`). Verses alike in length give
//! the length model little to go on, and a pair of such translations
//! drifts out of step on its own; the other translations, as witnesses of
//! every bead, keep it level.

mod common;

use resreader::align::{Bead, align_pairs_scored, align_scored, nothing_known};
use resreader::library::Block;

/// One paragraph per verse of Quran chapter 36 in `lang`, from the
/// evaluation data.
fn verses(lang: &str) -> Vec<Block> {
    common::parallel::paragraphs(&format!("quran/36-{lang}.tsv"))
        .into_iter()
        .map(|text| Block::Paragraph { text })
        .collect()
}

/// Every verse paired with the same verse.
fn level(beads: &[Bead]) -> bool {
    beads
        .iter()
        .enumerate()
        .all(|(i, b)| b.left == (i..i + 1) && b.right == (i..i + 1))
}

#[test]
fn other_translations_keep_verse_by_verse_pairs_level() {
    // Ten translations with a paragraph per verse (the Turkish one joins
    // some verses, and is left out).
    let langs = ["ar", "bn", "en", "es", "fr", "id", "ru", "sv", "ur", "zh"];
    let texts: Vec<Vec<Block>> = langs.iter().map(|l| verses(l)).collect();
    assert!(texts.iter().all(|t| t.len() == 83), "83 verses each");
    // Pairs across scripts that drift on their own, with nothing known
    // between them (no library to teach a lexicon).
    let pairs = [
        ("ar", "sv"),
        ("bn", "sv"),
        ("en", "ru"),
        ("en", "zh"),
        ("es", "ur"),
    ];
    let at = |l: &str| langs.iter().position(|x| *x == l).expect("a language");
    for (a, b) in pairs {
        let (left, right) = (&texts[at(a)], &texts[at(b)]);
        let alone: Vec<Bead> = align_scored(left, right, &Default::default())
            .into_iter()
            .map(|s| s.bead)
            .collect();
        assert!(
            !level(&alone),
            "{a}–{b} on its own is level: pick another pair"
        );
        let others: Vec<&[Block]> = (0..langs.len())
            .filter(|&k| k != at(a) && k != at(b))
            .map(|k| texts[k].as_slice())
            .collect();
        let with_others: Vec<Bead> = align_pairs_scored(&[left, right], &others, &nothing_known)
            .concat()
            .into_iter()
            .map(|s| s.bead)
            .collect();
        assert!(
            level(&with_others),
            "{a}–{b} with its other translations: {with_others:?}"
        );
        // Either way round (each pair once: the aligner puts the texts in
        // the same order whichever comes first).
        if a == "ar" {
            let back: Vec<Bead> = align_pairs_scored(&[right, left], &others, &nothing_known)
                .concat()
                .into_iter()
                .map(|s| s.bead)
                .collect();
            assert!(level(&back), "{b}–{a} with its other translations");
        }
    }
}
