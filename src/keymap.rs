//! Keys as data: every key maps to a named action with a description, per
//! context. The keymap is the reader's only dispatcher, and its help, hints
//! and popup titles are generated from the same table, so they cannot drift
//! apart. Shared by the config (which remaps keys) and the TUI (which
//! turns terminal events into [`Key`]s); it knows no terminal library.

use std::fmt;

/// Where a key is pressed. In the list and the reading pane, `Global`
/// bindings apply when the context has none for the key (a context binding
/// overrides a global one); popups, the finder and prompts have their own
/// keys, and in the finder and prompts an unbound character is typed.
/// `Anywhere` keys (quit, suspend) work in every context that does not
/// bind the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Also in popups, the finder and prompts: C-c, C-z.
    Anywhere,
    Global,
    List,
    Reader,
    /// Menus and lists over the main view: help, translations, bookmarks, export.
    Popup,
    Finder,
    /// Typing a line: the search in the document, a bookmark's note.
    Prompt,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Anywhere,
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Popup,
        Context::Finder,
        Context::Prompt,
    ];

    /// What the help calls it.
    pub fn name(self) -> &'static str {
        match self {
            Context::Anywhere => "anywhere, popups too",
            Context::Global => "everywhere",
            Context::List => "document list",
            Context::Reader => "reading pane",
            Context::Popup => "popups",
            Context::Finder => "finder",
            Context::Prompt => "typing (search, bookmark note)",
        }
    }

    /// What the config calls it (`[keys.NAME]`).
    pub fn config_name(self) -> &'static str {
        match self {
            Context::Anywhere => "anywhere",
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Popup => "popup",
            Context::Finder => "finder",
            Context::Prompt => "prompt",
        }
    }

    pub fn from_config_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.config_name() == name)
    }

    /// The context whose keys also apply here, when this one has none.
    pub fn fallback(self) -> Option<Context> {
        match self {
            Context::List | Context::Reader => Some(Context::Global),
            Context::Anywhere => None,
            _ => Some(Context::Anywhere),
        }
    }

    /// This context and the ones it falls back to, nearest first.
    fn chain(self) -> impl Iterator<Item = Context> {
        std::iter::successors(Some(self), |c| c.fallback())
    }

    /// Whether an unbound character is typed as text here.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Finder | Context::Prompt)
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
    ToggleMouse = "toggle_mouse", "Mouse on/off (off: the terminal selects text as usual)";
    RemoveResolution = "remove_resolution", "Remove the selected resolution from the library (asks first)";
    Keep = "keep", "Keep files opened directly: import them into the library";
    Yes = "yes", "Yes, do it (when asked)";
    HistoryOlder = "history_older", "Older query from the history (finder, / search)";
    HistoryNewer = "history_newer", "Newer query from the history, then what you typed";
    Confirm = "confirm", "Accept what was typed";
    DeleteBack = "delete_back", "Delete the character before the cursor";
}

/// The keys the keymap knows (the TUI maps the terminal's keys onto these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
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
            s => match s.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=24) => KeyCode::F(n),
                _ => return None,
            },
        };
        Some(Key { code, ctrl })
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
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
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
    (Context::Global, "q", Action::Quit),
    (Context::Anywhere, "C-c", Action::Quit),
    (Context::Anywhere, "C-z", Action::Suspend),
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
    (Context::Global, "M", Action::ToggleMouse),
    (Context::Global, "K", Action::Keep),
    (Context::List, "Enter l Right", Action::Open),
    (Context::List, "D Delete", Action::RemoveResolution),
    // "/" searches in most pagers and lists; the list has no search of its
    // own, so it opens the finder.
    (Context::List, "/", Action::Find),
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
    (Context::Popup, "Esc q n", Action::Close),
    (Context::Popup, "y", Action::Yes),
    (Context::Popup, "Enter", Action::Open),
    (Context::Popup, "k Up", Action::Up),
    (Context::Popup, "j Down", Action::Down),
    (Context::Popup, "C-p C-k", Action::Up),
    (Context::Popup, "C-n C-j", Action::Down),
    (Context::Popup, "d Delete", Action::Delete),
    (Context::Popup, "PageUp", Action::PageUp),
    (Context::Popup, "PageDown Space", Action::PageDown),
    (Context::Popup, "C-u", Action::HalfPageUp),
    (Context::Popup, "C-d", Action::HalfPageDown),
    (Context::Popup, "g Home", Action::Top),
    (Context::Popup, "G End", Action::Bottom),
    (Context::Finder, "Esc", Action::Close),
    (Context::Finder, "Enter", Action::Open),
    (Context::Finder, "Up C-k", Action::Up),
    (Context::Finder, "Down C-j", Action::Down),
    // As fzf with --history: C-p/C-n walk it, the arrows move the selection.
    (Context::Finder, "C-p", Action::HistoryOlder),
    (Context::Finder, "C-n", Action::HistoryNewer),
    (Context::Finder, "C-t", Action::ToggleFullText),
    (Context::Finder, "Backspace", Action::DeleteBack),
    (Context::Prompt, "Esc", Action::Close),
    (Context::Prompt, "Enter", Action::Confirm),
    (Context::Prompt, "Backspace", Action::DeleteBack),
    (Context::Prompt, "Up C-p", Action::HistoryOlder),
    (Context::Prompt, "Down C-n", Action::HistoryNewer),
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

