//! Walking a query history (newest first) from a line being typed, as a
//! shell does: older goes back one query at a time, newer comes forward
//! and ends on what was being typed before the walk began.

/// Where a walk through a history is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// The history entry shown; `None` when showing what was typed.
    at: Option<usize>,
    /// What was typed when the walk began, given back at its newest end.
    draft: String,
}

impl Walk {
    /// The next older query, if there is one; `current` is what the line
    /// holds now (kept as the draft when the walk begins).
    pub fn older(&mut self, history: &[String], current: &str) -> Option<String> {
        let next = match self.at {
            None => 0,
            Some(i) => i + 1,
        };
        let query = history.get(next)?.clone();
        if self.at.is_none() {
            self.draft = current.to_string();
        }
        self.at = Some(next);
        Some(query)
    }

    /// The next newer query, or the draft after the newest; `None` when
    /// not walking.
    pub fn newer(&mut self, history: &[String]) -> Option<String> {
        match self.at? {
            0 => {
                self.at = None;
                Some(std::mem::take(&mut self.draft))
            }
            i => {
                self.at = Some(i - 1);
                history.get(i - 1).cloned()
            }
        }
    }

    /// The line was edited: the next walk starts again from the newest,
    /// with the edited line as its draft.
    pub fn edited(&mut self) {
        self.at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forward_to_what_was_typed() {
        let history: Vec<String> = ["peace", "war", "ceasefire"].map(String::from).into();
        let mut walk = Walk::default();
        assert_eq!(walk.newer(&history), None);
        assert_eq!(walk.older(&history, "ca").as_deref(), Some("peace"));
        assert_eq!(walk.older(&history, "peace").as_deref(), Some("war"));
        assert_eq!(walk.older(&history, "war").as_deref(), Some("ceasefire"));
        assert_eq!(walk.older(&history, "ceasefire"), None);
        assert_eq!(walk.newer(&history).as_deref(), Some("war"));
        assert_eq!(walk.newer(&history).as_deref(), Some("peace"));
        assert_eq!(walk.newer(&history).as_deref(), Some("ca"));
        assert_eq!(walk.newer(&history), None);
        // Editing a recalled query makes it the new draft.
        assert_eq!(walk.older(&history, "").as_deref(), Some("peace"));
        walk.edited();
        assert_eq!(walk.older(&history, "peacek").as_deref(), Some("peace"));
        assert_eq!(walk.newer(&history).as_deref(), Some("peacek"));
        assert_eq!(Walk::default().older(&[], "x"), None);
    }
}
