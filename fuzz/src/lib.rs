//! The fuzz harness: one function per fuzz target. The targets in `fuzz_targets/` call these,
//! and so does `tests/fuzz_regressions.rs` (which includes this file as a module), so a
//! committed crash input is replayed against exactly the code that found it.
//!
//! Each function takes raw bytes, must never panic and must return quickly; the assertions
//! here are the properties the fuzzer checks beyond "does not panic".

use std::cell::RefCell;
use std::sync::LazyLock;

use arbitrary::{Arbitrary, Unstructured};
use youcheng::basemap::Basemap;
use youcheng::dataset::{Dataset, Gazetteer, LoadJob, LoadMode, PartialDate};
use youcheng::interaction::{Interaction, PointerKind};
use youcheng::map::{MapState, Pick, Step};
use youcheng::style::ColourBy;
use youcheng::surface::{RecordingSurface, ScreenPt};
use youcheng::urlstate::UrlState;

/// The date `Dataset::load` checks establishment dates against.
pub const TODAY: PartialDate = PartialDate::ymd(2026, 11, 25);

/// The shipped reference tables, read once.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::load(
        include_bytes!("../../data/shandong.csv"),
        include_bytes!("../../data/countries.csv"),
        include_bytes!("../../data/groups.csv"),
    )
    .unwrap_or_else(|issues| panic!("the shipped reference tables load: {issues:?}"))
});

/// The shipped basemap, parsed once.
pub static BASEMAP: LazyLock<Basemap> = LazyLock::new(|| {
    Basemap::parse(include_str!("../../data/basemap.json"))
        .unwrap_or_else(|e| panic!("the shipped basemap parses: {e}"))
});

/// A map with the shipped data and basemap, its hit index built; cloned for each input.
pub static SHIPPED_MAP: LazyLock<MapState> = LazyLock::new(|| {
    let loaded = Dataset::load(
        &GAZETTEER,
        "partnerships.csv",
        include_bytes!("../../data/partnerships.csv"),
        TODAY,
        Some(&BASEMAP),
    )
    .unwrap_or_else(|issues| panic!("the shipped data loads: {} issues", issues.len()));
    let mut map = MapState::new(1000.0, 600.0);
    map.set_basemap(&BASEMAP);
    map.set_dataset(loaded.dataset);
    map.hit(ScreenPt::new(0.0, 0.0), 1.0);
    map
});

/// Builds the shared state before any timing starts (the regression test measures each input
/// on its own, not the one-off loading of the shipped files).
pub fn warm_up() {
    LazyLock::force(&GAZETTEER);
    LazyLock::force(&BASEMAP);
    LazyLock::force(&SHIPPED_MAP);
}

/// `dataset_csv`: a partnerships file, validated against the shipped tables and basemap.
pub fn dataset_csv(data: &[u8]) {
    if let Ok(loaded) = Dataset::load(&GAZETTEER, "f.csv", data, TODAY, Some(&BASEMAP)) {
        // Whatever loads must be drawable: project and record one frame.
        let mut map = MapState::new(640.0, 400.0);
        map.set_dataset(loaded.dataset);
        map.render(&mut RecordingSurface::default());
    }
}

/// The shipped basemap behind an `Arc`, as a load in steps keeps it.
pub static BASEMAP_ARC: LazyLock<std::sync::Arc<Basemap>> =
    LazyLock::new(|| std::sync::Arc::new(BASEMAP.clone()));

