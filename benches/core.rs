//! Hit-testing, filtering and frame building at the shipped size (~300 pairs) and at the scale
//! of the world's twin-city list (25,917 pairs, tests/fixtures/world_twin_cities.csv).
//! Run: `make bench` (cargo bench --bench core).
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use youcheng::basemap::Basemap;
use youcheng::dataset::{
    Continent, Country, Dataset, Gazetteer, Level, PartialDate, Partnership, Relation,
    ShandongCity, Sources, Status,
};
use youcheng::filter::Filter;
use youcheng::geometry::LonLat;
use youcheng::search::SearchIndex;
use youcheng::surface::{RecordingSurface, ScreenPt};
use youcheng::MapState;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn shipped() -> (Dataset, Basemap) {
    let gaz = Gazetteer::load(
        &read("data/shandong.csv"),
        &read("data/countries.csv"),
        &read("data/groups.csv"),
    )
    .expect("gazetteer");
    let basemap = Basemap::parse(&String::from_utf8(read("data/basemap.json")).expect("utf8"))
        .expect("basemap");
    let ds = Dataset::load(
        &gaz,
        "partnerships.csv",
        &read("data/partnerships.csv"),
        PartialDate::ymd(2026, 11, 21),
        None,
    )
    .expect("valid")
    .dataset;
    (ds, basemap)
}

/// The world twin-city pairs as a dataset: each pair's first city is an origin.
fn world() -> Dataset {
    let bytes = read("tests/fixtures/world_twin_cities.csv");
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let mut cities: Vec<ShandongCity> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let country = Country {
        iso2: "XX".into(),
        name_en: "World".into(),
        name_zh: "世界".into(),
        continent: Continent::Asia,
        groups: vec![],
        aliases: vec![],
    };
    let mut partnerships = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let r = record.expect("record");
        let num = |i: usize| r.get(i).and_then(|s| s.parse::<f64>().ok());
        let (Some(lat1), Some(lon1), Some(lat2), Some(lon2)) = (num(2), num(3), num(6), num(7))
        else {
            continue;
        };
        let key = format!("{}|{}", &r[0], &r[1]);
        let city = *index.entry(key.clone()).or_insert_with(|| {
            cities.push(ShandongCity {
                key,
                name_zh: String::new(),
                name_en: r[0].to_string(),
                location: LonLat::new(lon1, lat1),
                aliases: vec![],
            });
            cities.len() - 1
        });
        partnerships.push(Partnership {
            id: format!("w{n}"),
            line: n as u64 + 2,
            city,
            subunit_zh: String::new(),
            subunit_en: String::new(),
            partner_en: r[4].to_string(),
            partner_zh: String::new(),
            partner_zh_source: String::new(),
            country: 0,
            level: Level::City,
            relation: Relation::Unknown,
            status: Status::Signed,
            established: None,
            location: Some(LonLat::new(lon2, lat2)),
            coord_source: String::new(),
            sources: Sources::new("world_twin_cities.csv"),
            note: String::new(),
            note_zh: String::new(),
        });
    }
    Dataset {
        gazetteer: Gazetteer::new(cities, vec![country], vec![]),
        partnerships,
        source_name: "world".into(),
        coverage: None,
        sources_apart: false,
    }
}

