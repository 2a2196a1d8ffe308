//! The core's vocabulary for the controls: the keys of relations, levels, continents, statuses and
//! colour modes, and the years the slider spans, so the page keeps no lists of its own.

use crate::map::MapState;
use crate::style::ColourBy;
use serde::Serialize;

/// The core's keys for what the controls offer, so the page never keeps its own lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Relation keys (`friendship`, `cooperation`, `unknown`).
    pub relations: Vec<&'static str>,
    /// Partner level keys.
    pub levels: Vec<&'static str>,
    /// Continent keys that local governments can be on (Antarctica left out).
    pub continents: Vec<&'static str>,
    /// Status keys (`signed`, `intent`, `unconfirmed`).
    pub statuses: Vec<&'static str>,
    /// Colour mode keys.
    pub colour_modes: Vec<&'static str>,
    /// The first year the year slider offers: the earliest tie in the data (1979 for Shandong's).
    pub first_year: i32,
    /// The last year it offers: today's year, or a later tie's.
    pub last_year: i32,
    /// Whether any pair of the data has a known year (the year filter then offers a range;
    /// without one, only whether to show the pairs of unknown year).
    pub dated: bool,
}

/// The vocabulary for `map`'s data; `this_year` is the year of the last load's `today`.
pub fn vocabulary(map: &MapState, this_year: i32) -> Vocabulary {
    use crate::dataset::{Continent, Level, Relation, Status};
    let years = map
        .dataset()
        .partnerships
        .iter()
        .filter_map(|p| p.established.map(|d| d.year));
    let (first, last) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    Vocabulary {
        relations: Relation::ALL.map(Relation::key).to_vec(),
        levels: Level::ALL.map(Level::key).to_vec(),
        continents: Continent::ALL
            .into_iter()
            .filter(|c| *c != Continent::Antarctica)
            .map(Continent::key)
            .collect(),
        statuses: Status::ALL.map(Status::key).to_vec(),
        colour_modes: ColourBy::ALL.map(ColourBy::key).to_vec(),
        first_year: if first == i32::MAX { this_year } else { first },
        last_year: last.max(this_year),
        dated: first != i32::MAX,
    }
}
