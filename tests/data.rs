//! The shipped data and the validator, against real files.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use common::{problems, read, shipped, TODAY};
use youcheng::dataset::{Dataset, Issue, Problem, Relation, Severity, Stats};

#[test]
fn the_shipped_data_validates_with_no_errors() {
    let ds = shipped();
    assert!(
        ds.partnerships.len() >= 250,
        "{} pairs",
        ds.partnerships.len()
    );
}

#[test]
fn every_shipped_pair_has_a_source_and_almost_all_have_a_place_and_a_chinese_name() {
    let ds = shipped();
    let n = ds.partnerships.len();
    assert!(ds.partnerships.iter().all(|p| !p.sources.is_empty()));
    let unplaced: Vec<&str> = ds
        .partnerships
        .iter()
        .filter(|p| p.location.is_none())
        .map(|p| p.id.as_str())
        .collect();
    // A pair whose place cannot be pinned down from its sources (which US Waterford? which
    // Lafayette?) is listed but not drawn: at most 1 % of the rows.
    assert!(
        unplaced.len() * 100 <= n,
        "pairs without a place: {unplaced:?}"
    );
    assert!(ds
        .partnerships
        .iter()
        .filter(|p| p.location.is_none())
        .all(|p| p.coord_source.starts_with("unknown")));
    let with_zh = ds
        .partnerships
        .iter()
        .filter(|p| !p.partner_zh.is_empty())
        .count();
    assert!(with_zh * 10 >= n * 9, "{with_zh}/{n} with a Chinese name");
}

#[test]
fn the_first_pair_is_qingdao_shimonoseki_october_1979_a_friendship_city() {
    let ds = shipped();
    let (_, p) = ds.by_id("qingdao-shimonoseki").expect("present");
    assert_eq!(p.partner_zh, "下关市");
    assert_eq!(p.relation, Relation::Friendship);
    let d = p.established.expect("dated");
    assert_eq!((d.year, d.month), (1979, Some(10)));
    let earliest = ds
        .partnerships
        .iter()
        .filter_map(|p| p.established)
        .min()
        .expect("some dated");
    assert_eq!(earliest, d, "no pair is older than the first one");
}

