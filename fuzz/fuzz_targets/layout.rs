//! The layout engine lays out any text at any width: no panic, no line wider
//! than its column, no control or bidi character in the output.
#![no_main]
use libfuzzer_sys::fuzz_target;
use resreader::text::{BidiMode, Direction, LayoutOptions, layout_paragraph};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let options = LayoutOptions {
        width: 1 + (first as usize % 100),
        bidi: match first % 3 {
            0 => BidiMode::App,
            1 => BidiMode::Terminal,
            _ => BidiMode::Off,
        },
        shaping: first & 4 == 0,
        direction: match first % 5 {
            0 => Some(Direction::Rtl),
            1 => Some(Direction::Ltr),
            _ => None,
        },
    };
    for line in layout_paragraph(&text, &options, &[0..text.len() / 2]) {
        assert!(line.indent + line.width <= options.width);
        for run in &line.runs {
            assert!(
                !run.text
                    .chars()
                    .any(|c| c.is_control() || resreader::text::sanitize::is_bidi_control(c))
            );
        }
    }
});
