//! Label placement in screen pixels: greedy by priority, each label tried at a few positions
//! around its anchor and kept at the first that overlaps no obstacle and no label placed before
//! it (checked through a uniform grid of buckets, so a placement costs only its neighbours).
//!
//! Text widths are estimated here, per character class, rather than measured by the browser:
//! placement then needs no round trip across the boundary per string, is the same on every
//! machine (so natively testable), and the estimate errs on the wide side (a label gets a little
//! more room than it needs, never less). CJK ideographs are one em wide in every CJK font; for
//! Latin text the classes below follow the advance widths of common sans-serif fonts (DejaVu,
//! Noto Sans, Helvetica) rounded up.

use crate::scene::Rect;
use crate::viewport::ScreenPt;

/// The estimated advance of `text` set at `size_px`, in CSS px (rounded up per class).
pub fn text_width_px(text: &str, size_px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size_px
}

/// The estimated advance of one character, in em.
fn char_em(c: char) -> f64 {
    match c {
        // CJK ideographs, kana, hangul, fullwidth forms and CJK punctuation: one em.
        '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' => 1.0,
        '\u{FF00}'..='\u{FFEF}' => 1.0,
        'i' | 'j' | 'l' | '\'' | '’' | '.' | ',' | ':' | ';' | '|' | '!' => 0.32,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '-' | '[' | ']' | '/' => 0.42,
        'm' | 'w' => 0.9,
        'M' | 'W' => 0.95,
        'a'..='z' => 0.6,
        'A'..='Z' => 0.72,
        '0'..='9' | '+' | '·' => 0.64,
        _ => 0.7, // accented Latin, Cyrillic, symbols: on the wide side
    }
}

/// Where a label may sit around its anchor, in the order tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Centred on the anchor only (country names).
    Centred,
    /// Right, left, above, below, then the four diagonals, `gap_px` away from the anchor.
    Around,
}

/// A label to place.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    /// The point it names, CSS px.
    pub anchor: ScreenPt,
    /// The text.
    pub text: String,
    /// Font size, CSS px.
    pub size_px: f64,
    /// Higher is placed first.
    pub priority: f64,
    /// Distance kept from the anchor (the marker's radius plus a little), CSS px.
    pub gap_px: f64,
    /// Where it may go.
    pub placement: Placement,
    /// Placed whatever it overlaps (the hovered or selected pair's ends).
    pub forced: bool,
    /// The caller's tag (an index), handed back with the placed label.
    pub tag: usize,
}

/// A placed label: its box and text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// The text's box, CSS px.
    pub rect: Rect,
    /// The text.
    pub text: String,
    /// Font size, CSS px.
    pub size_px: f64,
    /// The request's tag.
    pub tag: usize,
}

/// Padding kept between labels, CSS px.
pub const LABEL_PAD_PX: f64 = 2.0;

/// Height of a label's box for a font size: the line box, a little more than the size.
pub fn line_height_px(size_px: f64) -> f64 {
    (size_px * 1.25).ceil()
}

/// The boxes a request may take, in the order tried.
pub fn candidates(r: &LabelRequest) -> Vec<Rect> {
    let w = text_width_px(&r.text, r.size_px).ceil();
    let h = line_height_px(r.size_px);
    let (x, y, g) = (r.anchor.x, r.anchor.y, r.gap_px);
    match r.placement {
        Placement::Centred => vec![Rect::centred(r.anchor, w, h)],
        Placement::Around => vec![
            Rect::new(x + g, y - h / 2.0, w, h),
            Rect::new(x - g - w, y - h / 2.0, w, h),
            Rect::new(x - w / 2.0, y - g - h, w, h),
            Rect::new(x - w / 2.0, y + g, w, h),
            Rect::new(x + g * 0.7, y - g * 0.7 - h, w, h),
            Rect::new(x + g * 0.7, y + g * 0.7, w, h),
            Rect::new(x - g * 0.7 - w, y - g * 0.7 - h, w, h),
            Rect::new(x - g * 0.7 - w, y + g * 0.7, w, h),
        ],
    }
}

