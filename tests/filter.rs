//! Filtering, search, the URL state and the statistics panel's counts.
//!
//! The filter fixture (tests/fixtures/filter/partnerships.csv) is 14 real rows copied from
//! data/partnerships.csv with their sources:
//!
//! | # | id                            | city      | country | continent     | group     | level    | relation    | year |
//! |---|-------------------------------|-----------|---------|---------------|-----------|----------|-------------|------|
//! | 1 | qingdao-shimonoseki           | qingdao   | JP      | asia          | neighbour | city     | friendship  | 1979 |
//! | 2 | qingdao-long-beach            | qingdao   | US      | north_america |           | city     | friendship  | 1985 |
//! | 3 | qingdao-regensburg            | qingdao   | DE      | europe        |           | city     | cooperation | 2009 |
//! | 4 | qingdao-busan                 | qingdao   | KR      | asia          | neighbour | city     | unknown     | ?    |
//! | 5 | qingdao-kandy                 | qingdao   | LK      | asia          |           | city     | cooperation | 2021 |
//! | 6 | weifang-hyuga                 | weifang   | JP      | asia          | neighbour | city     | friendship  | 1986 |
//! | 7 | weifang-pueblo                | weifang   | US      | north_america |           | city     | friendship  | 1991 |
//! | 8 | weifang-freising-district     | weifang   | DE      | europe        |           | county   | friendship  | 1987 |
//! | 9 | weifang-icheon                | weifang   | KR      | asia          | neighbour | city     | cooperation | ?    |
//! |10 | shandong-yamaguchi-prefecture | shandong  | JP      | asia          | neighbour | province | friendship  | 1982 |
//! |11 | shandong-south-australia      | shandong  | AU      | oceania       |           | province | friendship  | 1986 |
//! |12 | jinan-praia                   | jinan     | CV      | africa        | island    | city     | unknown     | ?    |
//! |13 | liaocheng-port-vila           | liaocheng | VU      | oceania       | island    | city     | cooperation | 2023 |
//! |14 | jinan-yamaguchi               | jinan     | JP      | asia          | neighbour | city     | friendship  | 1985 |
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use common::{gazetteer, read, shipped, TODAY};
use std::collections::BTreeSet;
use youcheng::dataset::{Dataset, Stats};
use youcheng::filter::Filter;
use youcheng::urlstate::{UrlState, View};