/// `dataset_steps`: a partnerships file loaded in steps (`LoadJob`), the first byte choosing the
/// rows per step (1–256) and the mode: it must answer exactly what the one-shot load answers,
/// and each step must leave the job able to go on.
pub fn dataset_steps(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let rows = usize::from(first & 0x7f) * 2 + 1;
    let mode = if first & 0x80 == 0 {
        LoadMode::AllOrNothing
    } else {
        LoadMode::ValidRows
    };
    let once = Dataset::load_with(&GAZETTEER, "f.csv", bytes, TODAY, Some(&BASEMAP), mode);
    let mut job = LoadJob::new(
        &GAZETTEER,
        "f.csv",
        bytes.to_vec(),
        TODAY,
        Some(BASEMAP_ARC.clone()),
        mode,
    );
    // A file of n bytes has at most n + 1 rows; each phase walks them once.
    let mut budget = 8 * (bytes.len() + 2) / rows + 16;
    let stepped = loop {
        job.step(rows);
        match job.finish() {
            Ok(result) => break result,
            Err(unfinished) => job = *unfinished,
        }
        budget -= 1;
        assert!(
            budget > 0,
            "the load in steps of {rows} rows never finished"
        );
    };
    let same = match (&once, &stepped) {
        (Ok(a), Ok(b)) => {
            a.dataset == b.dataset && a.warnings == b.warnings && a.rejected == b.rejected
        }
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    assert!(
        same,
        "steps of {rows} rows answer otherwise than the one-shot load"
    );
}

/// `basemap`: a basemap file (GeoJSON, the compact form or its binary form), its compact form
/// (which reads back the same in binary), and both projected and clipped at the seam.
pub fn basemap(data: &[u8]) {
    let Ok(b) = Basemap::read(data) else {
        return;
    };
    let mut map = MapState::new(640.0, 400.0);
    map.set_basemap(&b);
    let compact = b.to_compact(0.001);
    // Quantising may legitimately make a degenerate basemap invalid (a ring that collapses to
    // a point is dropped, a step of 179.9996° becomes 180°), so a failed re-parse is no bug;
    // one that succeeds keeps every feature.
    if let Ok(again) = Basemap::parse(&compact) {
        assert_eq!(
            again.features.len(),
            b.features.len(),
            "{}",
            short(&compact)
        );
        let binary = Basemap::read(&again.to_binary(0.001));
        assert_eq!(binary.as_ref(), Ok(&again), "{}", short(&compact));
        map.set_basemap(&again);
    }
}

/// `urlstate`: a URL hash. Whatever parses must come back from its own hash.
pub fn urlstate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (state, _problems) = UrlState::parse(text);
    if let Some(v) = state.view {
        assert!(
            (-180.0..180.0).contains(&v.lon),
            "a parsed longitude is in [-180, 180): {v:?} from {:?}",
            short(text)
        );
    }
    let hash = state.to_hash();
    let (back, problems) = UrlState::parse(&hash);
    assert!(problems.is_empty(), "{:?} gives {problems:?}", short(&hash));
    // The view is written with 4 decimals for lon/lat and 2 for the zoom, so it comes back
    // rounded: compare it within half a unit of the last digit (longitudes modulo 360°, since
    // 179.99996 is written 180.0000 and read back as -180). Everything else must be equal.
    let same_view = match (state.view, back.view) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let dlon = (a.lon - b.lon).rem_euclid(360.0);
            dlon.min(360.0 - dlon) <= 0.5e-4 + 1e-9
                && (a.lat - b.lat).abs() <= 0.5e-4 + 1e-9
                && (a.zoom - b.zoom).abs() <= 0.5e-2 + 1e-9
        }
        _ => false,
    };
    assert!(same_view, "{:?} came back as {:?}", state.view, back.view);
    assert_eq!(
        UrlState {
            view: None,
            ..state.clone()
        },
        UrlState {
            view: None,
            ..back.clone()
        },
        "from {:?}",
        short(&hash)
    );
    // Written once, the hash is stable.
    assert!(back.to_hash() == hash, "{:?} is not stable", short(&hash));
}

