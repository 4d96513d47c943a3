//! Browser events wired to the session: the URL, the keyboard, the other windows, the kiosk
//! schedule and the idle pointer. Each function registers its listeners for the life of the
//! component that calls it.

use crate::session::{Mode, Session};
use deck_core::contract::key;
use deck_core::deck::Deck;
use deck_core::keys::{Action, Keyboard, Outcome};
use deck_core::kiosk::Kiosk;
use deck_core::nav::{self, Command};
use deck_core::sync::{self, Arrival, Body, Screen, Shared};
use deck_core::url::{self, View};
use deck_web as browser;
use deck_web::channel::Channel;
use deck_web::page;
use gloo_timers::callback::{Interval, Timeout};
use leptos::ev;
use leptos::prelude::*;

/// The place settles after each frame: the address bar, the document title, the live region (and,
/// through `Session::settled`, the chrome and the other windows) follow it; back/forward, links
/// and typed URLs move the deck; a bad hash is replaced by where it landed.
pub fn follow_url(s: Session) {
    // A press's frame carries only the slides' new classes. Writing history costs Chromium about
    // 2 ms, and the chrome, the live region and the message to other windows about as much again,
    // so they wait for the idle time after the new slide is painted. A burst of presses before
    // then settles once, as one history entry if any of them changed the slide.
    let pending_push = StoredValue::new(None::<bool>);
    // The address as the app last wrote or followed it. Setting `location.hash` (a link, a test)
    // changes the address at once but fires `hashchange` later, and Back fires `popstate` later:
    // a settle in between must not write over the new address, whose event is on its way.
    let known = StoredValue::new(browser::location_hash());
    let settle = move || {
        let (Some(Some(push)), Some(p)) =
            (pending_push.try_update_value(Option::take), s.pos.try_get_untracked())
        else {
            return;
        };
        let before = s.settled.get_untracked();
        if before != p {
            s.settled.set(p);
        }
        // Scrolling a page is not a slide change worth announcing.
        if s.view.get_untracked() != View::Read {
            let revealed = page::fragment_words(p.slide, p.step);
            s.announcement.set(s.deck.announcement(Some(before), p, revealed.as_deref()));
        }
        let (hash, here) = (url::encode(p), browser::location_hash());
        if known.get_value() != here {
            // The address moved on its own; its event brings the place. (Only this write is
            // skipped: with no event, the next settle writes again.)
            known.set_value(here);
        } else if here != hash {
            // A new slide is a new history entry; fragment steps update it in place, and so does
            // scrolling through the reading view.
            let reading = s.view.get_untracked() == View::Read;
            browser::set_hash(&hash, push && !reading);
            known.set_value(hash);
        }
        browser::set_title(&s.deck.document_title(p.slide));
    };
    Effect::new(move |prev: Option<nav::Position>| {
        let p = s.pos.get();
        let new_slide = prev.is_some_and(|q| q.slide != p.slide);
        let waiting = pending_push.get_value();
        pending_push.set_value(Some(waiting.unwrap_or(false) || new_slide));
        if waiting.is_none() {
            browser::after_next_paint(settle);
        }
        p
    });
    let follow = move || {
        let hash = browser::location_hash();
        let p = url::decode(&hash, s.deck);
        let canonical = url::encode(p);
        if canonical != hash {
            browser::set_hash(&canonical, false);
        }
        known.set_value(canonical);
        if s.pos.get_untracked() != p {
            s.pos.set(p);
        }
    };
    let on_hash = window_event_listener(ev::hashchange, move |_| follow());
    let on_pop = window_event_listener(ev::popstate, move |_| follow());
    on_cleanup(move || {
        on_hash.remove();
        on_pop.remove();
    });
}

