//! Which partnerships are shown. An empty set means "no restriction" on that dimension.

use crate::dataset::{Dataset, Partnership};
use crate::search::{self, Query, SearchIndex};
use serde::{Deserialize, Serialize};

/// A combination of restrictions; all must hold.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(default, rename_all = "camelCase")]
pub struct Filter {
    /// Shandong keys (`shandong`, `jinan`, …).
    pub cities: Vec<String>,
    /// ISO alpha-2 codes.
    pub countries: Vec<String>,
    /// Continent keys.
    pub continents: Vec<String>,
    /// Relation keys: `friendship`, `cooperation`, `unknown`.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "Array<'friendship' | 'cooperation' | 'unknown'>")
    )]
    pub relations: Vec<String>,
    /// Level keys: `province`, `city`, `county`, `unknown`.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "Array<'province' | 'city' | 'county' | 'unknown'>")
    )]
    pub levels: Vec<String>,
    /// Thematic group keys; a country in any of them passes.
    pub groups: Vec<String>,
    /// Earliest year shown (inclusive).
    pub year_from: Option<i32>,
    /// Latest year shown (inclusive).
    pub year_to: Option<i32>,
    /// Hide pairs whose year is not known (whether or not a year bound is set).
    pub hide_unknown_year: bool,
    /// Keep the pairs whose year is not known although a year bound is set (the visitor asked
    /// for them). Without it a year range shows only pairs dated within it; without a bound
    /// undated pairs are shown unless [`Filter::hide_unknown_year`].
    pub show_unknown_year: bool,
    /// Free text matched against both sides' names in Chinese, English and pinyin (and pinyin
    /// initials), their countries with their aliases, and the id; case, Latin diacritics and
    /// separators are ignored, short queries match only whole names or word starts, and a typo
    /// is forgiven when nothing matches otherwise (see [`crate::search`]).
    pub text: String,
}

impl Filter {
    /// Whether pair `p` of `ds` passes, its names matched here (without the typo fallback of
    /// [`Filter::apply_indexed`]).
    pub fn matches(&self, ds: &Dataset, p: &Partnership) -> bool {
        let q = Query::new(&self.text);
        self.matches_fields(ds, p)
            && (q.is_empty() || search::pair_matches(&ds.gazetteer, p, &q.without_typos()))
    }

    /// Indices of the partnerships that pass. With text, the names are prepared for this call;
    /// a caller that filters often keeps a [`SearchIndex`] and calls [`Filter::apply_indexed`].
    pub fn apply(&self, ds: &Dataset) -> Vec<usize> {
        let index = std::sync::OnceLock::new();
        self.apply_indexed(ds, || index.get_or_init(|| SearchIndex::new(ds)))
    }

    /// Indices of the partnerships that pass, matching the text against `index` (built for
    /// `ds`): pairs any of whose names (partner, id, subunit, Shandong side, country, aliases)
    /// match without a typo; only when none does, those that match with one
    /// ([`search::Quality::Fuzzy`]), so "Shimonoseky" shows Shimonoseki.
    pub fn apply_indexed<'a>(
        &self,
        ds: &Dataset,
        index: impl FnOnce() -> &'a SearchIndex,
    ) -> Vec<usize> {
        let passing = ds
            .partnerships
            .iter()
            .enumerate()
            .filter(|&(_, p)| self.matches_fields(ds, p));
        let q = Query::new(&self.text);
        if q.is_empty() {
            return passing.map(|(i, _)| i).collect();
        }
        let index = index(); // only a text needs it (it may be made now)
        let passing: Vec<(usize, &Partnership)> = passing.collect();
        let with = |q: &Query| -> Vec<usize> {
            let (countries, cities) = (index.by_country(q), index.by_city(q));
            passing
                .iter()
                .filter(|&&(i, p)| index.pair_quality(i, p, q, &countries, &cities).is_some())
                .map(|&(i, _)| i)
                .collect()
        };
        let exact = with(&q.without_typos());
        if exact.is_empty() {
            with(&q)
        } else {
            exact
        }
    }

    /// Whether a year bound is set.
    pub fn has_year_bound(&self) -> bool {
        self.year_from.is_some() || self.year_to.is_some()
    }

    /// Whether pairs with an unknown year pass: not when hidden, and under a year bound only
    /// when asked for.
    pub fn shows_undated(&self) -> bool {
        !self.hide_unknown_year && (!self.has_year_bound() || self.show_unknown_year)
    }

    /// Every restriction but the text.
    fn matches_fields(&self, ds: &Dataset, p: &Partnership) -> bool {
        let city = ds.city_of(p);
        let country = ds.country_of(p);
        let any = |set: &[String], key: &str| set.is_empty() || set.iter().any(|s| s == key);
        if !any(&self.cities, &city.key)
            || !any(&self.countries, &country.iso2)
            || !any(&self.continents, country.continent.key())
            || !any(&self.relations, p.relation.key())
            || !any(&self.levels, p.level.key())
        {
            return false;
        }
        if !self.groups.is_empty() && !country.groups.iter().any(|g| self.groups.contains(g)) {
            return false;
        }
        match p.established {
            Some(d) => {
                if self.year_from.is_some_and(|y| d.year < y)
                    || self.year_to.is_some_and(|y| d.year > y)
                {
                    return false;
                }
            }
            None => {
                if !self.shows_undated() {
                    return false;
                }
            }
        }
        true
    }
}
