//! Words that translate each other, learnt from the document itself.
//!
//! A first alignment maps each paragraph of one text to a place in the
//! other. A word of the left text and a word of the right one are taken for
//! translations when they occur in the same places: most occurrences of
//! each (three quarters in one document, half across a library, where they
//! must also beat chance) fall within a paragraph of where the first
//! alignment maps the other's (Fung and Church's K-vec idea, with the first
//! pass as the map instead of the diagonal), and each is the other's best
//! match. A word met only twice must match exactly; one met once, or in a
//! quarter of all paragraphs or more, says nothing and is left out. Pairs
//! of paragraphs that share such words are likelier translations: short
//! texts of similar length, such as verses, are told apart by what they
//! say, in any pair of languages.

use super::{Bead, Unit};
use std::collections::HashMap;

/// The words of a text for `learn`, hashed, sorted, once each: letters
/// lower-cased and cut to five (a rough stem), words of one letter left
/// out; each Han or kana character is a word.
pub fn words(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut letters = 0;
    let flush = |word: &mut String, letters: &mut usize, out: &mut Vec<u32>| {
        if *letters >= 2 {
            out.push(super::features::hash(word));
        }
        word.clear();
        *letters = 0;
    };
    for c in text.chars() {
        if matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
            flush(&mut word, &mut letters, &mut out);
            let mut buf = [0u8; 4];
            out.push(super::features::hash(c.encode_utf8(&mut buf)));
        } else if c.is_alphabetic() {
            if letters < 5 {
                word.extend(c.to_lowercase());
            }
            letters += 1;
        } else if !is_mark(c) {
            flush(&mut word, &mut letters, &mut out);
        }
    }
    flush(&mut word, &mut letters, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Combining marks (Arabic vowels, Indic vowel signs and viramas) belong
/// to their word; a danda or a digit does not.
fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Where each left unit falls in the right text under `beads`: the middle
/// of its bead's right side (of the next bead's start for a 1–0 bead).
fn projection(n: usize, beads: &[Bead]) -> Vec<usize> {
    let mut at = vec![0usize; n];
    for b in beads {
        let mid = if b.right.is_empty() {
            b.right.start
        } else {
            (b.right.start + b.right.end - 1) / 2
        };
        for i in b.left.clone() {
            at[i] = mid;
        }
    }
    at
}

/// The share (numerator, denominator) of a word's places, or its
/// partner's if it has more, that must meet the partner within one document:
/// with counts too small to test against chance, only a word that keeps to
/// its partner nearly everywhere is trusted.
const DOCUMENT_SHARE: (usize, usize) = (3, 4);
/// The same across a library, where a link must also beat chance: the test
/// guards against chance meetings, and a loose translation renders a word
/// two ways (a pronoun here, a synonym there), so half its places will do.
/// At three quarters only 12–25 % of the words of six Quran chapters were
/// linked; at a half, pairs meeting both goals on those chapters (ten
/// languages, with the other translations, lexicon weight 0.4) went 143 →
/// 173 of 270, on the evaluation texts 339 → 350 of 428 (0.35: 162 and
/// 0.6: 159 on the six chapters).
const LIBRARY_SHARE: (usize, usize) = (1, 2);

/// The pairs (left word, right word) that translate each other, sorted.
///
/// `significance`: across a library, a link must also beat chance: the
/// share of a word's places where its partner would stand nearby by chance
/// (the partner's frequency over the reach) makes its count of meetings
/// unlikely below this probability. Pooling documents multiplies the chance
/// meetings of common words ("party", "state"); within one document counts
/// are too small for any test (a word met twice must meet exactly), so
/// there it is `None`.
pub fn learn(
    left: &[Unit],
    right: &[Unit],
    beads: &[Bead],
    significance: Option<f64>,
) -> Vec<(u32, u32)> {
    let (n, m) = (left.len(), right.len());
    let frequent = |count: usize, len: usize| count < 2 || count * 4 >= len.max(8);
    let occurrences = |side: &[Unit]| {
        let mut map: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, u) in side.iter().enumerate() {
            for &w in &u.words {
                map.entry(w).or_default().push(i);
            }
        }
        map
    };
    let (mut lw, mut rw) = (occurrences(left), occurrences(right));
    lw.retain(|_, v| !frequent(v.len(), n));
    rw.retain(|_, v| !frequent(v.len(), m));
    let at = projection(n, beads);
    // For each left word, the right words met near each of its places:
    // how many of its places each one is met near.
    let mut best_left: HashMap<u32, (usize, Vec<u32>)> = HashMap::new();
    let mut scores: Vec<(u32, u32, usize)> = Vec::new();
    let mut seen: HashMap<u32, (usize, usize)> = HashMap::new();
    for (&a, places) in &lw {
        seen.clear();
        let reach = if places.len() == 2 { 0 } else { 1 };
        for (t, &i) in places.iter().enumerate() {
            let p = at[i];
            // The right units p - reach ..= p + reach.
            let near = right
                .iter()
                .skip(p.saturating_sub(reach))
                .take(p.min(reach) + reach + 1);
            for unit in near {
                for &b in &unit.words {
                    let Some(bp) = rw.get(&b) else { continue };
                    // Counts alike: each word's places mostly met.
                    if bp.len() * 3 > places.len() * 4 + 1 || places.len() * 3 > bp.len() * 4 + 1 {
                        continue;
                    }
                    let e = seen.entry(b).or_insert((usize::MAX, 0));
                    if e.0 != t {
                        e.0 = t;
                        e.1 += 1;
                    }
                }
            }
        }
        for (&b, &(_, hits)) in &seen {
            let most = places.len().max(rw[&b].len());
            let chance = ((2 * reach + 1) * rw[&b].len()) as f64 / m.max(1) as f64;
            let significant =
                significance.is_none_or(|alpha| binomial_tail(places.len(), hits, chance) < alpha);
            let (num, den) = if significance.is_some() {
                LIBRARY_SHARE
            } else {
                DOCUMENT_SHARE
            };
            if hits >= 2 && hits * den >= most * num && significant {
                scores.push((a, b, hits));
                let e = best_left.entry(a).or_insert((0, Vec::new()));
                if hits > e.0 {
                    *e = (hits, vec![b]);
                } else if hits == e.0 {
                    e.1.push(b);
                }
            }
        }
    }
    // Per right word, its best count and how many left words reach it.
    let mut best_right: HashMap<u32, (usize, usize)> = HashMap::new();
    for &(_, b, hits) in &scores {
        let e = best_right.entry(b).or_insert((0, 0));
        if hits > e.0 {
            *e = (hits, 1);
        } else if hits == e.0 {
            e.1 += 1;
        }
    }
    // Within one document a word whose best partners tie is not linked:
    // met two or three times, it ties with every word of a phrase that
    // happens to stand where it does ("por" with "faces", "that" and "Day"
    // of a refrain), and most such ties are a function word meeting a
    // first pass that ran out of step. Across a library the test against
    // chance sorts them, and words that always go together (a name and its
    // title) may tie and both be right.
    let one_best = significance.is_none();
    let mut links: Vec<(u32, u32)> = scores
        .into_iter()
        .filter(|&(a, b, hits)| {
            best_left
                .get(&a)
                .is_some_and(|(h, bs)| *h == hits && bs.contains(&b) && !(one_best && bs.len() > 1))
                && best_right
                    .get(&b)
                    .is_some_and(|&(h, ties)| h == hits && !(one_best && ties > 1))
        })
        .map(|(a, b, _)| (a, b))
        .collect();
    links.sort_unstable();
    links
}

