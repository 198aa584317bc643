//! Dates "as precise as known": a year, a month or a day, or a range of them,
//! written as ISO 8601 (`2023`, `2023-10`, `2023-10-22`, `2023-10-20/2023-10-22`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One calendar point, as precise as known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = match (month, day) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(m), Some(d)) => d >= 1 && d <= days_in_month(year, m),
        };
        ((1000..=2999).contains(&year) && month_ok && day_ok).then_some(PartialDate {
            year,
            month,
            day,
        })
    }

    /// Keep only the year and month.
    pub fn to_month(self) -> PartialDate {
        PartialDate { day: None, ..self }
    }

    fn precision(self) -> u8 {
        1 + self.month.is_some() as u8 + self.day.is_some() as u8
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A document date: one point or an inclusive range (a three-day meeting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocDate {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl DocDate {
    pub fn point(date: PartialDate) -> DocDate {
        DocDate {
            start: date,
            end: None,
        }
    }

    /// The last day the date covers, used to sort newest first.
    pub fn latest(&self) -> PartialDate {
        self.end.unwrap_or(self.start)
    }

    pub fn year(&self) -> u16 {
        self.start.year
    }

    /// How precise the date is: 1 year, 2 month, 3 day.
    pub fn precision(&self) -> u8 {
        self.start.precision()
    }

    /// The date in fewer cells, for a narrow column: a range's end drops
    /// what it shares with its start, as ISO 8601 allows (`2023-10-20/22`).
    pub fn short(&self) -> String {
        let Some(end) = self.end else {
            return self.start.to_string();
        };
        let (start, full_end) = (self.start, end.to_string());
        if start.precision() != end.precision() || start.year != end.year {
            return format!("{start}/{full_end}");
        }
        // "YYYY-" is five bytes, "YYYY-MM-" eight.
        let shared = if start.month == end.month && end.day.is_some() {
            8
        } else {
            5
        };
        match full_end.get(shared..) {
            Some(rest) if !rest.is_empty() => format!("{start}/{rest}"),
            _ => format!("{start}/{full_end}"),
        }
    }

    pub fn parse(text: &str) -> Option<DocDate> {
        let text = text.trim();
        let (a, b) = match text.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (text, None),
        };
        let start = parse_point(a)?;
        let end = match b {
            Some(b) => Some(parse_point(b)?),
            None => None,
        };
        if end.is_some_and(|e| e < start) {
            return None;
        }
        Some(DocDate { start, end })
    }
}

fn parse_point(text: &str) -> Option<PartialDate> {
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().map(str::parse).transpose().ok()?;
    let day = parts.next().map(str::parse).transpose().ok()?;
    if parts.next().is_some() {
        return None;
    }
    PartialDate::new(year, month, day)
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

impl Serialize for DocDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DocDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not an ISO 8601 date such as 2025, 2025-10, 2025-10-31 or 2023-10-20/2023-10-22"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_range_drops_from_its_end_what_it_shares_with_its_start() {
        let short = |s: &str| DocDate::parse(s).map(|d| d.short());
        for (full, expected) in [
            ("2023-10-20/2023-10-22", "2023-10-20/22"),
            ("2023-10-30/2023-11-02", "2023-10-30/11-02"),
            ("2023-10/2023-12", "2023-10/12"),
            ("2022-12-30/2023-01-02", "2022-12-30/2023-01-02"),
            ("2022/2023", "2022/2023"),
            ("2023-10/2023-10-22", "2023-10/2023-10-22"),
            ("2023-10-22", "2023-10-22"),
        ] {
            assert_eq!(short(full).as_deref(), Some(expected), "{full}");
            assert!(expected.len() <= full.len());
        }
    }

    #[test]
    fn parses_and_prints_every_precision() {
        for s in ["2025", "2025-10", "2025-10-31", "2023-10-20/2023-10-22"] {
            assert_eq!(DocDate::parse(s).map(|d| d.to_string()).as_deref(), Some(s));
        }
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-02-30",
            "2025-10-31/2025-10-01",
            "x",
        ] {
            assert_eq!(DocDate::parse(bad), None, "{bad}");
        }
        assert_eq!(DocDate::parse("2024-02-29").map(|d| d.precision()), Some(3));
    }
}
