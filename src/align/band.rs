//! The search band: the cells of the alignment lattice the search visits.
//!
//! Row `i` (left unit `i`) visits columns `lo(i)..=hi(i)`. The band follows
//! a line through the anchors, pairs of units that can only be each other's
//! translation (the same numbers, written as few times in each text:
//! "3.1.4."), and between two anchors it holds only the columns between
//! them. So a chapter that one translation lacks bends the band with it
//! instead of leaving the right path outside (a band around the straight
//! diagonal missed the Japanese Debian FAQ, which lacks a chapter of 106
//! paragraphs, and the pairing ran 106 paragraphs out of step to the end).
//! Without anchors the band is the old one around the diagonal.

use super::Unit;
use std::collections::HashMap;

/// How far an anchor may be off: a translation may carry a number into
/// another paragraph nearby, or cut the paragraphs around it otherwise
/// (three lost pairs of the Debian FAQ that a full search found).
const ANCHOR_SLACK: usize = 8;

#[derive(Clone)]
pub(super) struct Band {
    pub n: usize,
    pub m: usize,
    /// First and last column of each row.
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// Where each row starts in per-cell tables: rows differ in width, and
    /// a table as wide as the widest row would grow with a long gap times
    /// the text's length.
    offsets: Vec<usize>,
    /// The anchor line's column in each row.
    centres: Vec<usize>,
}

impl Band {
    pub fn new(left: &[Unit], right: &[Unit]) -> Band {
        let (n, m) = (left.len(), right.len());
        let half = (n.max(m) / 20).max(32);
        // The path passes node (i, j) before an anchor's bead and
        // (i + 1, j + 1) after it: rows after an anchor lie right of it,
        // rows up to the next one left of that.
        let mut line = vec![(0, 0)];
        line.extend(anchors(left, right));
        line.push((n, m));
        let mut starts = Vec::with_capacity(n + 1);
        let mut ends = Vec::with_capacity(n + 1);
        let mut centres = Vec::with_capacity(n + 1);
        // line[k] is the last anchor node before row i (the start at row
        // 0); line[k + 1] the next.
        let mut k = 0;
        for i in 0..=n {
            while k + 2 < line.len() && line[k + 1].0 < i {
                k += 1;
            }
            let (ia, ja) = line[k];
            let (ib, jb) = line[k + 1];
            let centre = if ib > ia {
                ja + (jb - ja) * (i.clamp(ia, ib) - ia) / (ib - ia)
            } else {
                ja
            };
            // Around the line: as far off it as a passage one side alone
            // has between the anchors takes the path (it runs along a row
            // or a column there, not along the line).
            let off = half.max((jb - ja).abs_diff(ib - ia) + ANCHOR_SLACK);
            let after = if k > 0 { ja + 1 } else { ja };
            let lo = after
                .saturating_sub(ANCHOR_SLACK)
                .max(centre.saturating_sub(off));
            let hi = (jb + ANCHOR_SLACK).min(centre + off).min(m);
            centres.push(centre);
            starts.push(lo.min(hi));
            ends.push(hi);
        }
        // Both edges only rise, and each row starts where the row before
        // ends at the latest, so that every step between them is open.
        for i in 1..=n {
            starts[i] = starts[i].max(starts[i - 1]).min(ends[i - 1]);
        }
        for i in (0..n).rev() {
            ends[i] = ends[i].min(ends[i + 1]).max(starts[i]);
        }
        let mut offsets = Vec::with_capacity(n + 2);
        let mut at = 0;
        for i in 0..=n {
            offsets.push(at);
            at += ends[i] + 1 - starts[i];
        }
        offsets.push(at);
        Band {
            n,
            m,
            starts,
            ends,
            offsets,
            centres,
        }
    }

    pub fn lo(&self, i: usize) -> usize {
        self.starts[i.min(self.n)]
    }

    pub fn hi(&self, i: usize) -> usize {
        self.ends[i.min(self.n)]
    }

    pub fn centre(&self, i: usize) -> usize {
        self.centres[i.min(self.n)]
    }

    /// The index of cell (i, j) in per-cell tables, if the band holds it.
    pub fn at(&self, i: usize, j: usize) -> Option<usize> {
        self.at_with_margin(i, j, 0)
    }

    /// The index of cell (i, j) in a table whose rows reach `margin`
    /// columns past the band's.
    pub fn at_with_margin(&self, i: usize, j: usize, margin: usize) -> Option<usize> {
        if i > self.n {
            return None;
        }
        let lo = self.starts[i];
        (j >= lo && j <= self.ends[i] + margin).then(|| self.offsets[i] + margin * i + j - lo)
    }

    /// Cells in a table whose rows reach `margin` columns past the band's.
    pub fn cells_with_margin(&self, margin: usize) -> usize {
        self.offsets[self.n + 1] + margin * (self.n + 1)
    }

