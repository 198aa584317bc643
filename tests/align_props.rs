//! Properties of the aligner on generated texts, with and without a
//! lexicon learnt from other generated texts, and with other translations
//! as bridges and witnesses: every block in exactly one bead, in order; confidences
//! between 0 and 1; the same pairing whichever text is given first.

use proptest::prelude::*;
use resreader::align::{
    Bead, Lexicon, Scored, align_all_scored, align_pairs_scored, align_scored, nothing_known,
};
use resreader::library::Block;

/// A keyword of its own for each number, in English-like and in Cyrillic
/// letters: the words a lexicon can learn.
fn keyword(k: usize, cyrillic: bool) -> String {
    let letters: Vec<char> = if cyrillic {
        "бвгджзклмнпрстфх".chars().collect()
    } else {
        "bcdfghjklmnprstv".chars().collect()
    };
    let n = letters.len();
    [k / n / n, k / n, k]
        .iter()
        .map(|&x| letters[x % n])
        .chain(if cyrillic {
            "ов".chars()
        } else {
            "um".chars()
        })
        .collect()
}

const EN: &[&str] = &["workers", "party", "peace", "war", "people", "12", "?"];
const RU: &[&str] = &["рабочие", "партия", "мир", "война", "народ", "12", "!"];

/// Paragraphs, each some common words and up to two keywords (numbers
/// below 60, so that they repeat across texts), in both languages.
fn parallel() -> impl Strategy<Value = (Vec<Block>, Vec<Block>)> {
    prop::collection::vec(
        (
            prop::collection::vec(0..EN.len(), 0..10),
            prop::collection::vec(0..60usize, 0..3),
        ),
        0..40,
    )
    .prop_map(|paragraphs| {
        let side = |words: &[&str], cyrillic: bool| -> Vec<Block> {
            paragraphs
                .iter()
                .map(|(common, keys)| Block::Paragraph {
                    text: common
                        .iter()
                        .map(|&w| words[w].to_string())
                        .chain(keys.iter().map(|&k| keyword(k, cyrillic)))
                        .collect::<Vec<_>>()
                        .join(" "),
                })
                .collect()
        };
        (side(EN, false), side(RU, true))
    })
}

/// A parallel text with paragraphs of the right-hand side dropped and
/// pairs of them merged.
fn perturbed() -> impl Strategy<Value = (Vec<Block>, Vec<Block>)> {
    (parallel(), prop::collection::vec(0..3u8, 40)).prop_map(|((left, right), fate)| {
        let mut out: Vec<Block> = Vec::new();
        for (block, fate) in right.into_iter().zip(fate) {
            match (fate, out.last_mut()) {
                (0, _) => {}
                (1, Some(Block::Paragraph { text })) => {
                    text.push(' ');
                    text.push_str(&block.text());
                }
                _ => out.push(block),
            }
        }
        (left, out)
    })
}

fn check(left: &[Block], right: &[Block], known: &Lexicon) -> Result<(), TestCaseError> {
    let scored = align_scored(left, right, known);
    let back = align_scored(right, left, &known.swapped());
    check_beads(left, right, scored, back)
}

/// `scored` covers both texts in order; `back` (the texts the other way
/// round) has the same beads, transposed.
fn check_beads(
    left: &[Block],
    right: &[Block],
    scored: Vec<Scored>,
    back: Vec<Scored>,
) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for s in &scored {
        prop_assert_eq!((s.bead.left.start, s.bead.right.start), (i, j));
        prop_assert!(!s.bead.left.is_empty() || !s.bead.right.is_empty());
        prop_assert!((0.0..=1.0).contains(&s.confidence), "{}", s.confidence);
        i = s.bead.left.end;
        j = s.bead.right.end;
    }
    prop_assert_eq!((i, j), (left.len(), right.len()));
    // The other way round: the same beads, transposed.
    let back: Vec<Bead> = back.iter().map(|s| s.bead.swapped()).collect();
    let beads: Vec<Bead> = scored.into_iter().map(|s| s.bead).collect();
    prop_assert_eq!(beads, back);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn alignments_cover_every_block_once_either_way_round(
        (left, right) in perturbed(),
        teachers in prop::collection::vec(parallel(), 0..5),
    ) {
        let pairs: Vec<(&[Block], &[Block])> = teachers
            .iter()
            .map(|(a, b)| (a.as_slice(), b.as_slice()))
            .chain([(left.as_slice(), right.as_slice())])
            .collect();
        let known = Lexicon::learn(&pairs);
        check(&left, &right, &known)?;
        check(&left, &right, &Lexicon::default())?;
    }

    #[test]
    fn bridged_alignments_cover_every_block_once_either_way_round(
        (left, right) in perturbed(),
        (_, bridge) in perturbed(),
    ) {
        // A bridge that translates the left text, and one that has
        // nothing to do with either.
        let others: [&[Block]; 2] = [&left, &bridge];
        let pair = |a: &[Block], b: &[Block]| {
            align_pairs_scored(&[a, b], &others, &nothing_known).concat()
        };
        check_beads(&left, &right, pair(&left, &right), pair(&right, &left))?;
        // Three columns: every block of each in exactly one row, in order.
        let columns: [&[Block]; 3] = [&left, &right, &bridge];
        let (rows, confidence) = align_all_scored(&columns, &[], &nothing_known);
        prop_assert_eq!(rows.len(), confidence.len());
        for (k, column) in columns.iter().enumerate() {
            let mut next = 0;
            for row in &rows {
                if !row[k].is_empty() {
                    prop_assert_eq!(row[k].start, next);
                    next = row[k].end;
                }
            }
            prop_assert_eq!(next, column.len());
        }
    }
}
