//! Every seed becomes the resolutions it holds, with the right metadata and
//! no page furniture left in any text.

use resreader::import::bundle;
use resreader::library::{Block, Resolution};
use std::path::Path;

fn bundled() -> Vec<Resolution> {
    bundle::build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sources"))
        .expect("the seeds import")
}

fn find<'a>(all: &'a [Resolution], prefix: &str) -> &'a Resolution {
    all.iter()
        .find(|r| r.meta.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no resolution {prefix}*"))
}

fn signatories(r: &Resolution, lang: &str) -> usize {
    r.translation(lang).map(|t| t.signatories()).unwrap_or(0)
}

#[test]
fn every_seed_becomes_its_resolutions() {
    let all = bundled();
    assert_eq!(all.len(), 1 + 6 + 1 + 1);

    let ceasefire = find(&all, "icor-2025-10-31-secure-the-victory");
    assert_eq!(ceasefire.meta.langs(), vec!["en", "ru"]);
    assert_eq!(ceasefire.meta.organization.as_deref(), Some("ICOR"));
    assert_eq!(ceasefire.meta.kind, "resolution");
    assert_eq!(
        ceasefire.meta.translations["en"].title,
        "Secure the victory of the ceasefire now as the fruit of the Palestinian liberation struggle and international mass solidarity!"
    );
    assert!(
        ceasefire.meta.translations["ru"]
            .title
            .starts_with("Сейчас нужно закрепить победу перемирия")
    );
    assert_eq!(
        (signatories(ceasefire, "en"), signatories(ceasefire, "ru")),
        (28, 28)
    );

    let imcwp = find(&all, "imcwp-2023-10-20");
    assert_eq!(imcwp.meta.langs(), vec!["ar", "en", "es", "ru"]);
    assert_eq!(
        imcwp.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2023-10-20/2023-10-22")
    );
    for (lang, title) in [
        (
            "en",
            "Solidarity with the struggling peoples and against the imperialist war on the territory of Ukraine",
        ),
        (
            "ru",
            "Солидарность с борющимися народами и борьба против империалистической войны на территории Украины",
        ),
        (
            "es",
            "Solidaridad con los pueblos que luchan - contra la guerra imperialista en el territorio de Ucrania",
        ),
        (
            "ar",
            "للتضامن مع الشعوب المناضلة وضد الحرب الإمبريالية الجارية على أراضي أوكرانيا",
        ),
    ] {
        assert_eq!(imcwp.meta.translations[lang].title, title, "{lang}");
    }
    assert_eq!(signatories(imcwp, "en"), 25 + 4);

    let kazakhstan = find(&all, "icor-2022-01-solidarnost");
    assert_eq!(kazakhstan.meta.langs(), vec!["ru"]);
    assert_eq!(
        kazakhstan.meta.translations["ru"].title,
        "Солидарность с рабочими и народными массами в Казахстане!"
    );
    assert_eq!(signatories(kazakhstan, "ru"), 32);

    let excerpts: Vec<&Resolution> = all.iter().filter(|r| r.meta.excerpt()).collect();
    assert_eq!(excerpts.len(), 6);
    assert!(excerpts.iter().all(|r| r.meta.langs() == vec!["fr"]));
    let titles: Vec<&str> = excerpts
        .iter()
        .map(|r| r.meta.translations["fr"].title.as_str())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Résolution ICOR Syrie",
            "Communiqué du Parti Communiste Palestinien",
            "29 novembre – dans la rue pour la lutte de libération du peuple palestinien !",
            "Rassemblons-nous le 25 octobre à Roissy CdG, à 14h au terminal 2",
            "GAZA: à propos de l’offensive du 7 octobre, un point de vue synthétique",
            "A propos de l’accord de cessez-le-feu en Palestine",
        ]
    );
    let syria = find(&all, "icor-2026-01-24");
    assert_eq!(syria.meta.organization.as_deref(), Some("ICOR"));
    let communique = find(&all, "parti-communiste-palestinien");
    assert_eq!(communique.meta.kind, "statement");
}

#[test]
fn no_page_furniture_or_markup_is_left() {
    let forbidden = [
        "page 1 of 4",
        ".doc",
        "10/31/23",
        "11:00 AM",
        "Lire la suite",
        "CdG, à 14h au terminal 2 Lire",
        "<sup>",
        "</sup>",
        "**",
        "\\_",
        "](",
        "\u{F0B7}",
        "\u{00A0}",
        "International Coordination of Revolutionary",
        "Ar En Es Ru",
        "ИКОР Резолюция:",
    ];
    for r in bundled() {
        for t in &r.translations {
            for block in &t.blocks {
                let text = block.text();
                for f in forbidden {
                    assert!(
                        !text.contains(f),
                        "{} {}: `{f}` left in: {text}",
                        r.meta.id,
                        t.lang
                    );
                }
            }
        }
    }
}

/// A block in another script after the last translation (here the site's
/// list of coming congresses, in English after the Arabic) is text the file
/// holds: kept, at the end, after the text it followed (issue 14: no text
/// is ever lost).
#[test]
fn a_trailing_block_in_another_script_is_kept_in_place() {
    let all = bundled();
    let imcwp = find(&all, "imcwp-2023-10-20");
    let ar = imcwp.translation("ar").expect("Arabic");
    let texts: Vec<String> = ar.blocks.iter().map(|b| b.text().into_owned()).collect();
    let listing = texts
        .iter()
        .position(|t| t.contains("Madurai"))
        .expect("the listing line is kept");
    let closing = texts
        .iter()
        .position(|t| t.contains("اتحدوا"))
        .expect("the closing call");
    assert!(closing < listing, "{texts:?}");
    assert_eq!(listing + 2, texts.len(), "{texts:?}");
}

#[test]
fn footnotes_stay_footnotes() {
    let all = bundled();
    let ceasefire = find(&all, "icor-2025-10-31");
    for t in &ceasefire.translations {
        let notes: Vec<&Block> = t
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Footnote { .. }))
            .collect();
        assert_eq!(notes.len(), 1, "{}", t.lang);
        assert!(
            t.blocks[0].text().contains("[^1]"),
            "{}: the mark stays in the first paragraph",
            t.lang
        );
        assert!(notes[0].text().contains("2025"));
    }
}
