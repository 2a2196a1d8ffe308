//! The land's drawing as a list of numbers, for a worker's canvas to carry out off the page's
//! main thread (`www/land-worker.js`). The land layer is only a background and filled shapes
//! with their outlines ([`Scene::render_base`]), so two calls are all the list holds:
//!
//! ```text
//! CLEAR colour                        the whole drawing in one colour
//! FILL  fill outline width rings      a shape of `rings` rings (even-odd), each `n` then
//!       (n x0 y0 … x(n−1) y(n−1))…    its points in CSS px, closed; then its outline
//!                                     (colour `outline`, `width` CSS px) unless outline < 0
//! ```
//!
//! Colours are indices into [`FillCommands::colours`] (the page turns each into CSS text once).
//! Hand-written: a format of two calls that twenty lines of JS replay with the canvas's own
//! calls, in the same order as the module's canvas surface makes them, so the worker's picture
//! is the one the main thread would have drawn.
//!
//! [`Scene::render_base`]: crate::scene::Scene::render_base

use crate::lines::Lines;
use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface, TextStyle};

/// The tag of a [`Surface::clear`] in the list.
pub const CLEAR: f64 = 1.0;
/// The tag of a [`Surface::fill_rings`] in the list.
pub const FILL: f64 = 2.0;

/// A surface that writes [`Surface::clear`] and [`Surface::fill_rings`] as numbers (see the
/// module's notes); any other call makes the list [`FillCommands::unsupported`].
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FillCommands {
    /// The list.
    pub values: Vec<f64>,
    /// The colours the list names by index.
    pub colours: Vec<Rgba>,
    /// Whether something other than a clear or a fill was drawn: then the list does not say
    /// all of it, and the drawing is to be done where the scene is.
    pub unsupported: bool,
}

impl FillCommands {
    fn colour(&mut self, c: Rgba) -> f64 {
        let at = match self.colours.iter().position(|&k| k == c) {
            Some(at) => at,
            None => {
                self.colours.push(c);
                self.colours.len() - 1
            }
        };
        at as f64
    }

    /// Carries the list out on `surface`, as the worker does (for tests); `Err` names where
    /// the list stops making sense.
    pub fn replay(&self, surface: &mut dyn Surface) -> Result<(), String> {
        let mut it = self.values.iter().copied();
        fn take(it: &mut impl Iterator<Item = f64>, what: &str) -> Result<f64, String> {
            it.next().ok_or(format!("the list ends before {what}"))
        }
        let colours = &self.colours;
        let colour = |i: f64| {
            colours
                .get(i as usize)
                .copied()
                .ok_or(format!("no colour {}", crate::num::plain(i)))
        };
        while let Some(tag) = it.next() {
            if tag == CLEAR {
                surface.clear(colour(take(&mut it, "a colour")?)?);
            } else if tag == FILL {
                let fill = colour(take(&mut it, "a fill")?)?;
                let (o, width) = (take(&mut it, "an outline")?, take(&mut it, "a width")?);
                let outline = if o < 0.0 {
                    None
                } else {
                    Some(Stroke {
                        colour: colour(o)?,
                        width_px: width,
                    })
                };
                let mut rings = Vec::new();
                for _ in 0..take(&mut it, "a ring count")? as usize {
                    let n = take(&mut it, "a point count")? as usize;
                    let mut ring = Vec::with_capacity(n);
                    for _ in 0..n {
                        ring.push(ScreenPt::new(take(&mut it, "x")?, take(&mut it, "y")?));
                    }
                    rings.push(ring);
                }
                surface.fill_rings(&rings, fill, outline);
            } else {
                return Err(format!("unknown tag {}", crate::num::plain(tag)));
            }
        }
        Ok(())
    }
}

impl Surface for FillCommands {
    fn clear(&mut self, colour: Rgba) {
        let c = self.colour(colour);
        self.values.extend([CLEAR, c]);
    }

    fn fill_rings(&mut self, rings: &[Vec<ScreenPt>], fill: Rgba, outline: Option<Stroke>) {
        let fill = self.colour(fill);
        let (o, width) = match outline {
            Some(s) => (self.colour(s.colour), s.width_px),
            None => (-1.0, 0.0),
        };
        let points: usize = rings.iter().map(Vec::len).sum();
        self.values.reserve(5 + rings.len() + 2 * points);
        self.values
            .extend([FILL, fill, o, width, rings.len() as f64]);
        for ring in rings {
            self.values.push(ring.len() as f64);
            for p in ring {
                self.values.extend([p.x, p.y]);
            }
        }
    }

    fn stroke_lines(&mut self, _: Lines<'_>, _: Stroke) {
        self.unsupported = true;
    }

    fn dot(&mut self, _: ScreenPt, _: f64, _: Rgba, _: Option<Stroke>) {
        self.unsupported = true;
    }

    fn text(&mut self, _: ScreenPt, _: &str, _: TextStyle) {
        self.unsupported = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::RecordingSurface;

    fn rgba(r: u8, a: u8) -> Rgba {
        Rgba { r, g: 2, b: 3, a }
    }

    #[test]
    fn the_list_replays_as_the_calls_were_made() {
        let ring = |x: f64| {
            vec![
                ScreenPt::new(x, 1.0),
                ScreenPt::new(x + 5.0, 1.5),
                ScreenPt::new(x, 9.25),
            ]
        };
        let border = Stroke {
            colour: rgba(9, 128),
            width_px: 0.5,
        };
        let draw = |s: &mut dyn Surface| {
            s.clear(rgba(1, 255));
            s.fill_rings(&[ring(0.0), ring(20.0)], rgba(4, 255), Some(border));
            s.fill_rings(&[], rgba(4, 255), None);
            s.fill_rings(&[vec![], ring(-3.5)], rgba(7, 10), None);
        };
        let (mut direct, mut list, mut replayed) = (
            RecordingSurface::default(),
            FillCommands::default(),
            RecordingSurface::default(),
        );
        draw(&mut direct);
        draw(&mut list);
        assert!(!list.unsupported);
        assert_eq!(list.colours.len(), 4, "each colour named once");
        list.replay(&mut replayed).unwrap();
        assert_eq!(
            format!("{:?}", replayed.commands),
            format!("{:?}", direct.commands)
        );
    }

    #[test]
    fn other_calls_mark_the_list_and_a_broken_list_is_an_error() {
        let mut list = FillCommands::default();
        list.dot(ScreenPt::new(0.0, 0.0), 1.0, rgba(0, 255), None);
        assert!(list.unsupported);
        let mut list = FillCommands::default();
        list.fill_rings(&[vec![ScreenPt::new(1.0, 2.0)]], rgba(0, 255), None);
        list.values.pop();
        let err = list.replay(&mut RecordingSurface::default()).unwrap_err();
        assert!(err.contains("ends before y"), "{err}");
        list.values = vec![7.0];
        assert!(list.replay(&mut RecordingSurface::default()).is_err());
    }
}
