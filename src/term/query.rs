//! Asking the terminal its name when its environment says nothing (over
//! ssh, `VTE_VERSION` and friends stay behind): XTVERSION (`CSI > q`,
//! answered `DCS > | name ST` by xterm, VTE ≥ 0.68, Konsole, kitty, WezTerm,
//! foot, iTerm2, tmux…), then DA2 (`CSI > c`: VTE, which does not answer
//! XTVERSION before 0.76, answers `65;` and its version, such as
//! `65;7006;1` for 0.70.6), then DA1 (`CSI c`), which every terminal
//! answers, so the wait ends as soon as the terminal has said all it will.

use super::identify::{Identity, Kind};
use std::time::{Duration, Instant};

/// The query: XTVERSION, DA2, then DA1 as the sentinel.
pub const QUERY: &[u8] = b"\x1b[>q\x1b[>c\x1b[c";

/// The parameters of a DA2 reply (`CSI > Pp ; Pv ; Pc c`), if there is one.
pub fn da2(bytes: &[u8]) -> Option<Vec<u32>> {
    let text = String::from_utf8_lossy(bytes);
    let start = text.find("\x1b[>")? + 3;
    let body = &text[start..];
    let end = body.find('c')?;
    body[..end].split(';').map(|p| p.parse().ok()).collect()
}

/// The terminal a DA2 reply names: only VTE's is told apart (terminal id
/// 65 with a VTE version number; others mimic xterm's 41 or DEC's ids).
pub fn identify_da2(params: &[u32]) -> Option<Identity> {
    match params {
        [65, version, ..] if *version >= 5000 => Some(Identity {
            kind: Kind::Vte,
            version: Some(version.to_string()),
            evidence: format!(
                "DA2: {}",
                params
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(";")
            ),
            term: None,
        }),
        _ => None,
    }
}

/// What the terminal answered so far: its XTVERSION text, if any, and
/// whether the DA1 reply (the end) has come.
pub fn parse_reply(bytes: &[u8]) -> (Option<String>, bool) {
    let text = String::from_utf8_lossy(bytes);
    let version = text.find("\x1bP>|").and_then(|start| {
        let rest = &text[start + 4..];
        let end = rest.find("\x1b\\").or_else(|| rest.find('\x07'))?;
        Some(
            rest[..end]
                .chars()
                .filter(|c| !c.is_control())
                .take(80)
                .collect(),
        )
    });
    let da1 = text.match_indices("\x1b[?").any(|(i, _)| {
        text[i + 3..]
            .chars()
            .find(|c| !(c.is_ascii_digit() || *c == ';'))
            == Some('c')
    });
    (version, da1)
}

/// The terminal an XTVERSION answer names, if resreader knows it.
pub fn identify_reply(version: &str) -> Option<Identity> {
    let lower = version.to_ascii_lowercase();
    let kind = [
        ("xterm(", Kind::Xterm),
        ("vte(", Kind::Vte),
        ("konsole", Kind::Konsole),
        ("kitty", Kind::Kitty),
        ("wezterm", Kind::WezTerm),
        ("foot", Kind::Foot),
        ("iterm2", Kind::ITerm2),
        ("ghostty", Kind::Ghostty),
        ("mintty", Kind::Mintty),
        ("mlterm", Kind::Mlterm),
        ("alacritty", Kind::Alacritty),
        ("tmux", Kind::Multiplexer),
    ]
    .into_iter()
    .find(|(name, _)| lower.starts_with(name))?
    .1;
    // VTE answers "VTE(7006)": the same number as VTE_VERSION.
    let number = version
        .split(['(', ')', ' '])
        .nth(1)
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    Some(Identity {
        kind,
        version: number,
        evidence: format!("XTVERSION: {version}"),
        term: None,
    })
}

/// Ask the terminal on `/dev/tty`, waiting at most `timeout`; `None` when
/// it is not a terminal or said nothing resreader knows. Raw mode is on
/// only while waiting (and left as it was found).
pub fn ask(timeout: Duration) -> Option<Identity> {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let was_raw = crossterm::terminal::is_raw_mode_enabled().unwrap_or(false);
    if !was_raw {
        crossterm::terminal::enable_raw_mode().ok()?;
    }
    let mut answer = Vec::new();
    let sent = tty.write_all(QUERY).and_then(|()| tty.flush()).is_ok();
    let deadline = Instant::now() + timeout;
    loop {
        let (_, done) = parse_reply(&answer);
        let left = deadline.saturating_duration_since(Instant::now());
        if !sent || done || left.is_zero() || answer.len() > 4096 {
            break;
        }
        let mut watch = libc::pollfd {
            fd: tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd on a descriptor open for this call.
        let ready = unsafe { libc::poll(&mut watch, 1, left.as_millis().max(1) as i32) };
        if ready <= 0 {
            continue;
        }
        let mut buf = [0u8; 512];
        match tty.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    if !was_raw {
        let _ = crossterm::terminal::disable_raw_mode();
    }
    match parse_reply(&answer).0 {
        Some(version) => identify_reply(&version),
        None => identify_da2(&da2(&answer)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_up_to_the_da1_sentinel() {
        assert_eq!(parse_reply(b""), (None, false));
        assert_eq!(
            parse_reply(b"\x1bP>|XTerm(379)\x1b\\\x1b[?64;1;2;6;9;15;18;21;22c"),
            (Some("XTerm(379)".into()), true)
        );
        // A terminal without XTVERSION answers only DA1.
        assert_eq!(parse_reply(b"\x1b[?62;22c"), (None, true));
        // Half a reply: keep waiting.
        assert_eq!(parse_reply(b"\x1bP>|VTE(70"), (None, false));
    }

    #[test]
    fn vte_is_known_by_its_da2_answer() {
        // Read from VTE 0.70.6 (sakura) and xterm 379 under Xvfb.
        let vte = b"\x1b[>65;7006;1c\x1b[?65;1;9c";
        let id = identify_da2(&da2(vte).unwrap()).unwrap();
        assert_eq!((id.kind, id.vte_version()), (Kind::Vte, Some(7006)));
        assert_eq!(id.evidence, "DA2: 65;7006;1");
        let xterm = b"\x1bP>|XTerm(379)\x1b\\\x1b[>41;379;0c\x1b[?64;1c";
        assert_eq!(da2(xterm), Some(vec![41, 379, 0]));
        assert!(identify_da2(&[41, 379, 0]).is_none());
        assert!(identify_da2(&[65, 10, 0]).is_none());
    }

    #[test]
    fn known_answers_name_the_terminal() {
        let vte = identify_reply("VTE(7006)").unwrap();
        assert_eq!((vte.kind, vte.vte_version()), (Kind::Vte, Some(7006)));
        assert_eq!(vte.evidence, "XTVERSION: VTE(7006)");
        assert_eq!(identify_reply("XTerm(379)").unwrap().kind, Kind::Xterm);
        assert_eq!(
            identify_reply("Konsole 23.08.5").unwrap().kind,
            Kind::Konsole
        );
        assert_eq!(identify_reply("kitty(0.35.2)").unwrap().kind, Kind::Kitty);
        assert_eq!(identify_reply("tmux 3.3a").unwrap().kind, Kind::Multiplexer);
        assert!(identify_reply("SomethingNew 1.0").is_none());
    }
}
