//! Hit-testing: a grid over every pair's geometry in world units, valid for every view and
//! filter.

use super::layout::stack_radius_px;
use super::MapState;
use crate::hit::{HitIndex, Target};
use crate::viewport::ScreenPt;
use youcheng_kernels::lod::outside;

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

    /// Whether the hit index is made (in idle time after the first frame of new data; a query
    /// before that does not make it, see [`MapState::hit`]).
    pub fn has_hit_index(&self) -> bool {
        self.hit.is_some()
    }

    /// Adds the next part of the hit index made after a load at once (see
    /// [`super::cache::index_part`]; the origins after the last pair) → whether it is made.
    pub(super) fn index_part(&mut self) -> bool {
        if self.hit.is_some() {
            return true;
        }
        let (mut hit, start) = self.hit_part.take().unwrap_or_default();
        let end = super::cache::index_part(&mut hit, (&self.arcs, &self.partner_xy), start);
        if end >= self.arcs.len() {
            super::cache::index_origins(&mut hit, &self.origin_xy);
            self.hit = Some(hit);
        } else {
            self.hit_part = Some((hit, end));
        }
        self.hit.is_some()
    }

    /// Whether the filter shows `target`.
    pub(super) fn shows(&self, target: Target) -> bool {
        let mask = match target {
            Target::Origin(k) => self.origin_mask.get(k),
            Target::Arc(i) | Target::Partner(i) => self.visible_mask.get(i),
        };
        mask.copied().unwrap_or(false)
    }

    /// What is within `radius_px` CSS pixels of the screen point `p`: inside the Shandong inset
    /// the origin whose target or label is there (or nothing: the inset covers the map), else a
    /// stack's marker when it is the nearest marker (its pair placed nearest the pointer), else
    /// dots before arcs (through the hit index, or before it is made, what part of it is made and
    /// the other pairs one by one).
    pub fn hit(&mut self, p: ScreenPt, radius_px: f64) -> Option<Target> {
        let layout = self.layout();
        if let Some(inset) = layout.inset.as_ref().filter(|i| i.rect.contains(p)) {
            return inset.hit(p).map(Target::Origin);
        }
        let tf = self.viewport.transform();
        let stack = layout
            .stacks
            .iter()
            .map(|s| (s, tf.apply(s.at)))
            .map(|(s, c)| (s, c.distance(p)))
            .filter(|(s, d)| {
                // On the marker as drawn; a finger reaches a little further.
                *d <= stack_radius_px(s.members.len(), self.theme.partner_radius_px)
                    .max(radius_px / 2.0)
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            // A single dot nearest: the index below decides (origins and dots before arcs).
            .filter(|(s, _)| s.members.len() > 1)
            .and_then(|(s, _)| {
                // The member whose own place is nearest the pointer (the first on a tie).
                let w = self.viewport.to_world(p);
                s.members.iter().copied().min_by(|&a, &b| {
                    let d = |i: usize| {
                        self.partner_xy
                            .get(i)
                            .copied()
                            .flatten()
                            .map_or(f64::INFINITY, |q| (q.x - w.x).hypot(q.y - w.y))
                    };
                    d(a).total_cmp(&d(b))
                })
            });
        drop(layout);
        if let Some(i) = stack {
            return Some(Target::Partner(i));
        }
        let radius = radius_px / self.viewport.scale();
        let world = self.viewport.to_world(p);
        if let Some(hit) = &self.hit {
            return hit.hit_where(world, radius, |t| self.shows(t));
        }
        // Before idle time has made the index, the parts made so far and the rest looked at
        // pair by pair (an arc only when its extent is within reach): the same answer, sooner
        // than making the rest would give it (a world network's index is ~50 ms of work).
        let empty = HitIndex::default();
        let (hit, start) = self.hit_part.as_ref().map_or((&empty, 0), |(h, s)| (h, *s));
        let at = [world.x, world.y, world.x, world.y];
        let rest = start..self.arcs.len();
        let lines = rest.clone().flat_map(|i| {
            let arc = (self.arc_bounds.get(i))
                .filter(|b| !outside(**b, radius, at))
                .and(self.arcs.get(i));
            let step = self.arc_step.get(i).copied().unwrap_or(f32::INFINITY);
            arc.into_iter()
                .flatten()
                .map(move |line| (Target::Arc(i), line.as_slice(), step))
        });
        let partners = rest.filter_map(|i| Some((Target::Partner(i), (*self.partner_xy.get(i)?)?)));
        let origins = (self.origin_xy.iter().enumerate())
            .filter_map(|(k, w)| Some((Target::Origin(k), (*w)?)));
        hit.hit_with(
            world,
            radius,
            |t| self.shows(t),
            (lines, partners.chain(origins)),
        )
    }
}

impl MapState {
    /// Where a target is drawn, CSS px: an origin at its inset dot while the inset is shown,
    /// otherwise the target's dot.
    pub fn target_screen(&self, t: Target) -> Option<ScreenPt> {
        if let Target::Origin(k) = t {
            let layout = self.layout();
            let in_inset = layout
                .inset
                .as_ref()
                .and_then(|i| i.cities.iter().find(|c| c.city == k))
                .map(|c| c.dot);
            if in_inset.is_some() {
                return in_inset;
            }
        }
        self.target_xy(t).map(|w| self.viewport.to_screen(w))
    }

    /// The pairs drawn as one marker with pair `i` at this view (`i` among them), when there
    /// are two or more.
    pub fn stack_members(&self, i: usize) -> Vec<usize> {
        self.layout()
            .stack_of(i)
            .filter(|s| s.members.len() > 1)
            .map(|s| s.members.clone())
            .unwrap_or_default()
    }
}
