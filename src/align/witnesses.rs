//! The other translations as witnesses of each bead.
//!
//! `bridges` asks where the other translations' alignments put each
//! paragraph: a hard answer, wrong wherever those alignments are. A
//! witness is asked something softer. To weigh the bead that pairs left
//! paragraphs `l` with right paragraphs `r`, take the paragraphs of a
//! third translation `z` that say what `l` says (by the alignment left–z)
//! and weigh them against `r` with the model of the pair z–right (lengths,
//! numbers, names, the words z and right share), and the same from the
//! right. Each translation's lengths stray from the original in their own
//! ways, so several witnesses together tell a true bead from a near miss
//! better than the pair alone can, even where each witness's own alignment
//! with the right text goes astray.
//!
//! A witness cannot always tell: its paragraphs may be cut otherwise (it
//! says what it says of a usual bead), or it may lack one of `l` (it says
//! nothing). The mean of what the witnesses say is weighed together with
//! the pair's own cost in `Model::bead_cost`.

use super::{Bead, Model};
use std::ops::Range;

/// Where runs of one text's units stand in a third text.
pub(super) struct Images {
    /// Per unit: the third text's units of the bead that holds it, and
    /// whether the unit starts and ends that bead.
    at: Vec<(Range<usize>, bool, bool)>,
}

impl Images {
    /// From the alignment of a text of `n` units (left) with the third
    /// text (right).
    pub fn new(beads: &[Bead], n: usize) -> Images {
        let mut at = vec![(0..0, true, true); n];
        for b in beads {
            for a in b.left.clone() {
                if let Some(slot) = at.get_mut(a) {
                    *slot = (b.right.clone(), a == b.left.start, a + 1 == b.left.end);
                }
            }
        }
        Images { at }
    }

    /// The third text's units that say what `run` says: `Err(Joined)`
    /// unless whole beads hold exactly the units of `run`, `Err(Missing)`
    /// if one of them has no counterpart there.
    pub fn of(&self, run: Range<usize>) -> Result<Range<usize>, Cannot> {
        let units = self
            .at
            .get(run.clone())
            .filter(|u| !u.is_empty())
            .ok_or(Cannot::Joined)?;
        if units.iter().any(|(image, ..)| image.is_empty()) {
            return Err(Cannot::Missing);
        }
        let (first, last) = (&units[0], &units[units.len() - 1]);
        if !first.1 || !last.2 {
            return Err(Cannot::Joined);
        }
        Ok(first.0.start..last.0.end)
    }
}

/// Why a witness cannot say what a run of units says.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Cannot {
    /// It joins a unit of the run with one outside it.
    Joined,
    /// It leaves a unit of the run out.
    Missing,
}

/// One side of a witness: how the witness text's units that say what a
/// run of one text says compare with a run of the other text.
pub(super) struct Side<'a> {
    /// The units of one text, in the witness.
    images: Images,
    /// The witness and the other text, aligned on their own.
    model: &'a Model<'a>,
    /// Whether the witness is the model's left text.
    witness_left: bool,
    /// The mean cost of a 1–1 bead of the witness's alignment with the
    /// other text.
    usual: f64,
}

