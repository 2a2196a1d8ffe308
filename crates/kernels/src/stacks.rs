//! Stacks: partner dots that would overlap at the current zoom are drawn as one marker with a
//! count. Greedy clustering on a grid anchored in world units, with cells as wide as the merge
//! distance at the current scale: a dot joins the first stack (in data order) whose seed lies
//! within reach in its own or a neighbouring cell, or starts a stack of its own. Panning never
//! changes the result, so it is worked out once per settled zoom, not per frame.

use crate::WorldXY;

/// Dots closer than this on screen share a marker, CSS px (about a small marker's width, so
/// markers seldom overlap much).
pub const STACK_PX: f64 = 7.0;

/// Partner dots drawn as one marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    /// Where the marker is drawn: its first member's dot, world units.
    pub at: WorldXY,
    /// The pairs it holds (indices into the data's pairs), in data order.
    pub members: Vec<usize>,
}

/// Groups `dots` (pair index, world position) so that each stack's members lie within
/// `reach_px` CSS px of its seed at `scale` CSS px per world unit. Every dot lands in exactly
/// one stack; the order of `dots` decides seeds and member order.
pub fn stack_dots(dots: &[(usize, WorldXY)], scale: f64, reach_px: f64) -> Vec<Stack> {
    let cell = if scale > 0.0 && scale.is_finite() {
        reach_px / scale
    } else {
        f64::INFINITY
    };
    let reach2 = cell * cell;
    let key = |w: WorldXY| {
        if cell.is_finite() && cell > 0.0 {
            ((w.x / cell).floor() as i64, (w.y / cell).floor() as i64)
        } else {
            (0, 0)
        }
    };
    // foldhash, not std's SipHash: nine cells are looked up per dot, and hashing their keys
    // was a quarter of a world network's layout (native profile). Each cell holds the first
    // stack seeded in it; `next` links the stacks seeded in the same cell (no list per cell).
    // Sized for every dot up front (growing them as the dots came cost reallocations and copies).
    let n = dots.len();
    let hasher = foldhash::fast::RandomState::default();
    let mut grid: foldhash::HashMap<(i64, i64), u32> =
        foldhash::HashMap::with_capacity_and_hasher(n, hasher.clone());
    let mut next: Vec<u32> = Vec::with_capacity(n);
    // Dots at the same place (a partner city twinned with several origins) join the stack the
    // first of them joined: the stacks within reach of a place only grow, and later ones come
    // after it, so the first within reach stays the first.
    let mut same: foldhash::HashMap<(u64, u64), u32> =
        foldhash::HashMap::with_capacity_and_hasher(n, hasher);
    let mut stacks: Vec<Stack> = Vec::with_capacity(n);
    const NONE: u32 = u32::MAX;
    for &(i, w) in dots {
        let place = (w.x.to_bits(), w.y.to_bits());
        if let Some(st) = same.get(&place).and_then(|&s| stacks.get_mut(s as usize)) {
            st.members.push(i);
            continue;
        }
        let (cx, cy) = key(w);
        let mut near = NONE;
        for dy in -1..=1 {
            for dx in -1..=1 {
                // Saturating: a dot far outside the world (a view zoomed out of range) has a
                // cell key at the end of i64, and its neighbours must not overflow.
                let c = (cx.saturating_add(dx), cy.saturating_add(dy));
                let mut s = grid.get(&c).copied().unwrap_or(NONE);
                while let Some(st) = stacks.get(s as usize) {
                    let (ddx, ddy) = (st.at.x - w.x, st.at.y - w.y);
                    if s < near && ddx * ddx + ddy * ddy <= reach2 {
                        near = s;
                    }
                    s = next.get(s as usize).copied().unwrap_or(NONE);
                }
            }
        }
        let joined = match stacks.get_mut(near as usize) {
            Some(st) => {
                st.members.push(i);
                near
            }
            None => {
                let s = stacks.len() as u32;
                let head = grid.entry((cx, cy)).or_insert(NONE);
                next.push(*head);
                *head = s;
                stacks.push(Stack {
                    at: w,
                    members: vec![i],
                });
                s
            }
        };
        same.insert(place, joined);
    }
    stacks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x: f64, y: f64) -> WorldXY {
        WorldXY { x, y }
    }

    #[test]
    fn dots_within_reach_share_a_stack_with_a_count_and_zooming_in_separates_them() {
        // Three dots 0.01 world units apart and one far away.
        let dots = [
            (0, w(1.0, 1.0)),
            (1, w(1.01, 1.0)),
            (2, w(1.0, 1.01)),
            (3, w(2.0, 2.0)),
        ];
        let s = stack_dots(&dots, 100.0, STACK_PX); // 1 px apart
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].members, vec![0, 1, 2]);
        assert_eq!(s[1].members, vec![3]);
        let s = stack_dots(&dots, 2000.0, STACK_PX); // 20 px apart
        assert_eq!(s.len(), 4, "zoomed in, every dot is its own marker");
        let members: usize = s.iter().map(|s| s.members.len()).sum();
        assert_eq!(members, 4);
    }

    #[test]
    fn dots_across_a_cell_edge_still_stack_and_panning_does_not_matter() {
        // 0.599 and 0.601 lie in different cells of width 0.6 but 0.2 px apart.
        let dots = [(0, w(0.599, 0.0)), (1, w(0.601, 0.0))];
        assert_eq!(stack_dots(&dots, 10.0, STACK_PX).len(), 1);
        assert!(stack_dots(&[], 10.0, STACK_PX).is_empty());
        assert_eq!(
            stack_dots(&dots, 0.0, STACK_PX).len(),
            1,
            "no scale: one stack"
        );
    }
    /// The grouping as it was written first (a list of stacks per cell, every dot looked up):
    /// the reference the faster one is checked against.
    fn reference(dots: &[(usize, WorldXY)], scale: f64, reach_px: f64) -> Vec<Stack> {
        let cell = if scale > 0.0 && scale.is_finite() {
            reach_px / scale
        } else {
            f64::INFINITY
        };
        let reach2 = cell * cell;
        let key = |w: WorldXY| {
            if cell.is_finite() && cell > 0.0 {
                ((w.x / cell).floor() as i64, (w.y / cell).floor() as i64)
            } else {
                (0, 0)
            }
        };
        let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
        let mut stacks: Vec<Stack> = Vec::new();
        for &(i, w) in dots {
            let (cx, cy) = key(w);
            let near = (-1..=1)
                .flat_map(|dy| {
                    (-1..=1).map(move |dx| (cx.saturating_add(dx), cy.saturating_add(dy)))
                })
                .filter_map(|c| grid.get(&c))
                .flatten()
                .copied()
                .filter(|&s| {
                    let st = &stacks[s];
                    (st.at.x - w.x).powi(2) + (st.at.y - w.y).powi(2) <= reach2
                })
                .min();
            match near {
                Some(s) => stacks[s].members.push(i),
                None => {
                    grid.entry((cx, cy)).or_default().push(stacks.len());
                    stacks.push(Stack {
                        at: w,
                        members: vec![i],
                    });
                }
            }
        }
        stacks
    }

    #[test]
    fn the_grouping_is_the_reference_grouping_with_many_dots_at_one_place() {
        // A few thousand dots in clusters, a third of them at a place another dot has already
        // (partner cities twinned with several origins), at several zooms.
        let mut dots: Vec<(usize, WorldXY)> = Vec::new();
        let mut seed = 12345u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for i in 0..3000 {
            let w = if i % 3 == 2 {
                dots[(rnd() * (dots.len() as f64)) as usize % dots.len()].1
            } else {
                let c = (rnd() * 5.0).floor();
                w(c + rnd() * 0.2, c * 0.5 + rnd() * 0.2)
            };
            dots.push((i, w));
        }
        for scale in [10.0, 100.0, 1000.0, 20_000.0, 0.0] {
            assert_eq!(
                stack_dots(&dots, scale, STACK_PX),
                reference(&dots, scale, STACK_PX),
                "scale {scale}"
            );
        }
    }
}
