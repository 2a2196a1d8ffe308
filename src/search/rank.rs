//! Ranked search results over countries, Shandong keys, partner places and pairs.
//!
//! Countries match by their names and aliases, Shandong keys by theirs, partner places by the
//! partner's names (a place with one pair is listed as that pair), pairs also by their id and
//! Shandong subunit. Results are ordered by [`Quality`] (on a tie, a match on the name as
//! written before one on its pinyin only), then country, Shandong side, place,
//! pair, then the one with more pairs, then the shorter name. Only countries and Shandong keys
//! with pairs in the data are listed.

use super::index::SearchIndex;
use super::terms::{Quality, Query};

/// A match's rank: its quality, then whether it was on pinyin only.
type Rank = (Quality, bool);
use crate::dataset::Dataset;
use serde::Serialize;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum HitKind {
    /// A country: choosing it filters the map to its pairs.
    Country,
    /// A Shandong key (the province or a city): choosing it selects its fan.
    City,
    /// A partner place with several pairs: choosing it selects the first.
    Place,
    /// One pair.
    Pair,
}

/// One search result, with what the list shows in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// What it is.
    pub kind: HitKind,
    /// What [`Command::Choose`](crate::app::Command::Choose) takes: the ISO code of a country,
    /// the Shandong key, or a pair's id (a place's first pair).
    pub key: String,
    /// Its Chinese name (the English one when it has none).
    pub name_zh: String,
    /// Its English name.
    pub name_en: String,
    /// For a pair, its Shandong side in Chinese (with the subunit when there is one); else empty.
    pub side_zh: String,
    /// The same in English.
    pub side_en: String,
    /// The country's Chinese name; empty for a Shandong key.
    pub country_zh: String,
    /// The country's English name; empty for a Shandong key.
    pub country_en: String,
    /// How many pairs it stands for.
    pub pairs: usize,
}

impl SearchIndex {
    /// The best `limit` results for `text` in `ds` (this index's dataset), best first.
    pub fn search(&self, ds: &Dataset, text: &str, limit: usize) -> Vec<SearchHit> {
        let q = Query::new(text);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut found: Vec<(Rank, SearchHit)> = Vec::new();
        let (mut per_country, mut per_city) =
            (vec![0; self.countries.len()], vec![0; self.cities.len()]);
        for p in &ds.partnerships {
            if let Some(n) = per_country.get_mut(p.country) {
                *n += 1;
            }
            if let Some(n) = per_city.get_mut(p.city) {
                *n += 1;
            }
        }
        for (k, c) in ds.gazetteer.countries.iter().enumerate() {
            let n = per_country.get(k).copied().unwrap_or(0);
            if let Some(quality) = (n > 0)
                .then(|| self.countries.get(k).and_then(|t| q.rank(t)))
                .flatten()
            {
                found.push((
                    quality,
                    hit(HitKind::Country, &c.iso2, &c.name_zh, &c.name_en, n),
                ));
            }
        }
        for (k, c) in ds.gazetteer.cities.iter().enumerate() {
            let n = per_city.get(k).copied().unwrap_or(0);
            if let Some(quality) = (n > 0)
                .then(|| self.cities.get(k).and_then(|t| q.rank(t)))
                .flatten()
            {
                found.push((
                    quality,
                    hit(HitKind::City, &c.key, &c.name_zh, &c.name_en, n),
                ));
            }
        }
        for place in &self.places {
            self.place_hits(ds, &q, place, &mut found);
        }
        crate::sort::sort_by(&mut found, |(qa, a), (qb, b)| {
            (
                qa,
                a.kind,
                std::cmp::Reverse(a.pairs),
                a.name_en.len(),
                &a.name_en,
            )
                .cmp(&(
                    qb,
                    b.kind,
                    std::cmp::Reverse(b.pairs),
                    b.name_en.len(),
                    &b.name_en,
                ))
        });
        found.into_iter().take(limit).map(|(_, h)| h).collect()
    }

    /// A place matched by its partner's names (as a pair when it has one), and its pairs
    /// matched by their id or subunit.
    fn place_hits(
        &self,
        ds: &Dataset,
        q: &Query,
        place: &[usize],
        found: &mut Vec<(Rank, SearchHit)>,
    ) {
        let Some((first, p)) = place
            .first()
            .and_then(|&i| Some((i, ds.partnerships.get(i)?)))
        else {
            return;
        };
        let by_name = self.pairs.get(first).and_then(|t| q.rank(&t.partner));
        if let (Some(quality), true) = (by_name, place.len() > 1) {
            let mut h = hit(
                HitKind::Place,
                &p.id,
                &p.partner_zh,
                &p.partner_en,
                place.len(),
            );
            set_country(ds, p.country, &mut h);
            found.push((quality, h));
        }
        for &i in place {
            let Some((t, p)) = self.pairs.get(i).zip(ds.partnerships.get(i)) else {
                continue;
            };
            let by_other = q.rank(&t.other);
            let quality = if place.len() == 1 {
                by_name.into_iter().chain(by_other).min()
            } else {
                by_other
            };
            if let Some(quality) = quality {
                let mut h = hit(HitKind::Pair, &p.id, &p.partner_zh, &p.partner_en, 1);
                set_country(ds, p.country, &mut h);
                if let Some(c) = ds.gazetteer.cities.get(p.city) {
                    h.side_zh = format!("{}{}", c.name_zh, p.subunit_zh);
                    h.side_en = match p.subunit_en.as_str() {
                        "" => c.name_en.clone(),
                        sub => format!("{}, {sub}", c.name_en),
                    };
                }
                found.push((quality, h));
            }
        }
    }
}

fn hit(kind: HitKind, key: &str, name_zh: &str, name_en: &str, pairs: usize) -> SearchHit {
    SearchHit {
        kind,
        key: key.to_string(),
        name_zh: if name_zh.is_empty() { name_en } else { name_zh }.to_string(),
        name_en: name_en.to_string(),
        side_zh: String::new(),
        side_en: String::new(),
        country_zh: String::new(),
        country_en: String::new(),
        pairs,
    }
}

fn set_country(ds: &Dataset, country: usize, h: &mut SearchHit) {
    if let Some(c) = ds.gazetteer.countries.get(country) {
        h.country_zh = c.name_zh.clone();
        h.country_en = c.name_en.clone();
    }
}
