//! Paragraph alignment of two or more translations.
//!
//! A length-based dynamic programme of the Gale–Church kind: translated
//! paragraphs have lengths roughly proportional to their originals, so the
//! cheapest sequence of beads (1–1, 1–2, 2–1, 2–2, 1–0, 0–1, and one
//! paragraph with up to six: `MAX_JOIN`) under a normal
//! model of length ratios is the alignment. The model is calibrated per pair
//! from the document itself: a first pass finds the confident 1–1 beads, and
//! their length ratio and spread set the second pass's model, as do the
//! share of merges it found and the words it shows to translate each other
//! (`lexicon`), to which the caller may add words other documents in the
//! same two languages taught (`Lexicon`, learnt from a library). Lengths
//! are counted in comparable units (a Han character weighs about a word of an
//! alphabetic translation). Anchors that survive translation — numbers,
//! list and article numbering, question and exclamation marks, quotes,
//! names through transliteration, headings, signatories, footnotes — make
//! beads that share them cheaper and beads that contradict them dearer. A
//! line left in another script (English links in an Arabic web capture)
//! pairs only with what names the same things (`foreign_cost`).
//!
//! A text in three languages or more aligns each pair with the others'
//! help: every other translation is a bridge (`bridges`), and beads most
//! bridges agree with are cheaper; and a witness (`witnesses`): what a bead
//! says is weighed together with what the other translations' paragraphs
//! that say the same say of it.
//!
//! The search visits a band of the lattice (`band`) that follows the
//! pairs of units only each other can be (the same numbers, written as few
//! times on each side), so that a chapter one translation lacks bends the
//! band instead of leaving the right path outside it.
//!
//! Each bead gets a confidence: how much worse the best alignment that puts
//! its boundaries elsewhere is (forward and backward costs over the band).
//!
//! Written here rather than taken from a crate: no maintained Rust crate
//! implements Gale–Church over arbitrary items with extra anchor costs.

mod band;
mod bridges;
mod features;
mod lexicon;
mod witnesses;

use band::Band;
use bridges::Bridges;
use witnesses::{Side, Witness, Witnesses};

use crate::lang::{Script, ScriptStats};
pub use features::numbers;
use features::{Marks, names, shared};

use crate::library::{Block, ListMarker};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// One bead: consecutive blocks of the left translation paired with
/// consecutive blocks of the right one. Either side may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    pub left: Range<usize>,
    pub right: Range<usize>,
}

impl Bead {
    /// The same bead with the two texts the other way round.
    pub fn swapped(&self) -> Bead {
        Bead {
            left: self.right.clone(),
            right: self.left.clone(),
        }
    }
}

/// A bead and how sure the aligner is of it, from 0 (a guess) to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub bead: Bead,
    pub confidence: f32,
}

/// Below this confidence a bead is worth a second look: on the evaluation
/// texts (`examples/align_eval.rs`, BENCHMARKS.md) about one bead in two
/// below it is wrong, against one in fifty above it.
pub const LOW_CONFIDENCE: f32 = 0.8;

/// What the aligner needs to know about one block.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Length in comparable units (see `features::scan`).
    pub len: f64,
    pub numbers: Vec<u64>,
    pub class: Class,
    marks: Marks,
    names: Vec<u32>,
    /// How many refrains the unit holds: texts that stand as whole units
    /// more than once in the document (a refrain, a formula), whose
    /// translation repeats too. A unit that is one holds one; a paragraph
    /// that joins a refrain to a verse holds it as well.
    refrains: u8,
    /// Its words for the document's own lexicon (`lexicon::words`); only
    /// filled for documents short enough to be aligned twice.
    words: Vec<u32>,
    /// The script most of its letters are in.
    script: Option<Script>,
    /// Whether that script is not its translation's own (`Unit::all`): a
    /// line of English in an Arabic text.
    foreign: bool,
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
        Unit::with_text(block, &block.text())
    }

    fn with_text(block: &Block, text: &str) -> Unit {
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
        let scan = features::scan(text);
        let script = ScriptStats::of_first(text, 120).dominant().map(|(s, _)| s);
        Unit {
            len: scan.len.max(1.0),
            numbers: scan.numbers,
            class,
            marks: scan.marks,
            names: names(text),
            refrains: 0,
            words: Vec::new(),
            script,
            foreign: false,
        }
    }

    /// Units for a document's blocks, with the refrains each holds.
    pub fn all(blocks: &[Block]) -> Vec<Unit> {
        let texts: Vec<String> = blocks.iter().map(|b| b.text().into_owned()).collect();
        let short = blocks.len() <= CALIBRATE_MAX;
        let mut units: Vec<Unit> = blocks
            .iter()
            .zip(&texts)
            .map(|(block, text)| {
                let mut u = Unit::with_text(block, text);
                if short {
                    u.words = lexicon::words(text);
                }
                u
            })
            .collect();
        mark_foreign(&mut units);
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for t in &texts {
            *seen.entry(t.as_str()).or_default() += 1;
        }
        // A paragraph may hold a refrain without being one: a translation
        // that joins verses runs the refrain into the verse after it.
        let is_refrain = |t: &str, n: usize| n >= 2 && t.chars().count() >= 12;
        let mut refrains: Vec<(&str, usize)> = seen
            .iter()
            .filter(|&(t, &n)| is_refrain(t, n))
            .map(|(t, &n)| (*t, n))
            .collect();
        for (u, t) in units.iter_mut().zip(&texts) {
            let n = seen.get(t.as_str()).copied().unwrap_or(0);
            u.refrains = u8::from(is_refrain(t, n));
        }
        // Sought inside other paragraphs: the most frequent short ones (a
        // refrain is a line; the automaton for a long document's repeated
        // paragraphs costs more to build than the alignment).
        refrains.retain(|(t, _)| t.len() <= MAX_REFRAIN_BYTES);
        refrains.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        refrains.truncate(MAX_REFRAINS_SOUGHT);
        let shortest = refrains
            .iter()
            .map(|(t, _)| t.len())
            .min()
            .unwrap_or(usize::MAX);
        let holders: Vec<usize> = (0..units.len())
            .filter(|&k| units[k].refrains == 0 && texts[k].len() > shortest)
            .collect();
        if holders.is_empty() {
            return units;
        }
        let patterns: Vec<&str> = refrains.iter().map(|(t, _)| *t).collect();
        let Ok(finder) = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&patterns)
        else {
            return units;
        };
        for k in holders {
            units[k].refrains = finder.find_iter(texts[k].as_str()).count().min(255) as u8;
        }
        units
    }
}

/// Marks the units written in a script other than the one most of the
/// text is in, where they hold a few words at least.
fn mark_foreign(units: &mut [Unit]) {
    let mut by_script: Vec<(Script, f64)> = Vec::new();
    for u in units.iter() {
        let Some(s) = u.script else { continue };
        match by_script.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += u.len,
            None => by_script.push((s, u.len)),
        }
    }
    let Some(&(main, _)) = by_script.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return;
    };
    for u in units.iter_mut() {
        u.foreign = u.script.is_some_and(|s| s != main) && u.len >= FOREIGN_MIN_LEN;
    }
}

