//! The rasteriser of Youcheng's arcs layer: anti-aliased open polylines and discs into a
//! premultiplied RGBA buffer, with a canvas's semantics (see the `youcheng` crate's `raster`
//! module for why it is hand-written). Coordinates are device pixels.
//!
//! Each segment covers the pixel columns (or rows, for a steep one) whose centres lie in its
//! half-open span, so a polyline's shared points are not covered twice; in a column, a pixel's
//! coverage is the exact overlap of the pixel with the line's vertical extent there (a box
//! filter), which for a 1 px line spreads one pixel's worth of ink over the two rows it straddles.
//! Lines add to the coverage of a bundle (the maximum where they overlap, as one canvas stroke
//! paints its overlaps once); [`Raster::paint`] blends the bundle over the image, source-over.

/// A colour: red, green, blue, alpha, 0–255 each (not premultiplied).
pub type Rgba = [u8; 4];

/// A premultiplied RGBA image in device pixels with a coverage mask for the bundle under way.
#[derive(Debug, Clone, Default)]
pub struct Raster {
    width: usize,
    /// The image's height: lines are clipped to it whatever rows are kept.
    height: usize,
    /// The rows kept: `top` and on, `rows` of them (the whole image unless begun with
    /// [`Raster::begin_rows`]); pixels are stored from row `top`.
    top: usize,
    rows: usize,
    /// Premultiplied RGBA, row by row.
    px: Vec<u32>,
    /// Coverage 0–255 of the bundle under way.
    mask: Vec<u8>,
    /// The pixels (row · width + column) the bundle under way covers, each once.
    touched: Vec<u32>,
    /// Their bounds: (x0, y0, x1, y1), exclusive ends.
    bundle: Option<(usize, usize, usize, usize)>,
    /// The pixels painted since [`Raster::begin`].
    painted: Option<(usize, usize, usize, usize)>,
    /// Straight (not premultiplied) RGBA for the page, filled by [`Raster::rgba`].
    out: Vec<u8>,
}

/// Straight RGBA pixels, row by row, of a part of the image (see [`Raster::rgba`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Image<'a> {
    /// The pixels, 4 bytes each.
    pub rgba: &'a [u8],
    /// The top-left corner, device px.
    pub at: (usize, usize),
    /// Width and height, device px.
    pub size: (usize, usize),
}

/// `colour` for [`over`]: red and blue, green and alpha (opaque: the source's alpha is taken
/// from the coverage), each pair in the two 16-bit halves of a word; and its alpha.
fn lanes([r, g, b, a]: Rgba) -> (u32, u32, u32) {
    let (r, g, b) = (u32::from(r), u32::from(g), u32::from(b));
    (r | b << 16, g | 255 << 16, u32::from(a))
}

/// `v` / 255, rounded, for `v` ≤ 65,535, without a division.
fn div255(v: u32) -> u32 {
    let v = v + 128;
    (v + (v >> 8)) >> 8
}

/// The pixel `dst` (premultiplied RGBA, red in the low byte) with a source of lanes `rb`,
/// `ga` (see [`lanes`]) and alpha `a` blended over it: dst·(255 − a)/255 + src·a/255 per
/// channel, two channels per multiply (each half stays below 2¹⁶).
fn over(dst: u32, rb: u32, ga: u32, a: u32) -> u32 {
    const LO: u32 = 0x00FF_00FF;
    let keep = 255 - a;
    let mix = |s: u32, d: u32| {
        let v = s * a + d * keep + 0x0080_0080;
        ((v + ((v >> 8) & LO)) >> 8) & LO
    };
    mix(rb, dst & LO) | mix(ga, (dst >> 8) & LO) << 8
}

fn grow(
    a: Option<(usize, usize, usize, usize)>,
    b: (usize, usize, usize, usize),
) -> Option<(usize, usize, usize, usize)> {
    Some(match a {
        None => b,
        Some(a) => (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)),
    })
}

impl Raster {
    /// Starts an empty (transparent) image of `width` × `height` device pixels.
    pub fn begin(&mut self, width: usize, height: usize) {
        self.begin_rows(width, height, 0..height);
    }

