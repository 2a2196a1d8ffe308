//! The interaction state machine (drag vs click, double click, wheel and pinch zoom, keys),
//! emphasis (hover fans, dimming, selections) and keyboard focus, natively.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use youcheng::geometry::{LonLat, Projection};
use youcheng::hit::Target;
use youcheng::interaction::{Interaction, PointerKind, DRAG_THRESHOLD_PX};
use youcheng::map::{MapState, Pick, Step};
use youcheng::style::ColourBy;
use youcheng::surface::ScreenPt;
use youcheng::viewport::Viewport;

fn view() -> Viewport {
    Viewport::new(1000.0, 600.0, &Projection::default())
}

fn pt(x: f64, y: f64) -> ScreenPt {
    ScreenPt::new(x, y)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// What stands out, found by looking at every visible pair: the reference for the map's own
/// (which looks the named pairs up, and looks through the visible pairs only for an origin).
#[test]
fn the_pairs_that_stand_out_are_those_emphasised_among_the_visible() {
    let mut map = shipped_map();
    let brute = |map: &MapState| -> Vec<usize> {
        (map.visible().iter().copied())
            .filter(|&i| map.emphasised_index(i))
            .collect()
    };
    let check = |map: &MapState, what: &str| {
        let want = brute(map);
        assert_eq!(map.emphasised_visible(), want, "{what}");
        assert_eq!(map.any_emphasis(), !want.is_empty(), "{what}");
    };
    check(&map, "nothing");
    let qingdao = (map.dataset().cities().iter())
        .position(|c| c.key == "qingdao")
        .expect("qingdao");
    let some: Vec<usize> = map.visible().iter().copied().step_by(37).collect();
    assert!(some.len() > 5);
    map.set_hover(Some(Target::Arc(some[3])));
    check(&map, "a hovered arc");
    map.set_hover(Some(Target::Partner(some[1])));
    map.select(Some(Pick::Pair(some[4])), false);
    map.select(Some(Pick::Pair(some[2])), true);
    check(&map, "a hovered partner and pinned pairs, out of order");
    map.set_hover(Some(Target::Origin(qingdao)));
    check(&map, "a hovered origin");
    map.set_hover(None);
    map.select(None, false);
    map.select(Some(Pick::City(qingdao)), false);
    check(&map, "a selected origin");
    // Hidden by the filter: a selection stays but nothing visible stands out.
    map.select(None, false);
    map.select(Some(Pick::Pair(some[0])), false);
    let country = map.dataset().partnerships[some[0]].country;
    let other = (map.visible().iter())
        .map(|&i| map.dataset().partnerships[i].country)
        .find(|&c| c != country)
        .expect("another country");
    let iso = map.dataset().countries()[other].iso2.clone();
    map.set_filter(youcheng::filter::Filter {
        countries: vec![iso],
        ..Default::default()
    });
    assert!(!map.visible().contains(&some[0]));
    check(&map, "a selected pair the filter hides");
    assert!(!map.any_emphasis());
    map.set_hover(Some(Target::Origin(qingdao)));
    check(&map, "an origin under a filter");
}

#[test]
fn a_press_that_stays_put_is_a_click_and_one_that_moves_is_a_drag() {
    let mut v = view();
    let before = v;
    let mut i = Interaction::default();
    i.pointer_down(1, PointerKind::Mouse, pt(100.0, 100.0));
    let o = i.pointer_move(1, pt(100.0 + DRAG_THRESHOLD_PX - 1.0, 100.0), &mut v);
    assert!(
        !o.view && !i.dragging(),
        "under the threshold nothing moves"
    );
    let o = i.pointer_up(1, pt(103.0, 100.0), 1000.0, &mut v);
    assert_eq!(o.click, Some(pt(103.0, 100.0)));
    assert_eq!(v, before, "a click does not move the map");

    v.zoom_about(pt(500.0, 300.0), 4.0);
    let zoomed = v;
    i.pointer_down(1, PointerKind::Mouse, pt(100.0, 100.0));
    let o = i.pointer_move(1, pt(130.0, 90.0), &mut v);
    assert!(o.view && o.clear_hover && i.dragging());
    let o = i.pointer_up(1, pt(130.0, 90.0), 5000.0, &mut v);
    assert_eq!(o.click, None, "a drag is not a click");
    // The map followed the pointer: what was under (100, 100) is now under (130, 90).
    let w = zoomed.to_world(pt(100.0, 100.0));
    let s = v.to_screen(w);
    assert!(close(s.x, 130.0) && close(s.y, 90.0), "{s:?}");
}

#[test]
fn touch_has_a_wider_drag_threshold_than_a_mouse() {
    let mut v = view();
    let mut i = Interaction::default();
    i.pointer_down(5, PointerKind::Touch, pt(50.0, 50.0));
    i.pointer_move(5, pt(57.0, 50.0), &mut v);
    assert_eq!(
        i.pointer_up(5, pt(57.0, 50.0), 0.0, &mut v).click,
        Some(pt(57.0, 50.0))
    );
    i.pointer_down(6, PointerKind::Mouse, pt(50.0, 50.0));
    i.pointer_move(6, pt(57.0, 50.0), &mut v);
    assert_eq!(i.pointer_up(6, pt(57.0, 50.0), 5000.0, &mut v).click, None);
}

#[test]
fn a_double_click_zooms_in_about_the_pointer_and_slow_clicks_do_not() {
    let mut v = view();
    let mut i = Interaction::default();
    let p = pt(700.0, 200.0);
    let w = v.to_world(p);
    for t in [0.0, 200.0] {
        i.pointer_down(1, PointerKind::Mouse, p);
        i.pointer_up(1, p, t, &mut v);
    }
    assert!(close(v.zoom, 2.0), "zoom {}", v.zoom);
    let s = v.to_screen(w);
    assert!(close(s.x, p.x) && close(s.y, p.y));
    // Two clicks a second apart are two clicks.
    let mut i = Interaction::default();
    let mut v = view();
    for t in [0.0, 1000.0] {
        i.pointer_down(1, PointerKind::Mouse, p);
        assert!(i.pointer_up(1, p, t, &mut v).click.is_some());
    }
    assert!(close(v.zoom, 1.0));
}

/// A pan or a zoom never brings the world's edge (the seam, the map's top or bottom) inside the
/// canvas where the world is larger than it: no empty band past the edge. Where the world is
/// smaller (its height on a tall canvas), its centre stays inside it.
#[test]
fn the_world_edge_never_comes_inside_the_canvas() {
    let projection = Projection::default();
    let (lo, hi) = projection.world_bounds();
    for (w, h) in [(1000.0, 600.0), (390.0, 700.0), (1280.0, 400.0)] {
        let mut v = Viewport::new(w, h, &projection);
        v.zoom_about(pt(w / 2.0, h / 2.0), 4.0);
        for (dx, dy) in [
            (1e5, 0.0),
            (-1e5, 0.0),
            (0.0, 1e5),
            (0.0, -1e5),
            (3e4, -2e4),
        ] {
            v.pan_by(dx, dy);
            let (a, b) = (v.to_screen(lo), v.to_screen(hi));
            let (left, right) = (a.x.min(b.x), a.x.max(b.x));
            let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
            let eps = 1e-6;
            assert!(
                left <= eps && right >= w - eps,
                "{w}×{h} after ({dx}, {dy}): x {left}…{right}"
            );
            assert!(
                top <= eps && bottom >= h - eps,
                "{w}×{h} after ({dx}, {dy}): y {top}…{bottom}"
            );
        }
        // Zoomed in at the east edge: the wheel keeps the edge on the canvas's side.
        v.zoom_about(pt(w - 1.0, h / 2.0), 1.5);
        let right = v.to_screen(hi).x.max(v.to_screen(lo).x);
        assert!(right >= w - 1e-6, "{w}×{h}: the edge at {right}");
    }
    // The default view of a tall canvas: the world's height fills it, its width is panned over.
    let mut v = Viewport::new(390.0, 700.0, &projection);
    v.pan_by(-1e5, 0.0);
    let right = v.to_screen(hi).x.max(v.to_screen(lo).x);
    assert!(
        (right - 390.0).abs() < 1e-6,
        "the east edge at the canvas's: {right}"
    );
    // Zoomed out on a canvas of another shape (the whole world smaller than it along an axis):
    // a pan cannot move any of the world off the canvas.
    for (w, h) in [(1600.0, 500.0), (500.0, 900.0)] {
        let mut v = Viewport::new(w, h, &projection);
        v.set(v.centre, 1.0);
        for (dx, dy) in [(1e5, 1e5), (-1e5, -1e5)] {
            v.pan_by(dx, dy);
            let (a, b) = (v.to_screen(lo), v.to_screen(hi));
            let (left, right) = (a.x.min(b.x), a.x.max(b.x));
            let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
            let eps = 1e-6;
            let inside =
                |a: f64, b: f64, n: f64| (a >= -eps && b <= n + eps) || (a <= eps && b >= n - eps);
            assert!(
                inside(left, right, w) && inside(top, bottom, h),
                "{w}×{h}: x {left}…{right}, y {top}…{bottom}"
            );
        }
    }
}

#[test]
fn the_wheel_zooms_about_the_pointer() {
    let mut v = view();
    let mut i = Interaction::default();
    // Where zooming in leaves the world's edges off the canvas (see the next test for the edges).
    let p = pt(820.0, 300.0);
    let w = v.to_world(p);
    let o = i.wheel(p, -100.0, 0, &mut v);
    assert!(o.view && o.handled);
    assert!(v.zoom > 1.15 && v.zoom < 1.3, "one notch: {}", v.zoom);
    let s = v.to_screen(w);
    assert!(
        close(s.x, p.x) && close(s.y, p.y),
        "the point under the pointer stays: {s:?}"
    );
    let z = v.zoom;
    i.wheel(p, 3.0, 1, &mut v); // three lines down: zoom out
    assert!(v.zoom < z);
    i.wheel(p, f64::NAN, 0, &mut v);
    assert!(v.zoom.is_finite());
}

#[test]
fn two_fingers_pinch_zoom_and_never_click() {
    let mut v = view();
    let mut i = Interaction::default();
    i.pointer_down(1, PointerKind::Touch, pt(400.0, 300.0));
    i.pointer_down(2, PointerKind::Touch, pt(600.0, 300.0));
    let o = i.pointer_move(2, pt(800.0, 300.0), &mut v);
    assert!(o.view);
    // The fingers are twice as far apart: twice the zoom.
    assert!((v.zoom - 2.0).abs() < 1e-6, "{}", v.zoom);
    assert_eq!(i.pointer_up(2, pt(800.0, 300.0), 0.0, &mut v).click, None);
    assert_eq!(i.pointer_up(1, pt(400.0, 300.0), 10.0, &mut v).click, None);
    assert!(!i.active());
}

#[test]
fn keys_zoom_pan_and_reset() {
    let mut v = view();
    let home = v;
    let mut i = Interaction::default();
    assert!(i.key("+", false, &mut v).view);
    assert!(close(v.zoom, 1.5));
    let c = v.centre;
    assert!(i.key("ArrowRight", true, &mut v).view);
    assert!(v.centre.x > c.x, "Shift+→ shows what is east");
    assert!(
        !i.key("ArrowRight", false, &mut v).handled,
        "plain arrows move the focus instead"
    );
    assert!(i.key("-", false, &mut v).view);
    assert!(i.key("Home", false, &mut v).view);
    assert_eq!(v, home);
    assert!(!i.key("x", false, &mut v).handled);
}

fn shipped_map() -> MapState {
    let mut map = MapState::new(1000.0, 600.0);
    map.set_dataset(common::shipped());
    map
}

/// The arc bundles drawn (not the inset's frame and leaders): alpha, width, lines.
fn strokes(map: &MapState) -> Vec<(u8, f64, usize)> {
    map.overlay_scene()
        .arcs
        .iter()
        .map(|b| (b.stroke.colour.a, b.stroke.width_px, b.lines.len()))
        .collect()
}

#[test]
fn hovering_a_shandong_city_fans_out_its_partners_and_dims_the_rest() {
    let mut map = shipped_map();
    let theme = map.theme.clone();
    assert!(strokes(&map).iter().all(|(a, _, _)| *a == map.rest_arc().0));
    let weifang = map
        .dataset()
        .cities()
        .iter()
        .position(|c| c.key == "weifang")
        .expect("weifang");
    let drawn_weifang = map
        .dataset()
        .partnerships
        .iter()
        .filter(|p| p.city == weifang && p.location.is_some())
        .count();
    assert!(map.set_hover(Some(Target::Origin(weifang))));
    assert!(
        !map.set_hover(Some(Target::Origin(weifang))),
        "no change, no redraw"
    );
    let s = strokes(&map);
    let bright: usize = s
        .iter()
        .filter(|(a, _, _)| *a == 255)
        .map(|(_, _, n)| n)
        .sum();
    assert_eq!(
        bright, drawn_weifang,
        "every Weifang arc is emphasised, nothing else"
    );
    assert!(
        s.iter().any(|(a, _, _)| *a == theme.dim_alpha),
        "the rest is dimmed"
    );
    assert!(
        s.last()
            .is_some_and(|(a, w, _)| *a == 255 && *w == theme.highlight_width_px),
        "emphasis drawn on top"
    );
    map.set_hover(None);
    assert!(strokes(&map).iter().all(|(a, _, _)| *a == map.rest_arc().0));
}

#[test]
fn pinned_selections_emphasise_two_fans_at_once() {
    let mut map = shipped_map();
    let key = |k: &str| {
        map.dataset()
            .cities()
            .iter()
            .position(|c| c.key == k)
            .expect(k)
    };
    let (jinan, qingdao) = (key("jinan"), key("qingdao"));
    let count = |map: &MapState, k: usize| {
        map.dataset()
            .partnerships
            .iter()
            .filter(|p| p.city == k && p.location.is_some())
            .count()
    };
    let (nj, nq) = (count(&map, jinan), count(&map, qingdao));
    map.select(Some(Pick::City(jinan)), false);
    map.select(Some(Pick::City(qingdao)), true);
    assert_eq!(
        map.emphasis().selected,
        vec![Pick::City(jinan), Pick::City(qingdao)]
    );
    // Emphasised partner dots are ringed: exactly Jinan's and Qingdao's.
    let ringed = map
        .overlay_scene()
        .partners
        .iter()
        .filter(|d| d.outline.is_some())
        .count();
    assert_eq!(ringed, nj + nq);
    // Their arcs (a seam-crossing arc is two lines) are the bright ones.
    let bright: usize = strokes(&map)
        .iter()
        .filter(|(a, _, _)| *a == 255)
        .map(|(_, _, n)| n)
        .sum();
    assert!(bright >= nj + nq && bright <= nj + nq + 8, "{bright}");
    map.select(Some(Pick::City(jinan)), true); // pinning again unpins
    assert_eq!(map.emphasis().selected, vec![Pick::City(qingdao)]);
    map.select(None, false);
    assert!(map.emphasis().selected.is_empty());
}

#[test]
fn colour_by_relation_and_decade_changes_the_legend_and_the_bundles() {
    let mut map = shipped_map();
    assert_eq!(map.legend().len(), 17);
    map.set_colour_by(ColourBy::Relation);
    let legend = map.legend();
    let keys: Vec<_> = legend.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(keys, ["friendship", "cooperation", "unknown"]);
    let total: usize = legend.iter().map(|l| l.total).sum();
    assert_eq!(total, map.dataset().partnerships.len());
    assert!(strokes(&map).len() <= 3);
    map.set_colour_by(ColourBy::Decade);
    let legend = map.legend();
    assert_eq!(legend.first().map(|l| l.key.as_str()), Some("1970s"));
    assert_eq!(legend.last().map(|l| l.key.as_str()), Some("unknown"));
    let seventies = &legend[0];
    assert_eq!(
        (seventies.total, seventies.visible),
        (1, 1),
        "Qingdao–Shimonoseki, 1979"
    );
    map.set_filter(youcheng::filter::Filter {
        cities: vec!["weifang".into()],
        ..Default::default()
    });
    assert_eq!(
        map.legend()[0].visible,
        0,
        "the filter changes the live counts"
    );
}

#[test]
fn arrow_keys_walk_from_a_city_through_its_partners() {
    let mut map = shipped_map();
    let first = map.step_focus(Step::NextCity);
    assert_eq!(first, Some(Target::Origin(0)), "the province first");
    let qingdao = map
        .dataset()
        .cities()
        .iter()
        .position(|c| c.key == "qingdao")
        .expect("qingdao");
    let mut t = first;
    while t != Some(Target::Origin(qingdao)) {
        t = map.step_focus(Step::NextCity);
    }
    let Some(Target::Arc(i)) = map.step_focus(Step::NextPartner) else {
        panic!("down goes to a partner");
    };
    assert_eq!(map.dataset().partnerships[i].city, qingdao);
    let Some(Target::Arc(j)) = map.step_focus(Step::NextPartner) else {
        panic!("down again goes to the next partner");
    };
    assert_ne!(i, j);
    assert_eq!(map.step_focus(Step::PrevPartner), Some(Target::Arc(i)));
    assert_eq!(
        map.step_focus(Step::PrevPartner),
        Some(Target::Origin(qingdao)),
        "up from the first partner goes back to the city"
    );
    // The focused dot gets a ring in the scene.
    assert_eq!(map.overlay_scene().rings.len(), 1);
    // A filter that hides the focus clears it.
    map.set_filter(youcheng::filter::Filter {
        cities: vec!["weifang".into()],
        ..Default::default()
    });
    assert_eq!(map.emphasis().focus, None);
}

#[test]
fn the_view_round_trips_through_longitude_latitude_and_zoom() {
    let mut map = shipped_map();
    map.set_view_lonlat(LonLat::new(130.9, 33.95), 6.0);
    let (c, z) = map.view_lonlat().expect("a view");
    assert!(
        (c.lon - 130.9).abs() < 1e-6 && (c.lat - 33.95).abs() < 1e-6 && close(z, 6.0),
        "{c:?} {z}"
    );
    let shimonoseki = map.project(LonLat::new(130.9, 33.95)).expect("on the map");
    assert!(
        close(shimonoseki.x, 500.0) && close(shimonoseki.y, 300.0),
        "{shimonoseki:?}"
    );
    map.set_view_lonlat(LonLat::new(0.0, 0.0), 1e6);
    assert_eq!(
        map.view_lonlat().expect("a view").1,
        youcheng::viewport::ZOOM_MAX
    );
}