/// Two actions wanted one key in one context; `kept` has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub context: Context,
    pub key: Key,
    pub kept: Action,
    pub dropped: Action,
}

impl Keymap {
    /// Merge overrides: each (context, action) listed gets exactly the keys
    /// given, and those keys stop doing anything else in that context. A
    /// key given to two actions of one context goes to the later one; each
    /// such conflict is returned, to be reported.
    pub fn apply(&mut self, overrides: &[(Context, Action, Vec<Key>)]) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for (i, (context, action, keys)) in overrides.iter().enumerate() {
            for (earlier_context, earlier, earlier_keys) in &overrides[..i] {
                for key in keys.iter().filter(|k| earlier_keys.contains(k)) {
                    if earlier_context == context && earlier != action {
                        conflicts.push(Conflict {
                            context: *context,
                            key: *key,
                            kept: *action,
                            dropped: *earlier,
                        });
                    }
                }
            }
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
        conflicts
    }

    fn own(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.key == key)
            .map(|b| b.action)
    }

    /// The action for `key` in `context`: its own binding, else the one of
    /// the nearest context it falls back to.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        context.chain().find_map(|c| self.own(c, key))
    }

    /// The keys that do `action` in `context`, in table order: what help,
    /// hints and titles show. A global key the context binds to something
    /// else is not among them.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for b in &self.bindings {
            let here = context.chain().any(|c| c == b.context);
            if here
                && b.action == action
                && !keys.contains(&b.key)
                && self.action(context, b.key) == Some(action)
            {
                keys.push(b.key);
            }
        }
        keys
    }

    /// The first key that does `action` in `context`, for hints and titles.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.keys_for(context, action).first().copied()
    }

    /// Global (or anywhere) keys that do something else in a context that
    /// falls back to them: (context, key, what it does globally, what it
    /// does there).
    pub fn shadowed(&self) -> Vec<(Context, Key, Action, Action)> {
        let mut out = Vec::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| matches!(b.context, Context::Global | Context::Anywhere))
        {
            for context in Context::ALL {
                if context == b.context || !context.chain().any(|c| c == b.context) {
                    continue;
                }
                if let Some(there) = self.own(context, b.key)
                    && there != b.action
                {
                    out.push((context, b.key, b.action, there));
                }
            }
        }
        out
    }

    /// Help rows for someone in `context`: its keys in force (global ones
    /// included), then the other pane's own, then those of popups, the
    /// finder and prompts. Each row is
    /// (section, keys, description), actions in the order they are defined.
    pub fn help(&self, context: Context) -> Vec<(Context, String, &'static str)> {
        let sections = std::iter::once(context).chain(
            [
                Context::List,
                Context::Reader,
                Context::Popup,
                Context::Finder,
                Context::Prompt,
            ]
            .into_iter()
            .filter(|c| *c != context),
        );
        let mut rows = Vec::new();
        for section in sections {
            // The other pane's section: only its own keys, the global ones
            // being listed once already.
            let own_only = matches!(section, Context::List | Context::Reader) && section != context;
            for action in Action::ALL {
                let mut keys = self.keys_for(section, *action);
                if own_only {
                    keys.retain(|k| self.own(section, *k) == Some(*action));
                }
                if !keys.is_empty() {
                    let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
                    rows.push((section, keys.join(" "), action.description()));
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_back() {
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
            "[",
            "Backspace",
            "F12",
        ] {
            assert_eq!(
                Key::parse(text).map(|k| k.to_string()).as_deref(),
                Some(text)
            );
        }
        assert_eq!(Key::parse("NoSuchKey"), None);
    }

    #[test]
    fn a_context_binding_overrides_a_global_one_in_dispatch_and_in_help() {
        let mut keymap = Keymap::default();
        let h = Key::parse("h").unwrap();
        let conflicts = keymap.apply(&[(Context::Global, Action::Help, vec![h])]);
        assert!(conflicts.is_empty());
        // In the reading pane h goes back to the list: it is not a help key there.
        assert_eq!(keymap.action(Context::Reader, h), Some(Action::Close));
        assert_eq!(keymap.key_for(Context::Reader, Action::Help), None);
        assert_eq!(keymap.key_for(Context::List, Action::Help), Some(h));
        assert_eq!(
            keymap.shadowed(),
            vec![(Context::Reader, h, Action::Help, Action::Close)]
        );
        let help = keymap.help(Context::Reader);
        assert!(
            !help
                .iter()
                .any(|(c, keys, d)| *c == Context::Reader && keys == "h" && *d == "Show this help")
        );
    }

    #[test]
    fn the_default_keymap_has_no_conflicts_and_hides_no_global_key() {
        let mut keymap = Keymap::default();
        assert_eq!(keymap.shadowed(), Vec::new());
        for context in Context::ALL {
            let mut seen = std::collections::HashSet::new();
            for b in keymap.bindings.iter().filter(|b| b.context == context) {
                assert!(seen.insert(b.key), "{} twice in {context:?}", b.key);
            }
        }
        let x = Key::parse("x").unwrap();
        let conflicts = keymap.apply(&[
            (Context::Reader, Action::Search, vec![x]),
            (Context::Reader, Action::Copy, vec![x]),
        ]);
        assert_eq!(
            conflicts,
            vec![Conflict {
                context: Context::Reader,
                key: x,
                kept: Action::Copy,
                dropped: Action::Search
            }]
        );
        assert_eq!(keymap.action(Context::Reader, x), Some(Action::Copy));
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
        assert_eq!(keymap.action(Context::Popup, key("?")), None);
        assert_eq!(
            keymap.action(Context::Popup, key("Esc")),
            Some(Action::Close)
        );
    }

    #[test]
    fn quit_and_suspend_work_in_every_context_unless_it_binds_the_key() {
        let mut keymap = Keymap::default();
        let key = |s| Key::parse(s).unwrap();
        for context in Context::ALL {
            assert_eq!(keymap.action(context, key("C-c")), Some(Action::Quit));
            assert_eq!(keymap.action(context, key("C-z")), Some(Action::Suspend));
        }
        // q stays a letter to type in the finder, and closes popups.
        assert_eq!(keymap.action(Context::Finder, key("q")), None);
        assert_eq!(keymap.action(Context::Popup, key("q")), Some(Action::Close));
        let help = keymap.help(Context::List);
        assert!(
            help.iter()
                .any(|(c, keys, _)| *c == Context::Finder && keys == "C-c")
        );
        // A context may take the key for itself, and is told it hides it.
        keymap.apply(&[(Context::Prompt, Action::Close, vec![key("C-c")])]);
        assert_eq!(
            keymap.action(Context::Prompt, key("C-c")),
            Some(Action::Close)
        );
        assert_eq!(
            keymap.shadowed(),
            vec![(Context::Prompt, key("C-c"), Action::Quit, Action::Close)]
        );
    }

    #[test]
    fn help_lists_every_action_of_the_default_keymap() {
        let help = Keymap::default().help(Context::Reader);
        for action in Action::ALL {
            assert!(
                help.iter().any(|(_, _, d)| d == &action.description()),
                "{action:?} missing from help"
            );
        }
        assert!(
            help.iter()
                .any(|(c, keys, _)| *c == Context::Reader && keys == "q C-c")
        );
    }
}
