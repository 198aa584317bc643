//! Export the shown translations, aligned, to a file: the format menu and
//! the writing.

use super::{Outcome, Popup, draw_menu, step};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use ratatui::Frame;

use crate::export::Format;

#[derive(Debug, Default)]
pub struct ExportMenu {
    pub selected: usize,
}

impl Popup for ExportMenu {
    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        if action != Action::Open {
            step(&mut self.selected, action, Format::MENU.len());
            return Outcome::Stay;
        }
        export(app, Format::MENU[self.selected]);
        Outcome::Close
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let items: Vec<String> = Format::MENU.iter().map(|f| f.label().to_string()).collect();
        draw_menu(frame, app, " Export to a file ", &items, self.selected);
    }
}

/// Write the shown translations, aligned, to a file in the export folder.
fn export(app: &mut App, format: Format) {
    let Some(reader) = &app.reader else { return };
    let Some(dir) = app.export_dir.clone() else {
        app.status = Some("no folder to export to".into());
        return;
    };
    let aligned =
        match crate::export::aligned(&reader.resolution, &reader.columns, &reader.lexicons) {
            Ok(a) => a,
            Err(e) => {
                app.status = Some(e.to_string());
                return;
            }
        };
    let text = format.render(&aligned);
    let path = dir.join(format!(
        "{}.{}.{}",
        aligned.id,
        aligned.langs.join("-"),
        format.extension()
    ));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::state::write_atomic(&path, text.as_bytes(), || Ok(())));
    app.status = Some(match written {
        Ok(()) => format!("exported to {}", path.display()),
        Err(e) => format!("{}: cannot write ({e})", path.display()),
    });
}
