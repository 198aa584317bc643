//! The configuration file (`config.toml` in the platform config folder, or
//! `--config FILE`): preferred languages, text and theme settings, and key
//! remapping merged over the defaults. Problems are reported as warnings
//! with the file, the line and a suggestion, and the rest of the file still
//! applies; an unreadable file means the defaults, never a refusal to start
//! (only a file named with `--config` that is not there is refused, by `cli`).

use crate::keymap::{Action, Context, Key, Keymap};
use crate::term::BidiChoice;
use crate::text::BidiMode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// The settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Preferred languages, first first: titles, the default translation
    /// and the default columns follow this order.
    pub languages: Vec<String>,
    pub max_width: usize,
    pub bidi: BidiChoice,
    /// The mode chosen with `resreader doctor`, by terminal (its key in
    /// `crate::term::identify::Kind`), for `bidi = "auto"`.
    pub terminals: BTreeMap<String, BidiMode>,
    pub shaping: bool,
    pub theme: String,
    /// Colour overrides by role (hit, hit_background, placeholder, cursor, dim, accent).
    pub colors: BTreeMap<String, String>,
    /// Copy paragraphs to the terminal's clipboard with OSC 52.
    pub clipboard: bool,
    /// The reader takes the mouse (wheel and clicks); off, the terminal's
    /// own text selection works.
    pub mouse: bool,
    /// Key overrides: (context, action, keys).
    pub keys: Vec<(Context, Action, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            languages: vec!["en".into()],
            max_width: crate::render::MAX_TEXT_WIDTH,
            bidi: BidiChoice::Auto,
            terminals: BTreeMap::new(),
            shaping: true,
            theme: "dark".into(),
            colors: BTreeMap::new(),
            clipboard: false,
            mouse: true,
            keys: Vec::new(),
        }
    }
}

/// The colour roles a theme has.
pub const COLOR_ROLES: &[&str] = &[
    "hit",
    "hit_background",
    "placeholder",
    "cursor",
    "dim",
    "accent",
];

/// The default config file: `<config dir>/resreader/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("resreader").join("config.toml"))
}

/// The closest of `candidates` to `word`, if close enough to suggest.
fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// The 1-based line holding byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The largest config file read.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Read a config file. A missing file is the defaults without a word; an
/// unreadable one is the defaults with a warning.
pub fn load(path: &Path) -> (Config, Vec<String>) {
    match crate::fsio::read_regular(path, MAX_BYTES) {
        Err(e) if e.is_not_found() => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![format!(
                "{}: cannot read ({e}); using the defaults",
                path.display()
            )],
        ),
        Ok(bytes) => match String::from_utf8(bytes) {
            Err(_) => (
                Config::default(),
                vec![format!(
                    "{}: not UTF-8 text; using the defaults",
                    path.display()
                )],
            ),
            Ok(text) => parse(&text, &path.display().to_string()),
        },
    }
}

type TomlKey<'i> = Spanned<DeString<'i>>;
type TomlValue<'i> = Spanned<DeValue<'i>>;

/// Walks the parsed file, keeping every problem with the line it is on:
/// the toml crate's spans point at the real place whether a setting is
/// written under `[text]`, as `text.bidi` or inside `text = { … }`.
struct Reader<'t> {
    text: &'t str,
    config: Config,
    found: Vec<(usize, String)>,
    /// The line of each of `config.keys`.
    key_lines: Vec<usize>,
}

