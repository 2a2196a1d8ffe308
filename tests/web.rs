//! Browser tier: real canvases in headless Chromium (`wasm-pack test --headless --chrome`).
//! Draws with the shipped basemap and data and reads pixels back.
// Tests and benches index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};
use youcheng::geometry::{great_circle, LonLat};
use youcheng::web::Youcheng;

wasm_bindgen_test_configure!(run_in_browser);

const BASEMAP: &str = include_str!("../data/basemap.json");
const SHANDONG: &[u8] = include_bytes!("../data/shandong.csv");
const COUNTRIES: &[u8] = include_bytes!("../data/countries.csv");
const GROUPS: &[u8] = include_bytes!("../data/groups.csv");
const PAIRS: &[u8] = include_bytes!("../data/partnerships.csv");
const TODAY: f64 = 20_413.0; // 2025-11-21

const OCEAN: [u8; 3] = [0xe8, 0xf1, 0xf8];
const LAND: [u8; 3] = [0xd5, 0xdb, 0xe3];
const CHINA: [u8; 3] = [0xf3, 0xe3, 0xc8];

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("is canvas");
    let style = canvas.unchecked_ref::<HtmlElement>().style();
    style
        .set_property("width", &format!("{width}px"))
        .expect("width");
    style
        .set_property("height", &format!("{height}px"))
        .expect("height");
    document
        .body()
        .expect("body")
        .append_child(&canvas)
        .expect("append");
    canvas
}

fn widget(c: &HtmlCanvasElement, dpr: f64, data: Option<&[u8]>) -> Youcheng {
    set_up(
        Youcheng::new(c.clone(), None, None).expect("widget"),
        c,
        dpr,
        data,
    )
}

/// The element's stack, as the page builds it: the land and arcs layers' canvases, each in an
/// element of its own, under the map's canvas (`width` × `height` CSS px) → (map's canvas, the
/// two layers' canvases).
fn stacked(width: u32, height: u32) -> (HtmlCanvasElement, [HtmlCanvasElement; 2]) {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let element = |tag: &str, style: &str| {
        let e = document.create_element(tag).expect("element");
        e.set_attribute("style", style).expect("style");
        e
    };
    let size = format!("width:{width}px;height:{height}px");
    let map = element("div", &format!("position:relative;{size}"));
    let stack = element("div", "position:absolute;inset:0;overflow:hidden");
    let top: HtmlCanvasElement =
        element("canvas", &format!("position:relative;display:block;{size}"))
            .dyn_into()
            .expect("canvas");
    let layers = [0, 1].map(|_| {
        // As the page's stylesheet places them.
        let holder = element(
            "div",
            "position:absolute;inset:0;transform-origin:0 0;will-change:transform,opacity",
        );
        let c = element("canvas", "display:block;width:100%;height:100%");
        holder.append_child(&c).expect("append");
        stack.append_child(&holder).expect("append");
        c.dyn_into::<HtmlCanvasElement>().expect("canvas")
    });
    map.append_child(&stack).expect("append");
    map.append_child(&top).expect("append");
    document
        .body()
        .expect("body")
        .append_child(&map)
        .expect("append");
    (top, layers)
}

fn set_up(mut y: Youcheng, c: &HtmlCanvasElement, dpr: f64, data: Option<&[u8]>) -> Youcheng {
    y.load_basemap(BASEMAP.as_bytes(), false).expect("basemap");
    y.load_reference(SHANDONG, COUNTRIES, GROUPS, None)
        .expect("reference");
    if let Some(bytes) = data {
        y.load_partnerships("partnerships.csv", bytes, TODAY, false)
            .expect("partnerships");
    }
    let resize = serde_json::json!({
        "type": "resize",
        "width": f64::from(c.client_width()),
        "height": f64::from(c.client_height()),
        "dpr": dpr,
    });
    let command =
        serde::Serialize::serialize(&resize, &serde_wasm_bindgen::Serializer::json_compatible())
            .expect("command");
    y.handle(command).expect("resize");
    y.render(None);
    y
}

