//! Lines of text that were not laid out by the engine (search results,
//! exports), made to read right in a terminal where resreader reorders:
//! each line with right-to-left text is laid out like a paragraph (visual
//! order, shaping), its tab-separated fields one by one so columns stay.
//! Lines without right-to-left text go out untouched.

use crate::render::RenderOptions;
use crate::text::{BidiMode, LayoutOptions, layout_paragraph};
use std::io::Write;

/// Whether `c` starts right-to-left text (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms).
fn is_rtl_char(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// One line (no newline) as it should be written in `options`' mode.
pub fn line(text: &str, options: RenderOptions) -> String {
    if options.bidi != BidiMode::App || !text.chars().any(is_rtl_char) {
        return text.to_string();
    }
    text.split('\t')
        .map(|field| {
            let lead = field.len() - field.trim_start().len();
            // Wide enough never to wrap: at most two cells a character.
            let layout = LayoutOptions {
                width: field.chars().count() * 2 + 2,
                bidi: BidiMode::App,
                shaping: options.shaping,
                direction: None,
            };
            let laid: String = layout_paragraph(&field[lead..], &layout, &[])
                .iter()
                .flat_map(|l| l.runs.iter().map(|r| r.text.as_str()))
                .collect();
            format!("{}{laid}", &field[..lead])
        })
        .collect::<Vec<_>>()
        .join("\t")
}

/// A writer that presents each complete line with [`line`]; what is left
/// of a last line without a newline goes out on `flush` or drop.
pub struct Presenting<'a> {
    inner: &'a mut dyn Write,
    options: RenderOptions,
    pending: Vec<u8>,
}

impl<'a> Presenting<'a> {
    pub fn new(inner: &'a mut dyn Write, options: RenderOptions) -> Presenting<'a> {
        Presenting {
            inner,
            options,
            pending: Vec::new(),
        }
    }

    fn write_line(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.inner.write_all(line(text, self.options).as_bytes()),
            Err(_) => self.inner.write_all(bytes),
        }
    }
}

impl Write for Presenting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let rest = self.pending.split_off(end + 1);
            let done = std::mem::replace(&mut self.pending, rest);
            self.write_line(&done[..end])?;
            self.inner.write_all(b"\n")?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let last = std::mem::take(&mut self.pending);
            self.write_line(&last)?;
        }
        self.inner.flush()
    }
}

impl Drop for Presenting<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: RenderOptions = RenderOptions {
        bidi: BidiMode::App,
        shaping: false,
    };

    #[test]
    fn right_to_left_fields_are_put_in_visual_order_and_tabs_kept() {
        assert_eq!(line("7\tid\tar\tسلام عليكم", APP), "7\tid\tar\tمكيلع مالس");
    }

    #[test]
    fn other_lines_and_other_modes_are_untouched() {
        assert_eq!(line("  - plain text\t", APP), "  - plain text\t");
        let terminal = RenderOptions {
            bidi: BidiMode::Terminal,
            ..APP
        };
        assert_eq!(line("سلام", terminal), "سلام");
    }

    #[test]
    fn the_writer_presents_line_by_line_across_writes() {
        let mut out = Vec::new();
        {
            let mut w = Presenting::new(&mut out, APP);
            w.write_all("a\tسل".as_bytes()).unwrap();
            w.write_all("ام\nb\n  سلام".as_bytes()).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "a\tمالس\nb\n  مالس");
    }
}
