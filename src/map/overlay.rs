//! The parts of a frame that come from the layout: stack markers with their counts, map labels
//! (and the emphasised pair's names at both ends, always), and the Shandong inset.

use super::emphasis::Pick;
use super::layout::{stack_radius_px, Layout};
use super::MapState;
use crate::hit::Target;
use crate::labels::{self, LabelRequest, Placement};
use crate::lines::Polylines;
use crate::scene::{DotItem, InsetItem, LandItem, Rect, TextItem};
use crate::surface::{Stroke, TextStyle};
use crate::viewport::ScreenPt;

impl MapState {
    /// One marker with a count per stack of two or more pairs.
    pub(super) fn stack_items(&self, dimming: bool, layout: &Layout) -> Vec<DotItem> {
        layout
            .stacks
            .iter()
            .filter(|s| s.members.len() > 1)
            .map(|s| self.stack_item(s, !dimming || self.stack_lit(s)))
            .collect()
    }

    /// Whether one of stack `s`'s pairs is emphasised (it then stays bright).
    pub(super) fn stack_lit(&self, s: &super::Stack) -> bool {
        s.members.iter().any(|&i| self.emphasised_index(i))
    }

    /// Stack `s`'s marker, bright or dimmed.
    pub(super) fn stack_item(&self, s: &super::Stack, lit: bool) -> DotItem {
        let t = &self.theme;
        let dim = |c: crate::style::Rgba| {
            if lit {
                c
            } else {
                c.with_alpha(t.dim_alpha * 2)
            }
        };
        DotItem {
            centre: self.viewport.transform().apply(s.at),
            radius_px: stack_radius_px(s.members.len(), t.partner_radius_px),
            fill: dim(t.stack_fill),
            outline: Some(Stroke {
                colour: dim(t.calm_arc),
                width_px: 1.5,
            }),
        }
    }

    /// The country names (under the arcs) and the rest: partner names, stack counts and the
    /// emphasised pair's names. Layout labels follow a pan and hide while a zoom is under way;
    /// one that overlaps an emphasised name gives way.
    /// With `forced` false the emphasised names are left out (the cached layer's labels).
    pub(super) fn label_items(
        &self,
        layout: &Layout,
        dimming: bool,
        forced: bool,
    ) -> (Vec<TextItem>, Vec<TextItem>) {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let style = |size_px: f64, bold: bool, fill, centred: bool| TextStyle {
            size_px,
            bold,
            fill,
            halo: Some(t.label_halo),
            centred,
        };
        let forced_on = forced;
        let forced = if forced_on {
            self.emphasised_names()
        } else {
            Vec::new()
        };
        let mut countries = Vec::new();
        let mut rest = Vec::new();
        if let Some((dx, dy)) = layout.label_shift(tf.scale(), tf.offset()) {
            for l in &layout.labels {
                let r = Rect::new(
                    l.label.rect.x + dx,
                    l.label.rect.y + dy,
                    l.label.rect.w,
                    l.label.rect.h,
                );
                if forced.iter().any(|f| f.overlaps(&r)) {
                    continue;
                }
                let item = |fill, centred: bool| TextItem {
                    at: if centred {
                        r.centre()
                    } else {
                        ScreenPt::new(r.x, r.y + r.h / 2.0)
                    },
                    text: l.label.text.clone(),
                    style: style(l.label.size_px, false, fill, centred),
                };
                if l.country {
                    countries.push(item(t.country_label, true));
                } else {
                    let fill = if dimming {
                        t.label.with_alpha(110)
                    } else {
                        t.label
                    };
                    rest.push(item(fill, false));
                }
            }
        }
        // The counts of the stacks on the canvas: a world network zoomed in has thousands of
        // stacks off it, each a text for the canvas to lay out.
        let canvas = Rect::new(
            0.0,
            0.0,
            self.viewport.width_css_px,
            self.viewport.height_css_px,
        );
        for s in layout.stacks.iter().filter(|s| s.members.len() > 1) {
            let at = tf.apply(s.at);
            let r = stack_radius_px(s.members.len(), t.partner_radius_px);
            if canvas.grow(r).contains(at) {
                rest.push(self.stack_count_item(at, s.members.len()));
            }
        }
        if forced_on {
            rest.extend(self.forced_label_items());
        }
        (countries, rest)
    }

    /// A stack's count, drawn on its marker at `at`.
    pub(super) fn stack_count_item(&self, at: ScreenPt, n: usize) -> TextItem {
        TextItem {
            at,
            text: n.to_string(),
            style: TextStyle {
                size_px: 9.0,
                bold: true,
                fill: self.theme.stack_text,
                halo: None,
                centred: true,
            },
        }
    }

    /// The emphasised pair's names at both ends (drawn over everything else).
    pub(super) fn forced_label_items(&self) -> Vec<TextItem> {
        let t = &self.theme;
        self.emphasised_names()
            .iter()
            .zip(self.emphasised_texts())
            .map(|(r, text)| TextItem {
                at: ScreenPt::new(r.x, r.y + r.h / 2.0),
                text,
                style: TextStyle {
                    size_px: 12.0,
                    bold: true,
                    fill: t.label,
                    halo: Some(t.label_halo),
                    centred: false,
                },
            })
            .collect()
    }

    /// The pairs whose ends are named whatever else is drawn: the hovered or focused pair, and
    /// the selected pairs.
    fn named_pairs(&self) -> Vec<usize> {
        let e = &self.emphasis;
        let mut out: Vec<usize> = [e.hover, e.focus]
            .into_iter()
            .flatten()
            .filter_map(|t| match t {
                Target::Arc(i) | Target::Partner(i) => Some(i),
                Target::Origin(_) => None,
            })
            .chain(e.selected.iter().filter_map(|p| match p {
                Pick::Pair(i) => Some(*i),
                Pick::City(_) => None,
            }))
            .collect();
        out.dedup();
        out.truncate(6);
        out
    }