    /// The rows whose band holds column `j` (the edges rise, so they are
    /// one run).
    pub fn rows_of(&self, j: usize) -> std::ops::Range<usize> {
        let first = self.ends.partition_point(|&hi| hi < j);
        let end = self.starts.partition_point(|&lo| lo <= j);
        first..end.max(first)
    }

    /// Cells visited: what the search costs.
    pub fn area(&self) -> usize {
        self.offsets[self.n + 1]
    }
}

/// Pairs of units, in order on both sides, that write the same numbers
/// as few times in each text: "3.1.4." in a chapter's contents and over
/// its section, "Article 12", a date. The k-th unit that writes them on one
/// side pairs with the k-th on the other. One number below ten is too
/// common a coincidence to count. Of pairs that cross, the longest chain
/// that does not is kept.
fn anchors(left: &[Unit], right: &[Unit]) -> Vec<(usize, usize)> {
    /// A signature written more often is no landmark.
    const MAX_TIMES: usize = 3;
    fn places(side: &[Unit]) -> HashMap<&[u64], Vec<usize>> {
        let mut seen: HashMap<&[u64], Vec<usize>> = HashMap::new();
        for (i, u) in side.iter().enumerate() {
            let telling = u.numbers.len() >= 2 || u.numbers.first().is_some_and(|&x| x >= 10);
            if telling {
                seen.entry(&u.numbers).or_default().push(i);
            }
        }
        seen
    }
    let right_places = places(right);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (numbers, here) in places(left) {
        if let Some(there) = right_places.get(numbers)
            && here.len() == there.len()
            && here.len() <= MAX_TIMES
        {
            pairs.extend(here.into_iter().zip(there.iter().copied()));
        }
    }
    pairs.sort_unstable();
    longest_chain(&pairs)
}

/// The longest subsequence of `pairs` (sorted by their first member) whose
/// second members rise too: patience sorting, O(k log k).
fn longest_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[l]: index of the pair ending the best chain of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let l = tails.partition_point(|&t| pairs[t].1 < j);
        if l > 0 {
            before[k] = tails[l - 1];
        }
        if l == tails.len() {
            tails.push(k);
        } else {
            tails[l] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(pairs[k]);
        k = before[k];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Block;

    /// Paragraphs numbered like sections ("Section 4.2 …"), of lengths that
    /// vary.
    fn sections(range: std::ops::Range<usize>) -> Vec<Unit> {
        let blocks: Vec<Block> = range
            .map(|k| Block::Paragraph {
                text: format!(
                    "Section {}.{} {}",
                    k / 10,
                    k % 10,
                    "word ".repeat(3 + k % 7)
                ),
            })
            .collect();
        Unit::all(&blocks)
    }

    #[test]
    fn the_band_bends_round_a_passage_one_side_lacks() {
        // 900 sections; the right lacks 150 of them, two thirds in.
        let left = sections(0..900);
        let mut right = sections(0..600);
        right.extend(sections(750..900));
        let band = Band::new(&left, &right);
        // The true path: along the diagonal, then down the left's extra
        // sections, then along the diagonal again.
        let mut path: Vec<(usize, usize)> = (0..=600).map(|i| (i, i)).collect();
        path.extend((601..=750).map(|i| (i, 600)));
        path.extend((751..=900).map(|i| (i, i - 150)));
        for &(i, j) in &path {
            assert!(band.at(i, j).is_some(), "({i}, {j}) outside the band");
        }
        // Anchored, the band is narrower than one around the diagonal.
        assert!(band.area() < 901 * 91, "{}", band.area());
    }

    #[test]
    fn every_row_meets_the_row_before_and_the_corners_are_in() {
        // Anchors far apart in columns and near in rows: a gap on each side.
        let mut left = sections(0..300);
        left.extend(sections(400..700));
        let mut right = sections(0..500);
        right.extend(sections(600..700));
        for (l, r) in [(&left, &right), (&right, &left)] {
            let band = Band::new(l, r);
            assert!(band.at(0, 0).is_some() && band.at(l.len(), r.len()).is_some());
            for i in 1..=l.len() {
                assert!(
                    band.lo(i) <= band.hi(i - 1),
                    "row {i} starts past the row before"
                );
                assert!(band.lo(i) >= band.lo(i - 1) && band.hi(i) >= band.hi(i - 1));
            }
        }
    }

    #[test]
    fn the_longest_chain_drops_pairs_that_cross() {
        let pairs = [(1, 1), (2, 9), (3, 2), (4, 3), (5, 1), (6, 8)];
        assert_eq!(longest_chain(&pairs), vec![(1, 1), (3, 2), (4, 3), (6, 8)]);
        assert!(longest_chain(&[]).is_empty());
    }
}