fn fixture() -> Dataset {
    Dataset::load(
        &gazetteer(),
        "filter/partnerships.csv",
        &read("tests/fixtures/filter/partnerships.csv"),
        TODAY,
        Some(&common::basemap()),
    )
    .unwrap_or_else(|issues| panic!("{issues:#?}"))
    .dataset
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Ids of the pairs that pass, sorted.
fn ids(ds: &Dataset, f: &Filter) -> Vec<String> {
    let mut v: Vec<String> = f
        .apply(ds)
        .into_iter()
        .map(|i| ds.partnerships[i].id.clone())
        .collect();
    v.sort();
    v
}

fn count(ds: &Dataset, f: Filter) -> usize {
    let n = f.apply(ds).len();
    // `matches` must agree with `apply`.
    assert_eq!(
        ds.partnerships.iter().filter(|p| f.matches(ds, p)).count(),
        n
    );
    n
}

#[test]
fn the_fixture_loads_all_fourteen_rows() {
    assert_eq!(fixture().partnerships.len(), 14);
    assert_eq!(count(&fixture(), Filter::default()), 14); // no restriction: all 14
}

#[test]
fn city_and_city_with_relation() {
    let ds = fixture();
    let city = |c: &[&str]| Filter {
        cities: strings(c),
        ..Default::default()
    };
    assert_eq!(count(&ds, city(&["qingdao"])), 5); // rows 1–5
    assert_eq!(count(&ds, city(&["jinan", "shandong"])), 4); // rows 10, 11, 12, 14
    assert_eq!(
        count(
            &ds,
            Filter {
                relations: strings(&["friendship"]),
                ..city(&["weifang"])
            }
        ),
        3 // rows 6, 7, 8
    );
    assert_eq!(
        count(
            &ds,
            Filter {
                relations: strings(&["cooperation"]),
                ..city(&["qingdao", "weifang"])
            }
        ),
        3 // rows 3, 5, 9
    );
    assert_eq!(
        count(
            &ds,
            Filter {
                relations: strings(&["unknown"]),
                ..city(&["qingdao"])
            }
        ),
        1 // row 4
    );
}

#[test]
fn continent_with_a_year_range_and_unknown_years_shown_or_hidden() {
    let ds = fixture();
    let asia_80s = Filter {
        continents: strings(&["asia"]),
        year_from: Some(1980),
        year_to: Some(1990),
        ..Default::default()
    };
    // Asia: rows 1 (1979), 4 (?), 5 (2021), 6 (1986), 9 (?), 10 (1982), 14 (1985).
    // A year range shows the pairs dated within it; undated ones only when asked for.
    assert_eq!(count(&ds, asia_80s.clone()), 3); // rows 6, 10, 14
    assert_eq!(
        count(
            &ds,
            Filter {
                show_unknown_year: true,
                ..asia_80s.clone()
            }
        ),
        5 // 6, 10, 14 dated in range + 4, 9 undated
    );
    assert_eq!(
        count(
            &ds,
            Filter {
                hide_unknown_year: true,
                show_unknown_year: true,
                ..asia_80s
            }
        ),
        3, // hiding wins
    );
}

#[test]
fn a_year_range_alone_with_unknown_years_shown_or_hidden() {
    let ds = fixture();
    let range = Filter {
        year_from: Some(1985),
        year_to: Some(1991),
        ..Default::default()
    };
    // Dated 1985–1991, both ends included: rows 2, 6, 7, 8, 11, 14; undated: rows 4, 9, 12.
    assert_eq!(count(&ds, range.clone()), 6); // a range alone: the dated rows only
    assert_eq!(
        count(
            &ds,
            Filter {
                show_unknown_year: true,
                ..range.clone()
            }
        ),
        9 // 6 dated + 3 undated, asked for
    );
    assert_eq!(
        ids(
            &ds,
            &Filter {
                hide_unknown_year: true,
                ..range.clone()
            }
        ),
        strings(&[
            "jinan-yamaguchi",
            "qingdao-long-beach",
            "shandong-south-australia",
            "weifang-freising-district",
            "weifang-hyuga",
            "weifang-pueblo",
        ]) // the 6 dated rows
    );
    assert_eq!(
        count(
            &ds,
            Filter {
                year_from: Some(2000),
                ..Default::default()
            }
        ),
        3 // rows 3, 5, 13 (2009, 2021, 2023); undated 4, 9, 12 left out
    );
    assert_eq!(
        count(&ds, Filter::default()),
        14,
        "no bound: undated rows are in"
    );
}

#[test]
fn levels_and_groups() {
    let ds = fixture();
    let level = |l: &[&str]| Filter {
        levels: strings(l),
        ..Default::default()
    };
    assert_eq!(count(&ds, level(&["province"])), 2); // rows 10, 11
    assert_eq!(count(&ds, level(&["county"])), 1); // row 8
    assert_eq!(count(&ds, level(&["city"])), 11); // 14 − 2 provinces − 1 county
    let group = |g: &[&str]| Filter {
        groups: strings(g),
        ..Default::default()
    };
    assert_eq!(count(&ds, group(&["neighbour"])), 6); // rows 1, 4, 6, 9, 10, 14 (JP, KR)
                                                      // `sids` (UNCTAD's small island developing states) was called `island` before the
                                                      // island-country list of 2026-11-25 took that key.
    assert_eq!(count(&ds, group(&["sids"])), 2); // rows 12 (CV), 13 (VU)
    assert_eq!(count(&ds, group(&["neighbour", "sids"])), 8); // 6 + 2
                                                              // Island countries: JP rows 1, 6, 10, 14, LK row 5, CV row 12, VU row 13.
    assert_eq!(count(&ds, group(&["island"])), 7);
    assert_eq!(
        count(
            &ds,
            Filter {
                levels: strings(&["province"]),
                ..group(&["neighbour"])
            }
        ),
        1 // row 10
    );
}

#[test]
fn country_with_text_in_english_chinese_and_pinyin() {
    let ds = fixture();
    let jp = |text: &str| Filter {
        countries: strings(&["JP"]),
        text: text.into(),
        ..Default::default()
    };
    assert_eq!(count(&ds, jp("")), 4); // rows 1, 6, 10, 14
    assert_eq!(count(&ds, jp("Yamaguchi")), 2); // rows 10 (Yamaguchi Prefecture), 14 (Yamaguchi)
    assert_eq!(count(&ds, jp("山口")), 2); // 山口县 (10), 山口市 (14)
    assert_eq!(count(&ds, jp("Shan Kou")), 2); // pinyin of 山口: rows 10, 14
    assert_eq!(count(&ds, jp("prefecture")), 1); // row 10
    assert_eq!(count(&ds, jp("weifang")), 1); // row 6, by its Shandong city
    assert_eq!(count(&ds, jp("long beach")), 0); // row 2 is in the US
                                                 // The text alone, across countries: "yamaguchi" is only in rows 10 and 14.
    assert_eq!(
        count(
            &ds,
            Filter {
                text: "YAMA-GUCHI".into(),
                ..Default::default()
            }
        ),
        2
    );
}

#[test]
fn restrictions_that_exclude_each_other_give_nothing() {
    let ds = fixture();
    assert_eq!(
        count(
            &ds,
            Filter {
                cities: strings(&["jinan"]),
                continents: strings(&["europe"]),
                ..Default::default()
            }
        ),
        0 // Jinan's rows are 12 (africa) and 14 (asia)
    );
    assert_eq!(
        count(
            &ds,
            Filter {
                levels: strings(&["province"]),
                year_from: Some(1990),
                ..Default::default()
            }
        ),
        0 // the provinces are dated 1982 and 1986
    );
}

// --- Search on the shipped data -------------------------------------------------------------

fn search(ds: &Dataset, text: &str) -> BTreeSet<String> {
    ids(
        ds,
        &Filter {
            text: text.into(),
            ..Default::default()
        },
    )
    .into_iter()
    .collect()
}

#[test]
fn shimonoseki_is_found_in_pinyin_chinese_and_english() {
    let ds = shipped();
    let (_, p) = ds.by_id("qingdao-shimonoseki").expect("present");
    assert_eq!(p.partner_zh, "下关市");
    for needle in [
        "xiaguan",
        "下关",
        "Shimonoseki",
        "xia guan",
        "Xia Guan",
        "XIAGUAN",
    ] {
        let found = search(&ds, needle);
        assert!(
            found.contains("qingdao-shimonoseki"),
            "{needle:?} found {found:?}"
        );
    }
    // Pinyin of the Chinese name is in the key, and only the intended pair carries it.
    assert_eq!(
        search(&ds, "xiaguanshi"),
        BTreeSet::from(["qingdao-shimonoseki".to_string()])
    );
}

const ACCENTED: [(&str, &str, &str); 6] = [
    ("São Paulo", "sao paulo", "shandong-sao-paulo-state"),
    ("Schönebeck", "schonebeck", "rizhao-schonebeck"),
    ("Örebro", "OREBRO", "yantai-orebro"),
    ("Świętochłowice", "swietochlowice", "taian-swietochlowice"),
    ("Brașov", "brasov", "qingdao-brasov"),
    (
        "Tanger-Tétouan",
        "tanger tetouan",
        "shandong-tanger-tetouan-al-hoceima",
    ),
];

#[test]
fn accents_are_folded_both_ways() {
    let ds = shipped();
    for (accented, plain, id) in ACCENTED {
        let a = search(&ds, accented);
        assert!(a.contains(id), "{accented:?} found {a:?}");
        assert_eq!(a, search(&ds, plain), "{accented:?} vs {plain:?}");
    }
}

/// The same real rows with ids that do not spell the name, so only the folded name can match.
#[test]
fn accents_are_folded_in_the_names_themselves() {
    let bytes = read("data/partnerships.csv");
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(reader.headers().expect("header"))
        .expect("write");
    let mut n = 0;
    for record in reader.records() {
        let record = record.expect("record");
        if ACCENTED.iter().any(|(_, _, id)| &record[0] == *id) {
            n += 1;
            let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
            fields[0] = format!("pair-{n}");
            writer.write_record(&fields).expect("write");
        }
    }
    assert_eq!(n, ACCENTED.len());
    let csv = writer.into_inner().expect("csv");
    let ds = Dataset::load(&gazetteer(), "accented.csv", &csv, TODAY, None)
        .expect("valid")
        .dataset;
    for (accented, plain, _) in ACCENTED {
        let a = search(&ds, accented);
        assert_eq!(a.len(), 1, "{accented:?} found {a:?}");
        assert_eq!(a, search(&ds, plain), "{accented:?} vs {plain:?}");
    }
}

#[test]
fn a_nonsense_needle_finds_nothing_and_an_empty_one_everything() {
    let ds = shipped();
    assert!(search(&ds, "qxzvqxzv").is_empty());
    assert!(search(&ds, "下关市下关市").is_empty());
    assert_eq!(search(&ds, " - ").len(), ds.partnerships.len());
}

#[test]
fn a_country_in_english_chinese_and_pinyin_gives_the_same_pairs() {
    let ds = shipped();
    let japan = search(&ds, "Japan");
    let jp: BTreeSet<String> = ds
        .partnerships
        .iter()
        .filter(|p| ds.country_of(p).iso2 == "JP")
        .map(|p| p.id.clone())
        .collect();
    assert!(jp.len() >= 10, "{} Japanese pairs", jp.len());
    assert_eq!(japan, jp);
    assert_eq!(search(&ds, "日本"), jp);
    assert_eq!(search(&ds, "riben"), jp);
    assert_eq!(search(&ds, "Ri Ben"), jp);
}

#[test]
fn a_shandong_subunit_is_found_by_its_pinyin() {
    let ds = shipped();
    // 崂山区 (Laoshan District) is the subunit of qingdao-seocho-district.
    let found = search(&ds, "laoshan");
    assert!(
        found.contains("qingdao-seocho-district"),
        "laoshan found {found:?}"
    );
    assert!(found
        .iter()
        .all(|id| ds.by_id(id).is_some_and(|(_, p)| p.subunit_zh == "崂山区")));
}

// --- URL state ------------------------------------------------------------------------------

fn full_state() -> UrlState {
    UrlState {
        filter: Filter {
            cities: strings(&["weifang", "qingdao"]),
            countries: strings(&["JP", "KR"]),
            continents: strings(&["asia", "north_america"]),
            relations: strings(&["friendship", "unknown"]),
            levels: strings(&["city"]),
            groups: strings(&["neighbour"]),
            year_from: Some(1990),
            year_to: Some(2010),
            hide_unknown_year: true,
            show_unknown_year: false,
            text: "下关, Shimonoseki & #1 + 50% / a=b".into(),
        },
        selected: strings(&["qingdao-shimonoseki", "weifang-pueblo"]),
        view: Some(View {
            lon: 130.5,
            lat: 35.2,
            zoom: 3.0,
        }),
        lang: Some("en".into()),
        colour: Some("decade".into()),
        table: true,
    }
}

#[test]
fn a_full_state_round_trips_through_the_hash() {
    let state = full_state();
    let hash = state.to_hash();
    assert_eq!(
        hash,
        "city=weifang,qingdao&country=JP,KR&continent=asia,north_america\
         &rel=friendship,unknown&level=city&group=neighbour&from=1990&to=2010&unknown=hide\
         &q=%E4%B8%8B%E5%85%B3%2C%20Shimonoseki%20%26%20%231%20%2B%2050%25%20%2F%20a%3Db\
         &sel=qingdao-shimonoseki,weifang-pueblo&view=130.5000,35.2000,3.00&lang=en\
         &colour=decade&table=1"
    );
    let (back, problems) = UrlState::parse(&format!("#{hash}"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back, state);
    // Without the leading `#` too.
    assert_eq!(UrlState::parse(&hash).0, state);
}

#[test]
fn list_items_with_commas_survive() {
    let state = UrlState {
        filter: Filter {
            groups: strings(&["a,b", "c"]),
            ..Default::default()
        },
        selected: strings(&["x,y"]),
        ..Default::default()
    };
    let hash = state.to_hash();
    assert_eq!(hash, "group=a%2Cb,c&sel=x%2Cy");
    assert_eq!(UrlState::parse(&hash), (state, vec![]));
}

#[test]
fn the_default_state_is_the_empty_hash() {
    assert_eq!(UrlState::default().to_hash(), "");
    assert_eq!(UrlState::parse(""), (UrlState::default(), vec![]));
    assert_eq!(UrlState::parse("#"), (UrlState::default(), vec![]));
}

#[test]
fn plus_is_a_space_and_unknown_keys_are_ignored() {
    let (s, problems) = UrlState::parse("#q=xia+guan&utm_source=x&zz&&country=jp");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.filter.text, "xia guan");
    assert_eq!(s.filter.countries, strings(&["JP"]));
}

#[test]
fn garbage_is_reported_and_the_rest_kept() {
    let (s, problems) = UrlState::parse(
        "#q=%E4%&city=qingdao&view=1,2&from=abc&to=2010&lang=fr&colour=city&table=yes\
         &rel=sister,friendship&sel=a%ZZ,qingdao-shimonoseki&unknown=maybe",
    );
    assert_eq!(s.filter.cities, strings(&["qingdao"]));
    assert_eq!(s.filter.text, ""); // broken escape: value dropped
    assert_eq!(s.view, None);
    assert_eq!(s.filter.year_from, None);
    assert_eq!(s.filter.year_to, Some(2010));
    assert_eq!(s.lang, None);
    assert_eq!(s.colour.as_deref(), Some("city"));
    assert!(!s.table);
    assert_eq!(s.filter.relations, strings(&["friendship"]));
    assert_eq!(s.selected, strings(&["qingdao-shimonoseki"]));
    assert!(!s.filter.hide_unknown_year);
    assert_eq!(problems.len(), 8, "{problems:#?}"); // q, view, from, lang, table, rel, sel, unknown
    assert!(problems.contains(&"year `from` value \"abc\" is not a year".to_string()));
    assert!(problems.iter().any(|p| p.contains("`q`")));
    assert!(problems.iter().any(|p| p.contains("`view`")));

    let (s, problems) = UrlState::parse("view=nan,0,1&from=19x9");
    assert_eq!(s.view, None);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.contains(&"year `from` value \"19x9\" is not a year".to_string()));
}

