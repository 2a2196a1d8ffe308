//! A network whose origins are not Shandong's: a portal's own origins file (here the first
//! origins of the world twin-city list in tests/fixtures) loads with its partnerships, the lists
//! the controls show stay short, and an unknown key's message names a few keys, not thousands.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use std::collections::HashMap;
use youcheng::app::views::LISTED_ORIGINS;
use youcheng::app::{App, Command};
use youcheng::dataset::{LoadMode, COLUMNS};
use youcheng::filter::Filter;

/// `n` origins of the world list (first city of a pair, in file order) and one pair each, in
/// the widget's schema; countries matched by their English name in countries.csv.
fn world_network(n: usize) -> (String, String) {
    let countries = common::read("data/countries.csv");
    let mut iso = HashMap::new();
    for r in csv::Reader::from_reader(&countries[..]).records() {
        let r = r.expect("countries.csv");
        iso.insert(r[2].to_string(), r[0].to_string());
    }
    let list = common::read("tests/fixtures/world_twin_cities.csv");
    let mut origins = String::from("key,name_zh,name_en,lon,lat,coord_source,note\n");
    let mut pairs = COLUMNS.join(",") + "\n";
    let mut seen = HashMap::new();
    for r in csv::Reader::from_reader(&list[..]).records() {
        let r = r.expect("world list");
        let (Some(c1), Some(c2)) = (iso.get(&r[1]), iso.get(&r[5])) else {
            continue;
        };
        if seen.contains_key(&r[0]) || r[0].contains(['"', ',']) || r[4].contains(['"', ',']) {
            continue;
        }
        let key = format!("o{}-{}", seen.len(), c1.to_lowercase());
        seen.insert(r[0].to_string(), ());
        origins += &format!("{key},,{},{},{},test,\n", &r[0], &r[3], &r[2]);
        pairs += &format!(
            "w{},{key},,,{},,,{c2},city,unknown,unconfirmed,,{},{},test,https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities,,\n",
            seen.len(), &r[4], &r[7], &r[6]
        );
        if seen.len() == n {
            break;
        }
    }
    (origins, pairs)
}

fn app_with(origins: &str, pairs: &str) -> (App, youcheng::app::LoadReport) {
    app_sized((1200.0, 700.0), origins, pairs)
}