impl Reader<'_> {
    fn warn(&mut self, span: std::ops::Range<usize>, message: String) {
        self.found.push((line_at(self.text, span.start), message));
    }

    fn wrong_kind(&mut self, key: &TomlKey) {
        let k = key.get_ref();
        self.warn(
            key.span(),
            format!("`{k}` has a value of the wrong kind (see `resreader config --print-default`)"),
        );
    }

    fn unknown(&mut self, key: &TomlKey, known: &[&str]) {
        let k = key.get_ref();
        self.warn(
            key.span(),
            format!("unknown setting `{k}`{}", suggest(k, known.iter().copied())),
        );
    }

    /// The entries of a table value, or a warning that it is not one.
    fn table<'v, 'i>(
        &mut self,
        key: &TomlKey,
        value: &'v TomlValue<'i>,
    ) -> Option<&'v DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.wrong_kind(key);
        }
        table
    }

    fn top(&mut self, table: &DeTable) {
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "languages" => self.languages(key, value),
                "text" => {
                    if let Some(t) = self.table(key, value) {
                        self.text_section(t)
                    }
                }
                "terminals" => {
                    if let Some(t) = self.table(key, value) {
                        self.terminals(t)
                    }
                }
                "theme" => {
                    if let Some(t) = self.table(key, value) {
                        self.theme(t)
                    }
                }
                "export" => {
                    if let Some(t) = self.table(key, value) {
                        self.export(t)
                    }
                }
                "mouse" => {
                    if let Some(t) = self.table(key, value) {
                        self.mouse(t)
                    }
                }
                "keys" => {
                    if let Some(t) = self.table(key, value) {
                        self.keys(t)
                    }
                }
                _ => self.unknown(
                    key,
                    &[
                        "languages",
                        "text",
                        "terminals",
                        "theme",
                        "export",
                        "mouse",
                        "keys",
                    ],
                ),
            }
        }
    }

    fn languages(&mut self, key: &TomlKey, value: &TomlValue) {
        let Some(items) = value.get_ref().as_array() else {
            return self.wrong_kind(key);
        };
        let mut langs = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(l) if crate::lang::is_known_code(l) => langs.push(l.to_string()),
                Some(l) => self.warn(
                    item.span(),
                    format!("`{l}` is not a language code (ISO 639-1, such as en, ru, ar)"),
                ),
                None => self.warn(item.span(), "a language is a string, such as \"en\"".into()),
            }
        }
        self.config.languages = langs;
    }

    fn text_section(&mut self, table: &DeTable) {
        for (key, value) in table {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("max_width", DeValue::Integer(n)) => {
                    match i64::from_str_radix(n.as_str(), n.radix()) {
                        Ok(n) if n >= 20 => {
                            self.config.max_width = usize::try_from(n).unwrap_or(usize::MAX)
                        }
                        _ => self.warn(
                            value.span(),
                            "max_width is a number of columns, at least 20".into(),
                        ),
                    }
                }
                ("bidi", DeValue::String(s)) => match s.as_ref() {
                    "auto" => self.config.bidi = BidiChoice::Auto,
                    "app" => self.config.bidi = BidiChoice::App,
                    "terminal" => self.config.bidi = BidiChoice::Terminal,
                    "off" => self.config.bidi = BidiChoice::Off,
                    other => self.warn(
                        value.span(),
                        format!("bidi is auto, app, terminal or off, not `{other}`"),
                    ),
                },
                ("shaping", DeValue::Boolean(b)) => self.config.shaping = *b,
                ("max_width" | "bidi" | "shaping", _) => self.wrong_kind(key),
                _ => self.unknown(key, &["max_width", "bidi", "shaping"]),
            }
        }
    }

    fn terminals(&mut self, table: &DeTable) {
        for (key, value) in table {
            match value.get_ref().as_str().and_then(parse_mode) {
                Some(mode) => {
                    self.config
                        .terminals
                        .insert(key.get_ref().to_string(), mode);
                }
                None => {
                    let k = key.get_ref();
                    self.warn(
                        value.span(),
                        format!("`{k}` is app, terminal or off (as `resreader doctor` saves it)"),
                    )
                }
            }
        }
    }

    fn theme(&mut self, table: &DeTable) {
        for (key, value) in table {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("name", DeValue::String(s)) if s == "dark" || s == "light" => {
                    self.config.theme = s.to_string()
                }
                ("name", _) => {
                    self.warn(value.span(), "the theme name is `dark` or `light`".into())
                }
                ("colors", DeValue::Table(colors)) => {
                    for (role, c) in colors {
                        let name = role.get_ref().as_ref();
                        let color = c.get_ref().as_str().unwrap_or_default();
                        if !COLOR_ROLES.contains(&name) {
                            self.warn(
                                role.span(),
                                format!(
                                    "unknown colour role `{name}`{}",
                                    suggest(name, COLOR_ROLES.iter().copied())
                                ),
                            );
                        } else if crate::colour::Colour::parse(color).is_none() {
                            self.warn(
                                c.span(),
                                format!(
                                    "`{color}` is not a colour (a name such as yellow, or #rrggbb)"
                                ),
                            );
                        } else {
                            self.config
                                .colors
                                .insert(name.to_string(), color.to_string());
                        }
                    }
                }
                ("colors", _) => self.wrong_kind(key),
                _ => self.unknown(key, &["name", "colors"]),
            }
        }
    }

    fn export(&mut self, table: &DeTable) {
        for (key, value) in table {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("clipboard", DeValue::Boolean(b)) => self.config.clipboard = *b,
                ("clipboard", _) => self.wrong_kind(key),
                _ => self.unknown(key, &["clipboard"]),
            }
        }
    }

    fn mouse(&mut self, table: &DeTable) {
        for (key, value) in table {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("capture", DeValue::Boolean(b)) => self.config.mouse = *b,
                ("capture", _) => self.wrong_kind(key),
                _ => self.unknown(key, &["capture"]),
            }
        }
    }

    fn keys(&mut self, contexts: &DeTable) {
        for (context_key, bindings) in contexts {
            let name = context_key.get_ref().as_ref();
            let Some(context) = Context::from_config_name(name) else {
                let names = Context::ALL.map(Context::config_name);
                self.warn(
                    context_key.span(),
                    format!(
                        "unknown key context `[keys.{name}]`{} ({})",
                        suggest(name, names),
                        names.join(", ")
                    ),
                );
                continue;
            };
            let Some(bindings) = self.table(context_key, bindings) else {
                continue;
            };
            for (action_key, keys) in bindings {
                let action_name = action_key.get_ref().as_ref();
                let Some(action) = Action::from_name(action_name) else {
                    self.warn(
                        action_key.span(),
                        format!(
                            "unknown action `{action_name}`{}",
                            suggest(action_name, Action::ALL.iter().map(|a| a.name()))
                        ),
                    );
                    continue;
                };
                let texts: Vec<&TomlValue> = match keys.get_ref() {
                    DeValue::String(_) => vec![keys],
                    DeValue::Array(a) => a.iter().collect(),
                    _ => {
                        self.wrong_kind(action_key);
                        continue;
                    }
                };
                let mut parsed = Vec::new();
                for t in texts {
                    match t.get_ref().as_str().and_then(Key::parse) {
                        Some(k) => parsed.push(k),
                        None => {
                            let shown = t.get_ref().as_str().unwrap_or("this");
                            self.warn(
                                t.span(),
                                format!(
                                    "`{shown}` is not a key (such as j, G, C-d, S-Tab, PageDown, Space)"
                                ),
                            )
                        }
                    }
                }
                self.config.keys.push((context, action, parsed));
                self.key_lines
                    .push(line_at(self.text, action_key.span().start));
            }
        }
    }
}

