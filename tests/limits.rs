//! Hostile input against the core: limits named in the report, memory bounded by the caps,
//! geometry that stays linear. Every input is generated here.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]
mod common;

use common::{basemap, gazetteer, TODAY};
use std::time::Instant;
use youcheng::basemap::{Basemap, BasemapError};
use youcheng::dataset::{Dataset, Issue, Problem, Severity};
use youcheng::limits::{
    MAX_DATA_BYTES, MAX_FIELD_BYTES, MAX_ISSUES, MAX_ISSUES_PER_KIND, MAX_ROWS,
};
use youcheng::urlstate::UrlState;
use youcheng::LonLat;

const HEADER: &str = "id,shandong_city,partner_en,country,lon,lat,sources\n";

fn load(text: &str) -> Result<usize, Vec<Issue>> {
    let b = basemap();
    Dataset::load(&gazetteer(), "x.csv", text.as_bytes(), TODAY, Some(&b))
        .map(|l| l.dataset.partnerships.len())
}

#[test]
fn a_file_of_bad_rows_keeps_the_first_of_each_kind_and_counts_the_rest() {
    let mut text = String::from(HEADER);
    for i in 0..20_000 {
        text.push_str(&format!("Bad Id {i},nowhere{i},,ZZ,999,abc,\n"));
    }
    let issues = load(&text).expect_err("every row is wrong");
    assert!(issues.len() <= MAX_ISSUES + 1, "{} kept", issues.len());
    let bad_ids = issues
        .iter()
        .filter(|i| matches!(i.problem, Problem::BadId))
        .count();
    assert_eq!(bad_ids, MAX_ISSUES_PER_KIND);
    let Some(Issue {
        problem:
            Problem::MoreProblems {
                not_shown,
                errors_not_shown,
            },
        ..
    }) = issues.last()
    else {
        panic!("the last issue sums up the rest: {:?}", issues.last());
    };
    // Six problems a row: id, Shandong key, partner name, country, lon, lat (plus the source).
    let shown = issues.len() - 1;
    assert!(shown + not_shown >= 6 * 20_000, "{shown} + {not_shown}");
    assert_eq!(not_shown, errors_not_shown);
    assert!(issues
        .last()
        .is_some_and(|i| i.to_string().contains("more problems")));
}

#[test]
fn more_rows_than_the_limit_are_refused_with_the_limit_named_first() {
    let mut text = String::from(HEADER);
    for i in 0..MAX_ROWS + 10 {
        text.push_str(&format!(
            "qingdao-t{i},qingdao,Shimonoseki {i},JP,130.94,33.95,https://example.org\n"
        ));
    }
    let t0 = Instant::now();
    let issues = load(&text).expect_err("too many rows");
    println!("{} rows refused in {:?}", MAX_ROWS + 10, t0.elapsed());
    assert_eq!(
        issues[0].problem,
        Problem::TooManyRows { limit: MAX_ROWS },
        "{}",
        issues[0]
    );
    assert!(issues[0].to_string().contains("more than 50000 data rows"));
}

#[test]
fn a_file_over_the_byte_limit_is_refused_before_it_is_parsed() {
    let text = format!("{HEADER}{}", "x".repeat(MAX_DATA_BYTES));
    let issues = load(&text).expect_err("too large");
    assert_eq!(issues.len(), 1);
    assert!(
        matches!(issues[0].problem, Problem::TooLarge { limit, .. } if limit == MAX_DATA_BYTES)
    );
}

#[test]
fn a_field_over_the_length_limit_names_its_column_and_the_limit() {
    let long = "y".repeat(MAX_FIELD_BYTES + 1);
    let text = format!("{HEADER}qingdao-a,qingdao,A,JP,130.94,33.95,{long}\n");
    let issues = load(&text).expect_err("field too long");
    assert_eq!(issues[0].field, "sources");
    assert!(issues[0].to_string().contains("8192"), "{}", issues[0]);
}

#[test]
fn a_point_just_west_of_the_antimeridian_in_fiji_is_near_fiji() {
    let b = basemap();
    // Fiji's outline reaches 180°; a point given as −179.9° is beside it, not 39,000 km away.
    let d = b
        .distance_to_country_deg("FJ", LonLat::new(-179.9, -16.6))
        .expect("Fiji is on the basemap");
    assert!(d < 1.0, "{d}°");
}

#[test]
fn a_basemap_ring_that_winds_round_the_globe_is_refused_quickly() {
    let ring: Vec<String> = (0..20_000)
        .map(|i| format!("[{},{}]", ((i * 50) % 360) - 180, 10 + i % 7))
        .collect();
    let geojson = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"iso_a2":"CN"}},"geometry":{{"type":"Polygon","coordinates":[[{},[-180,10]]]}}}}]}}"#,
        ring.join(",")
    );
    let t0 = Instant::now();
    let err = Basemap::parse(&geojson).expect_err("winding ring");
    assert!(t0.elapsed().as_secs_f64() < 2.0, "{:?}", t0.elapsed());
    assert!(
        matches!(&err, BasemapError::Feature { index: 0, reason } if reason.contains("winds")),
        "{err}"
    );
}

#[test]
fn compact_basemap_deltas_that_overflow_are_an_error_not_a_panic() {
    let max = i64::MAX;
    let text = format!(
        r#"{{"format":"youcheng-basemap/1","attribution":"","quantum_deg":0.001,"features":[{{"iso2":"XX","name":"x","polygons":[[[{max},{max},{max},{max},1,1]]]}}]}}"#
    );
    let err = Basemap::parse(&text).expect_err("overflow");
    assert!(
        err.to_string().contains("overflow") || err.to_string().contains("outside"),
        "{err}"
    );
    let far = r#"{"format":"youcheng-basemap/1","attribution":"","quantum_deg":1000,"features":[{"iso2":"XX","name":"x","polygons":[[[1,1,1,1,1,1]]]}]}"#;
    assert!(
        Basemap::parse(far).is_err(),
        "vertices beyond ±540° are refused"
    );
}

#[test]
fn an_over_long_url_state_is_ignored_with_a_problem() {
    let text = format!("city=weifang&q={}", "a".repeat(10_000));
    let (state, problems) = UrlState::parse(&text);
    assert_eq!(state, UrlState::default());
    assert!(problems[0].contains("limit"), "{problems:?}");
}

#[test]
fn warnings_alone_do_not_stop_a_file_and_the_summary_is_a_warning_then() {
    // Severity of the summary follows what it hides.
    let p = Problem::MoreProblems {
        not_shown: 3,
        errors_not_shown: 0,
    };
    assert_eq!(p.severity(), Severity::Warning);
}
