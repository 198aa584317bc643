//! Paragraph alignment of two or more translations.
//!
//! A length-based dynamic programme of the Gale–Church kind: translated
//! paragraphs have lengths roughly proportional to their originals, so the
//! cheapest sequence of beads (1–1, 1–2, 2–1, 1–0, 0–1) under a normal model
//! of length ratios is the alignment. Anchors that survive translation
//! (numbers, list numbering, headings, signatories, footnotes) make beads
//! that share them cheaper and beads that contradict them dearer.
//!
//! Written here rather than taken from a crate: no maintained Rust crate
//! implements Gale–Church over arbitrary items with extra anchor costs.

use crate::library::{Block, ListMarker};
use std::ops::Range;

/// One bead: consecutive blocks of the left translation paired with
/// consecutive blocks of the right one. Either side may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    pub left: Range<usize>,
    pub right: Range<usize>,
}

/// What the aligner needs to know about one block.
#[derive(Debug, Clone)]
pub struct Unit {
    pub len: f64,
    pub numbers: Vec<u64>,
    pub class: Class,
}

/// The structural class of a block, an anchor across languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    Text,
    Heading,
    Numbered(u32),
    Bullet,
    Footnote,
    Signatories(usize),
}

impl Unit {
    pub fn of(block: &Block) -> Unit {
        let text = block.text();
        let class = match block {
            Block::Heading { .. } => Class::Heading,
            Block::Paragraph { .. } => Class::Text,
            Block::Item {
                marker: ListMarker::Number(n),
                ..
            } => Class::Numbered(*n),
            Block::Item {
                marker: ListMarker::Bullet,
                ..
            } => Class::Bullet,
            Block::Footnote { .. } => Class::Footnote,
            Block::Signatories { names } => Class::Signatories(names.len()),
        };
        Unit {
            len: text.chars().count().max(1) as f64,
            numbers: numbers(&text),
            class,
        }
    }
}

/// Numbers written in a text, as values: "2,000" and "2.000" are both 2000,
/// Arabic-Indic digits count too. Years and counts survive translation.
pub fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut current: Option<u64> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = c.to_digit(10).or_else(|| match c {
            '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
            '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
            _ => None,
        });
        match digit {
            Some(d) => {
                current = Some(
                    current
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(d as u64),
                )
            }
            None => {
                // A thousands separator between digits keeps the number going.
                let next_is_digit = chars.peek().is_some_and(|n| n.is_ascii_digit());
                if current.is_some() && matches!(c, ',' | '.' | ' ' | '\u{066C}') && next_is_digit {
                    continue;
                }
                out.extend(current.take());
            }
        }
    }
    out.extend(current);
    out.sort_unstable();
    out.dedup();
    out
}

/// Prior probabilities of the bead types (Gale & Church 1993).
const P_ONE_ONE: f64 = 0.89;
const P_SKIP: f64 = 0.0099 / 2.0;
const P_MERGE: f64 = 0.089 / 2.0;
/// Variance of the length ratio per character.
const VARIANCE: f64 = 6.8;

/// Standard normal upper tail, 2·(1 − Φ(|z|)), by the Abramowitz–Stegun erfc.
fn two_tailed(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let erfc = t
        * (-x * x - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    erfc.max(1e-300)
}

struct Model<'a> {
    left: &'a [Unit],
    right: &'a [Unit],
    ratio: f64,
}

