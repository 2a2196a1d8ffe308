//! Ranked search on the shipped data: match quality, typos, pinyin initials, aliases and no
//! short-code noise; and the filter's text matching, which shares the rules.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use common::shipped;
use youcheng::dataset::Dataset;
use youcheng::filter::Filter;
use youcheng::search::{pinyin_syllables, HitKind, SearchHit, SearchIndex};

fn search(ds: &Dataset, text: &str) -> Vec<SearchHit> {
    SearchIndex::new(ds).search(ds, text, 8)
}

fn first(ds: &Dataset, text: &str) -> (HitKind, String) {
    let hits = search(ds, text);
    let h = hits
        .first()
        .unwrap_or_else(|| panic!("{text:?} found nothing"));
    (h.kind, h.key.clone())
}

fn filtered(ds: &Dataset, text: &str) -> Vec<String> {
    Filter {
        text: text.into(),
        ..Default::default()
    }
    .apply(ds)
    .into_iter()
    .map(|i| ds.partnerships[i].id.clone())
    .collect()
}

fn country_of(ds: &Dataset, id: &str) -> String {
    let (_, p) = ds.by_id(id).expect("pair");
    ds.country_of(p).iso2.clone()
}

#[test]
fn typos_in_latin_and_pinyin_find_the_place() {
    let ds = shipped();
    let shimonoseki = (HitKind::Pair, "qingdao-shimonoseki".to_string());
    assert_eq!(first(&ds, "Shimonoseky"), shimonoseki);
    assert_eq!(first(&ds, "shimonosekii"), shimonoseki);
    assert_eq!(first(&ds, "xiaguang"), shimonoseki);
    for soul in ["Soul", "seol", "Seoull"] {
        assert_eq!(
            first(&ds, soul),
            (HitKind::Pair, "shandong-seoul".into()),
            "{soul}"
        );
    }
    // Typos never outrank a real match: "Seoul" itself comes before its districts.
    let seoul = search(&ds, "Seoul");
    assert_eq!(seoul[0].key, "shandong-seoul");
    assert!(
        seoul.iter().all(|h| h.country_en == "South Korea"),
        "{seoul:?}"
    );
}

#[test]
fn pinyin_initials_find_the_chinese_name() {
    let ds = shipped();
    assert_eq!(
        first(&ds, "xg"),
        (HitKind::Pair, "qingdao-shimonoseki".into())
    );
    assert_eq!(
        first(&ds, "XGS"),
        (HitKind::Pair, "qingdao-shimonoseki".into())
    );
    assert_eq!(first(&ds, "qd"), (HitKind::City, "qingdao".into()));
    // A two-letter country code is a whole-code match and beats initials.
    assert_eq!(first(&ds, "jp"), (HitKind::Country, "JP".into()));
}

#[test]
fn aliases_and_common_names_find_the_country_or_city() {
    let ds = shipped();
    for (q, kind, key) in [
        ("USA", HitKind::Country, "US"),
        ("US", HitKind::Country, "US"),
        ("America", HitKind::Country, "US"),
        ("美国", HitKind::Country, "US"),
        ("UK", HitKind::Country, "GB"),
        ("Britain", HitKind::Country, "GB"),
        ("England", HitKind::Country, "GB"),
        ("英国", HitKind::Country, "GB"),
        ("Korea", HitKind::Country, "KR"),
        ("South Korea", HitKind::Country, "KR"),
        ("Republic of Korea", HitKind::Country, "KR"),
        ("韩国", HitKind::Country, "KR"),
        ("Tsingtao", HitKind::City, "qingdao"),
        ("青岛", HitKind::City, "qingdao"),
        ("Chefoo", HitKind::City, "yantai"),
        ("Japan", HitKind::Country, "JP"),
    ] {
        assert_eq!(first(&ds, q), (kind, key.to_string()), "{q}");
    }
}

