//! What the page shows, as plain serialisable values: built here once per change and sent across
//! the boundary as they are (the web layer converts them, nothing else).
// Not every public item here has its doc comment yet (the `missing_docs` lint came later).
#![allow(missing_docs)]

use crate::dataset::{CoverageView, Stats};
use crate::filter::Filter;
use crate::hit::Target;
use crate::map::{MapState, Pick};
use crate::style::ColourBy;
use serde::Serialize;

/// Everything the detail panel and the table show about one pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Details {
    pub id: String,
    pub line: u64,
    pub city: String,
    pub city_zh: String,
    pub city_en: String,
    pub subunit_zh: String,
    pub subunit_en: String,
    pub partner_zh: String,
    pub partner_en: String,
    pub partner_zh_source: String,
    pub country: String,
    pub country_zh: String,
    pub country_en: String,
    pub continent: &'static str,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'province' | 'city' | 'county' | 'unknown'")
    )]
    pub level: &'static str,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'friendship' | 'cooperation' | 'unknown'")
    )]
    pub relation: &'static str,
    pub established: Option<String>,
    pub year: Option<i32>,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub coord_source: String,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'signed' | 'intent' | 'unconfirmed'")
    )]
    pub status: &'static str,
    pub sources: Vec<SourceView>,
    pub note: String,
    pub note_zh: String,
}

/// One source as the detail panel shows it: a readable name, the link (http(s) only), a remark.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct SourceView {
    pub title: String,
    pub url: Option<String>,
    pub remark: String,
}

/// What the pointer or the keyboard focus is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HitView {
    /// `arc`, `partner` or `origin`.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'arc' | 'partner' | 'origin'")
    )]
    pub kind: &'static str,
    /// The pair's id (arcs and partner dots).
    pub id: Option<String>,
    /// The Shandong key.
    pub city: String,
    /// The pair, for arcs and partner dots.
    pub details: Option<Details>,
    /// Where its dot is drawn, CSS px (for a tooltip next to a keyboard focus).
    pub x: Option<f64>,
    pub y: Option<f64>,
}

/// A filter choice with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    /// Continent of a country; colour of a Shandong key; source of a group.
    pub extra: String,
    pub total: usize,
    pub visible: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub lat: Option<f64>,
}

/// The filter choices: Shandong keys, countries with pairs, thematic groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Choices {
    pub cities: Vec<Choice>,
    pub countries: Vec<Choice>,
    pub groups: Vec<Choice>,
}

/// One legend entry of the current colour dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LegendEntry {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub colour: String,
    pub visible: usize,
    pub total: usize,
}

/// Statistics of the visible pairs plus, for the shipped data, how complete it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatsView {
    #[serde(flatten)]
    pub stats: Stats,
    pub coverage: Option<CoverageView>,
}

/// What the detail panel shows: one pair, or a Shandong side with its visible partners.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Shown {
    Pair {
        id: String,
        details: Box<Details>,
    },
    City {
        id: String,
        key: String,
        partners: Vec<Details>,
    },
}

/// One read of everything the controls show, after a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub filter: Filter,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'city' | 'relation' | 'decade'")
    )]
    pub colour_by: &'static str,
    pub stats: StatsView,
    pub legend: Vec<LegendEntry>,
    pub choices: Choices,
    /// Selected ids (pairs by id, Shandong sides as `@key`), pinned first.
    pub selection: Vec<String>,
    pub pinned: Vec<String>,
    pub shown: Option<Shown>,
}

/// Details of pair `i`.
pub fn details(map: &MapState, i: usize) -> Option<Details> {
    let ds = map.dataset();
    let p = ds.partnerships.get(i)?;
    let city = ds.city_of(p);
    let country = ds.country_of(p);
    Some(Details {
        id: p.id.clone(),
        line: p.line,
        city: city.key.clone(),
        city_zh: city.name_zh.clone(),
        city_en: city.name_en.clone(),
        subunit_zh: p.subunit_zh.clone(),
        subunit_en: p.subunit_en.clone(),
        partner_zh: p.partner_zh.clone(),
        partner_en: p.partner_en.clone(),
        partner_zh_source: p.partner_zh_source.clone(),
        country: country.iso2.clone(),
        country_zh: country.name_zh.clone(),
        country_en: country.name_en.clone(),
        continent: country.continent.key(),
        level: p.level.key(),
        relation: p.relation.key(),
        established: p.established.map(|d| d.to_string()),
        year: p.established.map(|d| d.year),
        lon: p.location.map(|l| l.lon),
        lat: p.location.map(|l| l.lat),
        coord_source: p.coord_source.clone(),
        status: p.status.key(),
        sources: p
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.label(),
                url: s.url.clone(),
                remark: s.remark.clone(),
            })
            .collect(),
        note: p.note.clone(),
        note_zh: p.note_zh.clone(),
    })
}

