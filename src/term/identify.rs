//! Which terminal this is, from what it says about itself: the environment
//! variables terminals set for the programs they run, never a guess from
//! `TERM` alone (VTE, Konsole and kitty all say `xterm-256color`).

/// The terminals resreader knows how right-to-left text behaves in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// GNOME Terminal, Tilix, xfce4-terminal, sakura, Terminator, … (libvte).
    Vte,
    Konsole,
    Mlterm,
    Xterm,
    Kitty,
    Foot,
    Alacritty,
    WezTerm,
    WindowsTerminal,
    ITerm2,
    AppleTerminal,
    Ghostty,
    Mintty,
    /// VS Code's terminal (xterm.js).
    VsCode,
    /// The Linux virtual console.
    LinuxConsole,
    /// tmux or GNU screen: the terminal outside is out of sight.
    Multiplexer,
    Unknown,
}

impl Kind {
    /// Every kind, for the documentation table and the tests.
    pub const ALL: &[Kind] = &[
        Kind::Vte,
        Kind::Konsole,
        Kind::Mlterm,
        Kind::Xterm,
        Kind::Kitty,
        Kind::Foot,
        Kind::Alacritty,
        Kind::WezTerm,
        Kind::WindowsTerminal,
        Kind::ITerm2,
        Kind::AppleTerminal,
        Kind::Ghostty,
        Kind::Mintty,
        Kind::VsCode,
        Kind::LinuxConsole,
        Kind::Multiplexer,
        Kind::Unknown,
    ];

    /// The name used as a key in the config file's `[terminals]` table.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Vte => "vte",
            Kind::Konsole => "konsole",
            Kind::Mlterm => "mlterm",
            Kind::Xterm => "xterm",
            Kind::Kitty => "kitty",
            Kind::Foot => "foot",
            Kind::Alacritty => "alacritty",
            Kind::WezTerm => "wezterm",
            Kind::WindowsTerminal => "windows-terminal",
            Kind::ITerm2 => "iterm2",
            Kind::AppleTerminal => "apple-terminal",
            Kind::Ghostty => "ghostty",
            Kind::Mintty => "mintty",
            Kind::VsCode => "vscode",
            Kind::LinuxConsole => "linux-console",
            Kind::Multiplexer => "multiplexer",
            Kind::Unknown => "unknown",
        }
    }

    /// The name a user knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Vte => "a VTE terminal (GNOME Terminal, Tilix, xfce4-terminal, sakura…)",
            Kind::Konsole => "Konsole",
            Kind::Mlterm => "mlterm",
            Kind::Xterm => "xterm",
            Kind::Kitty => "kitty",
            Kind::Foot => "foot",
            Kind::Alacritty => "Alacritty",
            Kind::WezTerm => "WezTerm",
            Kind::WindowsTerminal => "Windows Terminal",
            Kind::ITerm2 => "iTerm2",
            Kind::AppleTerminal => "macOS Terminal",
            Kind::Ghostty => "Ghostty",
            Kind::Mintty => "mintty",
            Kind::VsCode => "VS Code's terminal",
            Kind::LinuxConsole => "the Linux console",
            Kind::Multiplexer => "tmux or screen",
            Kind::Unknown => "an unknown terminal",
        }
    }
}

/// A terminal as identified, with the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub kind: Kind,
    /// The version the terminal gave, as it gave it (VTE: 7006 for 0.70.6).
    pub version: Option<String>,
    /// What identified it, such as `VTE_VERSION=7006`; empty when nothing did.
    pub evidence: String,
    /// `TERM`, kept for unknown terminals to be told apart by.
    pub term: Option<String>,
}

impl Identity {
    fn new(kind: Kind, version: Option<String>, evidence: String) -> Identity {
        Identity {
            kind,
            version,
            evidence,
            term: None,
        }
    }

    /// The key a choice for this terminal is saved under in the config's
    /// `[terminals]`: the terminal's name, or for an unknown one
    /// `unknown-` and its `TERM` (letters, digits and dashes only).
    pub fn key(&self) -> String {
        match (&self.kind, &self.term) {
            (Kind::Unknown, Some(term)) => {
                let term: String = term
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .take(40)
                    .collect();
                format!("unknown-{term}")
            }
            _ => self.kind.key().to_string(),
        }
    }

    /// VTE's version as a number (`VTE_VERSION` is major·10000 + minor·100
    /// + micro: 7006 is 0.70.6), when this is VTE.
    pub fn vte_version(&self) -> Option<u32> {
        (self.kind == Kind::Vte)
            .then(|| self.version.as_deref()?.parse().ok())
            .flatten()
    }
}

