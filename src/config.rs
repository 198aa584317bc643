//! The configuration file (`config.toml` in the platform config folder, or
//! `--config FILE`): preferred languages, text and theme settings, and key
//! remapping merged over the defaults. Problems are reported as warnings
//! with the file, the line and a suggestion, and the rest of the file still
//! applies; an unreadable file means the defaults, never a refusal to start.

use crate::term::BidiChoice;
use crate::text::BidiMode;
use crate::tui::keymap::{Action, Context, Key, Keymap};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// Key overrides: (context, action, keys).
    pub keys: Vec<(Context, Action, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            languages: vec!["en".into()],
            max_width: crate::tui::reader::MAX_TEXT_WIDTH,
            bidi: BidiChoice::Auto,
            terminals: BTreeMap::new(),
            shaping: true,
            theme: "dark".into(),
            colors: BTreeMap::new(),
            clipboard: false,
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

/// Config sections as the file names them.
fn context_named(name: &str) -> Option<Context> {
    match name {
        "global" => Some(Context::Global),
        "list" => Some(Context::List),
        "reader" => Some(Context::Reader),
        "popup" => Some(Context::Overlay),
        _ => None,
    }
}

fn context_name(context: Context) -> &'static str {
    match context {
        Context::Global => "global",
        Context::List => "list",
        Context::Reader => "reader",
        Context::Overlay => "popup",
    }
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

/// The 1-based line where `key` is set inside `[section]` (or at the top);
/// with an empty `key`, the line of the section's header.
fn line_of(text: &str, section: &str, key: &str) -> usize {
    let mut in_section = section.is_empty();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_section = t.trim_matches(|c| c == '[' || c == ']').trim() == section;
            if in_section && key.is_empty() {
                return i + 1;
            }
            continue;
        }
        if in_section
            && t.split('=')
                .next()
                .is_some_and(|k| k.trim().trim_matches('"') == key)
        {
            return i + 1;
        }
    }
    1
}

