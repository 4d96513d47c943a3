//! The messages that keep the audience window and the speaker view together: serde-typed,
//! versioned, and checked on the way in. Anything malformed, foreign, oversized or from another
//! version is rejected with a reason, never a panic. Pure: the text is JSON, read and written by
//! whoever calls (the browser's own `JSON` in the app, through `deck_web::json`, so that the wasm
//! carries no JSON parser; serde_json in the native tests); the channel is `deck_web::channel`.

use crate::ink::{self, Change, Point};
use crate::rehearsal::Rehearsal;
use serde::{Deserialize, Serialize};

/// Bump when the message shape changes; older and newer peers are then ignored, not misread.
pub const VERSION: u32 = 3;
/// Messages larger than this are not ours (the longest stroke fits with room to spare).
const MAX_BYTES: usize = 16_384;

/// What the screen shows besides the slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Screen {
    #[default]
    Slide,
    Black,
    White,
}

/// The state every window of the talk shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Shared {
    pub slide: usize,
    pub step: usize,
    pub overview: bool,
    pub screen: Screen,
    /// The picture of the slide that fills the stage (its index among the slide's pictures).
    pub zoom: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// "This is where the talk is."
    State { state: Shared },
    /// "I just opened: where is the talk?"
    Hello,
    /// "The pointer is here on the slide" (or nowhere: it left the slide, or was put away).
    Pointer { at: Option<Point> },
    /// "This happened to the ink on that slide."
    Ink { slide: usize, change: Change },
    /// "The rehearsal is now this": running (its state, which the speaker views then go on
    /// timing from their own clocks), or over (`None`: the window that ended it has kept it in
    /// storage, where the others read it).
    Rehearsal { running: Option<Rehearsal> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub v: u32,
    /// Which deck: windows of another deck on the same origin are ignored.
    pub deck: String,
    /// The sending window, so that a window ignores its own echoes.
    pub from: u32,
    pub body: Body,
}

/// How a window that opens comes into the talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// It shows the slide its address names and asks nobody: a link someone followed, or a reload
    /// of a window that was on its own. It joins the talk once it moves or another window does.
    Linked,
    /// It asks where the talk is and goes there: its address names no slide (`?view=speaker`, as
    /// S opens it), or it is a reload of a window that was following the talk.
    Joins,
}

/// The rule for a window that opens: `names_slide` from its address, `reloaded` from the
/// browser's navigation type, `was_in_talk` from what the window remembered before the reload.
pub fn arrival(names_slide: bool, reloaded: bool, was_in_talk: bool) -> Arrival {
    let joins = if reloaded { was_in_talk } else { !names_slide };
    if joins {
        Arrival::Joins
    } else {
        Arrival::Linked
    }
}

/// Why a message was ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    Malformed,
    TooLarge,
    OtherVersion,
    OtherDeck,
    OwnEcho,
}

/// A message from window `from` of `deck`, at this version, for the caller to write as JSON.
pub fn message(deck: &str, from: u32, body: Body) -> Message {
    Message { v: VERSION, deck: deck.into(), from, body }
}

/// Just a message's version, read before the rest: a message of another version is not misread.
#[derive(Debug, Deserialize)]
pub struct Envelope {
    pub v: u32,
}

