//! The application layer with the shipped data, natively: what used to be reachable only from
//! the page (click → selection → details, the keyboard walk, pins, a URL state, the counts the
//! controls show under a filter).
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use std::collections::HashSet;
use youcheng::app::{App, Command, Response};
use youcheng::filter::Filter;
use youcheng::geometry::LonLat;

fn app() -> App {
    common::shipped_app(1200.0, 700.0)
}

/// Where the Qingdao end of Qingdao–Shimonoseki's arc and the partner are drawn.
fn screen(a: &App, lon: f64, lat: f64) -> (f64, f64) {
    let p = a.map.project(LonLat::new(lon, lat)).expect("on the map");
    (p.x, p.y)
}

fn click(a: &mut App, (x, y): (f64, f64), pin: bool) -> Response {
    a.handle(Command::PointerDown {
        id: 1,
        kind: "mouse".into(),
        x,
        y,
    });
    a.handle(Command::PointerUp {
        id: 1,
        x,
        y,
        t: 1000.0,
        pin,
    })
}

#[test]
fn a_click_on_a_partner_selects_it_and_the_snapshot_shows_its_details() {
    let mut a = app();
    a.handle(Command::SetFilter {
        filter: Filter {
            cities: vec!["qingdao".into()],
            ..Filter::default()
        },
    });
    let at = screen(&a, 130.93713, 33.95548);
    let r = click(&mut a, at, false);
    assert!(r.selection_changed && r.redraw);
    let snap = a.snapshot();
    assert_eq!(snap.selection, vec!["qingdao-shimonoseki"]);
    let json = serde_json::to_value(&snap.shown).expect("serialises");
    assert_eq!(json["kind"], "pair");
    assert_eq!(json["details"]["partnerZh"], "下关市");
    assert_eq!(json["details"]["established"], "1979-10-03");
    // A click on empty ocean drops it.
    let r = click(&mut a, (5.0, 690.0), false);
    assert!(r.selection_changed);
    assert!(a.snapshot().selection.is_empty() && a.snapshot().shown.is_none());
}

#[test]
fn hovering_reports_the_pair_with_its_details_in_the_same_response() {
    let mut a = app();
    let (x, y) = screen(&a, 130.93713, 33.95548);
    let r = a.handle(Command::PointerMove { id: 1, x, y });
    assert!(r.hover_changed);
    let hover = r.hover.expect("a target");
    assert_eq!(hover.city, "qingdao");
    assert!(hover.details.is_some(), "no second call for the tooltip");
}

#[test]
fn the_keyboard_walks_cities_and_partners_and_enter_selects() {
    let mut a = app();
    let r = a.handle(Command::Key {
        key: "ArrowRight".into(),
        shift: false,
    });
    assert!(r.focus_moved && r.handled);
    let first = r.hover.expect("a focused city");
    assert_eq!(first.kind, "origin");
    assert!(first.x.is_some(), "where to show the tooltip");
    let r = a.handle(Command::Key {
        key: "ArrowDown".into(),
        shift: false,
    });
    let partner = r.hover.expect("a focused partner");
    assert_eq!(partner.city, first.city);
    let id = partner.id.clone().expect("a pair");
    let r = a.handle(Command::Key {
        key: "Enter".into(),
        shift: false,
    });
    assert!(r.selection_changed);
    assert_eq!(a.snapshot().selection, vec![id]);
    a.handle(Command::Key {
        key: "Escape".into(),
        shift: false,
    });
    assert!(a.snapshot().selection.is_empty());
}

#[test]
fn pins_are_kept_while_the_current_selection_changes() {
    let mut a = app();
    a.handle(Command::Select {
        id: Some("@weifang".into()),
        pin: true,
    });
    a.handle(Command::Select {
        id: Some("qingdao-shimonoseki".into()),
        pin: false,
    });
    a.handle(Command::Select {
        id: Some("qingdao-long-beach".into()),
        pin: false,
    });
    let s = a.snapshot();
    assert_eq!(s.selection, vec!["@weifang", "qingdao-long-beach"]);
    assert_eq!(s.pinned, vec!["@weifang"]);
    a.handle(Command::Unpin {
        id: "@weifang".into(),
    });
    assert_eq!(a.snapshot().selection, vec!["qingdao-long-beach"]);
    let r = a.handle(Command::Select {
        id: Some("nowhere-x".into()),
        pin: false,
    });
    assert!(r.error.is_some(), "an unknown id is refused");
    assert_eq!(a.snapshot().selection, vec!["qingdao-long-beach"]);
}

