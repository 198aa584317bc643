//! Bidi levels of a paragraph (UAX #9, by the `unicode-bidi` crate) and the
//! visual order of a line.
//!
//! The crate is given a shortened copy of the text: every run of characters
//! of one strong or number class (L, R, AL, EN, AN), with the non-spacing
//! marks that follow it, becomes one character of that class. UAX #9 gives
//! every character of such a run the same level, and the rules only look at
//! a run as a whole (the nearest strong type, whether a number is next to a
//! separator, the strong types around neutrals and inside brackets), so the
//! levels of the short text, spread back over the runs, are the levels of the
//! whole text. Whitespace between two runs of the same strong class (L, R or
//! AL) joins them: rule N1 gives it their direction, so their level. (Not
//! between numbers: there N1 gives whitespace the direction R, which need
//! not be the numbers' level.) Other whitespace, one unit per stretch, is
//! left to the crate, and rule L1, which looks at each character's own
//! class, is applied per line outside it. In Arabic prose a sentence up to
//! its punctuation becomes one unit, and the crate's work, once the largest
//! part of the layout, becomes a small one.
//! `tests/bidi_conformance.rs` runs Unicode's test data through this path and
//! a property test compares it with the crate on the whole text.

use std::ops::Range;
use std::sync::LazyLock;
use unicode_bidi::utf16::ParagraphBidiInfo;
use unicode_bidi::{BidiClass, BidiDataSource, Level};

/// unicode-bidi's own class data behind a table for the Basic Multilingual
/// Plane: the crate looks every character up by binary search, which was
/// an eighth of the layout's time on Arabic text. Same data, same answers.
struct BmpBidiData(&'static [BidiClass]);

static BMP_BIDI_CLASSES: LazyLock<Vec<BidiClass>> = LazyLock::new(|| {
    (0u32..0x10000)
        .map(|u| char::from_u32(u).map_or(BidiClass::L, unicode_bidi::bidi_class))
        .collect()
});

impl BidiDataSource for BmpBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        match self.0.get(c as usize) {
            Some(class) => *class,
            None => unicode_bidi::bidi_class(c),
        }
    }
}

/// The character that stands for a run of class `class` in the short text,
/// for the classes whose runs are shortened.
fn stand_in(class: BidiClass) -> Option<u16> {
    use BidiClass::{AL, AN, EN, L, R};
    match class {
        L => Some(u16::from(b'a')),
        R => Some(0x05D0),  // HEBREW LETTER ALEF
        AL => Some(0x0627), // ARABIC LETTER ALEF
        EN => Some(u16::from(b'0')),
        AN => Some(0x0660), // ARABIC-INDIC DIGIT ZERO
        _ => None,
    }
}

/// A paragraph's text for the bidi algorithm, given a character at a time.
pub(super) struct BidiInput {
    /// The short text given to unicode-bidi.
    short: Vec<u16>,
    /// How many UTF-16 units of the paragraph each unit of `short` stands for.
    stands_for: Vec<u32>,
    /// The class of each UTF-16 unit of the paragraph.
    classes: Vec<BidiClass>,
    /// The class of the run the last unit of `short` stands for, while
    /// another character may join it.
    open_run: Option<BidiClass>,
    /// Whitespace after a strong run, held back: it joins the run if a
    /// character of the run's class follows, and is one unit of its own if
    /// anything else does.
    held_spaces: u32,
    data: BmpBidiData,
}

impl BidiInput {
    /// Room for `units` UTF-16 units.
    pub(super) fn with_capacity(units: usize) -> BidiInput {
        BidiInput {
            short: Vec::with_capacity(units / 2 + 8),
            stands_for: Vec::with_capacity(units / 2 + 8),
            classes: Vec::with_capacity(units),
            open_run: None,
            held_spaces: 0,
            data: BmpBidiData(&BMP_BIDI_CLASSES),
        }
    }

