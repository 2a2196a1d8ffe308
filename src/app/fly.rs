//! Search as navigation: the result list, choosing a result, fitting the view to what is shown,
//! and the short eased flight to a new view that the page drives frame by frame.
//!
//! The page sends [`Command::Choose`](super::Command::Choose) or
//! [`Command::FitVisible`](super::Command::FitVisible) with `animate` (false under
//! `prefers-reduced-motion`): the view then jumps, or a [`Flight`] starts and the page sends
//! [`Command::FlyFrame`](super::Command::FlyFrame) from `requestAnimationFrame` with the time
//! since it started until the answer's `flying` is false. The core computes every view; input
//! that moves the view (a press, the wheel, a key, `setView`) ends a flight.

use super::command::{changed_data, moved_view, refused, Response};
use super::App;
use crate::filter::Filter;
use crate::geometry::WorldXY;
use crate::map::Pick;
use crate::search::HitKind;

/// How long a flight lasts, ms.
pub const FLIGHT_MS: f64 = 650.0;
/// The most results a search answers with.
pub const MAX_RESULTS: usize = 20;

/// A flight between two views (centre in world units, zoom).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flight {
    from: (WorldXY, f64),
    to: (WorldXY, f64),
}

impl Flight {
    /// The view at `ms` since the start: eased in and out (cubic), the zoom interpolated on a
    /// log scale and the centre so the target moves evenly across the screen.
    pub fn at(&self, ms: f64) -> (WorldXY, f64) {
        let t = if ms.is_finite() {
            (ms / FLIGHT_MS).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let e = if t < 0.5 {
            4.0 * t * t * t
        } else {
            1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
        };
        let ((c0, z0), (c1, z1)) = (self.from, self.to);
        let zoom = (z0.ln() + (z1.ln() - z0.ln()) * e).exp();
        let u = if (1.0 / z1 - 1.0 / z0).abs() > 1e-9 {
            (1.0 / zoom - 1.0 / z0) / (1.0 / z1 - 1.0 / z0)
        } else {
            e
        };
        let centre = WorldXY {
            x: c0.x + (c1.x - c0.x) * u,
            y: c0.y + (c1.y - c0.y) * u,
        };
        (centre, zoom)
    }
}

impl App {
    /// The result list for `text` (at most `limit`, capped at [`MAX_RESULTS`]).
    pub(super) fn search(&self, text: &str, limit: usize) -> Response {
        Response {
            results: self.map.search(text, limit.min(MAX_RESULTS)),
            ..Response::default()
        }
    }

    /// Chooses a search result: a pair is selected, a place's first pair is selected, a
    /// Shandong key's fan is selected, a country becomes the country filter; the search text is
    /// cleared (a filter that would hide the choice is cleared too) and the view goes to it.
    pub(super) fn choose(&mut self, kind: HitKind, key: &str, animate: bool) -> Response {
        let ds = self.map.dataset();
        let (pick, pairs): (Option<Pick>, Vec<usize>) = match kind {
            HitKind::Country => match ds.gazetteer.country_index(key) {
                Some(k) => (None, indices(ds, |p| p.country == k)),
                None => return refused(format!("choose: no country \"{key}\"")),
            },
            HitKind::City => match ds.city_index_of(key) {
                Some(k) => (Some(Pick::City(k)), indices(ds, |p| p.city == k)),
                None => return refused(format!("choose: no Shandong key \"{key}\"")),
            },
            HitKind::Place | HitKind::Pair => match ds.by_id(key) {
                Some((i, _)) if kind == HitKind::Place => {
                    (Some(Pick::Pair(i)), self.map.place_of(i))
                }
                Some((i, _)) => (Some(Pick::Pair(i)), vec![i]),
                None => return refused(format!("choose: no pair \"{key}\"")),
            },
        };
        let mut filter = Filter {
            text: String::new(),
            ..self.map.filter().clone()
        };
        if kind == HitKind::Country {
            filter.countries = vec![key.to_string()];
        }
        self.map.set_filter(filter);
        if !pairs
            .iter()
            .all(|i| self.map.visible().binary_search(i).is_ok())
        {
            let countries = (kind == HitKind::Country).then(|| vec![key.to_string()]);
            self.map.set_filter(Filter {
                countries: countries.unwrap_or_default(),
                ..Filter::default()
            });
        }
        if let Some(p) = pick {
            self.selection.select(p, false);
            self.sync_selection();
        }
        let target = self.map.fit_view(&pairs);
        self.fitted = Some(pairs);
        Response {
            selection_changed: pick.is_some(),
            ..self.fly_to(target, animate, changed_data())
        }
    }

