//! A test on a paragraph as written, before it is folded: whether a query
//! can match it at all. A streamed search ([`super::stream`]) reads every
//! paragraph of the library, and folding and transliterating them was
//! three quarters of its time; most paragraphs cannot match, and this test
//! sees that at a fraction of the cost.
//!
//! A term matches only if its letters occur in order in the folded text,
//! or (a Latin term) in the transliteration: each letter must come from
//! some character of the paragraph whose folding (or transliteration)
//! holds it. Per query, a table says which of the query's letters each
//! character gives (made from the folding tables themselves, so every case,
//! diacritic and script is counted); one pass over the characters follows
//! each term's letters. Characters past the tables may give any letter.
//! The test is loose (a character giving two letters may stand for both),
//! never strict: it passes every paragraph the query matches.
//! Hand-written: no crate knows the folding.

use super::fold::{self, letter_bits, skeleton};
use super::query::Query;

/// The letters of a query's positive terms, to follow through a paragraph.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// Per code point below the tables' end, the bits of the query's
    /// letters its folding gives (low half) and its transliteration gives
    /// (high half).
    table: Vec<u64>,
    /// Per positive term, three chains of letter bits to find in order: in
    /// the folded text; then, for a Latin term, in the transliteration of
    /// text in an alphabet, and in that of text in an abjad (consonants).
    chains: Vec<Vec<u64>>,
    /// Per positive term, its letters as ASCII text gives them (a letter
    /// and its capital), or `None` if ASCII text cannot give them all.
    ascii: Vec<Option<Vec<[u8; 2]>>>,
}

/// At most this many positive terms are followed (three chains each).
const TERMS: usize = 8;
/// Letters of the folded text and of the transliteration get a half each.
const LETTERS: usize = 32;

impl Prefilter {
    /// The test for `query`; `None` when it cannot tell anything (no
    /// positive term) or the query is too long for it.
    pub fn new(query: &Query) -> Option<Prefilter> {
        let mut letters: Vec<char> = Vec::new();
        let mut chain = |text: &str| -> Vec<char> {
            let chars: Vec<char> = text.chars().collect();
            for &c in &chars {
                if !letters.contains(&c) {
                    letters.push(c);
                }
            }
            chars
        };
        let terms: Vec<[Vec<char>; 3]> = query
            .terms
            .iter()
            .filter(|t| !t.negated)
            .map(|t| {
                // Letters that every spelling of the term holds.
                let script = chain(t.shared_letters());
                if !t.folded.is_ascii() {
                    return [script, Vec::new(), Vec::new()];
                }
                let loose = fold::loose(&t.folded);
                let consonants = skeleton(&loose);
                [script, chain(&loose), chain(&consonants)]
            })
            .collect();
        if terms.is_empty() || terms.len() > TERMS || letters.len() > LETTERS {
            return None;
        }
        let (fold, translit) = letter_bits(&letters);
        let bit = |c: &char| letters.iter().position(|l| l == c).map_or(0, |i| 1u64 << i);
        let chains = terms
            .iter()
            .flat_map(|[script, loose, consonants]| {
                [
                    script.iter().map(bit).collect(),
                    loose.iter().map(|c| bit(c) << LETTERS).collect(),
                    consonants.iter().map(|c| bit(c) << LETTERS).collect(),
                ]
            })
            .collect();
        let ascii = terms
            .iter()
            .map(|[script, ..]| {
                script
                    .iter()
                    .map(|&c| {
                        let b = u8::try_from(c).ok().filter(u8::is_ascii)?;
                        Some([b, b.to_ascii_uppercase()])
                    })
                    .collect()
            })
            .collect();
        Some(Prefilter {
            ascii,
            table: fold
                .iter()
                .zip(&translit)
                .map(|(f, t)| f | t << LETTERS)
                .collect(),
            chains,
        })
    }

    /// Whether `text` (a paragraph as written) may match the query: every
    /// positive term's letters occur in order in its folding, or, for a
    /// Latin term, in its transliteration.
    pub fn may_match(&self, text: &str) -> bool {
        if text.is_ascii() {
            // ASCII folds to its lower case and has no transliteration:
            // each term's letters, in either case, in order (memchr).
            return self.ascii.iter().all(|letters| {
                letters
                    .as_ref()
                    .is_some_and(|l| in_order(text.as_bytes(), l))
            });
        }
        let mut at = [0usize; 3 * TERMS];
        let next = |at: &[usize]| {
            self.chains.iter().zip(at).fold(0, |want, (chain, &k)| {
                want | chain.get(k).copied().unwrap_or(0)
            })
        };
        // The bits of the next letter of every chain: most characters give
        // none of them, and cost one look-up.
        let mut want = next(&at);
        for c in text.chars() {
            let bits = self.table.get(c as usize).copied().unwrap_or(u64::MAX);
            if bits & want == 0 {
                continue;
            }
            for (chain, k) in self.chains.iter().zip(at.iter_mut()) {
                while chain.get(*k).is_some_and(|b| b & bits != 0) {
                    *k += 1;
                }
            }
            want = next(&at);
            if self.found(&at, None) {
                // Every term is found in the script: no need to read on.
                return true;
            }
        }
        // Whether the text is in an abjad decides which transliteration
        // chain counts; looked for only when the two disagree.
        let abjad = std::cell::OnceCell::new();
        let abjad = || *abjad.get_or_init(|| text.chars().any(fold::is_abjad));
        self.found(&at, Some(&abjad))
    }

