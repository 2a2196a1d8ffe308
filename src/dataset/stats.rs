//! Counts over a set of partnerships: for the data check's report and the page's statistics.

use super::{Continent, Dataset, Level, Partnership, Relation, Status};
use serde::Serialize;

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

/// Counts per key, gathered in one pass. Shandong keys and the four kinds are counted in arrays
/// by index (read back in index order, which is their sort order) rather than in maps: each map
/// key type is another copy of the B-tree code in the WebAssembly module (size).
#[derive(Default)]
struct Tally<'a> {
    pairs: usize,
    with_year: usize,
    with_partner_zh: usize,
    with_sources: usize,
    with_location: usize,
    /// Pairs per Shandong key, by its index (grown as needed).
    by_city: Vec<usize>,
    /// Pairs per country, by its index in the reference table (grown as needed).
    by_country: Vec<usize>,
    /// Pairs per kind, by its declaration index (`Kind::ALL` is in that order).
    by_continent: [usize; Continent::ALL.len()],
    by_relation: [usize; Relation::ALL.len()],
    by_level: [usize; Level::ALL.len()],
    by_status: [usize; Status::ALL.len()],
    /// Pairs per decade and per year, by key, sorted: a few dozen keys, in a list rather than a
    /// B-tree (each kind of map is another copy of its code in the module: size).
    by_decade: Vec<(i32, usize)>,
    by_year: Vec<(i32, usize)>,
    /// Each pair's place number ([`PlaceNumbers`]), and which were counted.
    numbers: (&'a [u32], Vec<bool>),
    places: usize,
}

impl<'a> Tally<'a> {
    fn add(&mut self, ds: &'a Dataset, i: usize, p: &Partnership) {
        self.pairs += 1;
        let country = ds.country_of(p);
        if self.by_city.len() <= p.city {
            self.by_city.resize(p.city + 1, 0);
        }
        bump(&mut self.by_city, p.city);
        if self.by_country.len() <= p.country {
            self.by_country.resize(p.country + 1, 0);
        }
        bump(&mut self.by_country, p.country);
        bump(&mut self.by_continent, country.continent as usize);
        bump(&mut self.by_relation, p.relation as usize);
        bump(&mut self.by_level, p.level as usize);
        bump(&mut self.by_status, p.status as usize);
        let (of, seen) = &mut self.numbers;
        let slot = of.get(i).and_then(|&n| seen.get_mut(n as usize));
        if let Some(slot) = slot.filter(|s| !**s) {
            *slot = true;
            self.places += 1;
        }
        if let Some(d) = p.established {
            self.with_year += 1;
            bump_key(&mut self.by_decade, d.decade());
            bump_key(&mut self.by_year, d.year);
        }
        self.with_partner_zh += usize::from(!p.partner_zh.is_empty());
        self.with_sources += usize::from(!p.sources.is_empty() || ds.sources_apart);
        self.with_location += usize::from(p.location.is_some());
    }
}

/// Adds one to the count of `key` in `counts` (sorted by key; a new key comes in at its place).
fn bump_key(counts: &mut Vec<(i32, usize)>, key: i32) {
    match counts.binary_search_by_key(&key, |&(k, _)| k) {
        Ok(at) => {
            if let Some((_, n)) = counts.get_mut(at) {
                *n += 1;
            }
        }
        Err(at) => counts.insert(at, (key, 1)),
    }
}

/// Adds one to `counts[i]` (nothing when `i` is out of range).
fn bump(counts: &mut [usize], i: usize) {
    if let Some(n) = counts.get_mut(i) {
        *n += 1;
    }
}

/// One [`Count`] per index of `counts` with a count, in index order, labelled by `label`.
fn indexed_counts(counts: &[usize], label: impl Fn(usize) -> String) -> Vec<Count> {
    counts
        .iter()
        .enumerate()
        .filter(|&(_, &count)| count > 0)
        .map(|(i, &count)| Count {
            key: label(i),
            count,
        })
        .collect()
}

