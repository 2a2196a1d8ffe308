//! A report image: the map in a frame of the world's shape, then a panel with the title, the
//! summary, the legend, the attribution and the date. Laid out in CSS pixels and drawn through
//! [`Surface`], so the canvas (PNG export) and the [SVG writer](crate::svg) draw the same thing at
//! any scale, whatever panels the page has open.

use crate::limits::{MAX_CANVAS_SIDE_PX, MAX_REPORT_WIDTH_CSS_PX, MIN_REPORT_WIDTH_CSS_PX};
use crate::scene::Scene;
use crate::style::Rgba;
use crate::surface::{ScreenPt, Surface, TextStyle};
use crate::svg::SvgSurface;
use serde::Deserialize;

/// Padding round the panel's content, CSS px.
const PAD: f64 = 14.0;
/// Width of one legend column, CSS px.
const LEGEND_COLUMN: f64 = 190.0;
/// Side of a legend swatch, CSS px.
const SWATCH: f64 = 10.0;
/// Line height over font size.
const LEADING: f64 = 1.45;

/// What the page puts into a report (its texts are in the UI language).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct ReportSpec {
    /// The report's width in CSS px (the element's width), kept within the limits.
    pub width_css_px: f64,
    /// Device pixels per CSS pixel (1, 2, 3 …); 1 when left out.
    pub scale: Option<f64>,
    /// The image's width in device pixels; when given it sets the scale.
    pub width_px: Option<f64>,
    /// The title line.
    pub title: String,
    /// The summary: counts, coverage and review date.
    pub summary: String,
    /// The legend's labels, one for each entry of the snapshot's legend in order; entries
    /// with nothing visible are left out of the report.
    pub legend: Vec<String>,
    /// The attribution line (basemap and data).
    pub attribution: String,
    /// The date line ("Exported 2026-11-25").
    pub date: String,
    /// The panel's background, `#rrggbb`; white when left out or unreadable.
    pub background: Option<String>,
    /// The panel's text colour, `#rrggbb`; near-black when left out or unreadable.
    pub text: Option<String>,
}

/// One legend entry as the map colours it.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendSwatch {
    /// The entry's colour.
    pub colour: Rgba,
    /// Pairs of this entry now visible.
    pub visible: usize,
}

/// Something drawn in the panel under the map.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelItem {
    /// A line of text, baseline's left end at `at`.
    Text {
        /// Where the line starts.
        at: ScreenPt,
        /// The text.
        text: String,
        /// Size, weight and colour.
        style: TextStyle,
    },
    /// A legend swatch with its top-left corner at `at`.
    Swatch {
        /// The top-left corner.
        at: ScreenPt,
        /// The colour.
        colour: Rgba,
    },
}

/// A laid-out report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Width in CSS px.
    pub width_css_px: f64,
    /// Height in CSS px: the map frame plus the panel.
    pub height_css_px: f64,
    /// Height of the map frame, CSS px (the panel starts there).
    pub map_height_css_px: f64,
    /// Device pixels per CSS pixel of the image.
    pub scale: f64,
    /// The map: land and overlay for the frame.
    pub map: Scene,
    /// The panel's background.
    pub background: Rgba,
    /// The panel's texts and swatches.
    pub panel: Vec<PanelItem>,
}

/// The report's width (whole CSS px, so 2× is exactly twice 1×), map height and scale for `spec`:
/// the width within the limits, the scale from
/// `width_px` or `scale` (1 by default), at most 4 and so the image stays within the canvas limit.
pub fn size(spec: &ReportSpec, aspect: f64) -> (f64, f64, f64) {
    let w = if spec.width_css_px.is_finite() {
        spec.width_css_px
            .round()
            .clamp(MIN_REPORT_WIDTH_CSS_PX, MAX_REPORT_WIDTH_CSS_PX)
    } else {
        MIN_REPORT_WIDTH_CSS_PX
    };
    let wanted = match (spec.width_px, spec.scale) {
        (Some(px), _) if px.is_finite() && px > 0.0 => px / w,
        (_, Some(s)) if s.is_finite() && s > 0.0 => s,
        _ => 1.0,
    };
    (w, (w * aspect).round(), wanted)
}

