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
            labels: super::overlays::labels(&layout),
        }
    }

    /// The pair `id`, or `None`.
    pub fn details(&self, id: &str) -> Option<views::Details> {
        let (i, _) = self.map.dataset().by_id(id)?;
        views::details(&self.map, i)
    }

    /// The visible pairs as the table view lists them, in data order.
    pub fn table_rows(&self) -> Vec<views::TableRow> {
        self.map
            .visible()
            .iter()
            .filter_map(|&i| views::table_row(&self.map, i))
            .collect()
    }

    /// The visible pairs with every detail, in data order (the CSV export).
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
