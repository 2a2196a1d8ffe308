//! The page's objects — a command, a theme, a report's spec — as the core's types, read field by
//! field with `Reflect.get`. Hand-written for size: serde's derived decoding through
//! `serde-wasm-bindgen` was the module's largest single item (the `Command` visitor ~24 KB and
//! much of the `handle` shim's ~34 KB, before gzip) for a dozen small shapes. The shapes and the
//! errors are serde's (`Error: missing field `y``, `unknown variant …`, `invalid type: …`):
//! natively the same types derive `Deserialize`, and `tests/web.rs` checks both readings agree.
//!
//! A field that is `undefined` counts as left out, and so does `null` where a field may be left
//! out (an `Option`, a field with a default); elsewhere `null` is an error. Fields a shape does
//! not know are ignored, as serde ignores them. `tests/web.rs` decodes every command by each name
//! in the unknown-command error's list.

use crate::app::{Command, ThemeInput};
use crate::filter::Filter;
use crate::report::ReportSpec;
use crate::search::HitKind;
use crate::viewport::RectPx;
use wasm_bindgen::JsValue;

type Result<T> = std::result::Result<T, String>;

/// The command names, as the page writes them (for the unknown-command error).
const COMMANDS: [&str; 31] = [
    "pointerDown",
    "pointerMove",
    "pointerUp",
    "pointerCancel",
    "pointerLeave",
    "wheel",
    "settle",
    "key",
    "blur",
    "select",
    "clearSelection",
    "togglePin",
    "unpin",
    "show",
    "setFilter",
    "setColourBy",
    "setView",
    "resetView",
    "applyState",
    "reveal",
    "search",
    "choose",
    "fitVisible",
    "flyFrame",
    "setLang",
    "resize",
    "setInset",
    "setFlow",
    "loadStep",
    "cancelLoad",
    "prepare",
];

/// The page's command object (`{type: 'select', id}`) as a [`Command`].
pub fn command(value: &JsValue) -> Result<Command> {
    if !value.is_object() {
        return Err(
            "Error: invalid type: not an object, expected internally tagged enum Command".into(),
        );
    }
    let o = Obj(value);
    let kind = o.need("type")?;
    let Some(kind) = kind.as_string() else {
        return Err(invalid(&kind, "a command name"));
    };
    Ok(match kind.as_str() {
        "pointerDown" => Command::PointerDown {
            id: o.int("id")?,
            kind: o.string("kind")?,
            x: o.f64("x")?,
            y: o.f64("y")?,
        },
        "pointerMove" => Command::PointerMove {
            id: o.int("id")?,
            x: o.f64("x")?,
            y: o.f64("y")?,
        },
        "pointerUp" => Command::PointerUp {
            id: o.int("id")?,
            x: o.f64("x")?,
            y: o.f64("y")?,
            t: o.f64("t")?,
            pin: o.flag("pin")?,
        },
        "pointerCancel" => Command::PointerCancel { id: o.int("id")? },
        "pointerLeave" => Command::PointerLeave,
        "wheel" => Command::Wheel {
            x: o.f64("x")?,
            y: o.f64("y")?,
            delta_y: o.f64("deltaY")?,
            delta_mode: o.int("deltaMode")?,
        },
        "settle" => Command::Settle,
        "key" => Command::Key {
            key: o.string("key")?,
            shift: o.bool("shift")?,
        },
        "blur" => Command::Blur,
        "select" => Command::Select {
            id: o.opt("id", string)?,
            pin: o.bool("pin")?,
        },
        "clearSelection" => Command::ClearSelection {
            all: o.bool("all")?,
        },
        "togglePin" => Command::TogglePin,
        "unpin" => Command::Unpin {
            id: o.string("id")?,
        },
        "show" => Command::Show {
            id: o.string("id")?,
        },
        "setFilter" => Command::SetFilter {
            filter: filter(&o.need("filter")?)?,
        },
        "setColourBy" => Command::SetColourBy {
            colour: o.string("colour")?,
        },
        "setView" => Command::SetView {
            lon: o.f64("lon")?,
            lat: o.f64("lat")?,
            zoom: o.f64("zoom")?,
        },
        "resetView" => Command::ResetView,
        "applyState" => Command::ApplyState {
            text: o.string("text")?,
            keep_view: o.bool("keepView")?,
        },
        "reveal" => Command::Reveal {
            covered: o.opt("covered", |v| seq(v, rect))?.unwrap_or_default(),
        },
        "search" => Command::Search {
            text: o.string("text")?,
            limit: o.int("limit")?,
        },
        "choose" => Command::Choose {
            kind: hit_kind(&o.need("kind")?)?,
            key: o.string("key")?,
            animate: o.bool("animate")?,
        },
        "fitVisible" => Command::FitVisible {
            animate: o.bool("animate")?,
        },
        "flyFrame" => Command::FlyFrame { ms: o.f64("ms")? },
        "setLang" => Command::SetLang {
            lang: o.string("lang")?,
        },
        "resize" => Command::Resize {
            width: o.f64("width")?,
            height: o.f64("height")?,
            dpr: o.f64("dpr")?,
        },
        "setFlow" => Command::SetFlow { on: o.bool("on")? },
        "setInset" => Command::SetInset {
            shown: o.bool("shown")?,
        },
        "loadStep" => Command::LoadStep {
            id: o.int("id")?,
            rows: o.int("rows")?,
        },
        "cancelLoad" => Command::CancelLoad,
        "prepare" => Command::Prepare {
            pairs: o.int("pairs")?,
        },
        other => return Err(unknown(other, &COMMANDS)),
    })
}

