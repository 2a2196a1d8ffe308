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
//! | `flow` | the flow animation's comet dots along the visible arcs |
//! | `picking` | hit-testing through the grid over every pair's geometry |
//! | `view` | the view as a geographic centre and zoom |
//! | `stacks` | partner dots that overlap at the current zoom, as one marker ([`Stack`]) |
//! | `inset` | the magnified, labelled Shandong inset ([`InsetCity`]) |
//! | `layout` | stacks, labels and inset per settled view ([`Layout`]) |
//! | `overlay` | the frame's stacks, labels and inset, drawn from the layout |

mod arc_store;
mod cache;
mod colour;
mod emphasis;
mod flow;
mod focus;
mod inset;
mod layout;
mod overlay;
mod picking;
mod scenes;
mod stacks;
mod view;
mod visible;

pub use arc_store::{ArcPacker, ArcStore, MapArcs};
pub use cache::{DataBuild, HIT_PART_PIECES, MARK_MAX_DEG};
pub use colour::LegendItem;
pub use emphasis::{Emphasis, Pick};
pub use flow::{phase, FlowPath, FLOW_MAX_COMETS, FLOW_PERIOD_MS};
pub use focus::Step;
pub use inset::{toggle_rect, InsetCity, TARGET_PX};
pub use layout::{InsetLayout, Layout, MapLabel};
pub use scenes::LayerBuild;
pub use stacks::Stack;
pub use view::{FIT_PADDING_PX, FIT_ZOOM_MAX};

use crate::dataset::{Coverage, Dataset};
use crate::filter::Filter;
use crate::geometry::{Projection, WorldXY};
use crate::hit::HitIndex;
use crate::search::{SearchBuild, SearchIndex};
use crate::style::{ColourBy, Theme};
use crate::viewport::Viewport;

/// Longest straight piece of a drawn great circle.
pub const ARC_MAX_SEGMENT_M: f64 = 100_000.0;

/// Data of more pairs than this is first shown with its arcs densified to
/// [`ARC_COARSE_SEGMENT_M`] (a quarter of the points: less work before the first frame, for the
/// arcs, their first layer and the memory they take), then refined to [`ARC_MAX_SEGMENT_M`] in
/// idle time after it ([`MapState::prepare_when_idle`], before the hit index), and at once when a
/// view needs more ([`COARSE_MAX_SCALE`]).
pub const COARSE_FIRST_PAIRS: usize = 2_000;

/// The longest straight piece of an arc shown before it is refined.
pub const ARC_COARSE_SEGMENT_M: f64 = 400_000.0;

/// The most CSS px per world unit at which arcs of [`ARC_COARSE_SEGMENT_M`] pieces may be
/// drawn: a 400 km chord strays from its great circle by at most 3.1 km (s² / 8R), 4.9e-4 world
/// units; doubled for the projection's stretch at high latitudes, that is 0.5 px at this scale
/// (a 1280 px wide map shows the whole world at ~204 px per unit, so up to ~2.5× zoom).
pub const COARSE_MAX_SCALE: f64 = 500.0;

