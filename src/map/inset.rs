//! The Shandong inset: at the first view the province's 17 origins lie within a few dozen
//! pixels, so a magnified copy of the province is drawn in a free part of the canvas, with each
//! origin spread to at least [`TARGET_PX`] from the next, labelled, and a target of that size.
//! The arcs still start at the real dots; a frame on the map and two leader lines join the real
//! province to its copy. Pure functions here; [`super::layout`] ties them to the map.

use crate::labels;
use crate::scene::Rect;
use crate::viewport::ScreenPt;

/// The smallest target (WCAG 2.2, 2.5.8), and the spacing of the spread origins, CSS px.
pub const TARGET_PX: f64 = 24.0;
/// Height of the title row, CSS px.
pub const TITLE_PX: f64 = 20.0;
/// Font size of the origin labels, CSS px.
pub const LABEL_SIZE_PX: f64 = 11.0;
/// Margin kept from the canvas edges, CSS px.
const MARGIN_PX: f64 = 8.0;

/// One origin in the inset.
#[derive(Debug, Clone, PartialEq)]
pub struct InsetCity {
    /// The Shandong key's index.
    pub city: usize,
    /// Where its dot is drawn, CSS px.
    pub dot: ScreenPt,
    /// Its label's box, CSS px.
    pub label: Rect,
    /// Its label.
    pub text: String,
}

impl InsetCity {
    /// The square a pointer or a finger hits around the dot ([`TARGET_PX`] wide).
    pub fn target(&self) -> Rect {
        Rect::centred(self.dot, TARGET_PX, TARGET_PX)
    }
}

/// Candidate rectangles of `size` for the inset on a `w` × `h` canvas, in no order: along the
/// bottom and top edges and down the left edge, in steps of a twentieth of the canvas.
fn spots(w: f64, h: f64, size: (f64, f64)) -> Vec<Rect> {
    let (iw, ih) = size;
    let (x_max, y_max) = (w - iw - MARGIN_PX, h - ih - MARGIN_PX);
    let mut out = Vec::new();
    for k in 0..=20 {
        let x = MARGIN_PX + (x_max - MARGIN_PX) * f64::from(k) / 20.0;
        let y = MARGIN_PX + (y_max - MARGIN_PX) * f64::from(k) / 20.0;
        out.push(Rect::new(x, y_max, iw, ih));
        out.push(Rect::new(x, MARGIN_PX, iw, ih));
        out.push(Rect::new(MARGIN_PX, y, iw, ih));
    }
    out
}

/// The inset's size on a `w` × `h` canvas: about a quarter of the width, 180–300 px, times
/// `wide`, and `tall` times that base width high; `None` when the canvas is too small.
pub fn inset_size(w: f64, h: f64, wide: f64, tall: f64) -> Option<(f64, f64)> {
    let base = (w * 0.27).clamp(180.0, 300.0);
    let iw = (base * wide).min(w - 2.0 * MARGIN_PX);
    let ih = base * tall;
    (iw + 2.0 * MARGIN_PX <= w && ih + 2.0 * MARGIN_PX <= h * 0.75).then_some((iw, ih))
}

/// Where the inset goes: of the spots that leave the province itself and `keep_clear`
/// uncovered, the one holding the fewest partner dots, and of those the nearest the province →
/// it and how many partner dots it holds (its frame grown by 4 px); `None` when every spot
/// covers the province. Where no spot is free (a small canvas), the inset then covers the
/// fewest partners, not the ones nearest the province (East Asia, where Shandong's partners
/// are densest).
pub fn place_inset(
    w: f64,
    h: f64,
    size: (f64, f64),
    partners: &[ScreenPt],
    province: Rect,
    keep_clear: &[Rect],
) -> Option<(Rect, usize)> {
    let c = province.centre();
    let d = |r: &Rect| r.centre().distance(c);
    let mut best: Option<(Rect, usize)> = None;
    for r in spots(w, h, size) {
        let grown = r.grow(4.0);
        if grown.overlaps(&province) || keep_clear.iter().any(|k| k.overlaps(&r)) {
            continue;
        }
        // Counted up to the best so far only (a large network has thousands of dots).
        let limit = best.map_or(usize::MAX, |(_, n)| n);
        let held = partners
            .iter()
            .filter(|p| grown.contains(**p))
            .take(limit.saturating_add(1))
            .count();
        let better = match best {
            None => true,
            Some((b, n)) => held < n || (held == n && d(&r) < d(&b)),
        };
        if better {
            best = Some((r, held));
        }
    }
    best
}