/// A filter object; every field may be left out.
pub fn filter(value: &JsValue) -> Result<Filter> {
    let o = Obj::of(value, "struct Filter")?;
    Ok(Filter {
        cities: o.opt("cities", strings)?.unwrap_or_default(),
        countries: o.opt("countries", strings)?.unwrap_or_default(),
        continents: o.opt("continents", strings)?.unwrap_or_default(),
        relations: o.opt("relations", strings)?.unwrap_or_default(),
        levels: o.opt("levels", strings)?.unwrap_or_default(),
        groups: o.opt("groups", strings)?.unwrap_or_default(),
        year_from: o.opt("yearFrom", integer)?,
        year_to: o.opt("yearTo", integer)?,
        hide_unknown_year: o.flag("hideUnknownYear")?,
        show_unknown_year: o.flag("showUnknownYear")?,
        text: o.opt("text", string)?.unwrap_or_default(),
    })
}

/// The portal's colours; every field may be left out.
pub fn theme(value: &JsValue) -> Result<ThemeInput> {
    let o = Obj::of(value, "struct ThemeInput")?;
    Ok(ThemeInput {
        dark: o.flag("dark")?,
        ocean: o.opt("ocean", string)?,
        land: o.opt("land", string)?,
        china: o.opt("china", string)?,
        border: o.opt("border", string)?,
        origin_stroke: o.opt("originStroke", string)?,
        focus: o.opt("focus", string)?,
        palette: o.opt("palette", strings)?,
    })
}

/// What the page puts into a report; every field may be left out.
pub fn report_spec(value: &JsValue) -> Result<ReportSpec> {
    let o = Obj::of(value, "struct ReportSpec")?;
    let text = |name| Ok::<_, String>(o.opt(name, string)?.unwrap_or_default());
    Ok(ReportSpec {
        width_css_px: o.opt("widthCssPx", number)?.unwrap_or_default(),
        scale: o.opt("scale", number)?,
        width_px: o.opt("widthPx", number)?,
        title: text("title")?,
        summary: text("summary")?,
        legend: o.opt("legend", strings)?.unwrap_or_default(),
        attribution: text("attribution")?,
        date: text("date")?,
        background: o.opt("background", string)?,
        text: o.opt("text", string)?,
    })
}

fn rect(value: &JsValue) -> Result<RectPx> {
    let o = Obj::of(value, "struct RectPx")?;
    Ok(RectPx {
        x: o.f64("x")?,
        y: o.f64("y")?,
        width: o.f64("width")?,
        height: o.f64("height")?,
    })
}

fn hit_kind(value: &JsValue) -> Result<HitKind> {
    const KINDS: [&str; 4] = ["country", "city", "place", "pair"];
    let Some(name) = value.as_string() else {
        return Err(invalid(value, "variant identifier"));
    };
    Ok(match name.as_str() {
        "country" => HitKind::Country,
        "city" => HitKind::City,
        "place" => HitKind::Place,
        "pair" => HitKind::Pair,
        other => return Err(unknown(other, &KINDS)),
    })
}

