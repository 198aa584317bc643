//! Finding dates written in a document's own language and format:
//! "31 октября 2025 года", "24 janvier 2026", "20-22 October 2023",
//! "October 9, 2025", "20-22 de octubre de 2023", "08.11.2025", "2025-10-31".

use crate::library::{DocDate, PartialDate};
use regex::Regex;
use std::sync::LazyLock;

/// Month names, lower case, one row per month. Latin-script and Arabic names
/// must match whole; Cyrillic stems take up to two letters of inflection
/// ("октябр" + "я"), so that "октября", "октябрь" and "октябре" all match.
const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january",
        "janvier",
        "enero",
        "janeiro",
        "gennaio",
        "januar",
        "jänner",
        "stycznia",
        "styczeń",
        "ocak",
        "يناير",
        "جانفي",
    ],
    &[
        "february",
        "février",
        "fevrier",
        "febrero",
        "fevereiro",
        "febbraio",
        "februar",
        "lutego",
        "luty",
        "şubat",
        "فبراير",
        "شباط",
        "فيفري",
    ],
    &[
        "march", "mars", "marzo", "março", "märz", "marca", "marzec", "mart", "مارس", "آذار",
    ],
    &[
        "april",
        "avril",
        "abril",
        "aprile",
        "kwietnia",
        "kwiecień",
        "nisan",
        "أبريل",
        "ابريل",
        "نيسان",
        "أفريل",
    ],
    &[
        "may", "mai", "mayo", "maio", "maggio", "maja", "maj", "mayıs", "مايو", "أيار", "ماي",
    ],
    &[
        "june",
        "juin",
        "junio",
        "junho",
        "giugno",
        "juni",
        "czerwca",
        "czerwiec",
        "haziran",
        "يونيو",
        "حزيران",
        "جوان",
    ],
    &[
        "july",
        "juillet",
        "julio",
        "julho",
        "luglio",
        "juli",
        "lipca",
        "lipiec",
        "temmuz",
        "يوليو",
        "تموز",
        "جويلية",
    ],
    &[
        "august",
        "août",
        "aout",
        "agosto",
        "sierpnia",
        "sierpień",
        "ağustos",
        "أغسطس",
        "آب",
        "أوت",
    ],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "setembro",
        "settembre",
        "września",
        "wrzesień",
        "eylül",
        "سبتمبر",
        "أيلول",
    ],
    &[
        "october",
        "octobre",
        "octubre",
        "outubro",
        "ottobre",
        "oktober",
        "października",
        "październik",
        "ekim",
        "أكتوبر",
        "اكتوبر",
    ],
    &[
        "november",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "kasım",
        "نوفمبر",
    ],
    &[
        "december",
        "décembre",
        "decembre",
        "diciembre",
        "dezembro",
        "dicembre",
        "dezember",
        "grudnia",
        "grudzień",
        "aralık",
        "ديسمبر",
    ],
];
const CYRILLIC_STEMS: [&[&str]; 12] = [
    &["январ", "січ"],
    &["феврал", "лют"],
    &["март", "берез"],
    &["апрел", "квіт"],
    &["ма", "трав"],
    &["июн", "черв"],
    &["июл", "лип"],
    &["август", "серп"],
    &["сентябр", "верес"],
    &["октябр", "жовт"],
    &["ноябр", "листопад"],
    &["декабр", "груд"],
];
/// Abbreviations, matched whole with an optional full stop.
const MONTH_ABBREVIATIONS: [&[&str]; 12] = [
    &["jan", "janv", "ene", "янв"],
    &["feb", "fév", "fev", "фев"],
    &["mar", "мар"],
    &["apr", "avr", "abr", "апр"],
    &[],
    &["jun"],
    &["jul", "juil"],
    &["aug", "ago", "авг"],
    &["sep", "sept", "set", "сен", "сент"],
    &["oct", "okt", "out", "окт"],
    &["nov", "нояб"],
    &["dec", "déc", "dic", "dez", "дек"],
];

/// The month a word names, if any.
pub fn month_of(word: &str) -> Option<u8> {
    let word = word.to_lowercase();
    let abbreviated = word.ends_with('.');
    let word = word.trim_end_matches('.');
    let month = |table: &[&[&str]; 12], matches: &dyn Fn(&str) -> bool| {
        table
            .iter()
            .position(|names| names.iter().any(|n| matches(n)))
            .map(|i| i as u8 + 1)
    };
    if let Some(m) = month(&MONTH_NAMES, &|n| n == word) {
        return Some(m);
    }
    if let Some(m) = month(&MONTH_ABBREVIATIONS, &|n| n == word) {
        return Some(m);
    }
    if abbreviated {
        return None;
    }
    // The two-letter stem of May only in its own forms, not "марксист".
    if matches!(word, "май" | "мая" | "мае" | "маю") {
        return Some(5);
    }
    month(&CYRILLIC_STEMS, &|stem| {
        stem.chars().count() > 2
            && word.starts_with(stem)
            && word.chars().count() - stem.chars().count() <= 2
    })
}

