//! The page state kept in the URL hash, so a view can be bookmarked and shared.
//!
//! The hash is a form-style query with short, stable keys, written in this order and only when
//! not at their default:
//!
//! ```text
//! city=weifang,qingdao&country=JP,KR&continent=asia&rel=friendship&level=city&group=neighbour
//! &from=1990&to=2010&unknown=hide&q=%E4%B8%8B%E5%85%B3&sel=qingdao-shimonoseki,weifang-pueblo
//! &view=130.5000,35.2000,3.00&lang=en&colour=decade&table=1
//! ```
//!
//! Lists are comma-joined after percent-encoding each item, so an item may itself hold a comma;
//! `q` is percent-encoded whole (commas included). The view is written with 4 decimals for
//! longitude and latitude (about 11 m) and 2 for the zoom.
//!
//! [`UrlState::parse`] never fails: it takes an optional leading `#` (or `?`), decodes `%XX`
//! (UTF-8) and `+` (space), ignores unknown keys, and for a bad value keeps everything else and
//! reports a human-readable problem.

use crate::dataset::{Continent, Level, Relation};
use crate::filter::Filter;
use crate::num::plain;
use crate::viewport::{ZOOM_MAX, ZOOM_MIN};
use serde::{Deserialize, Serialize};

/// The map's centre and zoom.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// Longitude of the centre, in degrees (east positive); [`UrlState::parse`] wraps it into
    /// [-180, 180).
    pub lon: f64,
    /// Latitude of the centre, in degrees (north positive), within ±90.
    pub lat: f64,
    /// The zoom relative to the default view (1 = the whole map), within
    /// [`ZOOM_MIN`]…[`ZOOM_MAX`].
    pub zoom: f64,
}

/// Everything the URL hash remembers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(default, rename_all = "camelCase")]
pub struct UrlState {
    /// The filter: keys `city`, `country`, `continent`, `rel`, `level`, `group`, `from`, `to`,
    /// `unknown` and `q`.
    pub filter: Filter,
    /// Selected ids (pairs by id, Shandong sides as `@key`; key `sel`, repeats dropped): the
    /// pinned ones in pinning order, then the current one.
    pub selected: Vec<String>,
    /// The map's centre and zoom (key `view`); `None` for the default view.
    pub view: Option<View>,
    /// `"zh"` or `"en"` (key `lang`, one of [`LANGS`]); `None` leaves the page's choice.
    pub lang: Option<String>,
    /// Arc colouring: `"city"`, `"relation"` or `"decade"` (key `colour`, one of
    /// [`ColourBy::ALL`](crate::style::ColourBy::ALL));
    /// `None` for the default.
    pub colour: Option<String>,
    /// Whether the data table view is open (key `table`, `1` or `0`).
    pub table: bool,
}

/// The values the `lang` key accepts.
pub const LANGS: [&str; 2] = ["zh", "en"];

/// The `colour` values: the keys of [`ColourBy::ALL`](crate::style::ColourBy::ALL).
const COLOUR_KEYS: [&str; 3] = [
    crate::style::ColourBy::ALL[0].key(),
    crate::style::ColourBy::ALL[1].key(),
    crate::style::ColourBy::ALL[2].key(),
];

impl UrlState {
    /// The hash without its `#`, keys in the order of the [module docs](crate::urlstate); the
    /// default state gives `""`. A view with a non-finite number is left out.
    pub fn to_hash(&self) -> String {
        let f = &self.filter;
        let mut parts: Vec<String> = Vec::new();
        let mut list = |key: &str, items: &[String]| {
            if !items.is_empty() {
                let items: Vec<String> = items.iter().map(|s| encode(s)).collect();
                parts.push(format!("{key}={}", items.join(",")));
            }
        };
        list("city", &f.cities);
        list("country", &f.countries);
        list("continent", &f.continents);
        list("rel", &f.relations);
        list("level", &f.levels);
        list("group", &f.groups);
        if let Some(y) = f.year_from {
            parts.push(format!("from={y}"));
        }
        if let Some(y) = f.year_to {
            parts.push(format!("to={y}"));
        }
        if f.hide_unknown_year {
            parts.push("unknown=hide".into());
        } else if f.show_unknown_year {
            parts.push("unknown=show".into());
        }
        if !f.text.is_empty() {
            parts.push(format!("q={}", encode(&f.text)));
        }
        if !self.selected.is_empty() {
            let items: Vec<String> = self.selected.iter().map(|s| encode(s)).collect();
            parts.push(format!("sel={}", items.join(",")));
        }
        if let Some(v) = self.view {
            if v.lon.is_finite() && v.lat.is_finite() && v.zoom.is_finite() {
                parts.push(format!(
                    "view={},{},{}",
                    crate::num::fixed(rounded(v.lon, 1e4), 4),
                    crate::num::fixed(rounded(v.lat, 1e4), 4),
                    crate::num::fixed(rounded(v.zoom, 1e2), 2)
                ));
            }
        }
        if let Some(lang) = &self.lang {
            parts.push(format!("lang={}", encode(lang)));
        }
        if let Some(colour) = &self.colour {
            parts.push(format!("colour={}", encode(colour)));
        }
        if self.table {
            parts.push("table=1".into());
        }
        parts.join("&")
    }