/// The elements of a JS array, each read by `item`.
fn seq<T>(value: &JsValue, item: impl Fn(&JsValue) -> Result<T>) -> Result<Vec<T>> {
    if !js_sys::Array::is_array(value) {
        return Err(invalid(value, "a sequence"));
    }
    js_sys::Array::from(value)
        .iter()
        .map(|v| item(&v))
        .collect()
}

fn boolean(value: &JsValue) -> Result<bool> {
    value.as_bool().ok_or_else(|| invalid(value, "a boolean"))
}

/// A list of strings.
fn strings(value: &JsValue) -> Result<Vec<String>> {
    seq(value, string)
}

fn string(value: &JsValue) -> Result<String> {
    value.as_string().ok_or_else(|| invalid(value, "a string"))
}

fn number(value: &JsValue) -> Result<f64> {
    value.as_f64().ok_or_else(|| invalid(value, "f64"))
}

/// A whole number that fits `T` (`id: 1.5` or `limit: -1` is an error, as serde has it).
fn integer<T: TryFrom<i64>>(value: &JsValue) -> Result<T> {
    let n = number(value)?;
    let whole = n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0;
    whole
        .then(|| T::try_from(n as i64).ok())
        .flatten()
        .ok_or_else(|| invalid(value, "an integer in range"))
}

/// serde's error for a value of the wrong type.
fn invalid(value: &JsValue, expected: &str) -> String {
    let got = if let Some(s) = value.as_string() {
        format!("string \"{s}\"")
    } else if let Some(n) = value.as_f64() {
        format!("floating point `{}`", crate::num::plain(n))
    } else if let Some(b) = value.as_bool() {
        format!("boolean `{b}`")
    } else if value.is_null() || value.is_undefined() {
        "unit value".into()
    } else if js_sys::Array::is_array(value) {
        "sequence".into()
    } else {
        "map".into()
    };
    format!("Error: invalid type: {got}, expected {expected}")
}

/// serde's error for a name that is none of `names`.
fn unknown(name: &str, names: &[&str]) -> String {
    let names: Vec<String> = (names.iter().filter(|n| !n.is_empty()))
        .map(|n| format!("`{n}`"))
        .collect();
    format!(
        "Error: unknown variant `{name}`, expected one of {}",
        names.join(", ")
    )
}

/// A JS object's fields.
struct Obj<'a>(&'a JsValue);

impl<'a> Obj<'a> {
    /// `value` as an object, or serde's error naming `what` was expected.
    fn of(value: &'a JsValue, what: &str) -> Result<Self> {
        if value.is_object() && !js_sys::Array::is_array(value) {
            Ok(Self(value))
        } else {
            Err(invalid(value, what))
        }
    }

    /// The field `name`, `None` when it is left out (or `undefined`).
    fn get(&self, name: &str) -> Option<JsValue> {
        let v = js_sys::Reflect::get(self.0, &JsValue::from_str(name)).ok()?;
        (!v.is_undefined()).then_some(v)
    }

    fn need(&self, name: &str) -> Result<JsValue> {
        self.get(name)
            .ok_or_else(|| format!("Error: missing field `{name}`"))
    }

    fn f64(&self, name: &str) -> Result<f64> {
        number(&self.need(name)?)
    }

    fn int<T: TryFrom<i64>>(&self, name: &str) -> Result<T> {
        integer(&self.need(name)?)
    }

    fn bool(&self, name: &str) -> Result<bool> {
        boolean(&self.need(name)?)
    }

    /// A boolean that is `false` when left out (or `null`).
    fn flag(&self, name: &str) -> Result<bool> {
        Ok(self.opt(name, boolean)?.unwrap_or(false))
    }

    fn string(&self, name: &str) -> Result<String> {
        string(&self.need(name)?)
    }

    /// A field that may be left out: `None` when it is (or `null`), else read by `read`.
    fn opt<T>(&self, name: &str, read: impl Fn(&JsValue) -> Result<T>) -> Result<Option<T>> {
        self.get(name)
            .filter(|v| !v.is_null())
            .map(|v| read(&v))
            .transpose()
    }
}
