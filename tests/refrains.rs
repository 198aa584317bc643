//! A refrain joined to a verse is still the refrain: where a translation
//! runs a refrain into the verse after it, the aligner pairs that paragraph
//! with the refrain and the verse of the other translation, not with the
//! refrain alone (`align::Unit::refrains`).

mod common;

use resreader::align::{Bead, align_scored};
use resreader::library::Block;

/// One string per verse of Quran chapter 55 in `lang`, from the evaluation
/// data. Every other verse of the chapter is the same refrain.
fn verses(lang: &str) -> Vec<String> {
    common::parallel::paragraphs(&format!("quran/55-{lang}.tsv"))
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_string(),
    }
}

/// The verses as paragraphs, every fourth refrain joined to the verse
/// after it; with where each join starts among the verses and which
/// paragraph holds it.
fn with_joined_refrains(verses: &[String]) -> (Vec<Block>, Vec<(usize, usize)>) {
    let (mut paragraphs, mut joins) = (Vec::new(), Vec::new());
    let (mut i, mut refrains) = (0, 0);
    while i < verses.len() {
        let refrain = verses.iter().filter(|v| **v == verses[i]).count() > 1;
        if refrain && i + 1 < verses.len() {
            refrains += 1;
            if refrains % 4 == 0 {
                joins.push((i, paragraphs.len()));
                paragraphs.push(para(&format!("{} {}", verses[i], verses[i + 1])));
                i += 2;
                continue;
            }
        }
        paragraphs.push(para(&verses[i]));
        i += 1;
    }
    (paragraphs, joins)
}

#[test]
fn a_refrain_joined_to_the_next_verse_pairs_with_both() {
    // The Turkish translation joins verses itself, and is left out.
    let langs = ["ar", "bn", "en", "es", "fr", "id", "ru", "sv", "ur", "zh"];
    let texts: Vec<Vec<String>> = langs.iter().map(|l| verses(l)).collect();
    let (mut right_joins, mut joins) = (0, 0);
    let mut wrong = Vec::new();
    for (a, left) in texts.iter().enumerate() {
        for (b, right) in texts.iter().enumerate() {
            if a == b {
                continue;
            }
            let left: Vec<Block> = left.iter().map(|v| para(v)).collect();
            let (right, at) = with_joined_refrains(right);
            assert!(at.len() >= 3, "{}: {} joins", langs[b], at.len());
            let beads: Vec<Bead> = align_scored(&left, &right, &Default::default())
                .into_iter()
                .map(|s| s.bead)
                .collect();
            for &(verse, paragraph) in &at {
                joins += 1;
                let both = Bead {
                    left: verse..verse + 2,
                    right: paragraph..paragraph + 1,
                };
                if beads.contains(&both) {
                    right_joins += 1;
                } else {
                    wrong.push(format!("{}–{} verse {}", langs[a], langs[b], verse + 1));
                }
            }
        }
    }
    // Nothing known between the texts (no library), so lengths and the
    // refrains are all the aligner has. 596 of 603 joins pair right; when
    // only a paragraph that is a refrain counted as one, 574 did.
    assert!(
        right_joins * 100 >= joins * 98,
        "{right_joins} of {joins} joins paired with both verses; astray: {wrong:?}"
    );
}
