//! Numbers as text, written without Rust's float formatting and parsing.
//!
//! Why by hand: `format!("{}")` or `{:.2}` on an `f64` and `str::parse::<f64>` bring core's float
//! printing (Grisu with a Dragon4 fallback on big integers) and its float parser (with a 10 KB
//! table of powers of five) into the WebAssembly module: ~20 KB of code and ~12 KB of tables,
//! measured in the small module (README, *Size*). The module already carries `zmij` (serde_json's
//! shortest float printing, ~1 KB): [`plain`] writes its digits the way `{}` does, [`fixed`] rounds
//! as `{:.N}` does (the exact value, ties to even, the product's error from Dekker's method), and
//! [`parse_decimal`] reads the decimals a URL or a data file holds. The tests compare each with Rust's own
//! over hundreds of thousands of values.
//!
//! [`clamp`] is `f64::clamp` without its panic (whose message formats both bounds with `{:?}`,
//! which alone brings the float printing back).

use std::fmt::Write as _;

/// `v` as `format!("{v}")` writes it: the shortest digits that read back as `v`, in plain decimal
/// notation (never an exponent), `-` for negative values and `-0`, `NaN`, `inf`, `-inf`. Where two
/// shortest candidates are equally close to `v` (83 of the tests' 500,000 values) the last digit
/// may be the other one of the two (both read back as `v`).
pub fn plain(v: f64) -> String {
    let mut out = String::new();
    push_plain(&mut out, v);
    out
}

/// [`plain`], appended to `out`. No allocation of its own: a layer's transform is written with it
/// in every frame of a gesture.
fn push_plain(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let a = v.abs();
    if a.is_infinite() {
        out.push_str("inf");
        return;
    }
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(a);
    // zmij writes `1.234`, `0.001234`, `1e+20` or `1.5e-07`: its digits (without the point and
    // the leading zeros, at most 17) and where the point goes.
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let mut digits = [b'0'; 24];
    let mut n = 0;
    let mut before_point: i32 = 0;
    let mut seen_point = false;
    for b in mantissa.bytes() {
        match b {
            b'.' => seen_point = true,
            // A leading zero: after the point it moves the point left.
            b'0' if n == 0 => before_point -= i32::from(seen_point),
            b'0'..=b'9' => {
                if let Some(d) = digits.get_mut(n) {
                    *d = b;
                    n += 1;
                }
                before_point += i32::from(!seen_point);
            }
            _ => {}
        }
    }
    let digits = digits.get(..n).unwrap_or_default();
    let digits = match digits.iter().rposition(|&d| d != b'0') {
        Some(last) => digits.get(..=last).unwrap_or_default(),
        None => {
            out.push('0');
            return;
        }
    };
    let point = before_point + exponent;
    let push = |out: &mut String, ds: &[u8]| out.extend(ds.iter().map(|&d| char::from(d)));
    let n = digits.len() as i32;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        push(out, digits);
    } else if point >= n {
        push(out, digits);
        out.extend(std::iter::repeat_n('0', (point - n) as usize));
    } else {
        let (whole, frac) = digits.split_at(point as usize);
        push(out, whole);
        out.push('.');
        push(out, frac);
    }
}

/// `v` as `format!("{v:.decimals$}")` writes it (`decimals` up to 15): the exact value rounded to
/// `decimals` places, ties to even, `-` whenever `v` is negative (`-0.00`). Exact for
/// |v| < 2⁶⁴, beyond which the digits are [`plain`]'s.
pub fn fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(15);
    let width = decimals as usize;
    if !v.is_finite() {
        return plain(v);
    }
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    let a = v.abs();
    if a >= 18_446_744_073_709_551_616.0 {
        // 2^64 and beyond: a whole number.
        push_plain(&mut out, a);
        if width > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', width));
        }
        return out;
    }
    // The whole part and the fraction, both exact; the fraction scaled by 10^decimals (below
    // 10^15 < 2^53, so the product's rounding error `err` is exact, see `product_error`).
    let whole = a.trunc();
    let frac = a - whole;
    let scale = 10f64.powi(decimals as i32);
    let p = frac * scale;
    let err = product_error(frac, scale, p);
    let floor = p.floor();
    let above = p - floor;
    let up = if above != 0.5 {
        above > 0.5
    } else if err != 0.0 {
        err > 0.0
    } else {
        // A tie: to the even last digit (the whole part's when there are no decimals).
        let last = if decimals == 0 { whole } else { floor };
        last % 2.0 != 0.0
    };
    let (mut whole, mut digits) = (whole as u64, floor as u64 + u64::from(up));
    // `floor + 1` may be 10^decimals: the carry goes to the whole part (below 2^64 − 2048 here).
    if digits >= 10u64.pow(decimals) {
        (whole, digits) = (whole + 1, 0);
    }
    let _ = write!(out, "{whole}");
    if width > 0 {
        let _ = write!(out, ".{digits:0width$}");
    }
    out
}