/// The keyboard: covered screens, open dialogs and the overview get their keys first.
pub fn listen_keys(s: Session, overview_columns: impl Fn() -> usize + 'static) {
    let keyboard = StoredValue::new(Keyboard::default());
    // A slide number the stage was typing goes on being typed.
    keyboard.update_value(|k| k.resume_typing(s.typed.get_untracked()));
    let on_key = window_event_listener(ev::keydown, move |event| {
        let key = event.key();
        let Some(input) = browser::key_input(&event, &key) else { return };
        if s.screen.get_untracked() != Screen::Slide && !(input.ctrl || input.meta) {
            // Any key brings the slide back (and does nothing else).
            event.prevent_default();
            s.screen.set(Screen::Slide);
            return;
        }
        if s.dialog_open() {
            // The dialog's own controls handle their keys. Escape closes it (the browser closes a
            // modal dialog on Esc too, even from its text field: see `widgets::modal`).
            if key == "Escape" {
                event.prevent_default();
                s.help.set(false);
                s.search.set(false);
            }
            return;
        }
        if s.overview.get_untracked() {
            let len = s.deck.slides.len();
            match key.as_str() {
                "ArrowRight" | "ArrowLeft" | "ArrowUp" | "ArrowDown" | "Home" | "End" => {
                    event.prevent_default();
                    s.cursor.update(|c| *c = nav::grid_move(*c, &key, overview_columns(), len));
                    return;
                }
                // The cursor decides, not the focus: focus follows the cursor a frame later.
                "Enter" | " " => {
                    event.prevent_default();
                    s.choose(s.cursor.get_untracked());
                    return;
                }
                _ => {}
            }
        }
        // Enter on a picture of the stage (it takes the focus there) enlarges it, or puts it back.
        if key == "Enter"
            && s.view.get_untracked() == View::Deck
            && keyboard.with_value(Keyboard::typed).is_none()
        {
            if let Some(index) = page::focused_picture(s.pos.get_untracked().slide) {
                event.prevent_default();
                s.toggle_zoom(index);
                return;
            }
        }
        let outcome = keyboard
            .try_update_value(|k| {
                k.character_keys = s.character_keys.get_untracked();
                k.press(input)
            })
            .unwrap_or(Outcome::Ignored);
        let reading = s.view.get_untracked() == View::Read;
        let ours = match outcome {
            Outcome::Act(action) => {
                !reading || matches!(action, Action::Read | Action::Search | Action::Help)
            }
            Outcome::Ignored => false,
            _ => !reading,
        };
        if ours {
            event.prevent_default();
        }
        match outcome {
            // The reading view is a page: arrows and space scroll it, slide keys do nothing.
            Outcome::Act(action) if s.view.get_untracked() == View::Read => {
                if matches!(action, Action::Read | Action::Search | Action::Help | Action::Escape) {
                    s.act(action);
                } else {
                    s.typed.set(None);
                    keyboard.update_value(|k| k.clear_typed());
                    return;
                }
            }
            Outcome::Act(action) => s.act(action),
            _ => {}
        }
        s.typed.set(keyboard.with_value(Keyboard::typed));
    });
    // The pointer that L holds goes when L comes up.
    let on_key_up = window_event_listener(ev::keyup, move |event| {
        if event.key().eq_ignore_ascii_case("l") && s.mode.get_untracked() == (Mode::Pointer { held: true }) {
            s.point(None);
            s.mode.set(Mode::Off);
        }
    });
    on_cleanup(move || {
        on_key.remove();
        on_key_up.remove();
    });
}

/// The deck as the messages between windows name it: its title and its number of slides, so that
/// another deck, or another shape of this one, is not taken for it.
pub fn deck_name(deck: &Deck) -> String {
    format!("{}#{}", deck.title, deck.slides.len())
}

