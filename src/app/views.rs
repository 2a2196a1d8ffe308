//! What the page shows, as plain serialisable values: built here once per change and sent across
//! the boundary as they are (the web layer converts them, nothing else).

use crate::dataset::{CoverageView, Stats};
use crate::filter::Filter;
use crate::hit::Target;
use crate::map::{MapState, Pick};
use serde::Serialize;

pub use super::choices::{choices, legend, LISTED_ORIGINS};

/// Everything the detail panel shows about one pair: what the table lists of it ([`TableRow`],
/// its fields at the same level in JS) and the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Details {
    /// Its names, keys, kind and date, as the table lists them.
    #[serde(flatten)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(flatten))]
    pub row: TableRow,
    /// The pair's line in its source file (the header is line 1).
    pub line: u64,
    /// The Shandong key, e.g. `"qingdao"`.
    pub city: String,
    /// The Shandong district or county-level city in Chinese when the tie is at that level,
    /// else empty.
    pub subunit_zh: String,
    /// The same subunit in English, or empty.
    pub subunit_en: String,
    /// Where `partner_zh` comes from: `official`, `standard` or `translit`, or empty; as
    /// written in the file.
    pub partner_zh_source: String,
    /// The partner's country: ISO 3166-1 alpha-2 code, upper case.
    pub country: String,
    /// The partner's longitude in degrees; `None` when its place is unknown (the pair is listed
    /// but not drawn).
    pub lon: Option<f64>,
    /// The partner's latitude in degrees; `None` when its place is unknown.
    pub lat: Option<f64>,
    /// Where the point comes from, as written, e.g. `geonames:<id>`, `capital:geonames:<id>`,
    /// `hand:…` or `unknown:…`.
    pub coord_source: String,
    /// The evidence for the pair, in the order written. The shipped data's come with its notes
    /// (`notes.csv`, fetched with the first details shown or the CSV export, or by `loadNotes()`):
    /// empty until then.
    pub sources: Vec<SourceView>,
    /// The note in English (date details, doubts, which capital the point uses); may be empty.
    pub note: String,
    /// The note in Chinese; empty when the file has none.
    pub note_zh: String,
}

/// A pair as the table view lists it: its names and keys, without what only its details show
/// (sources, notes, coordinates), so that thousands of rows cross the boundary cheaply; the
/// first part of its [`Details`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TableRow {
    /// The pair's id, e.g. `"qingdao-shimonoseki"`.
    pub id: String,
    /// The Shandong side's Chinese name, e.g. `"青岛市"`.
    pub city_zh: String,
    /// The Shandong side's English name, e.g. `"Qingdao"`.
    pub city_en: String,
    /// The partner's name in simplified Chinese; empty when nobody is confident of it.
    pub partner_zh: String,
    /// The partner's name in English.
    pub partner_en: String,
    /// The country's Chinese name.
    pub country_zh: String,
    /// The country's English name.
    pub country_en: String,
    /// The country's continent key, e.g. `"north_america"`.
    pub continent: &'static str,
    /// The partner's administrative level.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'province' | 'city' | 'county' | 'unknown'")
    )]
    pub level: &'static str,
    /// The type of tie.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'friendship' | 'cooperation' | 'unknown'")
    )]
    pub relation: &'static str,
    /// How firm the tie is.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'signed' | 'intent' | 'unconfirmed'")
    )]
    pub status: &'static str,
    /// When the tie was established, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as precisely as known;
    /// `None` when unknown.
    pub established: Option<String>,
    /// The year of `established`; `None` when unknown.
    pub year: Option<i32>,
}

/// The visible pairs as the table view lists them, column by column in data order: what
/// repeats (the origin sides, the countries) named once, each row an index into them. A world
/// network's 25,000 rows as as many objects of 13 fields were ~60 ms of the page's work to
/// write and read for each opening or sort of its table; [`TableColumns::row`] is row `k` as a
/// [`TableRow`] (a pair's details read theirs so, [`table_row`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TableColumns<'a> {
    /// Each row's pair id.
    pub ids: Vec<&'a str>,
    /// Each row's partner name in simplified Chinese (empty when nobody is confident of it).
    pub partner_zh: Vec<&'a str>,
    /// Each row's partner name in English.
    pub partner_en: Vec<&'a str>,
    /// The origin sides the rows name, each once.
    pub cities: Vec<TableName<'a>>,
    /// Each row's origin side in `cities`.
    pub city: Vec<u32>,
    /// The countries the rows name, each once.
    pub countries: Vec<TableCountry<'a>>,
    /// Each row's country in `countries`.
    pub country: Vec<u32>,
    /// Each row's partner's administrative level.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "Array<'province' | 'city' | 'county' | 'unknown'>")
    )]
    pub level: Vec<&'static str>,
    /// Each row's type of tie.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "Array<'friendship' | 'cooperation' | 'unknown'>")
    )]
    pub relation: Vec<&'static str>,
    /// How firm each row's tie is.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "Array<'signed' | 'intent' | 'unconfirmed'>")
    )]
    pub status: Vec<&'static str>,
    /// When each row's tie was established (as [`TableRow::established`]); `None` when unknown.
    pub established: Vec<Option<String>>,
    /// The year of `established`; `None` when unknown.
    pub year: Vec<Option<i32>>,
}

