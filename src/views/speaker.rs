//! The speaker view (`S`, or `?view=speaker`): the current slide, the next slide or fragment step,
//! the notes (large, scrollable, adjustable), the elapsed timer, the clock, the pace against the
//! talk's plan and rehearsals (`views::pace`). It drives the audience window and follows it, both
//! ways.

use crate::session::{Mode, Session};
use crate::views::copy::{notes_copy, slide_copy};
use crate::views::help::Help;
use crate::views::ink::{InkLayer, PenTools};
use crate::views::overview::Overview;
use crate::views::pace::{pace_panel, STANDING};
use crate::views::search_box::SearchBox;
use crate::widgets::text_size::TextSize;
use crate::widgets::LiveRegion;
use deck_core::nav::{self, Command, DeckShape};
use deck_core::sync::Screen;
use deck_core::timer::{format_duration, Timer};
use deck_web as browser;
use deck_web::page;
use gloo_timers::callback::Interval;
use leptos::prelude::*;

use deck_core::contract::key;

fn save_timer(timer: Timer) {
    if let Some(text) = browser::json::to_text(&timer) {
        browser::store(key::TIMER, &text);
    }
}

#[component]
pub fn SpeakerView(s: Session) -> impl IntoView {
    let deck = s.deck;
    let pos = s.pos;
    // The clock: read from Date.now() every half second, so the display never drifts.
    let now = RwSignal::new(browser::now());
    let tick = Interval::new(500, move || now.set(browser::now()));
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || tick.set_value(None));

    // The timer survives a reload of this window: it is stored as when it started, not as a count.
    let stored = browser::load(key::TIMER).and_then(|t| browser::json::from_text::<Timer>(&t));
    let timer = RwSignal::new(stored.unwrap_or_default().sanitized(now.get_untracked()));
    let update_timer = move |change: fn(Timer, f64) -> Timer| {
        let next = change(timer.get_untracked(), browser::now());
        timer.set(next);
        save_timer(next);
    };
    let notes_size = TextSize::new(key::NOTES_SIZE, 14..=48, 24);
    let resize_notes = move |delta: i32| notes_size.step(delta);

    let elapsed = move || timer.get().elapsed(now.get());
    let clock = move || {
        let _ = now.get();
        let (hours, minutes) = browser::local_time();
        format!("{hours:02}:{minutes:02}")
    };
    let next = Memo::new(move |_| nav::apply(deck, pos.get(), Command::Next));
    // The notes change with the slide, not with its fragment steps (which would lose their scroll).
    let slide = Memo::new(move |_| pos.get().slide);
    let screen_note = move || match s.screen.get() {
        Screen::Slide => None,
        Screen::Black => Some("The screen is black"),
        Screen::White => Some("The screen is white"),
    };

    view! {
        <div class="speaker">
            <header class="speaker-bar">
                <h1 class="sr-only">"Speaker view: " {deck.title.as_str()}</h1>
                <span class="speaker-counter">
                    "Slide " {move || pos.get().slide + 1} " of " {deck.slides.len()}
                    {move || {
                        let p = pos.get();
                        (deck.steps(p.slide) > 0).then(|| format!(" · step {} of {}", p.step, deck.steps(p.slide)))
                    }}
                </span>
                <span class="speaker-timer" role="timer" aria-label="Elapsed time">{move || format_duration(elapsed())}</span>
                <button class="timer-toggle" on:click=move |_| {
                    if timer.get_untracked().is_running() { update_timer(Timer::pause) } else { update_timer(Timer::start) }
                }>{move || if timer.get().is_running() { "Pause" } else { "Start" }}</button>
                <button class="timer-reset" on:click=move |_| update_timer(|_, _| Timer::reset())>"Reset"</button>
                <span id=STANDING class="speaker-pace pace-standing" hidden></span>
                {(deck.duration_minutes > 0).then(|| view! {
                    <span class="speaker-plan">"of " {deck.duration_minutes} " min"</span>
                })}
                <span class="speaker-clock" aria-label="Clock">{clock}</span>
                {move || screen_note().map(|note| view! { <strong class="speaker-screen">{note}</strong> })}
                {move || s.zoom.get().map(|_| view! { <strong class="speaker-zoom">"A picture fills the screen (Esc)"</strong> })}
            </header>
            {pace_panel(s, timer, update_timer)}
            <main class="speaker-main">
                <section class="speaker-current" aria-labelledby="speaker-current-title">
                    <h2 id="speaker-current-title" class="speaker-label">
                        "Now: " {move || deck.slides.get(pos.get().slide).map(|s| s.title.clone())}
                    </h2>
                    // Point and draw here: the room sees it. A click on a picture enlarges it there.
                    <div class="drawable" on:click=move |e: leptos::ev::MouseEvent| {
                        if s.mode.get_untracked() == Mode::Off {
                            if let Some(index) = page::picture_clicked(&e) {
                                s.toggle_zoom(index);
                            }
                        }
                    }>
                        {move || {
                            let p = pos.get();
                            slide_copy(p.slide, p.step)
                        }}
                        <InkLayer s=s slide=slide />
                    </div>
                </section>
                <section class="speaker-next" aria-labelledby="speaker-next-title">
                    <h2 id="speaker-next-title" class="speaker-label">
                        {move || {
                            let (p, n) = (pos.get(), next.get());
                            if n == p {
                                "Next: the end of the talk".to_string()
                            } else if n.slide == p.slide {
                                format!("Next: step {} of this slide", n.step)
                            } else {
                                format!("Next: {}", deck.slides[n.slide].title)
                            }
                        }}
                    </h2>
                    {move || {
                        let n = next.get();
                        (n != pos.get()).then(|| slide_copy(n.slide, n.step))
                    }}
                </section>
                <section class="speaker-notes" aria-labelledby="speaker-notes-title">
                    <div class="notes-bar">
                        <h2 id="speaker-notes-title" class="speaker-label">"Notes"</h2>
                        <button class="notes-smaller" on:click=move |_| resize_notes(-2)>"A−"<span class="sr-only">" smaller notes"</span></button>
                        <button class="notes-larger" on:click=move |_| resize_notes(2)>"A+"<span class="sr-only">" larger notes"</span></button>
                    </div>
                    <div class="notes" tabindex="0" style:font-size=move || format!("{}px", notes_size.value.get())>
                        {move || notes_copy(slide.get())}
                    </div>
                </section>
                <nav class="speaker-controls" aria-label="Slide controls">
                    <button class="prev" on:click=move |_| s.go(Command::Prev)>"‹ Previous"</button>
                    <button class="next" on:click=move |_| s.go(Command::Next)>"Next ›"</button>
                    <button class="open-overview" on:click=move |_| s.set_overview(true)>"Overview"</button>
                    <button class="blackout" on:click=move |_| s.toggle_screen(Screen::Black)>"Black screen"</button>
                    <button class="pointer-toggle" aria-pressed=move || matches!(s.mode.get(), Mode::Pointer { .. }).to_string()
                        on:click=move |_| s.toggle_pointer()>"Pointer"</button>
                    <button class="pen-toggle" aria-pressed=move || matches!(s.mode.get(), Mode::Pen(_)).to_string()
                        on:click=move |_| s.toggle_pen()>"Pen"</button>
                    <PenTools s=s />
                    <button class="open-help" on:click=move |_| s.help.set(true)>"Shortcuts"</button>
                </nav>
            </main>
            // No <Cover>: while the room sees black, the speaker still sees the notes.
            <Overview s=s />
            <Help s=s />
            <SearchBox s=s />
            <LiveRegion s=s />
        </div>
    }
}
