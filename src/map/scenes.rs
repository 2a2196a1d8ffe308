//! The scenes of a frame: the base layer (background and land) and the overlay (arcs, dots
//! and the focus ring), in CSS pixels for the current view.

use super::MapState;
use crate::dataset::Partnership;
use crate::geometry::WorldXY;
use crate::hit::Target;
use crate::scene::{ArcBundle, DotItem, LandItem, Scene};
use crate::style::{ColourBy, Rgba};
use crate::surface::{Stroke, Surface};

/// Points of a line closer than this (CSS px) to the last point kept are not drawn.
pub const LOD_TOLERANCE_PX: f64 = 0.75;

/// A line in CSS pixels with [`LOD_TOLERANCE_PX`] applied; `None` when it lies wholly off the
/// `w` × `h` canvas (with a margin for the stroke).
fn screen_line(
    tf: &crate::viewport::ScreenTransform,
    line: &[WorldXY],
    w: f64,
    h: f64,
) -> Option<Vec<crate::surface::ScreenPt>> {
    let mut out = Vec::with_capacity(line.len().min(64));
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let tol2 = LOD_TOLERANCE_PX * LOD_TOLERANCE_PX;
    let last = line.len().saturating_sub(1);
    for (k, p) in line.iter().enumerate() {
        let s = tf.apply(*p);
        (x0, y0, x1, y1) = (x0.min(s.x), y0.min(s.y), x1.max(s.x), y1.max(s.y));
        let far = out.last().is_none_or(|q: &crate::surface::ScreenPt| {
            (s.x - q.x).powi(2) + (s.y - q.y).powi(2) >= tol2
        });
        if far || k == last {
            out.push(s);
        }
    }
    let m = 4.0;
    let off = x1 < -m || y1 < -m || x0 > w + m || y0 > h + m;
    (!off && out.len() >= 2).then_some(out)
}

impl MapState {
    /// The base layer (background and land) for the current view.
    pub fn base_scene(&self) -> Scene {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let item = |shape: &super::ProjectedShape| LandItem {
            rings: shape
                .rings
                .iter()
                .map(|line| line.iter().map(|w| tf.apply(*w)).collect())
                .collect(),
            fill: if shape.is_china { t.china } else { t.land },
        };
        let (marks, land): (Vec<_>, Vec<_>) = self.land.iter().partition(|s| s.is_mark);
        Scene {
            background: Some(t.ocean),
            land: land.into_iter().map(item).collect(),
            border: Some(Stroke {
                colour: t.border,
                width_px: 0.6,
            }),
            marks: marks.into_iter().map(item).collect(),
            mark_stroke: Some(Stroke {
                colour: t.marks,
                width_px: t.marks_width_px,
            }),
            ..Scene::default()
        }
    }

    /// Arcs, dots and focus rings for the current state (no background or land).
    pub fn overlay_scene(&self) -> Scene {
        let dimming = self.any_emphasis();
        Scene {
            arcs: self.arc_bundles(dimming),
            partners: self.partner_items(dimming),
            origins: self.origin_items(),
            rings: self.focus_rings(),
            ..Scene::default()
        }
    }

    /// The arcs layer, cached between frames: every visible arc and partner dot at the normal
    /// level, as if nothing were emphasised (what changes with hover and selection is drawn over
    /// it by [`MapState::emphasis_scene`]).
    pub fn layer_scene(&self) -> Scene {
        Scene {
            arcs: self.arc_bundles_where(false, |_| true),
            partners: self.partner_items_where(false, |_| true),
            origins: self.origin_items_where(|_| true),
            ..Scene::default()
        }
    }

