//! The address: which slide and fragment step a URL names, and which face of the talk it asks for.
//! This is the one written definition of the grammar; the first-frame script (generated in
//! `contract::script`) implements the same rules, and `tests/e2e_address.rs` checks the two agree
//! on a shared table in both browsers.
//!
//! **The hash.** After one optional `#` and one optional `/`, the text is split at `/`:
//!
//! ```text
//! hash   = ["#"] ["/"] place ["/" step ["/" anything]]
//! place  = number | name
//! number = ["-"] 1*("0"-"9")     ASCII digits only, no "+", no spaces, no percent-decoding
//! step   = number
//! name   = a slide's `id:` from the talk (a-z, 0-9 and "-", starting with a letter)
//! ```
//!
//! - A number N is slide N, counted from 1 (as people say "slide 5"). 0 and negative numbers are
//!   the first slide, numbers past the end the last; huge numbers are "very far", not an error.
//! - A name is the slide that has it (`#/vienna-1961`).
//! - A step K shows K fragments, clamped to the slide's steps; a step that is not a number, or is
//!   negative, is 0. Anything after a third `/` is ignored.
//! - Anything else (an empty place, `abc`, `3.5`, `3abc`, `٣`, `%33`) names no slide: the first
//!   slide, step 0.
//!
//! The canonical hash of a place is `#/N` or `#/N/K` ([`encode`]): the stage and the app replace
//! any other form with it, in place (no new history entry).
//!
//! **The query** (`?view=…`) is read by [`parse_query`]: pairs split at `&`, each split at its
//! first `=`, the last view named wins.

use crate::nav::{DeckShape, Position};
use crate::text::{concat, push_number, Piece};

/// The hash for a place: `#/3` for slide 3 with no fragments shown, `#/3/2` with two.
pub fn encode(pos: Position) -> String {
    let mut hash = concat(&[Piece::Text("#/"), Piece::Number(pos.slide + 1)]);
    if pos.step > 0 {
        hash.push('/');
        push_number(&mut hash, pos.step);
    }
    hash
}

/// The place a hash names, clamped to the deck: `#/0` and `#/-2` give the first slide, `#/999` the
/// last, `#/3/99` slide 3 fully built, `#/vienna-1961` the slide of that name; anything unreadable
/// gives the first slide.
pub fn decode(hash: &str, deck: &(impl DeckShape + ?Sized)) -> Position {
    let path = hash.strip_prefix('#').unwrap_or(hash);
    let path = path.strip_prefix('/').unwrap_or(path);
    let mut parts = path.splitn(3, '/');
    let place = parts.next().unwrap_or_default();
    let slide = match number(place) {
        Number::Value(n) => n.saturating_sub(1),
        Number::Negative => 0,
        Number::Invalid => match deck.named(place) {
            Some(slide) => slide,
            None => return Position::START,
        },
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
    fn a_slide_is_also_named_by_its_id() {
        let deck = crate::deck::Deck {
            slides: ["title", "vienna-1961", "three"]
                .iter()
                .map(|name| crate::deck::Slide { name: name.to_string(), steps: 2, ..Default::default() })
                .collect(),
            ..Default::default()
        };
        let cases = [
            ("#/vienna-1961", (1, 0)),
            ("#/vienna-1961/1", (1, 1)),
            ("#/vienna-1961/9", (1, 2)),
            ("#vienna-1961", (1, 0)),
            ("#/three/x/y", (2, 0)),
            ("#/Vienna-1961", (0, 0)),
            ("#/vienna", (0, 0)),
            ("#/vienna-1961 ", (0, 0)),
        ];
        for (hash, (slide, step)) in cases {
            assert_eq!(decode(hash, &deck), Position::new(slide, step), "hash {hash:?}");
        }
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
            ("auto", seconds) => query.auto_seconds = crate::kiosk::parse_seconds(seconds),
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
