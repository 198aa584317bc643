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

/// Text of several lines made safe for a terminal: as [`sanitize_str`],
/// but newlines and tabs are kept. For messages, file names and whole
/// outputs (everything resreader prints goes through this or
/// [`TerminalSafe`]).
pub fn sanitize_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return text.into();
    }
    text.chars()
        .filter(|&c| !is_bidi_mark(c))
        .map(|c| match c {
            '\n' | '\t' => c,
            c => placeholder(c).unwrap_or(c),
        })
        .collect::<String>()
        .into()
}

/// Characters [`sanitize_lines`] changes.
fn needs_care(c: char) -> bool {
    (placeholder(c).is_some() && c != '\n' && c != '\t') || is_bidi_mark(c)
}

/// Whether text can go to a terminal as it is (also what the format
/// escapers here must never leave raw): no control character but newline
/// and tab, no DEL, C1, line or paragraph separator, bidi control or mark.
pub fn is_terminal_safe(text: &str) -> bool {
    !text.chars().any(needs_care)
}

/// A writer that makes everything written through it safe for a terminal
/// ([`sanitize_lines`]), whatever the pieces it is given: a character cut
/// between two writes is put back together, bytes that are not UTF-8
/// become U+FFFD. resreader's standard output goes through one, so no
/// command can print a raw control character even if a field was missed.
pub struct TerminalSafe<W: std::io::Write> {
    inner: W,
    /// The start of a character whose end is in the next write.
    pending: Vec<u8>,
}

impl<W: std::io::Write> TerminalSafe<W> {
    pub fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }

    /// The writer underneath, for sequences resreader itself sends.
    pub fn raw(&mut self) -> &mut W {
        &mut self.inner
    }

    /// The writer back; a character left unfinished becomes U+FFFD.
    pub fn into_inner(mut self) -> W {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{FFFD}".as_bytes());
        }
        self.inner
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut safe = String::with_capacity(bytes.len());
        let mut rest: &[u8] = &bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    safe.push_str(&sanitize_lines(text));
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `good` was just checked as UTF-8.
                    safe.push_str(&sanitize_lines(
                        std::str::from_utf8(good).unwrap_or_default(),
                    ));
                    match e.error_len() {
                        Some(n) => {
                            safe.push('\u{FFFD}');
                            rest = &bad[n..];
                        }
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(safe.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A JSON formatter (for `serde_json`) that writes the characters a
/// terminal would act on as `\u` escapes: DEL, C1 controls, line and
/// paragraph separators, bidi controls and marks. `serde_json` escapes
/// only C0. The JSON means the same; only its bytes are safe to print.
#[derive(Debug, Default)]
pub struct SafeJson {
    pretty: serde_json::ser::PrettyFormatter<'static>,
}

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_care(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", unit)?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // Pretty-printing: what PrettyFormatter does.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// `value` as pretty-printed JSON whose bytes are safe for a terminal
/// (see [`SafeJson`]).
pub fn to_safe_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeJson::default());
    value.serialize(&mut ser)?;
    // The formatter writes only what serde_json gave it, and ASCII escapes.
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_breaks_and_lose_their_controls() {
        assert_eq!(
            sanitize_lines("a\tb\nc\u{1b}]2;x\u{7}\u{85}\u{202e}\u{200f}\r"),
            "a\tb\nc␛]2;x␇␦␦␍"
        );
        assert!(is_terminal_safe(&sanitize_lines("\u{9b}\u{7f}\u{2066}")));
    }

    #[test]
    fn the_writer_sanitises_characters_split_between_writes() {
        use std::io::Write;
        let text = "é\u{9b}31m\u{202e}x\u{1b}[2J";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut out = TerminalSafe::new(Vec::new());
            out.write_all(&bytes[..cut]).unwrap();
            out.write_all(&bytes[cut..]).unwrap();
            assert_eq!(String::from_utf8(out.into_inner()).unwrap(), "é␦31m␦x␛[2J");
        }
        let mut out = TerminalSafe::new(Vec::new());
        out.write_all(b"a\xffb").unwrap();
        assert_eq!(out.into_inner(), "a\u{FFFD}b".as_bytes());
    }

    #[test]
    fn json_escapes_what_a_terminal_would_obey() {
        let text = "a\u{85}b\u{7f}c\u{202e}d\u{2069}e\u{200f}f\u{1b}g\u{1F600}";
        let json = to_safe_json(&serde_json::json!({ "t": text })).unwrap();
        assert!(json.is_ascii() || is_terminal_safe(&json), "{json}");
        assert!(is_terminal_safe(&json), "{json}");
        assert!(
            json.contains("\\u0085") && json.contains("\\u202e"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }

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