    /// What is drawn over the arcs layer each frame: the emphasised arcs and dots, the origins
    /// and the focus ring. With this, the layer is drawn at [`MapState::layer_alpha`].
    pub fn emphasis_scene(&self) -> Scene {
        let dimming = self.any_emphasis();
        let emphasised = |i: usize| {
            dimming
                && self
                    .dataset
                    .partnerships
                    .get(i)
                    .is_some_and(|p| self.emphasised(i, p))
        };
        // The origins of what is emphasised stay bright; the rest are in the dimmed layer.
        let mut bright = vec![
            false;
            if dimming {
                self.dataset.cities().len()
            } else {
                0
            }
        ];
        for &i in self.visible.iter().filter(|&&i| emphasised(i)) {
            if let Some(b) = self
                .dataset
                .partnerships
                .get(i)
                .and_then(|p| bright.get_mut(p.city))
            {
                *b = true;
            }
        }
        Scene {
            arcs: self.arc_bundles_where(dimming, emphasised),
            partners: self.partner_items_where(dimming, emphasised),
            origins: self.origin_items_where(|k| bright.get(k).copied().unwrap_or(false)),
            rings: self.focus_rings(),
            ..Scene::default()
        }
    }

    /// How opaque the cached arcs layer is drawn: 1, or when something is emphasised the ratio
    /// that turns the normal arc colour into the dimmed one.
    pub fn layer_alpha(&self) -> f64 {
        if self.any_emphasis() {
            f64::from(self.theme.dim_alpha) / f64::from(self.theme.arc_alpha.max(1))
        } else {
            1.0
        }
    }

    /// Emphasis level of pair `i`: 0 dimmed, 1 normal, 2 emphasised; drawn in that order.
    fn level(&self, i: usize, p: &Partnership, dimming: bool) -> u8 {
        if self.emphasised(i, p) {
            2
        } else if dimming {
            0
        } else {
            1
        }
    }

    /// The stroke of an arc of `colour` at emphasis level `lv`.
    fn arc_stroke(&self, lv: u8, colour: Rgba) -> Stroke {
        let t = &self.theme;
        match lv {
            0 => Stroke {
                colour: colour.with_alpha(t.dim_alpha),
                width_px: t.arc_width_px,
            },
            1 => Stroke {
                colour: colour.with_alpha(t.arc_alpha),
                width_px: t.arc_width_px,
            },
            _ => Stroke {
                colour,
                width_px: t.highlight_width_px,
            },
        }
    }

    /// The visible arcs, one bundle per emphasis level and colour group, dimmed ones first.
    /// Level of detail: a line's points closer than [`LOD_TOLERANCE_PX`] to the last one kept
    /// are dropped (the end is always kept), and lines wholly off the canvas are left out, so a
    /// frame's work follows what can be seen, not the number of points in the data.
    fn arc_bundles(&self, dimming: bool) -> Vec<ArcBundle> {
        self.arc_bundles_where(dimming, |_| true)
    }

    /// As [`MapState::arc_bundles`], for the visible pairs `take` accepts.
    fn arc_bundles_where(&self, dimming: bool, take: impl Fn(usize) -> bool) -> Vec<ArcBundle> {
        let tf = self.viewport.transform();
        let (w, h) = (self.viewport.width_css_px, self.viewport.height_css_px);
        let to_screen = |line: &Vec<WorldXY>| screen_line(&tf, line, w, h);
        let mut bundles: Vec<(u8, ArcBundle)> = Vec::new();
        let mut slot: std::collections::HashMap<(u8, usize), usize> = Default::default();
        for &i in self.visible.iter().filter(|&&i| take(i)) {
            let (Some(p), Some(arc)) = (self.dataset.partnerships.get(i), self.arcs.get(i)) else {
                continue;
            };
            if arc.is_empty() {
                continue;
            }
            let group = self.colour_group(p);
            let lv = self.level(i, p, dimming);
            let k = match slot.get(&(lv, group)) {
                Some(&k) => k,
                None => {
                    slot.insert((lv, group), bundles.len());
                    let stroke = self.arc_stroke(lv, self.group_colour(group));
                    let lines = Vec::new();
                    bundles.push((
                        lv,
                        ArcBundle {
                            group,
                            lines,
                            stroke,
                        },
                    ));
                    bundles.len() - 1
                }
            };
            if let Some((_, bundle)) = bundles.get_mut(k) {
                bundle.lines.extend(arc.iter().filter_map(to_screen));
            }
        }
        bundles.sort_by_key(|(l, b)| (*l, b.group));
        bundles.into_iter().map(|(_, b)| b).collect()
    }

