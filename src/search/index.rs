//! The [`SearchIndex`]: every name of a dataset prepared once per data change, never per query.

use super::terms::{push_terms, Quality, Query, Term};
use super::Readings;
use crate::dataset::{Dataset, Gazetteer, Partnership};
use foldhash::HashMap;

/// Which part of a pair a name belongs to: the pair's own names are its partner's; the rest
/// say which pair it is (id, Shandong subunit).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct PairTerms {
    /// The partner's names in English and Chinese (with pinyin, stem and initials).
    pub(super) partner: Vec<Term>,
    /// The id and the Shandong subunit's names.
    pub(super) other: Vec<Term>,
}

/// The prepared names of a dataset: per pair (partner, id and subunit), per country and per
/// Shandong key (names and aliases), and the partner places (pairs with the same partner).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchIndex {
    pub(super) pairs: Vec<PairTerms>,
    pub(super) countries: Vec<Vec<Term>>,
    pub(super) cities: Vec<Vec<Term>>,
    /// Partner places: the pairs (indices, data order) of one partner in one country.
    pub(super) places: Vec<Vec<usize>>,
}

impl SearchIndex {
    /// The names of every pair, country and Shandong key of `ds`, and its partner places.
    pub fn new(ds: &Dataset) -> Self {
        let mut build = SearchBuild::new(&ds.gazetteer);
        for p in &ds.partnerships {
            build.push(p);
        }
        build.finish()
    }

    /// Number of pairs indexed.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether it holds no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs of the partner place that pair `i` belongs to (`i` alone if unknown).
    pub fn place_of(&self, i: usize) -> Vec<usize> {
        self.places
            .iter()
            .find(|p| p.contains(&i))
            .cloned()
            .unwrap_or_else(|| vec![i])
    }

    /// How well `q` matches any name of pair `i` of `ds`: its partner, id and subunit, its
    /// Shandong side and its country. `countries` and `cities` are the qualities of each country
    /// and Shandong key worked out once for this query ([`Self::by_country`], [`Self::by_city`]).
    pub fn pair_quality(
        &self,
        i: usize,
        p: &Partnership,
        q: &Query,
        countries: &[Option<Quality>],
        cities: &[Option<Quality>],
    ) -> Option<Quality> {
        let own = self
            .pairs
            .get(i)
            .and_then(|t| q.best(t.partner.iter().chain(&t.other)));
        let side = cities.get(p.city).copied().flatten();
        let country = countries.get(p.country).copied().flatten();
        [own, side, country].into_iter().flatten().min()
    }

    /// The quality of `q` for each country (by gazetteer index).
    pub fn by_country(&self, q: &Query) -> Vec<Option<Quality>> {
        self.countries.iter().map(|t| q.best(t)).collect()
    }

    /// The quality of `q` for each Shandong key (by gazetteer index).
    pub fn by_city(&self, q: &Query) -> Vec<Option<Quality>> {
        self.cities.iter().map(|t| q.best(t)).collect()
    }
}

/// A [`SearchIndex`] made a pair at a time (a load in steps: see
/// [`DataBuild`](crate::map::DataBuild)): the countries and Shandong keys at once, then each
/// pair in data order.
#[derive(Debug, Clone, Default)]
pub struct SearchBuild {
    index: SearchIndex,
    /// Each partner place's number in `index.places`, by country and normalised name.
    seen: HashMap<(usize, String), usize>,
    /// Where the names' pinyin comes from (the gazetteer's).
    readings: Readings,
}

impl SearchBuild {
    /// The names of the countries and Shandong keys of `g`; no pair yet.
    pub fn new(g: &Gazetteer) -> Self {
        let mut build = Self::countries_only(g);
        while build.push_city(g) {}
        build
    }

    /// The names of the countries of `g`; the origins' (Shandong keys', or a world network's
    /// thousands of cities) are added one at a time by [`SearchBuild::push_city`].
    pub fn countries_only(g: &Gazetteer) -> Self {
        let countries = g
            .countries
            .iter()
            .map(|c| {
                let mut t = terms(place_names(&c.name_en, &c.name_zh, &c.aliases), &g.readings);
                t.push(Term::id(&c.iso2)); // "JP", "DE": whole codes only
                t
            })
            .collect();
        Self {
            index: SearchIndex {
                countries,
                ..SearchIndex::default()
            },
            seen: HashMap::default(),
            readings: g.readings.clone(),
        }
    }