impl Model<'_> {
    fn length_cost(&self, x: f64, y: f64) -> f64 {
        let mean = (x + y / self.ratio) / 2.0;
        let z = (y / self.ratio - x) / (VARIANCE * mean.max(1.0)).sqrt();
        -two_tailed(z).ln()
    }

    fn anchor_cost(&self, l: &[Unit], r: &[Unit]) -> f64 {
        let mut cost = 0.0;
        // Numbers shared by the two sides (each unit's list is sorted).
        let count = |side: &[Unit]| side.iter().map(|u| u.numbers.len()).sum::<usize>();
        let (ln, rn) = (count(l), count(r));
        if ln > 0 && rn > 0 {
            let shared = l
                .iter()
                .flat_map(|u| &u.numbers)
                .filter(|n| r.iter().any(|u| u.numbers.binary_search(n).is_ok()))
                .count() as f64;
            let overlap = shared / ln.max(rn) as f64;
            cost += 3.0 - 6.0 * overlap;
        } else if ln + rn >= 2 {
            cost += 1.0;
        }
        if l.len() == 1 && r.len() == 1 {
            cost += match (&l[0].class, &r[0].class) {
                (Class::Numbered(a), Class::Numbered(b)) if a == b => -3.0,
                (Class::Signatories(_), Class::Signatories(_)) => -6.0,
                (Class::Footnote, Class::Footnote) | (Class::Heading, Class::Heading) => -3.0,
                (a, b) if a == b => 0.0,
                (Class::Text, Class::Bullet) | (Class::Bullet, Class::Text) => 1.0,
                _ => 4.0,
            };
        } else if l.iter().chain(r).any(|u| {
            matches!(
                u.class,
                Class::Heading | Class::Signatories(_) | Class::Footnote
            )
        }) {
            // Headings, signatories and footnotes stand alone.
            cost += 4.0;
        }
        cost
    }

    fn bead_cost(&self, i: usize, di: usize, j: usize, dj: usize) -> f64 {
        let l = &self.left[i..i + di];
        let r = &self.right[j..j + dj];
        let x: f64 = l.iter().map(|u| u.len).sum();
        let y: f64 = r.iter().map(|u| u.len).sum();
        let prior = match (di, dj) {
            (1, 1) => P_ONE_ONE,
            (0, _) | (_, 0) => P_SKIP,
            _ => P_MERGE,
        };
        let length = if di == 0 || dj == 0 {
            0.0
        } else {
            self.length_cost(x, y)
        };
        -prior.ln()
            + length
            + if di == 0 || dj == 0 {
                0.0
            } else {
                self.anchor_cost(l, r)
            }
    }
}

const STEPS: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

