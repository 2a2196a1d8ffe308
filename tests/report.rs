//! Reports (PNG and SVG export) and the flow animation with the shipped data, natively: the
//! report is drawn from the state, so the canvas size (open panels) makes no difference; its
//! scale, panel and SVG; the flow's dots and its switch.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use youcheng::app::{App, Command};
use youcheng::filter::Filter;
use youcheng::geometry::LonLat;
use youcheng::report::{PanelItem, ReportSpec};
use youcheng::surface::{Command as Draw, RecordingSurface, ScreenPt};

fn app() -> App {
    common::shipped_app(1200.0, 700.0)
}

fn spec() -> ReportSpec {
    ReportSpec {
        width_css_px: 1200.0,
        title: "山东国际友好城市地图".into(),
        summary: "收录 384 对 <b>&</b>".into(),
        legend: Vec::new(),
        attribution: "底图：中国标准地图".into(),
        date: "导出于 2026-11-25".into(),
        ..ReportSpec::default()
    }
}

fn recorded(a: &mut App, spec: &ReportSpec) -> Vec<Draw> {
    let mut s = RecordingSurface::default();
    a.report(spec).render(&mut s);
    s.commands
}

fn texts(commands: &[Draw]) -> Vec<String> {
    commands
        .iter()
        .filter_map(|c| match c {
            Draw::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_report_is_drawn_from_the_state_so_a_smaller_canvas_gives_the_same_image() {
    let mut a = app();
    a.handle(Command::SetView {
        lon: 125.0,
        lat: 35.0,
        zoom: 3.0,
    });
    let wide = recorded(&mut a, &spec());
    // A panel opens: the canvas shrinks. The report does not change, and the view is kept.
    a.handle(Command::Resize {
        width: 760.0,
        height: 430.0,
        dpr: 2.0,
    });
    let before = a.map.viewport;
    let narrow = recorded(&mut a, &spec());
    assert_eq!(a.map.viewport, before, "the on-screen view is put back");
    assert!(wide == narrow, "same report with a smaller canvas");
    assert!(wide.len() > 20);
}

#[test]
fn the_scale_comes_from_the_asked_width_or_scale_and_stays_within_the_canvas_limit() {
    let mut a = app();
    let r = a.report(&ReportSpec {
        scale: Some(2.0),
        ..spec()
    });
    let (w, h) = r.device_px();
    assert_eq!(w, 2400);
    assert_eq!(f64::from(h), (r.height_css_px * 2.0).round());
    assert!(r.map_height_css_px > 500.0 && r.map_height_css_px < r.height_css_px);
    let r = a.report(&ReportSpec {
        width_px: Some(3000.0),
        scale: Some(2.0),
        ..spec()
    });
    assert_eq!(r.device_px().0, 3000, "a chosen width wins over the scale");
    let r = a.report(&ReportSpec {
        scale: Some(50.0),
        ..spec()
    });
    let (w, h) = r.device_px();
    assert!(w <= 8192 && h <= 8192, "{w} × {h}");
    for bad in [f64::NAN, -1.0, 0.0] {
        let r = a.report(&ReportSpec {
            scale: Some(bad),
            width_css_px: f64::INFINITY,
            ..spec()
        });
        assert_eq!(r.scale, 1.0);
        assert_eq!(r.width_css_px, 320.0);
    }
}

#[test]
fn the_panel_carries_title_summary_legend_with_counts_attribution_and_date() {
    let mut a = app();
    a.handle(Command::SetFilter {
        filter: Filter {
            cities: vec!["weifang".into()],
            ..Filter::default()
        },
    });
    let labels: Vec<String> = a
        .snapshot()
        .legend
        .iter()
        .map(|e| format!("L-{}", e.key))
        .collect();
    let weifang = a
        .snapshot()
        .legend
        .iter()
        .find(|e| e.key == "weifang")
        .map(|e| e.visible);
    let r = a.report(&ReportSpec {
        legend: labels,
        ..spec()
    });
    let t = texts(&{
        let mut s = RecordingSurface::default();
        r.render(&mut s);
        s.commands
    });
    // The map's own names come first; the panel starts with the title.
    let first = t
        .iter()
        .position(|x| x == "山东国际友好城市地图")
        .expect("the title");
    let t = t[first..].to_vec();
    assert_eq!(t[0], "山东国际友好城市地图");
    assert!(t.contains(&"收录 384 对 <b>&</b>".to_string()), "{t:?}");
    assert!(
        t.contains(&format!("L-weifang ({})", weifang.expect("weifang"))),
        "{t:?}"
    );
    assert_eq!(
        t.iter().filter(|x| x.starts_with("L-")).count(),
        1,
        "only entries with pairs on the map: {t:?}"
    );
    assert!(t.contains(&"底图：中国标准地图".to_string()));
    assert_eq!(t.last().map(String::as_str), Some("导出于 2026-11-25"));
    // Everything in the panel lies inside the image, below the map.
    for item in &r.panel {
        let at = match item {
            PanelItem::Text { at, .. } | PanelItem::Swatch { at, .. } => at,
        };
        assert!(
            at.x >= 0.0
                && at.x < r.width_css_px
                && at.y > r.map_height_css_px
                && at.y < r.height_css_px,
            "{item:?}"
        );
    }
}

#[test]
fn the_svg_has_the_arcs_and_escaped_texts_and_names_nothing_outside_itself() {
    let mut a = app();
    let hostile = ReportSpec {
        title: "<script>alert(1)</script> & \u{0}".into(),
        ..spec()
    };
    let report = a.report(&hostile);
    let arcs = report.map.arcs.len();
    let svg = report.to_svg();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; </text>"));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("收录 384 对 &lt;b&gt;&amp;&lt;/b&gt;"));
    // Every arc bundle is a stroke (the inset's leader lines, when shown, are strokes too).
    assert!(svg.matches("class=\"yc-arcs\"").count() >= arcs);
    assert!(arcs >= 17, "one bundle per Shandong side at least: {arcs}");
    for outside in ["href", "url(", "<image", "<style", "@import"] {
        assert!(!svg.contains(outside), "{outside}");
    }
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
}

#[test]
fn a_zoomed_svg_leaves_out_the_land_outside_its_frame() {
    let mut a = app();
    let all = a.report(&spec()).map.land.len();
    a.handle(Command::SetView {
        lon: 120.0,
        lat: 36.0,
        zoom: 30.0,
    });
    let near = a.report(&spec()).map.land.len();
    assert!(near > 0 && near * 4 < all, "{near} of {all} shapes");
}

#[test]
fn flow_on_adds_moving_comets_on_the_arcs_and_off_adds_none() {
    let mut a = app();
    assert!(a.flow_scene(500.0).flow.is_empty(), "off by default");
    let r = a.handle(Command::SetFlow { on: true });
    assert!(r.redraw && a.animating() && a.snapshot().flow);
    assert!(
        !a.handle(Command::SetFlow { on: true }).redraw,
        "no change, no redraw"
    );
    // The dots' centres, batch by batch (a batch is one colour and size).
    let at = |a: &App, t: f64| -> Vec<ScreenPt> {
        let batches = a.flow_scene(t).flow;
        batches.into_iter().flat_map(|b| b.centres).collect()
    };
    let (one, two) = (at(&a, 1000.0), at(&a, 1400.0));
    let drawn_arcs = a.map.visible().len();
    assert!(
        one.len() > drawn_arcs && one.len() <= 3 * drawn_arcs,
        "{} dots for {drawn_arcs} arcs",
        one.len()
    );
    assert!(one != two, "the dots move with time");
    assert!(one == at(&a, 1000.0), "the same time gives the same frame");
    let lap = at(&a, 1000.0 + youcheng::map::FLOW_PERIOD_MS);
    let off = one
        .iter()
        .zip(&lap)
        .map(|(p, q)| (p.x - q.x).hypot(p.y - q.y))
        .fold(0.0, f64::max);
    assert!(
        one.len() == lap.len() && off < 1e-6,
        "one lap per period: {off}"
    );
    let only = a.flow_scene(1000.0);
    assert!(
        only.arcs.is_empty() && only.land.is_empty() && only.partners.is_empty(),
        "only the dots"
    );
    // A selection quiets the dimmed arcs: only the emphasised pair's comet moves.
    a.handle(Command::Select {
        id: Some("qingdao-shimonoseki".into()),
        pin: false,
    });
    let selected = at(&a, 1000.0);
    assert!(
        !selected.is_empty() && selected.len() <= 3,
        "{}",
        selected.len()
    );
    let q = a.map.project(LonLat::new(120.38, 36.07)).expect("Qingdao");
    let s = a
        .map
        .project(LonLat::new(130.94, 33.96))
        .expect("Shimonoseki");
    let head = selected[0];
    let (lo_x, hi_x) = (q.x.min(s.x) - 20.0, q.x.max(s.x) + 20.0);
    assert!(
        head.x > lo_x && head.x < hi_x,
        "{head:?} between {q:?} and {s:?}"
    );
    assert!(a.handle(Command::SetFlow { on: false }).redraw);
    assert!(at(&a, 1000.0).is_empty() && !a.animating() && !a.snapshot().flow);
}