/// The part of the inset the origins are spread in (inside a padding; the title takes its
/// corner as a box reserved before the spread).
pub fn content_rect(inset: Rect) -> Rect {
    inset.grow(-4.0)
}

/// Width of the page's button that hides the inset, after its title, CSS px (as high as the
/// title row; the origins' targets keep out of both).
pub const TOGGLE_W_PX: f64 = 24.0;

/// The title's box in the inset's top-left corner, with the button after it.
pub fn title_rect(inset: Rect, title: &str) -> Rect {
    let w = labels::text_width_px(title, 12.0).ceil() + 8.0 + TOGGLE_W_PX;
    Rect::new(inset.x + 2.0, inset.y + 2.0, w, TITLE_PX)
}

/// Where the page's button that hides the inset goes: the end of the title's box.
pub fn toggle_rect(inset: Rect, title: &str) -> Rect {
    let t = title_rect(inset, title);
    Rect::new(t.x + t.w - TOGGLE_W_PX, t.y, TOGGLE_W_PX, TITLE_PX)
}

/// A spread origin: its dot and its label's box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The dot, CSS px.
    pub dot: ScreenPt,
    /// The label's box, CSS px.
    pub label: Rect,
}

/// The box a dot's target and its label take together, the label on the right or the left.
fn item_box(dot: ScreenPt, text_w: f64, left: bool) -> Rect {
    let w = TARGET_PX + 3.0 + text_w;
    let x = if left {
        dot.x + TARGET_PX / 2.0 - w
    } else {
        dot.x - TARGET_PX / 2.0
    };
    Rect::new(x, dot.y - TARGET_PX / 2.0, w, TARGET_PX)
}

/// Spreads dots, each with its label beside it (`texts`), inside `area`: every dot's target and
/// label together form a box, and each box in turn takes the free spot nearest to its dot's
/// place, clear of `reserved` boxes (the title). Labels sit on the right of a dot, on the left in the right third of the area. `None`
/// when a box finds no room (the caller grows the inset).
pub fn spread_labelled(
    dots: &[ScreenPt],
    texts: &[String],
    area: Rect,
    reserved: &[Rect],
) -> Option<Vec<Spread>> {
    let widths: Vec<f64> = texts
        .iter()
        .map(|t| labels::text_width_px(t, LABEL_SIZE_PX).ceil())
        .collect();
    let left: Vec<bool> = dots.iter().map(|d| d.x > area.x + area.w * 0.66).collect();
    let mut boxes: Vec<Rect> = dots
        .iter()
        .zip(&widths)
        .zip(&left)
        .map(|((d, w), l)| item_box(*d, *w, *l))
        .collect();
    // Greedy, in the given order: each box takes the free spot (on a 3 px grid inside the
    // area) nearest to where geography puts it, clear of the boxes placed before it.
    let mut placed: Vec<Rect> = reserved.to_vec();
    for want in &mut boxes {
        let free = nearest_free(area, *want, &placed)?;
        *want = free;
        placed.push(free);
    }
    let h = labels::line_height_px(LABEL_SIZE_PX);
    Some(
        boxes
            .iter()
            .zip(&widths)
            .zip(&left)
            .map(|((r, w), l)| {
                let dot_x = if *l {
                    r.x + r.w - TARGET_PX / 2.0
                } else {
                    r.x + TARGET_PX / 2.0
                };
                let dot = ScreenPt::new(dot_x, r.y + TARGET_PX / 2.0);
                let label_x = if *l { r.x } else { r.x + TARGET_PX + 3.0 };
                Spread {
                    dot,
                    label: Rect::new(label_x, dot.y - h / 2.0, *w, h),
                }
            })
            .collect(),
    )
}

