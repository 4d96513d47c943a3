//! The presenting view: the stage with every slide, the controls, and the wiring from keys,
//! touches and the URL to the navigation core.

use crate::browser;
use crate::deck::{Deck, TALK};
use crate::keys::{Action, Keyboard, Outcome};
use crate::nav::{self, Command, Position};
use crate::render::{slide_body, Fragments};
use crate::url;
use leptos::ev;
use leptos::prelude::*;
use web_sys::TouchEvent;

/// A swipe is a horizontal move of at least this many CSS pixels, clearly more sideways than up.
const SWIPE_MIN_PX: f64 = 40.0;

#[component]
pub fn App() -> impl IntoView {
    let deck: &'static Deck = &TALK;
    browser::set_lang(deck.lang);
    let pos = RwSignal::new(url::decode(&browser::location_hash(), deck));
    let typed = RwSignal::new(None::<u32>);
    let announcement = RwSignal::new(String::new());
    let go = move |command: Command| {
        let from = pos.get_untracked();
        let to = nav::apply(deck, from, command);
        if to != from {
            pos.set(to);
        }
    };

    // The address bar, the document title and the live region follow the position.
    Effect::new(move |prev: Option<Position>| {
        let p = pos.get();
        let hash = url::encode(p);
        if browser::location_hash() != hash {
            // A new slide is a new history entry; fragment steps update it in place.
            browser::set_hash(&hash, prev.is_some_and(|q| q.slide != p.slide));
        }
        let slide = &deck.slides[p.slide];
        browser::set_title(&deck.document_title(p.slide));
        let step_changed_only = prev.is_some_and(|q| q.slide == p.slide);
        let message = match slide.fragment_text(p.step) {
            Some(text) if step_changed_only && prev.is_some_and(|q| q.step < p.step) => text,
            _ => format!(
                "Slide {} of {}: {}",
                p.slide + 1,
                deck.slides.len(),
                slide.title
            ),
        };
        announcement.set(message);
        p
    });

    // Back/forward, links and typed URLs move the deck; a bad hash is replaced by where it landed.
    let follow_url = move || {
        let hash = browser::location_hash();
        let p = url::decode(&hash, deck);
        let canonical = url::encode(p);
        if canonical != hash {
            browser::set_hash(&canonical, false);
        }
        if pos.get_untracked() != p {
            pos.set(p);
        }
    };
    let on_hash = window_event_listener(ev::hashchange, move |_| follow_url());
    let on_pop = window_event_listener(ev::popstate, move |_| follow_url());

    let keyboard = StoredValue::new(Keyboard::default());
    let on_key = window_event_listener(ev::keydown, move |event| {
        let key = event.key();
        let Some(input) = browser::key_input(&event, &key) else {
            return;
        };
        let outcome = keyboard
            .try_update_value(|k| k.press(input))
            .unwrap_or(Outcome::Ignored);
        if outcome != Outcome::Ignored {
            event.prevent_default();
        }
        if let Outcome::Act(Action::Navigate(command)) = outcome {
            go(command);
        }
        typed.set(keyboard.with_value(Keyboard::typed));
    });
    on_cleanup(move || {
        on_hash.remove();
        on_pop.remove();
        on_key.remove();
    });

    let touch_start = StoredValue::new(None::<(f64, f64)>);
    let on_touch_start = move |event: TouchEvent| {
        let first = event.touches().get(0);
        touch_start.set_value(first.map(|t| (f64::from(t.client_x()), f64::from(t.client_y()))));
    };
    let on_touch_end = move |event: TouchEvent| {
        let Some((x0, y0)) = touch_start.get_value() else {
            return;
        };
        touch_start.set_value(None);
        let Some(t) = event.changed_touches().get(0) else {
            return;
        };
        let (dx, dy) = (f64::from(t.client_x()) - x0, f64::from(t.client_y()) - y0);
        if dx.abs() >= SWIPE_MIN_PX && dx.abs() > 1.5 * dy.abs() {
            go(if dx < 0.0 {
                Command::Next
            } else {
                Command::Prev
            });
        }
    };

    let total = deck.slides.len();
    let at_start = move || pos.get() == Position::START;
    let at_end = move || nav::apply(deck, pos.get(), Command::Next) == pos.get();
    let progress = move || {
        format!(
            "scaleX({})",
            (pos.get().slide + 1) as f64 / total.max(1) as f64
        )
    };

    view! {
        <div class="viewport" on:touchstart=on_touch_start on:touchend=on_touch_end>
            <main class="stage" aria-label=deck.title>
                {deck.slides.iter().enumerate().map(|(i, slide)| {
                    let current = Memo::new(move |_| pos.get().slide == i);
                    let fragments = Fragments { slide: i, pos: pos.into() };
                    view! {
                        <section
                            class=format!("slide {}", slide.layout.class())
                            class:current=current
                            inert=move || !current.get()
                            data-index=i + 1
                        >
                            {slide_body(slide, fragments)}
                        </section>
                    }
                }).collect_view()}
            </main>
            <div class="progress" aria-hidden="true">
                <span style:transform=progress></span>
            </div>
            <nav class="controls" aria-label="Slide navigation">
                <button
                    class="prev"
                    aria-label="Previous"
                    aria-disabled=move || at_start().to_string()
                    on:click=move |_| go(Command::Prev)
                >
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 5l-7 7 7 7" /></svg>
                </button>
                <span class="counter">{move || pos.get().slide + 1}" / "{total}</span>
                <button
                    class="next"
                    aria-label="Next"
                    aria-disabled=move || at_end().to_string()
                    on:click=move |_| go(Command::Next)
                >
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 5l7 7-7 7" /></svg>
                </button>
            </nav>
            {move || typed.get().map(|n| view! {
                <div class="jump-hint" aria-hidden="true">"Go to slide " {n} " ⏎"</div>
            })}
            <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
                {move || announcement.get()}
            </div>
        </div>
    }
}
