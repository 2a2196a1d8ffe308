//! The records of the data: the Shandong side, countries, groups and the pairs.

use super::date::PartialDate;
use super::kinds::{Continent, Level, Relation, Status};
use super::source::Source;
use crate::geometry::LonLat;

/// The origin side: the province itself or one of its 16 prefecture cities.
#[derive(Debug, Clone, PartialEq)]
pub struct ShandongCity {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub location: LonLat,
}

/// A country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso2: String,
    pub name_en: String,
    pub name_zh: String,
    pub continent: Continent,
    /// Keys of thematic groups (see [`Group`]).
    pub groups: Vec<String>,
}

/// A thematic group of countries with the source of its member list.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub source: String,
}

/// One pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Partnership {
    pub id: String,
    /// Line in the source file, for messages.
    pub line: u64,
    /// Index into [`Dataset::cities`](super::Dataset::cities).
    pub city: usize,
    pub subunit_zh: String,
    pub subunit_en: String,
    pub partner_en: String,
    pub partner_zh: String,
    pub partner_zh_source: String,
    /// Index into [`Dataset::countries`](super::Dataset::countries).
    pub country: usize,
    pub level: Level,
    pub relation: Relation,
    pub status: Status,
    pub established: Option<PartialDate>,
    /// `None` only when the row says `coord_source = unknown: …` (the place cannot be pinned
    /// down from the sources): such a pair is listed but not drawn.
    pub location: Option<LonLat>,
    pub coord_source: String,
    pub sources: Vec<Source>,
    pub note: String,
    /// The note in Chinese (optional column `note_zh`), shown in the Chinese UI.
    pub note_zh: String,
}
