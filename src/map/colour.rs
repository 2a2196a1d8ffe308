//! Colour modes and the legend: which legend entry each pair belongs to and its colour.

use super::MapState;
use crate::dataset::{Partnership, Relation};
use crate::style::{ColourBy, Rgba, FIRST_DECADE};

/// One entry of the colour legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// `jinan`, `friendship`, `1990s`, `unknown`…
    pub key: String,
    /// The entry's colour.
    pub colour: Rgba,
    /// Visible pairs in this entry under the current filter.
    pub visible: usize,
    /// Pairs in this entry in the whole dataset.
    pub total: usize,
}

impl MapState {
    /// Which dimension the arc colours show.
    pub fn colour_by(&self) -> ColourBy {
        self.colour_by
    }

    /// Colours the arcs by another dimension.
    pub fn set_colour_by(&mut self, colour_by: ColourBy) {
        self.colour_by = colour_by;
        self.styles = self.styles.wrapping_add(1);
    }

    /// The legend keys of the current colour dimension, in order.
    pub fn legend_keys(&self) -> Vec<String> {
        match self.colour_by {
            ColourBy::City => self
                .dataset
                .cities()
                .iter()
                .map(|c| c.key.clone())
                .collect(),
            ColourBy::Relation => Relation::ALL.iter().map(|r| r.key().to_string()).collect(),
            ColourBy::Decade => (0..self.decades)
                .map(|k| format!("{}s", FIRST_DECADE + 10 * k as i32))
                .chain(std::iter::once("unknown".to_string()))
                .collect(),
        }
    }

    /// The legend entry a pair belongs to under the current colour dimension.
    pub fn colour_group(&self, p: &Partnership) -> usize {
        match self.colour_by {
            ColourBy::City => p.city,
            ColourBy::Relation => Relation::ALL
                .iter()
                .position(|r| *r == p.relation)
                .unwrap_or(2),
            ColourBy::Decade => match p.established {
                Some(d) if d.year >= FIRST_DECADE => ((d.decade() - FIRST_DECADE) / 10) as usize,
                Some(_) => 0,
                None => self.decades,
            },
        }
    }

    pub(super) fn group_colour(&self, group: usize) -> Rgba {
        let t = &self.theme;
        match self.colour_by {
            ColourBy::City => t.city_colour(group),
            ColourBy::Relation => t.relation_palette.get(group).copied().unwrap_or(t.unknown),
            ColourBy::Decade if group == self.decades => t.unknown,
            ColourBy::Decade => t.decade_colour(group),
        }
    }

    /// The colour legend with live counts for the current filter.
    pub fn legend(&self) -> Vec<LegendItem> {
        let keys = self.legend_keys();
        let mut visible = vec![0usize; keys.len()];
        let mut total = vec![0usize; keys.len()];
        let mut is_visible = vec![false; self.dataset.partnerships.len()];
        for &i in &self.visible {
            if let Some(v) = is_visible.get_mut(i) {
                *v = true;
            }
        }
        for (i, p) in self.dataset.partnerships.iter().enumerate() {
            let g = self.colour_group(p);
            if let Some(t) = total.get_mut(g) {
                *t += 1;
            }
            if is_visible.get(i).copied().unwrap_or(false) {
                if let Some(v) = visible.get_mut(g) {
                    *v += 1;
                }
            }
        }
        keys.into_iter()
            .enumerate()
            .map(|(g, key)| LegendItem {
                key,
                colour: self.group_colour(g),
                visible: visible.get(g).copied().unwrap_or(0),
                total: total.get(g).copied().unwrap_or(0),
            })
            .collect()
    }
}
