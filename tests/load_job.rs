//! A partnerships load in steps ([`LoadJob`], `App::start_load` + `Command::LoadStep`) gives what
//! the one-shot load gives — on the shipped data, on every broken fixture and spreadsheet, on
//! generated hostile files — whatever the step size; each step stays within its rows; the data
//! on screen stays until the new data is complete; a newer load replaces an older one.
// Tests index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use std::sync::Arc;
use youcheng::app::{App, Command, LoadReport, LoadStatus};
use youcheng::dataset::{Dataset, Issue, LoadJob, LoadMode, LoadPhase, Loaded};

/// The shipped data as `n` rows: real rows repeated with varied ids and partner names, the long
/// notes dropped (so that 50,000 rows stay under the byte limit).
fn repeated(n: usize) -> Vec<u8> {
    let bytes = common::read("data/partnerships.csv");
    let mut r = csv::Reader::from_reader(&bytes[..]);
    let header = r.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(&header).expect("write");
    for i in 0..n {
        let mut f: Vec<String> = rows[i % rows.len()].iter().map(str::to_string).collect();
        f[0] = format!("{}-{i}", f[0]);
        f[4] = format!("{} {i}", f[4]);
        f[16] = String::new();
        f[17] = String::new();
        w.write_record(&f).expect("write");
    }
    w.into_inner().expect("bytes")
}

/// Rows whose every field is wrong (the hostile page test's file, smaller).
fn all_errors(rows: usize) -> Vec<u8> {
    let mut s = String::from("id,shandong_city,partner_en,country,lon,lat,sources");
    for i in 0..rows {
        s.push_str(&format!("\nBad Id {i},nowhere{i},,ZZ,999,abc,"));
    }
    s.into_bytes()
}

/// Every file the comparison runs on: (name, bytes).
fn files() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("partnerships.csv".into(), common::read("data/partnerships.csv")),
        ("repeated.csv".into(), repeated(3000)),
        ("all-errors.csv".into(), all_errors(2000)),
        ("too-many.csv".into(), repeated(50_010)),
        ("empty.csv".into(), b"id,shandong_city,partner_en,country,lon,lat,sources\n".to_vec()),
        ("short.json".into(), br#"[{"id":"a"},7,{"id":"qingdao-x","shandong_city":"qingdao","partner_en":"X","country":"JP","lon":130,"lat":34,"sources":"https://a.example"}]"#.to_vec()),
        ("broken.json".into(), b"[{\"id\": }".to_vec()),
    ];
    for dir in ["tests/fixtures/broken", "tests/fixtures/spreadsheets"] {
        let mut names: Vec<_> = std::fs::read_dir(format!("{}/{dir}", env!("CARGO_MANIFEST_DIR")))
            .expect("fixtures")
            .map(|e| e.expect("entry").file_name().into_string().expect("name"))
            .collect();
        names.sort();
        for name in names {
            let bytes = common::read(&format!("{dir}/{name}"));
            out.push((name, bytes));
        }
    }
    // Spreadsheets large enough to be decoded in pieces: GBK and UTF-16 with their rows repeated,
    // with CRLF line ends, and a GBK file with an invalid byte far into it.
    let gbk = common::read("tests/fixtures/spreadsheets/gbk.csv");
    let cut = gbk.iter().position(|&b| b == b'\n').expect("a header") + 1;
    let mut big_gbk = gbk.clone();
    for _ in 0..300 {
        big_gbk.extend_from_slice(&gbk[cut..]);
    }
    let mut broken_gbk = big_gbk.clone();
    let at = broken_gbk.len() * 3 / 4;
    broken_gbk.splice(at..at, [0x81, 0x20]);
    let text = String::from_utf8(repeated(1500))
        .expect("utf-8")
        .replace('\n', "\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(
        big_gbk.len() > 300_000 && utf16.len() > 300_000,
        "{} {}",
        big_gbk.len(),
        utf16.len()
    );
    out.push(("big-gbk.csv".into(), big_gbk));
    out.push(("broken-gbk.csv".into(), broken_gbk));
    out.push(("big-utf16.csv".into(), utf16));
    // The shipped data as JSON records.
    let bytes = common::read("data/partnerships.csv");
    let mut r = csv::Reader::from_reader(&bytes[..]);
    let header = r.headers().expect("header").clone();
    let records: Vec<serde_json::Value> = r
        .records()
        .map(|row| {
            let row = row.expect("row");
            serde_json::Value::Object(
                header
                    .iter()
                    .zip(row.iter())
                    .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
                    .collect(),
            )
        })
        .collect();
    let json = serde_json::to_vec(&records).expect("json");
    out.push(("partnerships.json".into(), json));
    out
}

