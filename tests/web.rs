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
    let mut y = Youcheng::new(c.clone()).expect("widget");
    y.load_basemap(BASEMAP, false).expect("basemap");
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