/// The rounding error of `p = a * b`, exactly (Dekker's product, each factor split in halves of
/// 26 bits by Veltkamp's method), as `a.mul_add(b, -p)` gives it: WebAssembly has no fused
/// multiply-add, and the software one was 1.2 KB of the module for this one use. Exact while
/// neither the factors nor their halves' products overflow or fall below the normal range.
fn product_error(a: f64, b: f64, p: f64) -> f64 {
    const SPLIT: f64 = 134_217_729.0; // 2^27 + 1
    let halves = |x: f64| {
        let c = SPLIT * x;
        let hi = c - (c - x);
        (hi, x - hi)
    };
    let ((ah, al), (bh, bl)) = (halves(a), halves(b));
    ((ah * bh - p) + ah * bl + al * bh) + al * bl
}

/// A decimal number: optional sign, digits, optionally a point and more digits (at least one digit
/// in all), optionally an exponent (`e` or `E`, optional sign, digits: `1E-05`, as a spreadsheet
/// writes a small number); no `inf` or `NaN`, no spaces. `None` for anything else and for a value
/// too large for an `f64`. Correctly rounded for up to 15 significant digits with a decimal
/// exponent (the point's and the written one's together) within ±22: the view in a URL, the
/// coordinates in a data file; within a few ulps beyond (a relative 10^-14 at most, tested).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (digits_part, written_exponent) = match body.find(['e', 'E']) {
        Some(at) => (body.get(..at)?, exponent_of(body.get(at + 1..)?)?),
        None => (body, 0),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut significant = 0u32;
    // Decimal exponent of the last digit kept in `mantissa`.
    let mut exponent: i32 = 0;
    let mut seen_point = false;
    for b in digits_part.bytes() {
        match b {
            b'.' if !seen_point => seen_point = true,
            b'0'..=b'9' => {
                digits += 1;
                let d = u64::from(b - b'0');
                if significant < 19 {
                    if mantissa > 0 || d > 0 {
                        significant += 1;
                    }
                    mantissa = mantissa * 10 + d;
                    if seen_point {
                        exponent = exponent.saturating_sub(1);
                    }
                } else if !seen_point {
                    // Digits past the 19th before the point only scale the value.
                    exponent = exponent.saturating_add(1);
                }
            }
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let exponent = exponent.saturating_add(written_exponent);
    let m = mantissa as f64;
    let v = if mantissa == 0 {
        0.0
    } else {
        match exponent {
            // 10^k for k <= 22 is exact (so is each product of powi's squaring on the way): one
            // rounding, correct when the mantissa is below 2^53.
            0 => m,
            -22..=-1 => m / 10f64.powi(-exponent),
            1..=22 => m * 10f64.powi(exponent),
            // Far out: by exact powers of ten in turn, each step rounded once.
            _ => scaled(m, exponent),
        }
    };
    v.is_finite().then_some(if negative { -v } else { v })
}

/// The digits after an `e`: optional sign and at least one digit, held within ±100,000 (far past
/// any `f64`).
fn exponent_of(text: &str) -> Option<i32> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut e: i32 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        e = (e * 10 + i32::from(b - b'0')).min(100_000);
    }
    Some(if negative { -e } else { e })
}