/// P(X ≥ k) for X binomial over `n` trials of probability `p`.
fn binomial_tail(n: usize, k: usize, p: f64) -> f64 {
    if p >= 1.0 {
        return 1.0;
    }
    // ln C(n, x), built as a product to stay exact for small n.
    let ln_choose =
        |x: usize| -> f64 { (1..=x).map(|i| ((n - x + i) as f64 / i as f64).ln()).sum() };
    (k..=n)
        .map(|x| (ln_choose(x) + x as f64 * p.ln() + (n - x) as f64 * (1.0 - p).ln()).exp())
        .sum()
}

/// The same links with the languages the other way round, sorted.
pub fn reversed(links: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut back: Vec<(u32, u32)> = links.iter().map(|&(a, b)| (b, a)).collect();
    back.sort_unstable();
    back
}

/// How many words of `a` have a translation among the words of `b`.
pub fn shared(links: &[(u32, u32)], a: &[u32], b: &[u32]) -> usize {
    a.iter()
        .filter(|&&w| {
            let from = links.partition_point(|&(x, _)| x < w);
            links[from..]
                .iter()
                .take_while(|&&(x, _)| x == w)
                .any(|(_, y)| b.binary_search(y).is_ok())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Block;

    fn units(texts: &[String]) -> Vec<Unit> {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::Paragraph { text: t.clone() })
            .collect();
        Unit::all(&blocks)
    }

    /// Paragraph `i` of one side paired with paragraph `i` of the other.
    fn diagonal(n: usize) -> Vec<Bead> {
        (0..n)
            .map(|i| Bead {
                left: i..i + 1,
                right: i..i + 1,
            })
            .collect()
    }

    /// A word of paragraph `i`'s own: three letters from its number.
    fn own(i: usize) -> String {
        let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
        format!("{}{}{}", letter(i / 26), letter(i), letter(i + 7))
    }

    #[test]
    fn words_are_stems_and_han_characters() {
        assert_eq!(words("Believers believe"), words("believers BELIEVED"));
        assert_eq!(words("a I"), Vec::<u32>::new());
        assert_eq!(words("太阳").len(), 2);
        // Arabic vowel marks stay inside their word.
        assert_eq!(words("رَبِّ").len(), 1);
        // A danda or a Bengali digit ends a word; a virama does not.
        assert_eq!(words("नमस्ते।दुनिया").len(), 2);
        assert_eq!(words("নমস্কার১২পৃথিবী").len(), 2);
    }

    #[test]
    fn across_a_library_a_link_must_beat_chance() {
        // Sixty paragraphs a side, each with a word of its own (three
        // letters from its number); "prole" stands near a common "party"
        // wherever it is (as near one in three places would by chance),
        // "sunny" exactly where "solar" is.
        let left: Vec<String> = (0..60)
            .map(|i| {
                let mut t = own(i);
                if i % 4 == 1 && i < 48 {
                    t += " prole";
                }
                if i % 8 == 3 && i < 56 {
                    t += " sunny";
                }
                t
            })
            .collect();
        let right: Vec<String> = (0..60)
            .map(|i| {
                let mut t = own(i).to_uppercase();
                if i % 4 == 0 && i < 56 {
                    t += " party";
                }
                if i % 8 == 3 && i < 56 {
                    t += " solar";
                }
                t
            })
            .collect();
        let (l, r) = (units(&left), units(&right));
        let diagonal = diagonal(60);
        let link = |a: &str, b: &str| (words(a)[0], words(b)[0]);
        let all = learn(&l, &r, &diagonal, None);
        assert!(all.contains(&link("prole", "party")), "{all:?}");
        assert!(all.contains(&link("sunny", "solar")));
        let tested = learn(&l, &r, &diagonal, Some(0.001));
        assert_eq!(tested, vec![link("sunny", "solar")]);
        // P(X ≥ k) of a binomial.
        assert!((binomial_tail(3, 3, 0.5) - 0.125).abs() < 1e-12);
        assert!((binomial_tail(4, 0, 0.3) - 1.0).abs() < 1e-12);
        assert_eq!(binomial_tail(5, 2, 1.5), 1.0);
    }

    #[test]
    fn in_one_document_a_word_whose_partners_tie_is_not_linked() {
        // Twelve paragraphs a side. "por" stands in paragraphs 3 and 7 of
        // the right, where the left has the phrase "faces day" twice: it
        // ties with both words, so neither is linked to it. "luna" meets
        // "moon" alone, in paragraphs 2 and 9, and is.
        let left: Vec<String> = (0..12)
            .map(|i| match i {
                3 | 7 => own(i) + " faces day",
                2 | 9 => own(i) + " moon",
                _ => own(i),
            })
            .collect();
        let right: Vec<String> = (0..12)
            .map(|i| match i {
                3 | 7 => own(i).to_uppercase() + " por",
                2 | 9 => own(i).to_uppercase() + " luna",
                _ => own(i).to_uppercase(),
            })
            .collect();
        let (l, r) = (units(&left), units(&right));
        let links = learn(&l, &r, &diagonal(12), None);
        assert_eq!(links, vec![(words("moon")[0], words("luna")[0])]);
        // Across a library the two words that always go together are both
        // linked (were the counts to beat chance): ties stand there.
        let wide = learn(&l, &r, &diagonal(12), Some(1.0));
        let por = words("por")[0];
        assert!(wide.contains(&(words("faces")[0], por)), "{wide:?}");
        assert!(wide.contains(&(words("day")[0], por)), "{wide:?}");
    }

    #[test]
    fn across_a_library_half_the_places_will_do() {
        // 240 paragraphs a side; "moon" in twelve of them, twenty apart;
        // "luna" beside it in the first eight and ten paragraphs off in
        // the last four, as a loose translation words it otherwise there.
        let left: Vec<String> = (0..240)
            .map(|i| match i % 20 {
                3 => own(i) + " moon",
                _ => own(i),
            })
            .collect();
        let right: Vec<String> = (0..240)
            .map(|i| match (i % 20, i / 20) {
                (3, k) if k < 8 => own(i) + " luna",
                (13, k) if k >= 8 => own(i) + " luna",
                _ => own(i),
            })
            .collect();
        let (l, r) = (units(&left), units(&right));
        let diagonal = diagonal(240);
        // Eight meetings of twelve: too few for one document's rule...
        assert!(learn(&l, &r, &diagonal, None).is_empty());
        // ...but far beyond chance, which a library's test shows.
        let tested = learn(&l, &r, &diagonal, Some(0.001));
        assert_eq!(tested, vec![(words("moon")[0], words("luna")[0])]);
    }

    #[test]
    fn words_met_in_the_same_places_are_linked() {
        // "sun" and "solen" stand in paragraphs 2, 9 and 15 of twenty;
        // the other words are each paragraph's own.
        let place = |i: usize, word: &str, own: &str| {
            if [2, 9, 15].contains(&i) {
                format!("{own}{i} {word}")
            } else {
                format!("{own}{i}")
            }
        };
        let en: Vec<String> = (0..20).map(|i| place(i, "sun", "alpha")).collect();
        let sv: Vec<String> = (0..20).map(|i| place(i, "solen", "beta")).collect();
        let (l, r) = (units(&en), units(&sv));
        let diagonal = diagonal(20);
        let links = learn(&l, &r, &diagonal, None);
        assert_eq!(links, vec![(words("sun")[0], words("solen")[0])]);
        assert_eq!(shared(&links, &l[9].words, &r[9].words), 1);
        assert_eq!(shared(&links, &l[9].words, &r[8].words), 0);
        // Off by five paragraphs, the places no longer meet.
        let shifted: Vec<Bead> = (0..20)
            .map(|i| Bead {
                left: i..i + 1,
                right: (i + 5) % 20..(i + 5) % 20 + 1,
            })
            .collect();
        assert!(learn(&l, &r, &shifted, None).is_empty());
    }
}
