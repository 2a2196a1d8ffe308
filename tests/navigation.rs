//! Search as navigation in the application layer, with the shipped data: the result list,
//! choosing a result (selection, filter, the view goes there), fitting the view to what is
//! visible (across the seam), and the flight the page drives frame by frame.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use youcheng::app::fly::FLIGHT_MS;
use youcheng::app::{App, Command, Response};
use youcheng::dataset::LoadMode;
use youcheng::filter::Filter;
use youcheng::search::HitKind;

const W: f64 = 1200.0;
const H: f64 = 700.0;

fn app() -> App {
    common::shipped_app(W, H)
}

/// Whether both ends of pair `id` are drawn inside the canvas.
fn ends_inside(a: &App, id: &str) -> bool {
    let d = a.details(id).expect("pair");
    let ds = a.map.dataset();
    let (_, p) = ds.by_id(id).expect("pair");
    let origin = ds.city_of(p).location;
    let Some(partner) = p.location else {
        return true;
    };
    [origin, partner].iter().all(|&l| {
        let s = a.map.project(l).expect("projects");
        (0.0..=W).contains(&s.x) && (0.0..=H).contains(&s.y)
    }) && !d.row.id.is_empty()
}

fn choose(a: &mut App, kind: HitKind, key: &str, animate: bool) -> Response {
    a.handle(Command::Choose {
        kind,
        key: key.into(),
        animate,
    })
}

#[test]
fn search_answers_with_ranked_results_and_changes_nothing() {
    let mut a = app();
    let before = a.snapshot();
    let r = a.handle(Command::Search {
        text: "Shimonoseky".into(),
        limit: 8,
    });
    assert_eq!(r.results[0].key, "qingdao-shimonoseki");
    assert!(!r.redraw && !r.data_changed && !r.selection_changed);
    assert_eq!(a.snapshot(), before);
    let many = a.handle(Command::Search {
        text: "district".into(),
        limit: 1000,
    });
    assert_eq!(many.results.len(), 20, "capped");
}

#[test]
fn choosing_a_pair_selects_it_clears_the_text_and_jumps_to_it() {
    let mut a = app();
    a.handle(Command::SetFilter {
        filter: Filter {
            text: "shimo".into(),
            ..Filter::default()
        },
    });
    assert_eq!(a.map.viewport.zoom, 1.0, "the whole map before");
    let r = choose(&mut a, HitKind::Pair, "qingdao-shimonoseki", false);
    assert!(r.selection_changed && r.data_changed && r.view && !r.flying);
    assert_eq!(a.selection_ids(), ["qingdao-shimonoseki"]);
    assert_eq!(a.snapshot().filter.text, "");
    assert!(
        a.map.viewport.zoom > 4.0,
        "zoomed in: {}",
        a.map.viewport.zoom
    );
    assert!(ends_inside(&a, "qingdao-shimonoseki"));
    assert!(choose(&mut a, HitKind::Pair, "nowhere", false)
        .error
        .is_some());
}

#[test]
fn choosing_a_hidden_pair_clears_the_filter_that_hides_it() {
    let mut a = app();
    a.handle(Command::SetFilter {
        filter: Filter {
            cities: vec!["weifang".into()],
            ..Filter::default()
        },
    });
    choose(&mut a, HitKind::Pair, "qingdao-shimonoseki", false);
    assert!(a.visible_ids().contains(&"qingdao-shimonoseki".to_string()));
    assert!(ends_inside(&a, "qingdao-shimonoseki"));
}

#[test]
fn choosing_a_country_filters_to_it_and_fits_its_pairs() {
    let mut a = app();
    let r = choose(&mut a, HitKind::Country, "US", false);
    assert!(r.data_changed && r.view);
    assert_eq!(a.snapshot().filter.countries, ["US"]);
    let ids = a.visible_ids();
    assert!(ids.len() >= 20);
    for id in &ids {
        assert!(ends_inside(&a, id), "{id}");
    }
}

#[test]
fn choosing_a_shandong_city_selects_its_fan() {
    let mut a = app();
    choose(&mut a, HitKind::City, "weifang", false);
    assert_eq!(a.selection_ids(), ["@weifang"]);
    let weifang: Vec<String> = a
        .visible_ids()
        .into_iter()
        .filter(|id| id.starts_with("weifang-"))
        .collect();
    assert!(weifang.len() > 10);
    for id in &weifang {
        assert!(ends_inside(&a, id), "{id}");
    }
}

#[test]
fn fit_to_visible_shows_every_visible_pair_also_across_the_seam() {
    let mut a = app();
    // Brazil and Japan: the lines to Brazil cross the seam (30° W) on the far side of the map.
    for countries in [vec!["BR", "JP"], vec!["KR"], vec!["US", "GB"]] {
        a.handle(Command::ResetView);
        a.handle(Command::SetFilter {
            filter: Filter {
                countries: countries.iter().map(|c| c.to_string()).collect(),
                ..Filter::default()
            },
        });
        let r = a.handle(Command::FitVisible { animate: false });
        assert!(r.view && r.error.is_none());
        for id in a.visible_ids() {
            assert!(ends_inside(&a, &id), "{countries:?}: {id}");
        }
    }
    // Korea alone is a close fit: zoomed well in.
    a.handle(Command::SetFilter {
        filter: Filter {
            countries: vec!["KR".into()],
            ..Filter::default()
        },
    });
    a.handle(Command::FitVisible { animate: false });
    assert!(a.map.viewport.zoom > 4.0, "zoom {}", a.map.viewport.zoom);
    // Nothing visible: refused, the view stays.
    a.handle(Command::SetFilter {
        filter: Filter {
            text: "qxzvqxzv".into(),
            ..Filter::default()
        },
    });
    let before = a.map.viewport;
    assert!(a
        .handle(Command::FitVisible { animate: false })
        .error
        .is_some());
    assert_eq!(a.map.viewport, before);
    // setView keeps working after a fit.
    a.handle(Command::SetView {
        lon: 120.0,
        lat: 36.0,
        zoom: 3.0,
    });
    assert!((a.view().expect("view").zoom - 3.0).abs() < 1e-9);
}