fn bench_size(c: &mut Criterion, label: &str, ds: Dataset, basemap: &Basemap) {
    let mut map = MapState::new(1280.0, 720.0);
    map.set_basemap(basemap);
    map.set_dataset(ds.clone());
    // The arcs at full detail, as idle time leaves a large network's first, coarse ones (the
    // rows below measure the map after it; "prepare a dataset" measures the coarse first).
    map.refine_all();
    // Stacks, names and the inset are laid out once per settled view, as the app does.
    map.refresh_layout();
    let pairs = ds.partnerships.len();
    let index = map.hit_index();
    eprintln!("{label}: {pairs} pairs, {} indexed pieces", index.len());
    let scale = map.viewport.scale();
    let probes: Vec<ScreenPt> = (0..64)
        .map(|i| ScreenPt::new(20.0 + 19.0 * i as f64, 100.0 + 8.0 * i as f64))
        .collect();

    c.bench_function(&format!("{label}/hit-test 64 pointer positions"), |b| {
        b.iter(|| {
            probes
                .iter()
                .filter(|p| index.hit(map.viewport.to_world(**p), 6.0 / scale).is_some())
                .count()
        })
    });
    // A hover as the map answers it (the inset and stacks first), with the hit index made in
    // idle time, and before: the parts not made yet looked at pair by pair (`HitIndex::hit_with`).
    let mut made = map.clone();
    while !made.prepare_when_idle(usize::MAX) {}
    let mut before = map.clone();
    assert!(!before.has_hit_index());
    for (name, m) in [
        ("hit index made", &mut made),
        ("before the hit index", &mut before),
    ] {
        c.bench_function(
            &format!("{label}/hover 64 pointer positions, {name}"),
            |b| b.iter(|| probes.iter().filter(|p| m.hit(**p, 6.0).is_some()).count()),
        );
    }
    assert!(!before.has_hit_index(), "a hover does not make it");
    // What the map prepares per data change before its first frame (arcs projected and cut at
    // the seam, the partner places): the hit index and the search names are left to idle time
    // (their rows below), after a load at once or in steps.
    let mut fresh = map.clone();
    c.bench_function(&format!("{label}/prepare a dataset for the map"), |b| {
        b.iter_batched(
            || ds.clone(),
            |d| {
                fresh.set_dataset(d);
                black_box(fresh.visible().len())
            },
            criterion::BatchSize::LargeInput,
        )
    });
    // Refining a large network's coarse arcs to full detail, in idle time after its first frame.
    let mut coarse = map.clone();
    coarse.set_dataset(ds.clone());
    if coarse.arcs_coarse() {
        c.bench_function(&format!("{label}/refine the first, coarse arcs"), |b| {
            b.iter_batched(
                || coarse.clone(),
                |mut m| {
                    m.refine_all();
                    black_box(m.arcs_coarse())
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    c.bench_function(&format!("{label}/build hit index"), |b| {
        b.iter(|| black_box(map.hit_index().len()))
    });
    let index_keys = SearchIndex::new(&ds);
    let text = Filter {
        text: "sh".into(),
        ..Default::default()
    };
    c.bench_function(&format!("{label}/filter by text"), |b| {
        b.iter(|| black_box(text.apply_indexed(&ds, || &index_keys).len()))
    });
    c.bench_function(&format!("{label}/build the search index"), |b| {
        b.iter(|| black_box(SearchIndex::new(&ds).len()))
    });
    c.bench_function(&format!("{label}/ranked search with a typo"), |b| {
        b.iter(|| black_box(index_keys.search(&ds, "Shimonoseky", 8).len()))
    });
    let typo = Filter {
        text: "Shimonoseky".into(),
        ..Default::default()
    };
    c.bench_function(&format!("{label}/filter by text with a typo"), |b| {
        b.iter(|| black_box(typo.apply_indexed(&ds, || &index_keys).len()))
    });
    let years = Filter {
        year_from: Some(1990),
        year_to: Some(2010),
        relations: vec!["unknown".into()],
        ..Default::default()
    };
    c.bench_function(&format!("{label}/filter by years and relation"), |b| {
        b.iter(|| black_box(years.apply(&ds).len()))
    });
    c.bench_function(&format!("{label}/build and record one frame"), |b| {
        b.iter(|| {
            let mut s = RecordingSurface::default();
            map.render(&mut s);
            black_box(s.commands.len())
        })
    });
    // A filter change's layout: the stacks, the names and the inset made anew for the new pairs
    // (the inset, kept while only the view moves, is placed again: the pairs it avoids changed).
    let mut filtered = map.clone();
    let mut on = false;
    // What a snapshot after a filter change counts and lists: the statistics of the visible
    // pairs, the filter choices with their counts, the legend and the controls' vocabulary.
    c.bench_function(&format!("{label}/snapshot parts: statistics"), |b| {
        b.iter(|| black_box(youcheng::app::views::stats(&filtered)))
    });
    c.bench_function(&format!("{label}/snapshot parts: choices"), |b| {
        b.iter(|| black_box(youcheng::app::views::choices(&filtered)))
    });
    c.bench_function(&format!("{label}/snapshot parts: legend"), |b| {
        b.iter(|| black_box(youcheng::app::views::legend(&filtered)))
    });
    c.bench_function(&format!("{label}/snapshot parts: vocabulary"), |b| {
        b.iter(|| black_box(youcheng::app::vocabulary::vocabulary(&filtered, 2026)))
    });
    c.bench_function(&format!("{label}/lay out after a filter change"), |b| {
        b.iter(|| {
            on = !on;
            let continents = if on {
                vec!["europe".to_string()]
            } else {
                vec![]
            };
            filtered.set_filter(Filter {
                continents,
                ..Filter::default()
            });
            filtered.refresh_stale_layout();
        })
    });
    // What a settled view lays out (stacks, names, the inset): at the first view and zoomed in
    // four times on the middle of the map, each iteration a view 1 px from the last (a pan: the
    // stacks, which depend on the zoom alone, are the last layout's).
    for (what, zoom) in [("first view", 1.0), ("zoomed in 4×", 4.0)] {
        let mut moved = map.clone();
        moved.viewport.zoom_about(ScreenPt::new(640.0, 360.0), zoom);
        let mut step = 1.0;
        c.bench_function(&format!("{label}/lay out a settled view ({what})"), |b| {
            b.iter(|| {
                step = -step;
                moved.viewport.pan_by(step, 0.0);
                moved.refresh_layout();
            })
        });
    }
    // What a view change lays out: a new zoom (the stacks grouped again), here the middle of the
    // map at 4× and the first view in turn, as `make bench-web`'s view changes alternate.
    let mut zoomed = map.clone();
    let mut at_four = false;
    c.bench_function(&format!("{label}/lay out a new view (4× and back)"), |b| {
        b.iter(|| {
            at_four = !at_four;
            if at_four {
                zoomed.viewport.zoom_about(ScreenPt::new(640.0, 360.0), 4.0);
            } else {
                zoomed.viewport.reset();
            }
            zoomed.refresh_layout();
        })
    });
    // A pan frame: only the overlay (arcs and dots) is built; the land comes from the cached layer.
    let mut by_decade = map.clone();
    by_decade.set_colour_by(youcheng::style::ColourBy::Decade);
    by_decade.refresh_layout();
    c.bench_function(&format!("{label}/overlay frame coloured by decade"), |b| {
        b.iter(|| {
            let mut s = RecordingSurface::default();
            by_decade.overlay_scene().render(&mut s);
            black_box(s.commands.len())
        })
    });
    // The arcs layer (drawn afresh on a settled view or a filter change) and what a hover frame
    // draws over the copied layer.
    // At the same view (a filter, colour or timeline change) its arcs' lines on the screen are
    // kept from the last build; at a new view they are made again.
    c.bench_function(
        &format!("{label}/arcs layer scene (a filter change: the same view)"),
        |b| {
            b.iter(|| {
                let mut s = RecordingSurface::default();
                map.layer_scene().render(&mut s);
                black_box(s.commands.len())
            })
        },
    );
    // A new view each iteration (a 1 px pan): at the first view, and zoomed in four times on
    // the middle of the map, where most arcs lie off the canvas.
    let mut step = 1.0;
    for (what, zoom) in [("", 1.0), (" zoomed in 4×", 4.0)] {
        let mut moved = map.clone();
        moved.viewport.zoom_about(ScreenPt::new(640.0, 360.0), zoom);
        c.bench_function(
            &format!("{label}/arcs layer scene (a new view{what})"),
            |b| {
                b.iter(|| {
                    step = -step;
                    moved.viewport.pan_by(step, 0.0);
                    let mut s = RecordingSurface::default();
                    moved.layer_scene().render(&mut s);
                    black_box(s.commands.len())
                })
            },
        );
    }
    let mut panned = map.clone();
    // A new view's layer as the page builds it for its raster workers when the layer is large:
    // the scene, then its arcs and dots as a command list (src/raster.rs, `Commands`).
    let mut commands = youcheng::raster::Commands::default();
    c.bench_function(
        &format!("{label}/arcs layer as the workers' commands (a new view)"),
        |b| {
            b.iter(|| {
                step = -step;
                panned.viewport.pan_by(step, 0.0);
                let layer = panned.layer_scene();
                commands.clear();
                let mut none = RecordingSurface::default();
                for s in layer.overlay_steps().iter().filter(|s| {
                    matches!(
                        s,
                        youcheng::scene::Step::Arcs { .. } | youcheng::scene::Step::Dots(_)
                    )
                }) {
                    layer.render_overlay_step(&mut none, (&mut commands, 1.0), s);
                }
                black_box(commands.values().len())
            })
        },
    );
    // The same, once the workers hold the map's arcs: the list names each bundle's pairs by
    // number (the main thread's share of a new view), and what a worker then does with it —
    // the arcs sent once per dataset, and a new view's list rasterised there (its lines made
    // from its copy of the arcs), at dpr 1 as one band.
    c.bench_function(
        &format!("{label}/arcs layer as the workers' commands by number (a new view)"),
        |b| {
            b.iter(|| {
                step = -step;
                panned.viewport.pan_by(step, 0.0);
                commands.clear();
                let rest = panned.layer_by_number(&mut commands, 1.0, 1.0);
                let mut none = RecordingSurface::default();
                for s in rest
                    .overlay_steps()
                    .iter()
                    .filter(|s| matches!(s, youcheng::scene::Step::Dots(_)))
                {
                    rest.render_overlay_step(&mut none, (&mut commands, 1.0), s);
                }
                black_box(commands.values().len())
            })
        },
    );
    // The arcs sent to the workers: made into numbers on the main thread, read there.
    c.bench_function(
        &format!("{label}/the map's arcs as numbers for the workers"),
        |b| b.iter(|| black_box(map.arc_numbers().len())),
    );
    let numbers = map.arc_numbers();
    c.bench_function(&format!("{label}/worker: read the map's arcs"), |b| {
        b.iter(|| black_box(youcheng::map::ArcStore::from_numbers(1.0, &numbers).map(|s| s.len())))
    });
    let store = youcheng::map::ArcStore::from_numbers(1.0, &numbers).expect("the map's arcs");
    commands.clear();
    let _ = map.layer_by_number(&mut commands, 1.0, 1.0);
    let mut raster = youcheng::raster::Raster::default();
    c.bench_function(
        &format!("{label}/worker: rasterise a list by number (arcs only)"),
        |b| {
            b.iter(|| {
                raster.begin(1280, 720);
                let done = youcheng::raster::Commands::replay(
                    commands.values(),
                    &mut raster,
                    Some(&store),
                );
                black_box((done.is_ok(), raster.rgba().map(|i| i.rgba.len())))
            })
        },
    );
    // The same layer's arcs and dots rasterised by the core (src/raster.rs), as the page draws
    // them, at device pixel ratio 1 and 2.
    let layer = map.layer_scene();
    let steps = layer.overlay_steps();
    let arcs: Vec<_> = steps
        .iter()
        .filter(|s| {
            matches!(
                s,
                youcheng::scene::Step::Arcs { .. } | youcheng::scene::Step::Dots(_)
            )
        })
        .collect();
    for dpr in [1.0, 2.0] {
        let mut raster = youcheng::raster::Raster::default();
        c.bench_function(
            &format!("{label}/arcs layer rasterised (arcs and dots) at dpr {dpr}"),
            |b| {
                b.iter(|| {
                    raster.begin((1280.0 * dpr) as usize, (720.0 * dpr) as usize);
                    let mut none = RecordingSurface::default();
                    for step in &arcs {
                        layer.render_overlay_step(&mut none, (&mut raster, dpr), step);
                    }
                    black_box(raster.rgba().map(|i| i.rgba.len()))
                })
            },
        );
    }
    let mut hovered = map.clone();
    let first = hovered.visible().first().copied().unwrap_or(0);
    hovered.set_hover(Some(youcheng::hit::Target::Arc(first)));
    hovered.refresh_layout();
    c.bench_function(
        &format!("{label}/emphasis over the layer (a hover frame)"),
        |b| {
            b.iter(|| {
                let mut s = RecordingSurface::default();
                hovered.emphasis_scene().render(&mut s);
                black_box(s.commands.len())
            })
        },
    );
    // A pan frame with nothing emphasised: what is over the layers built and found the same as
    // the last frame's (`App::plan_top`), so that nothing is drawn.
    let last = map.emphasis_scene();
    c.bench_function(
        &format!("{label}/what is over the layers, compared with the last frame's"),
        |b| b.iter(|| black_box(map.emphasis_scene() == last)),
    );
    // A view change's land for its worker (session 20): the base scene projected for the view
    // and listed as numbers (`fills::FillCommands`), the main thread's share of the land.
    c.bench_function(&format!("{label}/the land listed for its worker"), |b| {
        b.iter(|| {
            let mut list = youcheng::fills::FillCommands::default();
            map.base_scene().render_base(&mut list);
            black_box(list.values.len())
        })
    });
    // A flow frame's own work: the comets' positions for one time (the overlay is as above).
    let mut t = 0.0;
    c.bench_function(&format!("{label}/flow dots for one frame"), |b| {
        b.iter(|| {
            t += 16.0;
            black_box(map.flow_dots(t).len())
        })
    });
}

/// Reading the shipped files as a map's first load did before shipped.bin (the reference tables,
/// the basemap, and partnerships.csv without its notes checked against both) and as it does now
/// (the basemap and shipped.bin).
fn bench_load(c: &mut Criterion) {
    let (shandong, countries, groups) = (
        read("data/shandong.csv"),
        read("data/countries.csv"),
        read("data/groups.csv"),
    );
    let basemap_text = String::from_utf8(read("data/basemap.json")).expect("utf8");
    let (partnerships, _) =
        youcheng::dataset::split_notes(&read("data/partnerships.csv")).expect("split");
    c.bench_function("shipped/read the reference tables", |b| {
        b.iter(|| black_box(Gazetteer::load(&shandong, &countries, &groups).is_ok()))
    });
    c.bench_function("shipped/read the basemap", |b| {
        b.iter(|| black_box(Basemap::parse(&basemap_text).is_ok()))
    });
    // The same outlines as the page reads them since session 17: basemap.bin (no JSON).
    let basemap_bin = Basemap::parse(&basemap_text)
        .expect("basemap")
        .to_binary(youcheng::basemap::COMPACT_QUANTUM_DEG);
    c.bench_function("shipped/read the basemap (basemap.bin)", |b| {
        b.iter(|| black_box(Basemap::read(&basemap_bin).is_ok()))
    });
    let gaz = Gazetteer::load(&shandong, &countries, &groups).expect("gazetteer");
    let basemap = Basemap::parse(&basemap_text).expect("basemap");
    let check = || {
        let today = PartialDate::ymd(2026, 11, 21);
        Dataset::load(
            &gaz,
            "partnerships.csv",
            &partnerships,
            today,
            Some(&basemap),
        )
    };
    c.bench_function("shipped/read and check partnerships.csv", |b| {
        b.iter(|| black_box(check().is_ok()))
    });
    bench_world_load(c, &countries, &groups, &basemap);
    let packed = Dataset::pack(&check().expect("valid")).expect("packs");
    c.bench_function(
        "shipped/read shipped.bin (the tables and pairs pre-validated)",
        |b| b.iter(|| black_box(Dataset::unpack(&packed).is_ok())),
    );
}

/// The world twin-city network as a portal's files (`make demo-world` writes them into
/// `www/data/world/`; skipped without them): read and checked, and loaded into a map (read,
/// checked, each pair's arc and the search keys), as the page's load does.
fn bench_world_load(c: &mut Criterion, countries: &[u8], groups: &[u8], basemap: &Basemap) {
    let dir = format!("{}/www/data/world", env!("CARGO_MANIFEST_DIR"));
    let (Ok(origins), Ok(pairs)) = (
        std::fs::read(format!("{dir}/origins.csv")),
        std::fs::read(format!("{dir}/partnerships.csv")),
    ) else {
        eprintln!("world load benches skipped: run `make demo-world` to write {dir}");
        return;
    };
    let gaz = Gazetteer::load_named("origins.csv", &origins, countries, groups).expect("origins");
    let today = PartialDate::ymd(2026, 11, 27);
    c.bench_function("world/read and check partnerships.csv", |b| {
        b.iter(|| {
            let loaded = Dataset::load(&gaz, "partnerships.csv", &pairs, today, Some(basemap));
            black_box(loaded.is_ok())
        })
    });
    // A map with the shipped basemap (the partners' countries are checked against its outlines,
    // as in the page) and the network's origins; each iteration loads the pairs anew.
    let mut app = youcheng::app::App::new(1280.0, 720.0);
    app.load_basemap(
        basemap.to_binary(youcheng::basemap::COMPACT_QUANTUM_DEG),
        false,
    )
    .expect("basemap");
    let r = app.load_reference_named("origins.csv", &origins, countries, groups);
    assert!(r.ok, "origins");
    c.bench_function("world/load partnerships.csv into a map", |b| {
        b.iter(|| {
            let mode = youcheng::dataset::LoadMode::AllOrNothing;
            let report = app.load_partnerships("partnerships.csv", &pairs, today, mode);
            black_box(report.ok)
        })
    });
}

fn benches(c: &mut Criterion) {
    bench_load(c);
    let (ds, basemap) = shipped();
    bench_size(c, "shipped", ds, &basemap);
    bench_size(c, "world-26k", world(), &basemap);
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = benches
}
criterion_main!(core);
