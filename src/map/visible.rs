//! What the filter shows: the visible pairs and origins, recomputed once per filter or data
//! change, not per frame.

use super::MapState;
use crate::filter::Filter;
use crate::hit::Target;
use crate::viewport::ScreenPt;

impl MapState {
    /// Sets the filter and recomputes what is visible.
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refresh_visible();
    }

    /// The filter in force.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Undated pairs that a year bound leaves out although they pass every other restriction
    /// (the summary says so); 0 without a bound, or when the filter hides or shows them.
    pub fn hidden_undated(&self) -> usize {
        let f = &self.filter;
        if !f.has_year_bound() || f.hide_unknown_year || f.show_unknown_year {
            return 0;
        }
        let with_undated = Filter {
            show_unknown_year: true,
            ..f.clone()
        };
        with_undated
            .apply_indexed(&self.dataset, || self.search_index())
            .into_iter()
            .filter(|&i| {
                self.dataset
                    .partnerships
                    .get(i)
                    .is_some_and(|p| p.established.is_none())
            })
            .count()
    }

    /// Indices of the visible partnerships.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Recomputes what the filter shows: once per filter or data change, not per frame.
    pub(super) fn refresh_visible(&mut self) {
        self.visible = self
            .filter
            .apply_indexed(&self.dataset, || self.search_index());
        let mut used = vec![false; self.dataset.cities().len()];
        for &i in &self.visible {
            if let Some(u) = self
                .dataset
                .partnerships
                .get(i)
                .and_then(|p| used.get_mut(p.city))
            {
                *u = true;
            }
        }
        self.visible_origins = used
            .iter()
            .enumerate()
            .filter(|&(_, &u)| u)
            .map(|(k, _)| k)
            .collect();
        self.visible_mask = vec![false; self.dataset.partnerships.len()];
        for &i in &self.visible {
            if let Some(v) = self.visible_mask.get_mut(i) {
                *v = true;
            }
        }
        self.origin_mask = used.clone();
        self.generation += 1;
        // What the filter hid can no longer be hovered or focused; selections stay pinned.
        let shown = |t: Option<Target>| match t {
            Some(Target::Origin(k)) => used.get(k).copied().unwrap_or(false),
            Some(Target::Arc(i) | Target::Partner(i)) => self.visible.binary_search(&i).is_ok(),
            None => true,
        };
        if !shown(self.emphasis.hover) {
            self.emphasis.hover = None;
        }
        if !shown(self.emphasis.focus) {
            self.emphasis.focus = None;
        }
    }

    /// Screen positions of the partner dots of `pairs` (those with a place), with their
    /// partnership index.
    pub(super) fn partner_dots_of<'a>(
        &'a self,
        pairs: &'a [usize],
    ) -> impl Iterator<Item = (usize, ScreenPt)> + 'a {
        let tf = self.viewport.transform();
        pairs
            .iter()
            .filter_map(move |&i| Some((i, tf.apply((*self.partner_xy.get(i)?)?))))
    }

    /// Screen positions of the origin dots in use, with their Shandong key index.
    pub(super) fn origin_dots(&self) -> impl Iterator<Item = (usize, ScreenPt)> + '_ {
        let tf = self.viewport.transform();
        self.visible_origins
            .iter()
            .filter_map(move |&k| Some((k, tf.apply((*self.origin_xy.get(k)?)?))))
    }
}