/// Rectangles bucketed on a uniform grid, for overlap queries that look only nearby.
#[derive(Debug, Clone)]
pub struct RectGrid {
    cell_px: f64,
    cols: i64,
    rows: i64,
    buckets: Vec<Vec<usize>>,
    rects: Vec<Rect>,
}

impl RectGrid {
    /// An empty grid over `bounds` (rectangles outside it land in the edge cells).
    pub fn new(bounds: Rect, cell_px: f64) -> Self {
        let cell_px = cell_px.max(4.0);
        let cols = ((bounds.x + bounds.w).max(1.0) / cell_px)
            .ceil()
            .clamp(1.0, 512.0) as i64;
        let rows = ((bounds.y + bounds.h).max(1.0) / cell_px)
            .ceil()
            .clamp(1.0, 512.0) as i64;
        Self {
            cell_px,
            cols,
            rows,
            buckets: vec![Vec::new(); (cols * rows) as usize],
            rects: Vec::new(),
        }
    }

    /// The columns and rows of cells `r` lies on: (x0, x1, y0, y1), ends included.
    fn span(&self, r: &Rect) -> (i64, i64, i64, i64) {
        let c = |v: f64, n: i64| ((v / self.cell_px).floor() as i64).clamp(0, n - 1);
        let (x0, x1) = (c(r.x, self.cols), c(r.x + r.w, self.cols));
        let (y0, y1) = (c(r.y, self.rows), c(r.y + r.h, self.rows));
        (x0, x1, y0, y1)
    }

    fn cells(&self, r: &Rect) -> impl Iterator<Item = usize> {
        let (x0, x1, y0, y1) = self.span(r);
        let cols = self.cols;
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (y * cols + x) as usize))
    }

    /// Adds a rectangle.
    pub fn insert(&mut self, r: Rect) {
        let k = self.rects.len();
        self.rects.push(r);
        let (x0, x1, y0, y1) = self.span(&r);
        for y in y0..=y1 {
            for x in x0..=x1 {
                if let Some(b) = self.buckets.get_mut((y * self.cols + x) as usize) {
                    b.push(k);
                }
            }
        }
    }

    /// Whether `r` overlaps any rectangle added so far.
    pub fn hits(&self, r: &Rect) -> bool {
        self.cells(r).any(|cell| {
            self.buckets.get(cell).is_some_and(|b| {
                b.iter()
                    .any(|&k| self.rects.get(k).is_some_and(|o| o.overlaps(r)))
            })
        })
    }
}

/// Places labels greedily by priority (ties keep the given order): each takes the first of its
/// [`candidates`] that stays inside `bounds` and overlaps neither an obstacle nor a label placed
/// before it (with [`LABEL_PAD_PX`] between labels); one with no such place is left out, unless
/// it is forced, which takes its first candidate regardless.
pub fn place(
    mut requests: Vec<LabelRequest>,
    obstacles: &[Rect],
    bounds: Rect,
) -> Vec<PlacedLabel> {
    crate::sort::sort_by(&mut requests, |a, b| {
        b.forced
            .cmp(&a.forced)
            .then(b.priority.total_cmp(&a.priority))
    });
    place_in_order(requests, obstacles, bounds, usize::MAX)
}