/// The key of `all[i]` (`all`: a kind's `ALL`, in declaration order).
fn kind_key<K: Copy>(all: &[K], key: fn(K) -> &'static str) -> impl Fn(usize) -> String + '_ {
    move |i| all.get(i).map(|&k| key(k)).unwrap_or_default().to_string()
}

/// One [`Count`] per key of `counts` (sorted by key), in key order, labelled by `label`.
fn counts(counts: &[(i32, usize)], label: impl Fn(i32) -> String) -> Vec<Count> {
    counts
        .iter()
        .map(|&(k, count)| Count {
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
fn cumulative(by_year: &[(i32, usize)]) -> Vec<Count> {
    let mut out = Vec::new();
    if let (Some(&(first, _)), Some(&(last, _))) = (by_year.first(), by_year.last()) {
        let (mut total, mut next) = (0, by_year.iter().peekable());
        for year in first..=last {
            if let Some((_, n)) = next.next_if(|&&(k, _)| k == year) {
                total += n;
            }
            out.push(Count {
                key: year.to_string(),
                count: total,
            });
        }
    }
    out
}

/// A partner place: its country and lower-case English name.
fn place_key(p: &Partnership) -> (usize, String) {
    (p.country, crate::case::lower_str(&p.partner_en))
}

/// Numbers for the partner places of a dataset's pairs, one pair at a time (the map makes them
/// once per data change, so that counting places under a filter needs no strings).
#[derive(Debug, Clone, Default)]
pub struct PlaceNumbers {
    ids: foldhash::HashMap<(usize, String), u32>,
    /// Each pair's place number, in data order.
    pub numbers: Vec<u32>,
}

impl PlaceNumbers {
    /// Numbers the next pair's place (a new number for a place not seen before).
    pub fn push(&mut self, p: &Partnership) {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        let n = *self.ids.entry(place_key(p)).or_insert(next);
        self.numbers.push(n);
    }
}

impl Stats {
    /// Counts over the pairs of `ds` at `indices` (indices past the end are skipped).
    pub fn of(ds: &Dataset, indices: impl IntoIterator<Item = usize>) -> Stats {
        let mut places = PlaceNumbers::default();
        for p in &ds.partnerships {
            places.push(p);
        }
        Self::tally(ds, indices, &places.numbers, usize::MAX).0
    }

    /// The same, counting places by their numbers (from [`PlaceNumbers`] over `ds`): the same
    /// result with no string made per pair.
    pub fn of_numbered(
        ds: &Dataset,
        indices: impl IntoIterator<Item = usize>,
        places: &[u32],
    ) -> Stats {
        Self::tally(ds, indices, places, usize::MAX).0
    }

    /// [`Stats::of_numbered`] with at most `listed` Shandong keys in `by_city`: those with most
    /// pairs (ties in file order), in file order → the stats and how many keys with pairs were
    /// left out (a network of thousands of origins lists a few, and names no more than those).
    pub fn of_numbered_listing(
        ds: &Dataset,
        indices: impl IntoIterator<Item = usize>,
        places: &[u32],
        listed: usize,
    ) -> (Stats, usize) {
        Self::tally(ds, indices, places, listed)
    }

    fn tally(
        ds: &Dataset,
        indices: impl IntoIterator<Item = usize>,
        places: &[u32],
        listed: usize,
    ) -> (Stats, usize) {
        let mut t = Tally {
            numbers: (places, vec![false; places.len()]),
            ..Tally::default()
        };
        for (i, p) in indices
            .into_iter()
            .filter_map(|i| Some((i, ds.partnerships.get(i)?)))
        {
            t.add(ds, i, p);
        }
        let city_key = |c: usize| {
            ds.cities()
                .get(c)
                .map(|c| c.key.clone())
                .unwrap_or_default()
        };
        let more_cities = keep_most(&mut t.by_city, listed);
        let stats = Stats {
            pairs: t.pairs,
            partner_places: t.places,
            countries: t.by_country.iter().filter(|&&n| n > 0).count(),
            continents: t.by_continent.iter().filter(|&&n| n > 0).count(),
            with_year: t.with_year,
            unknown_year: t.pairs - t.with_year,
            with_partner_zh: t.with_partner_zh,
            with_sources: t.with_sources,
            with_location: t.with_location,
            by_city: indexed_counts(&t.by_city, city_key),
            by_country: sorted(indexed_counts(&t.by_country, |k| {
                (ds.countries().get(k)).map_or_else(String::new, |c| c.iso2.clone())
            })),
            by_continent: sorted(indexed_counts(
                &t.by_continent,
                kind_key(&Continent::ALL, Continent::key),
            )),
            by_relation: indexed_counts(&t.by_relation, kind_key(&Relation::ALL, Relation::key)),
            by_level: indexed_counts(&t.by_level, kind_key(&Level::ALL, Level::key)),
            by_status: indexed_counts(&t.by_status, kind_key(&Status::ALL, Status::key)),
            by_decade: counts(&t.by_decade, |k| format!("{k}s")),
            by_year: counts(&t.by_year, |k| k.to_string()),
            cumulative: cumulative(&t.by_year),
        };
        (stats, more_cities)
    }
}

/// Zeroes all but the `keep` largest of `counts` (ties: the first), when more than `keep` are
/// not zero → how many were zeroed.
fn keep_most(counts: &mut [usize], keep: usize) -> usize {
    let counted = counts.iter().filter(|&&n| n > 0).count();
    if counted <= keep {
        return 0;
    }
    for k in crate::sort::most_first(counts).into_iter().skip(keep) {
        if let Some(c) = counts.get_mut(k) {
            *c = 0;
        }
    }
    counted - keep
}

#[cfg(test)]
mod tests {
    use super::keep_most;

    #[test]
    fn keeping_the_most_keeps_the_largest_counts_ties_by_position() {
        let mut counts = [0, 3, 1, 3, 2, 0, 5];
        assert_eq!(keep_most(&mut counts, 3), 2, "five not zero, three kept");
        assert_eq!(counts, [0, 3, 0, 3, 0, 0, 5]);
        // Ties: the first ones stay.
        let mut ties = [1, 1, 1, 1];
        assert_eq!(keep_most(&mut ties, 2), 2);
        assert_eq!(ties, [1, 1, 0, 0]);
        // Few enough: nothing changes.
        let mut few = [4, 0, 2];
        assert_eq!(keep_most(&mut few, 2), 0);
        assert_eq!(few, [4, 0, 2]);
    }
}