/// Prior probabilities of the bead types (Gale & Church 1993). `bead_cost`
/// uses their −ln, written out; a test checks the two agree.
#[cfg(test)]
const P_ONE_ONE: f64 = 0.89;
#[cfg(test)]
const P_SKIP: f64 = 0.0099 / 2.0;
#[cfg(test)]
const P_MERGE: f64 = 0.089 / 2.0;
#[cfg(test)]
const P_TWO_TWO: f64 = 0.011;
/// Variance of the length ratio per unit of length, before calibration.
const VARIANCE: f64 = 6.8;
/// Documents up to this many blocks a side are aligned twice: the first
/// alignment calibrates the length model and teaches the lexicon.
const CALIBRATE_MAX: usize = 400;
/// How unlikely by chance the meetings of two words across a library's
/// documents must be for `Lexicon::learn` to link them (see
/// `lexicon::learn`).
const LIBRARY_SIGNIFICANCE: f64 = 0.001;
/// The share of a word's lexical evidence that counts: the words of one
/// paragraph are not independent witnesses (a name and its pronoun, a
/// phrase). (Fourth session, on the evaluation texts: 0.25 gave 99.1 /
/// 94.9 %, 0.35 99.0 / 95.0 %, 0.5 and more merged paragraphs that share
/// words. Ninth, with the library's links at half a word's places and the
/// other translations as witnesses: 0.3, 0.4 and 0.5 met both goals in
/// 166, 173 and 174 of 270 pairs of six unseen Quran chapters, 0.4 and 0.5
/// in 350 and 352 of the evaluation texts' 428.)
const LEXICON_WEIGHT: f64 = 0.4;
/// How much dearer (in nats) a bead that joins three paragraphs to one is
/// than one that joins two: translators seldom merge three, but some do (a
/// Turkish Quran joins verses 82–84 of chapter 12), and without such beads
/// the aligner must leave one of the three unpaired. (On the evaluation
/// texts with their other translations, pairs meeting both goals: 285
/// without these beads, 289 at 4, 291 at 5, 291 at 6.5; at the merges'
/// own prior they merged more than they should, third session.)
const THREE_IN_ONE: f64 = 5.0;
/// The most paragraphs one paragraph of the other side may be paired
/// with, and what each beyond three adds to a three-in-one's cost: a
/// translation that renders a passage in one paragraph (the Turkish Quran
/// joins up to twelve verses, 56 of its 5,393 paragraphs four or more; a
/// list run into one sentence) would otherwise leave all but three of the
/// passage unpaired or run out of step to pair them. (Six other Quran
/// chapters in eleven languages, `parallel-data.py --quran`: Turkish pairs
/// 76.6 / 71.3 % equal / perturbed with three at most, 84.7 / 76.5 with six
/// at 1 nat each, 85.6 / 77.8 at 2; on the evaluation texts 336 pairs
/// meeting both goals, 337 and 339. Cost: 1,000 × 1,000 paragraphs 14.5
/// ms, 16.7 with six.)
const MAX_JOIN: usize = 6;
const JOIN_EXTEND: f64 = 2.0;
/// Joins of more than three whose lengths alone cost more than this (in
/// nats) are not weighed further: such a bead is never chosen, and its
/// anchors and witnesses are the dear part of weighing it.
const LONG_JOIN_GATE: f64 = 6.0;
/// The square of the |z| at which `tail_cost` passes `LONG_JOIN_GATE`.
static LONG_JOIN_GATE_Z2: std::sync::LazyLock<f64> = std::sync::LazyLock::new(|| {
    let (mut low, mut high) = (0.0, 64.0);
    for _ in 0..60 {
        let mid = (low + high) / 2.0;
        if tail_cost(mid) > LONG_JOIN_GATE {
            high = mid;
        } else {
            low = mid;
        }
    }
    high * high
});
/// What each paragraph after the first of a run that only one side has
/// costs (in nats), against a skip's prior of 5.3 for the first: what
/// one translation leaves out is often a whole passage (an abridged
/// preamble, an annex, the signatories), and pricing each of its
/// paragraphs as a separate accident made the aligner pair the passage
/// with whatever followed rather than leave it out. (On the UDHR in 40
/// languages nobody tuned for, `align_eval --data`, with other
/// translations: equal / perturbed 95.8 / 95.7 % as separate skips and
/// pruned, 97.1 / 96.9 at 3.5 with `UNPRUNED_AREA`. With pruning, 2 gave
/// 96.6 / 96.2 against 96.0 / 95.6 at 3.5, but on the evaluation texts
/// 325 pairs meeting both goals against 336 (338 as separate skips): the
/// perturbed verses then leave two verses out where a merge was right.)
const SKIP_RUN_EXTEND: f64 = 3.5;
/// Refrains sought inside other paragraphs (`Unit::all`): at most this many,
/// the most frequent, of at most this many bytes.
const MAX_REFRAINS_SOUGHT: usize = 32;
const MAX_REFRAIN_BYTES: usize = 400;
/// What a unit of a bead saves (in nats) when every bridge puts it there
/// (`Bridges::agreement`).
const BRIDGE_WEIGHT: f64 = 1.0;
/// At most this many other translations bridge one pair: bridges err
/// together, and more of them outvote the pair more often (twelve: 283
/// pairs meeting both goals against 291, fifth session).
const MAX_BRIDGES: usize = 6;
/// How much more what the witnesses say of a bead weighs than what the
/// pair's own texts say, when every witness says something (`witnesses`). (On
/// the evaluation texts with their other translations, pairs meeting both
/// goals, with six witnesses: 291 without them, 315 at 1, 317 at 2, 318
/// at 4.)
const WITNESS_WEIGHT: f64 = 2.0;
/// At most this many other translations witness one pair. Unlike bridges,
/// more witnesses keep helping: their errors average out rather than add
/// up. (Pairs meeting both goals: 319 with three, and three bridges; 317
/// with six; 325 with nine, all the evaluation texts have.)
const MAX_WITNESSES: usize = 10;
/// A unit counts as written in a foreign script (`mark_foreign`) from this
/// length on (about two words); shorter, it is a name or a code.
const FOREIGN_MIN_LEN: f64 = 12.0;
/// What pairing a foreign unit with a side in its script whose names it
/// shares none of costs (`foreign_cost`), in nats: more than leaving both
/// unpaired costs (two skips' priors, 5.3 each), whatever their lengths.
const FOREIGN_UNNAMED: f64 = 12.0;

/// What pairing `side`'s foreign units with `other` costs: a line left in
/// another script (English in an Arabic text: a web page's links, a
/// quotation, a list of names) is that script's text on a side written in
/// it, so it names what its counterpart there names. One that names at
/// least two things and shares none of them with a side natively in its
/// script is no translation of it, but a passage the other text lacks.
fn foreign_cost(side: &[Unit], other: &[Unit]) -> f64 {
    side.iter()
        .filter(|u| u.foreign && u.names.len() >= 2)
        .filter(|u| other.iter().any(|o| !o.foreign && o.script == u.script))
        .filter(|u| other.iter().all(|o| shared(&u.names, &o.names) == 0))
        .count() as f64
        * FOREIGN_UNNAMED
}

/// Standard normal upper tail, 2·(1 − Φ(|z|)), as −ln, by the
/// Abramowitz–Stegun erfc (the logarithm taken analytically).
fn normal_tail_cost(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    // erfc = t·exp(−x² + poly)
    -(t.ln() - x * x + poly)
}

/// Share of translated pairs whose lengths follow a law `OUTLIER_SCALE`
/// times wider: a translator's commentary, a verse rendered in a phrase.
/// Without it one such pair costs so much that the aligner merges it with
/// a neighbour and runs out of step to make up for it.
/// (On the evaluation texts: 98.1 / 93.3 % without, 98.6 / 93.5 % with
/// 0.1 and 2; heavier tails help equal counts and hurt perturbed ones.)
const OUTLIER_SHARE: f64 = 0.1;
const OUTLIER_SCALE: f64 = 2.0;

/// The length law: mostly normal, with a wider normal for the outliers,
/// as −ln of the tail (computed in logs: the tails underflow).
fn tail_cost_exact(z: f64) -> f64 {
    let a = normal_tail_cost(z) - (1.0 - OUTLIER_SHARE).ln();
    let b = normal_tail_cost(z / OUTLIER_SCALE) - OUTLIER_SHARE.ln();
    a.min(b) - (-(a - b).abs()).exp().ln_1p()
}

/// `tail_cost_exact` tabulated over |z| < 64 in steps of 1/32, read with
/// linear interpolation: the aligner's innermost loop needs it hundreds of
/// thousands of times a document (the wide half of the law keeps
/// |z| of 16 to 64 common among the beads it weighs).
static TAIL: std::sync::LazyLock<Vec<f64>> = std::sync::LazyLock::new(|| {
    (0..=TAIL_STEPS)
        .map(|k| tail_cost_exact(k as f64 / 32.0))
        .collect()
});

const TAIL_STEPS: usize = 64 * 32;

fn tail_cost(z: f64) -> f64 {
    let at = z.abs() * 32.0;
    if at >= TAIL_STEPS as f64 {
        return tail_cost_exact(z);
    }
    let k = at as usize;
    let f = at - k as f64;
    TAIL[k] + (TAIL[k + 1] - TAIL[k]) * f
}

struct Model<'a> {
    left: &'a [Unit],
    right: &'a [Unit],
    /// How many units of the left text one unit of the right stands for.
    inverse_ratio: f64,
    variance: f64,
    /// Numbers and names each pair of units near the diagonal shares,
    /// counted once rather than for every bead that holds the pair.
    pairs: PairCache,
    /// −ln of the bead priors: 1–1, 2–1 or 1–2, 2–2, 1–0 or 0–1.
    priors: [f64; 4],
    /// How the lexicon's evidence is weighed (`PairCache::rates`).
    rates: Rates,
    /// What the other translations say about the pair.
    bridges: &'a Bridges,
    witnesses: Witnesses<'a>,
}

/// −ln of Gale and Church's priors, worked out once.
const PRIORS: [f64; 4] = [
    0.116_533_816_255_951_5, // −ln P_ONE_ONE
    3.112_266_089_809_942_6, // −ln P_MERGE
    4.509_860_006_183_766,   // −ln P_TWO_TWO
    5.308_367_702_401_538,   // −ln P_SKIP
];

/// Priors of 1–1 beads, merges and skips re-estimated from a first
/// alignment's beads, its counts added to Gale and Church's as if they had
/// been seen in 40 beads: a text with no merges makes merges dearer, one
/// with many cheaper, and so for what one translation leaves out. A run of
/// skips on one side counts once: it is one omission, and
/// `SKIP_RUN_EXTEND` prices its length. 2–2 beads keep their prior.
/// (Re-estimating skips first did worse, 93.7 % perturbed against 94.3 %.
/// With the lexicon and the witnesses, eleventh session: pairs meeting
/// both goals 198 → 200 of 270 on six unseen Quran chapters, and a text
/// that drops a verse pays less for it than for running out of step and
/// merging; BENCHMARKS.md has the held-out figures.)
fn priors_from(beads: &[Bead]) -> [f64; 4] {
    const WEIGHT: f64 = 40.0;
    let mut counts = [0.0f64; 4];
    let mut run_side = None;
    for b in beads {
        let k = match (b.left.len(), b.right.len()) {
            (1, 1) => 0,
            (2, 2) => 2,
            (0, _) | (_, 0) => 3,
            _ => 1,
        };
        let side = (k == 3).then_some(b.left.is_empty());
        if side.is_none() || side != run_side {
            counts[k] += 1.0;
        }
        run_side = side;
    }
    let total: f64 = counts.iter().sum::<f64>() + WEIGHT;
    let mut out = PRIORS;
    for k in [0, 1, 3] {
        // Merges and skips come in two directions, each with half the
        // share.
        let directions = if k == 1 || k == 3 { 2.0 } else { 1.0 };
        let prior = (-PRIORS[k]).exp() * directions;
        let share = (counts[k] + WEIGHT * prior) / total;
        out[k] = -(share / directions).ln();
    }
    out
}