/// `v` × 10^`exponent`, by factors of 10^22 (the largest exact power of ten) and then the rest,
/// each step rounded once (so within a few ulps: a relative 10^-14 at most, tested). A value
/// within a few ulps of the largest `f64` may come out as too large.
fn scaled(mut v: f64, mut exponent: i32) -> f64 {
    while exponent > 22 && v.is_finite() {
        v *= 1e22;
        exponent -= 22;
    }
    while exponent < -22 && v != 0.0 {
        v /= 1e22;
        exponent += 22;
    }
    if exponent >= 0 {
        v * 10f64.powi(exponent)
    } else {
        v / 10f64.powi(-exponent)
    }
}

/// `v` held within `lo..=hi`, as `f64::clamp` (NaN stays NaN) but without its panic when `lo > hi`
/// (then `lo` wins below it and `hi` above).
#[inline]
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed sequence of 64-bit values (splitmix64), so a failure names a value that recurs.
    fn values(n: usize) -> impl Iterator<Item = u64> {
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        (0..n).map(move |_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    }

    fn specials() -> Vec<f64> {
        vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.125,
            0.375,
            2.5,
            3.5,
            -2.5,
            1.005,
            2.675,
            1e-7,
            1e-300,
            5e-324,
            f64::MIN_POSITIVE,
            123_456.789,
            1e15,
            1e16,
            1e21,
            1e22,
            1e300,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            36.0651,
            120.3826,
            -33.8688,
            (1u64 << 53) as f64,
            (1u64 << 60) as f64,
            18_446_744_073_709_549_568.0,
            0.999_999_999_999_999_9,
            0.5,
            1.5,
            0.05,
            0.15,
            0.25,
            0.35,
            4.0 / 255.0,
            128.0 / 255.0,
        ]
    }

    #[test]
    fn plain_writes_what_display_writes() {
        let mut checked = 0;
        let mut ties = 0;
        // The same text, or (a tie between two shortest candidates) text as long that reads back
        // as `v` and differs only in its last digit.
        let mut check = |v: f64| {
            let (got, want) = (plain(v), format!("{v}"));
            if got != want {
                assert_eq!(
                    got.len(),
                    want.len(),
                    "bits {:#x}: {got} vs {want}",
                    v.to_bits()
                );
                assert_eq!(
                    got[..got.len() - 1],
                    want[..want.len() - 1],
                    "{got} vs {want}"
                );
                assert_eq!(got.parse::<f64>().ok(), Some(v), "{got} vs {want}");
                ties += 1;
            }
            checked += 1;
        };
        for v in specials()
            .into_iter()
            .chain(values(300_000).map(f64::from_bits))
        {
            check(v);
        }
        // Values people write: coordinates and sizes with a few decimals.
        for (k, bits) in values(200_000).enumerate() {
            check((bits % 4_000_000_000) as f64 / 10f64.powi((k % 9) as i32) - 2e8);
        }
        assert_eq!(checked, 500_000 + specials().len());
        assert!(ties * 2_000 < checked, "{ties} ties in {checked}");
    }

    #[test]
    fn fixed_writes_what_precision_writes() {
        for d in 0..=6u32 {
            for v in specials() {
                if v.is_finite() && v.abs() >= 18_446_744_073_709_551_616.0 {
                    continue;
                }
                assert_eq!(fixed(v, d), format!("{v:.*}", d as usize), "{v:e} to {d}");
            }
            for (k, bits) in values(60_000).enumerate() {
                // Random bits (mostly far out of range, skipped), values with a few decimals,
                // and exact ties (k / 2^n).
                let r = f64::from_bits(bits);
                let few = (bits % 10_000_000) as f64 / 10f64.powi((k % 8) as i32) - 5e4;
                let tie = (bits % 100_000) as f64 / f64::from(1u32 << (k % 12)) - 50.0;
                for v in [r, few, tie] {
                    if !v.is_finite() || v.abs() >= 18_446_744_073_709_551_616.0 {
                        continue;
                    }
                    assert_eq!(fixed(v, d), format!("{v:.*}", d as usize), "{v:e} to {d}");
                }
            }
        }
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 2), "-inf");
        assert_eq!(fixed(0.999_6, 3), "1.000");
        assert_eq!(fixed(-0.001, 2), "-0.00");
    }

    /// Dekker's product error is the fused multiply-add's, for every fraction and power of ten
    /// `fixed` scales by.
    #[test]
    fn the_product_error_is_the_fused_multiply_adds() {
        for (k, bits) in values(200_000).enumerate() {
            let a = f64::from_bits(bits).abs().fract();
            let a = if a.is_finite() { a } else { k as f64 / 7e5 };
            let b = 10f64.powi((k % 16) as i32);
            let p = a * b;
            assert_eq!(product_error(a, b, p), a.mul_add(b, -p), "{a:e} × {b:e}");
        }
    }

    #[test]
    fn decimals_read_as_rust_reads_them() {
        for (k, bits) in values(300_000).enumerate() {
            let digits = bits % 1_000_000_000_000_000; // up to 15 digits
            let places = (k % 16) as i32;
            let sign = if bits & (1 << 63) != 0 { "-" } else { "" };
            let whole = digits / 10u64.pow(places as u32);
            let frac = digits % 10u64.pow(places as u32);
            let text = if places == 0 {
                format!("{sign}{whole}")
            } else {
                format!("{sign}{whole}.{frac:0width$}", width = places as usize)
            };
            assert_eq!(
                parse_decimal(&text),
                Some(text.parse::<f64>().unwrap()),
                "{text}"
            );
        }
        for text in ["0", "-0", "+1.5", "1.", ".5", "007.250", "180", "-90.0000"] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        // Rust's value within `tolerance` (relative) of it.
        let near_rust = |text: &str, tolerance: f64| {
            let want: f64 = text.parse().unwrap();
            let got = parse_decimal(text).unwrap();
            assert!(
                got == want || (got - want).abs() <= tolerance * want.abs(),
                "{text}: {got:e} vs {want:e}"
            );
        };
        // Long inputs: within two ulps.
        for text in [
            "3.14159265358979323846264338327950288",
            "123456789012345678901234567890",
            "0.000000000000000000000000123456789",
        ] {
            near_rust(text, 2.0 * f64::EPSILON);
        }
        // Exponents, as spreadsheets write small and large numbers: the same as Rust's within
        // the correctly rounded range, within a relative 10^-14 beyond it.
        for text in [
            "1E-05",
            "1e5",
            "-2.5E+2",
            "3e0",
            "1.5e-7",
            "0.5e1",
            "12345e-3",
            "6.02214076e23",
            "1e-300",
            "4.9e-324",
            "1.7e308",
            "1e300",
            "0e10",
            "-0.0e-5",
            "123456789e-30",
            "2.2250738585072014e-308",
            "9.87654321e-200",
            "3.14159e150",
        ] {
            near_rust(text, 1e-14);
        }
        for (k, bits) in values(100_000).enumerate() {
            // Up to 15 digits, the point anywhere, an exponent that keeps the sum within ±22.
            let digits = bits % 1_000_000_000_000_000;
            let places = (k % 12) as i32;
            let e = (bits >> 50) as i32 % 11 - 5;
            let whole = digits / 10u64.pow(places as u32);
            let frac = digits % 10u64.pow(places as u32);
            let text = format!("{whole}.{frac:0width$}e{e}", width = places as usize);
            assert_eq!(
                parse_decimal(&text),
                Some(text.parse::<f64>().unwrap()),
                "{text}"
            );
        }
        assert_eq!(parse_decimal("1e400"), None, "too large");
        assert_eq!(parse_decimal("1e-400"), Some(0.0));
        assert_eq!(parse_decimal("1e99999999999"), None);
        for text in [
            "", "-", ".", "inf", "NaN", " 1", "1 ", "1.2.3", "0x10", "1,5", "--1", "1e", "1e+",
            "e5", "1e5.5", "1e 5", ".e1", "1ee5",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn clamp_is_f64_clamp_for_ordered_bounds() {
        for v in specials() {
            for (lo, hi) in [(0.0, 1.0), (-180.0, 180.0), (5.0, 5.0)] {
                let want = v.clamp(lo, hi);
                let got = clamp(v, lo, hi);
                assert!(
                    got == want || (got.is_nan() && want.is_nan()),
                    "{v} in {lo}..{hi}"
                );
            }
        }
        assert_eq!(clamp(0.5, 1.0, 0.0), 1.0);
        assert_eq!(clamp(2.0, 1.0, 0.0), 0.0);
    }
}