#[test]
fn the_press_facts_are_in_the_data() {
    let ds = shipped();
    let get = |id: &str| {
        ds.by_id(id)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let brittany = get("shandong-brittany");
    assert_eq!(
        (
            brittany.partner_zh.as_str(),
            brittany.established.map(|d| d.year)
        ),
        ("布列塔尼大区", Some(1985))
    );
    assert_eq!(get("qingdao-long-beach").partner_zh, "长滩市");
    let hyuga = get("weifang-hyuga");
    assert_eq!(
        (
            hyuga.partner_zh.as_str(),
            hyuga.established.map(|d| (d.year, d.month))
        ),
        ("日向市", Some((1986, Some(2))))
    );
    // Weifang: friendship cities and friendly-cooperation partners as Luwang (2025-10-11) lists them.
    let weifang: Vec<_> = ds
        .partnerships
        .iter()
        .filter(|p| ds.city_of(p).key == "weifang")
        .collect();
    let find = |zh: &str| {
        weifang
            .iter()
            .find(|p| p.partner_zh == zh)
            .unwrap_or_else(|| panic!("Weifang–{zh} missing"))
    };
    for zh in ["弗莱辛地区", "普韦布洛市", "安养市"] {
        assert_eq!(find(zh).relation, Relation::Friendship, "{zh}");
    }
    for zh in [
        "皮亚琴察市",
        "奥廖尔市",
        "沃特福德市",
        "克拉克市",
        "茶胶省",
        "利川市",
        "通哈市",
    ] {
        assert_eq!(find(zh).relation, Relation::Cooperation, "{zh}");
    }
    for zh in [
        "春川市",
        "牙山市",
        "八街市",
        "奥尔什丁市",
        "河内市",
        "北宁省",
        "瓜兰达市",
        "库马西市",
    ] {
        find(zh);
    }
}

#[test]
fn statistics_count_every_pair_once_in_each_breakdown() {
    let ds = shipped();
    let s = Stats::of(&ds, 0..ds.partnerships.len());
    let total = |v: &[youcheng::dataset::Count]| v.iter().map(|c| c.count).sum::<usize>();
    assert_eq!(s.pairs, ds.partnerships.len());
    assert_eq!(total(&s.by_city), s.pairs);
    assert_eq!(total(&s.by_relation), s.pairs);
    assert_eq!(total(&s.by_continent), s.pairs);
    assert_eq!(total(&s.by_decade), s.with_year);
    assert!(s.countries >= 60);
}

fn only(fixture: &str) -> youcheng::dataset::Issue {
    let issues = problems(fixture);
    assert_eq!(issues.len(), 1, "{fixture}: {issues:#?}");
    issues.into_iter().next().expect("one")
}

#[test]
fn a_coordinate_out_of_range_names_line_field_and_value() {
    let i = only("bad_coordinate.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.value.as_str()),
        (3, "lat", "195.42")
    );
    assert_eq!(
        i.problem,
        Problem::OutOfRange {
            min: -90.0,
            max: 90.0
        }
    );
    assert_eq!(
        i.to_string(),
        "bad_coordinate.csv:3: field `lat` value \"195.42\" is outside -90…90"
    );
}

#[test]
fn an_unknown_country_is_reported() {
    let i = only("unknown_country.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.value.as_str(), i.problem),
        (3, "country", "XQ", Problem::UnknownCountry)
    );
}

#[test]
fn a_duplicate_id_points_at_the_first_use() {
    let i = only("duplicate_id.csv");
    assert_eq!((i.line, i.field.as_str()), (3, "id"));
    assert_eq!(i.problem, Problem::DuplicateId { first_line: 2 });
}

#[test]
fn a_duplicate_pair_is_found_whatever_the_case_of_the_name() {
    let i = only("duplicate_pair.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.problem),
        (3, "partner_en", Problem::DuplicatePair { first_line: 2 })
    );
}

#[test]
fn impossible_and_future_dates_are_errors() {
    let i = only("bad_date.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.value.as_str(), i.problem),
        (3, "established", "1986-02-30", Problem::BadDate)
    );
    let i = only("future_date.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.value.as_str()),
        (3, "established", "2999")
    );
    assert_eq!(
        i.problem,
        Problem::FutureDate {
            today: TODAY.to_string()
        }
    );
}

#[test]
fn a_missing_source_is_an_error() {
    let i = only("missing_source.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.problem),
        (3, "sources", Problem::Empty)
    );
}

#[test]
fn a_semicolon_separated_file_is_named_as_such() {
    let i = only("semicolon.csv");
    assert_eq!(
        (i.line, i.problem),
        (1, Problem::WrongDelimiter { found: ';' })
    );
}

#[test]
fn a_byte_order_mark_is_a_warning_and_the_file_loads() {
    let i = only("bom.csv");
    assert_eq!(
        (i.line, i.problem.clone(), i.severity()),
        (1, Problem::ByteOrderMark, Severity::Warning)
    );
    let b = common::basemap();
    let loaded = Dataset::load(
        &common::gazetteer(),
        "bom.csv",
        &read("tests/fixtures/broken/bom.csv"),
        TODAY,
        Some(&b),
    )
    .expect("loads");
    assert_eq!(
        loaded.dataset.partnerships[0].id, "qingdao-shimonoseki",
        "the BOM is not part of the first header"
    );
}

#[test]
fn markup_in_a_name_is_rejected() {
    let i = only("html_name.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.problem),
        (3, "partner_en", Problem::Markup)
    );
}

#[test]
fn a_point_in_another_country_is_an_error() {
    let i = only("point_in_other_country.csv");
    assert_eq!((i.line, i.field.as_str()), (3, "lon"));
    assert!(
        matches!(i.problem, Problem::OutsideCountry { ref country, ref other, .. } if country == "Japan" && other == "South Korea"),
        "{i}"
    );
}

/// The distance to a country's outline is measured once per point (a partner twinned with
/// several cities): each row naming the point is still checked and reported.
#[test]
fn a_point_in_another_country_is_reported_on_every_row_that_names_it() {
    let mut csv =
        String::from_utf8(read("tests/fixtures/broken/point_in_other_country.csv")).expect("UTF-8");
    csv.push_str("yantai-hyuga,yantai,,,Hyuga,日向市,official,JP,city,friendship,1990,127.0,37.5,geonames:1862555,https://example.org/c,\n");
    csv.push_str("jinan-shimonoseki,jinan,,,Shimonoseki,下关市,official,JP,city,friendship,1990,130.93333,33.95,geonames:1852472,https://example.org/d,\n");
    let b = common::basemap();
    let issues = match Dataset::load(
        &common::gazetteer(),
        "repeated.csv",
        csv.as_bytes(),
        TODAY,
        Some(&b),
    ) {
        Ok(loaded) => loaded.warnings,
        Err(issues) => issues,
    };
    let outside: Vec<u64> = issues
        .iter()
        .filter(|i| matches!(i.problem, Problem::OutsideCountry { .. }))
        .map(|i| i.line)
        .collect();
    assert_eq!(outside, vec![3, 4], "{issues:#?}");
}

#[test]
fn coordinates_with_an_exponent_load_and_a_broken_number_names_its_field() {
    // A spreadsheet writes a small number with an exponent (1E-05); the module reads a file's
    // numbers with `num::parse_decimal`, not the standard library's parser (size).
    let head = "id,shandong_city,shandong_subunit,shandong_subunit_en,partner_en,partner_zh,partner_zh_source,country,partner_level,relation,established,lon,lat,coord_source,sources,note\n";
    let good = format!("{head}qingdao-shimonoseki,qingdao,,,Shimonoseki,下关市,official,JP,city,friendship,1979-10-03,1.3093333E+2,3395e-2,geonames:1852472,https://example.org/a,\n");
    let loaded =
        Dataset::load(&common::gazetteer(), "e.csv", good.as_bytes(), TODAY, None).expect("loads");
    let at = loaded.dataset.partnerships[0].location.expect("a place");
    assert_eq!((at.lon, at.lat), (130.93333, 33.95));
    for (lon, lat, field) in [
        ("130.9e", "33.95", "lon"),
        ("130.93", "inf", "lat"),
        ("13O.9", "33.95", "lon"),
    ] {
        let bad = format!("{head}qingdao-shimonoseki,qingdao,,,Shimonoseki,下关市,official,JP,city,friendship,1979-10-03,{lon},{lat},geonames:1852472,https://example.org/a,\n");
        let Err(issues) = Dataset::load(&common::gazetteer(), "e.csv", bad.as_bytes(), TODAY, None)
        else {
            panic!("{lon},{lat} loaded");
        };
        assert!(
            issues
                .iter()
                .any(|i| i.field == field && i.problem == Problem::NotANumber),
            "{lon},{lat}: {issues:#?}"
        );
    }
}

#[test]
fn a_sign_flipped_longitude_far_at_sea_is_an_error() {
    let i = only("point_far_at_sea.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.value.as_str()),
        (3, "lon", "-131.6277")
    );
    assert!(
        matches!(i.problem, Problem::OffBasemapLand { .. }) && i.severity() == Severity::Error,
        "{i}"
    );
}

#[test]
fn a_gbk_file_loads_with_a_hint_to_save_as_utf8() {
    // Until 2026-11-25 a GBK file was refused; Excel's "CSV (逗号分隔)" writes GBK on Chinese
    // Windows, so it is now decoded and only warned about.
    let i = only("gbk.csv");
    assert_eq!(i.line, 1);
    assert_eq!(i.severity(), Severity::Warning);
    assert!(matches!(i.problem, Problem::Decoded { .. }));
    assert!(i.to_string().contains("CSV UTF-8"));
}

#[test]
fn a_file_marked_utf8_that_is_not_is_refused_at_its_first_bad_byte() {
    let mut bytes = b"\xEF\xBB\xBFid,shandong_city\nqingdao-x,".to_vec();
    bytes.extend_from_slice(b"\xCF\xC2\n");
    let b = common::basemap();
    let issues = Dataset::load(&common::gazetteer(), "x.csv", &bytes, TODAY, Some(&b))
        .expect_err("not UTF-8");
    let bad = issues
        .iter()
        .find(|i| matches!(i.problem, Problem::NotUtf8 { .. }))
        .expect("NotUtf8");
    assert_eq!(bad.line, 2);
}

#[test]
fn a_short_row_and_a_missing_column_are_reported() {
    let i = only("short_row.csv");
    assert_eq!(
        (i.line, i.problem),
        (
            3,
            Problem::FieldCount {
                expected: 16,
                found: 13
            }
        )
    );
    let i = only("missing_column.csv");
    assert_eq!(
        (i.line, i.field.as_str(), i.problem),
        (1, "lon", Problem::MissingColumn)
    );
}

#[test]
fn all_problems_of_a_file_are_collected_not_just_the_first() {
    let csv = "id,shandong_city,partner_en,country,lon,lat,sources,established\n\
               Bad Id,nowhere,,XX,999,0,,19\n";
    let issues = Dataset::load(
        &common::gazetteer(),
        "many.csv",
        csv.as_bytes(),
        TODAY,
        None,
    )
    .expect_err("invalid");
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    for f in [
        "id",
        "shandong_city",
        "partner_en",
        "country",
        "lon",
        "sources",
        "established",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert!(issues.iter().all(|i| i.line == 2));
}

/// The spreadsheet fixtures hold the same three rows (the third with lon 500, on file line 4),
/// saved as Excel and WPS save them.
fn spreadsheet(name: &str) -> Vec<Issue> {
    let b = common::basemap();
    Dataset::load(
        &common::gazetteer(),
        name,
        &read(&format!("tests/fixtures/spreadsheets/{name}")),
        TODAY,
        Some(&b),
    )
    .expect_err("line 4 has lon 500")
}

#[test]
fn real_spreadsheet_files_load_with_the_right_line_numbers() {
    for name in ["crlf.csv", "cr.csv", "gbk.csv", "utf16le-bom.txt"] {
        let issues = spreadsheet(name);
        let errors: Vec<&Issue> = issues
            .iter()
            .filter(|i| i.severity() == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{name}: {issues:#?}");
        assert_eq!(
            (
                errors[0].line,
                errors[0].field.as_str(),
                errors[0].value.as_str()
            ),
            (4, "lon", "500"),
            "{name}"
        );
    }
}

#[test]
fn gbk_and_utf16_files_are_decoded_with_a_warning_that_names_the_encoding() {
    let gbk = spreadsheet("gbk.csv");
    assert!(
        gbk.iter().any(|i| matches!(i.problem, Problem::Decoded { encoding } if encoding.starts_with("GB18030"))
            && i.severity() == Severity::Warning),
        "{gbk:#?}"
    );
    let utf16 = spreadsheet("utf16le-bom.txt");
    assert!(utf16.iter().any(|i| matches!(
        i.problem,
        Problem::Decoded {
            encoding: "UTF-16LE"
        }
    )));
    // The Chinese names survive the decoding: the GBK file, fixed, loads 下关市.
    let fixed = read("tests/fixtures/spreadsheets/gbk.csv");
    let text =
        youcheng::dataset::encoding::decode(&fixed, youcheng::dataset::encoding::sniff(&fixed))
            .expect("GB18030")
            .replace(",500,", ",12.10161,"); // Regensburg's point, as in tests/fixtures/filter
    let b = common::basemap();
    let ds = Dataset::load(
        &common::gazetteer(),
        "gbk.csv",
        text.as_bytes(),
        TODAY,
        Some(&b),
    )
    .expect("loads")
    .dataset;
    assert_eq!(ds.partnerships[0].partner_zh, "下关市");
}

/// The second research pass's audit corrections and the known fixes, as they stand in the data.
#[test]
fn the_audited_rows_carry_their_corrections() {
    use youcheng::dataset::{Level, Status};
    let ds = shipped();
    let row = |id: &str| {
        ds.by_id(id)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| panic!("{id} is in the data"))
    };
    // Heze's Colombo is Colombo in Paraná, Brazil (哥伦布市), friendly cooperation (Xinhua 2023-11-04).
    let colombo = row("heze-colombo");
    assert_eq!(ds.country_of(&colombo).iso2, "BR");
    assert_eq!(colombo.partner_zh, "哥伦布市");
    assert_eq!(colombo.relation, Relation::Cooperation);
    // Qingdao's 2006/2008 tie was with North Shore City (merged into Auckland 2010); only intent documented.
    assert!(ds.by_id("qingdao-auckland").is_none());
    let north_shore = row("qingdao-north-shore-city");
    assert_eq!(
        (north_shore.status, north_shore.relation),
        (Status::Intent, Relation::Unknown)
    );
    // Callao: only a draft agreement is documented, so it is not a signed tie.
    assert_eq!(row("qingdao-callao").status, Status::Intent);
    // Yantai's partner is Phuket Province (普吉府).
    let phuket = row("yantai-phuket");
    assert_eq!(
        (phuket.partner_zh.as_str(), phuket.level),
        ("普吉府", Level::Province)
    );
    // Schönebeck cooperates without being a formal twin town.
    assert_eq!(row("rizhao-schonebeck").relation, Relation::Cooperation);
    // Tatarstan: the friendly-relations agreement of May 2010; Upper Austria since 1996.
    assert_eq!(
        row("shandong-tatarstan").established.map(|d| d.to_string()),
        Some("2010-05".into())
    );
    assert_eq!(
        row("shandong-upper-austria").established.map(|d| d.year),
        Some(1996)
    );
    // Thousand Oaks is a Shibei District tie.
    assert_eq!(row("qingdao-thousand-oaks").subunit_zh, "市北区");
    // No intent is presented as a signed tie with a known relation type.
    assert!(ds
        .partnerships
        .iter()
        .filter(|p| p.status == Status::Intent)
        .all(|p| p.relation == Relation::Unknown));
}

#[test]
fn json_records_are_read_by_the_same_checks_and_problems_name_the_record() {
    let b = common::basemap();
    let json = r#"[
      {"id": "qingdao-shimonoseki", "shandong_city": "qingdao", "partner_en": "Shimonoseki", "partner_zh": "下关市",
       "country": "JP", "lon": 130.93713, "lat": 33.95548, "sources": ["https://example.org/a | Example"], "extra": 1},
      {"id": "qingdao-x", "shandong_city": "qingdao", "partner_en": "X", "country": "JP", "lon": 500, "lat": 33.9, "sources": "https://example.org"},
      7
    ]"#;
    let issues = Dataset::load(
        &common::gazetteer(),
        "mine.json",
        json.as_bytes(),
        TODAY,
        Some(&b),
    )
    .expect_err("record 2 has lon 500, record 3 is no object");
    let lon = issues
        .iter()
        .find(|i| i.field == "lon")
        .expect("the bad lon");
    assert_eq!((lon.line, lon.value.as_str()), (2, "500"));
    assert!(lon.to_string().contains("mine.json record 2"), "{lon}");
    assert!(issues
        .iter()
        .any(|i| i.line == 3 && i.problem == Problem::NotRecords));
    // The first record alone loads, its sources list read as the sources column.
    let only = r#"{"partnerships": [{"id": "qingdao-shimonoseki", "shandong_city": "qingdao", "partner_en": "Shimonoseki",
      "partner_zh": "下关市", "country": "JP", "lon": 130.93713, "lat": 33.95548, "sources": ["https://example.org/a | Example"]}]}"#;
    let ds = Dataset::load(
        &common::gazetteer(),
        "one.json",
        only.as_bytes(),
        TODAY,
        Some(&b),
    )
    .expect("one record")
    .dataset;
    assert_eq!(ds.partnerships[0].partner_zh, "下关市");
    assert_eq!(ds.partnerships[0].sources.entries()[0].title, "Example");
}
