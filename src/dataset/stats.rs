//! Counts over a set of partnerships: for the data check's report and the page's statistics.

use super::{Continent, Dataset, Level, Relation, Status};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A label and how many pairs carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub key: String,
    pub count: usize,
}

/// Counts over the pairs at `indices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub pairs: usize,
    pub partner_places: usize,
    pub countries: usize,
    pub continents: usize,
    pub with_year: usize,
    /// Pairs whose year is not known: `with_year + unknown_year == pairs`.
    pub unknown_year: usize,
    pub with_partner_zh: usize,
    pub with_sources: usize,
    pub with_location: usize,
    pub by_city: Vec<Count>,
    pub by_country: Vec<Count>,
    pub by_continent: Vec<Count>,
    pub by_relation: Vec<Count>,
    /// Pairs per status (`signed`, `intent`, `unconfirmed`).
    pub by_status: Vec<Count>,
    /// Pairs per partner level (`province`, `city`, `county`, `unknown`).
    pub by_level: Vec<Count>,
    pub by_decade: Vec<Count>,
    /// New pairs per year, for the years that have any.
    pub by_year: Vec<Count>,
    /// Pairs established up to and including each year, for every year from the first with a
    /// pair to the last (years with no new pair included); the last count is `with_year`.
    pub cumulative: Vec<Count>,
}

impl Stats {
    pub fn of(ds: &Dataset, indices: impl IntoIterator<Item = usize>) -> Stats {
        let mut by_city: BTreeMap<usize, usize> = BTreeMap::new();
        let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_continent: BTreeMap<Continent, usize> = BTreeMap::new();
        let mut by_relation: BTreeMap<Relation, usize> = BTreeMap::new();
        let mut by_level: BTreeMap<Level, usize> = BTreeMap::new();
        let mut by_status: BTreeMap<Status, usize> = BTreeMap::new();
        let mut by_decade: BTreeMap<i32, usize> = BTreeMap::new();
        let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
        let mut places: BTreeSet<(usize, String)> = BTreeSet::new();
        let (mut pairs, mut with_year, mut with_partner_zh, mut with_sources, mut with_location) =
            (0, 0, 0, 0, 0);
        for i in indices {
            let Some(p) = ds.partnerships.get(i) else {
                continue;
            };
            pairs += 1;
            let country = ds.country_of(p);
            *by_city.entry(p.city).or_default() += 1;
            *by_country.entry(country.iso2.as_str()).or_default() += 1;
            *by_continent.entry(country.continent).or_default() += 1;
            *by_relation.entry(p.relation).or_default() += 1;
            *by_level.entry(p.level).or_default() += 1;
            *by_status.entry(p.status).or_default() += 1;
            places.insert((p.country, p.partner_en.to_lowercase()));
            if let Some(d) = p.established {
                with_year += 1;
                *by_decade.entry(d.decade()).or_default() += 1;
                *by_year.entry(d.year).or_default() += 1;
            }
            with_partner_zh += usize::from(!p.partner_zh.is_empty());
            with_sources += usize::from(!p.sources.is_empty());
            with_location += usize::from(p.location.is_some());
        }
        let sorted = |mut v: Vec<Count>| {
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
            v
        };
        let mut cumulative = Vec::new();
        if let (Some((&first, _)), Some((&last, _))) =
            (by_year.first_key_value(), by_year.last_key_value())
        {
            let mut total = 0;
            for year in first..=last {
                total += by_year.get(&year).copied().unwrap_or(0);
                cumulative.push(Count {
                    key: year.to_string(),
                    count: total,
                });
            }
        }
        Stats {
            pairs,
            partner_places: places.len(),
            countries: by_country.len(),
            continents: by_continent.len(),
            with_year,
            unknown_year: pairs - with_year,
            with_partner_zh,
            with_sources,
            with_location,
            by_city: by_city
                .into_iter()
                .map(|(c, count)| Count {
                    key: ds.cities()[c].key.clone(),
                    count,
                })
                .collect(),
            by_country: sorted(
                by_country
                    .into_iter()
                    .map(|(k, count)| Count {
                        key: k.to_string(),
                        count,
                    })
                    .collect(),
            ),
            by_continent: sorted(
                by_continent
                    .into_iter()
                    .map(|(k, count)| Count {
                        key: k.key().to_string(),
                        count,
                    })
                    .collect(),
            ),
            by_relation: by_relation
                .into_iter()
                .map(|(k, count)| Count {
                    key: k.key().to_string(),
                    count,
                })
                .collect(),
            by_level: by_level
                .into_iter()
                .map(|(k, count)| Count {
                    key: k.key().to_string(),
                    count,
                })
                .collect(),
            by_status: by_status
                .into_iter()
                .map(|(k, count)| Count {
                    key: k.key().to_string(),
                    count,
                })
                .collect(),
            by_decade: by_decade
                .into_iter()
                .map(|(k, count)| Count {
                    key: format!("{k}s"),
                    count,
                })
                .collect(),
            by_year: by_year
                .into_iter()
                .map(|(k, count)| Count {
                    key: k.to_string(),
                    count,
                })
                .collect(),
            cumulative,
        }
    }
}
