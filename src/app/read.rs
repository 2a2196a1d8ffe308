//! Reads: what the controls, the table, the URL and the detail panel show.

use super::views::{self, Snapshot};
use super::App;
use crate::style::ColourBy;
use crate::urlstate::{UrlState, View};

impl App {
    /// The state for the URL hash; `lang` and `table` are the page's.
    pub fn state_hash(&self, lang: &str, table: bool) -> String {
        let view = (!self.map.viewport.is_home())
            .then(|| self.map.view_lonlat())
            .flatten()
            .map(|(c, zoom)| View {
                lon: c.lon,
                lat: c.lat,
                zoom,
            });
        let colour = self.map.colour_by();
        UrlState {
            filter: self.map.filter().clone(),
            selected: self.selection_ids(),
            view,
            lang: (!lang.is_empty()).then(|| lang.to_string()),
            colour: (colour != ColourBy::default()).then(|| colour.key().to_string()),
            table,
        }
        .to_hash()
    }

    /// Selected ids, pinned first.
    pub fn selection_ids(&self) -> Vec<String> {
        self.selection
            .all()
            .into_iter()
            .filter_map(|p| views::pick_id(&self.map, p))
            .collect()
    }

    /// Everything the controls show, in one read.
    pub fn snapshot(&self) -> Snapshot {
        // One layout for the inset and the names (made here if no frame or command made it yet).
        let layout = self.map.layout();
        Snapshot {
            filter: self.map.filter().clone(),
            colour_by: self.map.colour_by().key(),
            stats: views::stats(&self.map),
            legend: views::legend(&self.map),
            choices: views::choices(&self.map),
            selection: self.selection_ids(),
            pinned: self
                .selection
                .pinned
                .iter()
                .filter_map(|p| views::pick_id(&self.map, *p))
                .collect(),
            shown: self
                .selection
                .shown
                .and_then(|p| views::shown(&self.map, p)),
            vocabulary: super::vocabulary::vocabulary(&self.map, self.this_year),
            flow: self.flow,
            inset: super::overlays::inset(&self.map, &layout),
            inset_hidden: layout.hidden_inset,
            labels: super::overlays::labels(&layout),
        }
    }

    /// The pair `id`, or `None`.
    pub fn details(&self, id: &str) -> Option<views::Details> {
        let (i, _) = self.map.dataset().by_id(id)?;
        views::details(&self.map, i)
    }

    /// The visible pairs as the table view lists them, in data order, column by column.
    pub fn table(&self) -> views::TableColumns<'_> {
        views::table_columns(&self.map, self.map.visible())
    }

    /// The visible pairs as the rows of a partnerships file, in data order: each the cells of
    /// [`crate::dataset::COLUMNS`] in that order, as the loader reads them back (a pair's
    /// sources as written). [`App::export_csv`] writes them.
    pub fn export_rows(&self) -> Vec<Vec<String>> {
        let ds = self.map.dataset();
        (self.map.visible().iter())
            .filter_map(|&i| ds.partnerships.get(i))
            .map(|p| export_row(ds, p).to_vec())
            .collect()
    }

    /// The visible pairs as a CSV file (see [`App::export_rows`]): the loader's columns, UTF-8
    /// with a byte-order mark and CRLF line ends so that Excel and WPS open it with the Chinese
    /// intact, and formula injection neutralised: a text cell that starts with = + - @ (or a tab
    /// or CR) gets a leading apostrophe, which spreadsheets show as text and the loader drops
    /// (the coordinates, numbers, are left as they are). Written here rather than with the `csv`
    /// crate's writer, which added 3 KB gzip to the module for what is quoting (size): a cell
    /// with a comma, quote or line break is quoted, its quotes doubled.
    pub fn export_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let mut push_row = |cells: &mut dyn Iterator<Item = (&str, bool)>| {
            for (k, (v, numeric)) in cells.enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let risky = !numeric && v.starts_with(['=', '+', '-', '@', '\t', '\r']);
                let apostrophe = if risky { "'" } else { "" };
                if v.contains([',', '"', '\r', '\n']) {
                    out.push('"');
                    out.push_str(apostrophe);
                    out.push_str(&v.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(apostrophe);
                    out.push_str(v);
                }
            }
            out.push_str("\r\n");
        };
        let columns = crate::dataset::COLUMNS;
        push_row(&mut columns.iter().map(|c| (*c, false)));
        // A row at a time: the world network's 25,000 rows are never all held as cells.
        let ds = self.map.dataset();
        for p in (self.map.visible().iter()).filter_map(|&i| ds.partnerships.get(i)) {
            let row = export_row(ds, p);
            let numeric = columns.iter().map(|c| *c == "lon" || *c == "lat");
            push_row(&mut row.iter().map(String::as_str).zip(numeric));
        }
        out
    }

    /// The visible pairs with every detail, in data order.
    pub fn rows(&self) -> Vec<views::Details> {
        self.map
            .visible()
            .iter()
            .filter_map(|&i| views::details(&self.map, i))
            .collect()
    }

    /// Ids of the visible pairs.
    pub fn visible_ids(&self) -> Vec<String> {
        let ds = self.map.dataset();
        self.map
            .visible()
            .iter()
            .filter_map(|&i| ds.partnerships.get(i).map(|p| p.id.clone()))
            .collect()
    }

    /// The centre and zoom of the view.
    pub fn view(&self) -> Option<View> {
        self.map.view_lonlat().map(|(c, zoom)| View {
            lon: c.lon,
            lat: c.lat,
            zoom,
        })
    }
}

/// Pair `p` of `ds` as the cells of [`crate::dataset::COLUMNS`], in order.
fn export_row(
    ds: &crate::dataset::Dataset,
    p: &crate::dataset::Partnership,
) -> [String; crate::dataset::COLUMNS.len()] {
    let number = |v: Option<f64>| v.map(crate::num::plain).unwrap_or_default();
    crate::dataset::COLUMNS.map(|column| match column {
        "id" => p.id.clone(),
        "shandong_city" => ds.city_of(p).key.clone(),
        "shandong_subunit" => p.subunit_zh.clone(),
        "shandong_subunit_en" => p.subunit_en.clone(),
        "partner_en" => p.partner_en.clone(),
        "partner_zh" => p.partner_zh.clone(),
        "partner_zh_source" => p.partner_zh_source.clone(),
        "country" => ds.country_of(p).iso2.clone(),
        "partner_level" => p.level.key().to_string(),
        "relation" => p.relation.key().to_string(),
        "status" => p.status.key().to_string(),
        "established" => p.established.map(|d| d.to_string()).unwrap_or_default(),
        "lon" => number(p.location.map(|l| l.lon)),
        "lat" => number(p.location.map(|l| l.lat)),
        "coord_source" => p.coord_source.clone(),
        "sources" => p.sources.as_str().to_string(),
        "note" => p.note.clone(),
        "note_zh" => p.note_zh.clone(),
        _ => String::new(),
    })
}
