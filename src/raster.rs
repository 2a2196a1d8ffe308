//! The arcs layer's lines and dots rasterised by the core into a pixel buffer, which the page
//! puts on its layer canvas in one call (the rasteriser itself is the `youcheng-raster` crate,
//! built at full speed in the otherwise size-tuned module; this adapts the scene's types to it).
//!
//! Why by hand: a browser's 2D canvas strokes a path point by point through one call per point
//! from the module (about 150,000 at the world network), and in a software canvas each stroke of
//! a few thousand overlapping lines, and each run of thousands of dots, is slow: at 25,000 arcs
//! that was most of a view change. A rasteriser crate (tiny-skia) would add ~100 KB to the module
//! for features this layer never uses (curves, fills, gradients, joins). What the layer needs is
//! narrow — open polylines of one width and colour per bundle, anti-aliased, with the canvas's
//! semantics (a bundle is one stroke: its own overlaps are painted once; bundles blend
//! source-over), and filled discs with rings.

use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke};
pub use youcheng_raster::{Image, Raster};

/// Where the arcs layer's lines and dots go: the rasteriser itself ([`Raster`]), or
/// [`Commands`] that a rasteriser elsewhere (the page's worker) carries out to the same pixels.
pub trait Sink {
    /// Adds `line` (CSS px; ×`dpr` to device px), `width_css_px` wide, to the bundle under way.
    fn cover(&mut self, line: &[ScreenPt], width_css_px: f64, dpr: f64);
    /// Paints the bundle under way in `colour`.
    fn paint(&mut self, colour: Rgba);
    /// Paints discs of radius `radius_css_px` at `centres` (CSS px) in `fill`, then their rings
    /// (`outline`, centred on the edge): a canvas fills a run of dots as one path and strokes
    /// their rings as another.
    fn discs(
        &mut self,
        centres: &[ScreenPt],
        radius_css_px: f64,
        fill: Rgba,
        outline: Option<Stroke>,
        dpr: f64,
    );
}

// The numbers both sinks hand the rasteriser, computed in one place: a replayed list makes the
// same pixels as the rasteriser told directly only while these agree.

/// A line's half width in device px.
fn half_width(width_css_px: f64, dpr: f64) -> f64 {
    (width_css_px * dpr / 2.0).max(0.0)
}

/// A point in device px.
fn device(p: &ScreenPt, dpr: f64) -> (f64, f64) {
    (p.x * dpr, p.y * dpr)
}

/// A disc's radius in device px.
fn disc_radius(radius_css_px: f64, dpr: f64) -> f64 {
    (radius_css_px * dpr).max(0.0)
}

/// A ring's half width in device px.
fn ring_half(ring: &Stroke, dpr: f64) -> f64 {
    ring.width_px * dpr / 2.0
}

fn rgba(c: Rgba) -> [u8; 4] {
    [c.r, c.g, c.b, c.a]
}

impl Sink for Raster {
    fn cover(&mut self, line: &[ScreenPt], width_css_px: f64, dpr: f64) {
        let half = half_width(width_css_px, dpr);
        for pair in line.windows(2) {
            if let [a, b] = pair {
                self.segment(device(a, dpr), device(b, dpr), half);
            }
        }
    }

    fn paint(&mut self, colour: Rgba) {
        Raster::paint(self, rgba(colour));
    }

    fn discs(
        &mut self,
        centres: &[ScreenPt],
        radius_css_px: f64,
        fill: Rgba,
        outline: Option<Stroke>,
        dpr: f64,
    ) {
        let r = disc_radius(radius_css_px, dpr);
        for c in centres {
            self.fill_disc(device(c, dpr), r, rgba(fill));
        }
        if let Some(s) = outline {
            for c in centres {
                self.ring(device(c, dpr), r, ring_half(&s, dpr), rgba(s.colour));
            }
        }
    }
}