    /// Fits the view to the visible pairs (both ends and the line between).
    pub(super) fn fit_visible(&mut self, animate: bool) -> Response {
        match self.map.fit_view(self.map.visible()) {
            Some(target) => {
                self.fitted = Some(self.map.visible().to_vec());
                self.fly_to(Some(target), animate, Response::default())
            }
            None => refused("fitToVisible: no visible pair has a place on the map".into()),
        }
    }

    /// Starts a flight to `target` (or jumps there), on top of `base`.
    fn fly_to(
        &mut self,
        target: Option<(WorldXY, f64)>,
        animate: bool,
        base: Response,
    ) -> Response {
        let Some(to) = target else {
            return base;
        };
        let v = &self.map.viewport;
        self.flight = None;
        if animate {
            self.flight = Some(Flight {
                from: (v.centre, v.zoom),
                to,
            });
            return Response {
                redraw: true,
                flying: true,
                ..base
            };
        }
        self.map.viewport.set(to.0, to.1);
        Response {
            data_changed: base.data_changed,
            ..moved_view()
        }
    }

    /// After a resize: the view fitted last is fitted again to the new size (a flight's end
    /// moves with it).
    pub(super) fn refit(&mut self) {
        let Some(target) = self.fitted.as_deref().and_then(|p| self.map.fit_view(p)) else {
            return;
        };
        match &mut self.flight {
            Some(f) => f.to = target,
            None => self.map.viewport.set(target.0, target.1),
        }
    }

    /// One frame of the flight, `ms` after it started; the last one lands exactly on the target.
    pub(super) fn fly_frame(&mut self, ms: f64) -> Response {
        let Some(flight) = self.flight else {
            return Response::default();
        };
        let done = !(ms.is_finite() && ms < FLIGHT_MS);
        let (centre, zoom) = if done { flight.to } else { flight.at(ms) };
        self.map.viewport.set(centre, zoom);
        if done {
            self.flight = None;
        }
        Response {
            redraw: true,
            view: done,
            flying: !done,
            ..Response::default()
        }
    }
}

fn indices(
    ds: &crate::dataset::Dataset,
    keep: impl Fn(&crate::dataset::Partnership) -> bool,
) -> Vec<usize> {
    ds.partnerships
        .iter()
        .enumerate()
        .filter(|(_, p)| keep(p))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_eases_from_start_to_end() {
        let f = Flight {
            from: (WorldXY { x: 0.0, y: 0.0 }, 1.0),
            to: (WorldXY { x: 1.0, y: 0.5 }, 8.0),
        };
        assert_eq!(f.at(0.0), f.from);
        let (c, z) = f.at(FLIGHT_MS);
        assert!((c.x - 1.0).abs() < 1e-9 && (c.y - 0.5).abs() < 1e-9 && (z - 8.0).abs() < 1e-9);
        let zooms: Vec<f64> = (0..=10)
            .map(|k| f.at(FLIGHT_MS * f64::from(k) / 10.0).1)
            .collect();
        assert!(zooms.windows(2).all(|w| w[1] >= w[0]), "{zooms:?}");
        let (_, mid) = f.at(FLIGHT_MS / 2.0);
        assert!(
            (mid - 8f64.sqrt()).abs() < 1e-9,
            "half way on a log scale: {mid}"
        );
        assert_eq!(f.at(f64::NAN), f.at(FLIGHT_MS));
    }
}