/// Read a config file. A missing file is the defaults without a word; an
/// unreadable one is the defaults with a warning.
pub fn load(path: &Path) -> (Config, Vec<String>) {
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
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

/// Parse config text; `name` is used in warnings.
pub fn parse(text: &str, name: &str) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
                .unwrap_or(1);
            warnings.push(format!(
                "{name}:{line}: {}; using the defaults",
                e.message().trim()
            ));
            return (config, warnings);
        }
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut warn = |section: &str, key: &str, message: String| {
        found.push((line_of(text, section, key), message));
    };
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("languages", toml::Value::Array(items)) => {
                let langs: Vec<String> = items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                for l in langs.iter().filter(|l| !crate::lang::is_known_code(l)) {
                    warn(
                        "",
                        key,
                        format!("`{l}` is not a language code (ISO 639-1, such as en, ru, ar)"),
                    );
                }
                config.languages = langs
                    .into_iter()
                    .filter(|l| crate::lang::is_known_code(l))
                    .collect();
            }
            ("text", toml::Value::Table(t)) => {
                for (k, v) in t {
                    match (k.as_str(), v) {
                        ("max_width", toml::Value::Integer(n)) if *n >= 20 => {
                            config.max_width = *n as usize
                        }
                        ("bidi", toml::Value::String(s)) => match s.as_str() {
                            "auto" => config.bidi = BidiChoice::Auto,
                            "app" => config.bidi = BidiChoice::App,
                            "terminal" => config.bidi = BidiChoice::Terminal,
                            "off" => config.bidi = BidiChoice::Off,
                            other => warn(
                                "text",
                                k,
                                format!("bidi is auto, app, terminal or off, not `{other}`"),
                            ),
                        },
                        ("shaping", toml::Value::Boolean(b)) => config.shaping = *b,
                        ("max_width" | "bidi" | "shaping", _) => warn(
                            "text",
                            k,
                            format!(
                                "`{k}` has a value of the wrong kind (see `resreader config --print-default`)"
                            ),
                        ),
                        _ => warn(
                            "text",
                            k,
                            format!(
                                "unknown setting `{k}`{}",
                                suggest(k, ["max_width", "bidi", "shaping"])
                            ),
                        ),
                    }
                }
            }
            ("terminals", toml::Value::Table(t)) => {
                for (k, v) in t {
                    match v.as_str().and_then(parse_mode) {
                        Some(mode) => {
                            config.terminals.insert(k.clone(), mode);
                        }
                        None => warn(
                            "terminals",
                            k,
                            format!(
                                "`{k}` is app, terminal or off (as `resreader doctor` saves it)"
                            ),
                        ),
                    }
                }
            }
            ("theme", toml::Value::Table(t)) => {
                for (k, v) in t {
                    match (k.as_str(), v) {
                        ("name", toml::Value::String(s)) if s == "dark" || s == "light" => {
                            config.theme = s.clone()
                        }
                        ("name", _) => {
                            warn("theme", k, "the theme name is `dark` or `light`".into())
                        }
                        ("colors", toml::Value::Table(colors)) => {
                            for (role, c) in colors {
                                let value = c.as_str().unwrap_or_default();
                                if !COLOR_ROLES.contains(&role.as_str()) {
                                    warn(
                                        "theme.colors",
                                        role,
                                        format!(
                                            "unknown colour role `{role}`{}",
                                            suggest(role, COLOR_ROLES.iter().copied())
                                        ),
                                    );
                                } else if value.parse::<ratatui::style::Color>().is_err() {
                                    warn(
                                        "theme.colors",
                                        role,
                                        format!(
                                            "`{value}` is not a colour (a name such as yellow, or #rrggbb)"
                                        ),
                                    );
                                } else {
                                    config.colors.insert(role.clone(), value.to_string());
                                }
                            }
                        }
                        _ => warn(
                            "theme",
                            k,
                            format!("unknown setting `{k}`{}", suggest(k, ["name", "colors"])),
                        ),
                    }
                }
            }
            ("export", toml::Value::Table(t)) => {
                for (k, v) in t {
                    match (k.as_str(), v) {
                        ("clipboard", toml::Value::Boolean(b)) => config.clipboard = *b,
                        _ => warn(
                            "export",
                            k,
                            format!("unknown setting `{k}`{}", suggest(k, ["clipboard"])),
                        ),
                    }
                }
            }
            ("keys", toml::Value::Table(contexts)) => {
                for (context_key, bindings) in contexts {
                    let section = format!("keys.{context_key}");
                    let Some(context) = context_named(context_key) else {
                        warn(
                            &format!("keys.{context_key}"),
                            "",
                            format!(
                                "unknown key context `[keys.{context_key}]`{} (global, list, reader, popup)",
                                suggest(context_key, ["global", "list", "reader", "popup"])
                            ),
                        );
                        continue;
                    };
                    let Some(bindings) = bindings.as_table() else {
                        continue;
                    };
                    for (action_name, keys) in bindings {
                        let Some(action) = Action::from_name(action_name) else {
                            warn(
                                &section,
                                action_name,
                                format!(
                                    "unknown action `{action_name}`{}",
                                    suggest(action_name, Action::ALL.iter().map(|a| a.name()))
                                ),
                            );
                            continue;
                        };
                        let texts: Vec<&str> = match keys {
                            toml::Value::String(s) => vec![s.as_str()],
                            toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                            _ => Vec::new(),
                        };
                        let mut parsed = Vec::new();
                        for t in texts {
                            match Key::parse(t) {
                                Some(k) => parsed.push(k),
                                None => warn(
                                    &section,
                                    action_name,
                                    format!(
                                        "`{t}` is not a key (such as j, G, C-d, S-Tab, PageDown, Space)"
                                    ),
                                ),
                            }
                        }
                        config.keys.push((context, action, parsed));
                    }
                }
            }
            _ => warn(
                "",
                key,
                format!(
                    "unknown setting `{key}`{}",
                    suggest(
                        key,
                        ["languages", "text", "terminals", "theme", "export", "keys"]
                    )
                ),
            ),
        }
    }
    found.sort_by_key(|(line, _)| *line);
    warnings.extend(
        found
            .into_iter()
            .map(|(line, message)| format!("{name}:{line}: {message}")),
    );
    (config, warnings)
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
        keymap.apply(&self.keys);
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
    let keymap = Keymap::default();
    for context in [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Overlay,
    ] {
        out.push_str(&format!("\n[keys.{}]\n", context_name(context)));
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
        let text = "languages = [\"ru\", \"xx\"]\n[text]\nmax_widht = 70\n[keys.reader]\nnext_transltion = \"t\"\nsearch = \"F5\"\n[keys.sidebar]\nquit = \"q\"\n";
        let (config, warnings) = parse(text, "config.toml");
        assert_eq!(config.languages, vec!["ru"]);
        assert_eq!(config.max_width, Config::default().max_width);
        assert_eq!(
            warnings,
            vec![
                "config.toml:1: `xx` is not a language code (ISO 639-1, such as en, ru, ar)",
                "config.toml:3: unknown setting `max_widht` (did you mean `max_width`?)",
                "config.toml:5: unknown action `next_transltion` (did you mean `next_translation`?)",
                "config.toml:6: `F5` is not a key (such as j, G, C-d, S-Tab, PageDown, Space)",
                "config.toml:7: unknown key context `[keys.sidebar]` (global, list, reader, popup)",
            ]
        );
    }

    #[test]
    fn broken_toml_means_the_defaults_and_says_where() {
        let (config, warnings) = parse("languages = [\"en\"\n[text\n", "c.toml");
        assert_eq!(config, Config::default());
        assert!(warnings[0].starts_with("c.toml:"), "{warnings:?}");
    }
}