fn same(a: &Result<Loaded, Vec<Issue>>, b: &Result<Loaded, Vec<Issue>>) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => {
            a.dataset == b.dataset && a.warnings == b.warnings && a.rejected == b.rejected
        }
        (Err(a), Err(b)) => a == b,
        _ => false,
    }
}

#[test]
fn a_load_in_steps_gives_what_the_one_shot_load_gives_on_every_file_and_step_size() {
    let g = common::gazetteer();
    let b = Arc::new(common::basemap());
    for (name, bytes) in files() {
        for mode in [LoadMode::AllOrNothing, LoadMode::ValidRows] {
            let once = Dataset::load_with(&g, &name, &bytes, common::TODAY, Some(&b), mode);
            // Every step size on the small files; the large ones in steps of 1,000 and at once.
            let sizes: &[usize] = if bytes.len() > 1 << 20 {
                &[1000, usize::MAX]
            } else {
                &[1, 7, 1000, usize::MAX]
            };
            for &rows in sizes {
                let job = LoadJob::new(
                    &g,
                    &name,
                    bytes.clone(),
                    common::TODAY,
                    Some(b.clone()),
                    mode,
                );
                let stepped = job.run(rows);
                assert!(
                    same(&once, &stepped),
                    "{name} ({mode:?}) in steps of {rows} rows differs:\n{once:?}\nvs\n{stepped:?}"
                );
            }
        }
    }
}

#[test]
fn each_step_does_at_most_its_rows_and_one_phase() {
    let g = common::gazetteer();
    let b = Arc::new(common::basemap());
    let bytes = repeated(2000);
    let mut job = LoadJob::new(
        &g,
        "r.csv",
        bytes,
        common::TODAY,
        Some(b),
        LoadMode::AllOrNothing,
    );
    let mut phases = vec![job.progress().phase];
    let mut steps = 0;
    let mut last_check = 0;
    loop {
        let p = job.step(100);
        steps += 1;
        if p.phase == LoadPhase::Check {
            assert!(
                p.done - last_check <= 100,
                "a check step did {} rows",
                p.done - last_check
            );
            last_check = p.done;
        }
        if phases.last() != Some(&p.phase) {
            phases.push(p.phase);
        }
        assert!((0.0..=100.0).contains(&p.percent));
        match job.finish() {
            Ok(outcome) => {
                assert_eq!(outcome.expect("loads").dataset.partnerships.len(), 2000);
                break;
            }
            Err(j) => job = *j,
        }
    }
    assert_eq!(
        phases,
        [
            LoadPhase::Decode,
            LoadPhase::Read,
            LoadPhase::Check,
            LoadPhase::Done
        ]
    );
    // 2,000 rows read and checked 100 at a time: at least 40 steps.
    assert!(steps >= 40, "{steps} steps");
}

fn app() -> App {
    let mut a = App::new(1200.0, 700.0);
    let basemap = String::from_utf8(common::read("data/basemap.json")).expect("utf-8");
    a.load_basemap(&basemap, false).expect("basemap");
    let r = a.load_reference(
        &common::read("data/shandong.csv"),
        &common::read("data/countries.csv"),
        &common::read("data/groups.csv"),
    );
    assert!(r.ok);
    a
}

/// Steps load `id` to its end, `rows` at a time; checks after each step that the map still
/// shows `before` (the ids visible) until the last one.
fn drive(a: &mut App, start: LoadStatus, rows: usize, before: &[String]) -> (LoadReport, usize) {
    let mut steps = 0;
    loop {
        let r = a.handle(Command::LoadStep { id: start.id, rows });
        steps += 1;
        let status = r.load.expect("a load step answers its status");
        if let Some(report) = status.report {
            assert_eq!(status.progress.phase, LoadPhase::Done);
            return (report, steps);
        }
        assert_eq!(
            a.visible_ids(),
            before,
            "the old data stays until the new is complete"
        );
        assert!(a.loading());
    }
}