/// As [`place`] for `requests` already in the order they are placed in (their `priority` is
/// not looked at), stopping once `limit` are placed: the labels placed are the first `limit`
/// of what [`place`] would place, as a label never moves one placed before it. A caller that
/// keeps only the first few of thousands (a world network's partner names) then makes and
/// tries only as many requests as that takes.
pub fn place_in_order(
    requests: impl IntoIterator<Item = LabelRequest>,
    obstacles: &[Rect],
    bounds: Rect,
    limit: usize,
) -> Vec<PlacedLabel> {
    let mut blocked = RectGrid::new(bounds, 48.0);
    // Only the obstacles on the canvas: a label is placed inside `bounds`, so one outside it
    // can never block one (the overlap test is strict). Zoomed in on a world network, most of
    // its thousands of stacks lie off the canvas, and the grid put each in an edge cell, where
    // every label near an edge then tested them all.
    for o in obstacles.iter().filter(|o| o.overlaps(&bounds)) {
        blocked.insert(*o);
    }
    let mut labels = RectGrid::new(bounds, 48.0);
    let mut placed = Vec::new();
    for r in requests {
        if placed.len() >= limit {
            break;
        }
        let boxes = candidates(&r);
        let free = boxes.iter().find(|b| {
            bounds.encloses(b) && !blocked.hits(b) && !labels.hits(&b.grow(LABEL_PAD_PX))
        });
        let chosen = match (free, r.forced) {
            (Some(b), _) => Some(*b),
            (None, true) => boxes.first().copied(),
            (None, false) => None,
        };
        if let Some(rect) = chosen {
            labels.insert(rect);
            placed.push(PlacedLabel {
                rect,
                text: r.text,
                size_px: r.size_px,
                tag: r.tag,
            });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(x: f64, y: f64, text: &str, priority: f64) -> LabelRequest {
        LabelRequest {
            anchor: ScreenPt::new(x, y),
            text: text.into(),
            size_px: 12.0,
            priority,
            gap_px: 5.0,
            placement: Placement::Around,
            forced: false,
            tag: priority as usize,
        }
    }

    #[test]
    fn no_place_of_a_label_lies_on_the_canvas_when_its_anchor_is_farther_off_it_than_its_gap() {
        // The layout passes over stacks whose anchor lies outside the canvas grown by their
        // gap, before naming them (map/layout.rs): they must have no place a label may take.
        let bounds = Rect::new(0.0, 0.0, 200.0, 120.0);
        let mut outside = 0;
        for gap in [0.0, 2.5, 5.0, 9.0] {
            for text in [
                "A",
                "Shimonoseki",
                "下关市 +3",
                "Llanfairpwllgwyngyll-gogerychwyrndrobwll",
            ] {
                for placement in [Placement::Around, Placement::Centred] {
                    for ix in -40..=60 {
                        for iy in -30..=40 {
                            let anchor =
                                ScreenPt::new(ix as f64 * 5.3 - 20.0, iy as f64 * 4.7 - 20.0);
                            if bounds.grow(gap).contains(anchor) {
                                continue;
                            }
                            outside += 1;
                            let r = LabelRequest {
                                anchor,
                                placement,
                                gap_px: gap,
                                ..req(0.0, 0.0, text, 1.0)
                            };
                            let on = candidates(&r).into_iter().find(|b| bounds.encloses(b));
                            assert_eq!(
                                on, None,
                                "{text:?} at {anchor:?}, gap {gap}, {placement:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(outside > 150_000, "{outside} anchors off the canvas tried");
    }

    #[test]
    fn chinese_text_is_wider_per_character_than_latin() {
        assert_eq!(text_width_px("山口县", 12.0), 36.0);
        let latin = text_width_px("Ube", 12.0);
        assert!(latin > 20.0 && latin < 30.0, "{latin}");
        assert!(text_width_px("Shimonoseki", 12.0) > text_width_px("Ube", 12.0));
    }

    #[test]
    fn placed_labels_never_overlap_and_the_higher_priority_wins() {
        let bounds = Rect::new(0.0, 0.0, 400.0, 300.0);
        // Twenty anchors on top of one another: the first placed takes the right, the next
        // the left, then what room is left above, below and on the diagonals; the rest are
        // left out.
        let reqs: Vec<_> = (0..20)
            .map(|k| req(200.0, 150.0, "Yamaguchi", k as f64))
            .collect();
        let placed = place(reqs, &[], bounds);
        assert!((2..=8).contains(&placed.len()), "{}", placed.len());
        assert!(
            placed[1].rect.x + placed[1].rect.w < 200.0,
            "the next on the left"
        );
        assert_eq!(placed[0].tag, 19, "highest priority first");
        assert!(placed[0].rect.x > 200.0, "and on the right");
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} {b:?}");
            }
            assert!(bounds.encloses(&a.rect));
        }
    }

    #[test]
    fn obstacles_and_the_bounds_push_a_label_to_its_next_place() {
        let bounds = Rect::new(0.0, 0.0, 400.0, 300.0);
        // At the right edge: the right side does not fit, so the label goes left.
        let placed = place(vec![req(395.0, 150.0, "Busan", 1.0)], &[], bounds);
        assert!(placed[0].rect.x + placed[0].rect.w < 395.0);
        // An obstacle on the right and on the left: above.
        let obstacles = [
            Rect::new(205.0, 146.0, 60.0, 10.0),
            Rect::new(140.0, 146.0, 58.0, 10.0),
        ];
        let placed = place(vec![req(200.0, 150.0, "Busan", 1.0)], &obstacles, bounds);
        assert!(
            placed[0].rect.y + placed[0].rect.h <= 145.0,
            "{:?}",
            placed[0]
        );
        // Nowhere to go and not forced: left out; forced: placed anyway.
        let wall = [Rect::new(0.0, 0.0, 400.0, 300.0)];
        assert!(place(vec![req(200.0, 150.0, "Busan", 1.0)], &wall, bounds).is_empty());
        let mut forced = req(200.0, 150.0, "Busan", 1.0);
        forced.forced = true;
        assert_eq!(place(vec![forced], &wall, bounds).len(), 1);
    }

    #[test]
    fn placing_in_order_up_to_a_limit_places_the_first_labels_of_placing_them_all() {
        // Crowded requests (many collide and are left out), ties in priority among them, some
        // obstacles: the first `limit` labels of placing everything, exactly.
        let bounds = Rect::new(0.0, 0.0, 640.0, 400.0);
        let obstacles = [
            Rect::new(100.0, 100.0, 80.0, 40.0),
            Rect::new(400.0, 0.0, 30.0, 400.0),
        ];
        let reqs: Vec<_> = (0..600)
            .map(|k| {
                let (x, y) = ((k * 53 % 640) as f64, (k * 29 % 400) as f64);
                req(
                    x,
                    y,
                    if k % 3 == 0 { "Shimonoseki" } else { "Ube" },
                    (k % 7) as f64,
                )
            })
            .collect();
        let all = place(reqs.clone(), &obstacles, bounds);
        assert!(all.len() > 40 && all.len() < 600, "{} placed", all.len());
        let mut sorted = reqs;
        crate::sort::sort_by(&mut sorted, |a, b| b.priority.total_cmp(&a.priority));
        for limit in [0, 1, 17, 40, all.len(), 10_000] {
            let some = place_in_order(sorted.clone(), &obstacles, bounds, limit);
            assert_eq!(some.len(), limit.min(all.len()), "limit {limit}");
            assert_eq!(some[..], all[..some.len()], "limit {limit}");
        }
    }

    #[test]
    fn a_thousand_labels_place_in_a_few_milliseconds() {
        let bounds = Rect::new(0.0, 0.0, 1280.0, 800.0);
        let reqs: Vec<_> = (0..1000)
            .map(|k| {
                let (x, y) = ((k * 37 % 1280) as f64, (k * 91 % 800) as f64);
                req(x, y, "Friendship city", k as f64)
            })
            .collect();
        let t = std::time::Instant::now();
        let placed = place(reqs, &[], bounds);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!("1000 label requests, {} placed in {ms:.2} ms", placed.len());
        assert!(!placed.is_empty());
    }
}
