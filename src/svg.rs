//! An SVG writer over the same drawing calls as the canvas: [`SvgSurface`] implements
//! [`Surface`], so a scene or a report becomes a vector file for print. Every text is escaped,
//! characters XML forbids are dropped, and the file names nothing outside itself (no links,
//! images, fonts or styles sheets).

use crate::lines::Lines;
use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface, TextStyle};
use std::fmt::Write;

/// A surface that writes an SVG document of `width_css_px` × `height_css_px`.
#[derive(Debug, Clone)]
pub struct SvgSurface {
    out: String,
    width_css_px: f64,
    height_css_px: f64,
}

/// A coordinate or size with at most two decimals and no trailing zeros; 0 when not finite.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = crate::num::fixed(v, 2);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.into()
    }
}

/// `text` escaped for an attribute or element, without the characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// `name="#rrggbb"` plus `name-opacity` when translucent.
fn paint(name: &str, colour: Rgba) -> String {
    let hex = format!("#{:02x}{:02x}{:02x}", colour.r, colour.g, colour.b);
    if colour.a == 255 {
        format!(r#" {name}="{hex}""#)
    } else {
        let a = num(f64::from(colour.a) / 255.0);
        format!(r#" {name}="{hex}" {name}-opacity="{a}""#)
    }
}

fn stroke_attrs(stroke: Option<Stroke>) -> String {
    match stroke {
        Some(s) => format!(
            r#"{} stroke-width="{}" stroke-linejoin="round" stroke-linecap="round""#,
            paint("stroke", s.colour),
            num(s.width_px)
        ),
        None => String::new(),
    }
}

/// Path data for `lines`, closed with `Z` when `close`.
fn path_data<'a>(lines: impl IntoIterator<Item = &'a [ScreenPt]>, close: bool) -> String {
    let mut d = String::new();
    for line in lines.into_iter().filter(|l| l.len() >= 2) {
        for (k, p) in line.iter().enumerate() {
            let _ = write!(
                d,
                "{}{} {}",
                if k == 0 { 'M' } else { 'L' },
                num(p.x),
                num(p.y)
            );
        }
        if close {
            d.push('Z');
        }
    }
    d
}

impl SvgSurface {
    /// An empty drawing of the given size in CSS pixels (at least 1 × 1).
    pub fn new(width_css_px: f64, height_css_px: f64) -> Self {
        let (w, h) = (width_css_px.max(1.0), height_css_px.max(1.0));
        let out = format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" "#,
                r#"viewBox="0 0 {w} {h}" "#,
                r#"font-family="system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif">"#,
                "\n"
            ),
            w = num(w),
            h = num(h)
        );
        Self {
            out,
            width_css_px: w,
            height_css_px: h,
        }
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

impl Surface for SvgSurface {
    fn clear(&mut self, colour: Rgba) {
        let _ = writeln!(
            self.out,
            r#"<rect width="{}" height="{}"{}/>"#,
            num(self.width_css_px),
            num(self.height_css_px),
            paint("fill", colour)
        );
    }

    fn fill_rings(&mut self, rings: &[Vec<ScreenPt>], fill: Rgba, outline: Option<Stroke>) {
        let d = path_data(rings.iter().map(Vec::as_slice), true);
        if d.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            r#"<path d="{d}" fill-rule="evenodd"{}{}/>"#,
            paint("fill", fill),
            stroke_attrs(outline)
        );
    }

    fn stroke_lines(&mut self, lines: Lines<'_>, stroke: Stroke) {
        let d = path_data(lines, false);
        if d.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            r#"<path class="yc-arcs" d="{d}" fill="none"{}/>"#,
            stroke_attrs(Some(stroke))
        );
    }

    fn dot(&mut self, centre: ScreenPt, radius_px: f64, fill: Rgba, outline: Option<Stroke>) {
        let _ = writeln!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
            num(centre.x),
            num(centre.y),
            num(radius_px.max(0.0)),
            paint("fill", fill),
            stroke_attrs(outline)
        );
    }

    fn text(&mut self, at: ScreenPt, text: &str, style: TextStyle) {
        let halo = style.halo.map_or(String::new(), |h| {
            format!(
                r#"{} stroke-width="3" stroke-linejoin="round" paint-order="stroke""#,
                paint("stroke", h)
            )
        });
        let _ = writeln!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}" dominant-baseline="central"{}{}{}{}>{}</text>"#,
            num(at.x),
            num(at.y),
            num(style.size_px),
            if style.centred {
                r#" text-anchor="middle""#
            } else {
                ""
            },
            if style.bold {
                r#" font-weight="bold""#
            } else {
                ""
            },
            paint("fill", style.fill),
            halo,
            escape(text)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::Polylines;

    #[test]
    fn numbers_are_short_and_always_finite() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_are_dropped() {
        assert_eq!(
            escape("<script>&\"'\u{0}\u{7}a\tb"),
            "&lt;script&gt;&amp;&quot;&apos;a b"
        );
        assert_eq!(escape("青岛 — 下关"), "青岛 — 下关");
    }

    #[test]
    fn every_call_becomes_one_element() {
        let mut s = SvgSurface::new(100.0, 50.0);
        let red = Rgba::rgb(255, 0, 0);
        s.clear(Rgba::rgb(1, 2, 3));
        let ring = vec![vec![
            ScreenPt::new(0.0, 0.0),
            ScreenPt::new(10.0, 0.0),
            ScreenPt::new(0.0, 10.0),
        ]];
        s.fill_rings(&ring, red, None);
        let stroke = Stroke {
            colour: red.with_alpha(128),
            width_px: 1.5,
        };
        s.stroke_lines(ring.iter().collect::<Polylines>().lines(), stroke);
        let one: Polylines = [[ScreenPt::new(1.0, 1.0)]].iter().collect();
        s.stroke_lines(one.lines(), stroke); // nothing to draw
        s.dot(ScreenPt::new(5.0, 5.0), 2.0, red, None);
        let style = TextStyle {
            size_px: 12.0,
            bold: true,
            fill: Rgba::rgb(0, 0, 0),
            halo: None,
            centred: false,
        };
        s.text(ScreenPt::new(3.0, 40.0), "a < b", style);
        let svg = s.finish();
        assert!(
            svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50""#)
        );
        assert!(svg.contains(r##"<rect width="100" height="50" fill="#010203"/>"##));
        assert!(svg.contains(r##"<path d="M0 0L10 0L0 10Z" fill-rule="evenodd" fill="#ff0000"/>"##));
        assert!(svg.contains(r##"d="M0 0L10 0L0 10" fill="none" stroke="#ff0000" stroke-opacity="0.5" stroke-width="1.5""##));
        assert!(svg.contains(r##"<circle cx="5" cy="5" r="2" fill="#ff0000"/>"##));
        assert!(svg.contains(r##"font-weight="bold" fill="#000000">a &lt; b</text>"##));
        assert_eq!(svg.matches("<path").count(), 2);
        assert!(svg.ends_with("</svg>\n"));
    }
}