    /// Starts an empty image of `width` × `height` device pixels of which only the rows
    /// `rows` are kept: a band of the image, rasterised to the same pixels as that band of the
    /// whole image (each line is clipped and walked as on the whole image; only the pixels
    /// stored are fewer), so that bands rasterised apart make the whole image.
    pub fn begin_rows(&mut self, width: usize, height: usize, rows: std::ops::Range<usize>) {
        let top = rows.start.min(height);
        let kept = rows.end.min(height).saturating_sub(top);
        let n = width.saturating_mul(kept);
        if (self.width, self.rows) == (width, kept) && self.px.len() == n {
            if let Some((x0, y0, x1, y1)) = self.painted {
                for y in y0..y1 {
                    if let Some(row) = self.px.get_mut(y * width + x0..y * width + x1) {
                        row.fill(0);
                    }
                }
            }
            self.clear_mask();
        } else {
            (self.width, self.rows) = (width, kept);
            self.px = vec![0; n];
            self.mask = vec![0; n];
            self.touched.clear();
        }
        (self.height, self.top) = (height, top);
        (self.bundle, self.painted) = (None, None);
    }

    /// Clears the coverage of the bundle under way.
    fn clear_mask(&mut self) {
        for &k in &self.touched {
            if let Some(m) = self.mask.get_mut(k as usize) {
                *m = 0;
            }
        }
        self.touched.clear();
    }

    /// Width and height in device pixels.
    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// The rows kept (see [`Raster::begin_rows`]): all of the image's unless a band was begun.
    pub fn kept_rows(&self) -> std::ops::Range<usize> {
        self.top..self.top + self.rows
    }