#[test]
fn no_input_makes_parse_panic() {
    for garbage in [
        "%",
        "%E4%",
        "%%%",
        "=",
        "&=&=&",
        "#view=",
        "view=,,",
        "view=1,2,3,4",
        "view=inf,0,1",
        "view=0,0,1e309",
        "from=-",
        "from=99999999999",
        "%FF=1",
        "q=%FF%FE",
        "sel=,,,",
        "\u{0}\u{ffff}=\u{10ffff}",
        "q=%F0%9F%98",
    ] {
        let (s, _) = UrlState::parse(garbage);
        // Whatever was kept writes a hash that parses back cleanly to the same state.
        let (again, problems) = UrlState::parse(&s.to_hash());
        assert!(problems.is_empty(), "{garbage:?}: {problems:?}");
        assert_eq!(again, s, "{garbage:?}");
    }
}

#[test]
fn the_view_is_validated_wrapped_and_clamped() {
    let view = |hash: &str| UrlState::parse(hash);
    let (s, p) = view("view=190,10,2");
    assert_eq!(
        s.view,
        Some(View {
            lon: -170.0,
            lat: 10.0,
            zoom: 2.0
        })
    );
    assert!(p.is_empty(), "{p:?}"); // wrapping is not a problem
    assert_eq!(view("view=180,0,1").0.view.map(|v| v.lon), Some(-180.0));
    assert_eq!(view("view=-540,0,1").0.view.map(|v| v.lon), Some(-180.0));
    assert_eq!(view("view=-179.5,0,1").0.view.map(|v| v.lon), Some(-179.5));
    let (s, p) = view("view=0,0,100");
    assert_eq!(s.view.map(|v| v.zoom), Some(40.0));
    assert_eq!(p.len(), 1);
    assert_eq!(view("view=0,0,0.1").0.view.map(|v| v.zoom), Some(1.0));
    let (s, p) = view("view=10,95,2");
    assert_eq!(s.view, None); // latitude out of range: rejected, not clamped
    assert_eq!(p.len(), 1);
    assert_eq!(view("view=10,-90,2").0.view.map(|v| v.lat), Some(-90.0));
    // Written with 4 and 2 decimals, never as "-0.0000".
    let tiny = UrlState {
        view: Some(View {
            lon: -0.00001,
            lat: 12.345678,
            zoom: 2.345,
        }),
        ..Default::default()
    };
    assert_eq!(tiny.to_hash(), "view=0.0000,12.3457,2.35");
}

