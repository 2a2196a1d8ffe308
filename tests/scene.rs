//! What the map draws, asserted through the recording surface.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use common::{gazetteer, shipped, TODAY};
use youcheng::basemap::Basemap;
use youcheng::dataset::Dataset;
use youcheng::geometry::LonLat;
use youcheng::style::Theme;
use youcheng::surface::{Command, RecordingSurface, ScreenPt};
use youcheng::MapState;

const SQUARE_BASEMAP: &str = r#"{"type":"FeatureCollection","features":[
  {"type":"Feature","properties":{"name":"中国","iso_a2":"CN"},
   "geometry":{"type":"Polygon","coordinates":[[[110,30],[120,30],[120,40],[110,40],[110,30]]]}}]}"#;

fn two_pairs() -> Dataset {
    let csv = "id,shandong_city,partner_en,country,lon,lat,sources\n\
               qingdao-shimonoseki,qingdao,Shimonoseki,JP,130.93333,33.95,https://example.org\n\
               jinan-sacramento,jinan,Sacramento,US,-121.4944,38.58157,https://example.org\n";
    Dataset::load(&gazetteer(), "two.csv", csv.as_bytes(), TODAY, None)
        .expect("valid")
        .dataset
}

/// A `w` × `h` map of the shipped data on the shipped basemap.
fn shipped_map(w: f64, h: f64) -> MapState {
    let mut map = MapState::new(w, h);
    map.set_basemap(&common::basemap());
    map.set_dataset(shipped());
    map
}

fn record(map: &MapState) -> Vec<Command> {
    let mut s = RecordingSurface::default();
    map.render(&mut s);
    s.commands
}

/// One pair whose great circle crosses the seam (30° W) over the South Atlantic.
fn sao_paulo_map() -> MapState {
    let csv = "id,shandong_city,partner_en,country,lon,lat,sources\n\
               shandong-sao-paulo,shandong,São Paulo,BR,-46.63611,-23.5475,https://example.org\n";
    let ds = Dataset::load(&gazetteer(), "one.csv", csv.as_bytes(), TODAY, None)
        .expect("valid")
        .dataset;
    let mut map = MapState::new(1000.0, 600.0);
    map.set_dataset(ds);
    map
}

/// The lines of the first arc bundle the map draws.
fn first_arc_bundle(map: &MapState) -> Vec<Vec<ScreenPt>> {
    record(map)
        .into_iter()
        .find_map(|c| match c {
            Command::StrokeLines { lines, .. } => Some(lines),
            _ => None,
        })
        .expect("an arc")
}