    /// Reads a hash (with or without its `#`, or a leading `?`). Never fails: bad values are
    /// left at their default and described in the returned problems; unknown keys are ignored.
    /// A hash longer than [`MAX_STATE_BYTES`](crate::limits::MAX_STATE_BYTES), or a state that
    /// would be longer than that written back, gives the default state, with a problem saying
    /// so.
    pub fn parse(hash: &str) -> (UrlState, Vec<String>) {
        let mut state = UrlState::default();
        let mut problems = Vec::new();
        if hash.len() > crate::limits::MAX_STATE_BYTES {
            problems.push(format!(
                "the state is {} bytes, more than the limit of {}; it was ignored",
                hash.len(),
                crate::limits::MAX_STATE_BYTES
            ));
            return (state, problems);
        }
        let hash = hash
            .strip_prefix('#')
            .or_else(|| hash.strip_prefix('?'))
            .unwrap_or(hash);
        for part in hash.split('&').filter(|p| !p.is_empty()) {
            let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
            let Ok(key) = decode(raw_key) else {
                problems.push(format!(
                    "parameter name \"{raw_key}\" is not valid percent-encoding"
                ));
                continue;
            };
            state.read(&key, raw_value, &mut problems);
        }
        // Written back, a state can be three times its input (`+` and raw UTF-8 or commas are
        // percent-encoded); one whose hash would be over the limit could not be read back, so
        // it is refused here too.
        let written = state.to_hash().len();
        if written > crate::limits::MAX_STATE_BYTES {
            problems.push(format!(
                "the state is {written} bytes when written as a hash, more than the limit of {}; it was ignored",
                crate::limits::MAX_STATE_BYTES
            ));
            return (UrlState::default(), problems);
        }
        (state, problems)
    }

    fn read(&mut self, key: &str, raw: &str, problems: &mut Vec<String>) {
        let f = &mut self.filter;
        match key {
            "city" => f.cities = list(key, raw, problems),
            "country" => {
                f.countries = list(key, raw, problems)
                    .into_iter()
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
            }
            "continent" => {
                f.continents = known(key, list(key, raw, problems), problems, |s| {
                    Continent::parse(s).is_some()
                });
            }
            "rel" => {
                f.relations = known(key, list(key, raw, problems), problems, |s| {
                    Relation::ALL.iter().any(|r| r.key() == s)
                });
            }
            "level" => {
                f.levels = known(key, list(key, raw, problems), problems, |s| {
                    Level::parse(s).is_some_and(|l| l.key() == s)
                });
            }
            "group" => f.groups = list(key, raw, problems),
            "from" | "to" => {
                let Some(value) = scalar(key, raw, problems) else {
                    return;
                };
                let year = parse_year(&value);
                if year.is_none() {
                    problems.push(format!("year `{key}` value \"{value}\" is not a year"));
                }
                if key == "from" {
                    f.year_from = year;
                } else {
                    f.year_to = year;
                }
            }
            "unknown" => match scalar(key, raw, problems).as_deref() {
                // The last of repeated `unknown` keys wins, as for every other key.
                Some("hide") => (f.hide_unknown_year, f.show_unknown_year) = (true, false),
                Some("show") => (f.hide_unknown_year, f.show_unknown_year) = (false, true),
                Some("") => {}
                Some(other) => problems.push(format!(
                    "`unknown` value \"{other}\" is not \"hide\" or \"show\""
                )),
                None => {}
            },
            "q" => {
                if let Some(value) = scalar(key, raw, problems) {
                    f.text = value;
                }
            }
            "sel" => {
                let mut ids: Vec<String> = Vec::new();
                for id in list(key, raw, problems) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                self.selected = ids;
            }
            "view" => {
                if let Some(value) = scalar(key, raw, problems) {
                    self.view = parse_view(&value, problems);
                }
            }
            "lang" => self.lang = one_of(key, raw, &LANGS, problems),
            "colour" => self.colour = one_of(key, raw, &COLOUR_KEYS, problems),
            "table" => match scalar(key, raw, problems).as_deref() {
                Some("1") => self.table = true,
                Some("0") | Some("") => self.table = false,
                Some(other) => problems.push(format!("`table` value \"{other}\" is not 1 or 0")),
                None => {}
            },
            _ => {}
        }
    }
}

/// Rounds to `1 / scale` and turns `-0` into `0` (so `-0.00001` is written `0.0000`).
fn rounded(v: f64, scale: f64) -> f64 {
    let r = (v * scale).round() / scale;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A whole value, decoded; `None` (with a problem) when its encoding is broken.
fn scalar(key: &str, raw: &str, problems: &mut Vec<String>) -> Option<String> {
    match decode(raw) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(format!("`{key}` value \"{raw}\": {e}"));
            None
        }
    }
}

