//! The records of the data: the Shandong side, countries, groups and the pairs.

use super::date::PartialDate;
use super::kinds::{Continent, Level, Relation, Status};
use super::source::Sources;
use crate::geometry::LonLat;

/// The origin side: the province itself or one of its 16 prefecture cities.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ShandongCity {
    /// The key from `shandong.csv`, e.g. `"shandong"` (the province) or `"qingdao"`.
    pub key: String,
    /// The Chinese name, e.g. `"青岛市"`.
    pub name_zh: String,
    /// The English name, e.g. `"Qingdao"`.
    pub name_en: String,
    /// The point the arcs start from, lon/lat in degrees.
    pub location: LonLat,
    /// Other names searched for it (`aliases` in `shandong.csv`), e.g. `"Tsingtao"`.
    pub aliases: Vec<String>,
}

/// A country or territory.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Country {
    /// The ISO 3166-1 alpha-2 code, upper case, e.g. `"AT"`.
    pub iso2: String,
    /// The English name.
    pub name_en: String,
    /// The Chinese name.
    pub name_zh: String,
    /// The continent it is filtered and counted under.
    pub continent: Continent,
    /// Keys of thematic groups (see [`Group`]).
    pub groups: Vec<String>,
    /// Other names searched for it (`aliases` in `countries.csv`), e.g. `"USA"`, `"美利坚合众国"`.
    pub aliases: Vec<String>,
}

/// A thematic group of countries with the source of its member list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    /// The key from `groups.csv`, e.g. `"neighbour"`, named in [`Country::groups`].
    pub key: String,
    /// The Chinese name.
    pub name_zh: String,
    /// The English name.
    pub name_en: String,
    /// Where the member list comes from: the `source` cell of `groups.csv` as written.
    pub source: String,
}

/// One pair.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Partnership {
    /// The stable identifier, e.g. `"qingdao-shimonoseki"`.
    pub id: String,
    /// Line in the source file, for messages.
    pub line: u64,
    /// Index into [`Dataset::cities`](super::Dataset::cities).
    pub city: usize,
    /// The Shandong district or county-level city in Chinese when the tie is at that level,
    /// else empty.
    pub subunit_zh: String,
    /// The same subunit in English, or empty.
    pub subunit_en: String,
    /// The partner's name in English.
    pub partner_en: String,
    /// The partner's name in simplified Chinese; empty when nobody is confident of it.
    pub partner_zh: String,
    /// Where [`partner_zh`](Self::partner_zh) comes from: `official`, `standard` or
    /// `translit`, or empty; kept as written.
    pub partner_zh_source: String,
    /// Index into [`Dataset::countries`](super::Dataset::countries).
    pub country: usize,
    /// The partner's administrative level.
    pub level: Level,
    /// The type of tie.
    pub relation: Relation,
    /// How firm the tie is.
    pub status: Status,
    /// When the tie was established, at the precision known; `None` when unknown (or when
    /// the cell was rejected as malformed or in the future, which is reported as an issue).
    pub established: Option<PartialDate>,
    /// `None` only when the row says `coord_source = unknown: …` (the place cannot be pinned
    /// down from the sources): such a pair is listed but not drawn.
    pub location: Option<LonLat>,
    /// Where the point comes from, as written, e.g. `geonames:<id>`, `capital:geonames:<id>`,
    /// `hand:…` or `unknown:…`.
    pub coord_source: String,
    /// The evidence for the row: its `sources` cell, read into entries where they are shown.
    pub sources: Sources,
    /// The note in English: date details, doubts, which capital the point uses.
    pub note: String,
    /// The note in Chinese (optional column `note_zh`), shown in the Chinese UI.
    pub note_zh: String,
}
