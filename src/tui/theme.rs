//! Colours of the reader by role. Dark and light are built in, any role's
//! colour can be set in the config, and `NO_COLOR` (no-color.org) turns all
//! colours off: roles are then told apart by bold, reverse and dim alone.
//!
//! The built-in themes use the xterm 256-colour cube and grey ramp (16–255),
//! whose colours are the same in nearly every terminal, rather than the 16
//! named colours each terminal's palette redefines: so their contrast can be
//! known. Every role meets WCAG AA (4.5:1) on the theme's background (black
//! for dark, white for light; the terminal's own background is kept).

use crate::config::Config;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// A search hit.
    pub hit: Style,
    /// A stand-in for a character that could not be shown.
    pub placeholder: Style,
    /// The reading cursor's mark.
    pub cursor: Style,
    /// Secondary text: dates, hints, status.
    pub dim: Style,
    /// Focused borders, keys in hints.
    pub accent: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            hit: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(220)),
            placeholder: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(124)),
            cursor: Style::new().fg(Color::Indexed(44)),
            dim: Style::new().fg(Color::Indexed(246)),
            accent: Style::new().fg(Color::Indexed(44)),
        }
    }

    pub fn light() -> Theme {
        Theme {
            hit: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(228)),
            placeholder: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(124)),
            cursor: Style::new().fg(Color::Indexed(25)),
            dim: Style::new().fg(Color::Indexed(242)),
            accent: Style::new().fg(Color::Indexed(25)),
        }
    }

    /// The background the theme is made for (the terminal's own is kept).
    pub fn background(name: &str) -> Color {
        if name == "light" {
            Color::Indexed(231)
        } else {
            Color::Indexed(16)
        }
    }

    /// No colour at all.
    pub fn monochrome() -> Theme {
        Theme {
            hit: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            placeholder: Style::new().add_modifier(Modifier::REVERSED),
            cursor: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            accent: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The theme the config asks for, unless `no_color` (NO_COLOR is set).
    pub fn from_config(config: &Config, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        let mut theme = if config.theme == "light" {
            Theme::light()
        } else {
            Theme::dark()
        };
        for (role, value) in &config.colors {
            let Some(color) = crate::colour::Colour::parse(value).map(to_color) else {
                continue;
            };
            match role.as_str() {
                "hit" => theme.hit = theme.hit.fg(color),
                "hit_background" => theme.hit = theme.hit.bg(color),
                "placeholder" => theme.placeholder = theme.placeholder.fg(color),
                "cursor" => theme.cursor = theme.cursor.fg(color),
                "dim" => theme.dim = theme.dim.fg(color),
                "accent" => theme.accent = theme.accent.fg(color),
                _ => {}
            }
        }
        theme
    }
}

/// Whether NO_COLOR asks for no colour: set and not empty.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A config colour as a terminal colour.
fn to_color(colour: crate::colour::Colour) -> Color {
    use crate::colour::Colour;
    match colour {
        Colour::Reset => Color::Reset,
        Colour::Named(n) => [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]
        .get(n as usize)
        .copied()
        .unwrap_or(Color::Reset),
        Colour::Indexed(i) => Color::Indexed(i),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// A colour's red, green and blue, where it is fixed: RGB and the xterm
/// 256-colour cube and grey ramp (not the 16 named colours, which each
/// terminal's palette sets).
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i @ 16..=231) => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            Some((level(i / 36), level(i / 6 % 6), level(i % 6)))
        }
        Color::Indexed(i @ 232..=255) => {
            let v = 8 + 10 * (i - 232);
            Some((v, v, v))
        }
        _ => None,
    }
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_computed_as_wcag_says() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((10, 20, 30), (10, 20, 30)) - 1.0).abs() < 1e-9);
        // The light theme's old dim, xterm's #E5E5E5 on white: about 1.3.
        assert!(contrast((0xE5, 0xE5, 0xE5), (255, 255, 255)) < 1.4);
        assert_eq!(rgb(Color::Indexed(16)), Some((0, 0, 0)));
        assert_eq!(rgb(Color::Indexed(231)), Some((255, 255, 255)));
        assert_eq!(rgb(Color::Indexed(196)), Some((255, 0, 0)));
        assert_eq!(rgb(Color::Indexed(244)), Some((128, 128, 128)));
        assert_eq!(rgb(Color::Cyan), None);
    }

    #[test]
    fn every_role_meets_wcag_aa_on_its_background_in_both_themes() {
        for name in ["dark", "light"] {
            let theme = if name == "light" {
                Theme::light()
            } else {
                Theme::dark()
            };
            let background = Theme::background(name);
            for (role, style) in [
                ("hit", theme.hit),
                ("placeholder", theme.placeholder),
                ("cursor", theme.cursor),
                ("dim", theme.dim),
                ("accent", theme.accent),
            ] {
                let fg = style
                    .fg
                    .and_then(rgb)
                    .unwrap_or_else(|| panic!("{name} {role}: a fixed colour"));
                let bg = style.bg.unwrap_or(background);
                let bg = rgb(bg).unwrap_or_else(|| panic!("{name} {role}: a fixed background"));
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{name} {role}: {ratio:.2}:1 is below 4.5:1");
            }
        }
    }

    #[test]
    fn no_color_has_no_colours_and_overrides_apply() {
        let mono = Theme::monochrome();
        for style in [
            mono.hit,
            mono.placeholder,
            mono.cursor,
            mono.dim,
            mono.accent,
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        let mut config = Config::default();
        config
            .colors
            .insert("hit_background".into(), "#00ff00".into());
        assert_eq!(
            Theme::from_config(&config, false).hit.bg,
            Some(Color::Rgb(0, 255, 0))
        );
        assert_eq!(Theme::from_config(&config, true), Theme::monochrome());
    }
}