/// An origin side as the table names it (see [`TableColumns`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct TableName<'a> {
    /// Its Chinese name.
    pub zh: &'a str,
    /// Its English name.
    pub en: &'a str,
}

/// A country as the table names it (see [`TableColumns`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct TableCountry<'a> {
    /// Its Chinese name.
    pub zh: &'a str,
    /// Its English name.
    pub en: &'a str,
    /// Its continent's key, e.g. `"north_america"`.
    pub continent: &'static str,
}

impl TableColumns<'_> {
    /// Row `k` (from 0) as a [`TableRow`], or `None` past the last.
    pub fn row(&self, k: usize) -> Option<TableRow> {
        let city = self.cities.get(*self.city.get(k)? as usize)?;
        let country = self.countries.get(*self.country.get(k)? as usize)?;
        Some(TableRow {
            id: (*self.ids.get(k)?).to_string(),
            city_zh: city.zh.to_string(),
            city_en: city.en.to_string(),
            partner_zh: (*self.partner_zh.get(k)?).to_string(),
            partner_en: (*self.partner_en.get(k)?).to_string(),
            country_zh: country.zh.to_string(),
            country_en: country.en.to_string(),
            continent: country.continent,
            level: self.level.get(k)?,
            relation: self.relation.get(k)?,
            status: self.status.get(k)?,
            established: self.established.get(k)?.clone(),
            year: *self.year.get(k)?,
        })
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The pairs `visible` (indices in the data) as [`TableColumns`].
pub fn table_columns<'a>(map: &'a MapState, visible: &[usize]) -> TableColumns<'a> {
    let ds = map.dataset();
    let mut t = TableColumns::default();
    // Per city and country index in the data, its place in the table's lists (MAX: none yet).
    let (mut city_at, mut country_at) = (Vec::new(), Vec::new());
    fn place(at: &mut Vec<u32>, i: usize, n: usize) -> (u32, bool) {
        if at.len() <= i {
            at.resize(i + 1, u32::MAX);
        }
        match at.get_mut(i) {
            Some(slot) if *slot == u32::MAX => {
                *slot = n as u32;
                (*slot, true)
            }
            slot => (slot.map_or(0, |s| *s), false),
        }
    }
    for p in visible.iter().filter_map(|&i| ds.partnerships.get(i)) {
        let (city, country) = (ds.city_of(p), ds.country_of(p));
        let (c, new) = place(&mut city_at, p.city, t.cities.len());
        if new {
            t.cities.push(TableName {
                zh: &city.name_zh,
                en: &city.name_en,
            });
        }
        let (k, new) = place(&mut country_at, p.country, t.countries.len());
        if new {
            t.countries.push(TableCountry {
                zh: &country.name_zh,
                en: &country.name_en,
                continent: country.continent.key(),
            });
        }
        t.ids.push(&p.id);
        t.partner_zh.push(&p.partner_zh);
        t.partner_en.push(&p.partner_en);
        t.city.push(c);
        t.country.push(k);
        t.level.push(p.level.key());
        t.relation.push(p.relation.key());
        t.status.push(p.status.key());
        t.established.push(p.established.map(|d| d.to_string()));
        t.year.push(p.established.map(|d| d.year));
    }
    t
}

