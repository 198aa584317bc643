//! resreader: read resolutions published in several parallel translations.
//!
//! Layers, each depending only on those above it:
//! - [`lang`]: language codes, scripts, detection;
//! - [`library`]: the domain model and the on-disk library;
//! - [`import`]: turning raw documents into library resolutions;
//! - [`align`]: pairing the paragraphs of translations;
//! - [`text`]: the layout engine shared by every output;
//! - [`export`]: aligned JSON, TMX and Markdown;
//! - [`term`]: which terminal this is, and its bidi set-up sequences;
//! - [`tui`]: the interactive reader (the only layer that knows ratatui);
//! - [`cli`]: the command line.

pub mod align;
pub mod cli;
pub mod colour;
pub mod config;
pub mod doctor;
pub mod export;
pub mod fsio;
pub mod import;
pub mod keymap;
pub mod lang;
pub mod library;
pub mod parallel;
pub mod render;
pub mod search;
pub mod state;
pub mod term;
pub mod text;
pub mod tui;