#[test]
fn a_url_state_round_trips_through_the_app() {
    let mut a = app();
    let r = a.handle(Command::ApplyState {
        text: "city=weifang&rel=friendship&sel=weifang-hyuga&colour=decade&lang=en&table=1".into(),
        keep_view: false,
    });
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!((r.lang.as_deref(), r.table), (Some("en"), Some(true)));
    let s = a.snapshot();
    assert_eq!(s.filter.cities, vec!["weifang"]);
    assert_eq!(s.colour_by, "decade");
    assert_eq!(s.selection, vec!["weifang-hyuga"]);
    let hash = a.state_hash("en", true);
    let mut b = app();
    b.handle(Command::ApplyState {
        text: hash,
        keep_view: false,
    });
    assert_eq!(b.snapshot(), a.snapshot());
}

#[test]
fn choices_count_every_pair_once_and_follow_the_filter() {
    let mut a = app();
    let total = a.map.dataset().partnerships.len();
    let s = a.snapshot();
    let sum = |list: &[youcheng::app::views::Choice], visible: bool| -> usize {
        list.iter()
            .map(|c| if visible { c.visible } else { c.total })
            .sum()
    };
    assert_eq!(sum(&s.choices.cities, false), total);
    assert_eq!(sum(&s.choices.countries, true), total);
    a.handle(Command::SetFilter {
        filter: Filter {
            countries: vec!["JP".into()],
            ..Filter::default()
        },
    });
    let s = a.snapshot();
    let jp = a
        .map
        .dataset()
        .partnerships
        .iter()
        .filter(|p| a.map.dataset().country_of(p).iso2 == "JP")
        .count();
    assert_eq!(s.stats.stats.pairs, jp);
    assert_eq!(sum(&s.choices.cities, true), jp);
    assert_eq!(
        sum(&s.choices.cities, false),
        total,
        "totals ignore the filter"
    );
    let island = s
        .choices
        .groups
        .iter()
        .find(|g| g.key == "island")
        .expect("island group");
    assert_eq!(island.visible, jp, "Japan is an island country");
}

#[test]
fn the_land_layer_is_shifted_during_a_drag_and_redrawn_once_after() {
    use youcheng::app::layer::LandPlan;
    let mut a = app();
    assert_eq!(a.plan_frame(), LandPlan::Redraw);
    assert_eq!(a.plan_frame(), LandPlan::Copy);
    a.handle(Command::PointerDown {
        id: 1,
        kind: "mouse".into(),
        x: 600.0,
        y: 300.0,
    });
    a.handle(Command::PointerMove {
        id: 1,
        x: 700.0,
        y: 340.0,
    });
    assert!(matches!(a.plan_frame(), LandPlan::Shift { .. }));
    a.handle(Command::PointerUp {
        id: 1,
        x: 700.0,
        y: 340.0,
        t: 2000.0,
        pin: false,
    });
    assert_eq!(a.plan_frame(), LandPlan::Redraw);
    let f = a.frame_stats();
    assert_eq!((f.base_renders, f.base_reuses), (2, 1));
}