    /// Whether some origin of `g` has no names yet.
    pub fn cities_pending(&self, g: &Gazetteer) -> bool {
        self.index.cities.len() < g.cities.len()
    }

    /// Adds the names of the next origin (Shandong key) of `g`; false once all are in.
    pub fn push_city(&mut self, g: &Gazetteer) -> bool {
        let Some(c) = g.cities.get(self.index.cities.len()) else {
            return false;
        };
        let names = terms(
            place_names(&c.name_en, &c.name_zh, &c.aliases),
            &self.readings,
        );
        self.index.cities.push(names);
        true
    }

    /// Adds the next pair (data order) and its partner place.
    pub fn push(&mut self, p: &Partnership) {
        let i = self.index.pairs.len();
        let key = (p.country, super::normalise(&p.partner_en));
        let places = &mut self.index.places;
        match self.seen.get(&key).and_then(|&k| places.get_mut(k)) {
            Some(place) => place.push(i),
            None => {
                self.seen.insert(key, places.len());
                places.push(vec![i]);
            }
        }
        self.index.pairs.push(pair_terms(p, &self.readings));
    }

    /// Pairs added so far.
    pub fn len(&self) -> usize {
        self.index.pairs.len()
    }

    /// Whether no pair was added yet.
    pub fn is_empty(&self) -> bool {
        self.index.pairs.is_empty()
    }

    /// The index.
    pub fn finish(self) -> SearchIndex {
        self.index
    }
}

fn terms<'a>(names: impl IntoIterator<Item = &'a String>, readings: &Readings) -> Vec<Term> {
    let mut out = Vec::new();
    for n in names {
        push_terms(&mut out, n, readings);
    }
    out
}

/// The names a country or an origin is found by: English, Chinese and its aliases.
fn place_names<'a>(
    en: &'a String,
    zh: &'a String,
    aliases: &'a [String],
) -> impl Iterator<Item = &'a String> {
    [en, zh].into_iter().chain(aliases)
}

/// A pair's partner's names, and its Shandong subunit's.
fn pair_names(p: &Partnership) -> ([&String; 2], [&String; 2]) {
    (
        [&p.partner_en, &p.partner_zh],
        [&p.subunit_en, &p.subunit_zh],
    )
}

/// Every name [`SearchIndex::new`] makes terms of (the countries', the origins' and the pairs'):
/// the characters whose readings a packed file lists ([`Readings::listing`]).
pub fn searched_names(ds: &Dataset) -> impl Iterator<Item = &str> {
    let g = &ds.gazetteer;
    let countries =
        (g.countries.iter()).flat_map(|c| place_names(&c.name_en, &c.name_zh, &c.aliases));
    let cities = (g.cities.iter()).flat_map(|c| place_names(&c.name_en, &c.name_zh, &c.aliases));
    let pairs = (ds.partnerships.iter()).flat_map(|p| {
        let (partner, subunit) = pair_names(p);
        partner.into_iter().chain(subunit)
    });
    countries.chain(cities).chain(pairs).map(String::as_str)
}

fn pair_terms(p: &Partnership, readings: &Readings) -> PairTerms {
    let (partner, subunit) = pair_names(p);
    PairTerms {
        partner: terms(partner, readings),
        other: std::iter::once(Term::id(&p.id))
            .chain(terms(subunit, readings))
            .collect(),
    }
}

/// The terms of one pair with its Shandong side and country, for a one-off check
/// ([`crate::filter::Filter::matches`]).
pub fn pair_matches(g: &Gazetteer, p: &Partnership, q: &Query) -> bool {
    let r = &g.readings;
    let t = pair_terms(p, r);
    let side = g
        .cities
        .get(p.city)
        .map(|c| terms(place_names(&c.name_en, &c.name_zh, &c.aliases), r));
    let country = g
        .countries
        .get(p.country)
        .map(|c| terms(place_names(&c.name_en, &c.name_zh, &c.aliases), r));
    let all = t
        .partner
        .iter()
        .chain(&t.other)
        .chain(side.iter().flatten())
        .chain(country.iter().flatten());
    q.best(all).is_some()
}
