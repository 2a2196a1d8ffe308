//! The files `make` packs with postcard (`shipped.bin`, `notes.bin`, `basemap.bin`) read by hand.
//! The small module reads them at a default map's first paint; serde's readers derived for their
//! types, with postcard's, were most of what serde left in it (README, *Size*). The files are
//! still written by postcard through serde (`youcheng-data`), so the format stays postcard's
//! documented one: integers wider than a byte as varints (signed ones zigzagged), `f64` as eight
//! little-endian bytes, a string or a list as its length then its contents, an `Option` as a
//! byte 0 or 1 then the value, an enum's unit variant as its index, a struct as its fields in
//! the order of their declaration, a `char` as a string of one. The unit tests read back what
//! postcard writes, for every type and for the shipped files; a file cut short or damaged is an
//! error ([`Damaged`]), never a panic, and no length asks for more than the bytes left.

use crate::dataset::{
    Continent, Country, Coverage, Group, Level, OfficialTotal, PartialDate, Partnership, Relation,
    ShandongCity, Source, Sources, Status,
};
use crate::geometry::LonLat;

/// What could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged(pub &'static str);

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Bytes being read from the front.
pub struct Reader<'a> {
    rest: &'a [u8],
}

/// A value read from postcard's bytes.
pub trait Unpack: Sized {
    /// Reads one from the front of `r`.
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged>;
}

impl<'a> Reader<'a> {
    /// A reader of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }

    /// The next value.
    pub fn read<T: Unpack>(&mut self) -> Result<T, Damaged> {
        T::unpack(self)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        if n > self.rest.len() {
            return Err(Damaged("the file ends too soon"));
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, Damaged> {
        let (&b, rest) = self
            .rest
            .split_first()
            .ok_or(Damaged("the file ends too soon"))?;
        self.rest = rest;
        Ok(b)
    }

    /// An unsigned varint of at most ten bytes (64 bits).
    fn varint(&mut self) -> Result<u64, Damaged> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                break;
            }
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Damaged("a number is too large"))
    }

    /// A list's or a string's length: at most the bytes left (each item takes one at least).
    fn len(&mut self) -> Result<usize, Damaged> {
        let n = self.read::<usize>()?;
        if n > self.rest.len() {
            return Err(Damaged("a length runs past the end of the file"));
        }
        Ok(n)
    }

    /// An enum's unit variant: its index into `all` (the variants in declaration order).
    fn variant<T: Copy>(&mut self, all: &[T]) -> Result<T, Damaged> {
        let i = usize::try_from(self.varint()?).ok();
        i.and_then(|i| all.get(i).copied())
            .ok_or(Damaged("an enum's variant is not known"))
    }
}

impl Unpack for u8 {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        r.byte()
    }
}

impl Unpack for u64 {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        r.varint()
    }
}

impl Unpack for usize {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        usize::try_from(r.varint()?).map_err(|_| Damaged("a number is too large"))
    }
}

impl Unpack for i32 {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        let z = u32::try_from(r.varint()?).map_err(|_| Damaged("a number is too large"))?;
        Ok(((z >> 1) as i32) ^ -((z & 1) as i32))
    }
}

impl Unpack for i64 {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        let z = r.varint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }
}

impl Unpack for f64 {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        let bytes: [u8; 8] = r
            .take(8)?
            .try_into()
            .map_err(|_| Damaged("the file ends too soon"))?;
        Ok(f64::from_le_bytes(bytes))
    }
}

impl Unpack for bool {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Damaged("a yes or no is neither")),
        }
    }
}

impl Unpack for String {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        let n = r.len()?;
        let bytes = r.take(n)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| Damaged("a text is not UTF-8"))
    }
}

impl Unpack for char {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        let text = r.read::<String>()?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(Damaged("a character is not one")),
        }
    }
}

impl<T: Unpack> Unpack for Option<T> {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        match r.byte()? {
            0 => Ok(None),
            1 => r.read().map(Some),
            _ => Err(Damaged("an optional value is neither there nor not")),
        }
    }
}

impl<T: Unpack> Unpack for Vec<T> {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        let n = r.len()?;
        // Room for what a damaged length cannot make too large.
        let mut list = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            list.push(r.read()?);
        }
        Ok(list)
    }
}

impl<A: Unpack, B: Unpack> Unpack for (A, B) {
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        Ok((r.read()?, r.read()?))
    }
}

/// A struct read field by field, in the order of its declaration.
macro_rules! unpack_struct {
    ($t:ty { $($field:ident),* $(,)? }) => {
        impl $crate::unpack::Unpack for $t {
            fn unpack(
                r: &mut $crate::unpack::Reader<'_>,
            ) -> Result<Self, $crate::unpack::Damaged> {
                Ok(Self { $($field: r.read()?,)* })
            }
        }
    };
}
pub(crate) use unpack_struct;

unpack_struct!(LonLat { lon, lat });
unpack_struct!(PartialDate { year, month, day });
unpack_struct!(ShandongCity {
    key,
    name_zh,
    name_en,
    location,
    aliases,
});
unpack_struct!(Country {
    iso2,
    name_en,
    name_zh,
    continent,
    groups,
    aliases,
});
unpack_struct!(Group {
    key,
    name_zh,
    name_en,
    source,
});
unpack_struct!(Partnership {
    id,
    line,
    city,
    subunit_zh,
    subunit_en,
    partner_en,
    partner_zh,
    partner_zh_source,
    country,
    level,
    relation,
    status,
    established,
    location,
    coord_source,
    sources,
    note,
    note_zh,
});
unpack_struct!(Source { url, title, remark });
unpack_struct!(OfficialTotal {
    scope,
    as_of,
    total,
    friendship,
    cooperation,
    countries,
    sources,
    note,
});
unpack_struct!(Coverage { totals, reviewed });

