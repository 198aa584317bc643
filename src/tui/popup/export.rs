//! Export the shown translations, aligned, to a file: the format menu and
//! the writing.

use super::{Outcome, Popup, draw_menu, step};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use ratatui::Frame;

/// Formats the reader exports to, in the order the menu lists them.
pub const EXPORT_FORMATS: [&str; 3] = ["md", "tmx", "json"];

#[derive(Debug, Default)]
pub struct ExportMenu {
    pub selected: usize,
}

impl Popup for ExportMenu {
    fn act(&mut self, action: Action, app: &mut App) -> Outcome {
        if action != Action::Open {
            step(&mut self.selected, action, EXPORT_FORMATS.len());
            return Outcome::Stay;
        }
        export(app, EXPORT_FORMATS[self.selected]);
        Outcome::Close
    }

    fn draw(&self, frame: &mut Frame, app: &App) {
        let items: Vec<String> = EXPORT_FORMATS
            .iter()
            .map(|f| match *f {
                "md" => "md    Markdown, a column per language".to_string(),
                "tmx" => "tmx   TMX 1.4 translation memory".to_string(),
                _ => "json  aligned JSON".to_string(),
            })
            .collect();
        draw_menu(frame, app, " Export to a file ", &items, self.selected);
    }
}

/// Write the shown translations, aligned, to a file in the export folder.
fn export(app: &mut App, format: &str) {
    let Some(reader) = &app.reader else { return };
    let Some(dir) = app.export_dir.clone() else {
        app.status = Some("no folder to export to".into());
        return;
    };
    let aligned = match crate::export::aligned(&reader.resolution, &reader.columns) {
        Ok(a) => a,
        Err(e) => {
            app.status = Some(e.to_string());
            return;
        }
    };
    let text = match format {
        "tmx" => aligned.tmx(),
        "json" => aligned.json() + "\n",
        _ => aligned.markdown(),
    };
    let path = dir.join(format!(
        "{}.{}.{format}",
        aligned.id,
        aligned.langs.join("-")
    ));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::state::write_atomic(&path, text.as_bytes(), || Ok(())));
    app.status = Some(match written {
        Ok(()) => format!("exported to {}", path.display()),
        Err(e) => format!("{}: cannot write ({e})", path.display()),
    });
}