/// The map as shown ([`Youcheng::picture`]), RGBA.
fn picture(y: &Youcheng) -> Vec<u8> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let out: HtmlCanvasElement = document
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("is canvas");
    y.picture(out.clone()).expect("picture");
    let ctx: CanvasRenderingContext2d = out
        .get_context("2d")
        .expect("ctx")
        .expect("2d")
        .dyn_into()
        .expect("2d type");
    let (w, h) = (f64::from(out.width()), f64::from(out.height()));
    ctx.get_image_data(0.0, 0.0, w, h)
        .expect("pixels")
        .data()
        .to_vec()
}

/// How many pixels of `a` and `b` differ by more than `tolerance` in a channel.
fn differing(a: &[u8], b: &[u8], tolerance: u8) -> usize {
    assert_eq!(a.len(), b.len());
    (a.chunks(4).zip(b.chunks(4)))
        .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > tolerance))
        .count()
}

fn command(y: &mut Youcheng, value: serde_json::Value) {
    let js =
        serde::Serialize::serialize(&value, &serde_wasm_bindgen::Serializer::json_compatible())
            .expect("command");
    y.handle(js).expect("handled");
}

/// The page's stack (the land and arcs layers on canvases of their own, moved by their style
/// during a drag) shows the same map as one canvas the layers are copied onto, at rest, during
/// a drag and once it ends; during the drag the layers are moved, not drawn again, the map's
/// canvas holds only what is drawn over them, and a drag frame that changes nothing over them
/// leaves it as it is.
#[wasm_bindgen_test]
fn layers_on_the_page_show_the_map_as_one_canvas_does() {
    use serde_json::json;
    let one = canvas(800, 500);
    let mut a = widget(&one, 1.0, Some(PAIRS));
    let (top, [land, arcs]) = stacked(800, 500);
    let mut b = Youcheng::new(top.clone(), Some(land.clone()), Some(arcs.clone())).expect("widget");
    b = set_up(b, &top, 1.0, Some(PAIRS));
    let pixels = 800 * 500;
    let compare = |a: &Youcheng, b: &Youcheng, when: &str| {
        let n = differing(&picture(a), &picture(b), 3);
        assert!(n * 1000 <= pixels, "{when}: {n} of {pixels} pixels differ");
    };
    compare(&a, &b, "at rest");
    let holder_style = |c: &HtmlCanvasElement| {
        c.parent_element()
            .expect("holder")
            .get_attribute("style")
            .unwrap_or_default()
    };
    assert!(
        !holder_style(&land).contains("translate("),
        "{}",
        holder_style(&land)
    );
    for y in [&mut a, &mut b] {
        command(
            y,
            json!({"type": "pointerDown", "id": 1, "kind": "mouse", "x": 400, "y": 250}),
        );
        command(
            y,
            json!({"type": "pointerMove", "id": 1, "x": 460, "y": 270}),
        );
        y.render(None);
    }
    compare(&a, &b, "during a drag");
    // Moved by their style (the world's width fills the canvas: only the 20 px down).
    for c in [&land, &arcs] {
        assert!(
            holder_style(c).contains("translate(0px, 20px)"),
            "{}",
            holder_style(c)
        );
    }
    // The map's canvas holds only what is over the layers: most of it is clear.
    let ctx: CanvasRenderingContext2d = top
        .get_context("2d")
        .expect("ctx")
        .expect("2d")
        .dyn_into()
        .expect("2d type");
    let clear = (ctx
        .get_image_data(0.0, 0.0, 800.0, 500.0)
        .expect("pixels")
        .data())
    .chunks(4)
    .filter(|p| p[3] == 0)
    .count();
    assert!(clear * 2 > pixels, "{clear} of {pixels} pixels clear");
    // Zoomed in, a drag moves the map both ways; a frame with nothing over the layers changed
    // (nothing emphasised, the inset where it was) leaves the map's canvas as it is.
    let stat = |y: &Youcheng, name: &str| {
        let stats = y.frame_stats().expect("stats");
        js_sys::Reflect::get(&stats, &name.into())
            .expect("stat")
            .as_f64()
            .expect("number")
    };
    let kept = (stat(&a, "topReuses"), stat(&b, "topReuses"));
    for y in [&mut a, &mut b] {
        command(
            y,
            json!({"type": "pointerUp", "id": 1, "x": 460, "y": 270, "t": 1000.0}),
        );
        command(
            y,
            json!({"type": "setView", "lon": 90, "lat": 30, "zoom": 2}),
        );
        y.render(None);
        command(
            y,
            json!({"type": "pointerDown", "id": 2, "kind": "mouse", "x": 400, "y": 250}),
        );
        for (x, yy) in [(460, 270), (480, 290)] {
            command(y, json!({"type": "pointerMove", "id": 2, "x": x, "y": yy}));
            y.render(None);
        }
    }
    compare(&a, &b, "during a drag zoomed in");
    for c in [&land, &arcs] {
        assert!(
            holder_style(c).contains("translate(80px, 40px)"),
            "{}",
            holder_style(c)
        );
    }
    assert_eq!(
        stat(&a, "topReuses"),
        kept.0,
        "a canvas that holds the layers is drawn"
    );
    assert_eq!(
        stat(&b, "topReuses"),
        kept.1 + 1.0,
        "the second drag frame left it"
    );
    let before = stat(&b, "baseRenders");
    for y in [&mut a, &mut b] {
        command(
            y,
            json!({"type": "pointerUp", "id": 2, "x": 480, "y": 290, "t": 3000.0}),
        );
        y.render(None);
    }
    assert!(
        stat(&b, "baseRenders") > before,
        "the land is drawn again once the drag ends"
    );
    compare(&a, &b, "after the drag");
    assert!(
        !holder_style(&land).contains("translate("),
        "{}",
        holder_style(&land)
    );
}

