//! The scenes of a frame: the base layer (background and land) and the overlay (arcs, dots
//! and the focus ring), in CSS pixels for the current view.

use super::MapState;
use crate::dataset::Partnership;
use crate::geometry::WorldXY;
use crate::hit::Target;
use crate::scene::{ArcBundle, DotItem, LandItem, Scene};
use crate::style::{ColourBy, Rgba};
use crate::surface::{Stroke, Surface};

impl MapState {
    /// The base layer (background and land) for the current view.
    pub fn base_scene(&self) -> Scene {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let land = self
            .land
            .iter()
            .map(|shape| LandItem {
                rings: shape
                    .rings
                    .iter()
                    .map(|line| line.iter().map(|w| tf.apply(*w)).collect())
                    .collect(),
                fill: if shape.is_china { t.china } else { t.land },
            })
            .collect();
        Scene {
            background: Some(t.ocean),
            land,
            border: Some(Stroke {
                colour: t.border,
                width_px: 0.6,
            }),
            ..Scene::default()
        }
    }

    /// Arcs, dots, stacks, labels, the inset and focus rings for the current state (no
    /// background or land), with the stacks, labels and inset of the last settled view.
    pub fn overlay_scene(&self) -> Scene {
        let dimming = self.any_emphasis();
        let layout = self.layout();
        let (country_labels, labels) = self.label_items(&layout, dimming);
        let inset = self.inset_item(&layout);
        let rings = self.focus_rings(inset.is_some().then_some(&layout));
        Scene {
            country_labels,
            arcs: self.arc_bundles(dimming),
            partners: self.partner_items(dimming, &layout),
            stacks: self.stack_items(dimming, &layout),
            origins: self.origin_items(),
            labels,
            inset,
            rings,
            ..Scene::default()
        }
    }

    /// How much quieter arcs at rest are drawn because there are many: 1 for up to 80 visible
    /// arcs, down to 0.45 for about 400 and more (alpha and width scale with it).
    pub fn density(&self) -> f64 {
        (80.0 / self.visible.len().max(1) as f64)
            .sqrt()
            .clamp(0.45, 1.0)
    }

    /// The alpha and width of an arc at rest (neither dimmed nor emphasised) at this density.
    pub fn rest_arc(&self) -> (u8, f64) {
        let f = self.density();
        let t = &self.theme;
        (
            (f64::from(t.arc_alpha) * f).round() as u8,
            t.arc_width_px * (0.5 + 0.5 * f),
        )
    }

    /// Whether arcs at rest take the one calm hue: colouring by Shandong side with more than
    /// four sides shown (17 hues on arcs read as a hairball; the sides' colours stay on the dots
    /// and on an arc that stands out).
    pub fn calm_arcs(&self) -> bool {
        self.colour_by == ColourBy::City && self.visible_origins.len() > 4
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
        let (alpha, width_px) = self.rest_arc();
        let calm = if self.calm_arcs() { t.calm_arc } else { colour };
        match lv {
            0 => Stroke {
                colour: calm.with_alpha(t.dim_alpha),
                width_px,
            },
            1 => Stroke {
                colour: calm.with_alpha(alpha),
                width_px,
            },
            _ => Stroke {
                colour,
                width_px: t.highlight_width_px,
            },
        }
    }