fn near(a: ScreenPt, b: ScreenPt) -> bool {
    (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6
}

#[test]
fn a_small_scene_draws_background_land_arcs_partners_then_origins() {
    let mut map = MapState::new(1000.0, 600.0);
    map.set_basemap(&Basemap::parse(SQUARE_BASEMAP).expect("basemap"));
    map.set_dataset(two_pairs());
    let theme = Theme::default();
    let all = record(&map);
    // Then the partners' names and the Shandong inset (the two origins lie within a few px).
    assert!(all[8..].iter().any(|c| matches!(c, Command::Text { .. })));
    assert!(all[8..].iter().all(|c| !matches!(c, Command::StrokeLines { lines, .. } if lines.len() == 1 && lines[0].len() > 10)), "no arc after the dots");
    let cmds = &all[..8];
    assert_eq!(cmds[0], Command::Clear(theme.ocean));
    match &cmds[1] {
        Command::FillRings { rings, fill, .. } => {
            assert_eq!(*fill, theme.china, "China is filled in its own colour");
            assert_eq!(rings.len(), 1);
            assert_eq!(rings[0].len(), 4, "the repeated closing vertex is dropped");
        }
        other => panic!("land expected, got {other:?}"),
    }
    // Arcs grouped by Shandong key in shandong.csv order: Jinan (1) before Qingdao (2).
    let jinan = map
        .project(LonLat::new(116.99722, 36.66833))
        .expect("jinan");
    let sacramento = map
        .project(LonLat::new(-121.4944, 38.58157))
        .expect("sacramento");
    match &cmds[2] {
        Command::StrokeLines { lines, stroke } => {
            assert_eq!(
                stroke.colour,
                theme.city_colour(1).with_alpha(theme.arc_alpha)
            );
            assert_eq!(
                lines.len(),
                1,
                "Jinan–Sacramento does not cross the seam (30° W)"
            );
            assert!(near(lines[0][0], jinan) && near(*lines[0].last().expect("end"), sacramento));
            // The great circle to California bows north of both ends (smaller y on screen).
            let top = lines[0].iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
            assert!(top < jinan.y - 20.0 && top < sacramento.y - 20.0);
        }
        other => panic!("arcs expected, got {other:?}"),
    }
    assert!(
        matches!(&cmds[3], Command::StrokeLines { stroke, .. } if stroke.colour == theme.city_colour(2).with_alpha(theme.arc_alpha))
    );
    let dots: Vec<(ScreenPt, f64)> = cmds[4..]
        .iter()
        .map(|c| match c {
            Command::Dot {
                centre, radius_px, ..
            } => (*centre, *radius_px),
            other => panic!("dot expected, got {other:?}"),
        })
        .collect();
    assert!(dots[..2].iter().all(|(_, r)| *r == theme.partner_radius_px));
    assert!(dots[2..].iter().all(|(_, r)| *r == theme.origin_radius_px));
    assert!(dots[2..].iter().any(|(c, _)| near(*c, jinan)));
}

#[test]
fn an_arc_across_the_seam_is_split_at_the_map_edges() {
    let map = sao_paulo_map();
    let left = map
        .viewport
        .to_screen(youcheng::geometry::WorldXY {
            x: -std::f64::consts::PI,
            y: 0.0,
        })
        .x;
    let right = map
        .viewport
        .to_screen(youcheng::geometry::WorldXY {
            x: std::f64::consts::PI,
            y: 0.0,
        })
        .x;
    let lines = first_arc_bundle(&map);
    assert_eq!(lines.len(), 2, "split into two pieces");
    let ends: Vec<f64> = vec![lines[0].last().expect("end").x, lines[1][0].x];
    assert!(
        ends.iter().any(|x| (x - left).abs() < 1e-6)
            && ends.iter().any(|x| (x - right).abs() < 1e-6),
        "{ends:?}"
    );
    assert!(
        (lines[0].last().expect("end").y - lines[1][0].y).abs() < 1e-6,
        "both pieces meet the seam at one latitude"
    );
}

#[test]
fn no_shipped_arc_is_drawn_across_the_map() {
    let map = shipped_map(1200.0, 700.0);
    let width = map
        .viewport
        .to_screen(youcheng::geometry::WorldXY {
            x: std::f64::consts::PI,
            y: 0.0,
        })
        .x
        - map
            .viewport
            .to_screen(youcheng::geometry::WorldXY {
                x: -std::f64::consts::PI,
                y: 0.0,
            })
            .x;
    let pole_y = map.project(LonLat::new(0.0, -90.0)).expect("pole").y;
    let mut segments = 0;
    for c in record(&map) {
        match c {
            Command::StrokeLines { lines, .. } => {
                for w in lines.iter().flat_map(|l| l.windows(2)) {
                    segments += 1;
                    assert!(
                        (w[1].x - w[0].x).abs() < width / 4.0,
                        "segment {w:?} jumps across the map"
                    );
                }
            }
            Command::FillRings { rings, .. } => {
                for w in rings.iter().flat_map(|r| r.windows(2)) {
                    let along_pole =
                        (w[0].y - pole_y).abs() < 1e-6 && (w[1].y - pole_y).abs() < 1e-6;
                    assert!(
                        along_pole || (w[1].x - w[0].x).abs() < width / 2.0,
                        "basemap edge {w:?} jumps across the map"
                    );
                }
            }
            _ => {}
        }
    }
    assert!(segments > 1000, "{segments}");
}

#[test]
fn the_filter_limits_what_is_drawn() {
    let mut map = MapState::new(800.0, 500.0);
    map.set_dataset(shipped());
    let all = map.visible().len();
    map.set_filter(youcheng::filter::Filter {
        cities: vec!["weifang".into()],
        ..Default::default()
    });
    let weifang = map.visible().len();
    assert!(weifang > 0 && weifang < all);
    let bundles = record(&map)
        .iter()
        .filter(|c| matches!(c, Command::StrokeLines { .. }))
        .count();
    assert_eq!(bundles, 1, "only Weifang's arcs");
}

#[test]
fn hit_testing_finds_the_arc_under_the_pointer_and_nothing_far_from_it() {
    use youcheng::hit::Target;
    let mut map = MapState::new(1000.0, 600.0);
    map.set_dataset(two_pairs());
    let (jinan_sacramento, _) = map.dataset().by_id("jinan-sacramento").expect("present");
    // A point on the drawn arc, from the recorded scene.
    let line = first_arc_bundle(&map).swap_remove(0);
    let on = line[line.len() / 2];
    assert_eq!(
        map.hit(ScreenPt::new(on.x, on.y + 2.0), 5.0),
        Some(Target::Arc(jinan_sacramento))
    );
    assert_eq!(map.hit(ScreenPt::new(on.x, on.y + 40.0), 5.0), None);
    // The partner dot at Sacramento beats the arc that ends there.
    let sacramento = map
        .project(LonLat::new(-121.4944, 38.58157))
        .expect("sacramento");
    assert_eq!(
        map.hit(sacramento, 5.0),
        Some(Target::Partner(jinan_sacramento))
    );
    // The index lives in world units: after zooming and panning, the same arc is found where
    // it is now drawn, and the reach stays 5 CSS px.
    map.viewport.zoom_about(ScreenPt::new(300.0, 200.0), 3.0);
    map.viewport.pan_by(-40.0, 25.0);
    let line = first_arc_bundle(&map).swap_remove(0);
    let on = line[line.len() / 2];
    assert_eq!(
        map.hit(ScreenPt::new(on.x + 3.0, on.y), 5.0),
        Some(Target::Arc(jinan_sacramento))
    );
    assert_eq!(map.hit(ScreenPt::new(on.x, on.y + 12.0), 5.0), None);
}

#[test]
fn a_seam_split_arc_is_hit_on_both_sides_of_the_map() {
    use youcheng::hit::Target;
    let mut map = sao_paulo_map();
    let lines = first_arc_bundle(&map);
    assert_eq!(lines.len(), 2);
    for piece in &lines {
        let p = piece[piece.len() / 2];
        assert_eq!(map.hit(p, 3.0), Some(Target::Arc(0)), "piece through {p:?}");
    }
}

#[test]
fn the_south_china_sea_line_and_islands_are_drawn_as_marks_in_both_themes() {
    let basemap =
        Basemap::parse(&String::from_utf8(common::read("data/basemap.json")).expect("utf-8"))
            .expect("basemap");
    for theme in [Theme::default(), Theme::dark()] {
        let mut map = MapState::new(1200.0, 600.0);
        map.theme = theme.clone();
        map.set_basemap(&basemap);
        let scene = map.base_scene();
        // The ten dashes and the islands of the shipped basemap: China's small parts.
        assert!(
            scene.marks.len() == 1 && scene.marks[0].rings.len() >= 18,
            "{}",
            scene.marks.len()
        );
        let stroke = scene.mark_stroke.expect("a mark stroke");
        assert_eq!(stroke.colour, theme.marks);
        assert!(stroke.width_px >= 1.5);
        // The mark colour stands out from the ocean (a contrast ratio of at least 3).
        assert!(
            contrast(theme.marks, theme.ocean) >= 3.0,
            "{:?}",
            theme.marks
        );
        // Every mark lies in the South China Sea or off Taiwan (105–126° E, 3–27° N).
        let (lo, hi) = (
            map.project(LonLat::new(105.0, 27.0)).expect("p"),
            map.project(LonLat::new(126.0, 3.0)).expect("p"),
        );
        for ring in &scene.marks[0].rings {
            for p in ring {
                assert!(
                    p.x >= lo.x - 1.0
                        && p.x <= hi.x + 1.0
                        && p.y >= lo.y - 1.0
                        && p.y <= hi.y + 1.0,
                    "{p:?}"
                );
            }
        }
        // Drawn after the land, with the mark stroke.
        let cmds = record(&map);
        let last = cmds.iter().rposition(
            |c| matches!(c, Command::FillRings { outline: Some(o), .. } if o.colour == theme.marks),
        );
        let first_land = cmds
            .iter()
            .position(|c| matches!(c, Command::FillRings { .. }));
        assert!(last.is_some() && last > first_land);
    }
}

fn contrast(a: youcheng::style::Rgba, b: youcheng::style::Rgba) -> f64 {
    let lum = |c: youcheng::style::Rgba| {
        let ch = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn the_arcs_layer_built_a_run_of_pairs_at_a_time_is_the_layer_built_at_once() {
    let mut map = shipped_map(1280.0, 720.0);
    map.set_colour_by(youcheng::style::ColourBy::Decade);
    map.refresh_layout();
    let whole = map.layer_scene();
    assert!(whole.arcs.len() > 3, "{} bundles", whole.arcs.len());
    for run in [1, 7, 100] {
        let mut build = map.layer_build();
        let mut steps = 1;
        let scene = loop {
            if let Some(scene) = map.layer_build_step(&mut build, run) {
                break scene;
            }
            steps += 1;
        };
        assert_eq!(scene, whole, "runs of {run}");
        assert_eq!(
            steps,
            map.visible().len().div_ceil(run).max(1),
            "runs of {run}"
        );
    }
}

#[test]
fn the_flow_follows_new_data_after_it_ran_on_the_old() {
    // The flow's paths are made when it first runs; new data must not keep the old ones.
    let mut map = MapState::new(1000.0, 600.0);
    map.set_dataset(two_pairs());
    assert!(
        !map.flow_dots(500.0).is_empty(),
        "the flow ran on two pairs"
    );
    let sao_paulo = sao_paulo_map();
    map.set_dataset(sao_paulo.dataset().clone());
    let centres = |m: &MapState| {
        m.flow_dots(500.0)
            .into_iter()
            .flat_map(|b| b.centres)
            .map(|p| (p.x.round(), p.y.round()))
            .collect::<Vec<_>>()
    };
    assert!(!centres(&map).is_empty());
    assert_eq!(
        centres(&map),
        centres(&sao_paulo),
        "the comets of the new data's one arc"
    );
}

/// The land is drawn at the screen's detail: vertices under half a pixel from the last one kept
/// are left out, and rings wholly off the canvas are not drawn; China's marks (the South China
/// Sea line and islands) are drawn whole at every view.
#[test]
fn the_land_is_drawn_at_the_screens_detail_and_marks_whole() {
    let basemap = common::basemap();
    let all: usize = basemap
        .features
        .iter()
        .flat_map(|f| &f.shape.0)
        .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
        .sum();
    let mut map = MapState::new(1280.0, 720.0);
    map.set_basemap(&basemap);
    let count = |rings: &[Vec<ScreenPt>]| rings.iter().map(Vec::len).sum::<usize>();
    let first = map.base_scene();
    let drawn: usize = first.land.iter().map(|l| count(&l.rings)).sum();
    // The shipped basemap is simplified for the first view already (10,502 of 11,693 are
    // drawn); a portal's detailed outlines lose far more.
    assert!(
        drawn * 100 < all * 95,
        "{drawn} of {all} vertices at the first view"
    );
    let marks: usize = first.marks.iter().map(|l| count(&l.rings)).sum();
    map.set_view_lonlat(LonLat::new(10.0, 50.0), 8.0); // Europe
    let zoomed = map.base_scene();
    let canvas = youcheng::scene::Rect::new(0.0, 0.0, 1280.0, 720.0).grow(2.0);
    let rings: Vec<&Vec<ScreenPt>> = zoomed.land.iter().flat_map(|l| &l.rings).collect();
    assert!(
        rings.len() * 4 < first.land.iter().map(|l| l.rings.len()).sum::<usize>(),
        "{} rings in Europe",
        rings.len()
    );
    assert!(
        rings
            .iter()
            .all(|r| r.iter().any(|p| canvas.contains(*p)) || {
                let (x0, x1) = r
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
                let (y0, y1) = r
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.y), b.max(p.y)));
                canvas.overlaps(&youcheng::scene::Rect::new(x0, y0, x1 - x0, y1 - y0))
            }),
        "only rings on the canvas"
    );
    // Zoomed in, the land on the canvas keeps more of its detail than at the first view.
    let detail =
        |s: &youcheng::scene::Scene| s.land.iter().map(|l| count(&l.rings)).sum::<usize>() as f64;
    assert!(
        detail(&zoomed) / rings.len() as f64
            > detail(&first) / first.land.iter().map(|l| l.rings.len()).sum::<usize>() as f64
    );
    // China's marks: every vertex at the first view.
    let china_marks: usize = basemap
        .features
        .iter()
        .filter(|f| f.iso2 == "CN")
        .flat_map(|f| &f.shape.0)
        .filter(|p| {
            use geo::BoundingRect;
            p.bounding_rect()
                .is_some_and(|r| r.width().max(r.height()) < youcheng::map::MARK_MAX_DEG)
        })
        // A ring's closing vertex (the first again) is dropped when it is projected.
        .map(|p| {
            p.exterior().0.len() - 1 + p.interiors().iter().map(|r| r.0.len() - 1).sum::<usize>()
        })
        .sum();
    assert!(
        marks == china_marks && china_marks > 0,
        "{marks} mark vertices drawn of {china_marks}"
    );
}