#[test]
fn short_codes_make_no_noise() {
    let ds = shipped();
    let usa = search(&ds, "USA");
    for h in usa.iter().take(5) {
        assert!(
            h.kind == HitKind::Country && h.key == "US" || h.country_en == "United States",
            "USA: {h:?}"
        );
    }
    assert!(search(&ds, "UK")
        .iter()
        .all(|h| h.key != "UA" && h.country_en != "Ukraine"));
    // "xia" finds names with the syllable xia, never the xian of a 县 (which 12+ names end in).
    let xian = |p: &youcheng::dataset::Partnership| {
        [&p.partner_zh, &p.subunit_zh]
            .iter()
            .any(|n| n.ends_with('县') && !pinyin_syllables(n).iter().any(|s| s == "xia"))
    };
    assert!(ds.partnerships.iter().filter(|p| xian(p)).count() >= 3);
    for h in search(&ds, "xia") {
        let (_, p) = ds.by_id(&h.key).expect("a pair");
        assert!(!xian(p), "{h:?}");
    }
    // The filter follows the same rules.
    let us = filtered(&ds, "USA");
    assert!(us.len() >= 20, "{} US pairs", us.len());
    assert!(us.iter().all(|id| country_of(&ds, id) == "US"), "{us:?}");
    let uk = filtered(&ds, "UK");
    assert!(
        !uk.is_empty() && uk.iter().all(|id| country_of(&ds, id) == "GB"),
        "{uk:?}"
    );
    let xia = filtered(&ds, "xia");
    assert!(xia.contains(&"qingdao-shimonoseki".to_string()));
    assert!(xia.len() < 10, "xia is specific: {xia:?}");
    assert!(xia.iter().all(|id| !xian(ds.by_id(id).expect("pair").1)));
}

#[test]
fn better_matches_rank_first() {
    let ds = shipped();
    // Exact city name before anything that merely contains it.
    assert_eq!(first(&ds, "weifang"), (HitKind::City, "weifang".into()));
    // A pair's whole id finds that pair.
    assert_eq!(
        first(&ds, "qingdao shimonoseki"),
        (HitKind::Pair, "qingdao-shimonoseki".into())
    );
    // A prefix ("Shimo") before a word prefix or substring.
    assert_eq!(
        first(&ds, "Shimo"),
        (HitKind::Pair, "qingdao-shimonoseki".into())
    );
    // Results carry both languages and the pair's Shandong side.
    let h = &search(&ds, "下关")[0];
    assert_eq!(
        (h.name_zh.as_str(), h.name_en.as_str()),
        ("下关市", "Shimonoseki")
    );
    assert_eq!(
        (h.side_zh.as_str(), h.side_en.as_str()),
        ("青岛市", "Qingdao")
    );
    assert_eq!(
        (h.country_zh.as_str(), h.country_en.as_str()),
        ("日本", "Japan")
    );
    assert!(search(&ds, "").is_empty() && search(&ds, "qxzvqxzv").is_empty());
    assert!(
        search(&ds, "a").is_empty(),
        "one letter matches only a whole name"
    );
}

#[test]
fn the_filter_forgives_a_typo_only_when_nothing_else_matches() {
    let ds = shipped();
    assert_eq!(filtered(&ds, "Shimonoseky"), ["qingdao-shimonoseki"]);
    // "laoshan" matches 崂山区 exactly, so Laishan (one letter away) stays out.
    let laoshan = filtered(&ds, "laoshan");
    assert!(!laoshan.is_empty());
    assert!(laoshan
        .iter()
        .all(|id| ds.by_id(id).is_some_and(|(_, p)| p.subunit_zh == "崂山区")));
}

#[test]
fn the_check_refuses_aliases_without_a_source_or_with_markup() {
    use youcheng::dataset::Gazetteer;
    let read = |p: &str| common::read(p);
    let countries = String::from_utf8(read("data/countries.csv")).expect("utf-8");
    let load = |c: &str| {
        Gazetteer::load(
            &read("data/shandong.csv"),
            c.as_bytes(),
            &read("data/groups.csv"),
        )
    };
    let g = load(&countries).expect("the shipped table loads");
    let us = g.countries.iter().find(|c| c.iso2 == "US").expect("US");
    assert!(
        us.aliases.iter().any(|a| a == "USA") && us.aliases.iter().any(|a| a == "美利坚合众国")
    );
    let no_source = countries.replace(
        "JP,JPN,Japan,日本,asia,neighbour island,Nippon | Nihon,\"endonyms (Japanese 日本, romanised)\"",
        "JP,JPN,Japan,日本,asia,neighbour island,Nippon | Nihon,",
    );
    assert_ne!(no_source, countries, "the fixture line is in the file");
    let issues = load(&no_source).expect_err("an alias without a source");
    assert!(
        issues.iter().any(|i| i.field == "aliases_source"),
        "{issues:?}"
    );
    let markup = countries.replace("Nippon | Nihon", "Nippon | <b>Nihon</b>");
    let issues = load(&markup).expect_err("markup");
    assert!(issues.iter().any(|i| i.field == "aliases"), "{issues:?}");
}

#[test]
fn a_match_on_the_written_name_ranks_before_one_on_its_pinyin() {
    let ds = shipped();
    // "yama" starts Yamaguchi and also 牙买加 (Jamaica) in pinyin.
    let hits = search(&ds, "yama");
    assert!(hits[0].name_en.starts_with("Yama"), "{:?}", hits[0]);
    let jamaica = hits
        .iter()
        .position(|h| h.key == "JM")
        .expect("Jamaica is listed");
    assert!(hits
        .iter()
        .take(jamaica)
        .all(|h| h.name_en.to_lowercase().contains("yama")));
}

