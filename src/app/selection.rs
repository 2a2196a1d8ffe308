//! What the visitor selected: pinned selections (kept to compare) and the current one (replaced
//! by the next click), and which of them the detail panel shows.

use crate::map::Pick;

/// Pinned picks, oldest first, plus the current pick.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Pinned selections, oldest first.
    pub pinned: Vec<Pick>,
    /// The selection that is not pinned, if any.
    pub current: Option<Pick>,
    /// The pick the detail panel shows, if it is open.
    pub shown: Option<Pick>,
}

impl Selection {
    /// Everything selected, pinned first: what the map emphasises.
    pub fn all(&self) -> Vec<Pick> {
        let mut all = self.pinned.clone();
        all.extend(self.current.filter(|c| !self.pinned.contains(c)));
        all
    }

    /// A click or `select`: with `pin`, toggles `pick` among the pinned ones; otherwise makes it
    /// the current selection (a pinned pick clicked again just shows).
    pub fn select(&mut self, pick: Pick, pin: bool) {
        if pin {
            if let Some(k) = self.pinned.iter().position(|p| *p == pick) {
                self.pinned.remove(k);
                self.shown = self.current.or(self.pinned.last().copied());
                return;
            }
            self.pinned.push(pick);
            if self.current == Some(pick) {
                self.current = None;
            }
        } else {
            self.current = (!self.pinned.contains(&pick)).then_some(pick);
        }
        self.shown = Some(pick);
    }

    /// Drops the current selection (Escape, a click on nothing, the panel's close button with
    /// `all`, which drops the pinned ones too). The panel then shows the last pinned one, if any.
    pub fn clear(&mut self, all: bool) {
        self.current = None;
        if all {
            self.pinned.clear();
        }
        self.shown = self.pinned.last().copied();
    }

    /// Pins or unpins what the panel shows.
    pub fn toggle_pin_shown(&mut self) {
        if let Some(p) = self.shown {
            self.select(p, true);
            self.shown = Some(p);
        }
    }

    /// Removes one pinned pick.
    pub fn unpin(&mut self, pick: Pick) {
        self.pinned.retain(|p| *p != pick);
        if self.shown == Some(pick) {
            self.shown = self.current.or(self.pinned.last().copied());
        }
    }

    /// Replaces everything (from a URL state): the last pick is the current one.
    pub fn restore(&mut self, mut picks: Vec<Pick>) {
        self.current = picks.pop();
        self.pinned = picks;
        self.shown = self.current.or(self.pinned.last().copied());
    }

    /// Keeps only picks that `keep` accepts (after new data, unknown picks go).
    pub fn retain(&mut self, keep: impl Fn(&Pick) -> bool) {
        self.pinned.retain(&keep);
        self.current = self.current.filter(&keep);
        self.shown = self.shown.filter(&keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_replaces_the_current_selection_and_keeps_the_pins() {
        let mut s = Selection::default();
        s.select(Pick::Pair(1), true);
        s.select(Pick::Pair(2), false);
        s.select(Pick::Pair(3), false);
        assert_eq!(s.all(), vec![Pick::Pair(1), Pick::Pair(3)]);
        assert_eq!(s.shown, Some(Pick::Pair(3)));
        s.clear(false);
        assert_eq!(s.all(), vec![Pick::Pair(1)]);
        assert_eq!(
            s.shown,
            Some(Pick::Pair(1)),
            "the panel falls back to the pin"
        );
        s.clear(true);
        assert!(s.all().is_empty() && s.shown.is_none());
    }

    #[test]
    fn pinning_twice_unpins() {
        let mut s = Selection::default();
        s.select(Pick::City(2), true);
        s.select(Pick::City(2), true);
        assert!(s.pinned.is_empty());
    }
}