/// Comma-separated items, each decoded; empty and undecodable items are dropped.
fn list(key: &str, raw: &str, problems: &mut Vec<String>) -> Vec<String> {
    raw.split(',')
        .filter(|item| !item.is_empty())
        .filter_map(|item| match decode(item) {
            Ok(v) if !v.is_empty() => Some(v),
            Ok(_) => None,
            Err(e) => {
                problems.push(format!("`{key}` item \"{item}\": {e}"));
                None
            }
        })
        .collect()
}

/// Keeps the items `ok` accepts; reports the others.
fn known(
    key: &str,
    items: Vec<String>,
    problems: &mut Vec<String>,
    ok: impl Fn(&str) -> bool,
) -> Vec<String> {
    items
        .into_iter()
        .filter(|item| {
            let good = ok(item);
            if !good {
                problems.push(format!("`{key}` value \"{item}\" is not known"));
            }
            good
        })
        .collect()
}

fn one_of(key: &str, raw: &str, allowed: &[&str], problems: &mut Vec<String>) -> Option<String> {
    let value = scalar(key, raw, problems)?;
    if value.is_empty() {
        return None;
    }
    if allowed.contains(&value.as_str()) {
        Some(value)
    } else {
        problems.push(format!(
            "`{key}` value \"{value}\" is not one of {}",
            allowed.join(", ")
        ));
        None
    }
}

/// One to four digits, optionally negative (a plain year, as the filter uses).
fn parse_year(text: &str) -> Option<i32> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `lon,lat,zoom`: finite numbers, latitude within ±90; longitude is wrapped into
/// [-180, 180) and the zoom clamped into [`ZOOM_MIN`, `ZOOM_MAX`] (reported).
fn parse_view(value: &str, problems: &mut Vec<String>) -> Option<View> {
    let numbers: Vec<Option<f64>> = value
        .split(',')
        .map(|s| crate::num::parse_decimal(s.trim()))
        .collect();
    let [Some(lon), Some(lat), Some(zoom)] = numbers[..] else {
        problems.push(format!(
            "`view` value \"{value}\" is not three finite numbers lon,lat,zoom"
        ));
        return None;
    };
    if !(-90.0..=90.0).contains(&lat) {
        problems.push(format!(
            "`view` latitude {} is outside -90…90; the view was ignored",
            plain(lat)
        ));
        return None;
    }
    let lon = if (-180.0..180.0).contains(&lon) {
        lon
    } else {
        // `rem_euclid` rounds a tiny negative remainder up to 360 (−180.00000000000003 would
        // become +180, written back as 180.0000 and read as −180): keep it in [-180, 180).
        let wrapped = (lon + 180.0).rem_euclid(360.0) - 180.0;
        if wrapped >= 180.0 {
            wrapped - 360.0
        } else {
            wrapped
        }
    };
    let clamped = crate::num::clamp(zoom, ZOOM_MIN, ZOOM_MAX);
    if clamped != zoom {
        problems.push(format!(
            "`view` zoom {} is outside {}…{}; using {}",
            plain(zoom),
            plain(ZOOM_MIN),
            plain(ZOOM_MAX),
            plain(clamped)
        ));
    }
    Some(View {
        lon,
        lat,
        zoom: clamped,
    })
}

/// Percent-encodes everything except ASCII letters, digits and `-_.~` (UTF-8 bytes).
pub fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            // Both nibbles are below 16, the length of HEX.
            #[allow(clippy::indexing_slicing)]
            {
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space); the bytes must form UTF-8.
///
/// # Errors
///
/// A message when a `%` is not followed by two hex digits, or when the decoded bytes are not
/// UTF-8.
pub fn decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|&h| char::from(h).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(hi), Some(lo)) => {
                        // Two hex digits: at most 255.
                        out.push(u8::try_from(hi * 16 + lo).unwrap_or(0));
                        i += 3;
                    }
                    _ => {
                        return Err(format!(
                            "\"%\" at byte {i} is not followed by two hex digits"
                        ))
                    }
                }
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "the decoded bytes are not UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_keeps_unreserved_bytes() {
        for s in ["下关", "a,b&c#d e+f%g", "Saint-Étienne", ""] {
            assert_eq!(decode(&encode(s)).as_deref(), Ok(s));
        }
        assert_eq!(encode("a b,c"), "a%20b%2Cc");
        assert_eq!(encode("下"), "%E4%B8%8B");
        assert_eq!(decode("a+b%20c").as_deref(), Ok("a b c"));
        assert!(decode("%E4%").is_err());
        assert!(decode("%zz").is_err());
        assert!(decode("%E4%B8").is_err());
    }

    #[test]
    fn years_are_digits_only() {
        assert_eq!(parse_year("1990"), Some(1990));
        assert_eq!(parse_year("19x9"), None);
        assert_eq!(parse_year("+1990"), None);
        assert_eq!(parse_year("99999"), None);
        assert_eq!(parse_year(""), None);
    }
}