/// The arcs layer built again at a view keeps each pair's lines on the screen: after a filter
/// change at the same view, a pan, or new data, its scene is the one a map that kept nothing
/// makes.
#[test]
fn the_arcs_layer_keeps_screen_lines_only_for_its_view_and_data() {
    let mut map = shipped_map(1280.0, 720.0);
    map.refresh_layout();
    let fresh = |m: &MapState| m.clone().layer_scene(); // a copy keeps no lines
    let first = map.layer_scene();
    assert_eq!(first.arcs, fresh(&map).arcs);
    // The second build at a view keeps the lines, the third copies them.
    assert_eq!(
        map.layer_scene().arcs,
        first.arcs,
        "built again, keeping the lines"
    );
    assert_eq!(
        map.layer_scene().arcs,
        first.arcs,
        "built from the kept lines"
    );
    // A filter at the same view: only Qingdao's pairs.
    map.set_filter(youcheng::filter::Filter {
        cities: vec!["qingdao".into()],
        ..Default::default()
    });
    map.refresh_layout();
    let qingdao = map.layer_scene();
    assert_eq!(qingdao.arcs, fresh(&map).arcs);
    let lines = |s: &youcheng::scene::Scene| s.arcs.iter().map(|b| b.lines.len()).sum::<usize>();
    assert!(
        lines(&qingdao) > 0 && lines(&qingdao) < lines(&first),
        "{} of {}",
        lines(&qingdao),
        lines(&first)
    );
    // A pan: the lines follow the view.
    map.viewport.pan_by(37.0, -12.0);
    map.refresh_layout();
    let panned = map.layer_scene();
    assert_eq!(panned.arcs, fresh(&map).arcs);
    assert_ne!(panned.arcs, qingdao.arcs);
    assert_eq!(
        map.layer_scene().arcs,
        panned.arcs,
        "kept for the next build"
    );
    // New data of the same length at the same view: none of the old lines.
    let mut moved = shipped();
    for p in &mut moved.partnerships {
        if let Some(l) = &mut p.location {
            l.lat = (l.lat - 5.0).max(-80.0);
        }
    }
    map.set_dataset(moved);
    map.refresh_layout();
    assert_eq!(map.layer_scene().arcs, fresh(&map).arcs);
}