/// One basemap feature in world units.
#[derive(Debug, Clone, PartialEq)]
struct ProjectedShape {
    is_china: bool,
    /// China's small parts (islands, the South China Sea line), drawn with the mark stroke.
    is_mark: bool,
    /// The country's ISO 3166-1 alpha-2 code.
    iso2: String,
    /// Where its name goes: the centre of its largest ring.
    anchor: Option<WorldXY>,
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
    /// The search keys of the dataset's pairs, by index: made in idle time after the data is
    /// on the map ([`MapState::prepare_when_idle`]), or when first needed.
    search: std::sync::OnceLock<SearchIndex>,
    /// The origins by their pairs in the data (see [`MapState::origins_by_pairs`]).
    origin_order: std::sync::OnceLock<Vec<usize>>,
    /// The search index while it is made in steps.
    search_build: Option<SearchBuild>,
    /// Per partnership: the number of its partner place (see [`crate::dataset::PlaceNumbers`]).
    places: Vec<u32>,
    /// Per partnership: its great circle in world units, cut at the seam.
    arcs: Vec<Vec<Vec<WorldXY>>>,
    /// Per point of [`MapState::arcs`]: from how far away (world units) its line needs it
    /// ([`youcheng_kernels::lod::importance`]); a view keeps the points above its tolerance.
    arc_lod: Vec<Vec<Vec<f32>>>,
    /// Per partnership: the extent of its arc in world units.
    arc_bounds: Vec<cache::Bounds>,
    /// Each arc's longest step between two of its points, in world units along either axis: a
    /// hover before the hit index is made passes over the parts of an arc out of its reach.
    arc_step: Vec<f32>,
    /// A new number each time the arcs are replaced (see [`MapState::arcs_version`]).
    arcs_version: u64,
    /// Each arc flattened with the length walked to each point, for the flow animation: made
    /// when the flow first runs, not with the data (the flow is off by default, and at a world
    /// network these copies of every arc's points were ~20 MB).
    flow_paths: std::sync::OnceLock<Vec<FlowPath>>,
    /// Each pair's arc on the screen at the last view the arcs layer was built for.
    screen_arcs: scenes::ScreenArcsCell,
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
    /// Bumped when the arcs' colours change (colour mode, theme); with [`MapState::generation`]
    /// it makes [`MapState::content_version`].
    styles: u64,
    /// Per partnership: whether the filter shows it (what a hit may find).
    visible_mask: Vec<bool>,
    /// Per origin: whether it has a visible pair.
    origin_mask: Vec<bool>,
    /// Hit-test index over every pair's geometry in world units: built once per data change,
    /// valid for every view and every filter (a query skips what the filter hides).
    hit: Option<HitIndex>,
    /// The hit index while it is made in idle time, a part at a time (see
    /// [`MapState::prepare_when_idle`]), with the pairs in it so far.
    hit_part: Option<(HitIndex, usize)>,
    /// While the arcs are coarse ([`COARSE_FIRST_PAIRS`]): the first pair not refined yet.
    refine_next: Option<usize>,
    /// Whether large data starts with coarse arcs (see [`MapState::set_coarse_first`]).
    coarse_first: bool,
    /// Labels and the inset in Chinese (else English).
    lang_zh: bool,
    /// Bumped whenever what a layout depends on changes (data, filter, basemap, language).
    generation: u64,
    /// Stacks, labels and inset of the last settled view.
    layout: Option<Layout>,
    /// The visitor hid the Shandong inset ([`MapState::set_inset_shown`]).
    inset_off: bool,
    /// A layout moved what the map lays out over itself ([`MapState::take_overlay_changed`]).
    overlay_changed: bool,
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
            search: std::sync::OnceLock::new(),
            origin_order: std::sync::OnceLock::new(),
            search_build: None,
            places: Vec::new(),
            arcs: Vec::new(),
            arc_lod: Vec::new(),
            arc_bounds: Vec::new(),
            arc_step: Vec::new(),
            arcs_version: 0,
            flow_paths: std::sync::OnceLock::new(),
            screen_arcs: Default::default(),
            partner_xy: Vec::new(),
            origin_xy: Vec::new(),
            filter: Filter::default(),
            visible: Vec::new(),
            visible_origins: Vec::new(),
            colour_by: ColourBy::default(),
            emphasis: Emphasis::default(),
            decades: 1,
            styles: 0,
            visible_mask: Vec::new(),
            origin_mask: Vec::new(),
            hit: None,
            hit_part: None,
            refine_next: None,
            coarse_first: true,
            lang_zh: true,
            generation: 0,
            layout: None,
            inset_off: false,
            overlay_changed: false,
        }
    }

    /// Attaches the official totals to the data on screen (the shipped data only); replacing the
    /// data drops them again.
    pub fn set_coverage(&mut self, coverage: Option<Coverage>) {
        self.dataset.coverage = coverage;
    }

    /// Sets the notes of a notes file on the pairs with `apply` ([`crate::dataset::apply_notes`],
    /// or [`crate::dataset::apply_notes_binary`] where no CSV is read): how many pairs got one,
    /// or every problem (then nothing changed).
    pub fn set_notes(
        &mut self,
        apply: impl FnOnce(&mut Dataset) -> Result<usize, Vec<crate::dataset::Issue>>,
    ) -> Result<usize, Vec<crate::dataset::Issue>> {
        apply(&mut self.dataset)
    }

    /// Labels the map in Chinese (`true`) or English.
    pub fn set_lang(&mut self, zh: bool) -> bool {
        let changed = self.lang_zh != zh;
        self.lang_zh = zh;
        if changed {
            self.generation += 1;
        }
        changed
    }

    /// Shows or hides the Shandong inset, the visitor's choice (on a small canvas it covers
    /// partners; hidden, the names may take its place) → whether that changed. Hidden, a
    /// layout still says where it would be ([`Layout::hidden_inset`]).
    pub fn set_inset_shown(&mut self, shown: bool) -> bool {
        let changed = self.inset_off == shown;
        self.inset_off = !shown;
        if changed {
            self.generation += 1;
        }
        changed
    }

    /// The data shown.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The origins in order of their pairs in the data, most first (ties in file order): the
    /// ones the controls list by name when there are thousands. Made once per data (sorting a
    /// world network's 8,000 origins took ~0.5 ms of each snapshot in the page, twice).
    pub fn origins_by_pairs(&self) -> &[usize] {
        self.origin_order.get_or_init(|| {
            let mut totals = vec![0usize; self.dataset.cities().len()];
            for p in &self.dataset.partnerships {
                if let Some(t) = totals.get_mut(p.city) {
                    *t += 1;
                }
            }
            crate::sort::most_first(&totals)
        })
    }

    /// Each pair's partner place number (see [`crate::dataset::PlaceNumbers`]), in data order.
    pub fn place_numbers(&self) -> &[u32] {
        &self.places
    }

    /// Changes whenever what the arcs layer shows changes: what a layout depends on (data,
    /// filter, basemap, language: the layer holds the names) or the colours. Both counters only
    /// grow, so their sum changes with either.
    pub fn content_version(&self) -> u64 {
        self.generation.wrapping_add(self.styles)
    }

    /// Call after changing [`MapState::theme`]: the cached arcs layer is drawn again.
    pub fn restyled(&mut self) {
        self.styles = self.styles.wrapping_add(1);
    }
}