    /// Adds the segment from `a` to `b` (device px), `half` px either side of its centre line,
    /// to the coverage of the bundle under way. Its end column (or row) is left to the next
    /// segment of a polyline.
    pub fn segment(&mut self, a: (f64, f64), b: (f64, f64), half: f64) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
            return;
        }
        // Walk the major axis: `u` along it, `v` across; `steep` swaps x and y.
        let steep = dy.abs() > dx.abs();
        let (ua, va, ub) = if steep {
            (a.1, a.0, b.1)
        } else {
            (a.0, a.1, b.0)
        };
        let (du, dv) = if steep { (dy, dx) } else { (dx, dy) };
        let m = dv / du;
        // The line's extent across the major axis, either side of its centre.
        let reach = half * (1.0 + m * m).sqrt();
        let (nu, nv) = if steep {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        };
        let (mut lo, mut hi) = if ua <= ub { (ua, ub) } else { (ub, ua) };
        // Only the columns where the line is on the image: centre ± reach within [0, nv].
        let (v_lo, v_hi) = (-reach - 1.0, nv as f64 + reach + 1.0);
        if m == 0.0 {
            if va < v_lo || va > v_hi {
                return;
            }
        } else {
            let (p, q) = ((v_lo - va) / m + ua, (v_hi - va) / m + ua);
            (lo, hi) = (lo.max(p.min(q)), hi.min(p.max(q)));
        }
        // Columns whose centres c + 0.5 lie in [lo, hi).
        let first = (lo - 0.5).ceil().max(0.0);
        let end = ((hi - 0.5).ceil()).min(nu as f64);
        if first >= end {
            return;
        }
        let (first, end) = (first as usize, end as usize);
        // Of those, the columns that can reach the rows kept (a band: see `begin_rows`). The
        // centre is stepped in whole columns of fixed point from `first` as on the whole image,
        // so skipping columns changes no pixel: a steep line's columns are rows, cut to the
        // band's; a shallow line's are cut to where it comes within a pixel of the band's rows
        // (a superset: the rows are cut to the band's in the loop below).
        let (mut c0, mut c1) = (first, end);
        let (top, bottom) = (self.top, self.top + self.rows);
        if steep {
            (c0, c1) = (c0.max(top), c1.min(bottom));
        } else if self.rows < self.height {
            let (b_lo, b_hi) = (top as f64 - reach - 2.0, bottom as f64 + reach + 2.0);
            if m == 0.0 {
                if va < b_lo || va > b_hi {
                    return;
                }
            } else {
                let (p, q) = ((b_lo - va) / m + ua, (b_hi - va) / m + ua);
                let lo = (p.min(q) - 1.0).floor().max(0.0);
                let hi = (p.max(q) + 1.0).ceil().max(0.0);
                (c0, c1) = (c0.max(lo as usize), c1.min(hi as usize));
            }
        }
        if c0 >= c1 {
            return;
        }
        let (width, touched, mask) = (self.width, &mut self.touched, &mut self.mask);
        let (mut lo_row, mut hi_row) = (usize::MAX, 0);
        // Across the major axis in 16.16 fixed point: the centre steps by the slope each
        // column (over a few thousand columns the error stays under 0.05 px); a pixel's coverage
        // is the overlap of [top, bottom) with its row, 1 = 256.
        const ONE: i64 = 1 << 16;
        let fixed = |v: f64| (v * ONE as f64).round() as i64;
        let mut centre = fixed(va + m * (first as f64 + 0.5 - ua));
        let (step, reach) = (fixed(m), fixed(reach));
        centre += step * (c0 - first) as i64;
        let nv = nv as i64;
        // The rows kept (see `begin_rows`), as a range of `v` (across) for a shallow line and of
        // `u` (along) for a steep one; pixel (column x, row y) is at (y − top) · width + x.
        let v_keep = if steep {
            0..nv
        } else {
            top as i64..bottom as i64
        };
        // Index of pixel (column c, row r): r · across + c · along.
        let (across, along) = if steep { (1, width) } else { (width, 1) };
        let skip = self.top * width;
        for c in c0..c1 {
            let (top, bottom) = (centre - reach, centre + reach);
            centre += step;
            let r0 = (top >> 16).max(v_keep.start);
            let r1 = ((bottom + ONE - 1) >> 16).min(nv).min(v_keep.end);
            if r0 >= r1 {
                continue;
            }
            for r in r0..r1 {
                let ink = bottom.min((r + 1) << 16) - top.max(r << 16);
                let v = (ink >> 8).clamp(0, 255) as u8;
                let k = (r as usize * across + c * along).wrapping_sub(skip);
                if let Some(m) = mask.get_mut(k) {
                    if *m == 0 && v > 0 {
                        touched.push(k as u32);
                    }
                    *m = (*m).max(v);
                }
            }
            (lo_row, hi_row) = (lo_row.min(r0 as usize), hi_row.max(r1 as usize));
        }
        if lo_row < hi_row {
            let (x0, y0, x1, y1) = if steep {
                (lo_row, c0, hi_row, c1)
            } else {
                (c0, lo_row, c1, hi_row)
            };
            // In the rows kept.
            let (y0, y1) = (y0.clamp(top, bottom) - top, y1.clamp(top, bottom) - top);
            if y0 < y1 {
                self.bundle = grow(self.bundle, (x0, y0, x1, y1));
            }
        }
    }

    /// Paints the bundle's coverage in `colour` over the image (source-over) and starts the next
    /// bundle.
    pub fn paint(&mut self, colour: Rgba) {
        let Some(bounds) = self.bundle.take() else {
            return;
        };
        let (rb, ga, alpha) = lanes(colour);
        for &k in &self.touched {
            let k = k as usize;
            let (Some(m), Some(p)) = (self.mask.get_mut(k), self.px.get_mut(k)) else {
                continue;
            };
            // a = colour alpha × coverage, 0–255.
            let a = div255(alpha * u32::from(*m));
            *m = 0;
            *p = over(*p, rb, ga, a);
        }
        self.touched.clear();
        self.painted = grow(self.painted, bounds);
    }

    /// Blends a disc of radius `r` at `centre` (device px) in `colour` over the image: each
    /// pixel's coverage is how far inside the edge its centre lies, within ±½ px.
    pub fn fill_disc(&mut self, centre: (f64, f64), r: f64, colour: Rgba) {
        let r = r.max(0.0);
        // Wholly covered within r - ½ of the centre.
        let full = if r >= 0.5 {
            (r - 0.5) * (r - 0.5)
        } else {
            -1.0
        };
        self.disc_pass(centre, r + 0.5, (-1.0, full), colour, |d| r + 0.5 - d);
    }

    /// Blends a ring of radius `r` and width 2·`half` (device px) at `centre`, centred on the
    /// circle, in `colour` over the image.
    pub fn ring(&mut self, centre: (f64, f64), r: f64, half: f64, colour: Rgba) {
        let r = r.max(0.0);
        // Not reached within r - half - ½ of the centre (the hole the ring goes round).
        let hole = r - half - 0.5;
        let none = if hole > 0.0 { hole * hole } else { -1.0 };
        self.disc_pass(centre, r + half + 0.5, (none, -1.0), colour, |d| {
            half + 0.5 - (d - r).abs()
        });
    }

    /// Blends `colour` over the pixels within `reach` of `centre`, each by `coverage(distance of
    /// its centre)` clamped to 0–1. Squared distances tell, without a square root, the pixels
    /// not reached (≥ `reach`², or ≤ `none`², where the coverage is 0) and those covered whole
    /// (≤ `whole`², where it is 1); pass a negative bound for none.
    fn disc_pass(
        &mut self,
        (cx, cy): (f64, f64),
        reach: f64,
        (none, whole): (f64, f64),
        colour: Rgba,
        coverage: impl Fn(f64) -> f64,
    ) {
        if !(cx.is_finite() && cy.is_finite() && reach.is_finite()) {
            return;
        }
        let w = self.width as f64;
        let (top, bottom) = (self.top as f64, (self.top + self.rows) as f64);
        let x0 = clamp((cx - reach).floor(), 0.0, w) as usize;
        let x1 = clamp((cx + reach).ceil(), 0.0, w) as usize;
        let y0 = clamp((cy - reach).floor(), top, bottom) as usize;
        let y1 = clamp((cy + reach).ceil(), top, bottom) as usize;
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        let (rb, ga, alpha) = lanes(colour);
        let reach2 = reach * reach;
        for y in y0..y1 {
            let dy = y as f64 + 0.5 - cy;
            for x in x0..x1 {
                let dx = x as f64 + 0.5 - cx;
                let d2 = dx * dx + dy * dy;
                if d2 >= reach2 || d2 <= none {
                    continue;
                }
                let cov = if d2 <= whole {
                    1.0
                } else {
                    coverage(d2.sqrt()).clamp(0.0, 1.0)
                };
                let a = (f64::from(alpha) * cov + 0.5) as u32;
                if a == 0 {
                    continue;
                }
                if let Some(p) = self.px.get_mut((y - self.top) * self.width + x) {
                    *p = over(*p, rb, ga, a);
                }
            }
        }
        self.painted = grow(self.painted, (x0, y0 - self.top, x1, y1 - self.top));
    }

    /// The painted part of the image, straight (not premultiplied) RGBA as a canvas's
    /// `ImageData` holds it, with its top-left corner and size in device pixels; `None` when
    /// nothing was painted.
    pub fn rgba(&mut self) -> Option<Image<'_>> {
        let (x0, y0, x1, y1) = self.painted?;
        let (w, h) = (x1 - x0, y1 - y0);
        // Zeroed at once (a memset), then only the pixels with ink written: most of an arcs
        // layer is empty, and a pixel by pixel append took a quarter of rasterising the shipped
        // layer (cargo bench --bench core -- "arcs layer rasterised").
        self.out.clear();
        self.out.resize(w * h * 4, 0);
        if w == 0 {
            return None;
        }
        for (y, dst) in (y0..y1).zip(self.out.chunks_exact_mut(w * 4)) {
            let row = self.px.get(y * self.width + x0..y * self.width + x1)?;
            // Eight pixels at a time: a run without ink is passed over with one test.
            for (px, d) in row.chunks(8).zip(dst.chunks_mut(32)) {
                if px.iter().fold(0, |acc, p| acc | p) == 0 {
                    continue;
                }
                for (p, d) in px.iter().zip(d.chunks_exact_mut(4)) {
                    match p.to_le_bytes() {
                        [_, _, _, 0] => {}
                        rgba @ [_, _, _, 255] => d.copy_from_slice(&rgba),
                        [r, g, b, a] => {
                            // c · 255 / a, rounded, with one division per pixel (16.16 fixed point).
                            let k = (255 << 16) / u32::from(a);
                            let un = |c: u8| ((u32::from(c) * k + (1 << 15)) >> 16).min(255) as u8;
                            d.copy_from_slice(&[un(r), un(g), un(b), a]);
                        }
                    }
                }
            }
        }
        Some(Image {
            rgba: &self.out,
            at: (x0, y0 + self.top),
            size: (w, h),
        })
    }

    /// The premultiplied RGBA of pixel (`x`, `y`), for tests.
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 4] {
        let Some(y) = y.checked_sub(self.top).filter(|&y| y < self.rows) else {
            return [0; 4];
        };
        self.px
            .get(y * self.width + x)
            .map_or([0; 4], |p| p.to_le_bytes())
    }
}

