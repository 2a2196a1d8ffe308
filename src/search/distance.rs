//! A bounded edit distance for typo tolerance.
//!
//! Optimal string alignment (Damerau–Levenshtein without repeated edits of one substring):
//! insertions, deletions, substitutions and swaps of two neighbouring letters each cost 1, so
//! "shimonoseky" is 1 from "shimonoseki" and "soul" 1 from "seoul". Written here rather than
//! taken from `strsim` because only this one function is needed, on short lowercase ASCII
//! names, with an early exit once every cell of a row exceeds the bound — a few dozen lines
//! cost the module less than a crate.

/// The OSA distance between `a` and `b` if it is at most `max`, else `None`. Compares bytes:
/// callers pass lowercase ASCII (normalised Latin names and toneless pinyin).
pub fn within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: the one before last (for swaps), the last, and the current one.
    let mut before: Vec<usize> = vec![0; width];
    let mut last: Vec<usize> = (0..width).collect();
    let mut row: Vec<usize> = vec![0; width];
    for (i, &ca) in a.iter().enumerate() {
        let mut row_min = i + 1;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let del = last.get(j + 1).map_or(usize::MAX, |v| v + 1);
            let ins = row.get(j).map_or(usize::MAX, |v| v + 1);
            let sub = last.get(j).map_or(usize::MAX, |v| v + cost);
            let mut best = del.min(ins).min(sub);
            let swapped = i > 0
                && j > 0
                && a.get(i - 1) == Some(&cb)
                && b.get(j - 1) == Some(&ca)
                && ca != cb;
            if swapped {
                best = best.min(before.get(j - 1).map_or(usize::MAX, |v| v + 1));
            }
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last.get(b.len()).copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::within;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        within(a.as_bytes(), b.as_bytes(), max)
    }

    #[test]
    fn one_typo_of_each_kind_costs_one() {
        assert_eq!(d("shimonoseky", "shimonoseki", 2), Some(1)); // substitution
        assert_eq!(d("soul", "seoul", 1), Some(1)); // insertion
        assert_eq!(d("seol", "seoul", 1), Some(1));
        assert_eq!(d("seooul", "seoul", 1), Some(1)); // deletion
        assert_eq!(d("soeul", "seoul", 1), Some(1)); // swap of neighbours
        assert_eq!(d("seoul", "seoul", 0), Some(0));
    }

    #[test]
    fn past_the_bound_is_none() {
        assert_eq!(d("soul", "sokcho", 1), None);
        assert_eq!(d("ab", "abcd", 1), None); // lengths alone rule it out
        assert_eq!(d("kitten", "sitting", 2), None); // 3 edits
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("", "ab", 2), Some(2));
    }
}
