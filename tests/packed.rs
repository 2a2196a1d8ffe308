//! The shipped data pre-validated (`youcheng-data pack`, the widget's `shipped.bin`): it gives the
//! map the pairs, tables and warnings the CSV files give, and a damaged or foreign file is refused
//! with what is wrong, never a panic, changing nothing.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use common::{read, TODAY};
use youcheng::app::App;
use youcheng::dataset::{split_notes, Dataset, Loaded, PartialDate, PACKED_FORMAT};
use youcheng::geometry::LonLat;
use youcheng::search::{Readings, SearchIndex};

/// The shipped data as `make` checks it: the reference tables, the basemap's outlines, the pairs.
fn checked() -> Loaded {
    let basemap = common::basemap();
    Dataset::load(
        &common::gazetteer(),
        "partnerships.csv",
        &read("data/partnerships.csv"),
        TODAY,
        Some(&basemap),
    )
    .expect("the shipped data loads")
}

fn packed_app(bytes: &[u8]) -> (App, youcheng::app::LoadReport) {
    let mut a = App::new(800.0, 500.0);
    let basemap = String::from_utf8(read("data/basemap.json")).expect("utf-8");
    a.load_basemap(&basemap, false).expect("basemap");
    let r = a.load_packed("shipped.bin", bytes, TODAY);
    (a, r)
}

#[test]
fn the_packed_file_gives_the_map_what_the_csv_files_give() {
    let loaded = checked();
    assert!(
        !loaded.warnings.is_empty(),
        "the shipped data has warnings to carry"
    );
    let bytes = Dataset::pack(&loaded).expect("packs");
    let back = Dataset::unpack(&bytes).expect("unpacks");
    // The tables and every field of every pair but the notes and sources, which ship apart
    // (notes.csv).
    let mut tables = back.dataset.gazetteer.clone();
    assert!(matches!(tables.readings, Readings::Listed(ref l) if !l.is_empty()));
    tables.readings = Readings::Table;
    assert_eq!(tables, loaded.dataset.gazetteer);
    // The names' pinyin comes from the readings the file lists (the small module has no table):
    // every term of every name is the one the table gives.
    assert_eq!(
        SearchIndex::new(&back.dataset),
        SearchIndex::new(&loaded.dataset)
    );
    assert_eq!(
        back.dataset.partnerships.len(),
        loaded.dataset.partnerships.len()
    );
    for (b, l) in back
        .dataset
        .partnerships
        .iter()
        .zip(&loaded.dataset.partnerships)
    {
        assert!(b.note.is_empty() && b.note_zh.is_empty(), "{}", b.id);
        assert!(b.sources.is_empty() && !l.sources.is_empty(), "{}", b.id);
        let mut l = l.clone();
        (l.note, l.note_zh, l.sources) = (String::new(), String::new(), Default::default());
        assert_eq!(*b, l);
    }
    assert!(back.dataset.sources_apart && !loaded.dataset.sources_apart);
    assert_eq!(back.warnings, loaded.warnings);
    assert_eq!(back.dataset.source_name, "partnerships.csv");

    // In the app: the same rows, stats and load report as the CSV files without their notes
    // (what the page loads otherwise), and the notes then apply to it as to those.
    let (data, notes) = split_notes(&read("data/partnerships.csv")).expect("split");
    let mut csv = common::app_with(800.0, 500.0, &data);
    let (mut packed, report) = packed_app(&bytes);
    assert!(report.ok, "{:?}", report.errors.first());
    assert_eq!(report.pairs, loaded.dataset.partnerships.len());
    assert_eq!(report.file, "partnerships.csv");
    let csv_report = csv.load_partnerships(
        "partnerships.csv",
        &data,
        TODAY,
        youcheng::dataset::LoadMode::AllOrNothing,
    );
    assert_eq!(report.warnings, csv_report.warnings);
    // Every row but its sources; the statistics count the pairs sourced all the same.
    let without_sources = |a: &App| {
        let mut rows = a.rows();
        rows.iter_mut().for_each(|r| r.sources.clear());
        rows
    };
    assert!(packed.rows().iter().all(|r| r.sources.is_empty()));
    assert_eq!(without_sources(&packed), without_sources(&csv));
    assert_eq!(packed.snapshot(), csv.snapshot());
    assert_eq!(
        packed.snapshot().stats.stats.with_sources,
        loaded.dataset.partnerships.len()
    );
    assert!(packed.load_notes("notes.csv", &notes).ok);
    assert!(csv.load_notes("notes.csv", &notes).ok);
    assert_eq!(packed.rows(), csv.rows(), "with the notes too");
    // A portal's file later is checked against the packed reference tables as against the CSV ones.
    let again = packed.load_partnerships(
        "partnerships.csv",
        &data,
        TODAY,
        youcheng::dataset::LoadMode::AllOrNothing,
    );
    assert!(again.ok, "{:?}", again.errors.first());
}

