//! The views as JSON text, for the page's `JSON.parse` (see `crate::web`): written here by hand
//! rather than through `serde_json`, whose serializers derived for ~35 view types made the small
//! module 10,803 / 2,504 bytes (raw / gzip) larger than this does (README, *Size*). Each type's
//! serde derive stays the declaration of its shape (the TypeScript types are generated from it,
//! and native callers serialize with it); `tests/json.rs` checks that [`to_json`] writes, byte
//! for byte, what
//! `serde_json::to_string` writes for the views of real sessions (loads good and bad, filters,
//! hovers, selections, searches, a URL state). A field added to a view without its line here
//! fails those tests.
//!
//! Numbers are written as serde_json writes them: integers in decimal, floats by `zmij` (its
//! shortest form, `1.0` for a whole number) and `null` for a float that is not finite.

use super::command::{FrameStats, LoadReport, LoadStatus, Response};
use super::overlays::{InsetCityView, InsetView, LabelView};
use super::views::{
    Choice, Choices, Details, HitView, LegendEntry, Shown, Snapshot, SourceView, StatsView,
    TableColumns, TableCountry, TableName, TableRow,
};
use super::vocabulary::Vocabulary;
use crate::dataset::{
    CityCoverage, Count, CoverageView, IssueReport, LoadPhase, Params, Progress, Severity, Stats,
};
use crate::filter::Filter;
use crate::scene::Rect;
use crate::search::{HitKind, SearchHit};
use crate::urlstate::View;
use crate::viewport::ScreenPt;

/// `value` as JSON text, as `serde_json::to_string` writes it.
pub fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    let mut j = Json {
        out: String::new(),
        first: true,
    };
    value.json(&mut j);
    j.out
}

/// A value the page reads as JSON.
pub trait ToJson {
    /// Writes the value.
    fn json(&self, j: &mut Json);
}

/// JSON text being written: objects and arrays open and close, fields and elements are
/// separated as they come.
pub struct Json {
    out: String,
    /// Nothing written yet in the innermost open object or array.
    first: bool,
}

impl Json {
    fn open(&mut self, c: char) {
        self.out.push(c);
        self.first = true;
    }

    fn close(&mut self, c: char) {
        self.out.push(c);
        self.first = false;
    }

    /// A comma before every field or element but the first.
    fn next(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// A field of the object being written.
    fn field(&mut self, name: &str, value: &dyn ToJson) {
        self.next();
        self.string(name);
        self.out.push(':');
        value.json(self);
    }

    /// A string, escaped as serde_json escapes it: `"`, `\` and the control characters.
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(from..i).unwrap_or_default());
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                for nibble in [b >> 4, b & 0xf] {
                    let digit = HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
                    self.out.push(char::from(digit));
                }
            } else {
                self.out.push_str(escape);
            }
            from = i + 1;
        }
        self.out.push_str(s.get(from..).unwrap_or_default());
        self.out.push('"');
    }
}

impl ToJson for str {
    fn json(&self, j: &mut Json) {
        j.string(self);
    }
}

impl ToJson for String {
    fn json(&self, j: &mut Json) {
        j.string(self);
    }
}

impl ToJson for bool {
    fn json(&self, j: &mut Json) {
        j.out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for f64 {
    fn json(&self, j: &mut Json) {
        if self.is_finite() {
            j.out.push_str(zmij::Buffer::new().format_finite(*self));
        } else {
            j.out.push_str("null");
        }
    }
}

/// Integers in decimal.
macro_rules! json_integers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn json(&self, j: &mut Json) {
                j.out.push_str(itoa::Buffer::new().format(*self));
            }
        }
    )*};
}
json_integers!(i32, u32, u64, usize);

