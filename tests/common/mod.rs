//! Loading the shipped data for integration tests: only the project's own `data/` and `tests/fixtures/`.
#![allow(dead_code)]

use youcheng::basemap::Basemap;
use youcheng::dataset::{Dataset, Gazetteer, Issue, PartialDate};

pub const TODAY: PartialDate = PartialDate::ymd(2026, 11, 21);

pub fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn gazetteer() -> Gazetteer {
    Gazetteer::load(
        &read("data/shandong.csv"),
        &read("data/countries.csv"),
        &read("data/groups.csv"),
    )
    .unwrap_or_else(|issues| panic!("reference tables: {issues:#?}"))
}

pub fn basemap() -> Basemap {
    Basemap::parse(&String::from_utf8(read("data/basemap.json")).expect("utf-8"))
        .expect("basemap parses")
}

pub fn shipped() -> Dataset {
    let b = basemap();
    Dataset::load(
        &gazetteer(),
        "partnerships.csv",
        &read("data/partnerships.csv"),
        TODAY,
        Some(&b),
    )
    .unwrap_or_else(|issues| {
        panic!(
            "{}",
            issues
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
    .dataset
}

/// Loads a broken fixture and returns its problems (panics if it loads without error).
pub fn problems(fixture: &str) -> Vec<Issue> {
    let b = basemap();
    match Dataset::load(
        &gazetteer(),
        fixture,
        &read(&format!("tests/fixtures/broken/{fixture}")),
        TODAY,
        Some(&b),
    ) {
        Ok(loaded) => loaded.warnings,
        Err(issues) => issues,
    }
}

/// An app of `w` × `h` CSS px with the shipped basemap, reference tables and partnerships.
pub fn shipped_app(w: f64, h: f64) -> youcheng::app::App {
    app_with(w, h, &read("data/partnerships.csv"))
}

/// An app of `w` × `h` CSS px with the shipped basemap and reference tables, and `partnerships`
/// (a `partnerships.csv` that must load whole).
pub fn app_with(w: f64, h: f64, partnerships: &[u8]) -> youcheng::app::App {
    let mut a = youcheng::app::App::new(w, h);
    let basemap = String::from_utf8(read("data/basemap.json")).expect("utf-8");
    a.load_basemap(&basemap, false).expect("basemap");
    let r = a.load_reference(
        &read("data/shandong.csv"),
        &read("data/countries.csv"),
        &read("data/groups.csv"),
    );
    assert!(r.ok, "{:?}", r.errors);
    let r = a.load_partnerships(
        "partnerships.csv",
        partnerships,
        TODAY,
        youcheng::dataset::LoadMode::AllOrNothing,
    );
    assert!(r.ok, "{:?}", r.errors.first());
    a
}