/// How far past a row's band the cached pairs reach: beads span up to
/// `MAX_JOIN` units.
const BEAD_REACH: usize = MAX_JOIN;

struct PairCache {
    band: Band,
    shared: Vec<(u8, u8)>,
    /// Per pair near the diagonal, the words of the left unit whose
    /// translation the right holds, and the other way round (empty
    /// without a lexicon).
    lexical: Vec<(u8, u8)>,
    /// Per unit of each side, its words with a translation in the other
    /// text.
    linked: (Vec<u8>, Vec<u8>),
}

/// How often a word with a translation in the other text finds it across
/// a right bead, and in a unit taken at random (per unit).
#[derive(Debug, Clone, Copy)]
struct Rates {
    found: f64,
    chance: f64,
}

impl Rates {
    /// Before a first alignment has measured them (no lexicon is used
    /// then; tests use these).
    const BEFORE_LEARNING: Rates = Rates {
        found: 0.5,
        chance: 0.05,
    };
}

impl PairCache {
    fn new(left: &[Unit], right: &[Unit]) -> PairCache {
        let band = Band::new(left, right);
        let mut shared_counts = vec![(0u8, 0u8); band.cells_with_margin(BEAD_REACH)];
        for (i, a) in left.iter().enumerate() {
            if a.numbers.is_empty() && a.names.is_empty() {
                continue;
            }
            let end = (band.hi(i) + BEAD_REACH + 1).min(right.len());
            for (j, b) in right.iter().enumerate().take(end).skip(band.lo(i)) {
                fn count<T: Ord>(x: &[T], y: &[T]) -> u8 {
                    if x.is_empty() || y.is_empty() {
                        0
                    } else {
                        shared(x, y).min(255) as u8
                    }
                }
                if let Some(at) = band.at_with_margin(i, j, BEAD_REACH) {
                    shared_counts[at] = (count(&a.numbers, &b.numbers), count(&a.names, &b.names));
                }
            }
        }
        PairCache {
            band,
            shared: shared_counts,
            lexical: Vec::new(),
            linked: (Vec::new(), Vec::new()),
        }
    }