/// A hit target with its pair's details and where it is drawn.
pub fn hit_view(map: &MapState, t: Target) -> Option<HitView> {
    let ds = map.dataset();
    let (kind, pair) = match t {
        Target::Arc(i) => ("arc", Some(i)),
        Target::Partner(i) => ("partner", Some(i)),
        Target::Origin(_) => ("origin", None),
    };
    let city = match t {
        Target::Origin(k) => ds.cities().get(k)?.key.clone(),
        Target::Arc(i) | Target::Partner(i) => ds.city_of(ds.partnerships.get(i)?).key.clone(),
    };
    let at = map.target_xy(t).map(|w| map.viewport.to_screen(w));
    Some(HitView {
        kind,
        id: pair
            .and_then(|i| ds.partnerships.get(i))
            .map(|p| p.id.clone()),
        city,
        details: pair.and_then(|i| details(map, i)),
        x: at.map(|p| p.x),
        y: at.map(|p| p.y),
    })
}

/// The id of a pick: a pair's id, or `@key` for a Shandong side.
pub fn pick_id(map: &MapState, pick: Pick) -> Option<String> {
    let ds = map.dataset();
    match pick {
        Pick::Pair(i) => ds.partnerships.get(i).map(|p| p.id.clone()),
        Pick::City(k) => ds.cities().get(k).map(|c| format!("@{}", c.key)),
    }
}

/// The pick an id names, if the data has it.
pub fn pick_of(map: &MapState, id: &str) -> Option<Pick> {
    let ds = map.dataset();
    match id.strip_prefix('@') {
        Some(key) => ds.city_index_of(key).map(Pick::City),
        None => ds.by_id(id).map(|(i, _)| Pick::Pair(i)),
    }
}

/// The detail panel's content for a pick.
pub fn shown(map: &MapState, pick: Pick) -> Option<Shown> {
    let id = pick_id(map, pick)?;
    Some(match pick {
        Pick::Pair(i) => Shown::Pair {
            id,
            details: Box::new(details(map, i)?),
        },
        Pick::City(k) => Shown::City {
            id,
            key: map.dataset().cities().get(k)?.key.clone(),
            partners: map
                .visible()
                .iter()
                .filter(|&&i| {
                    map.dataset()
                        .partnerships
                        .get(i)
                        .is_some_and(|p| p.city == k)
                })
                .filter_map(|&i| details(map, i))
                .collect(),
        },
    })
}

/// The choices with their counts, in one pass over the pairs (groups are summed over countries).
pub fn choices(map: &MapState) -> Choices {
    let ds = map.dataset();
    let mut visible = vec![false; ds.partnerships.len()];
    for &i in map.visible() {
        if let Some(v) = visible.get_mut(i) {
            *v = true;
        }
    }
    let mut city_n = vec![(0usize, 0usize); ds.cities().len()];
    let mut country_n = vec![(0usize, 0usize); ds.countries().len()];
    for (p, &v) in ds.partnerships.iter().zip(&visible) {
        for slot in [city_n.get_mut(p.city), country_n.get_mut(p.country)]
            .into_iter()
            .flatten()
        {
            slot.0 += 1;
            slot.1 += usize::from(v);
        }
    }
    let cities = ds
        .cities()
        .iter()
        .zip(&city_n)
        .enumerate()
        .map(|(k, (c, n))| Choice {
            key: c.key.clone(),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            extra: map.theme.city_colour(k).css(),
            total: n.0,
            visible: n.1,
            lon: Some(c.location.lon),
            lat: Some(c.location.lat),
        })
        .collect();
    let countries = ds
        .countries()
        .iter()
        .zip(&country_n)
        .filter(|(_, n)| n.0 > 0)
        .map(|(c, n)| Choice {
            key: c.iso2.clone(),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            extra: c.continent.key().to_string(),
            total: n.0,
            visible: n.1,
            lon: None,
            lat: None,
        })
        .collect();
    let groups = ds
        .gazetteer
        .groups
        .iter()
        .map(|g| {
            let (total, visible) = ds
                .countries()
                .iter()
                .zip(&country_n)
                .filter(|(c, _)| c.groups.contains(&g.key))
                .fold((0, 0), |(t, v), (_, n)| (t + n.0, v + n.1));
            Choice {
                key: g.key.clone(),
                name_zh: g.name_zh.clone(),
                name_en: g.name_en.clone(),
                extra: g.source.clone(),
                total,
                visible,
                lon: None,
                lat: None,
            }
        })
        .collect();
    Choices {
        cities,
        countries,
        groups,
    }
}

/// The colour legend: key, names (Shandong keys only; the page names relations and decades),
/// colour, visible and total pairs.
pub fn legend(map: &MapState) -> Vec<LegendEntry> {
    let ds = map.dataset();
    let city_mode = map.colour_by() == ColourBy::City;
    map.legend()
        .into_iter()
        .enumerate()
        .map(|(k, item)| {
            let (name_zh, name_en) = match ds.cities().get(k) {
                Some(c) if city_mode => (c.name_zh.clone(), c.name_en.clone()),
                _ => (String::new(), String::new()),
            };
            LegendEntry {
                key: item.key,
                name_zh,
                name_en,
                colour: item.colour.css(),
                visible: item.visible,
                total: item.total,
            }
        })
        .collect()
}

/// Counts of the visible pairs, and coverage for the shipped data.
pub fn stats(map: &MapState) -> StatsView {
    let ds = map.dataset();
    StatsView {
        stats: Stats::of(ds, map.visible().iter().copied()),
        coverage: ds.coverage.as_ref().and_then(|c| c.view(ds)),
    }
}
