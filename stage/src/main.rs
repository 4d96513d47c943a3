//! The stage (tier 2 of three: the page reads, the stage presents, the app enriches). It starts as
//! soon as its few kilobytes arrive and makes the page's talk a slideshow: keys and clickers,
//! swipes and taps, its own previous/next buttons, fragments, the address (reload, links, back and
//! forward), the tab's title and the live region. Navigation is `deck_core`'s, the same code the
//! app runs.
//!
//! When the app has arrived and started, it asks for the talk (`deck_web::handoff`): the stage
//! answers with where the talk is, removes its listeners and its controls' wiring, and is done.
//! Every press before that moment is the stage's, every press after it the app's: none is lost,
//! none is applied twice. Keys that only the app understands (overview, help, blackout…) are left
//! to the browser until then: a view that opened seconds after its key would surprise more than
//! it helps.

use deck_core::contract::{class, id};
use deck_core::deck::Deck;
use deck_core::keys::{Action, Keyboard, Outcome};
use deck_core::nav::{self, Command, Position};
use deck_core::text::{concat, Piece};
use deck_core::url;
use deck_web::handoff::{self, Handed};
use deck_web::{page, Event, Listener};
use std::cell::RefCell;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

struct Stage {
    deck: Deck,
    at: Position,
    keyboard: Keyboard,
    /// Where the current touch started.
    touch: Option<(f64, f64)>,
    /// An address write is waiting for the next paint; `true` if a move since the last write
    /// changed the slide (a new history entry).
    address: Option<bool>,
    /// Removed (dropped) when the stage retires.
    _listeners: Vec<Listener>,
}

thread_local! {
    static STAGE: RefCell<Option<Stage>> = const { RefCell::new(None) };
}

fn with_stage<T>(f: impl FnOnce(&mut Stage) -> T) -> Option<T> {
    STAGE.with(|cell| cell.borrow_mut().as_mut().map(f))
}

fn main() {
    // Only the stage face is the stage's: the document reads without it, and the speaker view
    // and print are the app's.
    if !deck_web::has_root_class(class::PRESENTING) {
        return;
    }
    let deck = page::read_deck(false);
    if deck.slides.is_empty() {
        return;
    }
    let hash = deck_web::location_hash();
    let at = url::decode(&hash, &deck);
    if url::encode(at) != hash {
        deck_web::set_hash(&url::encode(at), false);
    }
    // The first frame has dressed every section for this place; the stage adds what it leaves
    // (the current pictures' focus), touching only the slides around it.
    page::show(Some(at), at);
    let listeners = vec![
        Listener::on_window("keydown", on_key),
        Listener::on_window("touchstart", on_touch_start),
        Listener::on_window("touchend", on_touch_end),
        Listener::on_window("hashchange", follow_address),
        Listener::on_window("popstate", follow_address),
        Listener::on_window("click", on_click),
    ];
    show_chrome(&deck, at);
    deck_web::set_text(id::LIVE, &deck.announcement(None, at, None));
    deck_web::set_title(&deck.document_title(at.slide));
    STAGE.with(|cell| {
        *cell.borrow_mut() = Some(Stage {
            deck,
            at,
            keyboard: Keyboard::default(),
            touch: None,
            address: None,
            _listeners: listeners,
        })
    });
    handoff::when_asked(retire);
    deck_web::set_root_class(class::STAGED, true);
}

/// The app takes over: where the talk is, and the stage stops hearing anything.
fn retire() -> Handed {
    let stage = STAGE.with(|cell| cell.borrow_mut().take());
    deck_web::set_root_class(class::STAGED, false);
    match stage {
        Some(stage) => Handed { at: stage.at, typed: stage.keyboard.typed() },
        None => Handed { at: Position::START, typed: None },
    }
}

fn go(command: Command) {
    let moved = with_stage(|stage| {
        let from = stage.at;
        let to = nav::apply(&stage.deck, from, command);
        (from != to).then(|| {
            stage.at = to;
            (from, to)
        })
    });
    if let Some(Some((from, to))) = moved {
        show_move(from, to);
    }
}

