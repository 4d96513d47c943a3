//! The URL codec: `#/N` is slide N (1-based, as people say "slide 5"), `#/N/K` is fragment step K.
//! Decoding accepts anything a visitor can type and always lands on a valid place.

use crate::core::nav::{DeckShape, Position};

/// The hash for a place: `#/3` for slide 3 with no fragments shown, `#/3/2` with two.
pub fn encode(pos: Position) -> String {
    if pos.step == 0 {
        format!("#/{}", pos.slide + 1)
    } else {
        format!("#/{}/{}", pos.slide + 1, pos.step)
    }
}

/// The place a hash names, clamped to the deck: `#/0` and `#/-2` give the first slide, `#/999` the
/// last, `#/3/99` slide 3 fully built; anything unreadable gives the first slide.
pub fn decode(hash: &str, deck: &(impl DeckShape + ?Sized)) -> Position {
    let path = hash.strip_prefix('#').unwrap_or(hash);
    let path = path.strip_prefix('/').unwrap_or(path);
    let mut parts = path.splitn(3, '/');
    let slide = match parts.next().map(number) {
        Some(Number::Value(n)) => n.saturating_sub(1),
        Some(Number::Negative) | None => 0,
        Some(Number::Invalid) => return Position::START,
    };
    let step = match parts.next().map(number) {
        Some(Number::Value(k)) => k,
        _ => 0,
    };
    Position::new(slide, step).clamp(deck)
}

/// Whether a hash names a place in the deck (`#/4`, `#/6/2`, even a bad `#/abc`), as a link does;
/// `""`, `#` and `#/` name none.
pub fn names_slide(hash: &str) -> bool {
    let path = hash.strip_prefix('#').unwrap_or(hash);
    !path.strip_prefix('/').unwrap_or(path).is_empty()
}

enum Number {
    Value(usize),
    Negative,
    Invalid,
}

/// A decimal number, saturating instead of overflowing (so `#/99999999999999999999` is "very far").
fn number(text: &str) -> Number {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Number::Invalid;
    }
    if negative {
        return Number::Negative;
    }
    let value =
        digits.bytes().fold(0usize, |n, b| n.saturating_mul(10).saturating_add(usize::from(b - b'0')));
    Number::Value(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: [usize; 5] = [0, 0, 3, 0, 1];

    #[test]
    fn encodes_one_based() {
        assert_eq!(encode(Position::new(0, 0)), "#/1");
        assert_eq!(encode(Position::new(2, 3)), "#/3/3");
    }

    #[test]
    fn bad_hashes_land_on_the_nearest_valid_place() {
        let cases = [
            ("", (0, 0)),
            ("#", (0, 0)),
            ("#/", (0, 0)),
            ("#/0", (0, 0)),
            ("#/-4", (0, 0)),
            ("#/999", (4, 0)),
            ("#/99999999999999999999999", (4, 0)),
            ("#/abc", (0, 0)),
            ("#/3/99", (2, 3)),
            ("#/3/abc", (2, 0)),
            ("#/3/-1", (2, 0)),
            ("#3", (2, 0)),
            ("#/3/2/extra", (2, 2)),
            ("#/%33", (0, 0)),
            ("#/3 ", (0, 0)),
        ];
        for (hash, (slide, step)) in cases {
            assert_eq!(decode(hash, &DECK[..]), Position::new(slide, step), "hash {hash:?}");
        }
        let junk = "x/".repeat(5_000);
        assert_eq!(decode(&junk, &DECK[..]), Position::START);
    }

    #[test]
    fn a_hash_names_a_slide_unless_it_is_empty() {
        for hash in ["#/4", "#/6/2", "#/abc", "#/0", "#3"] {
            assert!(names_slide(hash), "{hash:?}");
        }
        for hash in ["", "#", "#/"] {
            assert!(!names_slide(hash), "{hash:?}");
        }
    }
}

/// Which face of the deck a window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Deck,
    Speaker,
    /// The whole talk as one article: contents, every slide, its notes.
    Read,
    /// One slide per 16:9 page, every fragment shown: what printing gives, from any view.
    Print,
}

impl View {
    /// The query string that opens this view (kept in the address bar, so reload keeps it).
    pub fn query(self) -> &'static str {
        match self {
            View::Deck => "",
            View::Speaker => "?view=speaker",
            View::Read => "?view=read",
            View::Print => "?print",
        }
    }
}

/// What the query string asks for: `?view=speaker|read`, `?print[&notes][&ink]`, `?auto=N` (kiosk).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Query {
    pub view: View,
    pub auto_seconds: Option<f64>,
    /// `?print&notes`: the notes under each printed slide.
    pub notes: bool,
    /// `?print&ink`: the strokes drawn during the talk on the printed slides.
    pub ink: bool,
}

pub fn parse_query(search: &str) -> Query {
    let mut query = Query::default();
    for pair in search.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (key, value) {
            ("view", "speaker") => query.view = View::Speaker,
            ("view", "read") => query.view = View::Read,
            ("print", _) => query.view = View::Print,
            ("notes", _) => query.notes = true,
            ("ink", _) => query.ink = true,
            ("auto", seconds) => query.auto_seconds = crate::core::kiosk::parse_seconds(seconds),
            _ => {}
        }
    }
    query
}

#[cfg(test)]
mod query_tests {
    use super::*;

    #[test]
    fn reads_view_and_kiosk() {
        assert_eq!(parse_query(""), Query::default());
        assert_eq!(parse_query("?view=speaker").view, View::Speaker);
        assert_eq!(parse_query("?view=read").view, View::Read);
        assert_eq!(parse_query("?print").view, View::Print);
        assert!(parse_query("?print&notes").notes);
        assert!(parse_query("?print&ink").ink && !parse_query("?print").ink);
        assert_eq!(parse_query("?x=1&auto=8").auto_seconds, Some(8.0));
        assert_eq!(parse_query("?view=SPEAKER&auto=-1"), Query::default());
        assert_eq!(parse_query("?view&auto&&=&view=speaker=1"), Query::default());
    }
}
