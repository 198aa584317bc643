//! Keys as data: every key maps to a named action with a description, per
//! context. The help overlay is generated from the same table that
//! dispatches, so the two cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// Where a key is pressed. `Global` bindings apply when the focused
/// context has none for the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Reader,
    Overlay,
}

impl Context {
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::List => "document list",
            Context::Reader => "reading pane",
            Context::Overlay => "popups",
        }
    }
}

macro_rules! actions {
    ($($variant:ident = $name:literal, $desc:literal;)*) => {
        /// Everything a key can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }

            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc),* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    Quit = "quit", "Quit resreader";
    Suspend = "suspend", "Suspend to the shell (fg comes back)";
    Help = "help", "Show this help";
    NextPane = "next_pane", "Focus the other pane";
    PrevPane = "prev_pane", "Focus the other pane (backwards)";
    Close = "close", "Close the popup, or go back to the list";
    Up = "up", "Move up one line";
    Down = "down", "Move down one line";
    HalfPageUp = "half_page_up", "Move up half a page";
    HalfPageDown = "half_page_down", "Move down half a page";
    PageUp = "page_up", "Move up a page";
    PageDown = "page_down", "Move down a page";
    Top = "top", "Go to the beginning";
    Bottom = "bottom", "Go to the end";
    Open = "open", "Open the selected item";
    PrevParagraph = "prev_paragraph", "Previous paragraph";
    NextParagraph = "next_paragraph", "Next paragraph";
    NextTranslation = "next_translation", "Next translation (keeps your place)";
    ChooseTranslation = "choose_translation", "Choose a translation";
    SideBySide = "side_by_side", "Side by side on/off";
    AddColumn = "add_column", "Add a translation column";
    RemoveColumn = "remove_column", "Remove the last column";
    SwapColumns = "swap_columns", "Rotate the columns";
    Search = "search", "Search in the document";
    NextHit = "next_hit", "Next search hit";
    PrevHit = "prev_hit", "Previous search hit";
    Find = "find", "Find in the whole library";
    AddBookmark = "add_bookmark", "Bookmark this paragraph (with a note)";
    Bookmarks = "bookmarks", "List bookmarks";
    Delete = "delete", "Delete the selected item";
    JumpBack = "jump_back", "Jump back to the previous place";
    JumpForward = "jump_forward", "Jump forward again";
    Export = "export", "Export these translations to a file";
    Copy = "copy", "Copy this paragraph and its translations";
    ToggleFullText = "toggle_full_text", "Finder: titles or full text";
}

/// A key with its modifiers, as written in the keymap: `j`, `G`, `?`,
/// `C-d`, `S-Tab`, `PageDown`, `Space`, `Enter`, `Esc`, `Up`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn parse(text: &str) -> Option<Key> {
        let (ctrl, rest) = match text.strip_prefix("C-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, text),
        };
        let code = match rest {
            "S-Tab" | "BackTab" => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Space" => KeyCode::Char(' '),
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            s if s.chars().count() == 1 => KeyCode::Char(s.chars().next()?),
            _ => return None,
        };
        Some(Key { code, ctrl })
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Terminals send upper-case letters with SHIFT; the letter says it all.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key { code, ctrl }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "C-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => write!(f, "S-Tab"),
            KeyCode::PageUp => write!(f, "PageUp"),
            KeyCode::PageDown => write!(f, "PageDown"),
            KeyCode::Delete => write!(f, "Delete"),
            other => write!(f, "{other}"),
        }
    }
}

/// One key bound to one action in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
}