/// The spot for `want` on a 3 px grid inside `area` nearest to where `want` is, clear of
/// `placed` (each grown by 1 px); of equally near spots the one first in row order. `None` when
/// no spot is free.
///
/// It searches rings of grid spots outwards from the one nearest `want` and stops once a ring
/// can hold nothing nearer than the best free spot found: a spot `k` rings out is at least
/// `3k − 1.5` px away. (Sorting every spot of the area by distance, as this did first, took
/// ~10 ms for Shandong's 17 cities natively, once per settled view.)
fn nearest_free(area: Rect, want: Rect, placed: &[Rect]) -> Option<Rect> {
    const STEP: f64 = 3.0;
    let nx = ((area.w - want.w) / STEP).floor().max(-1.0) as i64;
    let ny = ((area.h - want.h) / STEP).floor().max(-1.0) as i64;
    if nx < 0 || ny < 0 {
        return None;
    }
    let spot = |i: i64, j: i64| {
        Rect::new(
            area.x + i as f64 * STEP,
            area.y + j as f64 * STEP,
            want.w,
            want.h,
        )
    };
    let near = |v: f64, n: i64| {
        let k = (v / STEP).round();
        if k.is_nan() {
            0
        } else {
            (k.max(0.0) as i64).min(n)
        }
    };
    let (ci, cj) = (near(want.x - area.x, nx), near(want.y - area.y, ny));
    let last_ring = ci.max(nx - ci).max(cj).max(ny - cj);
    // The best free spot so far: (distance, row, column, rect).
    let mut best: Option<(f64, i64, i64, Rect)> = None;
    for ring in 0..=last_ring {
        if best.is_some_and(|b| b.0 < ring as f64 * STEP - 1.5) {
            break;
        }
        for j in (cj - ring).max(0)..=(cj + ring).min(ny) {
            let edge_row = (j - cj).abs() == ring;
            let columns: Vec<i64> = if edge_row {
                ((ci - ring).max(0)..=(ci + ring).min(nx)).collect()
            } else {
                [ci - ring, ci + ring]
                    .into_iter()
                    .filter(|&i| (0..=nx).contains(&i))
                    .collect()
            };
            for i in columns {
                let r = spot(i, j);
                let d = ScreenPt::new(r.x, r.y).distance(ScreenPt::new(want.x, want.y));
                let better = best.is_none_or(|b| {
                    d.total_cmp(&b.0)
                        .then(j.cmp(&b.1))
                        .then(i.cmp(&b.2))
                        .is_lt()
                });
                if better && placed.iter().all(|p| !p.grow(1.0).overlaps(&r)) {
                    best = Some((d, j, i, r));
                }
            }
        }
    }
    best.map(|b| b.3)
}

/// Which side of a clipping edge is kept.
type Side = fn(ScreenPt, f64) -> bool;

