//! The app: one session per window, wired to the URL, the keyboard and the other windows, shown
//! as the deck (audience) or as the speaker view (`?view=speaker`).

use crate::session::{Mode, Session};
use crate::views::help::Help;
use crate::views::ink::{InkLayer, PenTools};
use crate::views::overview::{self, Overview};
use crate::views::print::PrintView;
use crate::views::reading::ReadingView;
use crate::views::search_box::SearchBox;
use crate::views::speaker::SpeakerView;
use crate::widgets::modal::modal;
use crate::widgets::{LiveRegion, Notice, ThemeButton};
use crate::wiring;
use deck_core::contract::id;
use deck_core::deck::Deck;
use deck_core::nav::{self, Command, Position};
use deck_core::sync::Screen;
use deck_core::url::{self, View};
use deck_web as browser;
use deck_web::{handoff, page};
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let query = url::parse_query(&browser::location_search());
    // The talk is the page's: the app reads its shape and words once, and keeps them for the page's life.
    let deck: &'static Deck = Box::leak(Box::new(page::read_deck(true)));
    // The stage has been presenting: the talk is taken from it, with no press lost or repeated
    // (see deck_web::handoff). Without a stage, the address says where to start.
    let handed = handoff::take_over();
    browser::remove(id::STAGE_CONTROLS);
    browser::remove(id::LIVE);
    let start = handed.map_or_else(|| url::decode(&browser::location_hash(), deck), |h| h.at);
    let s = Session::new(deck, query.view, start);
    s.typed.set(handed.and_then(|h| h.typed));
    browser::theme::apply_stored();
    browser::register_service_worker();
    wiring::follow_url(s);
    wiring::listen_keys(s, || overview::columns(browser::viewport_width()));
    wiring::sync_windows(s);
    let kiosk_paused = query.auto_seconds.map(|seconds| wiring::run_kiosk(s, seconds));
    wiring::print_from_any_view(s);
    // The page's sections follow the place: a new view re-dresses them all, a move only those around it.
    Effect::new(move |before: Option<(View, Position)>| {
        let (view, pos) = (s.view.get(), s.pos.get());
        match before {
            Some((was, from)) if was == view => page::show(Some(from), pos),
            _ => {
                page::set_face(view);
                page::show(None, pos);
                // The page is now the app's (the tests wait for this).
                browser::set_root_class("live", true);
            }
        }
        (view, pos)
    });
    let (notes, ink) = (query.notes, query.ink);
    move || match s.view.get() {
        View::Deck => view! { <AudienceView s=s kiosk_paused=kiosk_paused /> }.into_any(),
        View::Speaker => view! { <SpeakerView s=s /> }.into_any(),
        View::Read => view! { <ReadingView s=s /> }.into_any(),
        View::Print => view! { <PrintView s=s notes=notes ink=ink /> }.into_any(),
    }
}

/// The deck as the room sees it: the page's stage, with the controls and the overlays above it.
#[component]
fn AudienceView(s: Session, kiosk_paused: Option<ReadSignal<bool>>) -> impl IntoView {
    let deck = s.deck;
    let pos = s.pos;
    // Touches land on the page's stage, under the controls: they are heard on the window.
    let touch_start = StoredValue::new(None::<(f64, f64)>);
    let on_touch_start = window_event_listener(ev::touchstart, move |event| {
        touch_start.set_value(browser::touch_point(&event, false));
    });
    let on_touch_end = window_event_listener(ev::touchend, move |event| {
        let Some(start) = touch_start.get_value() else { return };
        touch_start.set_value(None);
        // A finger that draws or points is not a swipe.
        if s.overview.get_untracked() || s.dialog_open() || s.mode.get_untracked() != Mode::Off {
            return;
        }
        let Some(end) = browser::touch_point(&event, true) else { return };
        let on_control = browser::on_control(&event);
        if let Some(command) = nav::gesture(start, end, browser::viewport_width(), on_control) {
            s.go(command);
        }
    });
    let cursor_hidden = wiring::idle_cursor();
    on_cleanup(move || {
        on_touch_start.remove();
        on_touch_end.remove();
        cursor_hidden.set(false);
    });
    Effect::new(move || browser::set_root_class("cursor-hidden", cursor_hidden.get()));

    let total = deck.slides.len();
    // The chrome follows the place once its frame is painted.
    let settled = s.settled;
    // In integer per mille: formatting a float would bring 15 KB of float printing into the wasm.
    let progress = move || {
        let permille = (settled.get().slide + 1) * 1000 / total.max(1);
        format!("scaleX({}.{:03})", permille / 1000, permille % 1000)
    };
    let covered = Signal::derive(move || s.screen.get() != Screen::Slide);
    let kiosk_state = move || kiosk_paused.map(|p| if p.get() { "paused" } else { "running" });
    // A click on a picture enlarges it.
    Effect::new(move || page::set_zoom(pos.get().slide, s.zoom.get()));
    let on_click = window_event_listener(ev::click, move |event| {
        if let Some(index) = page::picture_hit(pos.get_untracked().slide, &event) {
            s.toggle_zoom(index);
        }
    });
    on_cleanup(move || on_click.remove());

    view! {
        <div class="viewport" data-kiosk=kiosk_state>
            <div class="progress" aria-hidden="true">
                <span style:transform=progress></span>
            </div>
            <nav class="controls" aria-label="Slide controls">
                {control(s, &PREV)}
                <span class="counter">{move || settled.get().slide + 1}" / "{total}</span>
                {CONTROLS.iter().map(|c| control(s, c)).collect_view()}
                <ThemeButton />
                <a class="download" href="talk.html" download="" aria-label="Download this talk as one file">
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 4v11M7 10l5 5 5-5M5 20h14" /></svg>
                </a>
                {control(s, &HELP)}
            </nav>
            // On a phone held upright the slides are small: the page reads better, so say so.
            <button class="read-offer" on:click=move |_| s.toggle_reading()>"Read the talk as a page"</button>
            {move || s.typed.get().map(|n| view! {
                <div class="jump-hint" aria-hidden="true">"Go to slide " {n} " ⏎"</div>
            })}
            // Over the page's stage, in a box of the stage's own size (see public/css/chrome.css).
            <div class="ink-frame"><InkLayer s=s slide=Signal::derive(move || pos.get().slide) /></div>
            <PenTools s=s />
            <Notice s=s />
            <Cover s=s />
            <Overview s=s covered=covered />
            <Help s=s />
            <SearchBox s=s />
            <LiveRegion s=s />
        </div>
    }
}

