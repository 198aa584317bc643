//! The interactive reader. `app` holds the state and routes events to the
//! top popup (`popup`, `finder`) or the main view (`actions`); `reader` is
//! the reading pane's model, `keymap` the keys as data, `draw` the drawing,
//! `jobs` the background work, `memory` what is remembered, `terminal` the
//! terminal's set-up and restoring. This module runs the event loop.

mod actions;
pub mod app;
pub mod draw;
pub mod faults;
pub mod finder;
pub mod history;
pub mod jobs;
pub mod keymap;
mod manage;
pub mod memory;
mod open;
pub mod panes;
pub mod popup;
pub mod reader;
pub mod rescue;
pub mod terminal;
pub mod theme;

pub use terminal::restore_terminal;

use crate::library::Library;
use crate::render::RenderOptions;
use crate::term::TerminalBidi;
use app::App;
use ratatui::crossterm::event;
use terminal::{
    draw_frame, install_hangup_watch, install_panic_hook, install_signal_handlers, setup_terminal,
};

/// Where the reader starts.
#[derive(Debug, Clone, Default)]
pub struct Start {
    pub id: Option<String>,
    pub columns: Option<Vec<String>>,
}

/// Run the reader until the user quits.
///
/// `warnings` (from the config file) are shown in the status line.
pub fn run(
    library: Library,
    config: &crate::config::Config,
    render: RenderOptions,
    terminal_bidi: TerminalBidi,
    warnings: &[String],
    start: Start,
) -> anyhow::Result<()> {
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut messages: Vec<String> = warnings.to_vec();
    messages.extend(library.problems.iter().cloned());
    let mut app = App::new(library, config.languages.clone(), render, size);
    app.keymap = config.keymap();
    app.theme = theme::Theme::from_config(config, theme::no_color());
    app.max_width = config.max_width;
    app.clipboard = config.clipboard;
    app.mouse = config.mouse;
    app.memory.path = crate::state::default_path();
    app.jobs.cache_dir = crate::search::cache::cache_dir();
    if let Some(path) = &app.memory.path {
        let (state, problem) = crate::state::load(path);
        app.memory.state = state;
        messages.extend(problem);
    }
    match &start.id {
        Some(id) => app
            .open(id, start.columns.clone())
            .map_err(anyhow::Error::msg)?,
        None => app.resume(),
    }
    if let Some(first) = messages.first() {
        let more = if messages.len() > 1 {
            format!(" (+{} more: resreader config)", messages.len() - 1)
        } else {
            String::new()
        };
        app.status = Some(format!("{first}{more}"));
    }
    app.faults = faults::Faults::from_env();
    rescue::set_ui_thread();
    app.publish();
    install_panic_hook();
    install_signal_handlers()?;
    install_hangup_watch();
    let result = event_loop(&mut app, terminal_bidi);
    restore_terminal();
    if let Err(problem) = app.save_state() {
        crate::cli::say(problem);
    }
    result
}

/// Draw, then take events and background results in until the user quits.
fn event_loop(app: &mut App, terminal_bidi: TerminalBidi) -> anyhow::Result<()> {
    let mut terminal = setup_terminal(terminal_bidi)?;
    // The config can leave the mouse to the terminal from the start.
    let mut first = if app.mouse {
        Vec::new()
    } else {
        vec![actions::mouse_capture(false)]
    };
    draw_frame(&mut terminal, |frame| draw::draw(frame, app), &mut first)?;
    // The full-text index is built after the first frame, off this thread.
    app.start_indexing();
    loop {
        // While background work runs, look for its result between keys;
        // otherwise block until something happens: no idle CPU.
        // Results of a search are looked for often; the index rarely.
        let wait = if app.jobs.search.is_some() { 5 } else { 50 };
        if app.busy() && !event::poll(std::time::Duration::from_millis(wait))? {
            if app.tick() {
                draw_frame(
                    &mut terminal,
                    |frame| draw::draw(frame, app),
                    &mut Vec::new(),
                )?;
            }
            continue;
        }
        let event = event::read()?;
        app.handle_event(event);
        app.publish();
        if app.quit {
            return Ok(());
        }
        if std::mem::take(&mut app.suspend) {
            terminal::suspend();
        }
        app.tick();
        // Clipboard writes (OSC 52) go out after the frame.
        let mut output = std::mem::take(&mut app.pending_output);
        draw_frame(&mut terminal, |frame| draw::draw(frame, app), &mut output)?;
    }
}