/// Each case: the checked data changed as a damaged or hand-made file might be, and words the
/// refusal must contain.
#[test]
fn a_file_that_breaks_what_the_map_relies_on_is_refused_and_says_what() {
    type Spoil = fn(&mut Loaded);
    let cases: [(&str, Spoil, &str); 7] = [
        (
            "pair's origin",
            |l| l.dataset.partnerships[3].city = 99,
            "pair 4",
        ),
        (
            "pair's country",
            |l| l.dataset.partnerships[0].country = 10_000,
            "pair 1",
        ),
        (
            "partner off the globe",
            |l| l.dataset.partnerships[5].location = Some(LonLat::new(f64::NAN, 10.0)),
            "off the globe",
        ),
        (
            "origin off the globe",
            |l| l.dataset.gazetteer.cities[0].location = LonLat::new(200.0, 10.0),
            "origin shandong",
        ),
        (
            "no real date",
            |l| {
                l.dataset.partnerships[2].established = Some(PartialDate {
                    year: 2001,
                    month: Some(2),
                    day: Some(30),
                })
            },
            "no real date",
        ),
        (
            "unknown group",
            |l| {
                l.dataset.gazetteer.countries[0]
                    .groups
                    .push("nowhere".into())
            },
            "group nowhere",
        ),
        (
            "official total of no origin",
            |l| {
                let mut c = coverage(l);
                c.totals[0].scope = "atlantis".into();
                l.dataset.coverage = Some(c);
            },
            "scope atlantis",
        ),
    ];
    for (what, spoil, words) in cases {
        let mut loaded = checked();
        spoil(&mut loaded);
        let bytes = Dataset::pack(&loaded).expect("packs");
        let error = Dataset::unpack(&bytes)
            .err()
            .unwrap_or_else(|| panic!("{what}: read"));
        assert!(error.contains(words), "{what}: {error}");
    }
}

#[test]
fn a_cut_foreign_or_damaged_file_is_refused_never_a_panic_and_changes_nothing() {
    let bytes = Dataset::pack(&checked()).expect("packs");
    let (mut app, _) = packed_app(&bytes);
    let before = (app.rows(), app.snapshot());

    // Another version's file, or not one at all.
    let mut other = postcard_string("youcheng-packed 0");
    other.extend(&bytes[PACKED_FORMAT.len() + 1..]);
    let not_this = format!("not \"{PACKED_FORMAT}\"");
    for (bad, words) in [
        (other, not_this.as_str()),
        (b"id,city_key\n".to_vec(), "format"),
        (Vec::new(), "format name"),
        ([bytes.as_slice(), b"x"].concat(), "1 bytes follow"),
    ] {
        let r = app.load_packed("shipped.bin", &bad, TODAY);
        assert!(!r.ok);
        assert_eq!(r.errors[0].code, "not-packed");
        assert!(
            r.errors[0].message.contains(words),
            "{}",
            r.errors[0].message
        );
        assert_eq!((app.rows(), app.snapshot()), before, "nothing changed");
    }
    // Cut short anywhere (every 97th length, and the last bytes one by one).
    let cuts = (0..bytes.len())
        .step_by(97)
        .chain(bytes.len() - 64..bytes.len());
    for len in cuts {
        assert!(
            Dataset::unpack(&bytes[..len]).is_err(),
            "cut to {len} bytes"
        );
    }
    // Bytes changed: read or refused, never a panic (the checks keep indices and points sound).
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..400 {
        let mut spoilt = bytes.clone();
        for _ in 0..3 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % spoilt.len() as u64) as usize;
            spoilt[at] = spoilt[at].wrapping_add((seed >> 32) as u8 | 1);
        }
        if let Ok(l) = Dataset::unpack(&spoilt) {
            let (mut a, r) = packed_app(&spoilt);
            assert!(r.ok);
            assert_eq!(a.rows().len(), l.dataset.partnerships.len());
            a.lay_out();
            let _ = a.snapshot();
        }
    }
    assert_eq!((app.rows(), app.snapshot()), before);
}

/// A string as postcard writes it (a varint length, then the bytes): the start of another version's file.
/// The shipped official totals and review date, as `make` packs them with the data.
fn coverage(l: &Loaded) -> youcheng::dataset::Coverage {
    youcheng::dataset::Coverage::load(
        &l.dataset.gazetteer,
        &read("data/official_totals.csv"),
        &read("data/about.csv"),
    )
    .expect("the shipped totals")
}

/// The official totals come in the file: the page reads no CSV for them.
#[test]
fn the_official_totals_come_packed_with_the_data() {
    let mut loaded = checked();
    let c = coverage(&loaded);
    assert!(!c.totals.is_empty() && c.reviewed.is_some());
    loaded.dataset.coverage = Some(c.clone());
    let back = Dataset::unpack(&Dataset::pack(&loaded).expect("packs")).expect("reads");
    assert_eq!(back.dataset.coverage, Some(c));
    let (app, r) = packed_app(&Dataset::pack(&loaded).expect("packs"));
    assert!(r.ok);
    let shown = app.snapshot().stats.coverage.expect("the coverage line");
    assert_eq!(shown.shown, loaded.dataset.partnerships.len());
    assert!(
        shown.official > shown.shown,
        "{} of {}",
        shown.shown,
        shown.official
    );
}

fn postcard_string(s: &str) -> Vec<u8> {
    assert!(s.len() < 128);
    [&[s.len() as u8][..], s.as_bytes()].concat()
}