    /// The visible arcs, one bundle per emphasis level and colour group, dimmed ones first.
    fn arc_bundles(&self, dimming: bool) -> Vec<ArcBundle> {
        let tf = self.viewport.transform();
        let to_screen = |line: &Vec<WorldXY>| line.iter().map(|w| tf.apply(*w)).collect::<Vec<_>>();
        let mut bundles: Vec<(u8, ArcBundle)> = Vec::new();
        for &i in &self.visible {
            let (Some(p), Some(arc)) = (self.dataset.partnerships.get(i), self.arcs.get(i)) else {
                continue;
            };
            if arc.is_empty() {
                continue;
            }
            let group = self.colour_group(p);
            let lv = self.level(i, p, dimming);
            let k = match bundles
                .iter()
                .position(|(l, b)| *l == lv && b.group == group)
            {
                Some(k) => k,
                None => {
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
                bundle.lines.extend(arc.iter().map(to_screen));
            }
        }
        bundles.sort_by_key(|(l, b)| (*l, b.group));
        // What stands out gets a casing in the ocean's colour, so it reads above the rest.
        let casing = Stroke {
            colour: self.theme.ocean.with_alpha(170),
            width_px: self.theme.highlight_width_px + 2.5,
        };
        let mut out = Vec::with_capacity(bundles.len() + 1);
        let mut cased = false;
        for (lv, b) in bundles {
            if lv == 2 && !cased {
                cased = true;
                let lines = self.emphasised_lines();
                out.push(ArcBundle {
                    group: b.group,
                    lines,
                    stroke: casing,
                });
            }
            out.push(b);
        }
        out
    }

    /// Every emphasised arc's lines, in CSS px.
    fn emphasised_lines(&self) -> Vec<Vec<crate::viewport::ScreenPt>> {
        let tf = self.viewport.transform();
        self.visible
            .iter()
            .filter(|&&i| {
                self.dataset
                    .partnerships
                    .get(i)
                    .is_some_and(|p| self.emphasised(i, p))
            })
            .filter_map(|&i| self.arcs.get(i))
            .flatten()
            .map(|line| line.iter().map(|w| tf.apply(*w)).collect())
            .collect()
    }

    /// The visible partner dots not drawn as part of a stack (an emphasised one always is
    /// drawn), dimmed ones first and emphasised ones last.
    fn partner_items(&self, dimming: bool, layout: &super::Layout) -> Vec<DotItem> {
        let t = &self.theme;
        let mut partners: Vec<(u8, DotItem)> = self
            .partner_dots()
            .filter_map(|(i, centre)| {
                let p = self.dataset.partnerships.get(i)?;
                let lv = self.level(i, p, dimming);
                let stacked = layout.stack_of(i).is_some_and(|s| s.members.len() > 1);
                if stacked && lv < 2 {
                    return None;
                }
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

    /// The fill of Shandong key `k`'s origin dot.
    pub(super) fn origin_colour(&self, k: usize) -> Rgba {
        match self.colour_by {
            ColourBy::City => self.theme.city_colour(k),
            _ => self.theme.city_colour(0),
        }
    }

    /// The origin dots in use.
    fn origin_items(&self) -> Vec<DotItem> {
        let t = &self.theme;
        let city_colour = |k: usize| self.origin_colour(k);
        self.origin_dots()
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

    /// The ring around the keyboard focus, if any (round an origin's inset dot while the
    /// inset is shown).
    fn focus_rings(&self, inset: Option<&super::Layout>) -> Vec<DotItem> {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let in_inset = |k: usize| {
            inset
                .and_then(|l| l.inset.as_ref())
                .and_then(|i| i.cities.iter().find(|c| c.city == k))
                .map(|c| (c.dot, 11.0))
        };
        let focus_at = match self.emphasis.focus {
            Some(Target::Origin(k)) => in_inset(k).or_else(|| {
                self.origin_xy
                    .get(k)
                    .copied()
                    .flatten()
                    .map(|w| (tf.apply(w), t.origin_radius_px + 4.0))
            }),
            Some(Target::Arc(i) | Target::Partner(i)) => self
                .partner_xy
                .get(i)
                .copied()
                .flatten()
                .map(|w| (tf.apply(w), t.partner_radius_px + 5.0)),
            None => None,
        };
        focus_at
            .map(|(centre, r)| DotItem {
                centre,
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
            ..self.overlay_scene()
        }
    }

    /// Draws the whole frame on `surface`.
    pub fn render(&self, surface: &mut dyn Surface) {
        self.scene().render(surface);
    }
}