#[test]
fn the_state_serialises_with_camel_case_names() {
    let json = serde_json::to_value(full_state()).expect("serialises");
    assert_eq!(json["filter"]["yearFrom"], 1990);
    assert_eq!(json["filter"]["hideUnknownYear"], true);
    assert_eq!(json["selected"][0], "qingdao-shimonoseki");
    assert_eq!(json["view"]["zoom"], 3.0);
    assert_eq!(json["table"], true);
    let back: UrlState = serde_json::from_value(json).expect("deserialises");
    assert_eq!(back, full_state());
    let partial: UrlState = serde_json::from_str(r#"{"lang":"zh"}"#).expect("defaults");
    assert_eq!(partial.lang.as_deref(), Some("zh"));
    assert_eq!(partial.filter, Filter::default());
}

// --- Statistics ------------------------------------------------------------------------------

#[test]
fn cumulative_counts_rise_to_the_dated_pairs_with_every_year_present() {
    let ds = shipped();
    let s = Stats::of(&ds, 0..ds.partnerships.len());
    assert_eq!(s.unknown_year + s.with_year, s.pairs);
    assert!(s.unknown_year > 0);
    assert!(s.cumulative.windows(2).all(|w| w[0].count <= w[1].count));
    assert_eq!(s.cumulative.last().map(|c| c.count), Some(s.with_year));
    let years: Vec<i32> = s
        .cumulative
        .iter()
        .map(|c| c.key.parse().expect("a year"))
        .collect();
    assert!(years.windows(2).all(|w| w[1] == w[0] + 1), "{years:?}");
    assert_eq!(s.cumulative.first().map(|c| c.key.as_str()), Some("1979"));
    assert_eq!(
        s.cumulative.first().map(|c| c.key.clone()),
        s.by_year.first().map(|c| c.key.clone())
    );
    assert_eq!(
        s.by_year.iter().map(|c| c.count).sum::<usize>(),
        s.with_year
    );
    for counts in [&s.by_country, &s.by_continent] {
        assert!(counts.windows(2).all(|w| w[0].count >= w[1].count));
    }
}

#[test]
fn stats_of_the_fixture_are_hand_counted() {
    let ds = fixture();
    let s = Stats::of(&ds, 0..ds.partnerships.len());
    assert_eq!((s.pairs, s.with_year, s.unknown_year), (14, 11, 3)); // undated: rows 4, 9, 12
                                                                     // Years 1979..=2023 all present: 45 entries.
    assert_eq!(s.cumulative.len(), 45);
    let at = |year: &str| s.cumulative.iter().find(|c| c.key == year).map(|c| c.count);
    assert_eq!(at("1979"), Some(1)); // row 1
    assert_eq!(at("1984"), Some(2)); // + row 10 (1982)
    assert_eq!(at("1986"), Some(6)); // + 2, 14 (1985), 6, 11 (1986)
    assert_eq!(at("2000"), Some(8)); // + 8 (1987), 7 (1991)
    assert_eq!(at("2023"), Some(11)); // + 3 (2009), 5 (2021), 13 (2023)
    assert_eq!(
        s.by_country.first().map(|c| (c.key.as_str(), c.count)),
        Some(("JP", 4))
    );
    assert_eq!(
        s.by_continent.first().map(|c| (c.key.as_str(), c.count)),
        Some(("asia", 7)) // rows 1, 4, 5, 6, 9, 10, 14
    );
    let none = Stats::of(&ds, []);
    assert!(none.cumulative.is_empty());
    assert_eq!(none.unknown_year, 0);
    let json = serde_json::to_value(&s).expect("serialises");
    assert_eq!(json["unknownYear"], 3);
    assert_eq!(json["cumulative"][0]["key"], "1979");
}

#[test]
fn pairs_per_partner_level_match_the_fixture() {
    let ds = fixture();
    let s = Stats::of(&ds, 0..ds.partnerships.len());
    let by: Vec<(&str, usize)> = s
        .by_level
        .iter()
        .map(|c| (c.key.as_str(), c.count))
        .collect();
    // Hand count of partner_level in tests/fixtures/filter/partnerships.csv: 2 province, 11 city, 1 county.
    assert_eq!(by, [("province", 2), ("city", 11), ("county", 1)]);
}
