//! The views' JSON written by hand (`app::json`, what crosses to the page) is what serde_json
//! writes from their serde declarations, byte for byte: every kind of view from real sessions on
//! the shipped data (snapshots under filters and selections, every partner hovered, searches, URL
//! states with problems, loads good and bad, in steps, the coverage tables), and the strings and
//! numbers serde_json escapes or formats its own way.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use serde::Serialize;
use youcheng::app::json::{to_json, ToJson};
use youcheng::app::{App, Command};
use youcheng::dataset::LoadMode;
use youcheng::filter::Filter;
use youcheng::geometry::LonLat;

/// `to_json(v)` is `serde_json::to_string(v)`.
#[track_caller]
fn same<T: Serialize + ToJson + ?Sized>(what: &str, v: &T) {
    let want = serde_json::to_string(v).expect("serde_json writes it");
    assert_eq!(to_json(v), want, "{what}");
}

fn app() -> App {
    common::shipped_app(1200.0, 700.0)
}

fn snapshot_and_more(a: &App, what: &str) {
    same(&format!("{what}: snapshot"), &a.snapshot());
    same(&format!("{what}: frame stats"), &a.frame_stats());
    same(&format!("{what}: table"), &a.table());
    same(&format!("{what}: view"), &a.view());
}

#[test]
fn snapshots_under_filters_selections_colours_and_languages() {
    let mut a = app();
    snapshot_and_more(&a, "first view");
    let filters = [
        Filter {
            cities: vec!["qingdao".into(), "weifang".into()],
            ..Filter::default()
        },
        Filter {
            continents: vec!["europe".into()],
            year_from: Some(1990),
            year_to: Some(2010),
            ..Filter::default()
        },
        Filter {
            text: "sh".into(),
            hide_unknown_year: true,
            ..Filter::default()
        },
        Filter {
            groups: vec!["brics".into()],
            relations: vec!["cooperation".into()],
            levels: vec!["city".into()],
            show_unknown_year: true,
            year_from: Some(2000),
            ..Filter::default()
        },
        Filter {
            countries: vec!["ZZ".into()],
            ..Filter::default()
        },
    ];
    for (k, filter) in filters.into_iter().enumerate() {
        let r = a.handle(Command::SetFilter { filter });
        same(&format!("filter {k}: response"), &r);
        snapshot_and_more(&a, &format!("filter {k}"));
    }
    a.handle(Command::SetFilter {
        filter: Filter::default(),
    });
    for colour in ["relation", "decade", "city", "no-such-colour"] {
        let r = a.handle(Command::SetColourBy {
            colour: colour.into(),
        });
        same(&format!("colour {colour}: response"), &r);
        same(&format!("colour {colour}: snapshot"), &a.snapshot());
    }
    let r = a.handle(Command::Select {
        id: Some("qingdao-shimonoseki".into()),
        pin: false,
    });
    same("a pair selected: response", &r);
    same("a pair selected: snapshot", &a.snapshot());
    let r = a.handle(Command::Select {
        id: Some("@qingdao".into()),
        pin: true,
    });
    same("a city pinned: response", &r);
    same("a city pinned: snapshot", &a.snapshot());
    assert!(to_json(&a.snapshot()).contains("\"shown\":{\"kind\":\"city\""));
    let r = a.handle(Command::Select {
        id: Some("no-such-pair".into()),
        pin: false,
    });
    assert!(r.error.is_some(), "an unknown id is refused");
    same("an unknown id: response", &r);
    let r = a.handle(Command::SetLang { lang: "en".into() });
    same("English: response", &r);
    snapshot_and_more(&a, "English");
    a.handle(Command::SetView {
        lon: 10.0,
        lat: 50.0,
        zoom: 4.0,
    });
    snapshot_and_more(&a, "Europe at 4×");
    let r = a.handle(Command::Resize {
        width: 360.0,
        height: 560.0,
        dpr: 2.0,
    });
    same("a phone's size: response", &r);
    snapshot_and_more(&a, "a phone's size");
    same("details", &a.details("qingdao-shimonoseki"));
    same("no details", &a.details("no-such-pair"));
    same("a place drawn", &a.map.project(LonLat::new(120.38, 36.07)));
}