    /// UTF-16 units of the paragraph so far: where the next character starts.
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.classes.len()
    }

    #[inline]
    pub(super) fn push(&mut self, c: char) {
        let class = self.data.bidi_class(c);
        let units = c.len_utf16();
        self.classes.push(class);
        if units == 2 {
            self.classes.push(class);
        }
        if let Some(run) = self.open_run
            && let Some(count) = self.stands_for.last_mut()
        {
            if class == run || (class == BidiClass::NSM && self.held_spaces == 0) {
                *count += self.held_spaces + units as u32;
                self.held_spaces = 0;
                return;
            }
            if class == BidiClass::WS && matches!(run, BidiClass::L | BidiClass::R | BidiClass::AL)
            {
                self.held_spaces += units as u32;
                return;
            }
        }
        self.release_spaces();
        self.open_run = None;
        if let Some(unit) = stand_in(class) {
            self.short.push(unit);
            self.stands_for.push(units as u32);
            self.open_run = Some(class);
        } else {
            let mut buffer = [0u16; 2];
            for &unit in c.encode_utf16(&mut buffer).iter() {
                self.short.push(unit);
                self.stands_for.push(1);
            }
        }
    }

    /// Whitespace held back becomes one unit of the short text.
    fn release_spaces(&mut self) {
        if self.held_spaces > 0 {
            self.short.push(u16::from(b' '));
            self.stands_for.push(self.held_spaces);
            self.held_spaces = 0;
        }
    }

    /// Resolve the levels, with the paragraph level given or (if `None`)
    /// taken from the first strong character.
    pub(super) fn resolve(mut self, paragraph: Option<Level>) -> ParagraphLevels {
        self.release_spaces();
        let info = ParagraphBidiInfo::new_with_data_source(&self.data, &self.short, paragraph);
        let mut levels = Vec::with_capacity(self.classes.len());
        for (&level, &count) in info.levels.iter().zip(&self.stands_for) {
            levels.extend(std::iter::repeat_n(level, count as usize));
        }
        ParagraphLevels {
            paragraph: info.paragraph_level,
            levels,
            classes: self.classes,
        }
    }

    /// Resolve on the whole text, without shortening it: what the shortened
    /// text must agree with.
    #[cfg(test)]
    fn resolve_in_full(self, text: &str, paragraph: Option<Level>) -> ParagraphLevels {
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let info = ParagraphBidiInfo::new_with_data_source(&self.data, &utf16, paragraph);
        ParagraphLevels {
            paragraph: info.paragraph_level,
            levels: info.levels,
            classes: info.original_classes,
        }
    }
}

/// The resolved levels of a paragraph, one per UTF-16 unit of its text.
pub(super) struct ParagraphLevels {
    pub(super) paragraph: Level,
    levels: Vec<Level>,
    classes: Vec<BidiClass>,
}

/// The visual order of a line's units.
pub(super) enum LineOrder {
    /// All at one level: in logical order, or reversed if the level is
    /// right-to-left (most lines of a paragraph in one script).
    Uniform(Level),
    /// Unit indexes in visual order, each with its level.
    Mixed(Vec<(usize, Level)>),
}

impl LineOrder {
    /// The units of `line` in visual order, each with its level.
    pub(super) fn units(self, line: Range<usize>) -> Vec<(usize, Level)> {
        match self {
            LineOrder::Uniform(level) if level.is_rtl() => line.rev().map(|i| (i, level)).collect(),
            LineOrder::Uniform(level) => line.map(|i| (i, level)).collect(),
            LineOrder::Mixed(order) => order,
        }
    }
}

/// Visual order of the units (graphemes on screen; code points in the
/// conformance test) of one line. `line` indexes the units; `unit(i)` is
/// the UTF-16 range of unit `i` in the paragraph.
///
/// unicode-bidi's own per-line step (`visual_runs`) copies the levels of
/// the whole paragraph for every line and decodes its characters again,
/// which made long paragraphs cost more per line the longer they were. So
/// rule L1 is applied here to the line's levels alone (`line_levels`,
/// following the crate's rules), and the crate's `reorder_visual` does L2.
pub(super) fn visual_order(
    bidi: &ParagraphLevels,
    line: Range<usize>,
    unit: impl Fn(usize) -> Range<usize>,
) -> LineOrder {
    let span = unit(line.start).start..unit(line.end - 1).end;
    let levels = line_levels(bidi, span.clone());
    if let Some(&first) = levels.first()
        && levels.iter().all(|&level| level == first)
    {
        return LineOrder::Uniform(first);
    }
    let unit_levels: Vec<Level> = line
        .clone()
        .map(|i| levels[unit(i).start - span.start])
        .collect();
    LineOrder::Mixed(
        unicode_bidi::BidiInfo::reorder_visual(&unit_levels)
            .into_iter()
            .map(|i| (line.start + i, unit_levels[i]))
            .collect(),
    )
}

/// The levels of the code units in `span` (one line) after rule L1 of
/// UAX #9: segment and paragraph separators, and whitespace and isolate
/// formatting characters before them or at the end of the line, go back to
/// the paragraph level; characters removed by rule X9 take the level of the
/// character before them. Both units of a surrogate pair share a class, so
/// this works unit by unit.
fn line_levels(bidi: &ParagraphLevels, span: Range<usize>) -> Vec<Level> {
    use unicode_bidi::BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
    let classes = &bidi.classes[span.clone()];
    let mut levels = bidi.levels[span].to_vec();
    let paragraph = bidi.paragraph;
    // Where a run of whitespace that may go back to the paragraph level began.
    let mut reset_from: Option<usize> = Some(0);
    let mut previous = paragraph;
    for i in 0..levels.len() {
        match classes[i] {
            B | S => {
                for level in &mut levels[reset_from.unwrap_or(i)..=i] {
                    *level = paragraph;
                }
                reset_from = None;
            }
            WS | FSI | LRI | RLI | PDI => {
                reset_from.get_or_insert(i);
            }
            RLE | LRE | RLO | LRO | PDF | BN => {
                reset_from.get_or_insert(i);
                levels[i] = previous;
            }
            _ => reset_from = None,
        }
        previous = levels[i];
    }
    if let Some(from) = reset_from {
        for level in &mut levels[from..] {
            *level = paragraph;
        }
    }
    levels
}

