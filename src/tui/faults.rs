//! Fault injection for the end-to-end tests: `RESREADER_FAULT=draw|key|search`
//! makes the reader panic in that place once F12 has been pressed, to prove
//! that a panic restores the terminal and saves the place.
//!
//! Compiled only into test builds: debug builds (what `cargo test` runs) or
//! the `fault-injection` feature. In a release build [`Faults`] is empty,
//! every check is a constant `false` and the panics are compiled away.

use ratatui::crossterm::event::KeyCode;

/// Where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Draw,
    Key,
    Search,
}

#[cfg(any(debug_assertions, feature = "fault-injection"))]
mod hooks {
    use super::{Fault, KeyCode};

    /// The fault to inject, if any, and whether F12 has armed it.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Faults {
        kind: Option<Fault>,
        armed: bool,
    }

    impl Faults {
        /// Whether this build has the hooks.
        pub const ENABLED: bool = true;

        /// The fault `RESREADER_FAULT` names, not armed yet.
        pub fn from_env() -> Faults {
            let kind = match std::env::var("RESREADER_FAULT").ok().as_deref() {
                Some("draw") => Some(Fault::Draw),
                Some("key") => Some(Fault::Key),
                Some("search") => Some(Fault::Search),
                _ => None,
            };
            Faults { kind, armed: false }
        }

        /// F12 arms a fault that was asked for; true when it took the key.
        pub fn arm(&mut self, code: KeyCode) -> bool {
            let arming = self.kind.is_some() && code == KeyCode::F(12);
            self.armed |= arming;
            arming
        }

        /// Whether `fault` is the one injected and has been armed.
        pub fn fires(&self, fault: Fault) -> bool {
            self.armed && self.kind == Some(fault)
        }
    }
}

#[cfg(not(any(debug_assertions, feature = "fault-injection")))]
mod hooks {
    use super::{Fault, KeyCode};

    /// No fault injection in a release build.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Faults;

    impl Faults {
        /// Whether this build has the hooks: a check behind it is
        /// compiled away even where its answer was carried at run time.
        pub const ENABLED: bool = false;

        #[inline(always)]
        pub fn from_env() -> Faults {
            Faults
        }

        #[inline(always)]
        pub fn arm(&mut self, _: KeyCode) -> bool {
            false
        }

        #[inline(always)]
        pub fn fires(&self, _: Fault) -> bool {
            false
        }
    }
}

pub use hooks::Faults;