/// One source as the detail panel shows it: a readable name, the link (http(s) only), a remark.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct SourceView {
    /// The name to show: the source's title, else the link's host (without `www.`), else the
    /// remark.
    pub title: String,
    /// The `http(s)` link; `None` when the entry has none.
    pub url: Option<String>,
    /// A remark such as "(mirror of …)"; may be empty.
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
    /// The pair's id (arcs and partner dots); `None` for an origin.
    pub id: Option<String>,
    /// The Shandong key.
    pub city: String,
    /// The pair, for arcs and partner dots; `None` for an origin.
    pub details: Option<Details>,
    /// Where its dot is drawn, CSS px from the canvas's left edge (for a tooltip next to a
    /// keyboard focus); `None` when it has no point on the map.
    pub x: Option<f64>,
    /// Where its dot is drawn, CSS px from the canvas's top edge; `None` when it has no point
    /// on the map.
    pub y: Option<f64>,
    /// For a partner dot drawn as one marker with others at this zoom (a stack): the first
    /// [`MEMBERS_LISTED`] pairs of the stack, this one among them or not, in data order; empty
    /// otherwise. (At a world network a stack can hold a thousand pairs, and every hover over it
    /// sent them all.)
    pub members: Vec<Details>,
    /// How many pairs the stack holds; 0 when the dot is not in a stack.
    pub member_count: usize,
}

/// The most pairs of a stack a [`HitView`] carries: the tooltip lists that many and counts
/// the rest.
pub const MEMBERS_LISTED: usize = 10;

/// A filter choice with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// A Shandong key, an ISO 3166-1 alpha-2 code or a group key.
    pub key: String,
    /// The Chinese name.
    pub name_zh: String,
    /// The English name.
    pub name_en: String,
    /// Continent of a country; colour of a Shandong key; source of a group.
    pub extra: String,
    /// Pairs with this choice in the whole data set.
    pub total: usize,
    /// Pairs with this choice that the current filter shows.
    pub visible: usize,
    /// Longitude in degrees of the point a Shandong side's arcs start from; left out for
    /// countries and groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub lon: Option<f64>,
    /// Latitude in degrees of the same point; left out for countries and groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub lat: Option<f64>,
}

/// The filter choices: Shandong keys, countries with pairs, thematic groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Choices {
    /// The origins (Shandong keys by default), in the order of `shandong.csv`: every one, or
    /// for a network of more than [`LISTED_ORIGINS`] the ones with most pairs and any in the
    /// filter.
    pub cities: Vec<Choice>,
    /// Origins left out of `cities` (0 for Shandong's 17).
    pub more_cities: usize,
    /// Every pair in the data, filtered or not.
    pub all_pairs: usize,
    /// The countries that have pairs, in the order of `countries.csv`.
    pub countries: Vec<Choice>,
    /// Every thematic group, in the order of `groups.csv`; its counts are those of its member
    /// countries, summed.
    pub groups: Vec<Choice>,
}

/// One legend entry of the current colour dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LegendEntry {
    /// A Shandong key, a relation key, a decade (`"1990s"`) or `"unknown"`.
    pub key: String,
    /// The Shandong side's Chinese name when colouring by city; empty otherwise.
    pub name_zh: String,
    /// The Shandong side's English name when colouring by city; empty otherwise.
    pub name_en: String,
    /// The entry's colour as CSS: `#rrggbb`, or `rgba(…)` when translucent.
    pub colour: String,
    /// Pairs of this entry that the current filter shows.
    pub visible: usize,
    /// Pairs of this entry in the whole data set.
    pub total: usize,
}

/// Statistics of the visible pairs plus, for the shipped data, how complete it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatsView {
    /// Counts over the visible pairs (its fields sit at the top level of this object).
    #[serde(flatten)]
    pub stats: Stats,
    /// How complete the shipped data is; `None` without coverage tables or a province-wide
    /// official total.
    pub coverage: Option<CoverageView>,
    /// Undated pairs the year range leaves out (they pass every other restriction); 0 without
    /// a year bound or when the visitor asked for them (or to hide them).
    pub hidden_undated: usize,
    /// Origins left out of `byCity`: a network of more than [`LISTED_ORIGINS`] origins lists
    /// the ones with most visible pairs (a world list's 8,000 would make every snapshot
    /// ~270 KB); 0 for Shandong's 17.
    pub more_cities: usize,
}

/// What the detail panel shows: one pair, or a Shandong side with its visible partners.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Shown {
    /// One pair.
    Pair {
        /// The pair's id.
        id: String,
        /// The pair.
        details: Box<Details>,
    },
    /// A Shandong side.
    City {
        /// The selection id, `@key`.
        id: String,
        /// The Shandong key.
        key: String,
        /// Its pairs that the current filter shows, in data order.
        partners: Vec<Details>,
    },
}