/// [`app_with`] on a map of `size` CSS px.
fn app_sized(size: (f64, f64), origins: &str, pairs: &str) -> (App, youcheng::app::LoadReport) {
    let mut a = App::new(size.0, size.1);
    let r = a.load_reference_named(
        "origins.csv",
        origins.as_bytes(),
        &common::read("data/countries.csv"),
        &common::read("data/groups.csv"),
    );
    assert!(r.ok, "{:?}", r.errors);
    let r = a.load_partnerships(
        "pairs.csv",
        pairs.as_bytes(),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    (a, r)
}

#[test]
fn a_network_of_other_origins_loads_and_lists_the_origins_with_most_pairs() {
    let (origins, pairs) = world_network(60);
    let (a, r) = app_with(&origins, &pairs);
    assert!(r.ok, "{:?}", r.errors);
    assert_eq!(r.pairs, 60);
    let s = a.snapshot();
    assert_eq!(s.choices.all_pairs, 60);
    assert_eq!(s.choices.cities.len(), LISTED_ORIGINS);
    assert_eq!(s.choices.more_cities, 60 - LISTED_ORIGINS);
    assert!(s.legend.len() <= LISTED_ORIGINS);
    assert_eq!(
        s.choices.cities[0].name_zh, "",
        "no Chinese names were given"
    );
    // The statistics count pairs per origin for the listed ones only, and say how many are not.
    assert_eq!(s.stats.stats.by_city.len(), LISTED_ORIGINS);
    assert_eq!(s.stats.more_cities, 60 - LISTED_ORIGINS);
    assert_eq!(s.stats.stats.pairs, 60, "every pair still counted");
}

#[test]
fn an_origin_in_the_filter_stays_listed_even_when_it_has_few_pairs() {
    let (origins, pairs) = world_network(60);
    let (mut a, _) = app_with(&origins, &pairs);
    let last = a.snapshot().choices.cities.len(); // every origin has 1 pair: the first 40 are listed
    let key = origins
        .lines()
        .nth(55)
        .expect("row")
        .split(',')
        .next()
        .expect("key")
        .to_string();
    assert!(last == 40 && !a.snapshot().choices.cities.iter().any(|c| c.key == key));
    a.handle(Command::SetFilter {
        filter: Filter {
            cities: vec![key.clone()],
            ..Filter::default()
        },
    });
    let s = a.snapshot();
    assert!(s
        .choices
        .cities
        .iter()
        .any(|c| c.key == key && c.visible == 1));
    assert_eq!(s.stats.stats.pairs, 1);
}

#[test]
fn an_unknown_origin_key_names_twenty_keys_and_the_count() {
    let (origins, pairs) = world_network(60);
    let bad = pairs.replacen(",o0-", ",nowhere-", 1);
    let (_, r) = app_with(&origins, &bad);
    assert!(!r.ok);
    let e = r
        .errors
        .iter()
        .find(|e| e.field == "shandong_city")
        .expect("the key is reported");
    let known = e.params.get("known").expect("known keys");
    assert_eq!(known.matches(", ").count(), 20, "{known}");
    assert!(known.ends_with("(60 in all)"), "{known}");
}

#[test]
fn shandong_keys_are_still_the_default_and_all_seventeen_are_listed() {
    let a = common::shipped_app(1200.0, 700.0);
    let s = a.snapshot();
    assert_eq!((s.choices.cities.len(), s.choices.more_cities), (17, 0));
    assert_eq!(s.choices.all_pairs, s.stats.stats.pairs);
}

#[test]
fn a_network_of_many_origins_has_no_shandong_inset() {
    let (origins, pairs) = world_network(60);
    let (a, r) = app_with(&origins, &pairs);
    assert!(r.ok);
    assert!(
        a.snapshot().inset.is_none(),
        "60 origins over the world: no inset"
    );
    let shipped = common::shipped_app(1200.0, 700.0);
    assert!(
        shipped.snapshot().inset.is_some(),
        "Shandong's 17 crowded at the first view"
    );
}

#[test]
fn arcs_at_rest_are_hairlines_in_a_dense_network_and_as_before_at_the_shipped_size() {
    let (origins, pairs) = world_network(600);
    let (a, r) = app_with(&origins, &pairs);
    assert!(r.ok);
    assert!(a.map.visible().len() >= 500, "{}", a.map.visible().len());
    let (_, width) = a.map.rest_arc();
    assert!(width <= 1.0, "a dense network's arcs: {width} CSS px");
    // The shipped 384 pairs keep the width they had: the theme's × (0.5 + 0.5 √(80 / 384)).
    let shipped = common::shipped_app(1200.0, 700.0);
    let n = shipped.map.visible().len() as f64;
    let (_, width) = shipped.map.rest_arc();
    let before = shipped.map.theme.arc_width_px * (0.5 + 0.5 * (80.0_f64 / n).sqrt().max(0.45));
    assert!((width - before).abs() < 1e-12, "{width} vs {before}");
    assert!(width > 1.0);
}

#[test]
fn a_zoomed_in_layer_counts_only_the_stacks_on_the_canvas() {
    let (origins, pairs) = world_network(1500);
    let (mut a, r) = app_with(&origins, &pairs);
    assert!(r.ok);
    let digits = |s: &youcheng::scene::Scene| {
        s.labels
            .iter()
            .filter(|t| t.text.chars().all(|c| c.is_ascii_digit()))
            .map(|t| t.at)
            .collect::<Vec<_>>()
    };
    let counted = |m: &youcheng::map::MapState| {
        m.layout()
            .stacks
            .iter()
            .filter(|s| s.members.len() > 1)
            .count()
    };
    a.map.refresh_layout();
    let first = digits(&a.map.layer_scene());
    let stacks = counted(&a.map);
    assert!(stacks > 20, "{stacks} stacks of two or more");
    assert_eq!(
        first.len(),
        stacks,
        "the first view shows the whole world: every count"
    );
    // Zoomed in eight times on the middle: most stacks are off the canvas, and so are their counts.
    a.map
        .viewport
        .zoom_about(youcheng::viewport::ScreenPt::new(600.0, 350.0), 8.0);
    a.map.refresh_layout();
    let zoomed = digits(&a.map.layer_scene());
    let (w, h) = (a.map.viewport.width_css_px, a.map.viewport.height_css_px);
    let all = counted(&a.map);
    assert!(
        zoomed.len() < all,
        "{} counts of {all} stacks",
        zoomed.len()
    );
    for p in &zoomed {
        assert!(
            p.x > -20.0 && p.y > -20.0 && p.x < w + 20.0 && p.y < h + 20.0,
            "{p:?} off a {w}×{h} canvas"
        );
    }
}

/// The arcs layer rasterised from `map.layer_scene()` directly, and from the list a worker
/// holding a copy of the arcs (sent as `map.arc_numbers()`) is sent: the view and each bundle's
/// pairs by number. Both images, and the two lists' lengths.
fn layer_both_ways(map: &youcheng::MapState, dpr: f64) -> (Vec<u8>, Vec<u8>, (usize, usize)) {
    use youcheng::map::ArcStore;
    use youcheng::raster::{Commands, Raster};
    use youcheng::surface::RecordingSurface;
    let v = map.viewport;
    let (w, h) = (
        (v.width_css_px * dpr) as usize,
        (v.height_css_px * dpr) as usize,
    );
    let image = |r: &mut Raster| r.rgba().map(|i| (i.rgba.to_vec(), i.at, i.size));
    // Directly, and as the list of every line's points a worker was sent before.
    let scene = map.layer_scene();
    let (mut direct, mut lines) = (Raster::default(), Commands::default());
    direct.begin(w, h);
    for step in scene.overlay_steps() {
        let mut none = RecordingSurface::default();
        scene.render_overlay_step(&mut none, (&mut direct, dpr), &step);
        scene.render_overlay_step(&mut none, (&mut lines, dpr), &step);
    }
    // By number, from a copy of the arcs sent as numbers.
    let store = ArcStore::from_numbers(7.0, &map.arc_numbers()).expect("the map's own arcs read");
    assert_eq!(store.len(), map.dataset().partnerships.len());
    let mut numbered = Commands::default();
    let rest = map.layer_by_number(&mut numbered, 7.0, dpr);
    assert!(rest.arcs.is_empty());
    assert_eq!(rest.labels, scene.labels);
    assert_eq!(rest.partners, scene.partners);
    for step in rest.overlay_steps() {
        let mut none = RecordingSurface::default();
        rest.render_overlay_step(&mut none, (&mut numbered, dpr), &step);
    }
    let mut whole = Raster::default();
    whole.begin(w, h);
    Commands::replay(numbered.values(), &mut whole, Some(&store)).expect("a well-formed list");
    // In bands of rows, as the workers split it (each making only the lines that reach its rows).
    let cuts = numbered.bands(h, 3);
    let mut banded = vec![0u8; w * h * 4];
    for pair in cuts.windows(2) {
        let mut band = Raster::default();
        band.begin_rows(w, h, pair[0]..pair[1]);
        Commands::replay(numbered.values(), &mut band, Some(&store)).expect("a band");
        if let Some(i) = band.rgba() {
            for (row, px) in i.rgba.chunks_exact(i.size.0 * 4).enumerate() {
                let start = ((i.at.1 + row) * w + i.at.0) * 4;
                banded[start..start + px.len()].copy_from_slice(px);
            }
        }
    }
    let want = image(&mut direct).expect("arcs drawn");
    assert!(want.0.chunks_exact(4).filter(|p| p[3] > 0).count() > 5_000);
    let got = image(&mut whole).expect("drawn");
    assert!(want == got, "by number: other pixels");
    let mut full = vec![0u8; w * h * 4];
    for (row, px) in got.0.chunks_exact(got.2 .0 * 4).enumerate() {
        let start = ((got.1 .1 + row) * w + got.1 .0) * 4;
        full[start..start + px.len()].copy_from_slice(px);
    }
    (
        full,
        banded,
        (lines.values().len(), numbered.values().len()),
    )
}

#[test]
fn the_arcs_layer_drawn_by_number_from_a_workers_copy_of_the_arcs_has_the_map_s_pixels() {
    // Shandong's network coloured by decade (bundles painted each), and 1,500 origins of the
    // world list (thousands of bundles of one calm stroke, painted as one); the whole world at
    // dpr 1 and Europe zoomed 4× at dpr 2 (most arcs off the canvas).
    let mut shipped = common::shipped_app(1280.0, 720.0);
    shipped.map.set_colour_by(youcheng::style::ColourBy::Decade);
    let (origins, pairs) = world_network(1500);
    let (world, r) = app_with(&origins, &pairs);
    assert!(r.ok);
    for mut map in [shipped.map, world.map] {
        for (dpr, zoom) in [(1.0, None), (2.0, Some((10.0, 50.0, 4.0)))] {
            if let Some((lon, lat, z)) = zoom {
                map.set_view_lonlat(youcheng::LonLat::new(lon, lat), z);
            }
            map.refresh_layout();
            let (whole, banded, (lines, numbered)) = layer_both_ways(&map, dpr);
            assert!(whole == banded, "dpr {dpr}: bands made apart differ");
            // The numbers sent: a view and the pairs, not every line's points.
            assert!(
                numbered < lines,
                "dpr {dpr}: {numbered} numbers by number vs {lines} as lines"
            );
        }
    }
}

#[test]
fn a_list_naming_arcs_the_rasteriser_does_not_hold_does_not_read() {
    use youcheng::map::ArcStore;
    use youcheng::raster::{BadCommands, Commands, Raster};
    let app = common::shipped_app(800.0, 500.0);
    let store = ArcStore::from_numbers(3.0, &app.map.arc_numbers()).expect("reads");
    let mut list = Commands::default();
    let _ = app.map.layer_by_number(&mut list, 4.0, 1.0);
    let mut r = Raster::default();
    r.begin(800, 500);
    // Another id, or no arcs at all: the view does not read (at 0, where it starts).
    assert_eq!(
        Commands::replay(list.values(), &mut r, Some(&store)),
        Err(BadCommands { at: 0 })
    );
    assert_eq!(
        Commands::replay(list.values(), &mut r, None),
        Err(BadCommands { at: 0 })
    );
    // Pair numbers: one past the last draws nothing; a negative or fractional one does not read.
    let mut view = Commands::default();
    let _ = app.map.layer_by_number(&mut view, 3.0, 1.0);
    let head = &view.values()[..7];
    for (pair, ok) in [(1e6, true), (-1.0, false), (1.5, false), (f64::NAN, false)] {
        let list: Vec<f64> = head.iter().copied().chain([5.0, 1.0, 1.0, pair]).collect();
        assert_eq!(
            Commands::replay(&list, &mut r, Some(&store)).is_ok(),
            ok,
            "pair {pair}"
        );
    }
    // Arcs that do not read: each error says where.
    let ok = [
        1.0,
        1.0,
        2.0,
        0.1,
        0.2,
        f64::INFINITY,
        0.3,
        0.4,
        f64::INFINITY,
    ];
    assert_eq!(ArcStore::from_numbers(1.0, &ok).map(|s| s.len()), Ok(1));
    let mut short = ok.to_vec();
    short.pop();
    let mut long = ok.to_vec();
    long.push(0.0);
    let mut nan = ok.to_vec();
    nan[3] = f64::NAN;
    let mut huge = ok.to_vec();
    huge[2] = 1e9;
    for (numbers, error) in [
        (short, "bad line at 3"),
        (long, "bad end (numbers left over) at 9"),
        (nan, "bad point at 3"),
        (huge, "bad point count at 2"),
        (vec![-1.0], "bad pair count at 0"),
        (vec![], "bad pair count at 0"),
    ] {
        let got = ArcStore::from_numbers(1.0, &numbers).map(|s| s.len());
        assert_eq!(got, Err(format!("map arcs: {error}")), "{numbers:?}");
    }
}

/// The flow at a network of thousands of arcs: at most FLOW_MAX_COMETS comets (every k-th arc,
/// spread over the data), computed in a few milliseconds rather than hundreds; with a selection,
/// only its comet moves.
#[test]
fn the_flow_of_a_large_network_moves_at_most_a_couple_of_thousand_comets() {
    use youcheng::map::FLOW_MAX_COMETS;
    let (origins, pairs) = world_network(6_000);
    let (mut a, r) = app_with(&origins, &pairs);
    assert!(r.ok, "{:?}", r.errors);
    let arcs = a.map.visible().len();
    assert!(arcs > 2 * FLOW_MAX_COMETS, "{arcs} arcs");
    a.handle(Command::SetFlow { on: true });
    let t = std::time::Instant::now();
    let dots: usize = (a.flow_scene(1000.0).flow.iter())
        .map(|b| b.centres.len())
        .sum();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("flow at {arcs} arcs: {dots} dots in {ms:.1} ms");
    assert!(
        dots > FLOW_MAX_COMETS && dots <= 3 * FLOW_MAX_COMETS,
        "{dots} dots"
    );
    // The comets come from all over the data, not its first rows.
    let last = a.map.visible()[arcs - 1];
    let id = a.map.dataset().partnerships[last].id.clone();
    a.handle(Command::Select {
        id: Some(id),
        pin: false,
    });
    let one: usize = (a.flow_scene(1000.0).flow.iter())
        .map(|b| b.centres.len())
        .sum();
    assert!((1..=3).contains(&one), "{one} dots for the selected pair");
}

/// A list without dates: the vocabulary says no pair has a year (the year filter then offers no
/// range); the shipped data's pairs have theirs.
#[test]
fn a_network_without_dates_says_so_in_its_vocabulary() {
    let (origins, pairs) = world_network(50);
    let (a, r) = app_with(&origins, &pairs);
    assert!(r.ok, "{:?}", r.errors);
    assert!(!a.snapshot().vocabulary.dated);
    assert!(
        common::shipped_app(800.0, 600.0)
            .snapshot()
            .vocabulary
            .dated
    );
}

/// A network of more than `COARSE_FIRST_PAIRS` pairs is first shown with coarse arcs (a
/// quarter of the points), then refined in idle time, before the hit index is made, to exactly
/// the arcs each pair has at full detail; a view closer than coarse arcs are good for, or a
/// canvas large enough, has them refined at once.
#[test]
fn a_large_network_is_shown_with_coarse_arcs_first_then_refined_to_full_detail() {
    use youcheng::map::{ARC_MAX_SEGMENT_M, COARSE_FIRST_PAIRS};
    let (origins, pairs) = world_network(COARSE_FIRST_PAIRS + 300);
    let (mut a, r) = app_with(&origins, &pairs);
    assert!(r.ok, "{:?}", r.errors);
    let n = a.map.dataset().partnerships.len();
    assert!(n > COARSE_FIRST_PAIRS, "{n} pairs");
    // Every pair's arc at full detail, as the kernels make one arc alone.
    let full = |map: &youcheng::MapState| {
        let ds = map.dataset();
        let (arcs, lod): (Vec<_>, Vec<_>) = (ds.partnerships.iter())
            .map(|p| {
                let ends = (ds.city_of(p).location, p.location);
                let (arc, lod, _) =
                    youcheng_kernels::lod::arc_geometry(map.projection, ends, ARC_MAX_SEGMENT_M);
                (arc, lod)
            })
            .unzip();
        youcheng_kernels::arcs::FlatArcs::pack(&arcs, &lod)
    };
    let expected = full(&a.map);
    assert!(a.map.arcs_coarse(), "first shown coarse");
    let coarse = a.map.arc_numbers();
    assert!(
        coarse.len() * 2 < expected.len(),
        "coarse {} vs full {} numbers",
        coarse.len(),
        expected.len()
    );
    let hover = a.handle(Command::PointerMove {
        id: 1,
        x: 600.0,
        y: 300.0,
    });
    assert!(hover.error.is_none());
    // Idle time refines them a number of pairs a call, and only then makes the hit index.
    let mut calls = 0;
    while a.map.arcs_coarse() {
        assert!(a.handle(Command::Prepare { pairs: 200 }).pending);
        assert!(
            !a.map.has_hit_index(),
            "the index waits for the refined arcs"
        );
        calls += 1;
        assert!(calls < 100, "never done");
    }
    assert_eq!(calls, n.div_ceil(200), "{n} pairs, 200 a call");
    assert_eq!(a.map.arc_numbers(), expected);
    while a.handle(Command::Prepare { pairs: 200 }).pending {}
    assert!(a.map.has_hit_index());
    // A closer view refines them at once (at 4× on a 1200 px map, ~760 px per world unit).
    let (mut b, _) = app_with(&origins, &pairs);
    assert!(b.map.arcs_coarse());
    b.handle(Command::SetView {
        lon: 10.0,
        lat: 50.0,
        zoom: 4.0,
    });
    assert!(!b.map.arcs_coarse(), "refined for the close view");
    assert_eq!(b.map.arc_numbers(), expected);
    // So does a canvas wide enough that the whole world is drawn larger than that.
    let (wide, r) = app_sized((4000.0, 2000.0), &origins, &pairs);
    assert!(r.ok);
    assert!(!wide.map.arcs_coarse(), "a 4,000 px map is refined at once");
    assert_eq!(wide.map.arc_numbers(), expected);
    // The same data's hovers as a map that never had coarse arcs, once refined.
    let (mut c, _) = app_with(&origins, &pairs);
    c.map.set_coarse_first(false);
    assert!(!c.map.arcs_coarse());
    for (x, y) in [
        (600.0, 300.0),
        (300.0, 200.0),
        (900.0, 450.0),
        (150.0, 500.0),
    ] {
        let mv = |app: &mut App| app.handle(Command::PointerMove { id: 1, x, y }).hover;
        assert_eq!(mv(&mut a), mv(&mut c), "hover at ({x}, {y})");
    }
}