/// What is drawn over the layers: the same scene again is not drawn again when the page's canvas
/// holds it; during a drag the inset's leader lines are left out (the rest of the inset stays
/// where it is), so a pan with nothing emphasised leaves that canvas as it is frame after frame;
/// a selection moves with the map and is drawn every frame; the leaders are back after the drag.
#[test]
fn what_is_over_the_layers_is_drawn_again_only_when_it_changes() {
    use youcheng::app::layer::LandPlan;
    let mut a = app();
    // Zoomed in a little (at the first view the world fills the canvas and a drag moves
    // nothing), Shandong's cities still crowded enough for the inset.
    a.handle(Command::SetView {
        lon: 90.0,
        lat: 30.0,
        zoom: 2.0,
    });
    a.plan_frame();
    let rest = a.plan_top(false).expect("a first frame draws").clone();
    let inset = rest
        .inset
        .clone()
        .expect("the inset shows at the first view");
    assert!(!inset.leaders.is_empty(), "leaders at rest");
    assert_eq!(
        a.plan_top(true),
        None,
        "the same again, and the canvas holds it"
    );
    assert_eq!(
        a.plan_top(false),
        Some(&rest),
        "a canvas that lost it draws it again"
    );
    a.handle(Command::PointerDown {
        id: 1,
        kind: "mouse".into(),
        x: 600.0,
        y: 300.0,
    });
    // Each move shifts the land layer somewhere else: the map does move.
    let mut last = None;
    let mut drag = |a: &mut App, id: i32, y: f64| {
        a.handle(Command::PointerMove { id, x: 600.0, y });
        let plan = a.plan_frame();
        assert!(matches!(plan, LandPlan::Shift { .. }) && Some(plan) != last);
        last = Some(plan);
    };
    drag(&mut a, 1, 320.0);
    let moving = a.plan_top(true).expect("the leaders go: drawn once");
    let moved = moving.inset.as_ref().expect("the inset stays");
    assert!(moved.leaders.is_empty());
    assert_eq!((&moved.frame, &moved.labels), (&inset.frame, &inset.labels));
    let before = a.frame_stats().top_reuses;
    for y in [330.0, 340.0, 350.0] {
        drag(&mut a, 1, y);
        assert_eq!(
            a.plan_top(true),
            None,
            "nothing over the layers changed at y = {y}"
        );
    }
    assert_eq!(a.frame_stats().top_reuses, before + 3);
    a.handle(Command::PointerUp {
        id: 1,
        x: 600.0,
        y: 350.0,
        t: 2000.0,
        pin: false,
    });
    a.plan_frame();
    let after = a.plan_top(true).expect("the leaders are back: drawn");
    assert!(!after.inset.as_ref().expect("inset").leaders.is_empty());
    // A selection is drawn over the layers and moves with the map: every drag frame draws.
    assert!(a
        .handle(Command::Select {
            id: Some("qingdao-shimonoseki".into()),
            pin: true,
        })
        .error
        .is_none());
    a.plan_frame();
    a.plan_top(true);
    a.handle(Command::PointerDown {
        id: 2,
        kind: "mouse".into(),
        x: 600.0,
        y: 300.0,
    });
    for y in [340.0, 330.0] {
        drag(&mut a, 2, y);
        assert!(a.plan_top(true).is_some(), "the selection moved at y = {y}");
    }
}

#[test]
fn reveal_moves_the_shown_pair_and_its_arc_out_from_under_a_panel() {
    let mut a = app();
    assert!(a
        .handle(Command::Select {
            id: Some("qingdao-shimonoseki".into()),
            pin: false,
        })
        .error
        .is_none());
    // Zoom in on the pair, then put a panel over the right half of the canvas, where it lies.
    a.handle(Command::SetView {
        lon: 112.0,
        lat: 35.0,
        zoom: 12.0,
    });
    let panel = youcheng::viewport::RectPx {
        x: 500.0,
        y: 0.0,
        width: 700.0,
        height: 700.0,
    };
    let (qx, _) = screen(&a, 120.38, 36.07);
    assert!(qx > 500.0, "the Qingdao end starts under the panel: {qx}");
    let r = a.handle(Command::Reveal {
        covered: vec![panel],
    });
    assert!(r.view && r.redraw);
    for (lon, lat) in [(120.38, 36.07), (130.94, 33.96)] {
        let (x, y) = screen(&a, lon, lat);
        assert!(
            (0.0..500.0).contains(&x) && (0.0..700.0).contains(&y),
            "{lon},{lat}: {x},{y}"
        );
    }
    let again = a.handle(Command::Reveal {
        covered: vec![panel],
    });
    assert!(!again.view, "already uncovered: the view stays");
    a.handle(Command::ClearSelection { all: true });
    assert!(
        !a.handle(Command::Reveal { covered: vec![] }).view,
        "nothing shown, nothing moves"
    );
}

#[test]
fn a_year_range_hides_undated_pairs_and_the_snapshot_counts_them() {
    let mut a = app();
    let all = a.snapshot().stats.stats.pairs;
    let range = Filter {
        year_from: Some(2000),
        year_to: Some(2010),
        ..Filter::default()
    };
    a.handle(Command::SetFilter {
        filter: range.clone(),
    });
    let s = a.snapshot().stats;
    assert_eq!(s.stats.unknown_year, 0, "no undated pair under a range");
    assert!(s.hidden_undated > 0 && s.stats.pairs + s.hidden_undated < all);
    let dated = s.stats.pairs;
    a.handle(Command::SetFilter {
        filter: Filter {
            show_unknown_year: true,
            ..range
        },
    });
    let s = a.snapshot().stats;
    assert_eq!(s.hidden_undated, 0);
    assert_eq!(s.stats.pairs, dated + s.stats.unknown_year);
    let r = a.handle(Command::ApplyState {
        text: "from=2000&to=2010&unknown=show".into(),
        keep_view: true,
    });
    assert!(r.problems.is_empty());
    assert!(a.snapshot().filter.show_unknown_year);
    assert!(a.state_hash("zh", false).contains("unknown=show"));
}

