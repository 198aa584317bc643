//! Where the panes go on a screen of a given size: pure geometry, shared by
//! drawing and by the mouse.

use ratatui::layout::Rect;

/// Smallest terminal the reader draws in; below it, a message says so.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Terminals at least this wide show the list beside the reading pane while
/// the list has the focus; while reading, the list folds away.
pub const TWO_PANES_FROM: u16 = 100;
/// Each list entry takes two lines.
pub const LIST_ITEM_HEIGHT: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// Where the panes are on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The metadata box under the list.
    pub details: Option<Rect>,
}

/// Whether a screen of `size` is below the smallest the reader draws in.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

impl Panes {
    /// The panes for a screen of `size`, with a resolution open or not and
    /// the focus where it is. The last line is left for the status. Reading
    /// is the main job: with the focus in the reading pane it has the whole
    /// width (two columns side by side from 80, four from about 150), and
    /// the list comes back beside it when it takes the focus (Tab, Esc).
    pub fn new(size: (u16, u16), reading: bool, focus: Focus) -> Panes {
        let (w, h) = size;
        if too_small(size) {
            return Panes {
                list: None,
                reader: None,
                details: None,
            };
        }
        let area = Rect {
            x: 0,
            y: 0,
            width: w,
            height: h.saturating_sub(1),
        };
        let split = |list_width: u16| {
            let details_height = 6.min(area.height / 3);
            let list = Rect {
                height: area.height - details_height,
                width: list_width,
                ..area
            };
            let details = Rect {
                y: area.y + list.height,
                height: details_height,
                width: list_width,
                ..area
            };
            (list, details)
        };
        match (reading, focus) {
            (true, Focus::List) if w >= TWO_PANES_FROM => {
                let list_width = (w / 3).clamp(30, 50);
                let (list, details) = split(list_width);
                let reader = Rect {
                    x: list_width,
                    width: w - list_width,
                    ..area
                };
                Panes {
                    list: Some(list),
                    reader: Some(reader),
                    details: Some(details),
                }
            }
            (true, Focus::Reader) => Panes {
                list: None,
                reader: Some(area),
                details: None,
            },
            _ => {
                let (list, details) = split(w);
                Panes {
                    list: Some(list),
                    reader: None,
                    details: Some(details),
                }
            }
        }
    }

    /// The reading pane's text area: inside the border, above the status line.
    pub fn reader_text(&self) -> Option<Rect> {
        self.reader.map(|r| Rect {
            x: r.x + 1,
            y: r.y + 1,
            width: r.width.saturating_sub(2),
            height: r.height.saturating_sub(3),
        })
    }

    /// The list's item area, inside its border.
    pub fn list_items(&self) -> Option<Rect> {
        self.list.map(|r| Rect {
            x: r.x + 1,
            y: r.y + 1,
            width: r.width.saturating_sub(2),
            height: r.height.saturating_sub(2),
        })
    }
}
