//! The English and Russian ceasefire texts align paragraph by paragraph.

use resreader::align::{Bead, align};
use resreader::library::{Library, LibraryOptions, Resolution};

fn bundled(id: &str) -> Resolution {
    let library = Library::load(&LibraryOptions {
        user_dir: None,
        bundled: true,
    });
    library.resolution(id).expect("a bundled resolution")
}

#[test]
fn ceasefire_russian_paragraphs_sit_beside_their_english_translation() {
    let r = bundled("icor-2025-10-31-secure-the-victory-of-the-ceasefire");
    let ru = &r.translation("ru").expect("ru").blocks;
    let en = &r.translation("en").expect("en").blocks;
    let beads = align(ru, en);
    // (first words of the Russian blocks, first words of the English ones)
    let expected: &[(&[&str], &[&str])] = &[
        (&["По всему сектору Газа"], &["Everywhere in Gaza"]),
        (&["Перемирие также является"], &["The ceasefire is also"]),
        (&["На основе многочисленных"], &["On the basis of numerous"]),
        // The English PDF merges these two Russian paragraphs.
        (
            &["Вспомним: результатом", "Впервые за два года"],
            &["Let us remember"],
        ),
        (&["Дональд Трамп теперь"], &["Donald Trump now"]),
        (&["Мы требуем:"], &["We demand:"]),
        (
            &["Немедленный свободный доступ"],
            &["Immediate free access"],
        ),
        (&["Каждый разрушенный дом"], &["Every destroyed house"]),
        (
            &["Решение об использовании"],
            &["Exclusive Palestinian control"],
        ),
        (
            &["Перемирие является важной"],
            &["The ceasefire is a significant"],
        ),
        (&["В 2024 году ИКОР"], &["In 2024, ICOR"]),
        (&["ИКОР призывает"], &["ICOR calls on"]),
        (&["Защитим Палестину"], &["Let's protect Palestine"]),
        (&["Полный вывод"], &["Complete withdrawal"]),
        (&["Продолжаем бороться"], &["Let's continue to fight"]),
        (
            &["Собирайте по всему миру"],
            &["Collect donations worldwide"],
        ),
        (&["Продолжайте укреплять"], &["Continue to strengthen"]),
        (&["Укрепляйте ИКОР!"], &["Strengthen the ICOR!"]),
        (&["Статус подписантов"], &["Status of the signatories"]),
        (&["PCPCI"], &["PCPCI"]),
        (&["Заявление НФОП"], &["Statement by the PFLP"]),
    ];
    assert_eq!(beads.len(), expected.len(), "{beads:?}");
    for (bead, (ru_words, en_words)) in beads.iter().zip(expected) {
        let ru_texts: Vec<String> = ru[bead.left.clone()]
            .iter()
            .map(|b| b.text().into_owned())
            .collect();
        let en_texts: Vec<String> = en[bead.right.clone()]
            .iter()
            .map(|b| b.text().into_owned())
            .collect();
        assert_eq!(
            ru_texts.len(),
            ru_words.len(),
            "{ru_texts:?} ~ {en_texts:?}"
        );
        assert_eq!(
            en_texts.len(),
            en_words.len(),
            "{ru_texts:?} ~ {en_texts:?}"
        );
        for (text, words) in ru_texts
            .iter()
            .zip(*ru_words)
            .chain(en_texts.iter().zip(*en_words))
        {
            assert!(
                text.starts_with(words),
                "`{text}` should start with `{words}`"
            );
        }
    }
    // The same alignment whichever language comes first.
    let back: Vec<Bead> = align(en, ru).iter().map(Bead::swapped).collect();
    assert_eq!(back, beads);
}