#[test]
fn the_arcs_layer_is_drawn_again_when_its_names_language_or_colours_change() {
    let mut a = app();
    let before = a.map.content_version();
    a.handle(Command::SetLang { lang: "en".into() });
    assert_ne!(a.map.content_version(), before, "the layer holds the names");
    let before = a.map.content_version();
    a.handle(Command::SetLang { lang: "en".into() });
    assert_eq!(
        a.map.content_version(),
        before,
        "the same language: nothing to redraw"
    );
    a.handle(Command::SetColourBy {
        colour: "decade".into(),
    });
    assert_ne!(a.map.content_version(), before);
}

/// The table's rows are the visible pairs in data order, each with the fields its details have
/// (the table lists them without sources and notes), and follow the filter; the names that
/// repeat are listed once each.
#[test]
fn the_table_rows_are_the_visible_pairs_with_their_details_fields() {
    let mut a = app();
    let check = |a: &App| {
        let (table, details) = (a.table(), a.rows());
        assert_eq!(table.len(), a.visible_ids().len());
        assert_eq!(table.len(), details.len());
        let ds = a.map.dataset();
        for (k, d) in details.iter().enumerate() {
            // Every field the table lists, as the pair's details have it.
            assert_eq!(table.row(k).as_ref(), Some(&d.row), "row {k}");
            // And as the data has it (the details read their row the same way).
            let (_, p) = ds.by_id(&d.row.id).expect("in the data");
            let (city, country) = (ds.city_of(p), ds.country_of(p));
            let r = &d.row;
            assert_eq!(
                (&r.city_zh, &r.city_en, &r.partner_zh, &r.partner_en),
                (&city.name_zh, &city.name_en, &p.partner_zh, &p.partner_en)
            );
            assert_eq!(
                (&r.country_zh, &r.country_en, r.continent),
                (&country.name_zh, &country.name_en, country.continent.key())
            );
            assert_eq!(
                (r.level, r.relation, r.status),
                (p.level.key(), p.relation.key(), p.status.key())
            );
            assert_eq!(r.established, p.established.map(|e| e.to_string()));
            assert_eq!(r.year, p.established.map(|e| e.year));
        }
        assert_eq!(table.row(details.len()), None);
        let names = |v: Vec<(&str, &str)>| (v.len(), v.into_iter().collect::<HashSet<_>>().len());
        let cities = names(table.cities.iter().map(|c| (c.zh, c.en)).collect());
        let countries = names(table.countries.iter().map(|c| (c.zh, c.en)).collect());
        assert_eq!(cities.0, cities.1, "each origin side once");
        assert_eq!(countries.0, countries.1, "each country once");
        let used = |of: &[u32]| of.iter().collect::<HashSet<_>>().len();
        assert_eq!(
            (used(&table.city), used(&table.country)),
            (cities.0, countries.0),
            "each used"
        );
        table.len()
    };
    let all = check(&a);
    assert!(all > 300, "{all}");
    a.handle(Command::SetFilter {
        filter: Filter {
            cities: vec!["weifang".into()],
            ..Default::default()
        },
    });
    let some = check(&a);
    assert!(some > 0 && some < all, "{some} of {all}");
}

