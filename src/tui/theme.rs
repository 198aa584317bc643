//! Colours of the reader by role. Dark and light are built in, any role's
//! colour can be set in the config, and `NO_COLOR` (no-color.org) turns all
//! colours off: roles are then told apart by bold, reverse and dim alone.

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
            hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            placeholder: Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED),
            cursor: Style::new().fg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(Color::Cyan),
        }
    }

    pub fn light() -> Theme {
        Theme {
            hit: Style::new().fg(Color::Black).bg(Color::LightYellow),
            placeholder: Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED),
            cursor: Style::new().fg(Color::Blue),
            dim: Style::new().fg(Color::Gray),
            accent: Style::new().fg(Color::Blue),
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

#[cfg(test)]
mod tests {
    use super::*;

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