    /// The named pairs' end labels as requests: partner name at the partner, city at the origin.
    fn emphasised_requests(&self) -> Vec<LabelRequest> {
        let tf = self.viewport.transform();
        let mut out = Vec::new();
        for i in self.named_pairs() {
            let Some(p) = self.dataset.partnerships.get(i) else {
                continue;
            };
            let ends = [
                (
                    self.partner_xy.get(i).copied().flatten(),
                    self.partner_name(i),
                ),
                (
                    self.origin_xy.get(p.city).copied().flatten(),
                    self.city_name(p.city),
                ),
            ];
            for (at, text) in ends {
                if let Some(w) = at {
                    out.push(LabelRequest {
                        anchor: tf.apply(w),
                        text,
                        size_px: 12.0,
                        priority: 0.0,
                        gap_px: 7.0,
                        placement: Placement::Around,
                        forced: true,
                        tag: out.len(),
                    });
                }
            }
        }
        out
    }

    /// Boxes of the named pairs' end labels, in the order of [`Self::emphasised_texts`].
    fn emphasised_names(&self) -> Vec<Rect> {
        let v = &self.viewport;
        let bounds = Rect::new(0.0, 0.0, v.width_css_px, v.height_css_px);
        let mut placed = labels::place(self.emphasised_requests(), &[], bounds);
        crate::sort::sort_by(&mut placed, |a, b| a.tag.cmp(&b.tag));
        placed.into_iter().map(|l| l.rect).collect()
    }

    fn emphasised_texts(&self) -> Vec<String> {
        self.emphasised_requests()
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    /// The inset as drawn: frame, land, leaders to the real province, dots and names.
    pub(super) fn inset_item(&self, layout: &Layout) -> Option<InsetItem> {
        let inset = layout.inset.as_ref()?;
        let t = &self.theme;
        let lit = |k: usize| {
            let e = &self.emphasis;
            let by = |x: Option<Target>| match x {
                Some(Target::Origin(j)) => j == k,
                Some(Target::Arc(i) | Target::Partner(i)) => self
                    .dataset
                    .partnerships
                    .get(i)
                    .is_some_and(|p| p.city == k),
                None => false,
            };
            by(e.hover) || by(e.focus) || e.selected.contains(&Pick::City(k))
        };
        let dots = inset
            .cities
            .iter()
            .map(|c| DotItem {
                centre: c.dot,
                radius_px: if lit(c.city) { 7.0 } else { 5.5 },
                fill: self.origin_colour(c.city),
                outline: Some(Stroke {
                    colour: if lit(c.city) {
                        t.label
                    } else {
                        t.origin_stroke
                    },
                    width_px: if lit(c.city) { 2.0 } else { 1.5 },
                }),
            })
            .collect();
        let text = |at, text: &str, size_px, bold| TextItem {
            at,
            text: text.to_string(),
            style: TextStyle {
                size_px,
                bold,
                fill: t.label,
                halo: Some(t.label_halo),
                centred: false,
            },
        };
        let r = inset.rect;
        let mut labels = vec![text(
            ScreenPt::new(r.x + 6.0, r.y + 2.0 + super::inset::TITLE_PX / 2.0),
            &inset.title,
            12.0,
            true,
        )];
        labels.extend(inset.cities.iter().map(|c| {
            let at = ScreenPt::new(c.label.x, c.label.y + c.label.h / 2.0);
            text(at, &c.text, super::inset::LABEL_SIZE_PX, lit(c.city))
        }));
        let land = inset
            .land
            .iter()
            .map(|(rings, china)| LandItem {
                rings: rings.clone(),
                fill: if *china { t.china } else { t.land },
            })
            .collect();
        Some(InsetItem {
            frame: r,
            fill: t.ocean,
            border: Stroke {
                colour: t.country_label.with_alpha(190),
                width_px: 1.0,
            },
            land,
            leaders: self.leaders(r),
            dots,
            labels,
        })
    }

    /// A frame round the real origins and two lines from it to the inset's nearer corners.
    fn leaders(&self, inset: Rect) -> Polylines {
        let pts: Vec<ScreenPt> = self.origin_dots().map(|(_, p)| p).collect();
        let (Some(x0), Some(y0)) = (
            pts.iter().map(|p| p.x).reduce(f64::min),
            pts.iter().map(|p| p.y).reduce(f64::min),
        ) else {
            return Polylines::default();
        };
        let x1 = pts.iter().map(|p| p.x).fold(x0, f64::max);
        let y1 = pts.iter().map(|p| p.y).fold(y0, f64::max);
        let region = Rect::new(x0 - 6.0, y0 - 6.0, x1 - x0 + 12.0, y1 - y0 + 12.0);
        let mut ring = region.ring();
        if let Some(&first) = ring.first() {
            ring.push(first);
        }
        // Corresponding corners on the two outer tangents: top-left and bottom-right when the
        // inset lies up-right or down-left of the province, else top-right and bottom-left.
        let (rc, ic) = (region.centre(), inset.centre());
        let corners = |r: Rect, tl_br: bool| {
            if tl_br {
                [ScreenPt::new(r.x, r.y), ScreenPt::new(r.x + r.w, r.y + r.h)]
            } else {
                [ScreenPt::new(r.x + r.w, r.y), ScreenPt::new(r.x, r.y + r.h)]
            }
        };
        let tl_br = (ic.x - rc.x) * (ic.y - rc.y) < 0.0;
        let (a, b) = (corners(region, tl_br), corners(inset, tl_br));
        [&ring[..], &[a[0], b[0]], &[a[1], b[1]]]
            .into_iter()
            .collect()
    }
}