/// A hover over a partner in a stack carries the stack's size and its first ten pairs (in data
/// order), not every pair: at a world network a stack can hold a thousand.
#[test]
fn a_stack_s_hover_carries_its_count_and_its_first_ten_pairs() {
    use youcheng::app::views::{hit_view, MEMBERS_LISTED};
    use youcheng::hit::Target;
    let mut a = app();
    a.lay_out();
    let layout = a.map.layout().into_owned();
    let mut stacks: Vec<&youcheng::map::Stack> = layout
        .stacks
        .iter()
        .filter(|s| s.members.len() > 1)
        .collect();
    stacks.sort_by_key(|s| std::cmp::Reverse(s.members.len()));
    let (big, small) = (stacks[0], stacks[stacks.len() - 1]);
    assert!(big.members.len() > MEMBERS_LISTED, "{}", big.members.len());
    let ids = |d: &[youcheng::app::views::Details]| {
        d.iter().map(|d| d.row.id.clone()).collect::<Vec<_>>()
    };
    let first = |s: &youcheng::map::Stack, n: usize| {
        let ds = a.map.dataset();
        s.members
            .iter()
            .take(n)
            .map(|&i| ds.partnerships[i].id.clone())
            .collect::<Vec<_>>()
    };
    let v = hit_view(&a.map, Target::Partner(big.members[3])).expect("a view");
    assert_eq!(v.member_count, big.members.len());
    assert_eq!(ids(&v.members), first(big, MEMBERS_LISTED));
    let v = hit_view(&a.map, Target::Partner(small.members[0])).expect("a view");
    assert_eq!(
        (v.member_count, ids(&v.members)),
        (small.members.len(), first(small, 10))
    );
    // A dot alone: no stack.
    let alone = layout
        .stacks
        .iter()
        .find(|s| s.members.len() == 1)
        .expect("a dot alone");
    let v = hit_view(&a.map, Target::Partner(alone.members[0])).expect("a view");
    assert_eq!((v.member_count, v.members.len()), (0, 0));
}

/// The export's rows are the visible pairs as a partnerships file's rows: the loader's columns in
/// order, each pair's cells as its details have them, the sources as written; loaded back, they
/// are the same pairs.
#[test]
fn the_export_rows_are_the_visible_pairs_as_a_file_that_loads_back() {
    use youcheng::dataset::{LoadMode, COLUMNS};
    let mut a = app();
    a.handle(Command::SetFilter {
        filter: Filter {
            cities: vec!["qingdao".into()],
            ..Default::default()
        },
    });
    let rows = a.export_rows();
    let details = a.rows();
    assert_eq!(rows.len(), details.len());
    assert!(rows.len() > 10);
    let col = |c: &str| COLUMNS.iter().position(|k| *k == c).expect("a column");
    for (r, d) in rows.iter().zip(&details) {
        assert_eq!(r.len(), COLUMNS.len());
        assert_eq!(r[col("id")], d.row.id);
        assert_eq!(r[col("shandong_city")], d.city);
        assert_eq!(r[col("partner_en")], d.row.partner_en);
        assert_eq!(r[col("country")], d.country);
        assert_eq!(r[col("relation")], d.row.relation);
        assert_eq!(
            r[col("established")],
            d.row.established.clone().unwrap_or_default()
        );
        assert_eq!(
            r[col("lon")],
            d.lon.map(|v| v.to_string()).unwrap_or_default()
        );
    }
    // Written as CSV (quoted where needed) and loaded back: the same pairs, with their sources.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("header");
    for r in &rows {
        w.write_record(r).expect("row");
    }
    let bytes = w.into_inner().expect("bytes");
    let mut b = app();
    let report = b.load_partnerships("back.csv", &bytes, common::TODAY, LoadMode::AllOrNothing);
    assert!(report.ok, "{:?}", report.errors);
    assert_eq!(b.export_rows(), rows);
}

/// An app with the shipped reference tables and no pairs yet.
fn with_reference() -> App {
    let mut a = App::new(800.0, 600.0);
    let r = a.load_reference(
        &common::read("data/shandong.csv"),
        &common::read("data/countries.csv"),
        &common::read("data/groups.csv"),
    );
    assert!(r.ok, "{:?}", r.errors);
    a
}