/// Keeps this window and the talk's other windows (audience, speaker view) together: each local
/// change is posted, each valid message applied. How a window comes in is `sync::arrival`: a
/// window that joins asks where the talk is; a linked one shows its own slide, and is part of the
/// talk from its first move or the first move it receives. Only windows in the talk answer.
pub fn sync_windows(s: Session) {
    let me = browser::random_u32();
    let deck = deck_name(s.deck);
    let arrival = sync::arrival(
        url::names_slide(&browser::location_hash()),
        browser::reloaded(),
        browser::load_for_tab(key::IN_TALK).as_deref() == Some("1"),
    );
    let in_talk = StoredValue::new(false);
    let set_in_talk = move |now: bool| {
        in_talk.set_value(now);
        browser::store_for_tab(key::IN_TALK, if now { "1" } else { "0" });
    };
    let received = StoredValue::new(None::<Shared>);
    let deck_in = deck.clone();
    let decode = move |text: &str, deck: &str| {
        sync::decode(text, deck, me, browser::json::from_text, browser::json::from_text)
    };
    let encode =
        move |deck: &str, body| browser::json::to_text(&sync::message(deck, me, body)).unwrap_or_default();
    let channel = Channel::open(move |text| match decode(&text, &deck_in) {
        // Reading is personal: a reader's page neither follows nor drives the talk.
        Ok(_) if s.view.get_untracked() == View::Read => None,
        Ok(Body::State { state }) => {
            s.apply(state);
            received.set_value(Some(s.shared()));
            if !in_talk.get_value() {
                set_in_talk(true);
            }
            None
        }
        Ok(Body::Hello) if in_talk.get_value() => Some(encode(&deck_in, Body::State { state: s.shared() })),
        Ok(Body::Hello) => None,
        Ok(Body::Pointer { at }) => {
            s.pointer.set(at);
            None
        }
        Ok(Body::Ink { slide, change }) => {
            if slide < s.deck.slides.len() {
                s.take_ink(slide, &change);
            }
            None
        }
        Ok(Body::Rehearsal { running }) => {
            s.take_rehearsal(running);
            None
        }
        Err(_rejected) => {
            #[cfg(debug_assertions)]
            leptos::logging::log!("sync: ignored a message ({_rejected:?})");
            None
        }
    });
    set_in_talk(arrival == Arrival::Joins);
    if arrival == Arrival::Joins {
        channel.post(&encode(&deck, Body::Hello));
    }
    let channel = std::rc::Rc::new(channel);
    let poster = channel.clone();
    let deck_out = deck.clone();
    // The pointer and the ink go out as they happen (see `Session::point` and `Session::draw`).
    s.post.set_value(Some(std::rc::Rc::new(move |body| poster.post(&encode(&deck_out, body)))));
    let channel = StoredValue::new_local(channel);
    Effect::new(move |before: Option<(Shared, u32)>| {
        let lead = s.lead.get();
        // A move is told once its frame is painted (when the place settles), and as it is then.
        s.settled.track();
        let pos = s.pos.get_untracked();
        let state = Shared {
            slide: pos.slide,
            step: pos.step,
            overview: s.overview.get(),
            screen: s.screen.get(),
            zoom: s.zoom.get(),
        };
        // A window that just opened does not impose its state (a joining one asked with Hello, a
        // linked one waits for a move), nor does it echo what it received. Asked to lead (nothing
        // moved), it posts all the same.
        let asked_to_lead = before.is_some_and(|(_, was)| was != lead);
        let reading = s.view.get_untracked() == View::Read;
        if before.is_some() && !reading && (asked_to_lead || received.get_value() != Some(state)) {
            let text = encode(&deck, Body::State { state });
            channel.with_value(|c| c.post(&text));
            if !in_talk.get_value() {
                set_in_talk(true);
            }
        }
        (state, lead)
    });
}

/// `?auto=N`: advance every N seconds, looping; any input pauses for a minute. Returns whether it
/// is paused now.
pub fn run_kiosk(s: Session, seconds: f64) -> ReadSignal<bool> {
    let kiosk = StoredValue::new(Kiosk::new(seconds, browser::now()));
    let paused = RwSignal::new(false);
    let touch = move || {
        kiosk.update_value(|k| k.input(browser::now()));
        paused.set(true);
    };
    let on_key = window_event_listener(ev::keydown, move |_| touch());
    let on_pointer = window_event_listener(ev::pointerdown, move |_| touch());
    let tick = Interval::new(250, move || {
        let now = browser::now();
        let due = kiosk.try_update_value(|k| k.due(now)).unwrap_or(false);
        paused.set(kiosk.with_value(|k| k.paused(now)));
        if due {
            let at_end = nav::apply(s.deck, s.pos.get_untracked(), Command::Next) == s.pos.get_untracked();
            s.go(if at_end { Command::First } else { Command::Next });
        }
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || {
        on_key.remove();
        on_pointer.remove();
        tick.set_value(None);
    });
    paused.read_only()
}

/// How long the pointer may rest on the stage before it hides.
const CURSOR_IDLE_MS: u32 = 2_500;

/// The mouse pointer hides after a few idle seconds on the stage and returns when it moves (heard
/// on the window, as it moves over the page's stage). Returns whether it is hidden.
pub fn idle_cursor() -> RwSignal<bool> {
    let hidden = RwSignal::new(false);
    let timeout = StoredValue::new_local(None::<Timeout>);
    let on_move = window_event_listener(ev::mousemove, move |_| {
        hidden.set(false);
        // Replacing the timeout drops (cancels) the previous one.
        timeout.set_value(Some(Timeout::new(CURSOR_IDLE_MS, move || hidden.set(true))));
    });
    on_cleanup(move || {
        on_move.remove();
        timeout.set_value(None);
    });
    hidden
}

/// Printing from any view prints the slides: the view switches to the print layout just before
/// the browser lays out the pages, and back just after.
pub fn print_from_any_view(s: Session) {
    let before = StoredValue::new(None::<View>);
    let on_before = window_event_listener(ev::beforeprint, move |_| {
        let view = s.view.get_untracked();
        if view != View::Print {
            before.set_value(Some(view));
            s.view.set(View::Print);
        }
    });
    let on_after = window_event_listener(ev::afterprint, move |_| {
        if let Some(view) = before.get_value() {
            before.set_value(None);
            s.view.set(view);
        }
    });
    on_cleanup(move || {
        on_before.remove();
        on_after.remove();
    });
}
