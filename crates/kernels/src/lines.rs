//! Open polylines in CSS pixels stored flat: every point in one buffer, each line a run of it.
//!
//! A world network's arcs layer is tens of thousands of lines; as a `Vec` each, every frame at
//! a new view allocated, copied and freed each one (natively a third of building the layer, in
//! the allocator). Here a layer's lines are two buffers, filled and reused as a whole.

use crate::screen::ScreenPt;
use std::ops::Range;

/// Owned polylines: [`Polylines::lines`] to read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Polylines {
    points: Vec<ScreenPt>,
    /// Where each line ends in `points` (exclusive); a line starts where the last one ended.
    ends: Vec<usize>,
}

/// Borrowed polylines: some or all of a [`Polylines`]' lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lines<'a> {
    points: &'a [ScreenPt],
    ends: &'a [usize],
    /// Where the first line starts in `points`.
    start: usize,
}

impl Polylines {
    /// The number of lines.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no line.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// All the lines.
    pub fn lines(&self) -> Lines<'_> {
        Lines {
            points: &self.points,
            ends: &self.ends,
            start: 0,
        }
    }

    /// Lines `range`; `None` if it reaches past the last.
    pub fn get(&self, range: Range<usize>) -> Option<Lines<'_>> {
        self.lines().get(range)
    }

    /// Adds a line of `points`.
    pub fn push(&mut self, points: &[ScreenPt]) {
        self.points.extend_from_slice(points);
        self.ends.push(self.points.len());
    }

    /// Adds every line of `lines`.
    pub fn extend(&mut self, lines: Lines<'_>) {
        let Some(&last) = lines.ends.last() else {
            return;
        };
        let shift = self.points.len();
        self.points
            .extend_from_slice(lines.points.get(lines.start..last).unwrap_or_default());
        self.ends.extend(
            (lines.ends.iter()).map(|&e| e.saturating_sub(lines.start).saturating_add(shift)),
        );
    }

    /// Adds the line `points` yields if `keep` says so of it: the points go straight into the
    /// buffer, and are taken out again when the line is not kept. Returns whether it was.
    pub fn push_if(
        &mut self,
        points: impl IntoIterator<Item = ScreenPt>,
        keep: impl FnOnce(&[ScreenPt]) -> bool,
    ) -> bool {
        let start = self.points.len();
        self.points.extend(points);
        let kept = keep(self.points.get(start..).unwrap_or_default());
        if kept {
            self.ends.push(self.points.len());
        } else {
            self.points.truncate(start);
        }
        kept
    }

    /// Removes every line; the memory is kept.
    pub fn clear(&mut self) {
        self.points.clear();
        self.ends.clear();
    }
}

impl<'a> Lines<'a> {
    /// The number of lines.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no line.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines in order, each its points.
    pub fn iter(&self) -> LineIter<'a> {
        LineIter(*self)
    }

    /// Lines `range` of these; `None` if it reaches past the last.
    pub fn get(&self, range: Range<usize>) -> Option<Lines<'a>> {
        let ends = self.ends.get(range.clone())?;
        let start = match range.start.checked_sub(1) {
            Some(k) => *self.ends.get(k)?,
            None => self.start,
        };
        Some(Lines {
            points: self.points,
            ends,
            start,
        })
    }

    /// The number of points of all the lines.
    pub fn point_count(&self) -> usize {
        self.ends
            .last()
            .map_or(0, |&e| e.saturating_sub(self.start))
    }

    /// Each line as a `Vec` (for tests and recordings).
    pub fn to_vecs(&self) -> Vec<Vec<ScreenPt>> {
        self.iter().map(<[ScreenPt]>::to_vec).collect()
    }
}

/// The lines of a [`Lines`], in order.
#[derive(Debug, Clone)]
pub struct LineIter<'a>(Lines<'a>);

impl<'a> Iterator for LineIter<'a> {
    type Item = &'a [ScreenPt];
    fn next(&mut self) -> Option<&'a [ScreenPt]> {
        let (&end, rest) = self.0.ends.split_first()?;
        let line = self.0.points.get(self.0.start..end).unwrap_or_default();
        (self.0.ends, self.0.start) = (rest, end);
        Some(line)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.0.ends.len(), Some(self.0.ends.len()))
    }
}

impl ExactSizeIterator for LineIter<'_> {}

impl<'a> IntoIterator for Lines<'a> {
    type Item = &'a [ScreenPt];
    type IntoIter = LineIter<'a>;
    fn into_iter(self) -> LineIter<'a> {
        self.iter()
    }
}

impl<L: AsRef<[ScreenPt]>> FromIterator<L> for Polylines {
    fn from_iter<I: IntoIterator<Item = L>>(lines: I) -> Self {
        let mut out = Polylines::default();
        for line in lines {
            out.push(line.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x: f64, n: usize) -> Vec<ScreenPt> {
        (0..n).map(|k| ScreenPt::new(x, k as f64)).collect()
    }

    #[test]
    fn lines_read_back_as_pushed_in_parts_and_whole() {
        let vecs = vec![line(1.0, 3), line(2.0, 1), line(3.0, 4), line(4.0, 2)];
        let p: Polylines = vecs.iter().collect();
        assert_eq!(p.len(), 4);
        assert_eq!(p.lines().to_vecs(), vecs);
        assert_eq!(p.lines().point_count(), 10);
        let mid = p.get(1..3).expect("in range");
        assert_eq!(mid.to_vecs(), vecs[1..3].to_vec());
        assert_eq!(mid.point_count(), 5);
        assert_eq!(mid.get(1..2).map(|l| l.to_vecs()), Some(vec![line(3.0, 4)]));
        assert!(p.get(2..5).is_none());
        assert!(p
            .get(4..4)
            .is_some_and(|l| l.is_empty() && l.point_count() == 0));
        assert_eq!(p.lines().into_iter().count(), 4);
    }

    #[test]
    fn extending_by_part_of_other_lines_copies_just_those() {
        let a: Polylines = [line(1.0, 2)].iter().collect();
        let b: Polylines = [line(2.0, 3), line(3.0, 2), line(4.0, 5)].iter().collect();
        let mut c = a.clone();
        c.extend(b.get(1..3).expect("in range"));
        assert_eq!(
            c.lines().to_vecs(),
            vec![line(1.0, 2), line(3.0, 2), line(4.0, 5)]
        );
        c.extend(b.get(0..0).expect("empty"));
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn a_line_not_kept_leaves_nothing_behind() {
        let mut p = Polylines::default();
        assert!(p.push_if(line(1.0, 3), |l| l.len() >= 2));
        assert!(!p.push_if(line(2.0, 1), |l| l.len() >= 2));
        assert!(p.push_if(line(3.0, 2), |l| l.len() >= 2));
        assert_eq!(p.lines().to_vecs(), vec![line(1.0, 3), line(3.0, 2)]);
        p.clear();
        assert!(p.is_empty() && p.lines().point_count() == 0);
    }
}