#[test]
fn imcwp_aligns_in_four_languages() {
    let r = bundled("imcwp-2023-10-20-solidarity-with-the-struggling-peoples-and");
    let order = ["en", "ru", "es", "ar"];
    let blocks: Vec<&[resreader::library::Block]> = order
        .iter()
        .map(|l| r.translation(l).expect("translation").blocks.as_slice())
        .collect();
    let rows = resreader::align::align_all(&blocks);
    // Every block of every language appears once, in order.
    for (k, b) in blocks.iter().enumerate() {
        let mut next = 0;
        for row in &rows {
            if !row[k].is_empty() {
                assert_eq!(row[k].start, next, "{}: blocks out of order", order[k]);
                next = row[k].end;
            }
        }
        assert_eq!(next, b.len(), "{}", order[k]);
    }
    // The eight "solidarity with" items line up one to one in all four.
    let item_rows = rows
        .iter()
        .filter(|row| {
            row.iter().zip(&blocks).all(|(range, b)| {
                range.len() == 1 && matches!(b[range.start], resreader::library::Block::Item { .. })
            })
        })
        .count();
    assert_eq!(item_rows, 8);
}

#[test]
fn imcwp_closing_call_pairs_with_its_spanish_and_the_english_signatories_stand_alone() {
    let r = bundled("imcwp-2023-10-20-solidarity-with-the-struggling-peoples-and");
    let text = |lang: &str| r.translation(lang).expect(lang).blocks.as_slice();
    let (en, es) = (text("en"), text("es"));
    let at = en
        .iter()
        .position(|b| b.text() == "Workers of all lands, unite!")
        .expect("the closing call");
    let check = |beads: &[resreader::align::Scored], how: &str| {
        let bead = beads
            .iter()
            .find(|s| s.bead.left.contains(&at))
            .expect("a bead");
        let right: Vec<String> = bead
            .bead
            .right
            .clone()
            .map(|i| es[i].text().into_owned())
            .collect();
        assert_eq!(bead.bead.left, at..at + 1, "{how}");
        assert_eq!(
            right,
            vec!["¡Proletarios de todos los países, uníos!"],
            "{how}"
        );
        // Everything after it exists in English only: 1–0 beads, none
        // dragged into a pairing with Spanish text.
        for s in beads.iter().filter(|s| s.bead.left.start > at) {
            assert!(s.bead.right.is_empty(), "{how}: {:?}", s.bead);
        }
    };
    check(
        &resreader::align::align_scored(en, es, &Default::default()),
        "on their own",
    );
    // As the reader aligns them: with the Russian and the Arabic as
    // bridges and witnesses. (The Arabic web capture ends with two event
    // lines no other translation has; a witness that cannot place the
    // English signatories must not pull them into the closing call.)
    let with_others = resreader::align::align_pairs_scored(
        &[en, es],
        &[text("ru"), text("ar")],
        &resreader::align::nothing_known,
    )
    .concat();
    check(&with_others, "with the Russian and Arabic");
}

/// The Arabic web capture ends with two lines of the site's event links,
/// in English. They translate nothing: the English closing lines must not
/// sit beside them, as the reader and `show --parallel` lay rows out.
#[test]
fn imcwp_arabic_trailing_english_links_pair_with_nothing() {
    let r = bundled("imcwp-2023-10-20-solidarity-with-the-struggling-peoples-and");
    let text = |lang: &str| r.translation(lang).expect(lang).blocks.as_slice();
    let (en, ar) = (text("en"), text("ar"));
    let links: Vec<usize> = (0..ar.len())
        .filter(|&i| ar[i].text().contains("Congress of the"))
        .collect();
    assert_eq!(links.len(), 2, "the two event lines are imported");
    let (rows, _) = resreader::align::align_all_scored(
        &[en, ar],
        &[text("es"), text("ru")],
        &resreader::align::nothing_known,
    );
    for &i in &links {
        let row = rows
            .iter()
            .find(|row| row[1].contains(&i))
            .expect("a row holds the line");
        let beside: Vec<String> = row[0].clone().map(|k| en[k].text().into_owned()).collect();
        assert!(
            beside.is_empty(),
            "{:?} stands beside {beside:?}",
            ar[i].text()
        );
    }
}
