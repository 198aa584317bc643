//! The finder's query syntax, as fzf's: space-separated terms that must all
//! match — `fuzzy`, `'exact`, `^prefix`, `suffix$`, `!not` — plus the
//! filters `lang:ar` (or `@ar`), `org:icor`, `year:2025`, and a leading `/`
//! for full-text mode.

use super::article;
use super::fold::{fold, mask};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    pub negated: bool,
    /// The term folded like the text it is matched against.
    pub folded: String,
    pub mask: u64,
    /// Other spellings of the term matched too, ranked a little lower: the
    /// same word with or without its article (`super::article`). Folded,
    /// with their masks; none for an exact term.
    pub variants: Vec<(String, u64)>,
}

impl Term {
    /// What every spelling of the term holds, in order: the term itself
    /// unless it has variants.
    pub fn shared_letters(&self) -> &str {
        article::shared_end(&self.folded, self.variants.iter().map(|(v, _)| v.as_str()))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub raw: String,
    pub terms: Vec<Term>,
    pub langs: Vec<String>,
    pub orgs: Vec<String>,
    pub years: Vec<u16>,
    pub full_text: bool,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let mut query = Query {
            raw: raw.to_string(),
            ..Query::default()
        };
        let mut text = raw.trim_start();
        if let Some(rest) = text.strip_prefix('/') {
            query.full_text = true;
            text = rest;
        }
        for word in text.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(l) = lower
                .strip_prefix("lang:")
                .or_else(|| lower.strip_prefix('@'))
                .filter(|l| !l.is_empty())
            {
                query.langs.push(l.to_string());
                continue;
            }
            if let Some(o) = lower.strip_prefix("org:").filter(|o| !o.is_empty()) {
                query.orgs.push(fold(o).text);
                continue;
            }
            if let Some(y) = lower.strip_prefix("year:").and_then(|y| y.parse().ok()) {
                query.years.push(y);
                continue;
            }
            let (negated, word) = match word.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, word),
            };
            let (kind, body) = if let Some(rest) = word.strip_prefix('\'') {
                (TermKind::Exact, rest)
            } else if let Some(rest) = word.strip_prefix('^') {
                (TermKind::Prefix, rest)
            } else if let Some(rest) = word.strip_suffix('$').filter(|r| !r.is_empty()) {
                (TermKind::Suffix, rest)
            } else if negated {
                // fzf: a negated term matches exactly.
                (TermKind::Exact, word)
            } else {
                (TermKind::Fuzzy, word)
            };
            let folded = fold(body).text;
            if folded.is_empty() {
                continue;
            }
            let variants = if kind == TermKind::Exact {
                Vec::new()
            } else {
                article::variants(&folded)
                    .into_iter()
                    .map(|v| {
                        let m = mask(&v);
                        (v, m)
                    })
                    .collect()
            };
            query.terms.push(Term {
                kind,
                negated,
                mask: mask(&folded),
                folded,
                variants,
            });
        }
        query
    }

    /// Whether every result of this query is a result of `previous` (the
    /// user typed more), so only those need checking again: the same
    /// filters, and each earlier term the same or, when positive, longer —
    /// a longer fuzzy, exact or prefix term matches a subset. A negated term
    /// or a suffix must be unchanged; new terms only add conditions.
    pub fn narrows(&self, previous: &Query) -> bool {
        if previous.raw.is_empty()
            || self.full_text != previous.full_text
            || self.langs != previous.langs
            || self.orgs != previous.orgs
            || self.years != previous.years
            || self.terms.len() < previous.terms.len()
        {
            return false;
        }
        self.terms.iter().zip(&previous.terms).all(|(now, before)| {
            // A term long enough to be corrected for a typo now may find
            // titles the shorter one did not.
            let corrected = |t: &Term| t.folded.chars().count() >= super::typo::MIN_CHARS;
            // Each other spelling, too, must only have grown.
            let spellings_narrow = now.variants.len() == before.variants.len()
                && now
                    .variants
                    .iter()
                    .zip(&before.variants)
                    .all(|((n, _), (b, _))| n.starts_with(b.as_str()));
            corrected(now) == corrected(before)
                && spellings_narrow
                && now.kind == before.kind
                && now.negated == before.negated
                && if now.negated || now.kind == TermKind::Suffix {
                    now.folded == before.folded
                } else {
                    now.folded.starts_with(&before.folded)
                }
        })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.langs.is_empty()
            && self.orgs.is_empty()
            && self.years.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fzf_syntax_and_filters() {
        let q =
            Query::parse("/gaza 'сектор ^secure victory$ !israel lang:ru @EN org:ICOR year:2025");
        assert!(q.full_text);
        let kinds: Vec<(TermKind, bool, &str)> = q
            .terms
            .iter()
            .map(|t| (t.kind, t.negated, t.folded.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (TermKind::Fuzzy, false, "gaza"),
                (TermKind::Exact, false, "сектор"),
                (TermKind::Prefix, false, "secure"),
                (TermKind::Suffix, false, "victory"),
                (TermKind::Exact, true, "israel"),
            ]
        );
        assert_eq!(q.langs, vec!["ru", "en"]);
        assert_eq!(q.orgs, vec!["icor"]);
        assert_eq!(q.years, vec![2025]);
    }

    #[test]
    fn knows_when_a_query_only_narrows() {
        let q = |s| Query::parse(s);
        assert!(q("gaz").narrows(&q("ga")));
        assert!(!q("ga").narrows(&q("gaz")));
        assert!(!q("ga !xy").narrows(&q("ga !x")));
        assert!(q("ga !xy z").narrows(&q("ga !xy")));
        assert!(!q("gaza @ru").narrows(&q("gaza @r")));
        assert!(!q("gaza @r").narrows(&q("gaza @")));
        assert!(q("gaza @ru s").narrows(&q("gaza @ru")));
        assert!(!q("gaza$x").narrows(&q("gaza$")));
        assert!(q("/gaz").narrows(&q("/ga")));
        assert!(!q("/ga").narrows(&q("ga")));
        // Five letters may be corrected for a typo, four may not.
        assert!(!q("solid").narrows(&q("soli")));
        assert!(q("solida").narrows(&q("solid")));
    }
}