/// What a [`Raster`] is told to do, as numbers a worker can be sent: each command a tag, then
/// its values, in device pixels and in `f64`, so that [`Commands::replay`] hands the rasteriser
/// exactly the numbers [`Raster`]'s own [`Sink`] would (the same pixels, bit for bit).
///
/// | tag | values |
/// |---|---|
/// | 1, a polyline | half width, point count n, then n × (x, y) |
/// | 2, paint the bundle | red, green, blue, alpha |
/// | 3, discs | radius, fill r g b a, ring (1) or none (0), ring half width, ring r g b a, count n, then n × (x, y) |
/// | 4, the view of the arcs named next | the arcs' id, scale, offset x, offset y (CSS px), canvas width (CSS px), device px per CSS px |
/// | 5, arcs by number | line width (CSS px), count n, then n pair numbers |
///
/// Tags 4 and 5 name arcs that the rasteriser's side already holds ([`ArcSource`]: a worker is
/// sent every pair's arc once, not every line's points each time): replayed, each named pair's
/// lines at that view are covered as tag 1 would cover them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Commands {
    values: Vec<f64>,
    /// About how much rasterising each [`WEIGHT_ROWS`] rows of the image takes (the length in
    /// px of the segments whose middles lie there, the area of the discs, an arc named by
    /// number spread evenly over the rows its extent spans), as differences: an entry adds to
    /// its rows and every later one, a run's end takes it off again (see [`Commands::bands`]),
    /// so that an arc costs two entries, not one per 16 rows.
    weights: Vec<f64>,
    /// The size (CSS px) of the view added last ([`Commands::view`]): the arcs' work is
    /// counted on the image only.
    view_size: (f64, f64),
}

/// Rows per entry of [`Commands`]'s weights.
pub const WEIGHT_ROWS: usize = 16;

const LINE: f64 = 1.0;
const PAINT: f64 = 2.0;
const DISCS: f64 = 3.0;
const VIEW: f64 = 4.0;
const ARCS: f64 = 5.0;

/// Where [`Commands`] that name pairs' arcs by number (tags 4 and 5) find their lines: the
/// map's own arcs, or the copy a worker holds (see [`crate::map::ArcStore`]).
pub trait ArcSource {
    /// Which arcs these are: a list names the id of the arcs it was made for.
    fn arcs_id(&self) -> f64;
    /// Adds pair `pair`'s lines in CSS px at `tf` to `out`, simplified and culled as the map
    /// draws them, leaving out those wholly outside `clip` (`[x0, y0, x1, y1]`, CSS px);
    /// nothing for a number that is no pair.
    fn arc_lines(
        &self,
        pair: usize,
        tf: &crate::viewport::ScreenTransform,
        clip: [f64; 4],
        out: &mut crate::lines::Polylines,
    );
}

/// A command list that does not read as one (a worker's input is checked, not trusted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCommands {
    /// Where the command that failed starts.
    pub at: usize,
}

impl Commands {
    /// Empties the list (its memory is kept).
    pub fn clear(&mut self) {
        self.values.clear();
        self.weights.clear();
    }

    /// Work `w` at row `y` (device px).
    fn weigh(&mut self, y: f64, w: f64) {
        if y.is_finite() {
            let k = (y.max(0.0) / WEIGHT_ROWS as f64) as usize;
            self.weigh_rows(k, k, w);
        }
    }

    /// Work `w` on each of the weights' entries `first` to `last`.
    fn weigh_rows(&mut self, first: usize, last: usize, w: f64) {
        if !w.is_finite() || first > 1 << 16 {
            return; // none, or far below any image
        }
        let last = last.clamp(first, first + (1 << 16));
        if self.weights.len() < last + 2 {
            self.weights.resize(last + 2, 0.0);
        }
        if let Some(start) = self.weights.get_mut(first) {
            *start += w;
        }
        if let Some(end) = self.weights.get_mut(last + 1) {
            *end -= w;
        }
    }

    /// Where to cut an image `height` rows high into `n` bands of about equal work (by the
    /// list's weights), as `n + 1` row numbers from 0 to `height` (bands may be empty).
    pub fn bands(&self, height: usize, n: usize) -> Vec<usize> {
        let n = n.max(1);
        // Each entry's weight: the differences summed up to it.
        let mut run = 0.0;
        let weights: Vec<f64> = (self.weights.iter())
            .map(|d| {
                run += d;
                run
            })
            .collect();
        let total: f64 = weights.iter().sum();
        let mut cuts = vec![0];
        let (mut sum, mut k) = (0.0, 0);
        for band in 1..n {
            let goal = total * band as f64 / n as f64;
            while let Some(&w) = weights.get(k).filter(|&&w| sum + w <= goal) {
                sum += w;
                k += 1;
            }
            let row = if total > 0.0 {
                k * WEIGHT_ROWS
            } else {
                height * band / n
            };
            cuts.push(row.clamp(cuts.last().copied().unwrap_or(0), height));
        }
        cuts.push(height);
        cuts
    }

