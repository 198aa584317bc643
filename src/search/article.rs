//! The definite article, which Arabic and Hebrew write as part of the
//! word. A reader types a noun as they think of it — "التضامن", "the
//! solidarity" — but a text writes it "للتضامن" ("for the solidarity": ل
//! before ال drops the alif), or "تضامن" (in a construct such as "تضامن
//! الشعوب", which takes no article); Hebrew drops its article ה after the
//! prepositions ב ל כ ("לשלום", "to the peace"). So a term that starts
//! with the article is also looked for in those spellings, each ranked a
//! little below the spelling typed.
//!
//! Only the article is undone, not other prefixes or any suffix: a light
//! stemmer would also strip letters that belong to the word (و, ب and ה
//! begin many roots), and a variant here only ever adds matches. Hand-written:
//! the stemmers in crates (rust-stemmers' Arabic) stem whole words, which a
//! term typed letter by letter is not.

/// How much lower a match of another spelling ranks than the same match
/// of the term as typed.
pub const PENALTY: i64 = 4;

/// Shortest word left once the article is taken off for it to be looked
/// for alone: shorter ones ("ال" + "تض") are the start of too many words.
const BARE_CHARS: usize = 3;

const ARABIC_ARTICLE: &str = "ال";
/// ل + ال, written with one alif less.
const ARABIC_LI_ARTICLE: &str = "لل";
const HEBREW_ARTICLE: &str = "ה";

/// The other spellings to look for a folded term in (see the module
/// documentation): none unless it starts with an article, in order from
/// the closest spelling.
pub fn variants(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bare = |rest: &str, out: &mut Vec<String>| {
        if rest.chars().count() >= BARE_CHARS {
            out.push(rest.to_string());
        }
    };
    if let Some(rest) = folded
        .strip_prefix(ARABIC_ARTICLE)
        .filter(|r| !r.is_empty())
    {
        out.push(format!("{ARABIC_LI_ARTICLE}{rest}"));
        bare(rest, &mut out);
    } else if let Some(rest) = folded
        .strip_prefix(ARABIC_LI_ARTICLE)
        .filter(|r| !r.is_empty())
    {
        out.push(format!("{ARABIC_ARTICLE}{rest}"));
        bare(rest, &mut out);
    } else if let Some(rest) = folded.strip_prefix(HEBREW_ARTICLE) {
        bare(rest, &mut out);
    }
    out
}

/// The end that `term` and all its `variants` share: its letters occur in
/// order wherever any of them matches (for a prefilter).
pub fn shared_end<'a, 'v>(term: &'a str, variants: impl IntoIterator<Item = &'v str>) -> &'a str {
    let mut start = 0;
    for variant in variants {
        let common = term
            .chars()
            .rev()
            .zip(variant.chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum::<usize>();
        start = start.max(term.len() - common);
    }
    &term[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_term_with_the_article_is_also_looked_for_without_it() {
        assert_eq!(variants("التضامن"), ["للتضامن", "تضامن"]);
        assert_eq!(variants("للتضامن"), ["التضامن", "تضامن"]);
        // Too little left to look for alone, but the other spelling is.
        assert_eq!(variants("التض"), ["للتض"]);
        assert!(variants("ال").is_empty());
        assert!(variants("تضامن").is_empty());
    }

    #[test]
    fn a_hebrew_term_with_the_article_is_also_looked_for_without_it() {
        assert_eq!(variants("השלום"), ["שלום"]);
        assert!(variants("הש").is_empty());
        assert!(variants("שלום").is_empty());
    }

    #[test]
    fn latin_terms_have_no_other_spelling() {
        // "al" and "ha" begin Latin words too; only the scripts count.
        assert!(variants("alliance").is_empty());
        assert!(variants("hamas").is_empty());
    }

    #[test]
    fn the_shared_end_is_in_every_spelling() {
        let term = "التضامن";
        let v = variants(term);
        let end = shared_end(term, v.iter().map(String::as_str));
        assert_eq!(end, "تضامن");
        assert!(v.iter().all(|s| s.ends_with(end)));
        assert_eq!(shared_end("gaza", []), "gaza");
    }
}
