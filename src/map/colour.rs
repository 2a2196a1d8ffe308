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
        (self.legend_counts().into_iter().enumerate())
            .map(|(g, counts)| self.legend_item(g, counts))
            .collect()
    }

    /// Legend entry `group` of the current colour dimension, with its counts `(visible,
    /// total)` (see [`MapState::legend_counts`]).
    pub fn legend_item(&self, group: usize, (visible, total): (usize, usize)) -> LegendItem {
        let key = match self.colour_by {
            ColourBy::City => {
                (self.dataset.cities().get(group)).map_or_else(String::new, |c| c.key.clone())
            }
            ColourBy::Relation => (Relation::ALL.get(group))
                .map_or("", |r| r.key())
                .to_string(),
            ColourBy::Decade if group < self.decades => {
                format!("{}s", FIRST_DECADE + 10 * group as i32)
            }
            ColourBy::Decade => "unknown".to_string(),
        };
        LegendItem {
            key,
            colour: self.group_colour(group),
            visible,
            total,
        }
    }

    /// The visible and total pairs of each legend entry of the current colour dimension, in
    /// its order: counted without making the entries (a world network has thousands of origins,
    /// of which the legend lists a few).
    pub fn legend_counts(&self) -> Vec<(usize, usize)> {
        let groups = match self.colour_by {
            ColourBy::City => self.dataset.cities().len(),
            ColourBy::Relation => Relation::ALL.len(),
            ColourBy::Decade => self.decades + 1,
        };
        let mut visible = vec![0usize; groups];
        let mut total = vec![0usize; groups];
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
        visible.into_iter().zip(total).collect()
    }
}