    /// Adds the view at which the arcs named next are drawn (tag 4): the transform `tf`, the
    /// canvas `size` (CSS px; the list carries its width), `dpr`, for the arcs with id `arcs`.
    pub fn view(
        &mut self,
        arcs: f64,
        tf: &crate::viewport::ScreenTransform,
        (width, height): (f64, f64),
        dpr: f64,
    ) {
        self.view_size = (width, height);
        let (x, y) = tf.offset();
        self.values
            .extend([VIEW, arcs, tf.scale(), x, y, width, dpr]);
    }

    /// Adds the arcs of `pairs` by number (tag 5), `width_css_px` wide, to the bundle under
    /// way. `extents`: each pair's screen bounds (`[x0, y0, x1, y1]`, CSS px, at the view
    /// added last) or `None` when it cannot show, for the work per row (its lines are made
    /// where they are rasterised, so the work is spread over the rows its extent spans).
    pub fn arcs(
        &mut self,
        pairs: &[u32],
        width_css_px: f64,
        dpr: f64,
        extents: impl Fn(u32) -> Option<[f64; 4]>,
    ) {
        self.values.extend([ARCS, width_css_px, pairs.len() as f64]);
        self.values.extend(pairs.iter().map(|&i| f64::from(i)));
        for &i in pairs {
            let Some([x0, y0, x1, y1]) = extents(i) else {
                continue;
            };
            // About the length of its line on the image (its extent clipped to it), spread
            // evenly over the rows it spans there. Counted off the image (an arc from a
            // zoomed-in Europe to East Asia runs thousands of px beyond the canvas, where its
            // segments cost next to nothing) it had pushed the cuts down, the first band taking
            // about twice the second's work.
            let (w, h) = (self.view_size.0.max(0.0), self.view_size.1.max(0.0));
            let (x0, x1) = (x0.min(x1).clamp(0.0, w), x0.max(x1).clamp(0.0, w));
            let (y0, y1) = (y0.min(y1).clamp(0.0, h), y0.max(y1).clamp(0.0, h));
            let (top, bottom) = (y0 * dpr, y1 * dpr);
            let work = ((x1 - x0) + (y1 - y0)) * dpr + 1.0;
            let first = (top / WEIGHT_ROWS as f64) as usize;
            let last = ((bottom / WEIGHT_ROWS as f64) as usize).min(first + (1 << 16));
            self.weigh_rows(first, last, work / (last - first + 1) as f64);
        }
    }

