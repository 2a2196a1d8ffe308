//! Emphasis: what is hovered, selected and focused, and which pairs stand out because of it.

use super::MapState;
use crate::dataset::Partnership;
use crate::hit::Target;

/// Something a visitor selected: one pair, or a Shandong key's whole fan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// One pair, by index.
    Pair(usize),
    /// Every pair of a Shandong key, by index.
    City(usize),
}

/// What stands out in the drawing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Emphasis {
    /// What the pointer is over.
    pub hover: Option<Target>,
    /// Pinned selections, oldest first; the last one is "the" selection.
    pub selected: Vec<Pick>,
    /// The keyboard focus.
    pub focus: Option<Target>,
}

impl MapState {
    /// What is hovered, selected and focused.
    pub fn emphasis(&self) -> &Emphasis {
        &self.emphasis
    }

    /// Sets the hovered target; returns whether it changed (the page redraws only then).
    pub fn set_hover(&mut self, hover: Option<Target>) -> bool {
        let changed = self.emphasis.hover != hover;
        self.emphasis.hover = hover;
        changed
    }

    /// Replaces the selection (`pin` = add to it instead; picking a pinned one again unpins it).
    pub fn select(&mut self, pick: Option<Pick>, pin: bool) {
        match (pick, pin) {
            (None, _) => self.emphasis.selected.clear(),
            (Some(p), true) => {
                if let Some(k) = self.emphasis.selected.iter().position(|q| *q == p) {
                    self.emphasis.selected.remove(k);
                } else {
                    self.emphasis.selected.push(p);
                }
            }
            (Some(p), false) => self.emphasis.selected = vec![p],
        }
    }

    /// Whether pair `i` stands out: hovered, focused or selected, itself or through its city.
    pub(super) fn emphasised(&self, i: usize, p: &Partnership) -> bool {
        let by_target = |t: Option<Target>| match t {
            Some(Target::Arc(j) | Target::Partner(j)) => j == i,
            Some(Target::Origin(k)) => k == p.city,
            None => false,
        };
        by_target(self.emphasis.hover)
            || by_target(self.emphasis.focus)
            || self.emphasis.selected.iter().any(|s| match *s {
                Pick::Pair(j) => j == i,
                Pick::City(k) => k == p.city,
            })
    }

    /// Whether pair index `i` stands out: hovered, focused or selected, itself or through its
    /// city.
    pub fn emphasised_index(&self, i: usize) -> bool {
        (self.dataset.partnerships.get(i)).is_some_and(|p| self.emphasised(i, p))
    }

    /// Whether anything is hovered, focused or selected (else no pair can stand out).
    fn emphasis_wanted(&self) -> bool {
        let e = &self.emphasis;
        e.hover.is_some() || e.focus.is_some() || !e.selected.is_empty()
    }

    /// What stands out, by kind: the pairs named (hovered or focused arcs and partners, selected
    /// pairs) and the origins whose fans stand out.
    fn emphasis_parts(&self) -> (Vec<usize>, Vec<usize>) {
        let e = &self.emphasis;
        let (mut pairs, mut origins) = (Vec::new(), Vec::new());
        for t in [e.hover, e.focus].into_iter().flatten() {
            match t {
                Target::Arc(j) | Target::Partner(j) => pairs.push(j),
                Target::Origin(k) => origins.push(k),
            }
        }
        for s in &e.selected {
            match *s {
                Pick::Pair(j) => pairs.push(j),
                Pick::City(k) => origins.push(k),
            }
        }
        (pairs, origins)
    }

    /// The visible pairs that stand out, in visible order (by index); empty when none does (then
    /// nothing is dimmed). Pairs named alone (a hovered arc: the common case) are looked up, not
    /// looked for among the visible ones (25,000 at a world network); an origin's fan is found in
    /// one pass over them.
    pub fn emphasised_visible(&self) -> Vec<usize> {
        if !self.emphasis_wanted() {
            return Vec::new();
        }
        let (pairs, origins) = self.emphasis_parts();
        if origins.is_empty() {
            // A handful, put in order as they come (a sort would add its own copy to the module).
            let mut lit: Vec<usize> = Vec::with_capacity(pairs.len());
            for j in pairs {
                if self.visible_mask.get(j).copied().unwrap_or(false) {
                    if let Err(at) = lit.binary_search(&j) {
                        lit.insert(at, j);
                    }
                }
            }
            return lit;
        }
        (self.visible.iter().copied())
            .filter(|&i| self.emphasised_index(i))
            .collect()
    }

    /// Whether any visible pair stands out (then the others are dimmed): a named pair that is
    /// visible, or an origin with a visible pair.
    pub fn any_emphasis(&self) -> bool {
        if !self.emphasis_wanted() {
            return false;
        }
        let (pairs, origins) = self.emphasis_parts();
        let shown = |mask: &[bool], i: usize| mask.get(i).copied().unwrap_or(false);
        pairs.iter().any(|&j| shown(&self.visible_mask, j))
            || origins.iter().any(|&k| shown(&self.origin_mask, k))
    }
}