/// The default bindings: (context, keys separated by spaces, action).
const DEFAULTS: &[(Context, &str, Action)] = &[
    (Context::Global, "q C-c", Action::Quit),
    (Context::Global, "C-z", Action::Suspend),
    (Context::Global, "?", Action::Help),
    (Context::Global, "Tab", Action::NextPane),
    (Context::Global, "S-Tab", Action::PrevPane),
    (Context::Global, "Esc", Action::Close),
    (Context::Global, "k Up", Action::Up),
    (Context::Global, "j Down", Action::Down),
    (Context::Global, "C-u", Action::HalfPageUp),
    (Context::Global, "C-d", Action::HalfPageDown),
    (Context::Global, "PageUp", Action::PageUp),
    (Context::Global, "PageDown Space", Action::PageDown),
    (Context::Global, "g Home", Action::Top),
    (Context::Global, "G End", Action::Bottom),
    (Context::Global, "f C-p", Action::Find),
    (Context::Global, "B", Action::Bookmarks),
    (Context::Global, "C-o", Action::JumpBack),
    // Most terminals send C-i as Tab; C-f works everywhere.
    (Context::Global, "C-i C-f", Action::JumpForward),
    (Context::List, "Enter l Right", Action::Open),
    (Context::Reader, "[", Action::PrevParagraph),
    (Context::Reader, "]", Action::NextParagraph),
    (Context::Reader, "t", Action::NextTranslation),
    (Context::Reader, "T", Action::ChooseTranslation),
    (Context::Reader, "s", Action::SideBySide),
    (Context::Reader, "+", Action::AddColumn),
    (Context::Reader, "-", Action::RemoveColumn),
    (Context::Reader, "x", Action::SwapColumns),
    (Context::Reader, "/", Action::Search),
    (Context::Reader, "n", Action::NextHit),
    (Context::Reader, "N", Action::PrevHit),
    (Context::Reader, "h Left", Action::Close),
    (Context::Reader, "b", Action::AddBookmark),
    (Context::Reader, "e", Action::Export),
    (Context::Reader, "y", Action::Copy),
    (Context::Overlay, "Esc q", Action::Close),
    (Context::Overlay, "Enter", Action::Open),
    (Context::Overlay, "k Up", Action::Up),
    (Context::Overlay, "j Down", Action::Down),
    (Context::Overlay, "C-p C-k", Action::Up),
    (Context::Overlay, "C-n C-j", Action::Down),
    (Context::Overlay, "C-t", Action::ToggleFullText),
    (Context::Overlay, "d Delete", Action::Delete),
];

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = Vec::new();
        for (context, keys, action) in DEFAULTS {
            for key in keys.split_whitespace() {
                if let Some(key) = Key::parse(key) {
                    bindings.push(Binding {
                        context: *context,
                        key,
                        action: *action,
                    });
                }
            }
        }
        Keymap { bindings }
    }
}

impl Keymap {
    /// Merge overrides: each (context, action) listed gets exactly the keys
    /// given, and those keys stop doing anything else in that context.
    pub fn apply(&mut self, overrides: &[(Context, Action, Vec<Key>)]) {
        for (context, action, keys) in overrides {
            self.bindings.retain(|b| {
                !(b.context == *context && (b.action == *action || keys.contains(&b.key)))
            });
            for key in keys {
                self.bindings.push(Binding {
                    context: *context,
                    key: *key,
                    action: *action,
                });
            }
        }
    }

    /// The action for `key` in `context`, falling back to global bindings
    /// (popups do not fall back: their keys are their own).
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == c && b.key == key)
                .map(|b| b.action)
        };
        find(context).or_else(|| {
            if context == Context::Overlay {
                None
            } else {
                find(Context::Global)
            }
        })
    }

    /// Help rows: context, keys, description, in table order.
    pub fn help(&self) -> Vec<(Context, String, &'static str)> {
        let mut rows: Vec<(Context, Action, Vec<String>)> = Vec::new();
        for b in &self.bindings {
            match rows
                .iter_mut()
                .find(|(c, a, _)| *c == b.context && *a == b.action)
            {
                Some((_, _, keys)) => keys.push(b.key.to_string()),
                None => rows.push((b.context, b.action, vec![b.key.to_string()])),
            }
        }
        // Contexts in a fixed order, actions in the order they are defined,
        // whatever order remapping left the bindings in.
        let contexts = [
            Context::Global,
            Context::List,
            Context::Reader,
            Context::Overlay,
        ];
        let position = |a: &Action| {
            Action::ALL
                .iter()
                .position(|x| x == a)
                .unwrap_or(usize::MAX)
        };
        rows.sort_by_key(|(c, a, _)| {
            (
                contexts.iter().position(|x| x == c).unwrap_or(usize::MAX),
                position(a),
            )
        });
        rows.into_iter()
            .map(|(c, a, keys)| (c, keys.join(" "), a.description()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_back() {
        for text in [
            "j", "G", "?", "C-d", "S-Tab", "PageDown", "Space", "Enter", "Esc", "Up", "[",
        ] {
            assert_eq!(
                Key::parse(text).map(|k| k.to_string()).as_deref(),
                Some(text)
            );
        }
        assert_eq!(Key::parse("NoSuchKey"), None);
    }

    #[test]
    fn contexts_fall_back_to_global_but_popups_do_not() {
        let keymap = Keymap::default();
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(
            keymap.action(Context::Reader, key("t")),
            Some(Action::NextTranslation)
        );
        assert_eq!(keymap.action(Context::List, key("t")), None);
        assert_eq!(keymap.action(Context::List, key("j")), Some(Action::Down));
        assert_eq!(keymap.action(Context::Overlay, key("?")), None);
        assert_eq!(
            keymap.action(Context::Overlay, key("Esc")),
            Some(Action::Close)
        );
    }

    #[test]
    fn help_lists_every_action_of_the_default_keymap() {
        let help = Keymap::default().help();
        for action in Action::ALL {
            assert!(
                help.iter().any(|(_, _, d)| d == &action.description()),
                "{action:?} missing from help"
            );
        }
        assert!(
            help.iter()
                .any(|(c, keys, _)| *c == Context::Global && keys == "q C-c")
        );
    }
}
