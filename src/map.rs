//! The map's state: data, basemap, filter and view, with the projected geometry cached so a
//! frame only transforms world coordinates to pixels. Geometry is re-projected only when the
//! data or the basemap changes; the visible set only when the filter changes.

use crate::basemap::Basemap;
use crate::dataset::Dataset;
use crate::filter::Filter;
use crate::geometry::{clip_ring, great_circle, split_line, LonLat, Projection, WorldXY};
use crate::hit::{HitIndex, Target};
use crate::scene::{ArcBundle, DotItem, LandItem, Scene};
use crate::style::Theme;
use crate::surface::{ScreenPt, Stroke, Surface};
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
    pub projection: Projection,
    pub viewport: Viewport,
    pub theme: Theme,
    land: Vec<ProjectedShape>,
    dataset: Dataset,
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
}

impl MapState {
    pub fn new(width_css_px: f64, height_css_px: f64) -> Self {
        let projection = Projection::default();
        Self {
            viewport: Viewport::new(width_css_px, height_css_px, &projection),
            projection,
            theme: Theme::default(),
            land: Vec::new(),
            dataset: Dataset::default(),
            arcs: Vec::new(),
            partner_xy: Vec::new(),
            origin_xy: Vec::new(),
            filter: Filter::default(),
            visible: Vec::new(),
            visible_origins: Vec::new(),
        }
    }

    pub fn set_basemap(&mut self, basemap: &Basemap) {
        let projection = self.projection;
        self.land = basemap
            .features
            .iter()
            .map(|f| {
                let mut rings = Vec::new();
                for polygon in &f.shape.0 {
                    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                        let rotated: Vec<LonLat> = ring
                            .0
                            .iter()
                            .map(|c| projection.rotate(LonLat::new(c.x, c.y)))
                            .collect();
                        for piece in clip_ring(&rotated) {
                            rings.push(
                                piece
                                    .iter()
                                    .filter_map(|p| projection.forward_rotated(*p))
                                    .collect(),
                            );
                        }
                    }
                }
                ProjectedShape {
                    is_china: f.iso2 == "CN",
                    rings,
                }
            })
            .collect();
    }

    pub fn set_dataset(&mut self, dataset: Dataset) {
        let projection = self.projection;
        self.arcs = dataset
            .partnerships
            .iter()
            .map(|p| {
                let from = dataset.city_of(p).location;
                let Some(to) = p.location else {
                    return Vec::new();
                };
                let line: Vec<LonLat> = great_circle(from, to, ARC_MAX_SEGMENT_M)
                    .into_iter()
                    .map(|q| projection.rotate(q))
                    .collect();
                split_line(&line)
                    .into_iter()
                    .map(|piece| {
                        piece
                            .into_iter()
                            .filter_map(|q| projection.forward_rotated(q))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        self.partner_xy = dataset
            .partnerships
            .iter()
            .map(|p| p.location.and_then(|l| projection.project(l)))
            .collect();
        self.origin_xy = dataset
            .cities()
            .iter()
            .map(|c| projection.project(c.location))
            .collect();
        self.dataset = dataset;
        self.refresh_visible();
    }

    /// Recomputes what the filter shows: once per filter or data change, not per frame.
    fn refresh_visible(&mut self) {
        self.visible = self.filter.apply(&self.dataset);
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
        self.visible_origins = (0..used.len()).filter(|&k| used[k]).collect();
    }

    /// Screen positions of the visible partner dots, with their partnership index.
    fn partner_dots(&self) -> impl Iterator<Item = (usize, ScreenPt)> + '_ {
        let tf = self.viewport.transform();
        self.visible
            .iter()
            .filter_map(move |&i| Some((i, tf.apply((*self.partner_xy.get(i)?)?))))
    }

    /// Screen positions of the origin dots in use, with their Shandong key index.
    fn origin_dots(&self) -> impl Iterator<Item = (usize, ScreenPt)> + '_ {
        let tf = self.viewport.transform();
        self.visible_origins
            .iter()
            .filter_map(move |&k| Some((k, tf.apply((*self.origin_xy.get(k)?)?))))
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refresh_visible();
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Indices of the visible partnerships.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64) {
        self.viewport.resize(width_css_px, height_css_px);
    }

    /// Screen position of a geographic point in the current view.
    pub fn project(&self, p: LonLat) -> Option<ScreenPt> {
        self.projection
            .project(p)
            .map(|w| self.viewport.to_screen(w))
    }

    /// The frame for the current state.
    pub fn scene(&self) -> Scene {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let to_screen = |line: &Vec<WorldXY>| line.iter().map(|w| tf.apply(*w)).collect::<Vec<_>>();
        let land = self
            .land
            .iter()
            .map(|shape| LandItem {
                rings: shape.rings.iter().map(to_screen).collect(),
                fill: if shape.is_china { t.china } else { t.land },
            })
            .collect();

        let mut bundles: Vec<ArcBundle> = Vec::new();
        for &i in &self.visible {
            let (Some(p), Some(arc)) = (self.dataset.partnerships.get(i), self.arcs.get(i)) else {
                continue;
            };
            let colour = t.city_colour(p.city);
            let bundle = match bundles.iter_mut().position(|b| b.city == p.city) {
                Some(k) => &mut bundles[k],
                None => {
                    bundles.push(ArcBundle {
                        city: p.city,
                        lines: Vec::new(),
                        stroke: Stroke {
                            colour: colour.with_alpha(t.arc_alpha),
                            width_px: t.arc_width_px,
                        },
                    });
                    let last = bundles.len() - 1;
                    &mut bundles[last]
                }
            };
            bundle.lines.extend(arc.iter().map(to_screen));
        }
        bundles.sort_by_key(|b| b.city);
        let partners = self
            .partner_dots()
            .filter_map(|(i, centre)| {
                let p = self.dataset.partnerships.get(i)?;
                Some(DotItem {
                    centre,
                    radius_px: t.partner_radius_px,
                    fill: t.city_colour(p.city),
                    outline: None,
                })
            })
            .collect();
        let origins = self
            .origin_dots()
            .map(|(k, centre)| DotItem {
                centre,
                radius_px: t.origin_radius_px,
                fill: t.city_colour(k),
                outline: Some(Stroke {
                    colour: t.origin_stroke,
                    width_px: 1.5,
                }),
            })
            .collect();
        Scene {
            background: Some(t.ocean),
            land,
            border: Some(Stroke {
                colour: t.border,
                width_px: 0.6,
            }),
            arcs: bundles,
            partners,
            origins,
        }
    }

    /// An index of what is under the pointer in the current view and filter. Build it once per
    /// view or filter change and query it per pointer move.
    pub fn hit_index(&self) -> HitIndex {
        let tf = self.viewport.transform();
        let lines: Vec<(Target, Vec<ScreenPt>)> = self
            .visible
            .iter()
            .filter_map(|&i| self.arcs.get(i).map(|arc| (i, arc)))
            .flat_map(|(i, arc)| {
                arc.iter().map(move |piece| {
                    (Target::Arc(i), piece.iter().map(|w| tf.apply(*w)).collect())
                })
            })
            .collect();
        let dots = self
            .partner_dots()
            .map(|(i, p)| (Target::Partner(i), p))
            .chain(self.origin_dots().map(|(k, p)| (Target::Origin(k), p)))
            .collect::<Vec<_>>();
        HitIndex::new(lines.iter().map(|(t, l)| (*t, l.as_slice())), dots)
    }

    pub fn render(&self, surface: &mut dyn Surface) {
        self.scene().render(surface);
    }
}
