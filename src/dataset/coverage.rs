//! How complete the shipped data is: the official totals (`official_totals.csv`) with their
//! sources and dates, and the date of the last review (`about.csv`). Only the shipped data is
//! measured against them; a portal's own file carries no coverage claim.
//!
//! `official_totals.csv`: `scope,as_of,total,friendship,cooperation,countries,source,note`, where
//! `scope` is `all` (every pair of the province, all levels), `shandong` (the province's own
//! 友好省州 ties) or a prefecture city key. The latest row of each scope that gives a `total` is
//! the one shown; rows with only a part (e.g. the friendship cities) are kept as evidence.
//! `about.csv`: `key,value,note`; the key `reviewed` holds the last review date.

use super::issue::{IssueLog, Problem};
use super::source::{parse_sources, Source};
use super::table::Table;
use super::{Dataset, Gazetteer, Issue, PartialDate};
use serde::Serialize;

/// One published total.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct OfficialTotal {
    /// `all` (every pair of the province, all levels) or a Shandong key (`shandong`: the
    /// province's own ties).
    pub scope: String,
    /// The date the figures are given for.
    pub as_of: PartialDate,
    /// All pairs of the scope; `None` for rows that give only a part (e.g. friendship cities).
    pub total: Option<usize>,
    /// Formal friendship cities or provinces (友好城市, 友好省州) among them; `None` when the row
    /// does not say.
    pub friendship: Option<usize>,
    /// Friendly-cooperation ties (友好合作关系) among them; `None` when the row does not say.
    pub cooperation: Option<usize>,
    /// Countries the ties reach; `None` when the row does not say.
    pub countries: Option<usize>,
    /// Where the figures come from, parsed from the `source` cell, in the order written.
    pub sources: Vec<Source>,
    /// The `note` cell; may be empty.
    pub note: String,
}

/// The official totals and the review date (written into `shipped.bin` by the build, read from
/// it by the page: see [`Dataset::pack`](super::Dataset::pack)).
#[derive(Debug, Clone, PartialEq, Default, Serialize, serde::Deserialize)]
pub struct Coverage {
    /// Every row of `official_totals.csv`, in file order.
    pub totals: Vec<OfficialTotal>,
    /// The date of the last review (key `reviewed` of `about.csv`); `None` when not given.
    pub reviewed: Option<PartialDate>,
}

/// Shown vs official for one Shandong side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CityCoverage {
    /// The Shandong key.
    pub key: String,
    /// Pairs of this side in the data (whatever the filter).
    pub shown: usize,
    /// The latest official total of this side; `None` when there is none.
    pub official: Option<usize>,
    /// The date of that total (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `None` when there is none.
    pub as_of: Option<String>,
}

/// What the page shows about coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CoverageView {
    /// Pairs in the data.
    pub shown: usize,
    /// The latest province-wide total.
    pub official: usize,
    /// The countries that total reaches, when its row says.
    pub official_countries: Option<usize>,
    /// The date of that total: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: String,
    /// Where the total comes from: a readable name (of the row's first source; empty when it
    /// has none) and, in `source_url`, the link.
    pub source: String,
    /// The link of that source; `None` when it has none.
    pub source_url: Option<String>,
    /// The date of the last review (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `None` when not given.
    pub reviewed: Option<String>,
    /// Shown vs official for each Shandong key, in the order of `shandong.csv`.
    pub by_city: Vec<CityCoverage>,
}

impl Coverage {
    /// Reads both files; every problem names file, line, field and value. Warnings alone are
    /// dropped.
    ///
    /// # Errors
    ///
    /// The issues of both files when any is an error: a file that cannot be read as a table
    /// (size, encoding, missing columns), a `scope` that is neither `all` nor a Shandong key, a
    /// bad date, or a count that is not a number.
    pub fn load(gazetteer: &Gazetteer, totals: &[u8], about: &[u8]) -> Result<Self, Vec<Issue>> {
        let mut issues = IssueLog::new();
        let mut coverage = Coverage::default();
        let cols = ["scope", "as_of", "total", "source"];
        if let Some(t) = Table::read("official_totals.csv", totals, &cols, &mut issues) {
            for row in &t.rows {
                let scope = t.get(row, "scope");
                if !is_scope(gazetteer, scope) {
                    issues.push(t.issue(
                        row,
                        "scope",
                        Problem::NotOneOf {
                            allowed: "all, or a key from shandong.csv",
                        },
                    ));
                    continue;
                }
                let Some(as_of) = PartialDate::parse(t.get(row, "as_of")) else {
                    issues.push(t.issue(row, "as_of", Problem::BadDate));
                    continue;
                };
                let count = |col: &str, issues: &mut IssueLog| -> Option<usize> {
                    let text = t.get(row, col);
                    if text.is_empty() {
                        return None;
                    }
                    let n = text.parse().ok();
                    if n.is_none() {
                        issues.push(t.issue(row, col, Problem::NotANumber));
                    }
                    n
                };
                coverage.totals.push(OfficialTotal {
                    scope: scope.to_string(),
                    as_of,
                    total: count("total", &mut issues),
                    friendship: count("friendship", &mut issues),
                    cooperation: count("cooperation", &mut issues),
                    countries: count("countries", &mut issues),
                    sources: parse_sources(t.get(row, "source")),
                    note: t.get(row, "note").to_string(),
                });
            }
        }
        if let Some(t) = Table::read("about.csv", about, &["key", "value"], &mut issues) {
            for row in &t.rows {
                if t.get(row, "key") == "reviewed" {
                    coverage.reviewed = PartialDate::parse(t.get(row, "value"));
                    if coverage.reviewed.is_none() {
                        issues.push(t.issue(row, "value", Problem::BadDate));
                    }
                }
            }
        }
        if issues.has_errors() {
            Err(issues.into_issues())
        } else {
            Ok(coverage)
        }
    }

    /// The latest row of `scope` that gives a total (the later in the file when two have the
    /// same date); `None` when none does.
    pub fn latest(&self, scope: &str) -> Option<&OfficialTotal> {
        self.totals
            .iter()
            .filter(|t| t.scope == scope && t.total.is_some())
            .max_by_key(|t| t.as_of)
    }

    /// Shown vs official for the whole data set and each Shandong side; `None` without a
    /// province-wide total.
    pub fn view(&self, ds: &Dataset) -> Option<CoverageView> {
        let all = self.latest("all")?;
        let source = all.sources.first();
        let mut shown = vec![0usize; ds.cities().len()];
        for p in &ds.partnerships {
            if let Some(n) = shown.get_mut(p.city) {
                *n += 1;
            }
        }
        let by_city = ds
            .cities()
            .iter()
            .zip(shown)
            .map(|(c, shown)| {
                let official = self.latest(&c.key);
                CityCoverage {
                    key: c.key.clone(),
                    shown,
                    official: official.and_then(|t| t.total),
                    as_of: official.map(|t| t.as_of.to_string()),
                }
            })
            .collect();
        Some(CoverageView {
            shown: ds.partnerships.len(),
            official: all.total.unwrap_or_default(),
            official_countries: all.countries,
            as_of: all.as_of.to_string(),
            source: source.map(Source::label).unwrap_or_default(),
            source_url: source.and_then(|s| s.url.clone()),
            reviewed: self.reviewed.map(|d| d.to_string()),
            by_city,
        })
    }
}

/// Whether `scope` names what an official total may count: `all`, or an origin's key.
pub(super) fn is_scope(gazetteer: &Gazetteer, scope: &str) -> bool {
    scope == "all" || gazetteer.city_index(scope).is_some()
}
