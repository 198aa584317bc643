//! Helpers shared by the integration tests. Each test crate uses a part of
//! them, so the rest is dead code there.
#![allow(dead_code)]

pub mod parallel;
pub mod session;
pub mod tui;