/// `text` laid out as one line: its code points in visual order as UAX #9
/// defines it (without rule L3, so marks follow their base in logical order
/// only), and each code point's level after rule L1. Code points that rule
/// X9 removes are left out of the order and have no level. This is the
/// reordering the layout uses, exposed for the conformance test.
pub fn visual_line(
    text: &str,
    paragraph: Option<super::Direction>,
) -> (Vec<usize>, Vec<Option<u8>>) {
    let paragraph = paragraph.map(|d| match d {
        super::Direction::Rtl => Level::rtl(),
        super::Direction::Ltr => Level::ltr(),
    });
    let mut input = BidiInput::with_capacity(text.len());
    let units: Vec<Range<usize>> = text
        .chars()
        .map(|c| {
            let start = input.len();
            input.push(c);
            start..input.len()
        })
        .collect();
    if units.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let bidi = input.resolve(paragraph);
    let removed: Vec<bool> = text
        .chars()
        .map(|c| {
            matches!(unicode_bidi::bidi_class(c), BidiClass::BN)
                || super::sanitize::is_bidi_control(c)
        })
        .collect();
    let line = line_levels(&bidi, 0..bidi.levels.len());
    let levels = units
        .iter()
        .zip(&removed)
        .map(|(u, &removed)| (!removed).then(|| line[u.start].number()))
        .collect();
    let order = visual_order(&bidi, 0..units.len(), |i| units[i].clone())
        .units(0..units.len())
        .into_iter()
        .map(|(i, _)| i)
        .filter(|&i| !removed[i])
        .collect();
    (order, levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_bidi_class_table_agrees_with_unicode_bidi() {
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            assert_eq!(
                BmpBidiData(&BMP_BIDI_CLASSES).bidi_class(c),
                unicode_bidi::bidi_class(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn runs_of_one_class_are_shortened_to_one_unit() {
        let mut input = BidiInput::with_capacity(32);
        // "في 2023 (ب)": letters, a mark, space, digits, brackets.
        for c in "فِي 2023 (بب)".chars() {
            input.push(c);
        }
        assert_eq!(input.short.len(), 7, "{:x?}", input.short);
        assert_eq!(input.stands_for, vec![3, 1, 4, 1, 1, 2, 1]);
        assert_eq!(input.len(), 13);
        // Words of one class with the spaces between them are one unit;
        // spaces between numbers are not.
        let mut input = BidiInput::with_capacity(32);
        for c in "في  بيت 12 34".chars() {
            input.push(c);
        }
        input.release_spaces();
        assert_eq!(input.stands_for, vec![7, 1, 2, 1, 2]);
    }

    /// Characters of every bidi class, and some that pair as brackets.
    fn any_bidi_text() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = concat!(
            "aZé\u{5D0}\u{5D1}\u{627}\u{644}\u{61C}\u{200E}\u{200F}09\u{660}\u{6F1}",
            "+-#$%,.:/\u{A0}   \u{2003}\u{C}\t\u{2029}\u{1F}!\"()[]{}«»\u{2329}\u{3009}",
            "\u{300}\u{64E}\u{651}\u{200D}\u{AD}\u{1D7CE}\u{10900}\u{1EE00}\u{10E60}\u{1F600}",
            // Explicit embeddings, overrides and isolates: the sanitiser
            // never lets them through, but the shortening holds with them.
            "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}",
        )
        .chars()
        .collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..60)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn shortened_text_resolves_like_the_whole_text(
            text in any_bidi_text(),
            direction in proptest::option::of(any::<bool>()),
        ) {
            let paragraph = direction.map(|rtl| if rtl { Level::rtl() } else { Level::ltr() });
            let fill = |text: &str| {
                let mut input = BidiInput::with_capacity(text.len());
                text.chars().for_each(|c| input.push(c));
                input
            };
            let short = fill(&text).resolve(paragraph);
            let full = fill(&text).resolve_in_full(&text, paragraph);
            prop_assert_eq!(short.paragraph, full.paragraph);
            // The crate records an FSI as the LRI or RLI it resolved to.
            let initiator = |class: &BidiClass| match class {
                BidiClass::FSI | BidiClass::RLI => BidiClass::LRI,
                other => *other,
            };
            prop_assert!(short.classes.iter().map(initiator).eq(full.classes.iter().map(initiator)));
            // Characters removed by rule X9 (BN) get a level the rules do not
            // define; both versions give them one the line step overwrites.
            let line = |bidi: &ParagraphLevels| line_levels(bidi, 0..bidi.levels.len());
            prop_assert_eq!(line(&short), line(&full));
        }
    }
}