#[test]
fn the_app_swaps_in_the_new_data_only_when_it_is_complete_and_as_the_one_shot_load_would() {
    let bytes = repeated(1500);
    let mut once = app();
    let report_once =
        once.load_partnerships("r.csv", &bytes, common::TODAY, LoadMode::AllOrNothing);
    assert!(report_once.ok);

    let mut a = app();
    a.load_partnerships(
        "partnerships.csv",
        &common::read("data/partnerships.csv"),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    a.handle(Command::Select {
        id: Some("qingdao-shimonoseki".into()),
        pin: false,
    });
    let before = a.visible_ids();
    let start = a.start_load("r.csv", bytes.clone(), common::TODAY, false);
    // The map answers a visitor between the steps.
    a.handle(Command::LoadStep {
        id: start.id,
        rows: 200,
    });
    let hover = a.handle(Command::PointerMove {
        id: 1,
        x: 600.0,
        y: 350.0,
    });
    assert!(hover.error.is_none());
    assert_eq!(
        a.snapshot().selection,
        once_selection(),
        "the selection stays meanwhile"
    );
    let (report, steps) = drive(&mut a, start, 200, &before);
    assert!(steps > 10, "{steps} steps");
    assert_eq!(report, report_once);
    assert_eq!(a.visible_ids(), once.visible_ids());
    assert_eq!(a.rows(), once.rows());
    assert_eq!(a.snapshot(), once.snapshot());
    assert!(!a.loading());
    // The hit index is left to idle time after the first frame, as after a load at once;
    // meanwhile hovers look at the pairs one by one and answer as a made index does.
    assert!(!a.map.has_hit_index(), "not built during the load");
    let hits = same_hovers(&mut a, &mut once);
    assert!(hits > 20, "{hits} points hit something");
    prepare_all(&mut a);
    assert_eq!(same_hovers(&mut a, &mut once), hits);
}

/// Runs the idle-time work (the hit index, then the search index) to its end.
fn prepare_all(app: &mut App) {
    let mut steps = 0;
    while app.handle(Command::Prepare { pairs: 200 }).pending {
        steps += 1;
        assert!(steps < 1000, "never done");
    }
    assert!(app.map.has_hit_index());
}

/// Hovers `a` and `b` at every probe, asserting they answer alike → how many probes hit.
fn same_hovers(a: &mut App, b: &mut App) -> usize {
    let mut hits = 0;
    for (x, y) in probes() {
        let mv = |app: &mut App| app.handle(Command::PointerMove { id: 1, x, y }).hover;
        let (h1, h2) = (mv(a), mv(b));
        hits += usize::from(h1.is_some());
        assert_eq!(h1, h2, "hover at ({x}, {y})");
    }
    hits
}

#[test]
fn a_filter_changed_during_the_load_is_followed_by_hover_before_and_after_the_hit_index_is_made() {
    let mut a = app();
    let start = a.start_load("r.csv", repeated(300), common::TODAY, false);
    // Step until the map's part (the hit index, made later, holds every pair, whatever the filter).
    while a
        .handle(Command::LoadStep {
            id: start.id,
            rows: 100,
        })
        .load
        .expect("status")
        .progress
        .phase
        != LoadPhase::Build
    {}
    let mut filter = a.snapshot().filter;
    filter.cities = vec!["weifang".into()];
    a.handle(Command::SetFilter { filter });
    let (report, _) = drive(&mut a, start, 100, &[]);
    assert!(report.ok);
    assert!(a.visible_ids().iter().all(|id| id.starts_with("weifang")));
    let weifang_hits = |a: &mut App| {
        let mut hits = 0;
        for (x, y) in probes() {
            if let Some(h) = a.handle(Command::PointerMove { id: 1, x, y }).hover {
                hits += 1;
                assert_eq!(h.city, "weifang", "only what the filter shows answers");
            }
        }
        hits
    };
    assert!(!a.map.has_hit_index());
    let before = weifang_hits(&mut a);
    assert!(before > 0, "something of Weifang is under the probes");
    prepare_all(&mut a);
    assert_eq!(weifang_hits(&mut a), before, "the made index answers alike");
}

/// Pointer positions over the 1200×700 map: a coarse grid (a hover lays out the map's names,
/// slow in a debug build).
fn probes() -> impl Iterator<Item = (f64, f64)> {
    (0..16u8).flat_map(|gx| {
        (0..10u8).map(move |gy| (f64::from(gx) * 75.0 + 5.0, f64::from(gy) * 70.0 + 5.0))
    })
}

fn once_selection() -> Vec<String> {
    vec!["qingdao-shimonoseki".to_string()]
}

#[test]
fn a_refused_file_keeps_the_data_and_a_newer_load_cancels_an_older_one() {
    let mut a = app();
    a.load_partnerships(
        "partnerships.csv",
        &common::read("data/partnerships.csv"),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    let before = a.visible_ids();
    let bad = a.start_load("bad.csv", all_errors(500), common::TODAY, false);
    let (report, _) = drive(&mut a, bad, 50, &before);
    assert!(!report.ok);
    assert!(report.error_count > 500, "{}", report.error_count);
    assert_eq!(a.visible_ids(), before, "a refused file changes nothing");

    let old = a.start_load("old.csv", repeated(800), common::TODAY, false);
    a.handle(Command::LoadStep {
        id: old.id,
        rows: 100,
    });
    let new = a.start_load("new.csv", repeated(20), common::TODAY, false);
    let r = a.handle(Command::LoadStep {
        id: old.id,
        rows: 100,
    });
    let status = r.load.expect("status");
    assert_eq!(status.progress.phase, LoadPhase::Cancelled);
    assert!(!r.data_changed);
    let (report, _) = drive(&mut a, new, 100, &before);
    assert!(report.ok);
    assert_eq!(report.pairs, 20);
    assert_eq!(a.visible_ids().len(), 20);

    // A one-shot load replaces a load in steps too.
    let stepped = a.start_load("x.csv", repeated(50), common::TODAY, false);
    a.load_partnerships(
        "partnerships.csv",
        &common::read("data/partnerships.csv"),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    let r = a.handle(Command::LoadStep {
        id: stepped.id,
        rows: 100,
    });
    assert_eq!(r.load.expect("status").progress.phase, LoadPhase::Cancelled);
    assert_eq!(a.visible_ids(), before);
}

#[test]
fn valid_rows_mode_in_steps_loads_the_good_rows_and_lists_the_rest() {
    let mut text = String::from_utf8(repeated(30)).expect("utf-8");
    text.push_str("\nbad id,qingdao,,,X,,,JP,city,friendship,signed,1990,500,34,,,,");
    let bytes = text.into_bytes();
    let mut once = app();
    let report_once = once.load_partnerships("v.csv", &bytes, common::TODAY, LoadMode::ValidRows);
    let mut a = app();
    let start = a.start_load("v.csv", bytes, common::TODAY, true);
    let (report, _) = drive(&mut a, start, 5, &[]);
    assert_eq!(report, report_once);
    assert!(report.ok);
    assert_eq!(report.pairs, 30);
    assert!(!report.rejected.is_empty());
}

#[test]
fn a_load_before_the_reference_tables_is_answered_at_once() {
    let mut a = App::new(800.0, 500.0);
    let s = a.start_load("x.csv", b"id\n".to_vec(), common::TODAY, false);
    assert_eq!(s.progress.phase, LoadPhase::Done);
    assert!(!s.report.expect("report").ok);
    assert!(!a.loading());
}

#[test]
fn statistics_counted_with_place_numbers_are_those_counted_with_names() {
    let mut a = app();
    a.load_partnerships(
        "partnerships.csv",
        &common::read("data/partnerships.csv"),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    let ds = a.map.dataset();
    let all = 0..ds.partnerships.len();
    let numbers = a.map.place_numbers();
    assert_eq!(numbers.len(), ds.partnerships.len());
    assert_eq!(
        youcheng::dataset::Stats::of_numbered(ds, all.clone(), numbers),
        youcheng::dataset::Stats::of(ds, all)
    );
    let some: Vec<usize> = (0..ds.partnerships.len()).step_by(3).collect();
    let (by_numbers, by_names) = (
        youcheng::dataset::Stats::of_numbered(ds, some.iter().copied(), numbers),
        youcheng::dataset::Stats::of(ds, some.iter().copied()),
    );
    assert_eq!(by_numbers, by_names);
    assert!(by_names.partner_places > 50);
    // `Stats::of` counts places by numbers too (it makes them): the places by name, counted here,
    // are the oracle (country and English name, case ignored).
    let by_name = |indices: &[usize]| {
        let places: std::collections::HashSet<(usize, String)> = indices
            .iter()
            .map(|&i| &ds.partnerships[i])
            .map(|p| (p.country, p.partner_en.to_lowercase()))
            .collect();
        places.len()
    };
    let every: Vec<usize> = (0..ds.partnerships.len()).collect();
    assert_eq!(by_numbers.partner_places, by_name(&some));
    assert_eq!(
        youcheng::dataset::Stats::of_numbered(ds, every.iter().copied(), numbers).partner_places,
        by_name(&every)
    );
}

#[test]
fn hover_answers_alike_with_none_part_or_all_of_the_hit_index_made_in_idle_steps() {
    // 1,500 pairs: several parts of the index (about `HIT_PART_PIECES` segments each).
    let bytes = repeated(1500);
    let mut made = app();
    made.load_partnerships("r.csv", &bytes, common::TODAY, LoadMode::AllOrNothing);
    prepare_all(&mut made);
    let mut stepped = app();
    let r = stepped.load_partnerships("r.csv", &bytes, common::TODAY, LoadMode::AllOrNothing);
    assert!(r.ok, "{:?}", r.errors);
    assert!(
        !stepped.map.has_hit_index(),
        "a load at once leaves it to idle time"
    );
    // Before the first part, after each part, once whole: the same answers, hover by hover.
    let mut steps = 0;
    loop {
        let hits = same_hovers(&mut stepped, &mut made);
        assert!(hits > 20, "{hits} points hit something");
        if stepped.map.has_hit_index() {
            assert!(steps > 0, "a hover does not make it");
            break;
        }
        assert!(stepped.handle(Command::Prepare { pairs: 200 }).pending);
        steps += 1;
        assert!(steps < 100, "never done");
    }
    assert!(steps > 1, "made in {steps} parts, one a call");
}
