//! What the library teaches the aligner: for each pair of a resolution's
//! languages, the words the library's texts in both show to translate each
//! other (`align::Lexicon`). A translator's collection repeats its
//! vocabulary (party, workers, imperialism, the names of countries), so a
//! new resolution is aligned with what the others taught.

use super::{Entry, Translation, read_translation};
use crate::align::Lexicon;
use std::collections::HashMap;

/// At most this many resolutions (newest first) teach one pair of
/// languages: enough for its common words, few enough that opening a
/// resolution stays quick on a large library.
pub const MAX_DOCUMENTS: usize = 40;

/// Lexicons between the languages of one resolution.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    /// Keyed by the two languages in sorted order.
    by_pair: HashMap<(String, String), Lexicon>,
}

impl Lexicons {
    /// Learn a lexicon for every pair of `langs` from the `entries` (the
    /// library's resolutions, newest first) that have both languages.
    /// Translations that cannot be read are left out.
    pub fn learn(entries: &[Entry], langs: &[String]) -> Lexicons {
        let mut read: HashMap<(usize, &str), Option<Translation>> = HashMap::new();
        let mut by_pair = HashMap::new();
        let mut sorted: Vec<&String> = langs.iter().collect();
        sorted.sort();
        sorted.dedup();
        for (k, a) in sorted.iter().enumerate() {
            for b in &sorted[k + 1..] {
                let having: Vec<usize> = entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.problem.is_none())
                    .filter(|(_, e)| {
                        e.meta.translations.contains_key(*a) && e.meta.translations.contains_key(*b)
                    })
                    .map(|(i, _)| i)
                    .take(MAX_DOCUMENTS)
                    .collect();
                for &i in &having {
                    for lang in [a.as_str(), b.as_str()] {
                        read.entry((i, lang))
                            .or_insert_with(|| read_translation(&entries[i], lang).ok());
                    }
                }
                let documents: Vec<(&[crate::library::Block], &[crate::library::Block])> = having
                    .iter()
                    .filter_map(|&i| {
                        let left = read.get(&(i, a.as_str()))?.as_ref()?;
                        let right = read.get(&(i, b.as_str()))?.as_ref()?;
                        Some((left.blocks.as_slice(), right.blocks.as_slice()))
                    })
                    .collect();
                let lexicon = Lexicon::learn(&documents);
                if !lexicon.is_empty() {
                    by_pair.insert(((*a).clone(), (*b).clone()), lexicon);
                }
            }
        }
        Lexicons { by_pair }
    }

    /// The lexicon from `left` to `right` (empty when none was learnt).
    pub fn between(&self, left: &str, right: &str) -> Lexicon {
        if left <= right {
            let key = (left.to_string(), right.to_string());
            self.by_pair.get(&key).cloned().unwrap_or_default()
        } else {
            self.between(right, left).swapped()
        }
    }

    /// For `align::align_all_scored`: the lexicon between texts `i` and
    /// `j`, counted through the `shown` languages and then the `others`
    /// (empty past their end).
    pub fn known<'a>(
        &'a self,
        shown: &[String],
        others: &[&Translation],
    ) -> impl Fn(usize, usize) -> Lexicon + 'a {
        let every: Vec<String> = shown
            .iter()
            .cloned()
            .chain(others.iter().map(|t| t.lang.clone()))
            .collect();
        move |i, j| match (every.get(i), every.get(j)) {
            (Some(a), Some(b)) => self.between(a, b),
            _ => Lexicon::default(),
        }
    }
}

/// Resolutions whose paragraphs are alike but for one keyword each, for
/// tests of what a library teaches.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::library::{Block, Resolution, Translation, TranslationMeta};

    const EN: [&str; 10] = [
        "sunny", "moony", "stars", "trees", "river", "stone", "cloud", "fires", "snows", "winds",
    ];
    const ES: [&str; 10] = [
        "solar", "lunar", "astro", "arbol", "riosa", "piedr", "nubes", "fuego", "nieve", "vient",
    ];

    /// Resolution `id` in English and Spanish, their paragraphs holding the
    /// keywords numbered `en` and `es` in that order (and in Russian, the
    /// English words, when `ru`).
    pub fn resolution(id: &str, en: &[usize], es: &[usize], ru: bool) -> Resolution {
        let translation = |lang: &str, keys: &[&str], order: &[usize]| Translation {
            lang: lang.into(),
            meta: TranslationMeta {
                title: format!("{lang} {id}"),
                excerpt: false,
            },
            blocks: order
                .iter()
                .map(|&k| Block::Paragraph {
                    text: format!("lorem ipsum dolor {} sit amet", keys[k]),
                })
                .collect(),
        };
        let mut translations = vec![translation("en", &EN, en), translation("es", &ES, es)];
        if ru {
            translations.push(translation("ru", &EN, en));
        }
        Resolution::of_translations(id, translations)
    }

    /// Eight resolutions with all ten keywords, each in an order of its
    /// own (a · i + b mod 10, so that neighbours change); the first also
    /// in Russian.
    pub fn teachers() -> Vec<Resolution> {
        (0..8)
            .map(|n| {
                let (a, b) = ([1, 3, 7, 9][n % 4], n);
                let order: Vec<usize> = (0..10).map(|i| (a * i + b) % 10).collect();
                resolution(&format!("r{n}"), &order, &order, n == 0)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn a_library_teaches_its_language_pairs_either_way_round() {
        let mut library = Library::default();
        for r in fixtures::teachers() {
            library.add_in_memory(r);
        }
        let langs: Vec<String> = ["en", "es", "xx"].map(String::from).to_vec();
        let lexicons = Lexicons::learn(&library.entries, &langs);
        // Each keyword with its translation.
        let en_es = lexicons.between("en", "es");
        assert_eq!(en_es.len(), 10);
        assert_eq!(lexicons.between("es", "en"), en_es.swapped());
        // No resolution is in "xx": nothing learnt, nothing made up.
        assert!(lexicons.between("en", "xx").is_empty());
        let by_index = lexicons.known(&langs, &[]);
        assert_eq!(by_index(0, 1), en_es);
        assert_eq!(by_index(1, 0), en_es.swapped());
        assert_eq!(by_index(0, 2), Lexicon::default());
        assert_eq!(by_index(0, 3), Lexicon::default());
        // Other translations count after the shown languages.
        let es = Translation {
            lang: "es".into(),
            meta: crate::library::TranslationMeta {
                title: "t".into(),
                excerpt: false,
            },
            blocks: Vec::new(),
        };
        let with_others = lexicons.known(&langs[..1], &[&es]);
        assert_eq!(with_others(0, 1), en_es);
        // Only one resolution has Russian: too little to learn from.
        let ru = Lexicons::learn(&library.entries, &["en".into(), "ru".into()]);
        assert!(ru.between("en", "ru").is_empty());
    }
}