/// The RGB of the backing-store pixel under CSS position (x, y).
fn pixel(c: &HtmlCanvasElement, x: f64, y: f64, dpr: f64) -> [u8; 3] {
    let ctx: CanvasRenderingContext2d = c
        .get_context("2d")
        .expect("ctx")
        .expect("2d")
        .dyn_into()
        .expect("2d type");
    let data = ctx
        .get_image_data((x * dpr).floor(), (y * dpr).floor(), 1.0, 1.0)
        .expect("pixels")
        .data();
    [data[0], data[1], data[2]]
}

fn screen(y: &Youcheng, lon: f64, lat: f64) -> (f64, f64) {
    let p = y.project(lon, lat).expect("project");
    let x = js_sys::Reflect::get(&p, &"x".into())
        .expect("x")
        .as_f64()
        .expect("x number");
    let yy = js_sys::Reflect::get(&p, &"y".into())
        .expect("y")
        .as_f64()
        .expect("y number");
    (x, yy)
}

fn close(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[wasm_bindgen_test]
fn land_ocean_and_china_have_their_colours() {
    let c = canvas(800, 500);
    let y = widget(&c, 1.0, None);
    let (ax, ay) = screen(&y, 134.0, -25.0); // central Australia
    assert!(
        close(pixel(&c, ax, ay, 1.0), LAND, 2),
        "{:?}",
        pixel(&c, ax, ay, 1.0)
    );
    let (px, py) = screen(&y, -150.0, -30.0); // South Pacific
    assert!(
        close(pixel(&c, px, py, 1.0), OCEAN, 2),
        "{:?}",
        pixel(&c, px, py, 1.0)
    );
    let (cx, cy) = screen(&y, 103.0, 34.0); // Gansu/Sichuan
    assert!(
        close(pixel(&c, cx, cy, 1.0), CHINA, 2),
        "{:?}",
        pixel(&c, cx, cy, 1.0)
    );
}

#[wasm_bindgen_test]
fn the_backing_store_follows_the_device_pixel_ratio() {
    let c = canvas(400, 250);
    let y = widget(&c, 2.0, None);
    assert_eq!((c.width(), c.height()), (800, 500));
    let (ax, ay) = screen(&y, 134.0, -25.0);
    assert!(close(pixel(&c, ax, ay, 2.0), LAND, 2));
}

#[wasm_bindgen_test]
fn an_arc_is_drawn_in_its_city_colour_along_its_great_circle() {
    // One pair only: Qingdao – Long Beach, across the open North Pacific.
    let header = std::str::from_utf8(PAIRS)
        .expect("utf8")
        .lines()
        .next()
        .expect("header");
    let row = std::str::from_utf8(PAIRS)
        .expect("utf8")
        .lines()
        .find(|l| l.starts_with("qingdao-long-beach,"))
        .expect("Qingdao–Long Beach is in the data");
    let csv = format!("{header}\n{row}\n");
    let c = canvas(800, 500);
    let y = widget(&c, 1.0, Some(csv.as_bytes()));
    let arc = great_circle(
        LonLat::new(120.38042, 36.06488),
        LonLat::new(-118.18923, 33.76696),
        100_000.0,
    );
    let mid = arc[arc.len() / 2];
    let (mx, my) = screen(&y, mid.lon, mid.lat);
    // The line is ~1.4 px wide and anti-aliased: take the reddest pixel of a 5×5 patch.
    let mut best = [0u8; 3];
    for dx in -2..=2 {
        for dy in -2..=2 {
            let p = pixel(&c, mx + f64::from(dx), my + f64::from(dy), 1.0);
            if i32::from(p[0]) - i32::from(p[2]) > i32::from(best[0]) - i32::from(best[2]) {
                best = p;
            }
        }
    }
    // Qingdao's colour is #d62728: strongly red, unlike ocean (#e8f1f8) or land.
    assert!(
        best[0] > 150 && i32::from(best[0]) - i32::from(best[2]) > 60,
        "{best:?}"
    );
    // Far from the arc the ocean is untouched.
    let (sx, sy) = screen(&y, -150.0, -30.0);
    assert!(close(pixel(&c, sx, sy, 1.0), OCEAN, 2));
}

#[wasm_bindgen_test]
fn a_broken_csv_is_reported_and_the_data_shown_stays() {
    let c = canvas(400, 250);
    let mut y = widget(&c, 1.0, Some(PAIRS));
    let before = y.visible_ids().len();
    let report = y
        .load_partnerships("bad.csv", b"id,shandong_city\nx,qingdao\n", TODAY, false)
        .expect("report");
    let ok = js_sys::Reflect::get(&report, &"ok".into()).expect("ok");
    assert_eq!(ok.as_bool(), Some(false));
    let errors = js_sys::Reflect::get(&report, &"errors".into()).expect("errors");
    let first = js_sys::Reflect::get(&errors, &0.into()).expect("first");
    let field = js_sys::Reflect::get(&first, &"field".into())
        .expect("field")
        .as_string();
    assert_eq!(field.as_deref(), Some("partner_en"));
    assert_eq!(y.visible_ids().len(), before);
    assert!(before > 250);
}

/// The page's command objects decode as the derived (native, internally tagged) form defines
/// them: every variant, its camelCase field names, defaults and `null`s, and the errors for a bad
/// object.
#[wasm_bindgen_test]
fn commands_decode_from_the_page_s_objects() {
    use serde_json::json;
    use youcheng::app::Command;
    use youcheng::filter::Filter;
    use youcheng::search::HitKind;
    use youcheng::viewport::RectPx;
    use youcheng::web::command_from_js;
    let js = |v: serde_json::Value| {
        serde::Serialize::serialize(&v, &serde_wasm_bindgen::Serializer::json_compatible())
            .expect("js value")
    };
    let decode = |v: serde_json::Value| command_from_js(&js(v));
    let cases = [
        (
            json!({"type": "pointerDown", "id": 1, "kind": "touch", "x": 2.5, "y": 3}),
            Command::PointerDown {
                id: 1,
                kind: "touch".into(),
                x: 2.5,
                y: 3.0,
            },
        ),
        (
            json!({"type": "pointerMove", "id": -2, "x": 1, "y": 2}),
            Command::PointerMove {
                id: -2,
                x: 1.0,
                y: 2.0,
            },
        ),
        (
            json!({"type": "pointerUp", "id": 1, "x": 1, "y": 2, "t": 99.5}),
            Command::PointerUp {
                id: 1,
                x: 1.0,
                y: 2.0,
                t: 99.5,
                pin: false,
            },
        ),
        (
            json!({"type": "pointerUp", "id": 1, "x": 1, "y": 2, "t": 3, "pin": true}),
            Command::PointerUp {
                id: 1,
                x: 1.0,
                y: 2.0,
                t: 3.0,
                pin: true,
            },
        ),
        (
            json!({"type": "pointerCancel", "id": 4}),
            Command::PointerCancel { id: 4 },
        ),
        (
            json!({"type": "pointerLeave", "extra": 1}),
            Command::PointerLeave,
        ),
        (
            json!({"type": "wheel", "x": 1, "y": 2, "deltaY": -3.5, "deltaMode": 1}),
            Command::Wheel {
                x: 1.0,
                y: 2.0,
                delta_y: -3.5,
                delta_mode: 1,
            },
        ),
        (json!({"type": "settle"}), Command::Settle),
        (
            json!({"type": "key", "key": "+", "shift": true}),
            Command::Key {
                key: "+".into(),
                shift: true,
            },
        ),
        (json!({"type": "blur"}), Command::Blur),
        (
            json!({"type": "select", "id": "a-b", "pin": false}),
            Command::Select {
                id: Some("a-b".into()),
                pin: false,
            },
        ),
        (
            json!({"type": "select", "id": null, "pin": true}),
            Command::Select {
                id: None,
                pin: true,
            },
        ),
        (
            json!({"type": "select", "pin": false}),
            Command::Select {
                id: None,
                pin: false,
            },
        ),
        (
            json!({"type": "clearSelection", "all": true}),
            Command::ClearSelection { all: true },
        ),
        (json!({"type": "togglePin"}), Command::TogglePin),
        (
            json!({"type": "unpin", "id": "x"}),
            Command::Unpin { id: "x".into() },
        ),
        (
            json!({"type": "show", "id": "@jinan"}),
            Command::Show {
                id: "@jinan".into(),
            },
        ),
        (
            json!({"type": "setFilter", "filter": {}}),
            Command::SetFilter {
                filter: Filter::default(),
            },
        ),
        (
            json!({"type": "setFilter", "filter": {"text": "jinan", "yearFrom": 1990}}),
            Command::SetFilter {
                filter: Filter {
                    text: "jinan".into(),
                    year_from: Some(1990),
                    ..Filter::default()
                },
            },
        ),
        (
            json!({"type": "setColourBy", "colour": "decade"}),
            Command::SetColourBy {
                colour: "decade".into(),
            },
        ),
        (
            json!({"type": "setView", "lon": 117, "lat": 36.5, "zoom": 2}),
            Command::SetView {
                lon: 117.0,
                lat: 36.5,
                zoom: 2.0,
            },
        ),
        (json!({"type": "resetView"}), Command::ResetView),
        (
            json!({"type": "applyState", "text": "lang=en", "keepView": true}),
            Command::ApplyState {
                text: "lang=en".into(),
                keep_view: true,
            },
        ),
        (
            json!({"type": "reveal"}),
            Command::Reveal {
                covered: Vec::new(),
            },
        ),
        (
            json!({"type": "reveal", "covered": [{"x": 1, "y": 2, "width": 3, "height": 4}]}),
            Command::Reveal {
                covered: vec![RectPx {
                    x: 1.0,
                    y: 2.0,
                    width: 3.0,
                    height: 4.0,
                }],
            },
        ),
        (
            json!({"type": "search", "text": "qing", "limit": 8}),
            Command::Search {
                text: "qing".into(),
                limit: 8,
            },
        ),
        (
            json!({"type": "choose", "kind": "country", "key": "JP", "animate": false}),
            Command::Choose {
                kind: HitKind::Country,
                key: "JP".into(),
                animate: false,
            },
        ),
        (
            json!({"type": "fitVisible", "animate": true}),
            Command::FitVisible { animate: true },
        ),
        (
            json!({"type": "flyFrame", "ms": 16.5}),
            Command::FlyFrame { ms: 16.5 },
        ),
        (
            json!({"type": "setLang", "lang": "en"}),
            Command::SetLang { lang: "en".into() },
        ),
        (
            json!({"type": "resize", "width": 800, "height": 600, "dpr": 2}),
            Command::Resize {
                width: 800.0,
                height: 600.0,
                dpr: 2.0,
            },
        ),
        (
            json!({"type": "setFlow", "on": false}),
            Command::SetFlow { on: false },
        ),
        (
            json!({"type": "setInset", "shown": false}),
            Command::SetInset { shown: false },
        ),
        (
            json!({"type": "loadStep", "id": 3, "rows": 500}),
            Command::LoadStep { id: 3, rows: 500 },
        ),
        (json!({"type": "cancelLoad"}), Command::CancelLoad),
        (
            json!({"type": "prepare", "pairs": 2000}),
            Command::Prepare { pairs: 2000 },
        ),
        (
            json!({"type": "setFilter", "filter": {"cities": ["jinan", "qingdao"], "countries": ["JP"],
                "continents": ["europe"], "relations": ["friendship"], "levels": ["city"],
                "groups": ["brics"], "yearFrom": 1979, "yearTo": null, "hideUnknownYear": true,
                "showUnknownYear": false, "text": "x"}}),
            Command::SetFilter {
                filter: Filter {
                    cities: vec!["jinan".into(), "qingdao".into()],
                    countries: vec!["JP".into()],
                    continents: vec!["europe".into()],
                    relations: vec!["friendship".into()],
                    levels: vec!["city".into()],
                    groups: vec!["brics".into()],
                    year_from: Some(1979),
                    year_to: None,
                    hide_unknown_year: true,
                    show_unknown_year: false,
                    text: "x".into(),
                },
            },
        ),
    ];
    let mut types = std::collections::BTreeSet::new();
    for (object, wanted) in cases {
        // The module's reading (by hand) and serde's derived one agree.
        let derived: Command = serde_json::from_value(object.clone()).expect("serde reads it");
        assert_eq!(derived, wanted, "{object}");
        assert_eq!(decode(object.clone()), Ok(wanted), "{object}");
        types.insert(object["type"].as_str().expect("a type").to_string());
    }
    // Every command is decoded above, and the unknown-command error lists exactly those.
    let listed = decode(json!({"type": "jump"})).expect_err("unknown");
    let listed: std::collections::BTreeSet<String> = listed
        .split_once("expected one of ")
        .expect("a list")
        .1
        .split(", ")
        .map(|n| n.trim_matches('`').to_string())
        .collect();
    assert_eq!(listed, types);
    // A non-finite number reaches the core (which ignores such a pointer).
    let nan = js(json!({"type": "pointerMove", "id": 1, "x": 0, "y": 0}));
    js_sys::Reflect::set(&nan, &"x".into(), &f64::NAN.into()).expect("set");
    assert!(matches!(command_from_js(&nan), Ok(Command::PointerMove { x, .. }) if x.is_nan()));
    // Errors: serde's messages, as a JS `Error` shows them.
    let error = |v: serde_json::Value| decode(v).expect_err("an error");
    assert_eq!(
        error(json!({"type": "pointerMove", "id": 1, "x": 0})),
        "Error: missing field `y`"
    );
    assert_eq!(error(json!({"id": 1})), "Error: missing field `type`");
    assert!(error(json!({"type": "jump"}))
        .starts_with("Error: unknown variant `jump`, expected one of `pointerDown`"));
    assert!(
        error(json!({"type": "setView", "lon": "east", "lat": 0, "zoom": 1}))
            .contains("invalid type")
    );
    assert!(error(json!({"type": "pointerMove", "id": 1.5, "x": 0, "y": 0})).contains("1.5"));
    assert!(error(json!("settle")).contains("expected internally tagged enum Command"));
    assert!(
        error(json!({"type": "choose", "kind": "ocean", "key": "", "animate": false}))
            .contains("unknown variant `ocean`")
    );
    assert!(error(json!({"type": "search", "text": "a", "limit": -1})).contains("-1"));
    assert!(error(json!({"type": "select", "id": 5, "pin": false})).contains("expected a string"));
    assert!(
        error(json!({"type": "setFilter", "filter": {"cities": "jinan"}})).contains("sequence")
    );
    assert!(error(json!({"type": "setFilter", "filter": null})).contains("struct Filter"));
    assert!(error(json!({"type": "key", "key": "a", "shift": null})).contains("boolean"));
    assert_eq!(
        error(json!({"type": "reveal", "covered": [{"x": 1, "y": 2, "width": 3}]})),
        "Error: missing field `height`"
    );
}

/// The theme and a report's spec, read by hand in the module, as serde's derived reading has them.
#[wasm_bindgen_test]
fn themes_and_report_specs_decode_as_serde_reads_them() {
    use serde_json::json;
    use youcheng::app::ThemeInput;
    use youcheng::report::ReportSpec;
    use youcheng::web::decode;
    let js = |v: &serde_json::Value| {
        serde::Serialize::serialize(v, &serde_wasm_bindgen::Serializer::json_compatible())
            .expect("js value")
    };
    let themes = [
        json!({}),
        json!({"dark": true, "ocean": "#123", "land": "#456789", "china": null, "border": "#000",
            "originStroke": "#fff", "focus": "#f00", "palette": ["#111", "#222"]}),
        json!({"palette": [], "unknown": 1}),
    ];
    for t in themes {
        let derived: ThemeInput = serde_json::from_value(t.clone()).expect("serde reads it");
        assert_eq!(decode::theme(&js(&t)), Ok(derived), "{t}");
    }
    let specs = [
        json!({}),
        json!({"widthCssPx": 800, "scale": 2, "widthPx": null, "title": "T", "summary": "S",
            "legend": ["a", "b"], "attribution": "A", "date": "D", "background": "#fff",
            "text": "#000"}),
    ];
    for s in specs {
        let derived: ReportSpec = serde_json::from_value(s.clone()).expect("serde reads it");
        assert_eq!(decode::report_spec(&js(&s)), Ok(derived), "{s}");
    }
    let bad = decode::theme(&js(&json!({"palette": "#fff"}))).expect_err("an error");
    assert!(bad.contains("sequence"), "{bad}");
    let bad = decode::theme(&js(&json!(7))).expect_err("an error");
    assert!(bad.contains("struct ThemeInput"), "{bad}");
    let bad = decode::report_spec(&js(&json!({"widthCssPx": "wide"}))).expect_err("an error");
    assert!(bad.contains("invalid type: string"), "{bad}");
}

/// A red picture of `w` × `h` device px, as the land's worker hands one back.
fn red_picture(w: u32, h: u32) -> web_sys::ImageBitmap {
    let c = web_sys::OffscreenCanvas::new(w, h).expect("offscreen canvas");
    let ctx: CanvasRenderingContext2d = c
        .get_context("2d")
        .expect("context")
        .expect("2d")
        .unchecked_into(); // the module calls its methods by name, as the layers do
    ctx.set_fill_style_str("#ff0000");
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    c.transfer_to_image_bitmap().expect("picture")
}

/// After a view change the land goes to the page's worker as a list, once and ahead of the
/// frame; meanwhile the frame moves the picture held to the view, and the worker's picture is
/// shown as it came. New colours before it comes are drawn here at once and the late picture is
/// dropped; a failed worker's land is drawn here, and nothing more is sent to it.
#[wasm_bindgen_test]
fn a_view_change_sends_the_land_to_the_worker_once_and_shows_its_picture() {
    use serde_json::json;
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen::JsValue;
    let (top, [land, arcs]) = stacked(600, 400);
    let mut y = Youcheng::new(top.clone(), Some(land.clone()), Some(arcs)).expect("widget");
    let sent = js_sys::Array::new();
    let post = Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> f64>::new({
        let sent = sent.clone();
        move |values: JsValue, _: JsValue, _: JsValue| f64::from(sent.push(&values))
    });
    y.set_land_worker(Some(
        post.as_ref().unchecked_ref::<js_sys::Function>().clone(),
    ));
    y = set_up(y, &top, 1.0, Some(PAIRS));
    assert_eq!(sent.length(), 0, "the first frame's land is drawn here");
    // The share of red pixels, in per cent, outside the Shandong inset's frame (a quarter of
    // this small canvas, placed where it covers the fewest partners).
    let red = |y: &mut Youcheng| {
        let snap = y.snapshot().expect("snapshot");
        let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).expect(k);
        let inset = get(&snap, "inset");
        let frame = (!inset.is_null()).then(|| {
            let r = get(&inset, "rect");
            ["x", "y", "width", "height"].map(|k| get(&r, k).as_f64().expect(k))
        });
        let inside = |k: usize| {
            let (px, py) = ((k % 600) as f64 + 0.5, (k / 600) as f64 + 0.5);
            frame.is_some_and(|[x, y, w, h]| px >= x && px < x + w && py >= y && py < y + h)
        };
        let p = picture(y);
        let outside: Vec<&[u8]> = (p.chunks(4).enumerate())
            .filter(|(k, _)| !inside(*k))
            .map(|(_, c)| c)
            .collect();
        outside.iter().filter(|c| c[..3] == [255, 0, 0]).count() * 100 / outside.len()
    };
    let style = || {
        land.parent_element()
            .expect("holder")
            .get_attribute("style")
            .unwrap_or_default()
    };
    let view = |y: &mut Youcheng, zoom: f64| {
        command(
            y,
            json!({"type": "setView", "lon": 117.0, "lat": 36.0, "zoom": zoom}),
        );
    };

    view(&mut y, 3.0);
    assert_eq!(sent.length(), 1, "sent ahead of the frame");
    assert!(y.land_pending());
    let list: js_sys::Float64Array = sent.get(0).dyn_into().expect("numbers");
    assert!(list.length() > 1000, "{} numbers", list.length());
    assert_eq!(list.get_index(0), youcheng::fills::CLEAR);
    y.render(None);
    assert_eq!(sent.length(), 1, "the frame does not send it again");
    assert!(
        style().contains("scale("),
        "the picture held, moved: {}",
        style()
    );
    assert!(
        y.put_land(1.0, Some(red_picture(600, 400))),
        "a frame is wanted"
    );
    assert!(!y.land_pending());
    y.render(None);
    let shown = red(&mut y);
    assert!(shown > 50, "the worker's picture shown: {shown}% red");
    assert!(!style().contains("scale("), "at rest: {}", style());

    // New colours before the picture comes: drawn here, the late picture dropped.
    view(&mut y, 5.0);
    assert_eq!(sent.length(), 2);
    let dark = serde::Serialize::serialize(
        &json!({"dark": true}),
        &serde_wasm_bindgen::Serializer::json_compatible(),
    )
    .expect("theme");
    y.set_theme(dark).expect("theme");
    y.render(None);
    assert!(!y.land_pending(), "drawn here");
    assert!(!y.put_land(2.0, Some(red_picture(600, 400))), "not wanted");
    y.render(None);
    assert_eq!(red(&mut y), 0, "the land of the new colours stays");

    // A worker that failed: its land drawn here, and no list sent to it again.
    view(&mut y, 2.0);
    assert_eq!(sent.length(), 3);
    assert!(y.put_land(3.0, None), "a frame is wanted");
    y.render(None);
    assert!(!y.land_pending());
    assert!(
        !style().contains("scale("),
        "drawn here for the view: {}",
        style()
    );
    view(&mut y, 4.0);
    y.render(None);
    assert_eq!(sent.length(), 3, "nothing more sent");
    assert!(!style().contains("scale("), "{}", style());
}