    /// The visible partner dots, dimmed ones first and emphasised ones last.
    fn partner_items(&self, dimming: bool) -> Vec<DotItem> {
        self.partner_items_where(dimming, |_| true)
    }

    /// As [`MapState::partner_items`], for the visible pairs `take` accepts.
    fn partner_items_where(&self, dimming: bool, take: impl Fn(usize) -> bool) -> Vec<DotItem> {
        let t = &self.theme;
        let mut partners: Vec<(u8, DotItem)> = self
            .partner_dots()
            .filter(|(i, _)| take(*i))
            .filter_map(|(i, centre)| {
                let p = self.dataset.partnerships.get(i)?;
                let lv = self.level(i, p, dimming);
                let fill = self.group_colour(self.colour_group(p));
                Some((
                    lv,
                    DotItem {
                        centre,
                        radius_px: if lv == 2 {
                            t.partner_radius_px + 1.0
                        } else {
                            t.partner_radius_px
                        },
                        fill: if lv == 0 {
                            fill.with_alpha(t.dim_alpha * 2)
                        } else {
                            fill
                        },
                        outline: (lv == 2).then_some(Stroke {
                            colour: t.origin_stroke,
                            width_px: 1.0,
                        }),
                    },
                ))
            })
            .collect();
        partners.sort_by_key(|(l, _)| *l);
        partners.into_iter().map(|(_, d)| d).collect()
    }

    /// The origin dots in use.
    fn origin_items(&self) -> Vec<DotItem> {
        self.origin_items_where(|_| true)
    }

    /// The origin dots in use that `take` accepts.
    fn origin_items_where(&self, take: impl Fn(usize) -> bool) -> Vec<DotItem> {
        let t = &self.theme;
        let city_colour = |k: usize| match self.colour_by {
            ColourBy::City => t.city_colour(k),
            _ => t.city_colour(0),
        };
        self.origin_dots()
            .filter(|(k, _)| take(*k))
            .map(|(k, centre)| DotItem {
                centre,
                radius_px: t.origin_radius_px,
                fill: city_colour(k),
                outline: Some(Stroke {
                    colour: t.origin_stroke,
                    width_px: 1.5,
                }),
            })
            .collect()
    }

    /// The ring around the keyboard focus, if any.
    fn focus_rings(&self) -> Vec<DotItem> {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let focus_at = match self.emphasis.focus {
            Some(Target::Origin(k)) => self
                .origin_xy
                .get(k)
                .copied()
                .flatten()
                .map(|w| (w, t.origin_radius_px + 4.0)),
            Some(Target::Arc(i) | Target::Partner(i)) => self
                .partner_xy
                .get(i)
                .copied()
                .flatten()
                .map(|w| (w, t.partner_radius_px + 5.0)),
            None => None,
        };
        focus_at
            .map(|(w, r)| DotItem {
                centre: tf.apply(w),
                radius_px: r,
                fill: t.focus_ring.with_alpha(0),
                outline: Some(Stroke {
                    colour: t.focus_ring,
                    width_px: 2.5,
                }),
            })
            .into_iter()
            .collect()
    }

    /// The whole frame for the current state.
    pub fn scene(&self) -> Scene {
        let base = self.base_scene();
        Scene {
            background: base.background,
            land: base.land,
            border: base.border,
            marks: base.marks,
            mark_stroke: base.mark_stroke,
            ..self.overlay_scene()
        }
    }

    /// Draws the whole frame on `surface`.
    pub fn render(&self, surface: &mut dyn Surface) {
        self.scene().render(surface);
    }
}
