//! The map's state: data, basemap, filter and view, with the projected geometry cached so a
//! frame only transforms world coordinates to pixels. Geometry is re-projected only when the
//! data or the basemap changes; the visible set only when the filter changes.
//!
//! [`MapState`] is defined here; each concern adds its methods in its own file:
//!
//! | module | holds |
//! |---|---|
//! | `cache` | the geometry cache: basemap and great circles projected to world units; [`DataBuild`], the same for new data in steps |
//! | `visible` | the filter and what it shows (visible pairs and origins) |
//! | `emphasis` | hover, selection and focus, and which pairs stand out ([`Pick`], [`Emphasis`]) |
//! | `colour` | colour modes and the legend ([`LegendItem`]) |
//! | `focus` | the keyboard focus walk ([`Step`]) |
//! | `scenes` | the base and overlay scenes of a frame |
//! | `picking` | hit-testing through the R*-tree over the visible geometry |
//! | `view` | the view as a geographic centre and zoom |

mod cache;
mod colour;
mod emphasis;
mod focus;
mod picking;
mod scenes;
mod view;
mod visible;

pub use cache::DataBuild;
pub use colour::LegendItem;
pub use emphasis::{Emphasis, Pick};
pub use focus::Step;

use crate::dataset::{Coverage, Dataset};
use crate::filter::Filter;
use crate::geometry::{Projection, WorldXY};
use crate::hit::HitIndex;
use crate::search::SearchIndex;
use crate::style::{ColourBy, Theme};
use crate::viewport::Viewport;

/// Longest straight piece of a drawn great circle.
pub const ARC_MAX_SEGMENT_M: f64 = 100_000.0;

/// One basemap feature in world units.
#[derive(Debug, Clone, PartialEq)]
struct ProjectedShape {
    is_china: bool,
    rings: Vec<Vec<WorldXY>>,
}

/// Everything the widget shows.
#[derive(Debug, Clone)]
pub struct MapState {
    /// The map projection (Miller, centred on the Pacific).
    pub projection: Projection,
    /// Which part of the projected world fills the canvas.
    pub viewport: Viewport,
    /// Colours and sizes.
    pub theme: Theme,
    land: Vec<ProjectedShape>,
    dataset: Dataset,
    /// The search keys of the dataset's pairs, by index (built with the dataset).
    search: SearchIndex,
    /// Per partnership: the number of its partner place (see [`crate::dataset::PlaceNumbers`]).
    places: Vec<u32>,
    /// Per partnership: its great circle in world units, cut at the seam.
    arcs: Vec<Vec<Vec<WorldXY>>>,
    /// Per partnership: its partner dot in world units (`None` when the place is unknown).
    partner_xy: Vec<Option<WorldXY>>,
    /// Per Shandong key: its origin dot in world units.
    origin_xy: Vec<Option<WorldXY>>,
    filter: Filter,
    visible: Vec<usize>,
    /// Shandong keys with at least one visible pair (their origin dots are drawn).
    visible_origins: Vec<usize>,
    /// Which dimension the arc colours show.
    colour_by: ColourBy,
    /// What is hovered, selected and focused.
    emphasis: Emphasis,
    /// Decades from [`FIRST_DECADE`](crate::style::FIRST_DECADE) to the latest in the data (the decade legend's entries
    /// before "unknown"); worked out once per data change, not per pair per frame.
    decades: usize,
    /// Hit-test index over the visible geometry in world units; built on the first query after
    /// a filter or data change, valid for every view.
    hit: Option<HitIndex>,
}

impl MapState {
    /// An empty map of the given CSS size.
    pub fn new(width_css_px: f64, height_css_px: f64) -> Self {
        let projection = Projection::default();
        Self {
            viewport: Viewport::new(width_css_px, height_css_px, &projection),
            projection,
            theme: Theme::default(),
            land: Vec::new(),
            dataset: Dataset::default(),
            search: SearchIndex::default(),
            places: Vec::new(),
            arcs: Vec::new(),
            partner_xy: Vec::new(),
            origin_xy: Vec::new(),
            filter: Filter::default(),
            visible: Vec::new(),
            visible_origins: Vec::new(),
            colour_by: ColourBy::default(),
            emphasis: Emphasis::default(),
            decades: 1,
            hit: None,
        }
    }

    /// Attaches the official totals to the data on screen (the shipped data only); replacing the
    /// data drops them again.
    pub fn set_coverage(&mut self, coverage: Option<Coverage>) {
        self.dataset.coverage = coverage;
    }

    /// The data shown.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Each pair's partner place number (see [`crate::dataset::PlaceNumbers`]), in data order.
    pub fn place_numbers(&self) -> &[u32] {
        &self.places
    }
}