/// Parse config text; `name` is used in warnings. A syntax error is
/// reported where it is, and what could be read around it still applies.
pub fn parse(text: &str, name: &str) -> (Config, Vec<String>) {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader {
        text,
        config: Config::default(),
        found: Vec::new(),
        key_lines: Vec::new(),
    };
    let mut broken_lines = Vec::new();
    for e in &errors {
        let line = e.span().map_or(1, |s| line_at(text, s.start));
        broken_lines.push(line);
        reader
            .found
            .push((line, format!("not valid TOML: {}", e.message().trim())));
    }
    reader.top(table.get_ref());
    let Reader {
        config,
        mut found,
        key_lines,
        ..
    } = reader;
    found.extend(key_conflicts(&config.keys, &key_lines));
    // What the parser recovered on a broken line is its guess: the syntax
    // error is the one thing to say there.
    found.retain(|(line, message)| {
        !broken_lines.contains(line) || message.starts_with("not valid TOML")
    });
    found.sort_by_key(|(line, _)| *line);
    found.dedup();
    let warnings = found
        .into_iter()
        .map(|(line, message)| format!("{name}:{line}: {message}"))
        .collect();
    (config, warnings)
}

/// Keys the config gives to two actions of one context, and global keys it
/// sets that a context binds to something else: (line, message).
fn key_conflicts(keys: &[(Context, Action, Vec<Key>)], lines: &[usize]) -> Vec<(usize, String)> {
    let line_of = |context: Context, action: Action| {
        keys.iter()
            .zip(lines)
            .rev()
            .find(|((c, a, _), _)| *c == context && *a == action)
            .map_or(1, |(_, line)| *line)
    };
    let mut keymap = Keymap::default();
    let mut found: Vec<(usize, String)> = keymap
        .apply(keys)
        .into_iter()
        .map(|c| {
            (
                line_of(c.context, c.dropped),
                format!(
                    "`{}` is given to both `{}` and `{}` in [keys.{}]; `{}` keeps it",
                    c.key,
                    c.dropped.name(),
                    c.kept.name(),
                    c.context.config_name(),
                    c.kept.name()
                ),
            )
        })
        .collect();
    for (context, key, global, there) in keymap.shadowed() {
        found.push((
            line_of(Context::Global, global).max(line_of(Context::Anywhere, global)),
            format!(
                "`{key}` does `{}` in the {}, not `{}`: [keys.{}] binds it",
                there.name(),
                context.name(),
                global.name(),
                context.config_name()
            ),
        ));
    }
    found
}