/// `v` held within `lo..=hi`: `f64::clamp` without its check that `lo <= hi`, whose panic message
/// formats both bounds and so would bring core's float printing (~20 KB) into the module.
#[inline]
fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    const RED: Rgba = [255, 0, 0, 255];

    /// A polyline of `points`, `width` px wide, into the bundle under way.
    fn line(r: &mut Raster, points: &[(f64, f64)], width: f64) {
        for w in points.windows(2) {
            if let [a, b] = w {
                r.segment(*a, *b, width / 2.0);
            }
        }
    }

    fn alpha_column(r: &Raster, x: usize) -> Vec<u8> {
        (0..r.size().1).map(|y| r.pixel(x, y)[3]).collect()
    }

    #[test]
    fn a_one_pixel_line_puts_one_pixel_of_ink_in_each_column() {
        let mut r = Raster::default();
        r.begin(20, 10);
        // On a pixel row's centre: that row alone, fully.
        line(&mut r, &[(2.0, 4.5), (18.0, 4.5)], 1.0);
        r.paint(RED);
        assert_eq!(alpha_column(&r, 10), vec![0, 0, 0, 0, 255, 0, 0, 0, 0, 0]);
        assert_eq!(r.pixel(10, 4), [255, 0, 0, 255]);
        // Between two rows: half in each.
        r.begin(20, 10);
        line(&mut r, &[(2.0, 5.0), (18.0, 5.0)], 1.0);
        r.paint(RED);
        let col = alpha_column(&r, 10);
        assert_eq!((col[4], col[5]), (128, 128), "{col:?}");
        // Columns outside the span are not touched (butt ends).
        assert_eq!(r.pixel(1, 5), [0; 4]);
        assert_eq!(r.pixel(18, 5), [0; 4]);
        assert_ne!(r.pixel(17, 5), [0; 4]);
    }

    #[test]
    fn a_sloped_line_keeps_its_ink_per_column_and_a_steep_one_per_row() {
        let mut r = Raster::default();
        r.begin(40, 40);
        line(&mut r, &[(0.0, 0.0), (40.0, 20.0)], 1.0);
        r.paint(RED);
        for x in 2..38 {
            let ink: u32 = alpha_column(&r, x).iter().map(|&a| u32::from(a)).sum();
            // 1 px wide at slope 1/2: √(1 + ¼) ≈ 1.118 px of ink per column.
            assert!(
                (f64::from(ink) / 255.0 - 1.118).abs() < 0.03,
                "column {x}: {ink}"
            );
        }
        r.begin(40, 40);
        line(&mut r, &[(10.0, 0.0), (12.0, 40.0)], 2.0);
        r.paint(RED);
        for y in 1..39 {
            let ink: u32 = (0..40).map(|x| u32::from(r.pixel(x, y)[3])).sum();
            assert!(
                (f64::from(ink) / 255.0 - 2.0).abs() < 0.03,
                "row {y}: {ink}"
            );
        }
    }

    #[test]
    fn a_bundle_paints_its_overlaps_once_and_bundles_blend_source_over() {
        let mut r = Raster::default();
        r.begin(20, 10);
        let half = [255, 0, 0, 128];
        // Two lines of one bundle over the same pixels: painted once, as one canvas stroke.
        line(&mut r, &[(0.0, 4.5), (20.0, 4.5)], 1.0);
        line(&mut r, &[(0.0, 4.5), (20.0, 4.5)], 1.0);
        r.paint(half);
        assert_eq!(r.pixel(5, 4), [128, 0, 0, 128]);
        // A second bundle over it: a = 0.5 + 0.5·(1 − 0.5) = 0.75.
        line(&mut r, &[(0.0, 4.5), (20.0, 4.5)], 1.0);
        r.paint(half);
        assert_eq!(r.pixel(5, 4), [192, 0, 0, 192]);
        let Image { rgba, at, size } = r.rgba().expect("painted");
        assert_eq!((at, size), ((0, 4), (20, 1)));
        assert_eq!(
            rgba.get(20..24),
            Some(&[255, 0, 0, 192][..]),
            "straight alpha"
        );
    }

    #[test]
    fn a_polyline_does_not_cover_its_shared_points_twice() {
        let mut r = Raster::default();
        r.begin(40, 20);
        line(&mut r, &[(0.0, 8.0), (10.0, 10.0), (20.0, 12.0)], 2.0);
        r.paint([255, 0, 0, 100]);
        for x in 1..19 {
            let ink: u32 = alpha_column(&r, x).iter().map(|&a| u32::from(a)).sum();
            // 2 px wide, ×100/255 alpha, ≈ 2.04 px of ink per column at slope 0.2.
            let want = 2.0 * (1.0f64 + 0.04).sqrt() * 100.0;
            assert!((f64::from(ink) - want).abs() < 12.0, "column {x}: {ink}");
        }
    }

    #[test]
    fn a_disc_is_solid_inside_soft_at_its_edge_and_a_ring_lies_on_its_circle() {
        let mut r = Raster::default();
        r.begin(20, 20);
        r.fill_disc((10.5, 10.5), 4.0, RED);
        r.ring((10.5, 10.5), 4.0, 0.5, [0, 0, 255, 255]);
        assert_eq!(r.pixel(10, 10), [255, 0, 0, 255], "the centre: the fill");
        assert_eq!(r.pixel(14, 10), [0, 0, 255, 255], "4 px out, on the ring");
        assert_eq!(r.pixel(16, 10), [0; 4], "outside the ring");
        // The fill's ink is the disc's area: π·4² ≈ 50.3 px.
        r.begin(20, 20);
        r.fill_disc((10.0, 10.0), 4.0, RED);
        let ink: u32 = (0..20)
            .flat_map(|x| (0..20).map(move |y| (x, y)))
            .map(|(x, y)| u32::from(r.pixel(x, y)[3]))
            .sum();
        assert!((f64::from(ink) / 255.0 - 50.3).abs() < 1.0, "{ink}");
        // A disc off the image paints nothing.
        r.begin(20, 20);
        r.fill_disc((-30.0, 5.0), 4.0, RED);
        r.fill_disc((f64::NAN, 5.0), 4.0, RED);
        assert!(r.rgba().is_none());
    }

    #[test]
    fn blending_two_channels_per_multiply_rounds_as_the_exact_formula() {
        let exact =
            |s: u32, d: u32, a: u32| (f64::from(s * a + d * (255 - a)) / 255.0).round() as u32;
        for a in 0..=255 {
            for (s, d) in [
                (0, 0),
                (255, 255),
                (255, 0),
                (0, 255),
                (17, 200),
                (128, 127),
                (3, 251),
            ] {
                let dst = u32::from_le_bytes([d as u8, (255 - d) as u8, d as u8, s as u8]);
                let (rb, ga, _) = lanes([s as u8, (255 - s) as u8, 9, 0]);
                let got = over(dst, rb, ga, a).to_le_bytes();
                assert_eq!(u32::from(got[0]), exact(s, d, a), "red {s} over {d} at {a}");
                assert_eq!(u32::from(got[1]), exact(255 - s, 255 - d, a), "green");
                assert_eq!(u32::from(got[2]), exact(9, d, a), "blue");
                assert_eq!(u32::from(got[3]), exact(255, s, a), "alpha");
            }
            assert_eq!(div255(a * 255), a);
        }
    }

    #[test]
    fn lines_far_outside_or_broken_are_clipped_and_begin_clears_what_was_painted() {
        let mut r = Raster::default();
        r.begin(10, 10);
        line(&mut r, &[(-1e12, -5.0), (1e12, 5.0)], 1.0);
        line(&mut r, &[(f64::NAN, 1.0), (3.0, 3.0)], 1.0);
        line(&mut r, &[(3.0, 3.0), (3.0, 3.0)], 1.0);
        line(&mut r, &[(-50.0, -50.0), (-40.0, -30.0)], 1.0);
        r.paint(RED);
        assert!((0..10).any(|x| r.pixel(x, 0)[3] > 0));
        r.begin(10, 10);
        assert!((0..10).all(|x| (0..10).all(|y| r.pixel(x, y) == [0; 4])));
        assert!(r.rgba().is_none());
        line(&mut r, &[(-50.0, -50.0), (-40.0, -30.0)], 1.0);
        r.paint(RED);
        assert!(r.rgba().is_none(), "nothing on the image");
    }

    #[test]
    fn discs_and_rings_cover_each_pixel_by_the_distance_of_its_centre_exactly() {
        // The squared-distance shortcuts change no pixel: every pixel as the formula has it.
        let colour = [200, 100, 50, 255];
        let formula = |cov: f64| -> u32 { (255.0 * cov.clamp(0.0, 1.0) + 0.5) as u32 };
        for r in [0.2, 0.5, 1.0, 2.5, 4.0, 7.7] {
            for half in [0.25, 0.75, 1.5] {
                for centre in [(10.0, 10.0), (10.3, 9.6), (10.5, 10.5)] {
                    let mut disc = Raster::default();
                    disc.begin(24, 24);
                    disc.fill_disc(centre, r, colour);
                    let mut ring = Raster::default();
                    ring.begin(24, 24);
                    ring.ring(centre, r, half, colour);
                    for y in 0..24 {
                        for x in 0..24 {
                            let d = ((x as f64 + 0.5 - centre.0).powi(2)
                                + (y as f64 + 0.5 - centre.1).powi(2))
                            .sqrt();
                            let want = formula(r + 0.5 - d);
                            assert_eq!(
                                u32::from(disc.pixel(x, y)[3]),
                                want,
                                "disc r {r} at {x},{y}"
                            );
                            let want = formula(half + 0.5 - (d - r).abs());
                            assert_eq!(
                                u32::from(ring.pixel(x, y)[3]),
                                want,
                                "ring r {r} half {half} at {x},{y}"
                            );
                        }
                    }
                }
            }
        }
    }
    #[test]
    fn bands_of_rows_rasterised_apart_are_the_whole_image() {
        // Shallow, steep, wide, off-image and crossing lines, two bundles, discs with rings: the
        // image in bands of rows (uneven, one empty) holds the whole image's pixels, bit for bit.
        let draw = |r: &mut Raster| {
            line(r, &[(-5.0, 3.3), (60.0, 17.8), (70.0, 44.1)], 1.0);
            line(r, &[(31.7, -4.0), (33.2, 52.0)], 2.5);
            line(r, &[(5.0, 40.0), (66.0, 2.2), (10.0, 20.5)], 0.7);
            // Nearly level and nearly upright across the bands' edges.
            line(r, &[(-3.0, 12.7), (75.0, 13.4), (0.0, 31.2)], 1.0);
            line(r, &[(40.2, -2.0), (40.9, 50.0)], 1.3);
            r.paint([200, 40, 10, 180]);
            line(r, &[(0.0, 24.5), (72.0, 24.5)], 6.0);
            r.paint([0, 90, 255, 255]);
            r.fill_disc((20.3, 15.9), 3.5, [10, 200, 10, 255]);
            r.ring((20.3, 15.9), 3.5, 0.6, [0, 0, 0, 200]);
            r.fill_disc((50.0, 30.0), 7.0, [250, 250, 0, 128]);
        };
        let (w, h) = (72, 48);
        let mut whole = Raster::default();
        whole.begin(w, h);
        draw(&mut whole);
        let mut found = 0;
        for rows in [0..13, 13..14, 14..14, 14..31, 31..48] {
            let mut band = Raster::default();
            band.begin_rows(w, h, rows.clone());
            draw(&mut band);
            for y in 0..h {
                for x in 0..w {
                    let want = if rows.contains(&y) {
                        whole.pixel(x, y)
                    } else {
                        [0; 4]
                    };
                    assert_eq!(band.pixel(x, y), want, "rows {rows:?}: pixel {x},{y}");
                    found += usize::from(want[3] > 0);
                }
            }
            // Its painted part, where it lies in the whole image.
            if let Some(Image { rgba, at, size }) = band.rgba() {
                assert!(
                    at.1 >= rows.start && at.1 + size.1 <= rows.end,
                    "{at:?} {size:?}"
                );
                assert_eq!(rgba.len(), size.0 * size.1 * 4);
            }
        }
        assert!(found > 1000, "{found} pixels inked");
    }
}
