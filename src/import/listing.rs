//! Listing pages: a site's list of posts, each cut off after its first
//! paragraphs and closed by a "read more" link. Each post becomes an excerpt.

use super::reflow::RawBlock;

/// "Read more" in the languages a listing page is likely to be in, lower case.
const READ_MORE: &[&str] = &[
    "lire la suite",
    "lire plus",
    "en savoir plus",
    "read more",
    "continue reading",
    "read the full",
    "leer más",
    "seguir leyendo",
    "leia mais",
    "continue lendo",
    "leggi tutto",
    "continua a leggere",
    "weiterlesen",
    "mehr lesen",
    "lees meer",
    "czytaj więcej",
    "devamını oku",
    "devamı",
    "читать далее",
    "читать полностью",
    "подробнее",
    "читати далі",
    "детальніше",
    "اقرأ المزيد",
    "اقرأ أكثر",
    "المزيد",
    "ادامه مطلب",
    "مزید پڑھیں",
    "קרא עוד",
    "阅读更多",
    "阅读全文",
    "閱讀更多",
    "続きを読む",
    "더 보기",
    "अधिक पढ़ें",
    "आगे पढ़ें",
    "อ่านต่อ",
];

/// If `text` ends with a "read more" link, the text before it.
pub fn before_read_more(text: &str) -> Option<&str> {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '…' | '.' | '»' | '→' | '›' | '>' | ']' | ')')
    });
    let lower = trimmed.to_lowercase();
    READ_MORE.iter().find_map(|phrase| {
        if !lower.ends_with(phrase) {
            return None;
        }
        // Lower-casing can change byte lengths; cut by characters instead.
        let keep = trimmed.chars().count() - phrase.chars().count();
        let cut = trimmed
            .char_indices()
            .nth(keep)
            .map(|(i, _)| i)
            .unwrap_or(trimmed.len());
        let before = &trimmed[..cut];
        // The phrase must stand as words, not end another word.
        (before.is_empty() || before.ends_with(|c: char| !c.is_alphanumeric())).then(|| {
            before.trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '[' | '(' | '|' | '-' | '–')
            })
        })
    })
}

/// One post of a listing page.
#[derive(Debug, Clone)]
pub struct ListingItem {
    /// The post's title as the link repeats it, if it does.
    pub title: Option<String>,
    pub blocks: Vec<RawBlock>,
}

/// Split a listing page into its posts; `None` when the page is not one.
/// Text after the last "read more" is the site's, not a post's, and is dropped.
pub fn split_listing(blocks: &[RawBlock]) -> Option<Vec<ListingItem>> {
    let mut items = Vec::new();
    let mut current: Vec<RawBlock> = Vec::new();
    for b in blocks {
        match before_read_more(&b.text) {
            Some(before) => {
                let title = Some(before.trim().to_string()).filter(|t| !t.is_empty());
                // A title the link repeats is the post's heading line.
                if let Some(t) = &title
                    && let Some(pos) = current.iter().position(|c| c.text.trim() == t)
                {
                    current.remove(pos);
                }
                let blocks = std::mem::take(&mut current);
                if !blocks.is_empty() || title.is_some() {
                    items.push(ListingItem { title, blocks });
                }
            }
            None => current.push(b.clone()),
        }
    }
    (!items.is_empty()).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reflow::RawKind;

    fn para(text: &str) -> RawBlock {
        RawBlock {
            kind: RawKind::Paragraph,
            text: text.to_string(),
            line: 0,
        }
    }

    #[test]
    fn recognises_read_more_links() {
        assert_eq!(
            before_read_more("Résolution ICOR Syrie Lire la suite"),
            Some("Résolution ICOR Syrie")
        );
        assert_eq!(before_read_more("Read more »"), Some(""));
        assert_eq!(
            before_read_more("Something [Читать далее…]"),
            Some("Something")
        );
        assert_eq!(before_read_more("we read more"), Some("we"));
        assert_eq!(before_read_more("a thread more"), None);
        assert_eq!(before_read_more("Plain text."), None);
    }

    #[test]
    fn splits_posts_and_drops_what_follows_the_last() {
        let blocks = vec![
            para("24 janvier 2026"),
            para("Résolution ICOR Syrie"),
            para("Les agressions militaires s’étendent."),
            para("Résolution ICOR Syrie Lire la suite"),
            para("Communiqué du Parti"),
            para("Le Parti condamne."),
            para("Communiqué du Parti Lire la suite"),
            para("Mentions légales"),
        ];
        let items = split_listing(&blocks).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title.as_deref(), Some("Résolution ICOR Syrie"));
        assert_eq!(
            items[0]
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>(),
            vec!["24 janvier 2026", "Les agressions militaires s’étendent."]
        );
        assert!(split_listing(&blocks[..3]).is_none());
    }
}