#[test]
fn a_partner_place_with_several_pairs_is_listed_once_as_a_place() {
    let ds = shipped();
    let index = SearchIndex::new(&ds);
    let several: Vec<_> = ds
        .partnerships
        .iter()
        .enumerate()
        .filter(|(i, _)| index.place_of(*i).len() > 1)
        .map(|(_, p)| p)
        .collect();
    assert!(
        several.len() >= 4,
        "{} pairs in places with several",
        several.len()
    );
    let p = several[0];
    let hits = search(&ds, &p.partner_en);
    let place = hits
        .iter()
        .find(|h| h.kind == HitKind::Place)
        .expect("a place");
    assert_eq!(
        place.pairs,
        index.place_of(ds.by_id(&p.id).unwrap().0).len()
    );
    assert!(!hits
        .iter()
        .any(|h| h.kind == HitKind::Pair && h.name_en == p.partner_en));
}

/// Prints how long a ranked search and a text filter take on the shipped data (no assertion on
/// time: the machine is shared). `cargo test --release --test search timings -- --nocapture`.
#[test]
fn timings() {
    let ds = shipped();
    let t = std::time::Instant::now();
    let index = SearchIndex::new(&ds);
    let build = t.elapsed();
    let mut lines = vec![format!("index for {} pairs: {build:?}", index.len())];
    for q in ["Shimonoseky", "xg", "Soul", "USA", "Yamaguchi"] {
        let t = std::time::Instant::now();
        let n = (0..100)
            .map(|_| index.search(&ds, q, 8).len())
            .sum::<usize>();
        let search = t.elapsed() / 100;
        let f = Filter {
            text: q.into(),
            ..Default::default()
        };
        let t = std::time::Instant::now();
        let m = (0..100)
            .map(|_| f.apply_indexed(&ds, || &index).len())
            .sum::<usize>();
        let filter = t.elapsed() / 100;
        assert!(n > 0 && m > 0, "{q}");
        lines.push(format!("{q:?}: search {search:?}, filter {filter:?}"));
    }
    println!("{}", lines.join("\n"));
}

/// The map makes its search index after the data is shown, in steps the page sends in idle
/// time; a search or a text filter before that makes it at once, with the same answers.
#[test]
fn the_search_index_is_made_in_idle_steps_or_when_first_needed() {
    use youcheng::app::Command;
    let ds = shipped();
    // The origins' names are made first, then the pairs', counted alike.
    let n = ds.cities().len() + ds.partnerships.len();
    let search = |app: &mut youcheng::app::App, text: &str| {
        app.handle(Command::Search {
            text: text.into(),
            limit: 8,
        })
        .results
    };
    let mut stepped = common::shipped_app(800.0, 500.0);
    assert!(
        !stepped.map.has_hit_index(),
        "a load at once leaves the hit index to idle time too"
    );
    // The hit index first, a part of about `HIT_PART_PIECES` segments a step.
    let mut index_steps = 0;
    while !stepped.map.has_hit_index() {
        assert!(stepped.handle(Command::Prepare { pairs: 100 }).pending);
        index_steps += 1;
        assert!(index_steps < 100, "never done");
    }
    assert!(index_steps >= 1);
    let mut steps = 0;
    loop {
        steps += 1;
        if !stepped.handle(Command::Prepare { pairs: 100 }).pending {
            break;
        }
        assert!(steps < 100, "never done");
    }
    assert_eq!(
        steps,
        n.div_ceil(100),
        "then {n} origins and pairs in steps of 100"
    );
    assert!(stepped.map.has_hit_index());
    assert!(
        !stepped.handle(Command::Prepare { pairs: 100 }).pending,
        "nothing is left once it is made"
    );
    let mut lazy = common::shipped_app(800.0, 500.0);
    for text in ["Shimonoseki", "xiaguan", "Jinan", "Koria"] {
        let (a, b) = (search(&mut stepped, text), search(&mut lazy, text));
        assert!(!a.is_empty(), "{text:?} found nothing");
        assert_eq!(a, b, "{text:?}");
    }
    // A text filter on a map whose index was never prepared.
    let mut fresh = common::shipped_app(800.0, 500.0);
    let before = fresh.snapshot().stats.stats.pairs;
    let mut filter = fresh.snapshot().filter;
    filter.text = "Shimonoseki".into();
    fresh.handle(Command::SetFilter { filter });
    let after = fresh.snapshot().stats.stats.pairs;
    assert!(after >= 1 && after < before, "{before} → {after}");
    assert_eq!(after, filtered(&shipped(), "Shimonoseki").len());
}
