//! Hit-testing: a grid over every pair's geometry in world units, valid for every view and
//! filter.

use super::MapState;
use crate::hit::{HitIndex, Target};
use crate::viewport::ScreenPt;

impl MapState {
    /// An index of every arc and dot in world units (valid for every view and filter).
    pub fn hit_index(&self) -> HitIndex {
        let lines = self.arcs.iter().enumerate().flat_map(|(i, arc)| {
            arc.iter()
                .map(move |piece| (Target::Arc(i), piece.as_slice()))
        });
        let dots = self
            .partner_xy
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some((Target::Partner(i), (*w)?)))
            .chain(
                self.origin_xy
                    .iter()
                    .enumerate()
                    .filter_map(|(k, w)| Some((Target::Origin(k), (*w)?))),
            )
            .collect::<Vec<_>>();
        HitIndex::new(lines, dots)
    }

    /// Whether the filter shows `target`.
    pub(super) fn shows(&self, target: Target) -> bool {
        let mask = match target {
            Target::Origin(k) => self.origin_mask.get(k),
            Target::Arc(i) | Target::Partner(i) => self.visible_mask.get(i),
        };
        mask.copied().unwrap_or(false)
    }

    /// What visible target is within `radius_px` CSS pixels of the screen point `p` (dots
    /// before arcs).
    pub fn hit(&mut self, p: ScreenPt, radius_px: f64) -> Option<Target> {
        if self.hit.is_none() {
            self.hit = Some(self.hit_index());
        }
        let scale = self.viewport.scale();
        let world = self.viewport.to_world(p);
        self.hit
            .as_ref()?
            .hit_where(world, radius_px / scale, |t| self.shows(t))
    }
}
