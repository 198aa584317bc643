//! Making untrusted text safe for a terminal.
//!
//! C0 and C1 control characters become visible placeholders (Unicode's
//! control pictures, or ␦ U+2426), so no escape sequence can act. Explicit
//! bidi embeddings, overrides and isolates ("Trojan Source") are shown as
//! placeholders too and never reach the terminal. The implicit marks
//! LRM, RLM and ALM are kept for the bidi algorithm but never printed.

/// One character of sanitised text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafeChar {
    pub ch: char,
    /// Byte offset of the source character in the original text.
    pub origin: usize,
    /// The character stands for something that was not displayable.
    pub placeholder: bool,
}

/// Explicit directional formatting characters (embeddings, overrides, isolates).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Implicit directional marks: used by the algorithm, not printed.
pub fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// What stands for a character with no picture of its own (C1 controls,
/// bidi controls): U+2426 SYMBOL FOR SUBSTITUTE FORM TWO, one cell wide.
/// Not U+FFFD: terminal emulators may treat that as an artefact of bad
/// UTF-8 and drop it, hiding that something was there.
pub const SUBSTITUTE: char = '\u{2426}';

/// The visible stand-in for a character that must not reach the terminal.
pub fn placeholder(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => None,
        // C0 controls as control pictures: ESC shows as ␛, BEL as ␇.
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        // C1 controls (8-bit CSI, OSC, DCS…), line/paragraph separators,
        // and explicit bidi controls.
        '\u{80}'..='\u{9F}' | '\u{2028}' | '\u{2029}' => Some(SUBSTITUTE),
        c if is_bidi_control(c) => Some(SUBSTITUTE),
        _ => None,
    }
}

/// Sanitise one paragraph. Tabs and newlines become spaces.
pub fn sanitize(text: &str) -> Vec<SafeChar> {
    let mut safe = Vec::with_capacity(text.len());
    safe.extend(sanitized(text));
    safe
}

/// [`sanitize`], one character at a time.
pub fn sanitized(text: &str) -> impl Iterator<Item = SafeChar> + '_ {
    text.char_indices().map(|(origin, c)| match placeholder(c) {
        Some(p) => SafeChar {
            ch: p,
            origin,
            placeholder: true,
        },
        None if c == '\t' || c == '\n' => SafeChar {
            ch: ' ',
            origin,
            placeholder: false,
        },
        None => SafeChar {
            ch: c,
            origin,
            placeholder: false,
        },
    })
}

/// A plain string with every unsafe character replaced and bidi marks
/// dropped: for output that is not laid out (single-line fields).
pub fn sanitize_str(text: &str) -> String {
    sanitize(text)
        .into_iter()
        .map(|s| s.ch)
        .filter(|&c| !is_bidi_mark(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_run() {
        assert_eq!(
            sanitize_str("a\u{1b}[2Jb\u{7}c\rd\u{9b}31m"),
            "a␛[2Jb␇c␍d␦31m"
        );
    }

    #[test]
    fn trojan_source_controls_are_visible() {
        let s = sanitize("x\u{202E}y\u{2066}z\u{200F}");
        let chars: String = s.iter().map(|c| c.ch).collect();
        assert_eq!(chars, "x␦y␦z\u{200F}");
        assert!(s[1].placeholder && !s[5].placeholder);
        assert_eq!(s[2].origin, 4);
    }
}