/// Draws a move: the slides, the counter, the live region, then the address after the paint.
fn show_move(from: Position, to: Position) {
    page::show(Some(from), to);
    let waiting = with_stage(|stage| {
        show_chrome(&stage.deck, to);
        let revealed = page::fragment_words(to.slide, to.step);
        deck_web::set_text(id::LIVE, &stage.deck.announcement(Some(from), to, revealed.as_deref()));
        let waiting = stage.address.is_some();
        stage.address = Some(stage.address.unwrap_or(false) || from.slide != to.slide);
        waiting
    });
    if waiting == Some(false) {
        deck_web::after_next_paint(write_address);
    }
}

/// The counter, and whether the buttons can go further.
fn show_chrome(deck: &Deck, at: Position) {
    let counter =
        concat(&[Piece::Number(at.slide + 1), Piece::Text(" / "), Piece::Number(deck.slides.len())]);
    deck_web::set_text(id::STAGE_COUNTER, &counter);
    let first = at == Position::START;
    deck_web::set_attribute(id::STAGE_PREV, "aria-disabled", if first { "true" } else { "false" });
    let last = nav::apply(deck, at, Command::Next) == at;
    deck_web::set_attribute(id::STAGE_NEXT, "aria-disabled", if last { "true" } else { "false" });
}

/// The address and the title, once the move is painted (a retired stage writes nothing: the
/// address is the app's by then).
fn write_address() {
    let written = with_stage(|stage| {
        let push = stage.address.take()?;
        Some((url::encode(stage.at), push, stage.deck.document_title(stage.at.slide)))
    });
    if let Some(Some((hash, push, title))) = written {
        if deck_web::location_hash() != hash {
            deck_web::set_hash(&hash, push);
        }
        deck_web::set_title(&title);
    }
}

fn on_key(event: Event) {
    let outcome = deck_web::with_key_input(&event, |input| with_stage(|stage| stage.keyboard.press(input)));
    match outcome.flatten() {
        Some(Outcome::Act(Action::Navigate(command))) => {
            deck_web::prevent_default(&event);
            go(command);
        }
        Some(Outcome::Typing(_) | Outcome::TypingCancelled) => deck_web::prevent_default(&event),
        _ => {}
    }
}

fn on_touch_start(event: Event) {
    let start = deck_web::touch_point(&event, false);
    with_stage(|stage| stage.touch = start);
}

fn on_touch_end(event: Event) {
    let Some(Some(start)) = with_stage(|stage| stage.touch.take()) else { return };
    let Some(end) = deck_web::touch_point(&event, true) else { return };
    let on_control = deck_web::on_control(&event);
    if let Some(command) = nav::gesture(start, end, deck_web::viewport_width(), on_control) {
        go(command);
    }
}

fn on_click(event: Event) {
    if deck_web::target_within_id(&event, id::STAGE_PREV) {
        go(Command::Prev);
    } else if deck_web::target_within_id(&event, id::STAGE_NEXT) {
        go(Command::Next);
    }
}

/// Back, forward, a link followed or an address typed: the deck goes there (an unreadable address
/// is replaced by where it landed).
fn follow_address(_: Event) {
    let hash = deck_web::location_hash();
    let moved = with_stage(|stage| {
        let to = url::decode(&hash, &stage.deck);
        let canonical = url::encode(to);
        if canonical != hash {
            deck_web::set_hash(&canonical, false);
        }
        let from = stage.at;
        stage.at = to;
        (from != to).then_some((from, to))
    });
    if let Some(Some((from, to))) = moved {
        page::show(Some(from), to);
        with_stage(|stage| {
            show_chrome(&stage.deck, to);
            deck_web::set_text(id::LIVE, &stage.deck.announcement(Some(from), to, None));
            deck_web::set_title(&stage.deck.document_title(to.slide));
        });
    }
}