#[test]
fn a_flight_runs_in_frames_and_lands_on_the_jump() {
    let mut jump = app();
    choose(&mut jump, HitKind::Pair, "qingdao-shimonoseki", false);
    let mut a = app();
    let r = choose(&mut a, HitKind::Pair, "qingdao-shimonoseki", true);
    assert!(r.flying && r.redraw && !r.view);
    assert_eq!(a.map.viewport.zoom, 1.0, "nothing moved yet");
    let mut frames = 0;
    let mut zooms = vec![];
    let mut ms = 0.0;
    loop {
        ms += 16.7;
        let r = a.handle(Command::FlyFrame { ms });
        frames += 1;
        zooms.push(a.map.viewport.zoom);
        if !r.flying {
            assert!(r.view, "the last frame says the view moved");
            break;
        }
        assert!(frames < 1000);
    }
    assert_eq!(frames, (FLIGHT_MS / 16.7).ceil() as usize);
    assert!(zooms.windows(2).all(|w| w[1] >= w[0] - 1e-12));
    assert_eq!(
        a.map.viewport, jump.map.viewport,
        "lands where the jump goes"
    );
    // Once landed, a frame does nothing.
    let r = a.handle(Command::FlyFrame { ms: ms + 100.0 });
    assert!(!r.redraw && !r.flying);
}

#[test]
fn the_visitor_moving_the_map_ends_a_flight() {
    let mut a = app();
    choose(&mut a, HitKind::Country, "KR", true);
    a.handle(Command::FlyFrame { ms: 100.0 });
    a.handle(Command::Key {
        key: "+".into(),
        shift: false,
    });
    let after_key = a.map.viewport;
    let r = a.handle(Command::FlyFrame { ms: 200.0 });
    assert!(!r.flying && !r.redraw);
    assert_eq!(a.map.viewport, after_key);
}

#[test]
fn a_chosen_view_is_fitted_again_when_the_canvas_shrinks_until_the_visitor_moves_it() {
    let mut a = app();
    choose(&mut a, HitKind::Country, "US", false);
    // The detail panel opens beside the map: the canvas loses 360 px.
    a.handle(Command::Resize {
        width: W - 360.0,
        height: H,
        dpr: 1.0,
    });
    for id in a.visible_ids() {
        let (_, p) = a.map.dataset().by_id(&id).expect("pair");
        if let Some(l) = p.location {
            let s = a.map.project(l).expect("projects");
            assert!((0.0..=W - 360.0).contains(&s.x), "{id}: {s:?}");
        }
    }
    // Once the visitor zooms, a resize keeps their view.
    a.handle(Command::Key {
        key: "+".into(),
        shift: false,
    });
    let mine = a.map.viewport;
    a.handle(Command::Resize {
        width: W,
        height: H,
        dpr: 1.0,
    });
    assert_eq!(
        (a.map.viewport.centre, a.map.viewport.zoom),
        (mine.centre, mine.zoom)
    );
}

#[test]
fn choosing_a_place_selects_its_first_pair_and_fits_all_of_its_pairs() {
    let mut a = app();
    let ds = a.map.dataset().clone();
    let same_place = |p: &youcheng::dataset::Partnership, q: &youcheng::dataset::Partnership| {
        q.country == p.country && q.partner_en == p.partner_en
    };
    let first = ds
        .partnerships
        .iter()
        .find(|p| ds.partnerships.iter().filter(|q| same_place(p, q)).count() > 1)
        .expect("a partner place with several pairs");
    let place = a
        .handle(Command::Search {
            text: first.partner_en.clone(),
            limit: 20,
        })
        .results
        .into_iter()
        .find(|h| h.kind == HitKind::Place)
        .expect("listed as a place");
    assert_eq!(place.key, first.id);
    let same: Vec<String> = ds
        .partnerships
        .iter()
        .filter(|q| same_place(first, q))
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(same.len(), place.pairs);
    choose(&mut a, HitKind::Place, &place.key, false);
    assert_eq!(a.selection_ids(), std::slice::from_ref(&place.key));
    for id in &same {
        assert!(ends_inside(&a, id), "{id}");
    }
}

#[test]
fn new_data_forgets_the_fitted_pairs_and_the_flight() {
    let mut a = app();
    choose(&mut a, HitKind::Country, "US", true);
    let r = a.load_partnerships(
        "partnerships.csv",
        &common::read("data/partnerships.csv"),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    assert!(r.ok);
    let before = a.map.viewport;
    assert!(!a.handle(Command::FlyFrame { ms: 100.0 }).flying);
    a.handle(Command::Resize {
        width: W,
        height: H,
        dpr: 1.0,
    });
    assert_eq!(
        (a.map.viewport.centre, a.map.viewport.zoom),
        (before.centre, before.zoom)
    );
}