/// How wide a text is likely to be at `size_px`: CJK and full-width characters one em, others
/// about half. The core cannot measure fonts; this errs on the wide side so lines wrap early.
pub fn text_width(text: &str, size_px: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.56 })
        .sum::<f64>()
        * size_px
}

/// `text` broken into lines no wider than `max_px` at `size_px`: at spaces when a line has one,
/// else anywhere (Chinese has no spaces).
pub fn wrap(text: &str, size_px: f64, max_px: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        if text_width(&line, size_px) > max_px && line.chars().count() > 1 {
            let cut = line.trim_end().rfind(' ').filter(|&k| k > 0);
            let rest = match cut {
                Some(k) => line.split_off(k),
                None => line.pop().map(String::from).unwrap_or_default(),
            };
            lines.push(line.trim_end().to_string());
            line = rest.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Lays out the panel under a map frame of `width` × `map_height` CSS px.
pub fn lay_out(
    spec: &ReportSpec,
    legend: &[LegendSwatch],
    width: f64,
    map_height: f64,
) -> (Vec<PanelItem>, f64) {
    let ink = spec
        .text
        .as_deref()
        .and_then(Rgba::parse_hex)
        .unwrap_or(Rgba::rgb(0x1a, 0x1a, 0x1a));
    let muted = ink.with_alpha(200);
    let inner = width - 2.0 * PAD;
    let mut items = Vec::new();
    let mut y = map_height + PAD;
    lines(&mut items, &spec.title, 16.0, true, ink, inner, &mut y);
    lines(&mut items, &spec.summary, 12.0, false, ink, inner, &mut y);
    let entries: Vec<(&LegendSwatch, &String)> = legend
        .iter()
        .zip(&spec.legend)
        .filter(|(e, _)| e.visible > 0)
        .collect();
    let columns = ((inner / LEGEND_COLUMN).floor() as usize).max(1);
    let row_h = 12.0 * LEADING;
    y += if entries.is_empty() { 0.0 } else { 4.0 };
    for (k, (entry, label)) in entries.iter().enumerate() {
        let x = PAD + (k % columns) as f64 * LEGEND_COLUMN;
        let top = y + (k / columns) as f64 * row_h;
        let swatch = ScreenPt::new(x, top + (row_h - SWATCH) / 2.0);
        items.push(PanelItem::Swatch {
            at: swatch,
            colour: entry.colour.with_alpha(255),
        });
        let text = format!("{label} ({})", entry.visible);
        let fits = fit(&text, 12.0, LEGEND_COLUMN - SWATCH - 10.0);
        let style = TextStyle {
            size_px: 12.0,
            bold: false,
            fill: ink,
            halo: None,
            centred: false,
        };
        // Text is placed by the middle of its line, about 0.35 em above the baseline.
        let at = ScreenPt::new(x + SWATCH + 5.0, top + row_h - 12.0 * 0.7 - 1.0);
        items.push(PanelItem::Text {
            at,
            text: fits,
            style,
        });
    }
    y += entries.len().div_ceil(columns) as f64 * row_h;
    lines(
        &mut items,
        &spec.attribution,
        11.0,
        false,
        muted,
        inner,
        &mut y,
    );
    lines(&mut items, &spec.date, 11.0, false, muted, inner, &mut y);
    (items, y + PAD)
}

/// Adds `text` wrapped to `max_px` as lines of `size_px`, moving `y` down past them.
fn lines(
    items: &mut Vec<PanelItem>,
    text: &str,
    size_px: f64,
    bold: bool,
    colour: Rgba,
    max_px: f64,
    y: &mut f64,
) {
    for line in wrap(text, size_px, max_px) {
        *y += size_px * LEADING;
        let style = TextStyle {
            size_px,
            bold,
            fill: colour,
            halo: None,
            centred: false,
        };
        let at = ScreenPt::new(PAD, *y - size_px * 0.7); // the middle of the line

        items.push(PanelItem::Text {
            at,
            text: line,
            style,
        });
    }
}

/// `text` cut with an ellipsis to fit `max_px`.
fn fit(text: &str, size_px: f64, max_px: f64) -> String {
    if text_width(text, size_px) <= max_px {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size_px)
            + text_width("…", size_px)
            + text_width(&c.to_string(), size_px)
            > max_px
        {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Drops the land shapes that lie wholly outside a `width` × `height` frame (a zoomed view
/// would otherwise carry the whole world into an SVG).
pub fn cull(scene: &mut Scene, width: f64, height: f64) {
    scene.land.retain(|item| {
        let mut points = item.rings.iter().flatten();
        let Some(first) = points.next() else {
            return false;
        };
        let (mut lo, mut hi) = (*first, *first);
        for p in points {
            (lo.x, lo.y, hi.x, hi.y) = (lo.x.min(p.x), lo.y.min(p.y), hi.x.max(p.x), hi.y.max(p.y));
        }
        hi.x >= 0.0 && hi.y >= 0.0 && lo.x <= width && lo.y <= height
    });
}

impl Report {
    /// The image's size in device pixels.
    pub fn device_px(&self) -> (u32, u32) {
        (
            (self.width_css_px * self.scale).round() as u32,
            (self.height_css_px * self.scale).round() as u32,
        )
    }

    /// Keeps the scale so that neither side passes the canvas limit.
    pub fn cap_scale(&mut self) {
        let side = self.width_css_px.max(self.height_css_px).max(1.0);
        self.scale = self.scale.clamp(0.25, 4.0).min(MAX_CANVAS_SIDE_PX / side);
    }

    /// Draws the map, then the panel over whatever land runs past the frame.
    pub fn render(&self, surface: &mut dyn Surface) {
        self.map.render(surface);
        let (w, top, bottom) = (
            self.width_css_px,
            self.map_height_css_px,
            self.height_css_px,
        );
        let panel = vec![vec![
            ScreenPt::new(0.0, top),
            ScreenPt::new(w, top),
            ScreenPt::new(w, bottom),
            ScreenPt::new(0.0, bottom),
        ]];
        surface.fill_rings(&panel, self.background, None);
        for item in &self.panel {
            match item {
                PanelItem::Text { at, text, style } => surface.text(*at, text, *style),
                PanelItem::Swatch { at, colour } => {
                    let (x, y) = (at.x, at.y);
                    let square = vec![vec![
                        ScreenPt::new(x, y),
                        ScreenPt::new(x + SWATCH, y),
                        ScreenPt::new(x + SWATCH, y + SWATCH),
                        ScreenPt::new(x, y + SWATCH),
                    ]];
                    surface.fill_rings(&square, *colour, None);
                }
            }
        }
    }

    /// The report as an SVG document (vector, for print).
    pub fn to_svg(&self) -> String {
        let mut svg = SvgSurface::new(self.width_css_px, self.height_css_px);
        self.render(&mut svg);
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_wraps_at_spaces_and_chinese_anywhere() {
        let lines = wrap("one two three four five six", 10.0, 60.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines
            .iter()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "one two three four five six");
        let zh = wrap("山东省及十六市与世界各地的友好城市", 10.0, 50.0);
        assert_eq!(zh.concat(), "山东省及十六市与世界各地的友好城市");
        assert!(zh.iter().all(|l| text_width(l, 10.0) <= 50.0), "{zh:?}");
        assert!(wrap("", 10.0, 50.0).is_empty());
    }

    #[test]
    fn a_long_legend_label_is_cut_with_an_ellipsis() {
        assert_eq!(fit("青岛 (12)", 12.0, 175.0), "青岛 (12)");
        let cut = fit(&"很长的名字".repeat(10), 12.0, 100.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 12.0) <= 100.0,
            "{cut}"
        );
    }
}