    /// The values, to send.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    fn colour(&mut self, c: [u8; 4]) {
        self.values.extend(c.map(f64::from));
    }

    /// Carries out `values` (a [`Commands`] list) on `raster`, which was begun at the size
    /// they were recorded for (or a band of its rows), with the arcs named by number taken
    /// from `arcs` (a list naming arcs with another id, or with none here, does not read).
    pub fn replay(
        values: &[f64],
        raster: &mut Raster,
        arcs: Option<&dyn ArcSource>,
    ) -> Result<(), BadCommands> {
        let mut k = 0;
        // The view of the arcs named by number: the transform, the clip (CSS px) and the dpr.
        let mut view: Option<(crate::viewport::ScreenTransform, [f64; 4], f64)> = None;
        let mut lines = crate::lines::Polylines::default();
        while k < values.len() {
            let at = k;
            let bad = BadCommands { at };
            let take = |k: &mut usize, n: usize| -> Result<&[f64], BadCommands> {
                let s = values.get(*k..*k + n).ok_or(bad.clone())?;
                *k += n;
                Ok(s)
            };
            let count = |v: f64| -> Result<usize, BadCommands> {
                let ok = v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= values.len() as f64;
                ok.then_some(v as usize).ok_or(bad.clone())
            };
            let colour = |s: &[f64]| -> [u8; 4] {
                [0, 1, 2, 3].map(|i| s.get(i).map_or(0, |&v| v.clamp(0.0, 255.0) as u8))
            };
            let tag = take(&mut k, 1)?.first().copied().unwrap_or(f64::NAN);
            if tag == LINE {
                let head = take(&mut k, 2)?;
                let (half, n) = (
                    head.first().copied().unwrap_or(0.0),
                    count(head.get(1).copied().unwrap_or(-1.0))?,
                );
                let points = take(&mut k, n.checked_mul(2).ok_or(bad.clone())?)?;
                let mut last: Option<(f64, f64)> = None;
                for p in points.chunks_exact(2) {
                    if let [x, y] = p {
                        if let Some(a) = last {
                            raster.segment(a, (*x, *y), half);
                        }
                        last = Some((*x, *y));
                    }
                }
            } else if tag == VIEW {
                let v = take(&mut k, 6)?;
                let [id, scale, x, y, width, dpr] =
                    [0, 1, 2, 3, 4, 5].map(|i| v.get(i).copied().unwrap_or(f64::NAN));
                let held = arcs.is_some_and(|a| a.arcs_id() == id);
                if !(held && [scale, x, y, width, dpr].iter().all(|v| v.is_finite()) && dpr > 0.0) {
                    return Err(bad);
                }
                // The rows this raster keeps, as CSS px: lines wholly outside them are not made.
                let rows = raster.kept_rows();
                let clip = [0.0, rows.start as f64 / dpr, width, rows.end as f64 / dpr];
                let tf = crate::viewport::ScreenTransform::new(scale, x, y);
                view = Some((tf, clip, dpr));
            } else if tag == ARCS {
                let head = take(&mut k, 2)?;
                let width = head.first().copied().unwrap_or(0.0);
                let n = count(head.get(1).copied().unwrap_or(-1.0))?;
                let pairs = take(&mut k, n)?;
                let (Some((tf, clip, dpr)), Some(arcs)) = (&view, arcs) else {
                    return Err(bad);
                };
                for &i in pairs {
                    let number =
                        i.is_finite() && i >= 0.0 && i.fract() == 0.0 && i <= f64::from(u32::MAX);
                    let i = number.then_some(i as usize).ok_or(bad.clone())?;
                    lines.clear();
                    arcs.arc_lines(i, tf, *clip, &mut lines);
                    for line in lines.lines().iter() {
                        Sink::cover(raster, line, width, *dpr);
                    }
                }
            } else if tag == PAINT {
                raster.paint(colour(take(&mut k, 4)?));
            } else if tag == DISCS {
                let head = take(&mut k, 12)?;
                let r = head.first().copied().unwrap_or(0.0);
                let fill = colour(head.get(1..5).unwrap_or_default());
                let ringed = head.get(5) == Some(&1.0);
                let half = head.get(6).copied().unwrap_or(0.0);
                let ring = colour(head.get(7..11).unwrap_or_default());
                let n = count(head.get(11).copied().unwrap_or(-1.0))?;
                let centres = take(&mut k, n.checked_mul(2).ok_or(bad.clone())?)?;
                let each = || {
                    centres
                        .chunks_exact(2)
                        .filter_map(|c| Some((*c.first()?, *c.get(1)?)))
                };
                for c in each() {
                    raster.fill_disc(c, r, fill);
                }
                if ringed {
                    for c in each() {
                        raster.ring(c, r, half, ring);
                    }
                }
            } else {
                return Err(bad);
            }
        }
        Ok(())
    }
}

impl Sink for Commands {
    fn cover(&mut self, line: &[ScreenPt], width_css_px: f64, dpr: f64) {
        if line.len() < 2 {
            return; // no segment
        }
        self.values
            .extend([LINE, half_width(width_css_px, dpr), line.len() as f64]);
        let mut last: Option<(f64, f64)> = None;
        for p in line {
            let (x, y) = device(p, dpr);
            self.values.extend([x, y]);
            if let Some((lx, ly)) = last {
                // A segment's work: its length, at its middle's row.
                self.weigh((ly + y) / 2.0, (x - lx).abs() + (y - ly).abs() + 1.0);
            }
            last = Some((x, y));
        }
    }

    fn paint(&mut self, colour: Rgba) {
        self.values.push(PAINT);
        self.colour(rgba(colour));
    }