/// The CSV export's text: a byte-order mark, CRLF line ends, the loader's columns; a cell with a
/// comma or quote quoted (quotes doubled); a text cell that starts like a formula behind an
/// apostrophe, a negative longitude left as the number it is; and it loads back.
#[test]
fn the_csv_export_is_quoted_neutralised_and_loads_back() {
    use youcheng::dataset::LoadMode;
    let csv = "id,shandong_city,partner_en,partner_zh,country,lon,lat,sources,note\n\
               qingdao-f,qingdao,\"Shimonoseki, Yamaguchi\",下关市,JP,-130.93,33.95,https://example.org/a | Example | remark,\"=HYPERLINK(\"\"http://evil.example\"\")\"\n";
    let mut a = with_reference();
    let r = a.load_partnerships(
        "f.csv",
        csv.as_bytes(),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    assert!(r.ok, "{:?}", r.errors);
    let text = a.export_csv();
    assert!(text.starts_with("\u{feff}id,shandong_city,"), "{text}");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 3, "{text:?}"); // header, row, and the empty rest after the last CRLF
    assert_eq!(lines[2], "");
    let row = lines[1];
    assert!(row.contains(",\"Shimonoseki, Yamaguchi\","), "{row}");
    assert!(row.contains(",-130.93,33.95,"), "{row}");
    assert!(
        row.contains(",https://example.org/a | Example | remark,"),
        "{row}"
    );
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\","),
        "{row}"
    );
    let mut b = with_reference();
    let r = b.load_partnerships(
        "back.csv",
        text.as_bytes(),
        common::TODAY,
        LoadMode::AllOrNothing,
    );
    assert!(r.ok, "{:?}", r.errors);
    assert_eq!(b.export_rows(), a.export_rows());
    let d = b.details("qingdao-f").expect("the pair");
    assert_eq!(d.note, "=HYPERLINK(\"http://evil.example\")");
    assert_eq!(d.row.partner_en, "Shimonoseki, Yamaguchi");
}

/// A resize that moves the names on the map says so (`layout_changed`: the page reads the
/// snapshot again), so that the snapshot's names are the ones drawn, inside the canvas, also
/// where the Shandong inset stays where it was (it had said so only when the inset moved).
#[test]
fn a_resize_that_moves_the_names_says_so() {
    let mut a = app();
    let w = a.map.viewport.width_css_px;
    let (mut names_only, mut last) = (0, 700.0);
    a.lay_out();
    for step in 1..=30 {
        let before = a.snapshot();
        let h = 700.0 - 8.0 * f64::from(step);
        let r = a.handle(Command::Resize {
            width: w,
            height: h,
            dpr: 1.0,
        });
        a.lay_out();
        let after = a.snapshot();
        let inset = |s: &youcheng::app::views::Snapshot| s.inset.as_ref().map(|i| i.rect);
        let moved = after.labels != before.labels || inset(&after) != inset(&before);
        assert_eq!(r.layout_changed, moved, "{last} → {h} px high");
        if after.labels != before.labels && inset(&after) == inset(&before) {
            names_only += 1;
        }
        for l in &after.labels {
            let b = l.rect;
            assert!(
                b.x >= 0.0 && b.y >= 0.0 && b.x + b.w <= w && b.y + b.h <= h,
                "{h}: {l:?}"
            );
        }
        last = h;
    }
    assert!(names_only > 0, "some resizes move names and not the inset");
}

/// The inset's button: hiding it says the layout changed, and the snapshot then has no inset
/// but where it was; showing it again puts it back.
#[test]
fn the_inset_is_hidden_and_shown_by_command() {
    let mut a = common::shipped_app(598.0, 292.0);
    a.lay_out();
    let rect = a.snapshot().inset.expect("the inset").rect;
    let r = a.handle(Command::SetInset { shown: false });
    assert!(r.layout_changed && r.redraw);
    let s = a.snapshot();
    assert!(s.inset.is_none());
    assert_eq!(s.inset_hidden, Some(rect));
    let again = a.handle(Command::SetInset { shown: false });
    assert!(!again.layout_changed && !again.redraw, "nothing changed");
    assert!(a.handle(Command::SetInset { shown: true }).layout_changed);
    let s = a.snapshot();
    assert_eq!(s.inset.map(|i| i.rect), Some(rect));
    assert!(s.inset_hidden.is_none());
    // Zoomed in until the origins are a target apart the inset goes, and the answer says so
    // (the page's button on it goes too); back at the first view it comes back.
    let mut gone = false;
    for k in 1..=12 {
        let r = a.handle(Command::SetView {
            lon: 118.0,
            lat: 36.3,
            zoom: 2f64.powi(k),
        });
        a.lay_out();
        if a.snapshot().inset.is_none() {
            assert!(r.layout_changed, "the inset went: said");
            gone = true;
            break;
        }
    }
    assert!(gone, "zoomed in, no inset");
    assert!(a.handle(Command::ResetView).layout_changed, "back: said");
    a.lay_out();
    assert_eq!(a.snapshot().inset.map(|i| i.rect), Some(rect));
}