/// One read of everything the controls show, after a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The current filter.
    pub filter: Filter,
    /// What the arc colours show.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'city' | 'relation' | 'decade'")
    )]
    pub colour_by: &'static str,
    /// Statistics of the visible pairs, and coverage.
    pub stats: StatsView,
    /// The legend of the current colouring, in its order.
    pub legend: Vec<LegendEntry>,
    /// The filter choices with their counts.
    pub choices: Choices,
    /// Selected ids (pairs by id, Shandong sides as `@key`), pinned first.
    pub selection: Vec<String>,
    /// The pinned ids, oldest first.
    pub pinned: Vec<String>,
    /// What the detail panel shows; `None` when it is closed.
    pub shown: Option<Shown>,
    /// The keys the controls offer and the years the slider spans.
    pub vocabulary: super::vocabulary::Vocabulary,
    /// The flow animation is running.
    pub flow: bool,
    /// The Shandong inset at the current view; `None` when it is hidden (zoomed in far enough,
    /// one origin, or no room).
    pub inset: Option<super::overlays::InsetView>,
    /// Where the Shandong inset would be (its frame, CSS px), when the visitor hid it
    /// (`setInset`); `None` otherwise (for the page's button that shows it again).
    pub inset_hidden: Option<crate::scene::Rect>,
    /// The country and partner names drawn on the map at the last settled view.
    pub labels: Vec<super::overlays::LabelView>,
}

/// Details of pair `i` (an index into the data's pairs); `None` past the end.
pub fn details(map: &MapState, i: usize) -> Option<Details> {
    let ds = map.dataset();
    let p = ds.partnerships.get(i)?;
    Some(Details {
        row: table_row(map, i)?,
        line: p.line,
        city: ds.city_of(p).key.clone(),
        subunit_zh: p.subunit_zh.clone(),
        subunit_en: p.subunit_en.clone(),
        partner_zh_source: p.partner_zh_source.clone(),
        country: ds.country_of(p).iso2.clone(),
        lon: p.location.map(|l| l.lon),
        lat: p.location.map(|l| l.lat),
        coord_source: p.coord_source.clone(),
        sources: p
            .sources
            .entries()
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

/// Pair `i` as the table lists it (its details' first part: the table's one row);
/// `None` when it is not in the data.
pub fn table_row(map: &MapState, i: usize) -> Option<TableRow> {
    table_columns(map, &[i]).row(0)
}

/// A hit target with its pair's details and where it is drawn; `None` when its index is not in
/// the data.
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
    let at = map.target_screen(t);
    let stack = match t {
        Target::Partner(i) => map.stack_members(i),
        _ => Vec::new(),
    };
    let member_count = if stack.len() > 1 { stack.len() } else { 0 };
    let members = (stack.iter().take(MEMBERS_LISTED))
        .filter(|_| member_count > 0)
        .filter_map(|&j| details(map, j))
        .collect();
    Some(HitView {
        kind,
        id: pair
            .and_then(|i| ds.partnerships.get(i))
            .map(|p| p.id.clone()),
        city,
        details: pair.and_then(|i| details(map, i)),
        x: at.map(|p| p.x),
        y: at.map(|p| p.y),
        members,
        member_count,
    })
}

/// The id of a pick: a pair's id, or `@key` for a Shandong side; `None` when its index is not
/// in the data.
pub fn pick_id(map: &MapState, pick: Pick) -> Option<String> {
    let ds = map.dataset();
    match pick {
        Pick::Pair(i) => ds.partnerships.get(i).map(|p| p.id.clone()),
        Pick::City(k) => ds.cities().get(k).map(|c| format!("@{}", c.key)),
    }
}

/// The pick an id (a pair's id, or `@key`) names; `None` when the data has no such pair or
/// Shandong key.
pub fn pick_of(map: &MapState, id: &str) -> Option<Pick> {
    let ds = map.dataset();
    match id.strip_prefix('@') {
        Some(key) => ds.city_index_of(key).map(Pick::City),
        None => ds.by_id(id).map(|(i, _)| Pick::Pair(i)),
    }
}

/// The detail panel's content for a pick; `None` when its index is not in the data.
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

/// Counts of the visible pairs, and coverage for the shipped data.
pub fn stats(map: &MapState) -> StatsView {
    let ds = map.dataset();
    let visible = map.visible().iter().copied();
    let (stats, more_cities) =
        Stats::of_numbered_listing(ds, visible, map.place_numbers(), LISTED_ORIGINS);
    StatsView {
        stats,
        coverage: ds.coverage.as_ref().and_then(|c| c.view(ds)),
        hidden_undated: map.hidden_undated(),
        more_cities,
    }
}
