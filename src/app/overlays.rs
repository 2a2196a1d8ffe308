//! What the map lays out over itself, for the page: the Shandong inset (so the page's own
//! overlays keep clear of it, and tests can hit each city) and the names drawn on the map.

use crate::map::{Layout, MapState};
use crate::scene::Rect;
use serde::Serialize;

/// A Shandong origin in the inset, where the page can find and hit it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InsetCityView {
    /// The Shandong key.
    pub key: String,
    /// Its label as drawn.
    pub label: String,
    /// Its label's box.
    pub label_box: Rect,
    /// The square a pointer or a finger hits around its dot (at least 24 × 24 CSS px).
    pub target: Rect,
}

/// The Shandong inset, while it is shown: where it is (for the page's own overlays to keep
/// clear of it) and its origins.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct InsetView {
    /// The inset's frame, CSS px from the canvas's top-left.
    pub rect: Rect,
    /// Its origins, in the order of `shandong.csv`.
    pub cities: Vec<InsetCityView>,
    /// Where the page's button that hides it goes (after its title, kept clear of the origins).
    pub toggle: Rect,
}

/// The inset of `layout` (the map's, see [`MapState::layout`]), for the snapshot.
pub fn inset(map: &MapState, layout: &Layout) -> Option<InsetView> {
    let inset = layout.inset.as_ref()?;
    let ds = map.dataset();
    Some(InsetView {
        rect: inset.rect,
        cities: inset
            .cities
            .iter()
            .filter_map(|c| {
                Some(InsetCityView {
                    key: ds.cities().get(c.city)?.key.clone(),
                    label: c.text.clone(),
                    label_box: c.label,
                    target: c.target(),
                })
            })
            .collect(),
        toggle: crate::map::toggle_rect(inset.rect, &inset.title),
    })
}

/// A name drawn on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct LabelView {
    /// The text.
    pub text: String,
    /// Its box, CSS px from the canvas's top-left.
    pub rect: Rect,
    /// A country's name (else a partner's, or a stack's first partner with `+n`).
    pub country: bool,
}

/// The names of `layout` (the map's at the last settled view), for the snapshot.
pub fn labels(layout: &Layout) -> Vec<LabelView> {
    layout
        .labels
        .iter()
        .map(|l| LabelView {
            text: l.label.text.clone(),
            rect: l.label.rect,
            country: l.country,
        })
        .collect()
}
