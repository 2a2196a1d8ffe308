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
    filter: Filter,
    visible: Vec<usize>,
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
            filter: Filter::default(),
            visible: Vec::new(),
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
        self.dataset = dataset;
        self.visible = self.filter.apply(&self.dataset);
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.visible = self.filter.apply(&self.dataset);
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
        let v = &self.viewport;
        let t = &self.theme;
        let to_screen =
            |line: &Vec<WorldXY>| line.iter().map(|w| v.to_screen(*w)).collect::<Vec<_>>();
        let land = self
            .land
            .iter()
            .map(|shape| LandItem {
                rings: shape.rings.iter().map(to_screen).collect(),
                fill: if shape.is_china { t.china } else { t.land },
            })
            .collect();

        let cities = self.dataset.cities();
        let mut bundles: Vec<ArcBundle> = Vec::new();
        let mut partners = Vec::with_capacity(self.visible.len());
        let mut origin_used = vec![false; cities.len()];
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
            if let Some(centre) = p.location.and_then(|l| self.project(l)) {
                partners.push(DotItem {
                    centre,
                    radius_px: t.partner_radius_px,
                    fill: colour,
                    outline: None,
                });
            }
            if let Some(used) = origin_used.get_mut(p.city) {
                *used = true;
            }
        }
        bundles.sort_by_key(|b| b.city);
        let origins = cities
            .iter()
            .enumerate()
            .filter(|(k, _)| origin_used[*k])
            .filter_map(|(k, c)| {
                Some(DotItem {
                    centre: self.project(c.location)?,
                    radius_px: t.origin_radius_px,
                    fill: t.city_colour(k),
                    outline: Some(Stroke {
                        colour: t.origin_stroke,
                        width_px: 1.5,
                    }),
                })
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
        let v = &self.viewport;
        let lines: Vec<(Target, Vec<ScreenPt>)> = self
            .visible
            .iter()
            .filter_map(|&i| self.arcs.get(i).map(|arc| (i, arc)))
            .flat_map(|(i, arc)| {
                arc.iter().map(move |piece| {
                    (
                        Target::Arc(i),
                        piece.iter().map(|w| v.to_screen(*w)).collect(),
                    )
                })
            })
            .collect();
        let mut dots = Vec::new();
        let mut origins = vec![false; self.dataset.cities().len()];
        for &i in &self.visible {
            if let Some(p) = self.dataset.partnerships.get(i) {
                if let Some(s) = p.location.and_then(|l| self.project(l)) {
                    dots.push((Target::Partner(i), s));
                }
                if let Some(o) = origins.get_mut(p.city) {
                    *o = true;
                }
            }
        }
        for (k, c) in self
            .dataset
            .cities()
            .iter()
            .enumerate()
            .filter(|(k, _)| origins[*k])
        {
            if let Some(s) = self.project(c.location) {
                dots.push((Target::Origin(k), s));
            }
        }
        HitIndex::new(lines.iter().map(|(t, l)| (*t, l.as_slice())), dots)
    }

    pub fn render(&self, surface: &mut dyn Surface) {
        self.scene().render(surface);
    }
}