/// A button of the controls: one icon (an SVG path), a name, what it does, and whether it is
/// pressed or cannot act now. One shape for them all, so that the wasm holds one button's code.
struct Control {
    class: &'static str,
    label: &'static str,
    icon: &'static str,
    act: fn(Session),
    /// `aria-pressed`, for the buttons that toggle a mode.
    pressed: Option<fn(Session) -> bool>,
    /// `aria-disabled`, for the buttons that cannot go further (followed once the frame is painted).
    disabled: Option<fn(Session) -> bool>,
}

const PREV: Control = Control {
    class: "prev",
    label: "Previous",
    icon: "M15 5l-7 7 7 7",
    act: |s| s.go(Command::Prev),
    pressed: None,
    disabled: Some(|s| s.settled.get() == Position::START),
};

const HELP: Control = Control {
    class: "open-help",
    label: "Keyboard shortcuts",
    icon: "M9 9a3 3 0 1 1 4 2.8c-.6.3-1 .9-1 1.6V15M12 18.5v.5",
    act: |s| s.help.set(true),
    pressed: None,
    disabled: None,
};

/// The controls between the counter and the theme, in order.
const CONTROLS: [Control; 8] = [
    Control {
        class: "next",
        label: "Next",
        icon: "M9 5l7 7-7 7",
        act: |s| s.go(Command::Next),
        pressed: None,
        disabled: Some(|s| {
            let at = s.settled.get();
            nav::apply(s.deck, at, Command::Next) == at
        }),
    },
    Control {
        class: "open-overview",
        label: "Overview",
        icon: "M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z",
        act: |s| s.set_overview(true),
        pressed: None,
        disabled: None,
    },
    Control {
        class: "open-speaker",
        label: "Speaker view",
        icon: "M3 5h18v11H3zM8 20h8M12 16v4",
        act: |_| browser::open_speaker_window(),
        pressed: None,
        disabled: None,
    },
    Control {
        class: "fullscreen",
        label: "Fullscreen",
        icon: "M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5",
        act: |_| browser::toggle_fullscreen(),
        pressed: None,
        disabled: None,
    },
    Control {
        class: "open-reading",
        label: "Read as a page",
        icon: "M5 4h14v16H5zM8 8h8M8 12h8M8 16h5",
        act: |s| s.toggle_reading(),
        pressed: None,
        disabled: None,
    },
    Control {
        class: "copy-link",
        label: "Copy link to this slide",
        icon: "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
        act: |s| s.copy_link(),
        pressed: None,
        disabled: None,
    },
    Control {
        class: "pointer-toggle",
        label: "Pointer",
        icon: "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM12 2v4M12 18v4M2 12h4M18 12h4",
        act: |s| s.toggle_pointer(),
        pressed: Some(|s| matches!(s.mode.get(), Mode::Pointer { .. })),
        disabled: None,
    },
    Control {
        class: "pen-toggle",
        label: "Pen",
        icon: "M4 20l4-1 11-11-3-3L5 16zM14 6l3 3",
        act: |s| s.toggle_pen(),
        pressed: Some(|s| matches!(s.mode.get(), Mode::Pen(_))),
        disabled: None,
    },
];

fn control(s: Session, c: &'static Control) -> impl IntoView {
    let state = |f: Option<fn(Session) -> bool>| move || f.map(|f| if f(s) { "true" } else { "false" });
    view! {
        <button class=c.class aria-label=c.label aria-pressed=state(c.pressed) aria-disabled=state(c.disabled)
            on:click=move |_| (c.act)(s)>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d=c.icon /></svg>
        </button>
    }
}

/// Blackout and whiteout: the whole window one colour, a modal dialog over everything (opened
/// last, so above the others); any key or a click brings the slide back.
#[component]
pub fn Cover(s: Session) -> impl IntoView {
    move || match s.screen.get() {
        Screen::Slide => None,
        cover => Some({
            let on_close = modal("dialog-cover", Box::new(move || s.screen.set(Screen::Slide)));
            view! {
                <dialog
                    id="dialog-cover"
                    class="cover"
                    class:white=cover == Screen::White
                    aria-label="Screen covered: press any key or click to return to the slide"
                    on:close=on_close
                    on:click=move |_| s.screen.set(Screen::Slide)
                ></dialog>
            }
        }),
    }
}