/// Align two sequences of units. The result is the same (transposed)
/// whichever side is given first.
pub fn align_units(left: &[Unit], right: &[Unit]) -> Vec<Bead> {
    let key = |u: &[Unit]| (u.len(), u.iter().map(|x| x.len as u64).collect::<Vec<_>>());
    if key(left) > key(right) {
        return align_units(right, left)
            .into_iter()
            .map(|b| Bead {
                left: b.right,
                right: b.left,
            })
            .collect();
    }
    let (n, m) = (left.len(), right.len());
    let total_l: f64 = left.iter().map(|u| u.len).sum();
    let total_r: f64 = right.iter().map(|u| u.len).sum();
    let ratio = if total_l > 0.0 && total_r > 0.0 {
        total_r / total_l
    } else {
        1.0
    };
    let model = Model { left, right, ratio };

    // Search a band around the diagonal; wide enough for the skips real
    // translations have, narrow enough to stay linear on long documents.
    let band = (n.max(m) / 20).max(32);
    let centre = |i: usize| (i * m).checked_div(n).unwrap_or(0);
    let lo = |i: usize| centre(i).saturating_sub(band);
    let hi = |i: usize| (centre(i) + band).min(m);

    let width = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    let mut step = vec![0u8; (n + 1) * width];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in lo(i)..=hi(i) {
            let here = cost[i * width + j];
            if !here.is_finite() {
                continue;
            }
            for (s, &(di, dj)) in STEPS.iter().enumerate() {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let c = here + model.bead_cost(i, di, j, dj);
                let at = ni * width + nj;
                if c < cost[at] {
                    cost[at] = c;
                    step[at] = s as u8;
                }
            }
        }
    }
    if !cost[n * width + m].is_finite() {
        // The band missed the corner (very uneven lengths): pair everything.
        return vec![Bead {
            left: 0..n,
            right: 0..m,
        }];
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = STEPS[step[i * width + j] as usize];
        beads.push(Bead {
            left: i - di..i,
            right: j - dj..j,
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// Align the blocks of two translations.
pub fn align(left: &[Block], right: &[Block]) -> Vec<Bead> {
    let l: Vec<Unit> = left.iter().map(Unit::of).collect();
    let r: Vec<Unit> = right.iter().map(Unit::of).collect();
    align_units(&l, &r)
}

/// Align N translations by pairing each with the first (the pivot). Each
/// row holds, per translation, the range of its blocks; every block of every
/// translation is in exactly one row, in order.
pub fn align_all(translations: &[&[Block]]) -> Vec<Vec<Range<usize>>> {
    let Some(pivot) = translations.first() else {
        return Vec::new();
    };
    if translations.len() == 1 {
        return (0..pivot.len())
            .map(|i| std::iter::once(i..i + 1).collect())
            .collect();
    }
    let pairs: Vec<Vec<Bead>> = translations[1..].iter().map(|t| align(pivot, t)).collect();
    // A row may end after pivot block p only where every pairing has a bead
    // boundary there.
    let mut cut = vec![true; pivot.len() + 1];
    for beads in &pairs {
        let mut ends = vec![false; pivot.len() + 1];
        ends[0] = true;
        for b in beads {
            ends[b.left.end] = true;
        }
        for (c, e) in cut.iter_mut().zip(ends) {
            *c &= e;
        }
    }
    let boundaries: Vec<usize> = (0..=pivot.len()).filter(|&p| cut[p]).collect();
    let mut rows: Vec<Vec<Range<usize>>> = boundaries
        .windows(2)
        .map(|w| {
            let mut row = vec![0..0; translations.len()];
            row[0] = w[0]..w[1];
            row
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![0..0; translations.len()]);
    }
    // Each other translation's blocks go to the row holding their pivot
    // blocks; blocks paired with no pivot block join the row before (or the
    // first row at the very start).
    for (k, beads) in pairs.iter().enumerate() {
        let lang = k + 1;
        for b in beads {
            let row = if b.left.is_empty() {
                boundaries
                    .iter()
                    .rposition(|&p| p <= b.left.start && p < pivot.len())
                    .unwrap_or(0)
                    .min(rows.len() - 1)
            } else {
                boundaries
                    .iter()
                    .rposition(|&p| p <= b.left.start)
                    .unwrap_or(0)
                    .min(rows.len() - 1)
            };
            let range = &mut rows[row][lang];
            *range = if range.start == range.end {
                b.right.clone()
            } else {
                range.start.min(b.right.start)..range.end.max(b.right.end)
            };
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph {
            text: text.to_string(),
        }
    }

    #[test]
    fn reads_numbers_across_scripts() {
        assert_eq!(numbers("around 2,000 prisoners in 2025"), vec![2000, 2025]);
        assert_eq!(numbers("около 2.000 заключённых"), vec![2000]);
        assert_eq!(numbers("في ٢٠٢٣ و 20-22"), vec![20, 22, 2023]);
    }

    #[test]
    fn pairs_a_merged_paragraph_with_two() {
        let en = [
            para(&"a".repeat(100)),
            para(&"b".repeat(400)),
            para(&"c".repeat(120)),
        ];
        let ru = [
            para(&"а".repeat(110)),
            para(&"б".repeat(200)),
            para(&"в".repeat(210)),
            para(&"г".repeat(130)),
        ];
        let beads = align(&en, &ru);
        assert_eq!(
            beads,
            vec![
                Bead {
                    left: 0..1,
                    right: 0..1
                },
                Bead {
                    left: 1..2,
                    right: 1..3
                },
                Bead {
                    left: 2..3,
                    right: 3..4
                },
            ]
        );
        let back = align(&ru, &en);
        assert_eq!(
            back.iter()
                .map(|b| (b.right.clone(), b.left.clone()))
                .collect::<Vec<_>>(),
            beads
                .iter()
                .map(|b| (b.left.clone(), b.right.clone()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn aligns_many_languages_on_a_pivot() {
        let en = [para(&"a".repeat(100)), para(&"b".repeat(400))];
        let ru = [
            para(&"а".repeat(100)),
            para(&"б".repeat(200)),
            para(&"в".repeat(200)),
        ];
        let es = [para(&"x".repeat(500))];
        let rows = align_all(&[&en, &ru, &es]);
        assert_eq!(rows, vec![vec![0..2, 0..3, 0..1]]);
        let rows = align_all(&[&en, &ru]);
        assert_eq!(rows, vec![vec![0..1, 0..1], vec![1..2, 1..3]]);
    }

    #[test]
    fn empty_inputs_align() {
        assert_eq!(align(&[], &[]), vec![]);
        assert_eq!(
            align(&[para("a")], &[]),
            vec![Bead {
                left: 0..1,
                right: 0..0
            }]
        );
        assert_eq!(align_all(&[]), Vec::<Vec<Range<usize>>>::new());
    }
}