    /// Count, for each pair near the diagonal, the words of each side
    /// whose translation (through `links`) the other holds, and for each
    /// unit its words that have a translation in the other text at all.
    fn learn(&mut self, left: &[Unit], right: &[Unit], links: &[(u32, u32)]) {
        // Without links the tables stay empty, and `lexical` answers 0
        // without looking.
        if links.is_empty() {
            return;
        }
        let back = lexicon::reversed(links);
        let vocabulary = |side: &[Unit]| {
            let mut v: Vec<u32> = side.iter().flat_map(|u| u.words.iter().copied()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let (lv, rv) = (vocabulary(left), vocabulary(right));
        let linked = |side: &[Unit], links: &[(u32, u32)], other: &[u32]| -> Vec<u8> {
            side.iter()
                .map(|u| lexicon::shared(links, &u.words, other).min(255) as u8)
                .collect()
        };
        self.linked = (linked(left, links, &rv), linked(right, &back, &lv));
        self.lexical = vec![(0u8, 0u8); self.band.cells_with_margin(BEAD_REACH)];
        for (i, a) in left.iter().enumerate() {
            if a.words.is_empty() {
                continue;
            }
            let lo = self.band.lo(i);
            let end = (self.band.hi(i) + BEAD_REACH + 1).min(right.len());
            for (j, b) in right.iter().enumerate().take(end).skip(lo) {
                let there = lexicon::shared(links, &a.words, &b.words).min(255) as u8;
                let back_here = lexicon::shared(&back, &b.words, &a.words).min(255) as u8;
                if let Some(at) = self.band.at_with_margin(i, j, BEAD_REACH) {
                    self.lexical[at] = (there, back_here);
                }
            }
        }
    }

    /// How many words of left unit `i` have their translation in right
    /// unit `j`, and the other way round.
    fn lexical(&self, i: usize, j: usize) -> (usize, usize) {
        if self.lexical.is_empty() {
            return (0, 0);
        }
        self.band
            .at_with_margin(i, j, BEAD_REACH)
            .and_then(|at| self.lexical.get(at))
            .map_or((0, 0), |&(x, y)| (x as usize, y as usize))
    }

    /// How often a word finds its translation across a 1–1 bead of
    /// `beads` (`found`), and in the unit two further on (`chance`): the
    /// rates `lexical_cost` weighs evidence with.
    fn rates(&self, beads: &[Bead]) -> Rates {
        let (mut found, mut chance, mut linked) = (0usize, 0usize, 0usize);
        for b in beads {
            if b.left.len() != 1 || b.right.len() != 1 {
                continue;
            }
            let (i, j) = (b.left.start, b.right.start);
            let n = self.linked.0.get(i).map_or(0, |&n| n as usize);
            linked += n;
            found += self.lexical(i, j).0.min(n);
            chance += self.lexical(i, j + 2).0.min(n);
        }
        // Smoothed towards one in two and one in twenty.
        let found = ((found as f64 + 1.0) / (linked as f64 + 2.0)).clamp(0.2, 0.95);
        let chance = ((chance as f64 + 0.5) / (linked as f64 + 10.0)).clamp(0.005, found / 2.0);
        Rates { found, chance }
    }

    /// The lexical evidence for pairing left units `l` with right units
    /// `r`, in nats (negative: a saving): each word that finds its
    /// translation across the bead counts ln(found / chance), chance
    /// growing with the units the other side has, so a merge gains nothing
    /// from being wider. A missing translation counts nothing: translators
    /// paraphrase (weighing misses did worse on the evaluation texts).
    fn lexical_cost(&self, l: Range<usize>, r: Range<usize>, rates: Rates) -> f64 {
        if self.lexical.is_empty() || l.is_empty() || r.is_empty() {
            return 0.0;
        }
        let evidence = |width: usize, found: usize, linked: u8| {
            let chance = (1.0 - (1.0 - rates.chance).powi(width as i32)).min(rates.found * 0.9);
            found.min(linked as usize) as f64 * (rates.found / chance).ln()
        };
        let mut saving = 0.0;
        let mut found_right = [0usize; 2];
        for a in l.clone() {
            let mut found = 0;
            for (k, b) in r.clone().enumerate() {
                let (there, back) = self.lexical(a, b);
                found += there;
                found_right[k.min(1)] += back;
            }
            saving += evidence(r.len(), found, self.linked.0[a]);
        }
        for (k, b) in r.enumerate() {
            saving += evidence(l.len(), found_right[k.min(1)], self.linked.1[b]);
        }
        -LEXICON_WEIGHT * saving
    }

    fn get(&self, left: &[Unit], right: &[Unit], i: usize, j: usize) -> (usize, usize) {
        if let Some(&(n, m)) = self
            .band
            .at_with_margin(i, j, BEAD_REACH)
            .and_then(|at| self.shared.get(at))
            .filter(|_| i < left.len())
        {
            (n as usize, m as usize)
        } else {
            let (a, b) = (&left[i], &right[j]);
            (shared(&a.numbers, &b.numbers), shared(&a.names, &b.names))
        }
    }
}

const STEPS: [(usize, usize); 18] = [
    (1, 1),
    (1, 0),
    (0, 1),
    // Runs of paragraphs only one side has (`SKIP_RUN_EXTEND`); the path
    // is given back as one 1–0 or 0–1 bead per paragraph.
    (2, 0),
    (0, 2),
    (3, 0),
    (0, 3),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (4, 1),
    (1, 4),
    (5, 1),
    (1, 5),
    (6, 1),
    (1, 6),
];

impl Model<'_> {
    fn length_cost(&self, x: f64, y: f64) -> f64 {
        tail_cost(self.z_squared(x, y).sqrt())
    }

    /// How far apart lengths `x` (left) and `y` (right) are under the
    /// model, in standard deviations, squared.
    fn z_squared(&self, x: f64, y: f64) -> f64 {
        let y = y * self.inverse_ratio;
        let mean = (x + y) / 2.0;
        (y - x).powi(2) / (self.variance * mean.max(1.0))
    }

    fn anchor_cost(&self, i: usize, j: usize, l: &[Unit], r: &[Unit]) -> f64 {
        let mut cost = 0.0;
        let (mut common_numbers, mut common_names) = (0, 0);
        for a in i..i + l.len() {
            for b in j..j + r.len() {
                let (n, m) = self.pairs.get(self.left, self.right, a, b);
                common_numbers += n;
                common_names += m;
            }
        }
        cost += self
            .pairs
            .lexical_cost(i..i + l.len(), j..j + r.len(), self.rates);
        // Numbers shared by the two sides.
        let count = |side: &[Unit]| side.iter().map(|u| u.numbers.len()).sum::<usize>();
        let (ln, rn) = (count(l), count(r));
        if ln > 0 && rn > 0 {
            let overlap = common_numbers as f64 / ln.max(rn) as f64;
            cost += 3.0 - 6.0 * overlap.min(1.0);
        } else if ln + rn >= 2 {
            cost += 1.0;
        }
        // Names met on both sides; a missing one proves little (spelling
        // and capitals differ between languages).
        cost -= 1.5 * common_names.min(3) as f64;
        // As many refrains on either side: a refrain pairs with a refrain,
        // a paragraph that joins one to a verse with the refrain and verse.
        let repeats = |side: &[Unit]| side.iter().map(|u| u.refrains as usize).sum::<usize>();
        match (repeats(l), repeats(r)) {
            (0, 0) => {}
            (a, b) if a == b => cost -= 2.0,
            _ => cost += 1.5,
        }
        let marks = |side: &[Unit]| side.iter().fold(Marks::default(), |m, u| m.add(u.marks));
        cost += marks(l).cost(marks(r));
        cost + foreign_cost(l, r) + foreign_cost(r, l)
    }

    /// What the kinds of the units say of pairing them: a heading with a
    /// heading, signatories with signatories; headings, signatories and
    /// footnotes stand alone. Counted for the pair itself only: a
    /// witness's kinds are another importer's guess about another file.
    fn kind_cost(l: &[Unit], r: &[Unit]) -> f64 {
        let mut cost = 0.0;
        if l.len() == 1 && r.len() == 1 {
            cost += match (&l[0].class, &r[0].class) {
                (Class::Numbered(a), Class::Numbered(b)) if a == b => -3.0,
                (Class::Signatories(_), Class::Signatories(_)) => -6.0,
                (Class::Footnote, Class::Footnote) | (Class::Heading, Class::Heading) => -3.0,
                (a, b) if a == b => 0.0,
                // Whether a short line is a heading is the importer's guess,
                // which may differ between languages.
                (Class::Text | Class::Bullet, Class::Text | Class::Bullet)
                | (Class::Text, Class::Heading)
                | (Class::Heading, Class::Text) => 1.0,
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

    /// What the units say of being paired: lengths and anchors, without
    /// the bead's prior or the units' kinds (`kind_cost`). The ranges may
    /// be wider than a bead's.
    fn emission(&self, l: Range<usize>, r: Range<usize>) -> f64 {
        let (Some(lu), Some(ru)) = (self.left.get(l.clone()), self.right.get(r.clone())) else {
            return 0.0;
        };
        let x: f64 = lu.iter().map(|u| u.len).sum();
        let y: f64 = ru.iter().map(|u| u.len).sum();
        self.length_cost(x, y) + self.anchor_cost(l.start, r.start, lu, ru)
    }

    /// Whether a join of more than three paragraphs is not weighed
    /// (`LONG_JOIN_GATE`): `Some(true)` if the joined side is already too
    /// long, so that joining more is dearer still, `Some(false)` if too
    /// short.
    fn join_gated(&self, i: usize, di: usize, j: usize, dj: usize) -> Option<bool> {
        if di.max(dj) <= 3 || di.min(dj) == 0 {
            return None;
        }
        let length = |units: &[Unit]| units.iter().map(|u| u.len).sum::<f64>();
        let x = length(&self.left[i..i + di]);
        let y = length(&self.right[j..j + dj]);
        // length_cost(x, y) > LONG_JOIN_GATE, without the square root and
        // the table: the cost grows with |z|.
        let gated = self.z_squared(x, y) > *LONG_JOIN_GATE_Z2;
        let left_longer = x > y * self.inverse_ratio;
        gated.then_some(if di > dj { left_longer } else { !left_longer })
    }

    fn bead_cost(&self, i: usize, di: usize, j: usize, dj: usize) -> f64 {
        if self.join_gated(i, di, j, dj).is_some() {
            return f64::INFINITY;
        }
        self.weigh(i, di, j, dj)
    }

    /// `bead_cost` of a bead that `join_gated` lets through.
    fn weigh(&self, i: usize, di: usize, j: usize, dj: usize) -> f64 {
        let bridged = BRIDGE_WEIGHT * self.bridges.agreement(i..i + di, j..j + dj);
        if di == 0 || dj == 0 {
            let more = (di + dj).saturating_sub(1) as f64;
            return self.priors[3] + more * SKIP_RUN_EXTEND - bridged;
        }
        let prior = match (di, dj) {
            (1, 1) => self.priors[0],
            (2, 2) => self.priors[2],
            (k, 1) | (1, k) if k >= 3 => {
                self.priors[1] + THREE_IN_ONE + (k - 3) as f64 * JOIN_EXTEND
            }
            _ => self.priors[1],
        };
        let kinds = Self::kind_cost(&self.left[i..i + di], &self.right[j..j + dj]);
        let own = self.emission(i..i + di, j..j + dj);
        // The pair and its witnesses, on one scale: the priors weigh
        // against one emission whatever the number of witnesses.
        let emission = match self.witnesses.cost(i..i + di, j..j + dj) {
            Some((said, share)) => {
                let weight = WITNESS_WEIGHT * share;
                (own + weight * said) / (1.0 + weight)
            }
            None => own,
        };
        prior + kinds + emission - bridged
    }
}

/// The best path through the band, with forward and backward costs.
struct Solved {
    beads: Vec<Bead>,
    forward: Vec<f64>,
    backward: Vec<f64>,
    band: Band,
}

/// Bands up to this many cells are searched without pruning: a passage
/// one side leaves out puts the right path far above the best of each row
/// until the passage ends (a 17-paragraph gap is 60 nats), and pruning cuts
/// it. Two texts of 700 paragraphs with no anchors, or of 1,000 with
/// anchors every few dozen paragraphs (`band`), take about 20 ms
/// unpruned; 1,000 without anchors (100,000 cells) twice that.
const UNPRUNED_AREA: usize = 50_000;

fn solve(model: &Model, with_backward: bool) -> Option<Solved> {
    let prune = model.pairs.band.area() > UNPRUNED_AREA;
    // Pruning may, rarely, cut every path to the corner: then search it all.
    solve_pruned(model, with_backward, prune).or_else(|| solve_pruned(model, with_backward, false))
}

fn solve_pruned(model: &Model, with_backward: bool, prune: bool) -> Option<Solved> {
    let (n, m) = (model.left.len(), model.right.len());
    let band = model.pairs.band.clone();
    let size = band.cells_with_margin(0);
    let mut forward = vec![f64::INFINITY; size];
    let mut step = vec![0u8; size];
    let mut bead = vec![f32::NAN; if with_backward { size * STEPS.len() } else { 0 }];
    forward[0] = 0.0;
    // Nodes far dearer than the best of the row before are not expanded:
    // a path PRUNE nats worse is e^PRUNE times less likely, and skipping
    // them leaves most of the band untouched on long documents.
    const PRUNE: f64 = 24.0;
    let mut best_before = 0.0f64;
    let reach = m.div_ceil(n.max(1)) + 2;
    for i in 0..=n {
        let mut best_here = f64::INFINITY;
        for j in band.lo(i)..=band.hi(i) {
            let Some(here_at) = band.at(i, j) else {
                continue;
            };
            let here = forward[here_at];
            best_here = best_here.min(here);
            // A corridor along the anchors' line is always expanded, so that
            // the corner stays reachable.
            let corridor = j.abs_diff(band.centre(i)) <= reach;
            if !here.is_finite() || prune && !corridor && here > best_before.min(best_here) + PRUNE
            {
                continue;
            }
            // Joins of more than three, per joined side: once one is too
            // long to weigh, longer ones are too (`Model::join_gated`).
            let mut too_long = [false; 2];
            for (s, &(di, dj)) in STEPS.iter().enumerate() {
                let (ni, nj) = (i + di, j + dj);
                let side = usize::from(dj > di);
                if ni > n || nj > m || too_long[side] && di.max(dj) > 3 {
                    continue;
                }
                let Some(at) = band.at(ni, nj) else {
                    continue;
                };
                if let Some(longer) = model.join_gated(i, di, j, dj) {
                    too_long[side] |= longer;
                    continue;
                }
                let c = model.weigh(i, di, j, dj);
                if with_backward {
                    bead[here_at * STEPS.len() + s] = c as f32;
                }
                if here + c < forward[at] {
                    forward[at] = here + c;
                    step[at] = s as u8;
                }
            }
        }
        if best_here.is_finite() {
            best_before = best_here;
        }
    }
    let end = band.at(n, m)?;
    if !forward[end].is_finite() {
        return None;
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let at = band.at(i, j)?;
        let (di, dj) = STEPS[step[at] as usize];
        if di == 0 || dj == 0 {
            // A run left out: a bead per paragraph, as callers expect.
            for k in (0..di.max(dj)).rev() {
                let (a, b) = (i - di + k * di.min(1), j - dj + k * dj.min(1));
                beads.push(Bead {
                    left: a..a + di.min(1),
                    right: b..b + dj.min(1),
                });
            }
        } else {
            beads.push(Bead {
                left: i - di..i,
                right: j - dj..j,
            });
        }
        i -= di;
        j -= dj;
    }
    beads.reverse();
    let mut backward = Vec::new();
    if with_backward {
        backward = vec![f64::INFINITY; size];
        backward[end] = 0.0;
        for i in (0..=n).rev() {
            for j in (band.lo(i)..=band.hi(i)).rev() {
                let Some(here_at) = band.at(i, j) else {
                    continue;
                };
                for (s, &(di, dj)) in STEPS.iter().enumerate() {
                    let (ni, nj) = (i + di, j + dj);
                    let Some(at) = band.at(ni, nj).filter(|_| ni <= n && nj <= m) else {
                        continue;
                    };
                    let c = bead[here_at * STEPS.len() + s] as f64;
                    if c.is_nan() {
                        continue;
                    }
                    let total = c + backward[at];
                    if total < backward[here_at] {
                        backward[here_at] = total;
                    }
                }
            }
        }
    }
    Some(Solved {
        beads,
        forward,
        backward,
        band,
    })
}

/// Ratio and variance of lengths over the confident 1–1 beads of a first
/// alignment: the document's own length model.
fn calibrate(left: &[Unit], right: &[Unit], beads: &[Bead]) -> Option<(f64, f64)> {
    let pairs: Vec<(f64, f64)> = beads
        .iter()
        .filter(|b| b.left.len() == 1 && b.right.len() == 1)
        .map(|b| (&left[b.left.start], &right[b.right.start]))
        // Headings ("Article 1") and short lines say little of the spread.
        .filter(|(a, b)| a.class != Class::Heading && b.class != Class::Heading)
        .filter(|(a, b)| a.len >= 20.0 && b.len >= 20.0)
        .map(|(a, b)| (a.len, b.len))
        .collect();
    if pairs.len() < 8 {
        return None;
    }
    let (sx, sy) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let ratio = sy / sx;
    let mut spread: Vec<f64> = pairs
        .iter()
        .map(|(x, y)| {
            let y = y / ratio;
            (y - x).powi(2) / ((x + y) / 2.0).max(1.0)
        })
        .collect();
    spread.sort_by(f64::total_cmp);
    // The median of a squared standard normal is 0.455.
    let variance = spread[spread.len() / 2] / 0.455;
    Some((ratio, variance.clamp(4.0, 60.0)))
}

/// Confidence of each bead: how much dearer (in nats) the best alignment is
/// that cuts the texts elsewhere at the bead's edges, turned into 0..1.
fn confidences(solved: &Solved) -> Vec<f32> {
    let band = &solved.band;
    let best = solved.forward[band.at(band.n, band.m).unwrap_or(0)];
    let through = |i: usize, j: usize| {
        band.at(i, j)
            .map_or(f64::INFINITY, |a| solved.forward[a] + solved.backward[a])
    };
    // The path's nodes, and per row and column the range of them.
    let mut nodes = vec![(0usize, 0usize)];
    for b in &solved.beads {
        nodes.push((b.left.end, b.right.end));
    }
    let mut row_span = vec![(usize::MAX, 0usize); band.n + 1];
    let mut col_span = vec![(usize::MAX, 0usize); band.m + 1];
    for &(i, j) in &nodes {
        row_span[i] = (row_span[i].0.min(j), row_span[i].1.max(j));
        col_span[j] = (col_span[j].0.min(i), col_span[j].1.max(i));
    }
    let margin = |i: usize, j: usize| {
        let (a, b) = row_span[i];
        let row = (band.lo(i)..=band.hi(i))
            .filter(|&x| x < a || x > b)
            .map(|x| through(i, x))
            .fold(f64::INFINITY, f64::min);
        let (a, b) = col_span[j];
        let col = band
            .rows_of(j)
            .filter(|&y| (y < a || y > b) && band.at(y, j).is_some())
            .map(|y| through(y, j))
            .fold(f64::INFINITY, f64::min);
        row.min(col) - best
    };
    let margins: Vec<f64> = nodes.iter().map(|&(i, j)| margin(i, j)).collect();
    (0..solved.beads.len())
        .map(|k| {
            let m = margins[k].min(margins[k + 1]).max(0.0);
            (1.0 - (-m).exp()) as f32
        })
        .collect()
}

/// Align two sequences of units, with a confidence for each bead. The
/// result is the same (transposed) whichever side is given first.
pub fn align_units_scored(left: &[Unit], right: &[Unit], known: &Lexicon) -> Vec<Scored> {
    run_alone(left, right, known, true)
}

/// Words that translate each other in one pair of languages, learnt from
/// documents that exist in both (a library's): each is aligned, and words
/// met in the same places across all of them are linked (`lexicon::learn`
/// over the documents end to end). A short text of paragraphs alike in
/// length (verses, a list of demands) repeats too few words to teach its
/// own lexicon; the other texts in the same two languages teach it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// (left word, right word), sorted; words as `lexicon::words` hashes.
    links: Vec<(u32, u32)>,
}

impl Lexicon {
    /// Learn from pairs of translations (left language, right language).
    /// Documents too long to be aligned twice (`CALIBRATE_MAX`) are left
    /// out: their units carry no words.
    pub fn learn(documents: &[(&[Block], &[Block])]) -> Lexicon {
        let (mut left, mut right, mut beads) = (Vec::new(), Vec::new(), Vec::new());
        for (l, r) in documents {
            if l.len().max(r.len()) > CALIBRATE_MAX {
                continue;
            }
            let (ul, ur) = (Unit::all(l), Unit::all(r));
            let (dl, dr) = (left.len(), right.len());
            beads.extend(
                run_alone(&ul, &ur, &Lexicon::default(), false)
                    .into_iter()
                    .map(|s| Bead {
                        left: s.bead.left.start + dl..s.bead.left.end + dl,
                        right: s.bead.right.start + dr..s.bead.right.end + dr,
                    }),
            );
            left.extend(ul);
            right.extend(ur);
        }
        Lexicon {
            links: lexicon::learn(&left, &right, &beads, Some(LIBRARY_SIGNIFICANCE)),
        }
    }

    /// How many word pairs it links.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The same lexicon with the languages the other way round.
    pub fn swapped(&self) -> Lexicon {
        Lexicon {
            links: lexicon::reversed(&self.links),
        }
    }
}

/// For `align_all_scored` where no words are known between any texts.
pub fn nothing_known(_: usize, _: usize) -> Lexicon {
    Lexicon::default()
}

/// Align two sequences of units.
pub fn align_units(left: &[Unit], right: &[Unit]) -> Vec<Bead> {
    run_alone(left, right, &Lexicon::default(), false)
        .into_iter()
        .map(|s| s.bead)
        .collect()
}

/// The model the final alignment is made under, and that alignment when
/// the first pass is final (long documents, which are aligned once). `None`
/// when the band misses the corner (very uneven lengths).
fn model_for<'a>(
    left: &'a [Unit],
    right: &'a [Unit],
    known: &Lexicon,
    bridges: &'a Bridges,
    witnesses: Witnesses<'a>,
    scored: bool,
) -> Option<(Model<'a>, Option<Solved>)> {
    let (n, m) = (left.len(), right.len());
    let total = |side: &[Unit]| side.iter().map(|u| u.len).sum::<f64>();
    let (total_l, total_r) = (total(left), total(right));
    let ratio = if total_l > 0.0 && total_r > 0.0 {
        total_r / total_l
    } else {
        1.0
    };
    let mut model = Model {
        left,
        right,
        inverse_ratio: 1.0 / ratio,
        variance: VARIANCE,
        pairs: PairCache::new(left, right),
        priors: PRIORS,
        rates: Rates::BEFORE_LEARNING,
        bridges,
        witnesses,
    };
    model.pairs.learn(left, right, &known.links);
    // Long documents keep the first model: the second pass would double
    // the time, and their length statistics are stable anyway.
    let calibrating = n.max(m) <= CALIBRATE_MAX;
    let first = solve(&model, scored && !calibrating)?;
    if !calibrating {
        return Some((model, Some(first)));
    }
    if let Some((ratio, variance)) = calibrate(left, right, &first.beads) {
        model.inverse_ratio = 1.0 / ratio;
        model.variance = variance;
    }
    model.priors = priors_from(&first.beads);
    let mut links = lexicon::learn(left, right, &first.beads, None);
    links.extend_from_slice(&known.links);
    links.sort_unstable();
    links.dedup();
    model.pairs.learn(left, right, &links);
    model.rates = model.pairs.rates(&first.beads);
    Some((model, None))
}

/// Whether `run` aligns the two texts the other way round: the result must
/// not depend on which is given first.
fn run_order_swapped(left: &[Unit], right: &[Unit]) -> bool {
    let key = |u: &[Unit]| (u.len(), u.iter().map(|x| x.len as u64).collect::<Vec<_>>());
    key(left) > key(right)
}

/// Two texts aligned with no other translation's help.
fn run_alone(left: &[Unit], right: &[Unit], known: &Lexicon, scored: bool) -> Vec<Scored> {
    run(
        left,
        right,
        known,
        &Bridges::default(),
        Witnesses::default(),
        scored,
    )
}

/// The alignment; confidences (a backward pass) only when `scored`.
fn run(
    left: &[Unit],
    right: &[Unit],
    known: &Lexicon,
    bridges: &Bridges,
    witnesses: Witnesses,
    scored: bool,
) -> Vec<Scored> {
    if run_order_swapped(left, right) {
        return run(
            right,
            left,
            &known.swapped(),
            &bridges.swapped(),
            witnesses.swapped(),
            scored,
        )
        .into_iter()
        .map(|s| Scored {
            bead: s.bead.swapped(),
            confidence: s.confidence,
        })
        .collect();
    }
    let everything = || {
        vec![Scored {
            bead: Bead {
                left: 0..left.len(),
                right: 0..right.len(),
            },
            confidence: 0.0,
        }]
    };
    let Some((model, first)) = model_for(left, right, known, bridges, witnesses, scored) else {
        return everything();
    };
    let solved = match first {
        Some(s) => s,
        None => match solve(&model, scored) {
            Some(s) => s,
            None => return everything(),
        },
    };
    let conf = if scored && !solved.backward.is_empty() {
        confidences(&solved)
    } else {
        vec![0.0; solved.beads.len()]
    };
    solved
        .beads
        .into_iter()
        .zip(conf)
        .map(|(bead, confidence)| Scored { bead, confidence })
        .collect()
}

/// Align the blocks of two translations, with a confidence for each bead.
pub fn align_scored(left: &[Block], right: &[Block], known: &Lexicon) -> Vec<Scored> {
    let l = Unit::all(left);
    let r = Unit::all(right);
    align_units_scored(&l, &r, known)
}

/// Align the blocks of two translations.
pub fn align(left: &[Block], right: &[Block]) -> Vec<Bead> {
    align_units(&Unit::all(left), &Unit::all(right))
}

/// Align N translations by pairing each with the first (the pivot). Each
/// row holds, per translation, the range of its blocks; every block of every
/// translation is in exactly one row, in order.
pub fn align_all(translations: &[&[Block]]) -> Vec<Vec<Range<usize>>> {
    let Some(pivot) = translations.first() else {
        return Vec::new();
    };
    let pivot_units = Unit::all(pivot);
    let pairs: Vec<Vec<Bead>> = translations
        .iter()
        .skip(1)
        .map(|t| align_units(&pivot_units, &Unit::all(t)))
        .collect();
    rows_of(translations, &pairs)
}

/// Each of `shown` after the first aligned with the first, with a
/// confidence for each bead. `others` are the text's other translations,
/// which only help: with three texts or more, each pair is aligned with
/// what the others say of it, as bridges (`Bridges`) and as witnesses of
/// every bead (`witnesses`). `known(i, j)` holds the words
/// known to translate each other between texts `i` and `j`, counted
/// through `shown` and then `others`.
pub fn align_pairs_scored(
    shown: &[&[Block]],
    others: &[&[Block]],
    known: &dyn Fn(usize, usize) -> Lexicon,
) -> Vec<Vec<Scored>> {
    let units: Vec<Vec<Unit>> = shown.iter().chain(others).map(|t| Unit::all(t)).collect();
    let no_bridges = Bridges::default();
    // The witnesses of pair (0, t) are texts 1.. other than t, up to
    // MAX_WITNESSES, and the first MAX_BRIDGES of them its bridges: every
    // pair among them and the pair's two texts is aligned on its own, once.
    let count = units.len();
    let witnesses_of = move |t: usize| (1..count).filter(move |&z| z != t).take(MAX_WITNESSES);
    let mut wanted: Vec<(usize, usize)> = Vec::new();
    for t in 1..shown.len() {
        for z in witnesses_of(t) {
            for pair in [(0, z), (z.min(t), z.max(t))] {
                if !wanted.contains(&pair) {
                    wanted.push(pair);
                }
            }
        }
    }
    // Each pair on its own is independent of the others: spread them over
    // the cores (nine witnesses of a 1,000-paragraph text are eighteen
    // alignments, a quarter of a second on one core).
    let jobs: Vec<((usize, usize), Lexicon)> = wanted
        .into_iter()
        .map(|(a, b)| ((a, b), known(a, b)))
        .collect();
    let plain: HashMap<(usize, usize), Plain> =
        crate::parallel::map_each(&jobs, |&((a, b), ref lexicon)| {
            let plain = Plain::new(&units[a], &units[b], lexicon, &no_bridges);
            ((a, b), plain)
        })
        .into_iter()
        .collect();
    let beads = |i: usize, j: usize| -> Vec<Bead> {
        match plain.get(&(i.min(j), i.max(j))) {
            Some(p) if i <= j => p.beads.clone(),
            Some(p) => p.beads.iter().map(Bead::swapped).collect(),
            None => Vec::new(),
        }
    };
    // What witness `z` says from text `text`'s side, about text `other`.
    let side = |text: usize, z: usize, other: usize| -> Option<Side> {
        let pair = plain.get(&(z.min(other), z.max(other)))?;
        let model = pair.model.as_ref()?;
        // The model's left text is the lower-numbered one, unless `run`
        // put them the other way round.
        let witness_left = (z < other) != pair.swapped;
        Some(Side::new(
            &beads(text, z),
            units[text].len(),
            model,
            witness_left,
            &beads(z, other),
        ))
    };
    let pairs: Vec<(usize, Lexicon)> = (1..shown.len()).map(|t| (t, known(0, t))).collect();
    let align_pair = |&(t, ref lexicon): &(usize, Lexicon)| {
        let mut bridges = Bridges::default();
        let mut witnesses = Vec::new();
        for (k, z) in witnesses_of(t).enumerate() {
            if k < MAX_BRIDGES {
                let sizes = (units[0].len(), units[z].len(), units[t].len());
                bridges.add(&beads(0, z), &beads(z, t), sizes);
            }
            if let (Some(from_left), Some(from_right)) = (side(0, z, t), side(t, z, 0)) {
                witnesses.push(Witness {
                    from_left,
                    from_right,
                });
            }
        }
        let witnesses = Witnesses {
            all: &witnesses,
            swapped: false,
        };
        run(&units[0], &units[t], lexicon, &bridges, witnesses, true)
    };
    crate::parallel::map_each(&pairs, align_pair)
}

/// Two texts aligned on their own, as `run` aligns them (the text `run`
/// puts first on the left), with the model of the final pass.
struct Plain<'a> {
    /// `None` when the band missed the corner.
    model: Option<Model<'a>>,
    /// The beads, with the first text given on the left.
    beads: Vec<Bead>,
    /// Whether the model has the second text given on its left.
    swapped: bool,
}

impl<'a> Plain<'a> {
    fn new(a: &'a [Unit], b: &'a [Unit], known: &Lexicon, none: &'a Bridges) -> Plain<'a> {
        let swapped = run_order_swapped(a, b);
        let (left, right, known) = if swapped {
            (b, a, known.swapped())
        } else {
            (a, b, known.clone())
        };
        let everything = vec![Bead {
            left: 0..a.len(),
            right: 0..b.len(),
        }];
        let Some((model, first)) =
            model_for(left, right, &known, none, Witnesses::default(), false)
        else {
            return Plain {
                model: None,
                beads: everything,
                swapped,
            };
        };
        let solved = first.or_else(|| solve(&model, false));
        let beads = match solved {
            Some(s) if swapped => s.beads.iter().map(Bead::swapped).collect(),
            Some(s) => s.beads,
            None => everything,
        };
        Plain {
            model: Some(model),
            beads,
            swapped,
        }
    }
}

/// Rows as `align_all` makes them, with each row's confidence: the lowest
/// of the beads that went into it (1 where nothing was paired). The
/// arguments are `align_pairs_scored`'s.
pub fn align_all_scored(
    shown: &[&[Block]],
    others: &[&[Block]],
    known: &dyn Fn(usize, usize) -> Lexicon,
) -> (Vec<Vec<Range<usize>>>, Vec<f32>) {
    if shown.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let scored = align_pairs_scored(shown, others, known);
    let pairs: Vec<Vec<Bead>> = scored
        .iter()
        .map(|s| s.iter().map(|b| b.bead.clone()).collect())
        .collect();
    let rows = rows_of(shown, &pairs);
    let mut confidence = vec![1.0f32; rows.len()];
    for (k, beads) in scored.iter().enumerate() {
        for b in beads {
            // The row holding the bead's first block in this translation,
            // or in the pivot for a block only the pivot has.
            let (column, first) = if b.bead.right.is_empty() {
                (0, b.bead.left.start)
            } else {
                (k + 1, b.bead.right.start)
            };
            if let Some(r) = rows.iter().position(|row| row[column].contains(&first)) {
                confidence[r] = confidence[r].min(b.confidence);
            }
        }
    }
    (rows, confidence)
}

fn rows_of(translations: &[&[Block]], pairs: &[Vec<Bead>]) -> Vec<Vec<Range<usize>>> {
    let Some(pivot) = translations.first() else {
        return Vec::new();
    };
    if translations.len() == 1 {
        return (0..pivot.len())
            .map(|i| std::iter::once(i..i + 1).collect())
            .collect();
    }
    // A row may end after pivot block p only where every pairing has a bead
    // boundary there.
    let mut cut = vec![true; pivot.len() + 1];
    for beads in pairs {
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
    // blocks. Blocks paired with no pivot block where a row ends (a header
    // only that translation has, a passage the pivot lacks, a web page's
    // trailing links) get a row of their own there, so that they do not
    // stand beside a paragraph they do not translate; inside a row, they
    // stay in it.
    let merge = |range: &mut Range<usize>, more: &Range<usize>| {
        *range = if range.start == range.end {
            more.clone()
        } else {
            range.start.min(more.start)..range.end.max(more.end)
        };
    };
    let mut orphans: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for (k, beads) in pairs.iter().enumerate() {
        let lang = k + 1;
        for b in beads {
            if b.left.is_empty() && cut[b.left.start] && !pivot.is_empty() {
                let row = orphans
                    .entry(b.left.start)
                    .or_insert_with(|| vec![0..0; translations.len()]);
                merge(&mut row[lang], &b.right);
                continue;
            }
            let row = boundaries
                .iter()
                .rposition(|&p| p <= b.left.start)
                .unwrap_or(0)
                .min(rows.len() - 1);
            merge(&mut rows[row][lang], &b.right);
        }
    }
    // Inserted from the last, so that the rows before keep their places.
    for (at, row) in orphans.into_iter().rev() {
        // `at` is a boundary: the row it starts, or the end.
        let place = boundaries.partition_point(|&p| p < at);
        rows.insert(place.min(rows.len()), row);
    }
    rows
}

/// The cost of a given alignment, bead by bead, under the model the
/// aligner's final pass uses (for diagnosing the evaluation harness).
#[doc(hidden)]
pub fn bead_costs(left: &[Block], right: &[Block], known: &Lexicon, beads: &[Bead]) -> Vec<f64> {
    let l = Unit::all(left);
    let r = Unit::all(right);
    // `run` puts the shorter text on the left; so does this.
    if run_order_swapped(&l, &r) {
        let flipped: Vec<Bead> = beads.iter().map(Bead::swapped).collect();
        return bead_costs(right, left, &known.swapped(), &flipped);
    }
    let none = Bridges::default();
    let Some((model, _)) = model_for(&l, &r, known, &none, Witnesses::default(), false) else {
        return vec![f64::INFINITY; beads.len()];
    };
    beads
        .iter()
        .map(|b| model.bead_cost(b.left.start, b.left.len(), b.right.start, b.right.len()))
        .collect()
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
    fn a_paragraph_that_joins_a_refrain_to_a_verse_holds_the_refrain() {
        let refrain = "Which of your Lord's favours will you deny?";
        let blocks = [
            para("The sun and the moon."),
            para(refrain),
            para("The stars and the trees."),
            para(refrain),
            para(&format!("{refrain} He made the heaven.")),
            para(&format!("Twice: {refrain} {refrain}")),
            // Short texts that repeat ("Amen.") are not refrains.
            para("Amen."),
            para("Amen."),
        ];
        let held: Vec<u8> = Unit::all(&blocks).iter().map(|u| u.refrains).collect();
        assert_eq!(held, [0, 1, 0, 1, 1, 2, 0, 0]);
        let unique: Vec<u8> = Unit::all(&blocks[..3]).iter().map(|u| u.refrains).collect();
        assert_eq!(unique, [0, 0, 0]);
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

    /// English paragraphs of `lengths` against a Russian that joins those
    /// in `joined` into one: the joined ones pair with it as one bead, the
    /// rest one to one, and the other way round too.
    fn pairs_the_joined(lengths: &[usize], joined: Range<usize>) {
        let en: Vec<Block> = lengths.iter().map(|&n| para(&"a".repeat(n))).collect();
        let mut ru_lengths = lengths[..joined.start].to_vec();
        ru_lengths.push(lengths[joined.clone()].iter().sum());
        ru_lengths.extend(&lengths[joined.end..]);
        let ru: Vec<Block> = ru_lengths.iter().map(|&n| para(&"б".repeat(n))).collect();
        let one = joined.start..joined.start + 1;
        let beads = align(&en, &ru);
        assert!(
            beads.contains(&Bead {
                left: joined.clone(),
                right: one.clone()
            }),
            "{beads:?}"
        );
        assert_eq!(beads.len(), ru.len(), "{beads:?}");
        assert!(align(&ru, &en).contains(&Bead {
            left: one,
            right: joined
        }));
    }

    #[test]
    fn pairs_a_paragraph_with_the_three_it_joins() {
        // The Russian joins the second, third and fourth paragraphs.
        pairs_the_joined(&[150, 90, 260, 120, 300, 80], 1..4);
    }

    #[test]
    fn pairs_a_paragraph_with_the_six_it_joins() {
        // The Russian renders six short verses as one passage; the rest
        // are one to one, of lengths the model can tell apart.
        let lengths = [150, 60, 45, 70, 50, 65, 55, 300, 80, 210, 120];
        pairs_the_joined(&lengths, 1..7);
        let en: Vec<Block> = lengths.iter().map(|&n| para(&"a".repeat(n))).collect();
        let joined: usize = lengths[1..7].iter().sum();
        // Seven are more than a bead holds: the seventh stands alone
        // rather than pulling its neighbours out of step.
        let mut ru7 = vec![para(&"б".repeat(150))];
        ru7.push(para(&"б".repeat(joined + 300)));
        ru7.extend([80, 210, 120].iter().map(|&n| para(&"б".repeat(n))));
        let beads = align(&en, &ru7);
        for (l, r) in [(8..9, 2..3), (9..10, 3..4), (10..11, 4..5)] {
            assert!(beads.contains(&Bead { left: l, right: r }), "{beads:?}");
        }
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
    fn shared_words_favour_their_pair_and_not_a_wider_bead() {
        let text = |t: &str| Unit::all(&[para(t)]).remove(0);
        let left = [text("alpha sun"), text("beta moon")];
        let right = [text("gamma sol"), text("delta luna")];
        let mut pairs = PairCache::new(&left, &right);
        let (sun, sol) = (lexicon::words("sun")[0], lexicon::words("sol")[0]);
        pairs.learn(&left, &right, &[(sun, sol)]);
        let rates = Rates {
            found: 0.6,
            chance: 0.1,
        };
        let pair = pairs.lexical_cost(0..1, 0..1, rates);
        // Both sides' word finds its translation: twice ln(0.6 / 0.1).
        assert!((pair + LEXICON_WEIGHT * 2.0 * 6f64.ln()).abs() < 1e-9);
        // Across two units chance is higher, so the same words prove less.
        let wider = pairs.lexical_cost(0..1, 0..2, rates);
        assert!(pair < wider && wider < 0.0, "{pair} {wider}");
        // Units that share no linked word gain nothing.
        assert_eq!(pairs.lexical_cost(1..2, 1..2, rates), 0.0);
        assert_eq!(pairs.lexical_cost(0..1, 1..2, rates), 0.0);
    }

    #[test]
    fn a_lexicon_learnt_from_other_documents_finds_the_missing_paragraph() {
        let en = [
            "sunny", "moony", "stars", "trees", "river", "stone", "cloud", "fires", "snows",
            "winds",
        ];
        let es = [
            "solar", "lunar", "astro", "arbol", "riosa", "piedr", "nubes", "fuego", "nieve",
            "vient",
        ];
        // Paragraphs alike in length: only their words tell them apart.
        let text = |key: &str| para(&format!("lorem ipsum dolor sit amet {key} consectetur"));
        let doc = |keys: &[&str]| keys.iter().map(|k| text(k)).collect::<Vec<Block>>();
        // Seven documents, the same paragraphs in other orders (a · i + b
        // mod 10, so that neighbours change): a word met once teaches
        // nothing, met in seven documents it does.
        let order = |keys: &[&str], (a, b): (usize, usize)| {
            let v = doc(keys);
            (0..10)
                .map(|i| v[(a * i + b) % 10].clone())
                .collect::<Vec<Block>>()
        };
        let orders = [(1, 0), (3, 1), (7, 2), (9, 3), (3, 5), (7, 7), (9, 9)];
        let teachers: Vec<(Vec<Block>, Vec<Block>)> = orders
            .iter()
            .map(|&o| (order(&en, o), order(&es, o)))
            .collect();
        let pairs: Vec<(&[Block], &[Block])> = teachers
            .iter()
            .map(|(a, b)| (a.as_slice(), b.as_slice()))
            .collect();
        assert!(Lexicon::learn(&pairs[..1]).is_empty());
        let known = Lexicon::learn(&pairs);
        assert_eq!(known.len(), en.len());
        assert_eq!(known.swapped().swapped(), known);
        // The Spanish lacks the fifth paragraph.
        let left = doc(&en);
        let right: Vec<Block> = doc(&es)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i != 4)
            .map(|(_, b)| b)
            .collect();
        let skip = Bead {
            left: 4..5,
            right: 4..4,
        };
        let beads = |known: &Lexicon| -> Vec<Bead> {
            align_scored(&left, &right, known)
                .into_iter()
                .map(|s| s.bead)
                .collect()
        };
        assert!(beads(&known).contains(&skip), "{:?}", beads(&known));
        assert!(!beads(&Lexicon::default()).contains(&skip));
        // Either way round.
        let flipped: Vec<Bead> = align_scored(&right, &left, &known.swapped())
            .into_iter()
            .map(|s| s.bead)
            .collect();
        assert!(flipped.contains(&Bead {
            left: 4..4,
            right: 4..5
        }));
    }

    #[test]
    fn another_translation_bridges_a_pair_that_shares_nothing() {
        // English and Spanish paragraphs alike in length, with nothing in
        // common; the Spanish lacks the fifth. A third translation shares
        // its numbers with the English and its names with the Spanish.
        let places = [
            "Oslo", "Lima", "Quito", "Dakar", "Hanoi", "Kabul", "Minsk", "Sofia", "Riga", "Tunis",
        ];
        let number = |i: usize| 1000 + 137 * i;
        let en: Vec<Block> = (0..10)
            .map(|i| {
                para(&format!(
                    "lorem ipsum dolor sit amet {} consectetur",
                    number(i)
                ))
            })
            .collect();
        let es: Vec<Block> = (0..10)
            .filter(|&i| i != 4)
            .map(|i| {
                para(&format!(
                    "lorem ipsum dolor sit amet en {} adipiscing",
                    places[i]
                ))
            })
            .collect();
        let third: Vec<Block> = (0..10)
            .map(|i| {
                para(&format!(
                    "lorem ipsum {} sit amet in {} elit",
                    number(i),
                    places[i]
                ))
            })
            .collect();
        let beads = |shown: [&[Block]; 2], others: &[&[Block]]| -> Vec<Bead> {
            align_pairs_scored(&shown, others, &nothing_known)
                .concat()
                .into_iter()
                .map(|s| s.bead)
                .collect()
        };
        let expected: Vec<Bead> = (0..10)
            .map(|i| Bead {
                left: i..i + 1,
                right: match i {
                    0..4 => i..i + 1,
                    4 => 4..4,
                    _ => i - 1..i,
                },
            })
            .collect();
        assert_eq!(beads([&en, &es], &[&third]), expected);
        // Alone, the pair cannot tell which paragraph is missing.
        assert_ne!(beads([&en, &es], &[]), expected);
        // Either way round.
        let flipped: Vec<Bead> = expected.iter().map(Bead::swapped).collect();
        assert_eq!(beads([&es, &en], &[&third]), flipped);
        // Three columns: the third bridges the first pair, the second the
        // pair of the first and third.
        let (rows, _) = align_all_scored(&[&en, &es, &third], &[], &nothing_known);
        assert_eq!(rows.len(), 10);
        assert_eq!(rows[4], vec![4..5, 4..4, 4..5]);
    }

    #[test]
    fn prior_costs_match_the_probabilities() {
        let model_cost = |di, dj| {
            let u = [Unit::of(&para("x")), Unit::of(&para("x"))];
            let (ratio, variance) = (1.0, VARIANCE);
            let m = Model {
                left: &u,
                right: &u,
                inverse_ratio: 1.0 / ratio,
                variance,
                pairs: PairCache::new(&u, &u),
                priors: PRIORS,
                rates: Rates::BEFORE_LEARNING,
                bridges: &Bridges::default(),
                witnesses: Witnesses::default(),
            };
            m.bead_cost(0, di, 0, dj)
        };
        assert!((model_cost(1, 0) + P_SKIP.ln()).abs() < 1e-9);
        assert!((-P_ONE_ONE.ln() - 0.116_533_816_255_951_5).abs() < 1e-9);
        assert!((-P_MERGE.ln() - 3.112_266_089_809_942_6).abs() < 1e-9);
        assert!((-P_TWO_TWO.ln() - 4.509_860_006_183_766).abs() < 1e-9);
    }

    /// A bead at `i` on both sides, `di` units wide on the left, `dj` on
    /// the right.
    fn bead(i: usize, di: usize, dj: usize) -> Bead {
        Bead {
            left: i..i + di,
            right: i..i + dj,
        }
    }

    #[test]
    fn priors_follow_the_first_alignment() {
        let ones: Vec<Bead> = (0..100).map(|i| bead(i, 1, 1)).collect();
        let merges: Vec<Bead> = (0..100)
            .map(|i| {
                if i % 3 == 0 {
                    bead(i, 2, 1)
                } else {
                    bead(i, 1, 1)
                }
            })
            .collect();
        let (plain, merged) = (priors_from(&ones), priors_from(&merges));
        assert!(plain[1] > PRIORS[1] && merged[1] < PRIORS[1]);
        assert!(plain[0] < merged[0]);
        // 2–2 beads keep Gale and Church's prior.
        assert_eq!(plain[2], PRIORS[2]);
        assert_eq!(merged[2], PRIORS[2]);
    }

    #[test]
    fn skips_cost_what_the_first_alignment_found_them_to_be() {
        let ones: Vec<Bead> = (0..40).map(|i| bead(i, 1, 1)).collect();
        // Three paragraphs left out in three places…
        let scattered: Vec<Bead> = (0..40)
            .map(|i| bead(i, 1, usize::from(i % 13 != 5)))
            .collect();
        // …and in one run, which is one omission (`SKIP_RUN_EXTEND` prices
        // the rest of the run).
        let run: Vec<Bead> = (0..40)
            .map(|i| bead(i, 1, usize::from(!(20..23).contains(&i))))
            .collect();
        let (none, three, one) = (
            priors_from(&ones)[3],
            priors_from(&scattered)[3],
            priors_from(&run)[3],
        );
        assert!(none > PRIORS[3], "{none}");
        assert!(three < one && one < PRIORS[3], "{three} {one}");
        // A skip the other way after one leaves a run: a new omission.
        let mut both = run.clone();
        both[23] = Bead {
            left: 23..23,
            right: 23..24,
        };
        assert!(priors_from(&both)[3] < one);
    }

    #[test]
    fn the_tail_table_follows_the_formula() {
        for k in 0..8000 {
            let z = k as f64 * 0.0093;
            assert!((tail_cost(z) - tail_cost_exact(z)).abs() < 1e-3, "{z}");
        }
        assert!(tail_cost(0.0).abs() < 1e-6);
    }

    #[test]
    fn a_header_only_one_translation_has_gets_a_row_of_its_own() {
        let en = [para(&"a".repeat(100)), para(&"b".repeat(400))];
        let ru = [
            Block::Heading {
                level: 2,
                text: "International Coordination".into(),
            },
            para(&"а".repeat(100)),
            para(&"б".repeat(400)),
        ];
        let rows = align_all(&[&en, &ru]);
        assert_eq!(
            rows,
            vec![vec![0..0, 0..1], vec![0..1, 1..2], vec![1..2, 2..3]]
        );
    }

    fn link(left: Range<usize>, right: Range<usize>) -> Bead {
        Bead { left, right }
    }

    #[test]
    fn a_passage_only_one_translation_has_between_rows_gets_a_row_of_its_own() {
        let en = [para(&"a".repeat(100)), para(&"b".repeat(400))];
        let pairs = vec![vec![
            link(0..1, 0..1),
            link(1..1, 1..3),
            link(1..2, 3..4),
            link(2..2, 4..5),
        ]];
        let ru: Vec<Block> = (0..5).map(|_| para("б")).collect();
        // The rows with no pivot block hold the pivot's empty 0..0.
        assert_eq!(
            rows_of(&[&en, &ru], &pairs),
            vec![
                vec![0..1, 0..1],
                vec![0..0, 1..3],
                vec![1..2, 3..4],
                vec![0..0, 4..5]
            ]
        );
    }

    #[test]
    fn a_passage_inside_a_row_stays_in_it() {
        // The second pairing joins pivot blocks 0 and 1: no row ends
        // between them, so the first pairing's block between them stays.
        let en = [para("a"), para("b")];
        let ru = [para("а"), para("x"), para("б")];
        let es = [para("c")];
        let pairs = vec![
            vec![link(0..1, 0..1), link(1..1, 1..2), link(1..2, 2..3)],
            vec![link(0..2, 0..1)],
        ];
        assert_eq!(
            rows_of(&[&en, &ru, &es], &pairs),
            vec![vec![0..2, 0..3, 0..1]]
        );
    }

    #[test]
    fn a_line_in_another_script_pairs_only_with_what_it_names() {
        let en = [
            "The congress of the parties met in Athens and adopted this statement.",
            "Workers of all lands, unite!",
            "The statement is open for further subscriptions",
        ]
        .map(para)
        .to_vec();
        let ar = [
            "اجتمع مؤتمر الأحزاب في أثينا واعتمد هذا البيان.",
            "يا عمال العالم اتحدوا!",
            "April 25, 2025 - April 27, 2025 - Madrid, Spain: XII Congress",
        ]
        .map(para)
        .to_vec();
        let units = (Unit::all(&en), Unit::all(&ar));
        assert!(units.1[2].foreign && !units.1[0].foreign);
        assert!(!units.0.iter().any(|u| u.foreign));
        // Unrelated: it names Madrid and Spain, the English line nothing.
        assert_eq!(foreign_cost(&units.1[2..], &units.0[2..]), FOREIGN_UNNAMED);
        // A line that names what the English names is its copy.
        let copy = Unit::all(&[para("The XII Congress met in Madrid, Spain")]);
        assert_eq!(foreign_cost(&units.1[2..], &copy), 0.0);
        // Nothing is asked of a side written in another script.
        assert_eq!(foreign_cost(&units.1[2..], &units.1[..1]), 0.0);
        let beads = align(&en, &ar);
        assert!(
            beads.iter().any(|b| b.right == (2..3) && b.left.is_empty()),
            "{beads:?}"
        );
    }

    #[test]
    fn rows_carry_the_confidence_of_their_beads() {
        let en = [para(&"a".repeat(100)), para(&"b".repeat(400))];
        let ru = [para(&"а".repeat(100)), para(&"б".repeat(400))];
        let (rows, confidence) = align_all_scored(&[&en, &ru], &[], &nothing_known);
        assert_eq!(rows, align_all(&[&en, &ru]));
        assert_eq!(confidence.len(), rows.len());
        assert!(confidence.iter().all(|c| (0.0..=1.0).contains(c)));
        assert_eq!(
            align_all_scored(&[], &[], &nothing_known),
            (Vec::new(), Vec::new())
        );
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