    fn discs(
        &mut self,
        centres: &[ScreenPt],
        radius_css_px: f64,
        fill: Rgba,
        outline: Option<Stroke>,
        dpr: f64,
    ) {
        if centres.is_empty() {
            return;
        }
        let r = disc_radius(radius_css_px, dpr);
        self.values.extend([DISCS, r]);
        self.colour(rgba(fill));
        let ring = outline.map(|s| (ring_half(&s, dpr), rgba(s.colour)));
        let (half, colour) = ring.unwrap_or((0.0, [0; 4]));
        self.values
            .extend([f64::from(u8::from(ring.is_some())), half]);
        self.colour(colour);
        self.values.push(centres.len() as f64);
        // A disc's work: its area, twice with a ring.
        let area = (2.0 * r + 2.0).powi(2) * if ring.is_some() { 2.0 } else { 1.0 };
        // Off the image (known once a view is added), a disc costs next to nothing.
        let (w, h) = (self.view_size.0 * dpr, self.view_size.1 * dpr);
        let on = |x: f64, y: f64| {
            w <= 0.0 || (x > -r - 1.0 && x < w + r + 1.0 && y > -r - 1.0 && y < h + r + 1.0)
        };
        for c in centres {
            let (x, y) = device(c, dpr);
            self.values.extend([x, y]);
            if on(x, y) {
                self.weigh(y, area);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_pixels_are_scaled_to_device_pixels() {
        let mut r = Raster::default();
        r.begin(40, 20);
        let line = [ScreenPt::new(0.0, 4.0), ScreenPt::new(10.0, 6.0)];
        Sink::cover(&mut r, &line, 1.0, 2.0);
        Sink::paint(&mut r, Rgba::rgb(255, 0, 0));
        // 2 device px wide at slope 0.2 from (0, 8) to (20, 12).
        let ink: u32 = (0..20).map(|y| u32::from(r.pixel(10, y)[3])).sum();
        assert!((f64::from(ink) / 255.0 - 2.04).abs() < 0.05, "{ink}");
        assert_eq!(r.pixel(25, 10), [0; 4], "ends at device x 20");
        r.begin(40, 40);
        let ring = Stroke {
            colour: Rgba::rgb(0, 0, 255),
            width_px: 1.0,
        };
        Sink::discs(
            &mut r,
            &[ScreenPt::new(10.25, 10.25)],
            4.0,
            Rgba::rgb(255, 0, 0),
            Some(ring),
            2.0,
        );
        assert_eq!(r.pixel(20, 20), [255, 0, 0, 255], "the centre");
        assert_eq!(
            r.pixel(28, 20),
            [0, 0, 255, 255],
            "8 device px out: the ring"
        );
        assert_eq!(r.rgba().map(|i| (i.at, i.size)), Some(((11, 11), (19, 19))));
    }
    #[test]
    fn a_command_list_that_does_not_read_as_one_is_refused_where_it_breaks() {
        let mut r = Raster::default();
        r.begin(10, 10);
        let line = [1.0, 0.5, 2.0, 0.0, 5.0, 10.0, 5.0];
        let paint = [2.0, 255.0, 0.0, 0.0, 255.0];
        let ok: Vec<f64> = line.iter().chain(&paint).copied().collect();
        assert_eq!(Commands::replay(&ok, &mut r, None), Ok(()));
        assert_eq!(r.pixel(3, 4)[3], 128, "a line painted, half in row 4");
        for (bad, at) in [
            (vec![9.0], 0),                                       // no such command
            ([&ok[..], &[1.0, 0.5, 3.0, 0.0, 0.0]].concat(), 12), // fewer points than it says
            (vec![1.0, 0.5, -1.0], 0),                            // a negative count
            (vec![1.0, 0.5, f64::NAN], 0),                        // not a number
            (vec![1.0, 0.5, 1e300, 0.0], 0),                      // more than there is
            (vec![2.0, 1.0, 2.0], 0),                             // a colour cut short
            (
                vec![
                    3.0, 2.0, 0.0, 0.0, 0.0, 255.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 1.0,
                ],
                0,
            ),
        ] {
            assert_eq!(
                Commands::replay(&bad, &mut r, None),
                Err(BadCommands { at }),
                "{bad:?}"
            );
        }
    }
    #[test]
    fn bands_of_about_equal_work_follow_where_the_lines_are() {
        let mut c = Commands::default();
        assert_eq!(c.bands(100, 2), vec![0, 50, 100], "no weights: even bands");
        // Long lines in the top quarter only, a short one below: the first cut lies in the top
        // quarter, and the cuts rise from 0 to the height.
        for k in 0..40 {
            let y = f64::from(k) * 0.5;
            c.cover(&[ScreenPt::new(0.0, y), ScreenPt::new(500.0, y)], 1.0, 1.0);
        }
        c.cover(
            &[ScreenPt::new(0.0, 300.0), ScreenPt::new(5.0, 300.0)],
            1.0,
            1.0,
        );
        let cuts = c.bands(400, 4);
        assert_eq!(cuts.len(), 5);
        assert_eq!((cuts[0], cuts[4]), (0, 400));
        assert!(cuts.windows(2).all(|w| w[0] <= w[1]), "{cuts:?}");
        assert!(cuts[1] <= 32 && cuts[3] <= 32, "{cuts:?}");
        assert_eq!(c.bands(400, 1), vec![0, 400]);
        c.clear();
        assert_eq!(c.bands(90, 3), vec![0, 30, 60, 90]);
    }

    /// Arcs by number spread their work over their rows as differences: the cuts are those of
    /// adding each arc's share to every 16 rows it spans, one entry at a time.
    #[test]
    fn arcs_spread_over_their_rows_cut_as_if_added_row_by_row() {
        let tf = crate::viewport::ScreenTransform::new(1.0, 0.0, 0.0);
        let (w, h) = (640.0, 480.0);
        let extents = |i: u32| {
            let f = f64::from(i);
            let (x, y) = ((f * 37.0) % w, (f * f * 13.0) % h);
            Some([x, y, x + (f * 7.0) % 300.0, y + (f * 11.0) % 200.0])
        };
        let pairs: Vec<u32> = (0..300).collect();
        for dpr in [1.0, 2.0] {
            let mut c = Commands::default();
            c.view(1.0, &tf, (w, h), dpr);
            c.arcs(&pairs, 1.0, dpr, extents);
            let mut rows = Commands::default();
            for &i in &pairs {
                let Some([ex0, ey0, ex1, ey1]) = extents(i) else {
                    continue;
                };
                let (x0, x1) = (ex0.min(ex1).clamp(0.0, w), ex0.max(ex1).clamp(0.0, w));
                let (y0, y1) = (ey0.min(ey1).clamp(0.0, h), ey0.max(ey1).clamp(0.0, h));
                let work = ((x1 - x0) + (y1 - y0)) * dpr + 1.0;
                let first = (y0 * dpr / WEIGHT_ROWS as f64) as usize;
                let last = (y1 * dpr / WEIGHT_ROWS as f64) as usize;
                for k in first..=last {
                    rows.weigh((k * WEIGHT_ROWS) as f64, work / (last - first + 1) as f64);
                }
            }
            let height = (h * dpr) as usize;
            for n in [2, 3, 4] {
                assert_eq!(
                    c.bands(height, n),
                    rows.bands(height, n),
                    "dpr {dpr}, {n} bands"
                );
            }
        }
    }

    #[test]
    fn only_the_work_on_the_image_counts_for_the_bands() {
        // A 200 × 100 view: an arc across the top half, one from the bottom half to thousands of
        // px beyond the image (left and below), and many dots off the image at the top's rows.
        let tf = crate::viewport::ScreenTransform::new(1.0, 0.0, 0.0);
        let mut c = Commands::default();
        c.view(1.0, &tf, (200.0, 100.0), 1.0);
        let extents = |i: u32| match i {
            0 => Some([0.0, 0.0, 200.0, 40.0]),
            _ => Some([-9_000.0, 60.0, 200.0, 5_000.0]),
        };
        c.arcs(&[0, 1], 1.0, 1.0, extents);
        let far: Vec<ScreenPt> = (0..500)
            .map(|k| ScreenPt::new(-400.0, f64::from(k % 30)))
            .collect();
        c.discs(&far, 2.0, Rgba::rgb(0, 0, 0), None, 1.0);
        // Each arc about as much work on the image (240 px of extent each): the cut between
        // them, not pushed to the bottom by the second's rows below the image, nor to the top
        // by the dots no band draws.
        let cuts = c.bands(100, 2);
        assert!((40..=64).contains(&cuts[1]), "{cuts:?}");
    }
}
