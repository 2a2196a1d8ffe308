//! Hit-testing: an R*-tree over the visible geometry in world units, valid for every view.

use super::MapState;
use crate::hit::{HitIndex, Target};
use crate::viewport::ScreenPt;

impl MapState {
    /// An index of the visible arcs and dots in world units (valid for every view).
    pub fn hit_index(&self) -> HitIndex {
        let lines = self
            .visible
            .iter()
            .filter_map(|&i| self.arcs.get(i).map(|arc| (i, arc)))
            .flat_map(|(i, arc)| {
                arc.iter()
                    .map(move |piece| (Target::Arc(i), piece.as_slice()))
            });
        let dots = self
            .visible
            .iter()
            .filter_map(|&i| Some((Target::Partner(i), (*self.partner_xy.get(i)?)?)))
            .chain(
                self.visible_origins
                    .iter()
                    .filter_map(|&k| Some((Target::Origin(k), (*self.origin_xy.get(k)?)?))),
            )
            .collect::<Vec<_>>();
        HitIndex::new(lines, dots)
    }

    /// What is within `radius_px` CSS pixels of the screen point `p` (dots before arcs). Builds
    /// the index on the first call after a filter or data change.
    pub fn hit(&mut self, p: ScreenPt, radius_px: f64) -> Option<Target> {
        if self.hit.is_none() {
            self.hit = Some(self.hit_index());
        }
        let scale = self.viewport.scale();
        let world = self.viewport.to_world(p);
        self.hit.as_ref()?.hit(world, radius_px / scale)
    }
}
