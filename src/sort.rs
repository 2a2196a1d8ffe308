//! One stable sort for the crate: every call site's own `sort_by` is a separate copy of the
//! standard library's sort (~3 KB of WebAssembly each), so the sites sort indices through a single
//! shared copy instead (size). The order is exactly `sort_by`'s: stable, ties in their old order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`: the same result as `v.sort_by(cmp)`.
pub(crate) fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &|a, b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// The indices of `counts`, the largest count first (ties in index order): which origins a
/// network of thousands lists, by their pairs in the data or under the filter.
pub(crate) fn most_first(counts: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    let most = |k: &usize| std::cmp::Reverse(counts.get(*k).copied().unwrap_or(0));
    sort_by(&mut order, |a, b| most(a).cmp(&most(b)));
    order
}

/// `0..n` sorted stably by `cmp` (the one instance of the standard sort).
#[inline(never)]
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let items: Vec<(u8, u32)> = (0..200u32).map(|i| ((i * 7919 % 13) as u8, i)).collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std_sorted = items;
        std_sorted.sort_by_key(|a| a.0);
        assert_eq!(ours, std_sorted);
        assert_eq!(most_first(&[1, 3, 0, 3, 2]), [1, 3, 4, 0, 2]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
