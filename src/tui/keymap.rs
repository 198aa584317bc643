//! The keymap (see [`crate::keymap`]) and the terminal's keys: crossterm's
//! key events become the keymap's [`Key`]s here, and back for tests.

pub use crate::keymap::*;
use ratatui::crossterm::event::{KeyCode as Code, KeyEvent, KeyModifiers};

/// The keymap's key for a terminal key event; `None` for keys it has no
/// name for (media keys, modifiers alone).
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        // Terminals send upper-case letters with SHIFT; the letter says it all.
        Code::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        Code::Char(c) => KeyCode::Char(c),
        Code::Enter => KeyCode::Enter,
        Code::Esc => KeyCode::Esc,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::Backspace => KeyCode::Backspace,
        Code::Delete => KeyCode::Delete,
        Code::Up => KeyCode::Up,
        Code::Down => KeyCode::Down,
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        Code::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key { code, ctrl })
}

/// The terminal key event a key stands for (tests and scripts drive the
/// reader with these).
pub fn event_of(key: Key) -> KeyEvent {
    let code = match key.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::F(n) => Code::F(n),
    };
    let modifiers = if key.ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(code, modifiers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_key_goes_to_an_event_and_back() {
        for text in [
            "j",
            "G",
            "?",
            "C-d",
            "S-Tab",
            "PageDown",
            "Space",
            "Enter",
            "Esc",
            "Up",
            "Home",
            "Backspace",
            "Delete",
            "F12",
            "C-z",
        ] {
            let key = Key::parse(text).unwrap();
            assert_eq!(key_of(&event_of(key)), Some(key), "{text}");
        }
    }
}