/// A bidi mode as the config spells it.
fn parse_mode(s: &str) -> Option<BidiMode> {
    match s {
        "app" => Some(BidiMode::App),
        "terminal" => Some(BidiMode::Terminal),
        "off" => Some(BidiMode::Off),
        _ => None,
    }
}

impl Config {
    /// The default keymap with this config's keys merged over it.
    pub fn keymap(&self) -> Keymap {
        let mut keymap = Keymap::default();
        // Conflicts were reported when the config was read.
        let _ = keymap.apply(&self.keys);
        keymap
    }
}

/// A fully commented default config, with every action's default keys.
pub fn default_text() -> String {
    let d = Config::default();
    let mut out = String::from(
        "# resreader configuration. Every setting here is the default; change what you\n\
         # like and delete the rest. Place it at ~/.config/resreader/config.toml (or the\n\
         # platform's config folder), or name it with --config FILE.\n\n\
         # Preferred languages, in order: titles, the default translation and the\n\
         # default side-by-side columns follow it.\n",
    );
    out.push_str(&format!(
        "languages = [{}]\n\n",
        d.languages
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str("[text]\n# The widest a column of text gets.\n");
    out.push_str(&format!("max_width = {}\n", d.max_width));
    out.push_str("# Who puts right-to-left text in visual order: auto (decided from the terminal,\n# see `resreader doctor`), app (resreader), terminal, off.\nbidi = \"auto\"\n");
    out.push_str("# Join Arabic letters into their contextual forms.\nshaping = true\n\n");
    out.push_str("[terminals]\n# With bidi = \"auto\": the mode `resreader doctor` saved for a terminal,\n# by name (vte, xterm, konsole, mlterm…), such as: vte = \"app\"\n\n");
    out.push_str("[theme]\n# dark or light; NO_COLOR in the environment turns colours off.\nname = \"dark\"\n\n");
    out.push_str(
        "[theme.colors]\n# Override a role's colour by name (yellow, darkgray…) or #rrggbb:\n",
    );
    for role in COLOR_ROLES {
        out.push_str(&format!("# {role} = \"…\"\n"));
    }
    out.push_str("\n[export]\n# Copy paragraphs to the terminal's clipboard with OSC 52.\nclipboard = false\n");
    out.push_str("\n[mouse]\n# The reader takes the mouse (wheel, clicks); false leaves it to the terminal,\n# for selecting text (M switches while reading).\ncapture = true\n");
    let keymap = Keymap::default();
    for context in Context::ALL {
        out.push_str(&format!("\n[keys.{}]\n", context.config_name()));
        for action in Action::ALL {
            let keys: Vec<String> = keymap
                .bindings
                .iter()
                .filter(|b| b.context == context && b.action == *action)
                .map(|b| format!("\"{}\"", b.key))
                .collect();
            if !keys.is_empty() {
                out.push_str(&format!(
                    "# {}\n{} = [{}]\n",
                    action.description(),
                    action.name(),
                    keys.join(", ")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_default_reads_back_as_the_default() {
        let (config, warnings) = parse(&default_text(), "default");
        assert_eq!(warnings, Vec::<String>::new());
        let sorted = |k: Keymap| {
            let mut b: Vec<String> = k
                .bindings
                .iter()
                .map(|b| format!("{:?} {} {:?}", b.context, b.key, b.action))
                .collect();
            b.sort();
            b
        };
        assert_eq!(sorted(config.keymap()), sorted(Keymap::default()));
        assert_eq!(
            Config {
                keys: Vec::new(),
                ..config
            },
            Config::default()
        );
    }

    #[test]
    fn unknown_settings_are_reported_with_line_and_suggestion_and_ignored() {
        let text = "languages = [\"ru\", \"xx\"]\n[text]\nmax_widht = 70\n[keys.reader]\nnext_transltion = \"t\"\nsearch = \"F99\"\n[keys.sidebar]\nquit = \"q\"\n";
        let (config, warnings) = parse(text, "config.toml");
        assert_eq!(config.languages, vec!["ru"]);
        assert_eq!(config.max_width, Config::default().max_width);
        assert_eq!(
            warnings,
            vec![
                "config.toml:1: `xx` is not a language code (ISO 639-1, such as en, ru, ar)",
                "config.toml:3: unknown setting `max_widht` (did you mean `max_width`?)",
                "config.toml:5: unknown action `next_transltion` (did you mean `next_translation`?)",
                "config.toml:6: `F99` is not a key (such as j, G, C-d, S-Tab, PageDown, Space)",
                "config.toml:7: unknown key context `[keys.sidebar]` (anywhere, global, list, reader, popup, finder, prompt)",
            ]
        );
    }

    #[test]
    fn problems_in_dotted_keys_and_inline_tables_point_at_their_line() {
        let text = "languages = [\"ru\"]\n\ntext.bidi = \"sideways\"\ntheme = { name = \"light\",\n  colors = { dimm = \"red\" } }\n[keys]\nreader = { next_translation = \"F99\" }\n";
        let (config, warnings) = parse(text, "c.toml");
        assert_eq!(
            warnings,
            vec![
                "c.toml:3: bidi is auto, app, terminal or off, not `sideways`",
                "c.toml:5: unknown colour role `dimm` (did you mean `dim`?)",
                "c.toml:7: `F99` is not a key (such as j, G, C-d, S-Tab, PageDown, Space)",
            ]
        );
        assert_eq!(config.languages, vec!["ru"]);
        assert_eq!(
            config.theme, "light",
            "the valid part of the inline table applies"
        );
    }

    #[test]
    fn a_syntax_error_says_where_and_the_valid_part_still_applies() {
        let text =
            "languages = [\"ru\"]\n[text]\nmax_width = 70\nbidi = \n[theme]\nname = \"light\"\n";
        let (config, warnings) = parse(text, "c.toml");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("c.toml:4: not valid TOML: "),
            "{warnings:?}"
        );
        assert_eq!(config.languages, vec!["ru"]);
        assert_eq!(config.max_width, 70);
        assert_eq!(config.theme, "light");
        assert_eq!(config.bidi, BidiChoice::Auto);
    }

    #[test]
    fn values_of_the_wrong_kind_are_named() {
        let (config, warnings) = parse("languages = \"ru\"\n[export]\nclipboard = \"yes\"\n", "c");
        assert_eq!(
            warnings,
            vec![
                "c:1: `languages` has a value of the wrong kind (see `resreader config --print-default`)",
                "c:3: `clipboard` has a value of the wrong kind (see `resreader config --print-default`)",
            ]
        );
        assert_eq!(config, Config::default());
    }
}