impl Unpack for Sources {
    /// Written as its cell (serde's `from`/`into` a `String`).
    fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
        r.read::<String>().map(Sources::from)
    }
}

/// Unit enums by their variant's index into their `ALL` (in declaration order, as serde
/// numbers them; the tests read back every variant postcard writes).
macro_rules! unpack_by_index {
    ($($t:ty),*) => {$(
        impl Unpack for $t {
            fn unpack(r: &mut Reader<'_>) -> Result<Self, Damaged> {
                r.variant(&<$t>::ALL)
            }
        }
    )*};
}
unpack_by_index!(Continent, Level, Relation, Status);

#[cfg(all(test, feature = "files"))]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::fmt::Debug;

    /// What postcard writes of `v` reads back as `v`, with nothing left over; a shorter prefix
    /// of it is an error (each one up to 300 bytes, 300 spread over a longer one).
    #[track_caller]
    fn round<T: Serialize + Unpack + PartialEq + Debug>(v: &T) {
        let bytes = postcard::to_allocvec(v).expect("postcard writes it");
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read::<T>().as_ref(), Ok(v));
        assert!(r.rest().is_empty(), "{v:?}: bytes left");
        for cut in (0..bytes.len()).step_by(bytes.len().div_ceil(300).max(1)) {
            let bytes = bytes.get(..cut).unwrap_or_default();
            if let Ok(back) = Reader::new(bytes).read::<T>() {
                panic!("{v:?} cut to {cut} bytes read as {back:?}");
            }
        }
    }

    #[test]
    fn what_postcard_writes_reads_back() {
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            round(&v);
            round(&usize::try_from(v).unwrap_or(usize::MAX));
        }
        for v in [0i32, 1, -1, 63, -64, 64, i32::MIN, i32::MAX] {
            round(&v);
            round(&i64::from(v));
        }
        round(&i64::MIN);
        round(&i64::MAX);
        for v in [0.0, -0.0, 1.5, -1e300, f64::MIN_POSITIVE, f64::INFINITY] {
            round(&v);
        }
        let nan = postcard::to_allocvec(&f64::NAN).expect("writes");
        assert!(Reader::new(&nan).read::<f64>().is_ok_and(f64::is_nan));
        round(&true);
        round(&false);
        for c in ['a', 'é', '青', '🌏'] {
            round(&c);
        }
        round(&String::new());
        round(&"下关市 \"Shimonoseki\"".to_string());
        round(&Some(7u8));
        round(&None::<u8>);
        round(&vec![(String::from("a"), 1u64), (String::from("青"), 2)]);
        round(&vec![vec![1i64, -2, 3], vec![]]);
        for c in Continent::ALL {
            round(&c);
        }
        for l in Level::ALL {
            round(&l);
        }
        for s in Relation::ALL {
            round(&s);
        }
        for s in Status::ALL {
            round(&s);
        }
    }

    #[test]
    fn the_shipped_tables_and_pairs_read_back() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let read = |f: &str| std::fs::read(format!("{dir}/data/{f}")).expect("data file");
        let gaz = crate::dataset::Gazetteer::load(
            &read("shandong.csv"),
            &read("countries.csv"),
            &read("groups.csv"),
        )
        .expect("tables");
        let today = PartialDate::ymd(2026, 11, 27);
        let loaded = crate::dataset::Dataset::load(
            &gaz,
            "partnerships.csv",
            &read("partnerships.csv"),
            today,
            None,
        )
        .expect("pairs");
        for c in &gaz.cities {
            round(c);
        }
        for c in &gaz.countries {
            round(c);
        }
        for g in &gaz.groups {
            round(g);
        }
        // With their notes and sources, which the packed file leaves out, too.
        for p in loaded.dataset.partnerships.iter().take(60) {
            round(p);
        }
        round(&loaded.dataset.partnerships);
        let coverage = Coverage::load(&gaz, &read("official_totals.csv"), &read("about.csv"))
            .expect("coverage");
        round(&coverage);
    }

    #[test]
    fn a_damaged_value_is_an_error() {
        type Read = fn(&[u8]) -> Option<Damaged>;
        let bad: [(&[u8], &str, Read); 7] = [
            (&[2], "a yes or no", |b| Reader::new(b).read::<bool>().err()),
            (&[5], "an enum's variant", |b| {
                Reader::new(b).read::<Status>().err()
            }),
            (&[2, 0], "an optional value", |b| {
                Reader::new(b).read::<Option<u8>>().err()
            }),
            (&[0xff; 11], "a number", |b| {
                Reader::new(b).read::<u64>().err()
            }),
            (&[3, b'a', 0xff, b'b'], "UTF-8", |b| {
                Reader::new(b).read::<String>().err()
            }),
            (&[2, b'a', b'b'], "a character", |b| {
                Reader::new(b).read::<char>().err()
            }),
            (&[200, 1], "a length", |b| {
                Reader::new(b).read::<Vec<u8>>().err()
            }),
        ];
        for (bytes, words, read) in bad {
            let got = read(bytes).expect("an error");
            assert!(got.0.contains(words), "{got} / {words}");
        }
    }
}