/// A date found in a text, with the byte range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: DocDate,
    pub start: usize,
    pub end: usize,
}

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(\d{1,2})(?:er|st|nd|rd|th|\.|º)?
        (?:\s*[-–]\s*(\d{1,2})(?:er|st|nd|rd|th|\.|º)?)?
        \s+(?:de\s+)?
        ([\p{L}]{3,12}\.?)
        ,?\s+(?:de\s+|del\s+)?
        (\d{4})",
    )
    .expect("static regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([\p{L}]{3,12}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(\d{1,2})(?:st|nd|rd|th)?)?,?\s+(\d{4})\b")
        .expect("static regex")
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([\p{L}]{3,12})\s+(?:de\s+)?(\d{4})\b").expect("static regex"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})")
        .expect("static regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(1[89]\d\d|2[01]\d\d)\b").expect("static regex"));

fn num<T: std::str::FromStr>(caps: &regex::Captures, i: usize) -> Option<T> {
    caps.get(i).and_then(|m| m.as_str().parse().ok())
}

fn range(year: u16, month: u8, d1: u8, d2: Option<u8>) -> Option<DocDate> {
    let start = PartialDate::new(year, Some(month), Some(d1))?;
    let end = match d2 {
        Some(d2) if d2 > d1 => Some(PartialDate::new(year, Some(month), Some(d2))?),
        Some(_) => return None,
        None => None,
    };
    Some(DocDate { start, end })
}

/// Every date in `text`, most precise readings first where they overlap,
/// in order of position.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    let mut push = |date: Option<DocDate>, m: regex::Match| {
        if let Some(date) = date {
            let (start, end) = (m.start(), m.end());
            if !found.iter().any(|f| f.start < end && start < f.end) {
                found.push(FoundDate { date, start, end });
            }
        }
    };
    for caps in NUMERIC.captures_iter(text) {
        let date = if caps.get(1).is_some() {
            PartialDate::new(num(&caps, 1).unwrap_or(0), num(&caps, 2), num(&caps, 3))
        } else {
            PartialDate::new(num(&caps, 6).unwrap_or(0), num(&caps, 5), num(&caps, 4))
        };
        push(date.map(DocDate::point), caps.get(0).expect("match"));
    }
    for caps in DAY_MONTH_YEAR.captures_iter(text) {
        let date = month_of(&caps[3])
            .and_then(|m| range(num(&caps, 4)?, m, num(&caps, 1)?, num(&caps, 2)));
        push(date, caps.get(0).expect("match"));
    }
    for caps in MONTH_DAY_YEAR.captures_iter(text) {
        let date = month_of(&caps[1])
            .and_then(|m| range(num(&caps, 4)?, m, num(&caps, 2)?, num(&caps, 3)));
        push(date, caps.get(0).expect("match"));
    }
    for caps in MONTH_YEAR.captures_iter(text) {
        let date = month_of(&caps[1])
            .and_then(|m| PartialDate::new(num(&caps, 2)?, Some(m), None))
            .map(DocDate::point);
        push(date, caps.get(0).expect("match"));
    }
    for m in YEAR.find_iter(text) {
        let date = m
            .as_str()
            .parse()
            .ok()
            .and_then(|y| PartialDate::new(y, None, None));
        push(date.map(DocDate::point), m);
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The date a short line consists of ("31 октября 2025 года"), if the line
/// holds little else.
pub fn date_line(text: &str) -> Option<DocDate> {
    let found = find_dates(text);
    let first = found.first()?;
    let rest: String = format!("{}{}", &text[..first.start], &text[first.end..]);
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    (letters <= 6 && first.date.precision() >= 2).then_some(first.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        find_dates(text).first().map(|f| f.date.to_string())
    }

    #[test]
    fn reads_the_seeds_date_formats() {
        assert_eq!(first("31 октября 2025 года").as_deref(), Some("2025-10-31"));
        assert_eq!(first("24 janvier 2026").as_deref(), Some("2026-01-24"));
        assert_eq!(
            first("held in Izmir on 20-22 October 2023, express").as_deref(),
            Some("2023-10-20/2023-10-22")
        );
        assert_eq!(
            first("en Izmir los días 20-22 de octubre de 2023").as_deref(),
            Some("2023-10-20/2023-10-22")
        );
        assert_eq!(
            first("Statement by the PFLP on October 9, 2025;").as_deref(),
            Some("2025-10-09")
        );
        assert_eq!(
            first("Status of the signatories 08.11.2025.").as_deref(),
            Some("2025-11-08")
        );
        assert_eq!(
            first("Подписи (21.01.2022г., подписание продолжается)").as_deref(),
            Some("2022-01-21")
        );
        assert_eq!(
            first("В начале 2022 года в ряде городов").as_deref(),
            Some("2022")
        );
        assert_eq!(
            first("fin juillet 2025 à Quito").as_deref(),
            Some("2025-07")
        );
        assert_eq!(first("le 5 мая 2024").as_deref(), Some("2024-05-05"));
    }

    #[test]
    fn ignores_what_is_not_a_date() {
        assert_eq!(first("around 2,000 Palestinian prisoners"), None);
        assert_eq!(first("31 марксистов 2025"), Some("2025".to_string()));
        assert_eq!(first("the 32 февраля 2025"), Some("2025-02".to_string()));
        assert_eq!(month_of("market"), None);
        assert_eq!(month_of("марксист"), None);
    }

    #[test]
    fn recognises_date_lines() {
        assert!(date_line("31 октября 2025 года").is_some());
        assert!(date_line("24 janvier 2026").is_some());
        assert!(date_line("Les agressions militaires du 24 janvier 2026 s’étendent").is_none());
        assert!(date_line("2025").is_none());
    }
}