impl<'a> Side<'a> {
    /// `beads`: the alignment of the text (`n` units, left) with the
    /// witness; `witness_beads`: the witness's alignment (left) with the
    /// other text, made under `model`.
    pub fn new(
        beads: &[Bead],
        n: usize,
        model: &'a Model<'a>,
        witness_left: bool,
        witness_beads: &[Bead],
    ) -> Side<'a> {
        let mut side = Side {
            images: Images::new(beads, n),
            model,
            witness_left,
            usual: 0.0,
        };
        let costs: Vec<f64> = witness_beads
            .iter()
            .filter(|b| b.left.len() == 1 && b.right.len() == 1)
            .map(|b| side.emission(b.left.clone(), b.right.clone()))
            .collect();
        if !costs.is_empty() {
            side.usual = costs.iter().sum::<f64>() / costs.len() as f64;
        }
        side
    }

    /// The model's cost of pairing witness units `image` with units
    /// `other` of the other text.
    fn emission(&self, image: Range<usize>, other: Range<usize>) -> f64 {
        if self.witness_left {
            self.model.emission(image, other)
        } else {
            self.model.emission(other, image)
        }
    }

    /// What the witness says of pairing `run` (of this side's text) with
    /// `other` (of the other text), in nats. Where the witness joins a
    /// unit of `run` with one outside it, it says what it says of a usual
    /// bead: its paragraphs are cut otherwise, which tells nothing of this
    /// bead. Where it leaves a unit of `run` out, it says nothing (`None`):
    /// a usual bead's cost would vouch for pairing a paragraph only one
    /// translation has (a signatories' heading) with whatever stands
    /// beside it.
    fn cost(&self, run: Range<usize>, other: Range<usize>) -> Option<f64> {
        match self.images.of(run) {
            Ok(image) => Some(self.emission(image, other)),
            Err(Cannot::Joined) => Some(self.usual),
            Err(Cannot::Missing) => None,
        }
    }
}

/// A third translation, from both sides of a pair.
pub(super) struct Witness<'a> {
    pub from_left: Side<'a>,
    pub from_right: Side<'a>,
}

/// The witnesses of a pair, with which way round the pair is being
/// aligned.
#[derive(Clone, Copy, Default)]
pub(super) struct Witnesses<'a> {
    pub all: &'a [Witness<'a>],
    pub swapped: bool,
}

impl Witnesses<'_> {
    pub fn swapped(self) -> Self {
        Witnesses {
            all: self.all,
            swapped: !self.swapped,
        }
    }

    /// What the witnesses say of pairing left units `l` with right units
    /// `r` (both non-empty), on average over the sides that say something,
    /// and the share of sides that do; `None` when none does.
    pub fn cost(&self, l: Range<usize>, r: Range<usize>) -> Option<(f64, f64)> {
        let (l, r) = if self.swapped { (r, l) } else { (l, r) };
        let (mut sum, mut told) = (0.0, 0usize);
        for w in self.all {
            let from_left = w.from_left.cost(l.clone(), r.clone());
            let from_right = w.from_right.cost(r.clone(), l.clone());
            for said in [from_left, from_right].into_iter().flatten() {
                sum += said;
                told += 1;
            }
        }
        let sides = 2 * self.all.len();
        (told > 0).then(|| (sum / told as f64, told as f64 / sides as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(l: Range<usize>, r: Range<usize>) -> Bead {
        Bead { left: l, right: r }
    }

    #[test]
    fn a_run_has_an_image_only_where_whole_beads_hold_it() {
        // Units 0 and 1 share one witness unit; 2 has none; 3 and 4 map
        // one to one, then 5 to two witness units.
        let beads = [
            bead(0..2, 0..1),
            bead(2..3, 1..1),
            bead(3..4, 1..2),
            bead(4..5, 2..3),
            bead(5..6, 3..5),
        ];
        let images = Images::new(&beads, 6);
        assert_eq!(images.of(0..2), Ok(0..1));
        // Half a bead: the witness unit says more than unit 0 does.
        assert_eq!(images.of(0..1), Err(Cannot::Joined));
        assert_eq!(images.of(1..2), Err(Cannot::Joined));
        // A unit the witness leaves out.
        assert_eq!(images.of(2..3), Err(Cannot::Missing));
        assert_eq!(images.of(2..4), Err(Cannot::Missing));
        assert_eq!(images.of(3..4), Ok(1..2));
        assert_eq!(images.of(3..5), Ok(1..3));
        assert_eq!(images.of(3..6), Ok(1..5));
        assert_eq!(images.of(5..6), Ok(3..5));
        // Out of range and empty runs.
        assert_eq!(images.of(5..7), Err(Cannot::Joined));
        assert_eq!(images.of(3..3), Err(Cannot::Joined));
    }
}