/// The first 200 bytes of a text, for assertion messages.
fn short(text: &str) -> &str {
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One input event for the `interaction` target.
#[derive(Debug, Clone, Arbitrary)]
pub enum Event {
    Down {
        id: i8,
        kind: u8,
        x: f64,
        y: f64,
    },
    Move {
        id: i8,
        x: f64,
        y: f64,
    },
    Up {
        id: i8,
        x: f64,
        y: f64,
        t_ms: f64,
        pin: bool,
    },
    Cancel {
        id: i8,
    },
    Leave,
    Wheel {
        x: f64,
        y: f64,
        delta_y: f64,
        delta_mode: u8,
    },
    Key {
        key: u8,
        shift: bool,
    },
    Resize {
        width: f64,
        height: f64,
    },
    Colour(u8),
    SetView {
        lon: f64,
        lat: f64,
        zoom: f64,
    },
    Frame,
}

const KEYS: [&str; 12] = [
    "+",
    "=",
    "-",
    "_",
    "Home",
    "0",
    "ArrowLeft",
    "ArrowRight",
    "ArrowUp",
    "ArrowDown",
    "Escape",
    "x",
];

/// Most events taken from one input.
pub const MAX_EVENTS: usize = 256;

/// `interaction`: a sequence of pointer, wheel and key events into the state machine and a
/// map holding the shipped data, doing what the page does with each answer (hover and click
/// hit-tests, selection, keyboard focus).
pub fn interaction(data: &[u8]) {
    // Cloning the shipped map (its R*-tree and projected geometry) costs more than the events,
    // so each thread keeps one and puts back everything the events can change: the viewport,
    // the colour dimension and the emphasis (hover, selection, focus). The filter and data
    // never change here, so the hit index stays valid.
    thread_local! {
        static MAP: RefCell<MapState> = RefCell::new(SHIPPED_MAP.clone());
    }
    MAP.with(|cell| {
        let mut map = cell.borrow_mut();
        map.viewport = SHIPPED_MAP.viewport;
        map.set_colour_by(SHIPPED_MAP.colour_by());
        map.set_hover(None);
        map.select(None, false);
        map.clear_focus();
        assert_eq!(map.emphasis(), SHIPPED_MAP.emphasis());
        interact(&mut map, data);
    });
}

fn interact(map: &mut MapState, data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut machine = Interaction::default();
    let mut kind = PointerKind::Mouse;
    for _ in 0..MAX_EVENTS {
        let Ok(event) = Event::arbitrary(&mut u) else {
            break;
        };
        let outcome = match event {
            Event::Down { id, kind: k, x, y } => {
                kind = match k % 3 {
                    0 => PointerKind::Mouse,
                    1 => PointerKind::Pen,
                    _ => PointerKind::Touch,
                };
                machine.pointer_down(i32::from(id), kind, ScreenPt::new(x, y))
            }
            Event::Move { id, x, y } => {
                machine.pointer_move(i32::from(id), ScreenPt::new(x, y), &mut map.viewport)
            }
            Event::Up {
                id,
                x,
                y,
                t_ms,
                pin,
            } => {
                let o =
                    machine.pointer_up(i32::from(id), ScreenPt::new(x, y), t_ms, &mut map.viewport);
                if let Some(p) = o.click {
                    let reach = if kind == PointerKind::Touch {
                        16.0
                    } else {
                        6.0
                    };
                    let pick = map.hit(p, reach).map(|t| match t {
                        youcheng::hit::Target::Origin(k) => Pick::City(k),
                        youcheng::hit::Target::Arc(i) | youcheng::hit::Target::Partner(i) => {
                            Pick::Pair(i)
                        }
                    });
                    map.select(pick, pin);
                }
                o
            }
            Event::Cancel { id } => machine.pointer_cancel(i32::from(id)),
            Event::Leave => machine.pointer_leave(),
            Event::Wheel {
                x,
                y,
                delta_y,
                delta_mode,
            } => machine.wheel(
                ScreenPt::new(x, y),
                delta_y,
                u32::from(delta_mode % 4),
                &mut map.viewport,
            ),
            Event::Key { key, shift } => {
                let key = KEYS[usize::from(key) % KEYS.len()];
                let step = match (key, shift) {
                    ("ArrowRight", false) => Some(Step::NextCity),
                    ("ArrowLeft", false) => Some(Step::PrevCity),
                    ("ArrowDown", false) => Some(Step::NextPartner),
                    ("ArrowUp", false) => Some(Step::PrevPartner),
                    _ => None,
                };
                match step {
                    Some(step) => {
                        map.step_focus(step);
                        Default::default()
                    }
                    None if key == "Escape" => {
                        map.clear_focus();
                        map.select(None, false);
                        Default::default()
                    }
                    None => machine.key(key, shift, &mut map.viewport),
                }
            }
            Event::Resize { width, height } => {
                map.resize(width, height);
                Default::default()
            }
            Event::Colour(c) => {
                map.set_colour_by(match c % 3 {
                    0 => ColourBy::City,
                    1 => ColourBy::Relation,
                    _ => ColourBy::Decade,
                });
                Default::default()
            }
            Event::SetView { lon, lat, zoom } => {
                map.set_view_lonlat(youcheng::LonLat::new(lon, lat), zoom);
                Default::default()
            }
            Event::Frame => {
                map.overlay_scene();
                Default::default()
            }
        };
        if let Some(p) = outcome.hover {
            let t = map.hit(p, 6.0);
            map.set_hover(t);
        } else if outcome.clear_hover {
            map.set_hover(None);
        }
        let v = map.viewport;
        assert!(
            v.zoom.is_finite() && v.centre.x.is_finite() && v.centre.y.is_finite(),
            "the view stays finite: {v:?}"
        );
        assert!(
            (youcheng::viewport::ZOOM_MIN..=youcheng::viewport::ZOOM_MAX).contains(&v.zoom),
            "the zoom stays within its limits: {}",
            v.zoom
        );
    }
    // The view the page would write into the URL comes back from it.
    if let Some((c, zoom)) = map.view_lonlat() {
        let state = UrlState {
            view: Some(youcheng::urlstate::View {
                lon: c.lon,
                lat: c.lat,
                zoom,
            }),
            ..UrlState::default()
        };
        urlstate(state.to_hash().as_bytes());
    }
    // One overlay frame (arcs, dots, emphasis) of the final state; the land layer does not
    // depend on the events and is exercised by the `basemap` target.
    map.overlay_scene().render(&mut RecordingSurface::default());
}
