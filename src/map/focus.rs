//! The keyboard focus walk: between the Shandong keys in use and through a key's partners,
//! panning to keep the focus on screen.

use super::MapState;
use crate::geometry::WorldXY;
use crate::hit::Target;

/// Keyboard moves between targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The next Shandong key in use.
    NextCity,
    /// The previous Shandong key in use.
    PrevCity,
    /// The focused key's next visible partner.
    NextPartner,
    /// The focused key's previous visible partner (from the first: the key itself).
    PrevPartner,
}

impl MapState {
    /// Moves the keyboard focus: left/right between Shandong keys in use, down/up through the
    /// focused key's visible partners (up from the first goes back to the key). Pans the view
    /// if the new focus is off-screen. Returns the new focus.
    // `origins` is not empty (checked first) and every index is taken modulo its length or
    // found in it; `list` is indexed only when not empty, at positions found in it.
    #[allow(clippy::indexing_slicing)]
    pub fn step_focus(&mut self, step: Step) -> Option<Target> {
        let origins = &self.visible_origins;
        if origins.is_empty() {
            self.emphasis.focus = None;
            return None;
        }
        let city_of = |t: Target| match t {
            Target::Origin(k) => Some(k),
            Target::Arc(i) | Target::Partner(i) => self.dataset.partnerships.get(i).map(|p| p.city),
        };
        let current_city = self.emphasis.focus.and_then(city_of);
        let pos = current_city.and_then(|k| origins.iter().position(|&o| o == k));
        let n = origins.len();
        let partners_of = |k: usize| -> Vec<usize> {
            self.visible
                .iter()
                .copied()
                .filter(|&i| {
                    self.dataset
                        .partnerships
                        .get(i)
                        .is_some_and(|p| p.city == k && p.location.is_some())
                })
                .collect()
        };
        let next = match step {
            Step::NextCity => Target::Origin(origins[pos.map_or(0, |p| (p + 1) % n)]),
            Step::PrevCity => Target::Origin(origins[pos.map_or(n - 1, |p| (p + n - 1) % n)]),
            Step::NextPartner | Step::PrevPartner => {
                let k = current_city.unwrap_or(origins[0]);
                let list = partners_of(k);
                let at = match self.emphasis.focus {
                    Some(Target::Arc(i) | Target::Partner(i)) => list.iter().position(|&j| j == i),
                    _ => None,
                };
                match (step, at) {
                    (_, _) if list.is_empty() => Target::Origin(k),
                    (Step::NextPartner, None) => Target::Arc(list[0]),
                    (Step::NextPartner, Some(a)) => Target::Arc(list[(a + 1) % list.len()]),
                    (_, None) => Target::Arc(list[list.len() - 1]),
                    (_, Some(0)) => Target::Origin(k),
                    (_, Some(a)) => Target::Arc(list[a - 1]),
                }
            }
        };
        self.emphasis.focus = Some(next);
        self.reveal(next);
        Some(next)
    }

    /// Clears the keyboard focus.
    pub fn clear_focus(&mut self) {
        self.emphasis.focus = None;
    }

    /// The world position of a target's dot.
    pub fn target_xy(&self, t: Target) -> Option<WorldXY> {
        match t {
            Target::Origin(k) => self.origin_xy.get(k).copied().flatten(),
            Target::Arc(i) | Target::Partner(i) => self.partner_xy.get(i).copied().flatten(),
        }
    }

    /// Pans so that the target's dot is on screen (with a margin), if it is not.
    fn reveal(&mut self, t: Target) {
        let Some(w) = self.target_xy(t) else {
            return;
        };
        let s = self.viewport.to_screen(w);
        let v = self.viewport;
        let margin = 24.0_f64
            .min(v.width_css_px / 4.0)
            .min(v.height_css_px / 4.0);
        if s.x < margin
            || s.y < margin
            || s.x > v.width_css_px - margin
            || s.y > v.height_css_px - margin
        {
            self.viewport.centre = w;
            self.viewport.pan_by(0.0, 0.0);
        }
    }
}