/// The body of a message meant for window `me` of `deck`. `read_envelope` and `read_message` parse
/// JSON text (`None`: it is not that shape).
pub fn decode(
    text: &str,
    deck: &str,
    me: u32,
    read_envelope: impl FnOnce(&str) -> Option<Envelope>,
    read_message: impl FnOnce(&str) -> Option<Message>,
) -> Result<Body, Rejected> {
    if text.len() > MAX_BYTES {
        return Err(Rejected::TooLarge);
    }
    let envelope = read_envelope(text).ok_or(Rejected::Malformed)?;
    if envelope.v != VERSION {
        return Err(Rejected::OtherVersion);
    }
    let message = read_message(text).ok_or(Rejected::Malformed)?;
    let plausible = match &message.body {
        Body::Pointer { at: Some(p) } => ink::on_slide(*p),
        Body::Ink { change, .. } => change.is_valid(),
        // The receiver checks it against its own deck too (`Rehearsal::restored`).
        Body::Rehearsal { running: Some(r) } => r.is_plausible(),
        _ => true,
    };
    if !plausible {
        return Err(Rejected::Malformed);
    }
    if message.deck != deck {
        return Err(Rejected::OtherDeck);
    }
    if message.from == me {
        return Err(Rejected::OwnEcho);
    }
    Ok(message.body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ink::{Stroke, Tool};

    const DECK: &str = "Talk#18";

    /// The text form, as the browser writes and reads it (JSON).
    fn encode(deck: &str, from: u32, body: Body) -> String {
        serde_json::to_string(&message(deck, from, body)).unwrap()
    }

    fn decode(text: &str, deck: &str, me: u32) -> Result<Body, Rejected> {
        super::decode(text, deck, me, |t| serde_json::from_str(t).ok(), |t| serde_json::from_str(t).ok())
    }

    #[test]
    fn round_trips() {
        let state = Shared { slide: 4, step: 2, overview: true, screen: Screen::Black, zoom: Some(1) };
        let stroke = Stroke { tool: Tool::Highlighter, width: 28, points: vec![[0, 0], [1600, 900]] };
        let bodies = [
            Body::State { state },
            Body::Hello,
            Body::Pointer { at: Some([800, 450]) },
            Body::Pointer { at: None },
            Body::Ink { slide: 3, change: Change::Add(stroke.clone()) },
            Body::Ink { slide: 3, change: Change::Live(stroke) },
            Body::Ink { slide: 3, change: Change::Undo },
            Body::Rehearsal { running: Some(Rehearsal::start(18, 2, 1_800_000_000_000)) },
            Body::Rehearsal { running: None },
        ];
        for body in bodies {
            assert_eq!(decode(&encode(DECK, 7, body.clone()), DECK, 1), Ok(body));
        }
    }

    #[test]
    fn rejects_what_is_not_ours() {
        let hello = encode(DECK, 7, Body::Hello);
        assert_eq!(decode(&hello, DECK, 7), Err(Rejected::OwnEcho));
        assert_eq!(decode(&hello, "Another talk#3", 1), Err(Rejected::OtherDeck));
        let old = hello.replace("\"v\":3", "\"v\":2");
        assert_eq!(decode(&old, DECK, 1), Err(Rejected::OtherVersion));
        let future = hello.replace("\"v\":3", "\"v\":4");
        assert_eq!(decode(&future, DECK, 1), Err(Rejected::OtherVersion));
        let garbage = [
            "",
            "null",
            "42",
            "[1,2]",
            "{",
            "{\"v\":\"1\"}",
            "{\"v\":3}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":\"Launch\"}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"State\":{\"state\":{\"slide\":-1,\"step\":0,\"overview\":false,\"screen\":\"Slide\"}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"State\":{\"state\":{\"slide\":1,\"step\":0,\"overview\":false,\"screen\":\"Disco\"}}}}",
            // A pointer off the slide, a stroke too wide, out of bounds, empty, or of no tool.
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Pointer\":{\"at\":[1601,0]}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Pointer\":{\"at\":[-1,0]}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Ink\":{\"slide\":1,\"change\":{\"Add\":{\"tool\":\"Red\",\"width\":400,\"points\":[[1,1]]}}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Ink\":{\"slide\":1,\"change\":{\"Add\":{\"tool\":\"Red\",\"width\":4,\"points\":[[1,9000]]}}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Ink\":{\"slide\":1,\"change\":{\"Live\":{\"tool\":\"Red\",\"width\":4,\"points\":[]}}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Ink\":{\"slide\":1,\"change\":{\"Add\":{\"tool\":\"Laser\",\"width\":4,\"points\":[[1,1]]}}}}}",
            // A rehearsal whose slide on screen is not among its slides, of no slides, with a
            // slide longer than a day, with a negative time, or not a rehearsal at all.
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Rehearsal\":{\"running\":{\"spent_ms\":[0,0],\"slide\":2,\"last\":null,\"paused\":false,\"jumps\":0}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Rehearsal\":{\"running\":{\"spent_ms\":[],\"slide\":0,\"last\":null,\"paused\":false,\"jumps\":0}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Rehearsal\":{\"running\":{\"spent_ms\":[86400001],\"slide\":0,\"last\":null,\"paused\":false,\"jumps\":0}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Rehearsal\":{\"running\":{\"spent_ms\":[-5],\"slide\":0,\"last\":null,\"paused\":false,\"jumps\":0}}}}",
            "{\"v\":3,\"deck\":\"Talk#18\",\"from\":2,\"body\":{\"Rehearsal\":{\"running\":\"yes\"}}}",
            "<script>alert(1)</script>",
        ];
        for text in garbage {
            assert_eq!(decode(text, DECK, 1), Err(Rejected::Malformed), "{text}");
        }
        let huge = format!("{{\"v\":1,\"pad\":\"{}\"}}", "x".repeat(MAX_BYTES));
        assert_eq!(decode(&huge, DECK, 1), Err(Rejected::TooLarge));
    }

    #[test]
    fn links_show_their_slide_and_joining_windows_ask() {
        // A link to a slide, in a fresh tab or while another tab is open: shows that slide.
        assert_eq!(arrival(true, false, false), Arrival::Linked);
        assert_eq!(arrival(true, false, true), Arrival::Linked, "a stale memory does not override a link");
        // No slide in the address (the speaker view that S opens): asks.
        assert_eq!(arrival(false, false, false), Arrival::Joins);
        // A reload: a window that followed the talk re-syncs, one on its own keeps its address.
        assert_eq!(arrival(true, true, true), Arrival::Joins);
        assert_eq!(arrival(true, true, false), Arrival::Linked);
        assert_eq!(arrival(false, true, false), Arrival::Linked);
    }

    #[test]
    fn huge_positions_decode_and_are_clamped_by_the_caller() {
        let text = format!(
            "{{\"v\":3,\"deck\":\"{DECK}\",\"from\":2,\"body\":{{\"State\":{{\"state\":{{\"slide\":{},\"step\":3,\"overview\":false,\"screen\":\"White\"}}}}}}}}",
            u64::MAX
        );
        let Ok(Body::State { state }) = decode(&text, DECK, 1) else { panic!("a valid message") };
        assert_eq!(state.screen, Screen::White);
        assert_eq!(state.slide as u64, u64::MAX);
    }
}
