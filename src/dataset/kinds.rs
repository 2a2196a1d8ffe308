//! The closed vocabularies of the data: continents, partner levels, relations and statuses,
//! each with its key and the words staff may type for it.

/// Continents, as used for filtering and statistics.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Continent {
    /// Asia (key `asia`).
    Asia,
    /// Europe (key `europe`).
    Europe,
    /// Africa (key `africa`).
    Africa,
    /// North America, with Central America and the Caribbean (key `north_america`).
    NorthAmerica,
    /// South America (key `south_america`).
    SouthAmerica,
    /// Oceania (key `oceania`).
    Oceania,
    /// Antarctica (key `antarctica`).
    Antarctica,
}

impl Continent {
    /// Every continent, in declaration (and sort) order.
    pub const ALL: [Continent; 7] = [
        Continent::Asia,
        Continent::Europe,
        Continent::Africa,
        Continent::NorthAmerica,
        Continent::SouthAmerica,
        Continent::Oceania,
        Continent::Antarctica,
    ];

    /// The key used in the data files and the URL, e.g. `"north_america"`.
    pub fn key(self) -> &'static str {
        match self {
            Continent::Asia => "asia",
            Continent::Europe => "europe",
            Continent::Africa => "africa",
            Continent::NorthAmerica => "north_america",
            Continent::SouthAmerica => "south_america",
            Continent::Oceania => "oceania",
            Continent::Antarctica => "antarctica",
        }
    }

    /// The continent whose [`key`](Self::key) is exactly `text`; `None` for anything else
    /// (no trimming, no other spellings).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == text)
    }
}

/// Administrative level of the partner.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    /// A province, state or similar first-level division (省/州).
    Province,
    /// A city (市).
    City,
    /// A county or district (县/区).
    County,
    /// Not known; also what an empty cell means.
    Unknown,
}

impl Level {
    /// Every level, in the order the page lists them.
    pub const ALL: [Level; 4] = [Level::Province, Level::City, Level::County, Level::Unknown];

    /// The key used in the data files and the URL, e.g. `"province"`.
    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Unknown => "unknown",
        }
    }

    /// English keys, and the Chinese words staff are likely to type; empty means
    /// [`Level::Unknown`]. `None` for anything else (matched exactly, no trimming).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "province" | "state" | "省" | "州" | "省/州" | "省州" => Some(Level::Province),
            "city" | "市" => Some(Level::City),
            "county" | "district" | "县" | "区" | "县/区" => Some(Level::County),
            "" | "unknown" => Some(Level::Unknown),
            _ => None,
        }
    }
}

/// 友好城市 (formal friendship city) or 友好合作关系 (friendly cooperation), or not known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Relation {
    /// A formal friendship city or province (友好城市, 友好省州).
    Friendship,
    /// Friendly cooperation or exchange (友好合作关系, 友好交流关系).
    Cooperation,
    /// Not known; also what an empty cell means.
    Unknown,
}

impl Relation {
    /// Every relation, in declaration (and sort) order.
    pub const ALL: [Relation; 3] = [
        Relation::Friendship,
        Relation::Cooperation,
        Relation::Unknown,
    ];

    /// The key used in the data files and the URL, e.g. `"friendship"`.
    pub fn key(self) -> &'static str {
        match self {
            Relation::Friendship => "friendship",
            Relation::Cooperation => "cooperation",
            Relation::Unknown => "unknown",
        }
    }

    /// English keys and the Chinese words staff may type; empty means [`Relation::Unknown`].
    /// `None` for anything else (matched exactly, no trimming).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "friendship" | "友好城市" | "友城" | "友好省州" => Some(Relation::Friendship),
            "cooperation" | "友好合作关系" | "友好合作" | "友好交流关系" => {
                Some(Relation::Cooperation)
            }
            "" | "unknown" => Some(Relation::Unknown),
            _ => None,
        }
    }
}

/// How firm the tie is, as far as the sources show.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Status {
    /// An agreement was signed, or the tie is reported as established.
    Signed,
    /// Only a letter of intent, a draft or an agreement "to establish" is documented.
    Intent,
    /// Named as a partner only by a weak or secondary source (e.g. a Wikipedia list).
    Unconfirmed,
}

impl Status {
    /// Every status, from firmest to weakest (declaration and sort order).
    pub const ALL: [Status; 3] = [Status::Signed, Status::Intent, Status::Unconfirmed];

    /// The key used in the data files, e.g. `"signed"`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Signed => "signed",
            Status::Intent => "intent",
            Status::Unconfirmed => "unconfirmed",
        }
    }

    /// English keys and the Chinese words staff may type; empty means signed (older files).
    /// `None` for anything else (matched exactly, no trimming).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "" | "signed" | "已签署" | "已缔结" => Some(Status::Signed),
            "intent" | "意向" | "意向书" => Some(Status::Intent),
            "unconfirmed" | "待核实" | "未核实" => Some(Status::Unconfirmed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_and_level_accept_chinese_words() {
        assert_eq!(Relation::parse("友好城市"), Some(Relation::Friendship));
        assert_eq!(Relation::parse("友好合作关系"), Some(Relation::Cooperation));
        assert_eq!(Relation::parse("sister"), None);
        assert_eq!(Level::parse("州"), Some(Level::Province));
        assert_eq!(Level::parse(""), Some(Level::Unknown));
    }

    /// `ALL` lists each kind in declaration order, so `k as usize` is its place there and the
    /// statistics, which count by that index, list kinds in their sort order.
    #[test]
    fn all_is_in_declaration_and_sort_order() {
        assert!(Continent::ALL
            .iter()
            .enumerate()
            .all(|(i, &k)| k as usize == i));
        assert!(Relation::ALL
            .iter()
            .enumerate()
            .all(|(i, &k)| k as usize == i));
        assert!(Level::ALL.iter().enumerate().all(|(i, &k)| k as usize == i));
        assert!(Status::ALL
            .iter()
            .enumerate()
            .all(|(i, &k)| k as usize == i));
        assert!(Continent::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Relation::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Level::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Status::ALL.windows(2).all(|w| w[0] < w[1]));
    }
}