    /// Whether every term's letters were all found, in the script or (once
    /// the whole text is read, `abjad` known) in the transliteration.
    fn found(&self, at: &[usize], abjad: Option<&dyn Fn() -> bool>) -> bool {
        self.chains.chunks(3).zip(at.chunks(3)).all(|(chains, at)| {
            let whole = |k: usize| !chains[k].is_empty() && at[k] == chains[k].len();
            at[0] == chains[0].len()
                || abjad.is_some_and(|abjad| match (whole(1), whole(2)) {
                    (alphabet, consonants) if alphabet == consonants => alphabet,
                    (alphabet, consonants) => {
                        if abjad() {
                            consonants
                        } else {
                            alphabet
                        }
                    }
                })
        })
    }
}

/// Whether each pair's either byte occurs in `text`, one after another.
fn in_order(text: &[u8], letters: &[[u8; 2]]) -> bool {
    let mut at = 0;
    for &[lower, upper] in letters {
        match memchr::memchr2(lower, upper, &text[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{IndexBuilder, Matching, match_entry};

    /// Whether `query` matches `text` as a paragraph of a full-text index.
    fn matches(query: &Query, text: &str) -> bool {
        let mut builder = IndexBuilder::default();
        let doc = builder.doc("d", "xx", "t", None, None);
        builder.push(doc, Some(0), text);
        let index = builder.finish();
        match_entry(&Matching::new(query, false), &index, 0, query).is_some()
    }

    #[test]
    fn turns_away_paragraphs_without_the_letters_in_any_form() {
        let filter = |q: &str| Prefilter::new(&Query::parse(q)).expect("a filter");
        let blockade = filter("blockade");
        assert!(!blockade.may_match("Перемирие в секторе Газа"));
        assert!(!blockade.may_match("وقف الحرب على غزة الآن"));
        assert!(!blockade.may_match("Alto el fuego en Gaza"));
        // In any case, with diacritics, or in another script.
        assert!(blockade.may_match("the BLOCKADE of Gaza"));
        assert!(blockade.may_match("la blöckáde"));
        assert!(filter("blokad").may_match("снять БЛОКАДУ"));
        assert!(!filter("blokad").may_match("снять осаду"));
        assert!(filter("gaza").may_match("غزة"));
        // Ideographs are past the tables: they may give any letter.
        assert!(blockade.may_match("封锁"));
        // Negated terms and filters alone tell nothing.
        assert!(Prefilter::new(&Query::parse("!war lang:ru")).is_none());
    }

    /// The test passes `text` if `words` (as a query) match it.
    fn check(text: &str, words: &[String]) -> Result<(), proptest::test_runner::TestCaseError> {
        let query = Query::parse(&words.join(" "));
        if let Some(filter) = Prefilter::new(&query) {
            proptest::prop_assert!(
                !matches(&query, text) || filter.may_match(text),
                "{:?} matches {:?} but the prefilter turns it away",
                query.raw,
                text
            );
        }
        Ok(())
    }

    proptest::proptest! {
        /// Every paragraph a query matches passes the test, in every
        /// script and form of a term.
        #[test]
        fn passes_every_paragraph_the_query_matches(
            text in "[a-zA-Z éÉñçßøЖжблокадаБЛОКАДАхщьёΘθήΣςبلوكادةًغزه一ﬁ\u{FEFB}Ⓑ-]{0,60}",
            words in proptest::collection::vec("[!'^]?[a-zA-Zéблокадаhjyθήغزه-]{1,6}[$]?", 1..3),
        ) {
            check(&text, &words)?;
        }

        /// The same for Arabic and Hebrew terms with the article, which
        /// also match their other spellings.
        #[test]
        fn passes_every_paragraph_an_article_term_matches(
            text in "((لل|ال|ה)?(شعب|حرب|לום|ش) ){0,4}",
            words in proptest::collection::vec("[!'^]?(ال|لل|ה)?(شعب|حرب|לום|شع)[$]?", 1..3),
        ) {
            check(&text, &words)?;
        }

        /// The same for text in ASCII, which is tested on its own path.
        #[test]
        fn passes_every_ascii_paragraph_the_query_matches(
            text in "[a-eA-E0-9 .'-]{0,40}",
            words in proptest::collection::vec("[!'^]?[a-eA-Eé0-9.-]{1,4}[$]?", 1..3),
        ) {
            check(&text, &words)?;
        }
    }
}