#[test]
fn every_partner_and_origin_hovered() {
    let mut a = app();
    let places: Vec<LonLat> = {
        let ds = a.map.dataset();
        ds.partnerships
            .iter()
            .filter_map(|p| p.location)
            .chain(ds.gazetteer.cities.iter().map(|c| c.location))
            .collect()
    };
    let (mut hovers, mut texts) = (0, String::new());
    for (k, place) in places.into_iter().enumerate() {
        let Some(p) = a.map.project(place) else {
            continue;
        };
        let r = a.handle(Command::PointerMove {
            id: 1,
            x: p.x,
            y: p.y,
        });
        hovers += usize::from(r.hover.is_some());
        same(&format!("hover {k}"), &r);
        texts += &to_json(&r);
    }
    assert!(hovers > 100, "only {hovers} hovers found something");
    // Origins, partners and stacks with their members were among them.
    for kind in [
        "\"kind\":\"origin\"",
        "\"kind\":\"partner\"",
        "\"members\":[{",
    ] {
        assert!(texts.contains(kind), "no hover had {kind}");
    }
    let r = a.handle(Command::Key {
        key: "ArrowRight".into(),
        shift: false,
    });
    same("a key's focus", &r);
}

#[test]
fn searches_and_url_states() {
    let mut a = app();
    for text in ["青岛", "Shimonoseky", "han", "japan", "", "\"<>\\"] {
        let r = a.handle(Command::Search {
            text: text.into(),
            limit: 8,
        });
        same(&format!("search {text:?}"), &r);
    }
    for text in [
        "city=weifang&rel=friendship&sel=weifang-hyuga&colour=decade&lang=en&table=1",
        "city=nowhere&view=abc&lang=xx&colour=pink&from=3000&sel=no-such",
        "view=120,36,2&q=%E9%9D%92%E5%B2%9B",
    ] {
        let r = a.handle(Command::ApplyState {
            text: text.into(),
            keep_view: false,
        });
        same(&format!("state {text}"), &r);
        snapshot_and_more(&a, text);
    }
}

#[test]
fn loads_good_and_bad_at_once_and_in_steps() {
    let mut a = app();
    let today = common::TODAY;
    let mut params = 0;
    for fixture in std::fs::read_dir("tests/fixtures/broken").expect("fixtures") {
        let path = fixture.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let bytes = std::fs::read(&path).expect("read");
        for mode in [LoadMode::AllOrNothing, LoadMode::ValidRows] {
            let r = a.load_partnerships(name, &bytes, today, mode);
            same(&format!("{name} ({mode:?})"), &r);
            params += usize::from(to_json(&r).contains("\"params\":{\""));
        }
    }
    assert!(params > 5, "{params} reports had a problem with values");
    let pairs = common::read("data/partnerships.csv");
    let mut status = a.start_load("partnerships.csv", pairs, today, LoadMode::AllOrNothing);
    same("a load started", &status);
    let mut steps = 0;
    while status.report.is_none() {
        let r = a.handle(Command::LoadStep {
            id: status.id,
            rows: 97,
        });
        same(&format!("load step {steps}"), &r);
        status = r.load.expect("a step's status");
        steps += 1;
    }
    assert!(steps > 3, "{steps} steps");
    let r = a.load_coverage(
        &common::read("data/official_totals.csv"),
        &common::read("data/about.csv"),
    );
    same("the coverage tables", &r);
    snapshot_and_more(&a, "with the coverage tables");
    assert!(to_json(&a.snapshot()).contains("\"coverage\":{\"shown\""));
    let r = a.load_coverage(b"scope,as_of\nall,tomorrow\n", b"");
    same("bad coverage tables", &r);
}

#[test]
fn strings_and_numbers_as_serde_json_writes_them() {
    let controls: String = (0u8..0x20).map(char::from).collect();
    for s in [
        "",
        "plain",
        "\"quoted\" and \\ back",
        "下关市 · Shimonoseki — ½ 🌏",
        "\u{7f}\u{2028}\u{2029}</script>",
        controls.as_str(),
    ] {
        same(&format!("{s:?}"), s);
    }
    let numbers = [
        0.0,
        -0.0,
        1.0,
        -1.5,
        0.1,
        1e21,
        1e-7,
        123456789.0,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    same("numbers", &numbers.to_vec());
    same("no number", &None::<f64>);
    same("integers", &vec![0usize, 1, 9, 10, 99, 100, usize::MAX]);
    same("signed", &vec![i32::MIN, -1, 0, 1979, i32::MAX]);
    same("large", &vec![0u64, u64::MAX]);
    same("flags", &vec![true, false]);
    same("maybe", &vec![Some("a".to_string()), None]);
}
