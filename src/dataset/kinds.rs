//! The closed vocabularies of the data: continents, partner levels, relations and statuses,
//! each with its key and the words staff may type for it.

/// Continents, as used for filtering and statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Continent {
    Asia,
    Europe,
    Africa,
    NorthAmerica,
    SouthAmerica,
    Oceania,
    Antarctica,
}

impl Continent {
    pub const ALL: [Continent; 7] = [
        Continent::Asia,
        Continent::Europe,
        Continent::Africa,
        Continent::NorthAmerica,
        Continent::SouthAmerica,
        Continent::Oceania,
        Continent::Antarctica,
    ];

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

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == text)
    }
}

/// Administrative level of the partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Province,
    City,
    County,
    Unknown,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Unknown => "unknown",
        }
    }

    /// English keys, and the Chinese words staff are likely to type.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    Friendship,
    Cooperation,
    Unknown,
}

impl Relation {
    pub const ALL: [Relation; 3] = [
        Relation::Friendship,
        Relation::Cooperation,
        Relation::Unknown,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Relation::Friendship => "friendship",
            Relation::Cooperation => "cooperation",
            Relation::Unknown => "unknown",
        }
    }

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// An agreement was signed, or the tie is reported as established.
    Signed,
    /// Only a letter of intent, a draft or an agreement "to establish" is documented.
    Intent,
    /// Named as a partner only by a weak or secondary source (e.g. a Wikipedia list).
    Unconfirmed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Signed, Status::Intent, Status::Unconfirmed];

    pub fn key(self) -> &'static str {
        match self {
            Status::Signed => "signed",
            Status::Intent => "intent",
            Status::Unconfirmed => "unconfirmed",
        }
    }

    /// English keys and the Chinese words staff may type; empty means signed (older files).
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
}