#[test]
fn the_arcs_layer_sent_as_commands_to_a_worker_comes_back_as_the_same_pixels() {
    use youcheng::raster::{Commands, Raster};
    // The shipped map coloured by decade (many bundles, some dots ringed), zoomed into
    // Europe at device pixel ratio 2, and the whole world at 1.
    let mut map = shipped_map(1280.0, 720.0);
    map.set_colour_by(youcheng::style::ColourBy::Decade);
    for (dpr, zoom) in [(1.0, None), (2.0, Some((10.0, 50.0, 4.0)))] {
        if let Some((lon, lat, z)) = zoom {
            map.set_view_lonlat(LonLat::new(lon, lat), z);
        }
        map.refresh_layout();
        let scene = map.layer_scene();
        let (w, h) = ((1280.0 * dpr) as usize, (720.0 * dpr) as usize);
        let (mut direct, mut commands) = (Raster::default(), Commands::default());
        direct.begin(w, h);
        for step in scene.overlay_steps() {
            let mut none = RecordingSurface::default();
            scene.render_overlay_step(&mut none, (&mut direct, dpr), &step);
            scene.render_overlay_step(&mut none, (&mut commands, dpr), &step);
        }
        let mut replayed = Raster::default();
        replayed.begin(w, h);
        Commands::replay(commands.values(), &mut replayed, None).expect("a well-formed list");
        let image = |r: &mut Raster| r.rgba().map(|i| (i.rgba.to_vec(), i.at, i.size));
        let want = image(&mut direct).expect("arcs drawn");
        assert!(want.0.chunks_exact(4).filter(|p| p[3] > 0).count() > 10_000);
        assert!(
            want == image(&mut replayed).expect("drawn"),
            "dpr {dpr}: other pixels"
        );
    }
}

/// The land's drawing as a list for the page's worker says all of it: the shipped basemap's
/// base scene, at the first view and zoomed in, replays call for call as it was drawn.
#[test]
fn the_lands_list_for_a_worker_replays_as_the_land_is_drawn() {
    let mut map = MapState::new(1280.0, 720.0);
    map.set_basemap(&common::basemap());
    for zoom in [None, Some(6.0)] {
        if let Some(z) = zoom {
            map.set_view_lonlat(LonLat::new(120.0, 36.0), z);
        }
        let scene = map.base_scene();
        let (mut direct, mut list, mut replayed) = (
            RecordingSurface::default(),
            youcheng::fills::FillCommands::default(),
            RecordingSurface::default(),
        );
        scene.render_base(&mut direct);
        scene.render_base(&mut list);
        assert!(!list.unsupported, "the land is clears and fills only");
        list.replay(&mut replayed).unwrap();
        assert!(
            direct.commands.len() > 100,
            "{} calls",
            direct.commands.len()
        );
        assert_eq!(replayed.commands, direct.commands);
    }
}
