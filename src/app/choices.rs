//! The filter choices with their counts and the colour legend, as the controls show them: every
//! origin for Shandong's 17, the ones with most pairs for a network of thousands.

use super::views::{Choice, Choices, LegendEntry};
use crate::map::MapState;
use crate::style::ColourBy;

/// Origins listed by name in the filters and the legend: a network of thousands of origins
/// (a world twin-city list) shows the ones with most pairs, so the snapshot stays small.
pub const LISTED_ORIGINS: usize = 40;

/// Which of `map`'s origins to list: all when there are few, else the [`LISTED_ORIGINS`] with
/// most pairs (ties in file order) plus those `keep` says, in file order.
fn listed_origins(map: &MapState, keep: impl Fn(usize) -> bool) -> Vec<bool> {
    let n = map.dataset().cities().len();
    if n <= LISTED_ORIGINS {
        return vec![true; n];
    }
    let mut listed: Vec<bool> = (0..n).map(keep).collect();
    for &k in map.origins_by_pairs().iter().take(LISTED_ORIGINS) {
        if let Some(l) = listed.get_mut(k) {
            *l = true;
        }
    }
    listed
}
/// The choices with their counts, in one pass over the pairs (groups are summed over countries).
pub fn choices(map: &MapState) -> Choices {
    let ds = map.dataset();
    let mut visible = vec![false; ds.partnerships.len()];
    for &i in map.visible() {
        if let Some(v) = visible.get_mut(i) {
            *v = true;
        }
    }
    let mut city_n = vec![(0usize, 0usize); ds.cities().len()];
    let mut country_n = vec![(0usize, 0usize); ds.countries().len()];
    for (p, &v) in ds.partnerships.iter().zip(&visible) {
        for slot in [city_n.get_mut(p.city), country_n.get_mut(p.country)]
            .into_iter()
            .flatten()
        {
            slot.0 += 1;
            slot.1 += usize::from(v);
        }
    }
    let listed = listed_origins(map, |k| {
        ds.cities()
            .get(k)
            .is_some_and(|c| map.filter().cities.contains(&c.key))
    });
    let cities: Vec<Choice> = ds
        .cities()
        .iter()
        .zip(&city_n)
        .enumerate()
        .filter(|(k, _)| listed.get(*k).copied().unwrap_or(false))
        .map(|(k, (c, n))| Choice {
            key: c.key.clone(),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            extra: map.theme.city_colour(k).css(),
            total: n.0,
            visible: n.1,
            lon: Some(c.location.lon),
            lat: Some(c.location.lat),
        })
        .collect();
    let countries = ds
        .countries()
        .iter()
        .zip(&country_n)
        .filter(|(_, n)| n.0 > 0)
        .map(|(c, n)| Choice {
            key: c.iso2.clone(),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            extra: c.continent.key().to_string(),
            total: n.0,
            visible: n.1,
            lon: None,
            lat: None,
        })
        .collect();
    let groups = group_choices(ds, &country_n);
    Choices {
        more_cities: ds.cities().len() - cities.len(),
        all_pairs: ds.partnerships.len(),
        cities,
        countries,
        groups,
    }
}

/// The colour legend: key, names (Shandong keys only; the page names relations and decades),
/// colour, visible and total pairs.
pub fn legend(map: &MapState) -> Vec<LegendEntry> {
    let ds = map.dataset();
    let city_mode = map.colour_by() == ColourBy::City;
    let counts = map.legend_counts();
    let listed = if city_mode {
        listed_origins(map, |_| false)
    } else {
        vec![true; counts.len()]
    };
    counts
        .into_iter()
        .enumerate()
        .filter(|(k, _)| listed.get(*k).copied().unwrap_or(false))
        .map(|(k, n)| {
            let item = map.legend_item(k, n);
            let (name_zh, name_en) = match ds.cities().get(k) {
                Some(c) if city_mode => (c.name_zh.clone(), c.name_en.clone()),
                _ => (String::new(), String::new()),
            };
            LegendEntry {
                key: item.key,
                name_zh,
                name_en,
                colour: item.colour.css(),
                visible: item.visible,
                total: item.total,
            }
        })
        .collect()
}

/// Every thematic group with the counts of its member countries, summed.
fn group_choices(ds: &crate::dataset::Dataset, country_n: &[(usize, usize)]) -> Vec<Choice> {
    ds.gazetteer
        .groups
        .iter()
        .map(|g| {
            let (total, visible) = ds
                .countries()
                .iter()
                .zip(country_n)
                .filter(|(c, _)| c.groups.contains(&g.key))
                .fold((0, 0), |(t, v), (_, n)| (t + n.0, v + n.1));
            Choice {
                key: g.key.clone(),
                name_zh: g.name_zh.clone(),
                name_en: g.name_en.clone(),
                extra: g.source.clone(),
                total,
                visible,
                lon: None,
                lat: None,
            }
        })
        .collect()
}
