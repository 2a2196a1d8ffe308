//! Hit-testing: an R*-tree over the visible geometry in world units, valid for every view.

use super::MapState;
use crate::geometry::WorldXY;
use crate::hit::{HitIndex, Target};
use crate::viewport::ScreenPt;

impl MapState {
    /// An index of the visible arcs and dots in world units (valid for every view).
    pub fn hit_index(&self) -> HitIndex {
        let mut index = HitIndex::default();
        add_pairs(&mut index, &self.arcs, &self.partner_xy, &self.visible);
        add_origins(&mut index, &self.origin_xy, &self.visible_origins);
        index
    }

    /// Whether the hit index is built (after a load in steps it comes with the data).
    pub fn has_hit_index(&self) -> bool {
        self.hit.is_some()
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

/// Adds the arcs and partner dots of the pairs `visible` to `index`, as one more tree.
pub(super) fn add_pairs(
    index: &mut HitIndex,
    arcs: &[Vec<Vec<WorldXY>>],
    partner_xy: &[Option<WorldXY>],
    visible: &[usize],
) {
    let lines = visible
        .iter()
        .filter_map(|&i| arcs.get(i).map(|arc| (i, arc)))
        .flat_map(|(i, arc)| {
            arc.iter()
                .map(move |piece| (Target::Arc(i), piece.as_slice()))
        });
    let dots = visible
        .iter()
        .filter_map(|&i| Some((Target::Partner(i), (*partner_xy.get(i)?)?)));
    index.add(lines, dots);
}

/// Adds the origin dots of the Shandong keys `origins` to `index`.
pub(super) fn add_origins(index: &mut HitIndex, origin_xy: &[Option<WorldXY>], origins: &[usize]) {
    let dots = origins
        .iter()
        .filter_map(|&k| Some((Target::Origin(k), (*origin_xy.get(k)?)?)));
    index.add(std::iter::empty::<(Target, &[WorldXY])>(), dots);
}