/// Clips a closed ring to a rectangle (Sutherland–Hodgman); empty when nothing is left.
pub fn clip_ring(ring: &[ScreenPt], r: Rect) -> Vec<ScreenPt> {
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    let edges: [(Side, f64, bool); 4] = [
        (|p, v| p.x >= v, x0, true),
        (|p, v| p.x <= v, x1, true),
        (|p, v| p.y >= v, y0, false),
        (|p, v| p.y <= v, y1, false),
    ];
    let mut out: Vec<ScreenPt> = ring.to_vec();
    for (inside, v, vertical) in edges {
        let input = std::mem::take(&mut out);
        let Some(&last) = input.last() else {
            return out;
        };
        let cut = |a: ScreenPt, b: ScreenPt| {
            let t = if vertical {
                (v - a.x) / (b.x - a.x)
            } else {
                (v - a.y) / (b.y - a.y)
            };
            ScreenPt::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        };
        let mut prev = last;
        for &p in &input {
            match (inside(p, v), inside(prev, v)) {
                (true, true) => out.push(p),
                (true, false) => {
                    out.push(cut(prev, p));
                    out.push(p);
                }
                (false, true) => out.push(cut(prev, p)),
                (false, false) => {}
            }
            prev = p;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `nearest_free` replaced: every spot sorted by distance (stable), the first free.
    fn nearest_free_by_sorting(area: Rect, want: Rect, placed: &[Rect]) -> Option<Rect> {
        let (nx, ny) = (
            ((area.w - want.w) / 3.0).floor().max(-1.0) as i64,
            ((area.h - want.h) / 3.0).floor().max(-1.0) as i64,
        );
        let mut spots: Vec<(f64, Rect)> = (0..=ny)
            .flat_map(|j| (0..=nx).map(move |i| (i, j)))
            .map(|(i, j)| {
                let r = Rect::new(
                    area.x + i as f64 * 3.0,
                    area.y + j as f64 * 3.0,
                    want.w,
                    want.h,
                );
                ((r.x - want.x).hypot(r.y - want.y), r)
            })
            .collect();
        spots.sort_by(|a, b| a.0.total_cmp(&b.0));
        spots
            .into_iter()
            .map(|(_, r)| r)
            .find(|r| placed.iter().all(|p| !p.grow(1.0).overlaps(r)))
    }

    #[test]
    fn the_ring_search_finds_the_spot_sorting_every_spot_would() {
        let mut rnd = crate::test_rng(99);
        for _ in 0..400 {
            let area = Rect::new(
                rnd() * 50.0,
                rnd() * 50.0,
                40.0 + rnd() * 200.0,
                30.0 + rnd() * 150.0,
            );
            let mut placed: Vec<Rect> = Vec::new();
            for _ in 0..(rnd() * 12.0) as usize {
                let want = Rect::new(
                    area.x - 20.0 + rnd() * (area.w + 40.0),
                    area.y - 20.0 + rnd() * (area.h + 40.0),
                    5.0 + rnd() * 60.0,
                    5.0 + rnd() * 20.0,
                );
                let fast = nearest_free(area, want, &placed);
                assert_eq!(
                    fast,
                    nearest_free_by_sorting(area, want, &placed),
                    "{area:?} {want:?}"
                );
                placed.extend(fast);
            }
        }
    }

    #[test]
    fn the_spread_keeps_every_origin_and_label_clear_of_the_others() {
        let area = Rect::new(0.0, 0.0, 300.0, 170.0);
        // Seventeen dots, two of them on one spot, all within 30 px, with names of 2–4 characters.
        let mut pts: Vec<ScreenPt> = (0..17)
            .map(|k| ScreenPt::new(110.0 + (k % 5) as f64 * 6.0, 60.0 + (k / 5) as f64 * 5.0))
            .collect();
        pts[1] = pts[0];
        let texts: Vec<String> = (0..17)
            .map(|k| "济南市山".chars().take(2 + k % 3).collect())
            .collect();
        let s = spread_labelled(&pts, &texts, area, &[]).expect("room enough");
        for (i, a) in s.iter().enumerate() {
            let ta = Rect::centred(a.dot, TARGET_PX, TARGET_PX);
            assert!(area.grow(0.5).encloses(&ta) && area.grow(0.5).encloses(&a.label));
            assert!(!ta.overlaps(&a.label), "a label beside its own dot");
            for b in &s[i + 1..] {
                let tb = Rect::centred(b.dot, TARGET_PX, TARGET_PX);
                assert!(!ta.overlaps(&tb) && !a.label.overlaps(&b.label));
                assert!(!ta.overlaps(&b.label) && !tb.overlaps(&a.label));
            }
        }
        // Far too little room: no layout.
        assert!(spread_labelled(&pts, &texts, Rect::new(0.0, 0.0, 80.0, 60.0), &[]).is_none());
    }

    #[test]
    fn the_inset_goes_where_no_partner_is_and_near_the_province() {
        let province = Rect::new(400.0, 200.0, 30.0, 20.0);
        let size = inset_size(1000.0, 550.0, 1.0, 0.66).expect("room");
        // Partners fill the bottom-left and the top edge.
        let mut partners: Vec<ScreenPt> = (0..40)
            .map(|k| ScreenPt::new(k as f64 * 12.0, 520.0))
            .collect();
        partners.extend((0..80).map(|k| ScreenPt::new(k as f64 * 12.0, 30.0)));
        let (r, held) = place_inset(1000.0, 550.0, size, &partners, province, &[]).expect("a spot");
        assert_eq!(held, 0);
        assert!(partners.iter().all(|p| !r.contains(*p)));
        assert!(!r.overlaps(&province));
        assert!(r.x >= 8.0 && r.x + r.w <= 992.0 && r.y + r.h <= 542.0);
        assert!(
            inset_size(150.0, 100.0, 1.0, 0.66).is_none(),
            "no room on a tiny canvas"
        );
    }

    /// Where every spot holds partners, the inset takes the one holding the fewest, not the
    /// one nearest the province, and among equals the nearest.
    #[test]
    fn with_no_free_spot_the_inset_covers_the_fewest_partners() {
        let (w, h) = (620.0, 330.0);
        let province = Rect::new(250.0, 110.0, 20.0, 16.0);
        let size = inset_size(w, h, 1.0, 0.62).expect("room");
        // Partners everywhere on a grid, densest near the province (a dot every 10 px within
        // 150 px of it, every 40 px elsewhere).
        let mut partners = Vec::new();
        for x in (0..620).step_by(10) {
            for y in (0..330).step_by(10) {
                let p = ScreenPt::new(f64::from(x), f64::from(y));
                let near = p.distance(province.centre()) < 150.0;
                if near || (x % 40 == 0 && y % 40 == 0) {
                    partners.push(p);
                }
            }
        }
        let (r, held) = place_inset(w, h, size, &partners, province, &[]).expect("a spot");
        let count = |r: &Rect| {
            partners
                .iter()
                .filter(|p| r.grow(4.0).contains(**p))
                .count()
        };
        assert_eq!(held, count(&r));
        let fewest = spots(w, h, size)
            .iter()
            .filter(|s| !s.grow(4.0).overlaps(&province))
            .map(count)
            .min()
            .expect("spots");
        assert!(held > 0, "no spot is free");
        assert_eq!(held, fewest, "the fewest partners covered");
        // The nearest spot to the province covers more.
        let nearest = spots(w, h, size)
            .into_iter()
            .filter(|s| !s.grow(4.0).overlaps(&province))
            .min_by(|a, b| {
                let c = province.centre();
                a.centre().distance(c).total_cmp(&b.centre().distance(c))
            })
            .expect("spots");
        assert!(count(&nearest) > held, "{} vs {held}", count(&nearest));
    }

    #[test]
    fn a_ring_is_clipped_to_the_rectangle() {
        let ring = [
            ScreenPt::new(-10.0, -10.0),
            ScreenPt::new(20.0, -10.0),
            ScreenPt::new(20.0, 20.0),
            ScreenPt::new(-10.0, 20.0),
        ];
        let c = clip_ring(&ring, Rect::new(0.0, 0.0, 10.0, 10.0));
        assert_eq!(c.len(), 4);
        assert!(c
            .iter()
            .all(|p| p.x >= 0.0 && p.x <= 10.0 && p.y >= 0.0 && p.y <= 10.0));
        assert!(clip_ring(&ring, Rect::new(50.0, 50.0, 10.0, 10.0)).is_empty());
    }
}