/// Identify the terminal from the process environment.
pub fn from_env() -> Identity {
    identify(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

/// Identify the terminal from environment variables given by `var`.
///
/// A multiplexer comes first: inside tmux the variables of the terminal
/// tmux was started from are still there, but resreader talks to tmux.
/// Then the variables each terminal sets for its own children, most
/// specific first; `TERM` last, and only where its value names one
/// terminal (`foot`, `xterm-kitty`, `linux`).
pub fn identify(var: impl Fn(&str) -> Option<String>) -> Identity {
    let found = |name: &str| var(name).map(|v| (v.clone(), format!("{name}={v}")));
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let term = var("TERM").unwrap_or_default();
    if let Some((_, evidence)) = found("TMUX").or_else(|| found("STY")) {
        return Identity::new(Kind::Multiplexer, None, evidence);
    }
    if let Some((v, evidence)) = found("VTE_VERSION") {
        return Identity::new(Kind::Vte, Some(v), evidence);
    }
    if let Some((v, evidence)) = found("KONSOLE_VERSION") {
        return Identity::new(Kind::Konsole, Some(v), evidence);
    }
    if let Some((v, evidence)) = found("MLTERM") {
        return Identity::new(Kind::Mlterm, Some(v), evidence);
    }
    if let Some((_, evidence)) = found("KITTY_WINDOW_ID") {
        return Identity::new(Kind::Kitty, None, evidence);
    }
    if let Some((_, evidence)) = found("WT_SESSION") {
        return Identity::new(Kind::WindowsTerminal, None, evidence);
    }
    if let Some((_, evidence)) = found("ALACRITTY_WINDOW_ID").or_else(|| found("ALACRITTY_SOCKET"))
    {
        return Identity::new(Kind::Alacritty, None, evidence);
    }
    let by_program = match program.as_str() {
        "iTerm.app" => Some(Kind::ITerm2),
        "Apple_Terminal" => Some(Kind::AppleTerminal),
        "WezTerm" => Some(Kind::WezTerm),
        "ghostty" => Some(Kind::Ghostty),
        "mintty" => Some(Kind::Mintty),
        "vscode" => Some(Kind::VsCode),
        "tmux" => Some(Kind::Multiplexer),
        _ => None,
    };
    if let Some(kind) = by_program {
        let version = var("TERM_PROGRAM_VERSION");
        return Identity::new(kind, version, format!("TERM_PROGRAM={program}"));
    }
    if let Some((v, evidence)) = found("XTERM_VERSION") {
        return Identity::new(Kind::Xterm, Some(v), evidence);
    }
    let by_term = match term.as_str() {
        "foot" | "foot-extra" => Some(Kind::Foot),
        "xterm-kitty" => Some(Kind::Kitty),
        "alacritty" => Some(Kind::Alacritty),
        "xterm-ghostty" => Some(Kind::Ghostty),
        "wezterm" => Some(Kind::WezTerm),
        "linux" => Some(Kind::LinuxConsole),
        "mlterm" | "mlterm-256color" => Some(Kind::Mlterm),
        t if t.starts_with("screen") || t.starts_with("tmux") => Some(Kind::Multiplexer),
        _ => None,
    };
    match by_term {
        Some(kind) => Identity::new(kind, None, format!("TERM={term}")),
        None => Identity {
            term: Some(term).filter(|t| !t.is_empty()),
            ..Identity::new(Kind::Unknown, None, String::new())
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Identity {
        identify(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn each_terminal_is_known_by_what_it_sets() {
        let cases: &[(&[(&str, &str)], Kind)] = &[
            (
                &[("VTE_VERSION", "7006"), ("TERM", "xterm-256color")],
                Kind::Vte,
            ),
            (&[("KONSOLE_VERSION", "230805")], Kind::Konsole),
            (&[("MLTERM", "3.9.0"), ("TERM", "xterm")], Kind::Mlterm),
            (&[("XTERM_VERSION", "XTerm(379)")], Kind::Xterm),
            (&[("KITTY_WINDOW_ID", "1")], Kind::Kitty),
            (&[("TERM", "xterm-kitty")], Kind::Kitty),
            (&[("TERM", "foot")], Kind::Foot),
            (&[("ALACRITTY_WINDOW_ID", "94")], Kind::Alacritty),
            (&[("TERM_PROGRAM", "WezTerm")], Kind::WezTerm),
            (&[("WT_SESSION", "0f1c…")], Kind::WindowsTerminal),
            (&[("TERM_PROGRAM", "iTerm.app")], Kind::ITerm2),
            (&[("TERM_PROGRAM", "Apple_Terminal")], Kind::AppleTerminal),
            (&[("TERM", "linux")], Kind::LinuxConsole),
            (&[("TERM", "xterm-256color")], Kind::Unknown),
            (&[], Kind::Unknown),
        ];
        for (vars, kind) in cases {
            assert_eq!(with(vars).kind, *kind, "{vars:?}");
        }
    }

    #[test]
    fn the_evidence_names_the_variable_and_its_value() {
        let id = with(&[("VTE_VERSION", "7006")]);
        assert_eq!(id.evidence, "VTE_VERSION=7006");
        assert_eq!(id.vte_version(), Some(7006));
        assert_eq!(with(&[]).evidence, "");
    }

    #[test]
    fn unknown_terminals_are_saved_under_their_term() {
        assert_eq!(
            with(&[("TERM", "xterm-256color")]).key(),
            "unknown-xterm-256color"
        );
        assert_eq!(with(&[("TERM", "a]b\n")]).key(), "unknown-a-b-");
        assert_eq!(with(&[]).key(), "unknown");
        assert_eq!(with(&[("VTE_VERSION", "7006")]).key(), "vte");
    }

    #[test]
    fn inside_tmux_the_outer_terminal_s_variables_are_not_trusted() {
        let id = with(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("VTE_VERSION", "7006")]);
        assert_eq!(id.kind, Kind::Multiplexer);
    }

    #[test]
    fn keys_are_distinct() {
        let mut keys: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Kind::ALL.len());
    }
}