impl<T: ToJson + ?Sized> ToJson for &T {
    fn json(&self, j: &mut Json) {
        (**self).json(j);
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn json(&self, j: &mut Json) {
        (**self).json(j);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn json(&self, j: &mut Json) {
        match self {
            Some(v) => v.json(j),
            None => j.out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn json(&self, j: &mut Json) {
        j.open('[');
        for v in self {
            j.next();
            v.json(j);
        }
        j.close(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn json(&self, j: &mut Json) {
        self.as_slice().json(j);
    }
}

impl ToJson for Params {
    fn json(&self, j: &mut Json) {
        j.open('{');
        for (name, value) in self.entries() {
            j.field(name, value);
        }
        j.close('}');
    }
}

/// The fields of an object, for an object of its own or in another's (serde's `flatten`).
pub trait JsonFields {
    /// Writes the fields into the object being written.
    fn fields(&self, j: &mut Json);
}

/// A struct as an object: its fields in the order of its declaration, by their serde names;
/// `..inner` first writes a field's own fields in their place (serde's `flatten`).
macro_rules! json_object {
    ($t:ty { $(..$flat:ident,)? $($name:literal: $field:ident),* $(,)? }) => {
        impl JsonFields for $t {
            fn fields(&self, j: &mut Json) {
                $(self.$flat.fields(j);)?
                $(j.field($name, &self.$field);)*
            }
        }

        impl ToJson for $t {
            fn json(&self, j: &mut Json) {
                j.open('{');
                self.fields(j);
                j.close('}');
            }
        }
    };
}

/// A unit enum as its serde name.
macro_rules! json_names {
    ($t:ty { $($variant:ident: $name:literal),* $(,)? }) => {
        impl ToJson for $t {
            fn json(&self, j: &mut Json) {
                j.string(match self {
                    $(Self::$variant => $name,)*
                });
            }
        }
    };
}

json_object!(Response {
    "handled": handled,
    "redraw": redraw,
    "view": view,
    "dragging": dragging,
    "hoverChanged": hover_changed,
    "hover": hover,
    "focusMoved": focus_moved,
    "selectionChanged": selection_changed,
    "dataChanged": data_changed,
    "problems": problems,
    "lang": lang,
    "table": table,
    "error": error,
    "results": results,
    "flying": flying,
    "layoutChanged": layout_changed,
    "load": load,
    "pending": pending,
});

json_object!(LoadStatus {
    "id": id,
    "progress": progress,
    "report": report,
});

json_object!(LoadReport {
    "ok": ok,
    "file": file,
    "pairs": pairs,
    "errorCount": error_count,
    "errors": errors,
    "warnings": warnings,
    "rejected": rejected,
});

json_object!(IssueReport {
    "file": file,
    "line": line,
    "field": field,
    "value": value,
    "severity": severity,
    "code": code,
    "params": params,
    "message": message,
    "text": text,
});

json_names!(Severity {
    Error: "error",
    Warning: "warning",
});

json_object!(Progress {
    "phase": phase,
    "done": done,
    "total": total,
    "percent": percent,
});

json_names!(LoadPhase {
    Decode: "decode",
    Read: "read",
    Check: "check",
    Build: "build",
    Done: "done",
    Cancelled: "cancelled",
});

json_object!(FrameStats {
    "frames": frames,
    "baseRenders": base_renders,
    "baseReuses": base_reuses,
    "arcsRenders": arcs_renders,
    "arcsReuses": arcs_reuses,
    "topReuses": top_reuses,
});

json_object!(Snapshot {
    "filter": filter,
    "colourBy": colour_by,
    "stats": stats,
    "legend": legend,
    "choices": choices,
    "selection": selection,
    "pinned": pinned,
    "shown": shown,
    "vocabulary": vocabulary,
    "flow": flow,
    "inset": inset,
    "insetHidden": inset_hidden,
    "labels": labels,
});

json_object!(Filter {
    "cities": cities,
    "countries": countries,
    "continents": continents,
    "relations": relations,
    "levels": levels,
    "groups": groups,
    "yearFrom": year_from,
    "yearTo": year_to,
    "hideUnknownYear": hide_unknown_year,
    "showUnknownYear": show_unknown_year,
    "text": text,
});

json_object!(StatsView {
    ..stats,
    "coverage": coverage,
    "hiddenUndated": hidden_undated,
    "moreCities": more_cities,
});

json_object!(Stats {
    "pairs": pairs,
    "partnerPlaces": partner_places,
    "countries": countries,
    "continents": continents,
    "withYear": with_year,
    "unknownYear": unknown_year,
    "withPartnerZh": with_partner_zh,
    "withSources": with_sources,
    "withLocation": with_location,
    "byCity": by_city,
    "byCountry": by_country,
    "byContinent": by_continent,
    "byRelation": by_relation,
    "byStatus": by_status,
    "byLevel": by_level,
    "byDecade": by_decade,
    "byYear": by_year,
    "cumulative": cumulative,
});

json_object!(Count {
    "key": key,
    "count": count,
});

json_object!(CoverageView {
    "shown": shown,
    "official": official,
    "officialCountries": official_countries,
    "asOf": as_of,
    "source": source,
    "sourceUrl": source_url,
    "reviewed": reviewed,
    "byCity": by_city,
});

json_object!(CityCoverage {
    "key": key,
    "shown": shown,
    "official": official,
    "asOf": as_of,
});

json_object!(LegendEntry {
    "key": key,
    "nameZh": name_zh,
    "nameEn": name_en,
    "colour": colour,
    "visible": visible,
    "total": total,
});

json_object!(Choices {
    "cities": cities,
    "moreCities": more_cities,
    "allPairs": all_pairs,
    "countries": countries,
    "groups": groups,
});

impl ToJson for Choice {
    fn json(&self, j: &mut Json) {
        j.open('{');
        j.field("key", &self.key);
        j.field("nameZh", &self.name_zh);
        j.field("nameEn", &self.name_en);
        j.field("extra", &self.extra);
        j.field("total", &self.total);
        j.field("visible", &self.visible);
        // serde's `skip_serializing_if = "Option::is_none"`
        if let Some(lon) = &self.lon {
            j.field("lon", lon);
        }
        if let Some(lat) = &self.lat {
            j.field("lat", lat);
        }
        j.close('}');
    }
}

impl ToJson for Shown {
    fn json(&self, j: &mut Json) {
        // serde's `tag = "kind"`: the variant's name first, then its fields.
        j.open('{');
        match self {
            Shown::Pair { id, details } => {
                j.field("kind", &"pair");
                j.field("id", id);
                j.field("details", details);
            }
            Shown::City { id, key, partners } => {
                j.field("kind", &"city");
                j.field("id", id);
                j.field("key", key);
                j.field("partners", partners);
            }
        }
        j.close('}');
    }
}

json_object!(Details {
    ..row,
    "line": line,
    "city": city,
    "subunitZh": subunit_zh,
    "subunitEn": subunit_en,
    "partnerZhSource": partner_zh_source,
    "country": country,
    "lon": lon,
    "lat": lat,
    "coordSource": coord_source,
    "sources": sources,
    "note": note,
    "noteZh": note_zh,
});

json_object!(TableRow {
    "id": id,
    "cityZh": city_zh,
    "cityEn": city_en,
    "partnerZh": partner_zh,
    "partnerEn": partner_en,
    "countryZh": country_zh,
    "countryEn": country_en,
    "continent": continent,
    "level": level,
    "relation": relation,
    "status": status,
    "established": established,
    "year": year,
});

json_object!(TableColumns<'_> {
    "ids": ids,
    "partnerZh": partner_zh,
    "partnerEn": partner_en,
    "cities": cities,
    "city": city,
    "countries": countries,
    "country": country,
    "level": level,
    "relation": relation,
    "status": status,
    "established": established,
    "year": year,
});

json_object!(TableName<'_> {
    "zh": zh,
    "en": en,
});

json_object!(TableCountry<'_> {
    "zh": zh,
    "en": en,
    "continent": continent,
});

json_object!(SourceView {
    "title": title,
    "url": url,
    "remark": remark,
});

json_object!(Vocabulary {
    "relations": relations,
    "levels": levels,
    "continents": continents,
    "statuses": statuses,
    "colourModes": colour_modes,
    "firstYear": first_year,
    "lastYear": last_year,
    "dated": dated,
});

json_object!(InsetView {
    "rect": rect,
    "cities": cities,
    "toggle": toggle,
});

json_object!(InsetCityView {
    "key": key,
    "label": label,
    "labelBox": label_box,
    "target": target,
});

json_object!(Rect {
    "x": x,
    "y": y,
    "width": w,
    "height": h,
});

json_object!(LabelView {
    "text": text,
    "rect": rect,
    "country": country,
});

json_object!(HitView {
    "kind": kind,
    "id": id,
    "city": city,
    "details": details,
    "x": x,
    "y": y,
    "members": members,
    "memberCount": member_count,
});

json_object!(SearchHit {
    "kind": kind,
    "key": key,
    "nameZh": name_zh,
    "nameEn": name_en,
    "sideZh": side_zh,
    "sideEn": side_en,
    "countryZh": country_zh,
    "countryEn": country_en,
    "pairs": pairs,
});

json_names!(HitKind {
    Country: "country",
    City: "city",
    Place: "place",
    Pair: "pair",
});

json_object!(View {
    "lon": lon,
    "lat": lat,
    "zoom": zoom,
});

json_object!(ScreenPt { "x": x, "y": y });
