//! Colours as the config names them, for the config (which checks them) and
//! the TUI's theme (which turns them into terminal colours): one parser, so
//! what the config accepts is what the theme shows.

/// A colour: a terminal's own (`Named`, 0–15 in ANSI order), one of the 256
/// indexed colours, or a 24-bit one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's default.
    Reset,
    Named(u8),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The ANSI colour names, in order (0–15).
const NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Colour {
    /// A name (`yellow`, `light-blue`, `bright red`, `grey`), an index
    /// (`0`–`255`) or `#rrggbb`; the spellings ratatui accepts.
    pub fn parse(text: &str) -> Option<Colour> {
        let name = text
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        if name == "reset" {
            return Some(Colour::Reset);
        }
        if let Some(i) = NAMES.iter().position(|n| *n == name) {
            return Some(Colour::Named(i as u8));
        }
        if let Ok(index) = text.parse::<u8>() {
            return Some(Colour::Indexed(index));
        }
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_indexes_and_hex() {
        assert_eq!(Colour::parse("yellow"), Some(Colour::Named(3)));
        assert_eq!(Colour::parse("Bright Red"), Some(Colour::Named(9)));
        assert_eq!(Colour::parse("dark-grey"), Some(Colour::Named(8)));
        assert_eq!(Colour::parse("208"), Some(Colour::Indexed(208)));
        assert_eq!(Colour::parse("#ff8000"), Some(Colour::Rgb(255, 128, 0)));
        assert_eq!(Colour::parse("reset"), Some(Colour::Reset));
        for bad in ["#ff80", "#gg0000", "256", "ultraviolet", "", "#ффф000"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }
}
