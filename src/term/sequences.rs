//! The bytes resreader sends a terminal around what it draws, and in which
//! order, for each way of handling right-to-left text. Pure: the reader and
//! `show` write these strings; the tests here pin them.
//!
//! Terminals that implement the freedesktop "BiDi in Terminal Emulators"
//! recommendation (VTE ≥ 0.58) keep the bidi mode per paragraph (line):
//! `CSI 8 l` changes the paragraph the cursor is on and those written after
//! it, not the lines already on the screen. Sent after `CSI ?1049h`, it left
//! the alternate screen's existing lines in implicit mode, and VTE reversed
//! again the lines resreader had put in visual order. So explicit mode goes
//! out first, the alternate screen second, and a clear after it makes every
//! line of the alternate screen a new, explicit one.

/// ECMA-48 BDSM reset: explicit mode, the terminal shows cells in the order
/// they are written (resreader has reordered them).
pub const EXPLICIT: &str = "\x1b[8l";
/// ECMA-48 BDSM set: implicit mode, the terminal's default (it reorders).
pub const IMPLICIT: &str = "\x1b[8h";
/// xterm's alternate screen, with the cursor saved and restored.
pub const ENTER_ALTERNATE: &str = "\x1b[?1049h";
pub const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
/// mlterm's own configuration protocol (doc/en/PROTOCOL in its source):
/// complex text layout (its bidi and shaping) off for this screen, and on
/// again (its default). mlterm knows no BDSM.
pub const MLTERM_CTL_OFF: &str = "\x1b]5379;use_ctl=false\x07";
pub const MLTERM_CTL_ON: &str = "\x1b]5379;use_ctl=true\x07";
/// Cursor home and erase the whole screen.
pub const CLEAR: &str = "\x1b[H\x1b[2J";

/// What resreader asks of the terminal's own bidi while it draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalBidi {
    /// Explicit mode for the time resreader draws, implicit again after:
    /// resreader reorders, and a terminal that would reorder too is told
    /// not to. Harmless where the terminal has no bidi (mode 8 is ignored).
    Explicit,
    /// mlterm: its bidi switched off with its own sequence, and on after.
    MltermCtlOff,
    /// The terminal's mode is left alone: it reorders, or nobody does.
    Leave,
}

/// Entering the reader's screen, at start and on resume after a suspend:
/// explicit mode, then the alternate screen, then a clear.
pub fn enter_screen(bidi: TerminalBidi) -> String {
    let mut out = String::from(begin_inline(bidi));
    out.push_str(ENTER_ALTERNATE);
    out.push_str(CLEAR);
    out
}

/// Leaving the reader's screen, on every way out (quit, error, panic,
/// signal) and on suspend: the main screen back, then the terminal's
/// implicit mode, which applies from the line the cursor is back on.
pub fn leave_screen(bidi: TerminalBidi) -> String {
    let mut out = String::from(LEAVE_ALTERNATE);
    out.push_str(end_inline(bidi));
    out
}

/// Before printed text (`show` and friends writing to a terminal): explicit
/// mode before the first character, so every printed line is explicit.
pub fn begin_inline(bidi: TerminalBidi) -> &'static str {
    match bidi {
        TerminalBidi::Explicit => EXPLICIT,
        TerminalBidi::MltermCtlOff => MLTERM_CTL_OFF,
        TerminalBidi::Leave => "",
    }
}

/// After printed text, also when printing failed: implicit mode again,
/// from the line the cursor is on (the one the shell prompt goes on).
pub fn end_inline(bidi: TerminalBidi) -> &'static str {
    match bidi {
        TerminalBidi::Explicit => IMPLICIT,
        TerminalBidi::MltermCtlOff => MLTERM_CTL_ON,
        TerminalBidi::Leave => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_mode_goes_out_before_the_alternate_screen_and_a_clear_after() {
        assert_eq!(
            enter_screen(TerminalBidi::Explicit),
            "\x1b[8l\x1b[?1049h\x1b[H\x1b[2J"
        );
    }

    #[test]
    fn leaving_gives_the_main_screen_back_then_implicit_mode() {
        assert_eq!(leave_screen(TerminalBidi::Explicit), "\x1b[?1049l\x1b[8h");
    }

    #[test]
    fn a_terminal_left_alone_gets_no_mode_change_either_way() {
        assert_eq!(
            enter_screen(TerminalBidi::Leave),
            "\x1b[?1049h\x1b[H\x1b[2J"
        );
        assert_eq!(leave_screen(TerminalBidi::Leave), "\x1b[?1049l");
        assert_eq!(begin_inline(TerminalBidi::Leave), "");
        assert_eq!(end_inline(TerminalBidi::Leave), "");
    }

    #[test]
    fn mlterm_gets_its_own_switch_in_the_same_places() {
        assert_eq!(
            enter_screen(TerminalBidi::MltermCtlOff),
            "\x1b]5379;use_ctl=false\x07\x1b[?1049h\x1b[H\x1b[2J"
        );
        assert_eq!(
            leave_screen(TerminalBidi::MltermCtlOff),
            "\x1b[?1049l\x1b]5379;use_ctl=true\x07"
        );
    }

    #[test]
    fn printed_text_is_wrapped_in_explicit_then_implicit_mode() {
        assert_eq!(begin_inline(TerminalBidi::Explicit), "\x1b[8l");
        assert_eq!(end_inline(TerminalBidi::Explicit), "\x1b[8h");
    }

    #[test]
    fn suspend_and_resume_leave_and_enter_the_same_way_as_quit_and_start() {
        // A suspend is a leave, a resume an enter: the line the shell
        // prompt lands on is implicit while suspended, the alternate screen
        // explicit again, line by line, after the resume.
        let session = [
            enter_screen(TerminalBidi::Explicit),
            leave_screen(TerminalBidi::Explicit),
            enter_screen(TerminalBidi::Explicit),
            leave_screen(TerminalBidi::Explicit),
        ]
        .concat();
        assert_eq!(
            session,
            "\x1b[8l\x1b[?1049h\x1b[H\x1b[2J\x1b[?1049l\x1b[8h\
             \x1b[8l\x1b[?1049h\x1b[H\x1b[2J\x1b[?1049l\x1b[8h"
        );
    }
}
