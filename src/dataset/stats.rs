//! Counts over a set of partnerships: for the data check's report and the page's statistics.

use super::{Continent, Dataset, Level, Partnership, Relation, Status};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A label and how many pairs carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Count {
    /// The label: a Shandong key, an ISO 3166-1 alpha-2 code, a continent, relation, status or
    /// level key, a decade (`"1990s"`) or a year (`"1990"`).
    pub key: String,
    /// Pairs that carry it.
    pub count: usize,
}

/// Counts over the pairs at `indices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Pairs counted.
    pub pairs: usize,
    /// Distinct partner places: country and English name, case ignored.
    pub partner_places: usize,
    /// Distinct partner countries.
    pub countries: usize,
    /// Distinct continents of the partner countries.
    pub continents: usize,
    /// Pairs whose establishment year is known.
    pub with_year: usize,
    /// Pairs whose year is not known: `with_year + unknown_year == pairs`.
    pub unknown_year: usize,
    /// Pairs with a Chinese name for the partner.
    pub with_partner_zh: usize,
    /// Pairs with at least one source.
    pub with_sources: usize,
    /// Pairs with a point on the map (their place is known).
    pub with_location: usize,
    /// Pairs per Shandong key, in the order of `shandong.csv`; keys without pairs left out.
    pub by_city: Vec<Count>,
    /// Pairs per partner country (ISO 3166-1 alpha-2 code), most first, ties by code.
    pub by_country: Vec<Count>,
    /// Pairs per continent key, most first, ties by key.
    pub by_continent: Vec<Count>,
    /// Pairs per relation (`friendship`, `cooperation`, `unknown`), in that order; relations
    /// without pairs left out.
    pub by_relation: Vec<Count>,
    /// Pairs per status (`signed`, `intent`, `unconfirmed`), in that order; statuses without
    /// pairs left out.
    pub by_status: Vec<Count>,
    /// Pairs per partner level (`province`, `city`, `county`, `unknown`), in that order; levels
    /// without pairs left out.
    pub by_level: Vec<Count>,
    /// Pairs per decade of establishment (`"1990s"`), earliest first; pairs without a year are
    /// not counted.
    pub by_decade: Vec<Count>,
    /// New pairs per year, earliest first, for the years that have any.
    pub by_year: Vec<Count>,
    /// Pairs established up to and including each year, for every year from the first with a
    /// pair to the last (years with no new pair included); the last count is `with_year`.
    pub cumulative: Vec<Count>,
}

/// Counts per key, gathered in one pass.
#[derive(Default)]
struct Tally<'a> {
    pairs: usize,
    with_year: usize,
    with_partner_zh: usize,
    with_sources: usize,
    with_location: usize,
    by_city: BTreeMap<usize, usize>,
    by_country: BTreeMap<&'a str, usize>,
    by_continent: BTreeMap<Continent, usize>,
    by_relation: BTreeMap<Relation, usize>,
    by_level: BTreeMap<Level, usize>,
    by_status: BTreeMap<Status, usize>,
    by_decade: BTreeMap<i32, usize>,
    by_year: BTreeMap<i32, usize>,
    places: BTreeSet<(usize, String)>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, ds: &'a Dataset, p: &Partnership) {
        self.pairs += 1;
        let country = ds.country_of(p);
        *self.by_city.entry(p.city).or_default() += 1;
        *self.by_country.entry(country.iso2.as_str()).or_default() += 1;
        *self.by_continent.entry(country.continent).or_default() += 1;
        *self.by_relation.entry(p.relation).or_default() += 1;
        *self.by_level.entry(p.level).or_default() += 1;
        *self.by_status.entry(p.status).or_default() += 1;
        self.places.insert((p.country, p.partner_en.to_lowercase()));
        if let Some(d) = p.established {
            self.with_year += 1;
            *self.by_decade.entry(d.decade()).or_default() += 1;
            *self.by_year.entry(d.year).or_default() += 1;
        }
        self.with_partner_zh += usize::from(!p.partner_zh.is_empty());
        self.with_sources += usize::from(!p.sources.is_empty());
        self.with_location += usize::from(p.location.is_some());
    }
}

/// One [`Count`] per key of `map`, in key order, labelled by `label`.
fn counts<K: Copy>(map: &BTreeMap<K, usize>, label: impl Fn(K) -> String) -> Vec<Count> {
    map.iter()
        .map(|(&k, &count)| Count {
            key: label(k),
            count,
        })
        .collect()
}

/// Largest count first, ties by key.
fn sorted(mut v: Vec<Count>) -> Vec<Count> {
    crate::sort::sort_by(&mut v, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key))
    });
    v
}

/// Pairs up to and including each year, from the first year with a pair to the last.
fn cumulative(by_year: &BTreeMap<i32, usize>) -> Vec<Count> {
    let mut out = Vec::new();
    if let (Some((&first, _)), Some((&last, _))) =
        (by_year.first_key_value(), by_year.last_key_value())
    {
        let mut total = 0;
        for year in first..=last {
            total += by_year.get(&year).copied().unwrap_or(0);
            out.push(Count {
                key: year.to_string(),
                count: total,
            });
        }
    }
    out
}

impl Stats {
    /// Counts over the pairs of `ds` at `indices` (indices past the end are skipped).
    pub fn of(ds: &Dataset, indices: impl IntoIterator<Item = usize>) -> Stats {
        let mut t = Tally::default();
        for p in indices.into_iter().filter_map(|i| ds.partnerships.get(i)) {
            t.add(ds, p);
        }
        let city_key = |c: usize| {
            ds.cities()
                .get(c)
                .map(|c| c.key.clone())
                .unwrap_or_default()
        };
        Stats {
            pairs: t.pairs,
            partner_places: t.places.len(),
            countries: t.by_country.len(),
            continents: t.by_continent.len(),
            with_year: t.with_year,
            unknown_year: t.pairs - t.with_year,
            with_partner_zh: t.with_partner_zh,
            with_sources: t.with_sources,
            with_location: t.with_location,
            by_city: counts(&t.by_city, city_key),
            by_country: sorted(counts(&t.by_country, str::to_string)),
            by_continent: sorted(counts(&t.by_continent, |k| k.key().to_string())),
            by_relation: counts(&t.by_relation, |k| k.key().to_string()),
            by_level: counts(&t.by_level, |k| k.key().to_string()),
            by_status: counts(&t.by_status, |k| k.key().to_string()),
            by_decade: counts(&t.by_decade, |k| format!("{k}s")),
            by_year: counts(&t.by_year, |k| k.to_string()),
            cumulative: cumulative(&t.by_year),
        }
    }
}
