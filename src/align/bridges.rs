//! What the other translations of a text say about one pair of them.
//!
//! A resolution published in four languages has six pairs of them. To
//! align English with Spanish, the Russian translation is a bridge: the
//! English paragraph that goes with Russian paragraph 7, which goes with
//! Spanish paragraph 8, goes with Spanish paragraph 8. Each bridge makes
//! its own mistakes (its lengths and words mislead the aligner in other
//! places), so where most bridges agree they are seldom wrong together. On
//! verse-length texts, which length and words barely tell apart, the
//! bridges keep the pair in step where it alone drifts (BENCHMARKS.md).

use super::Bead;
use std::ops::Range;

/// For each bridge, where each unit of one text lands in the other.
#[derive(Debug, Clone, Default)]
pub struct Bridges {
    /// `left[z][a]`: the right units left unit `a` maps to through bridge
    /// `z` (empty: it has no counterpart there).
    left: Vec<Vec<Range<usize>>>,
    /// `right[z][b]`: the same from the right text to the left one.
    right: Vec<Vec<Range<usize>>>,
}

impl Bridges {
    /// How many bridges there are.
    pub fn len(&self) -> usize {
        self.left.len()
    }

    pub fn is_empty(&self) -> bool {
        self.left.is_empty()
    }

    /// Add the bridge through a text `z`, given the alignments left–z and
    /// z–right (`n` left units, `m` right ones, `k` units of z).
    pub fn add(&mut self, left_z: &[Bead], z_right: &[Bead], (n, k, m): (usize, usize, usize)) {
        let swap = |beads: &[Bead]| -> Vec<Bead> { beads.iter().map(Bead::swapped).collect() };
        self.left.push(compose(left_z, z_right, n, k));
        self.right
            .push(compose(&swap(z_right), &swap(left_z), m, k));
    }

    /// The same bridges with the two texts the other way round.
    pub fn swapped(&self) -> Bridges {
        Bridges {
            left: self.right.clone(),
            right: self.left.clone(),
        }
    }

    /// How far the bridges agree that left units `l` go with right units
    /// `r`: per unit of the bead, the share of its image (over all
    /// bridges) that falls inside the other side of the bead, or, for a
    /// unit the bead leaves unpaired, the share of bridges that leave it
    /// unpaired too. From 0 to the number of units in the bead.
    pub fn agreement(&self, l: Range<usize>, r: Range<usize>) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        let fit = |image: &Range<usize>, inside: &Range<usize>| -> f64 {
            if image.is_empty() {
                return if inside.is_empty() { 1.0 } else { 0.0 };
            }
            let overlap = image
                .end
                .min(inside.end)
                .saturating_sub(image.start.max(inside.start));
            overlap as f64 / image.len() as f64
        };
        let side = |images: &[Vec<Range<usize>>], units: Range<usize>, inside: &Range<usize>| {
            units
                .map(|a| {
                    images
                        .iter()
                        .filter_map(|z| z.get(a))
                        .map(|image| fit(image, inside))
                        .sum::<f64>()
                })
                .sum::<f64>()
        };
        (side(&self.left, l.clone(), &r) + side(&self.right, r, &l)) / self.len() as f64
    }
}

/// Where each of `n` units of a text lands in a third text through `k`
/// units of a middle one: the beads `first` (text–middle) and `second`
/// (middle–third), composed. The image of a run is a run: both alignments
/// keep the order.
fn compose(first: &[Bead], second: &[Bead], n: usize, k: usize) -> Vec<Range<usize>> {
    let mut through_second = vec![0..0; k];
    for b in second {
        for z in b.left.clone() {
            if let Some(slot) = through_second.get_mut(z) {
                *slot = b.right.clone();
            }
        }
    }
    let mut images = vec![0..0; n];
    for b in first {
        let mut image: Option<Range<usize>> = None;
        for z in b.right.clone() {
            let Some(there) = through_second.get(z).filter(|r| !r.is_empty()) else {
                continue;
            };
            image = Some(match image {
                None => there.clone(),
                Some(r) => r.start.min(there.start)..r.end.max(there.end),
            });
        }
        for a in b.left.clone() {
            if let Some(slot) = images.get_mut(a) {
                *slot = image.clone().unwrap_or(0..0);
            }
        }
    }
    images
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(l: Range<usize>, r: Range<usize>) -> Bead {
        Bead { left: l, right: r }
    }

    #[test]
    fn a_bridge_composes_the_two_alignments() {
        // Left 0 1 2 3; z has 0+1 merged and 3 missing; right has an
        // extra unit before the last one.
        let left_z = [bead(0..2, 0..1), bead(2..3, 1..2), bead(3..4, 2..2)];
        let z_right = [bead(0..1, 0..1), bead(1..2, 1..2), bead(2..2, 2..3)];
        let mut bridges = Bridges::default();
        bridges.add(&left_z, &z_right, (4, 2, 3));
        assert_eq!(bridges.len(), 1);
        // Left 0 and 1 both land on right 0; left 3 nowhere.
        assert_eq!(bridges.agreement(0..2, 0..1), 3.0);
        assert_eq!(bridges.agreement(2..3, 1..2), 2.0);
        assert_eq!(bridges.agreement(3..4, 1..1), 1.0);
        // Right 2 has no counterpart: a 0–1 bead agrees, pairing it does not.
        assert_eq!(bridges.agreement(3..3, 2..3), 1.0);
        assert_eq!(bridges.agreement(3..4, 2..3), 0.0);
        // Out of step: nothing agrees.
        assert_eq!(bridges.agreement(2..3, 0..1), 0.0);
        // The other way round, the same answers.
        let back = bridges.swapped();
        assert_eq!(back.agreement(0..1, 0..2), 3.0);
        assert_eq!(back.agreement(2..3, 3..3), 1.0);
    }

    #[test]
    fn agreement_is_shared_among_bridges() {
        let diagonal: Vec<Bead> = (0..3).map(|i| bead(i..i + 1, i..i + 1)).collect();
        // Through the second text, everything moves one unit on.
        let shifted = [
            bead(0..0, 0..1),
            bead(0..1, 1..2),
            bead(1..2, 2..3),
            bead(2..3, 3..3),
        ];
        let mut bridges = Bridges::default();
        bridges.add(&diagonal, &diagonal, (3, 3, 3));
        bridges.add(&diagonal, &shifted, (3, 3, 3));
        // Left 0 and right 0 together: one bridge of two agrees, for both.
        assert_eq!(bridges.agreement(0..1, 0..1), 1.0);
        // Right 0 alone: the other bridge agrees.
        assert_eq!(bridges.agreement(0..0, 0..1), 0.5);
        assert_eq!(Bridges::default().agreement(0..1, 0..1), 0.0);
    }
}
