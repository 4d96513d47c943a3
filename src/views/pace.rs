//! The speaker view's pace, against the talk's plan (each slide's planned seconds, stated by the
//! page): where the talk stands, in words ("1:20 behind"), beside the timer ([`STANDING`]); and
//! below the speaker's bar ([`pace_panel`]), the current slide's planned time, the time spent on
//! it so far and its time in the last rehearsal, and a strip of the slides, each as wide as its
//! planned time, marking where the speaker is and where the plan is. Every number is
//! `deck_core::plan`'s, from the speaker's timer: its pause and reset apply to all of it. Below
//! them, the rehearsal's controls and its table (`views::rehearsal`).
//!
//! The views are static frames of HTML, whose words and places one tick writes by id every half
//! second (and at once on a click in them). Leptos would compile each element, each changing text
//! and each effect into code of its own, and the app had 6 KB (brotli) to grow by for all of this:
//! the frames cost their own bytes, and their state is plain cells.

use crate::session::Session;
use crate::views::rehearsal::{self, Rehearsals, TimerChange};
use deck_core::nav::DeckShape;
use deck_core::plan::{clock, describe, elapsed_seconds, Plan, Visits};
use deck_core::timer::Timer;
use deck_web as browser;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Where the talk stands against the plan, in words, beside the timer: "not started", "on time",
/// "1:20 behind", "0:45 ahead" (and, for the eye, a colour that repeats them); hidden where the
/// talk has no plan. Written by [`pace_panel`]'s tick.
pub const STANDING: &str = "pace-standing";

/// The pace's frame, around the rehearsal's: the slide's times, then the strip (its slides are
/// added once, as wide as the plan says).
const FRAME_START: &str = r#"<h2 id="pace-title" class="sr-only">Pace</h2><div class="pace-row"><p id="pace-slide" class="pace-slide"></p>"#;
const FRAME_STRIP: &str = r#"</div><div id="pace-strip" class="pace-strip" role="img"><div id="strip-slides" class="strip-slides"><span id="strip-done" class="strip-done"></span></div><span id="strip-plan" class="strip-mark strip-plan" hidden>plan</span><span id="strip-you" class="strip-mark strip-you">you</span></div>"#;

/// `calc(100% * part / whole)`: a place on the strip, as CSS.
fn share(part: u64, whole: u64) -> String {
    let mut out = String::from("calc(100% * ");
    out.push_str(&part.to_string());
    out.push_str(" / ");
    out.push_str(&whole.max(1).to_string());
    out.push(')');
    out
}

/// The pace and the rehearsals, below the speaker's bar; `update_timer` changes the speaker's
/// timer (a rehearsal starts it from 0, and pauses it when it stops).
pub fn pace_panel(
    s: Session,
    timer: RwSignal<Timer>,
    update_timer: impl Fn(TimerChange) + 'static,
) -> impl IntoView {
    let deck = s.deck;
    let plan = Plan::of(deck);
    let plan_total = plan.total();
    let rehearsals = Rc::new(Rehearsals::new(s, update_timer));
    // The time spent on each slide by the timer (visits added up).
    let from = timer.get_untracked().elapsed(browser::now()) as u64;
    let visits = RefCell::new(Visits::new(deck.slides.len(), s.pos.get_untracked().slide, from));
    let look = rehearsals.clone();
    let before = Cell::new(None::<(usize, bool)>);
    // The pace and the rehearsal look at the talk every half second (as the timer does), and at
    // once when a rehearsal starts or stops: a move or a pause shows within half a second, and a
    // rehearsal takes it as happening then. (A Leptos effect would react at once, for 1 KB more.)
    let tick = Rc::new(move || {
        // The first tick waits for a frame, which may come after the view has gone.
        let Some(t) = timer.try_get_untracked() else { return };
        let ms = t.elapsed(browser::now());
        let p = s.pos.get_untracked();
        let started = t != Timer::default();
        look.follow(p.slide, t.is_running(), before.replace(Some((p.slide, t.is_running()))));
        let (at, elapsed, steps) = (ms as u64, elapsed_seconds(ms), deck.steps(p.slide));
        let mut v = visits.borrow_mut();
        v.at(p.slide, at);

        let standing = plan.standing(p, steps, elapsed);
        if let Some(standing) = standing {
            let kind = match (started, standing.signum()) {
                (false, _) | (_, 0) => "on-time",
                (_, 1) => "ahead",
                _ => "behind",
            };
            browser::set_text(STANDING, &if started { describe(standing) } else { "not started".into() });
            browser::set_attribute(STANDING, "data-standing", kind);
        }
        browser::set_hidden(STANDING, standing.is_none());

        let mut line = String::from("This slide: ");
        line.push_str(&clock(v.spent(p.slide) / 1000));
        line.push_str(" of ");
        line.push_str(&clock(u64::from(plan.seconds(p.slide))));
        let last = look.last.borrow();
        if let Some(r) = last.as_ref().and_then(|(f, _)| f.seconds.get(p.slide).copied().flatten()) {
            line.push_str(" · rehearsed ");
            line.push_str(&clock(u64::from(r)));
        }
        browser::set_text("pace-slide", &line);

        // The strip's slides are as wide as their planned seconds (all alike without a plan): a
        // place on it is a time over the plan's total.
        let (total, you) = match plan.step_window(p, steps) {
            Some(w) if plan.total() > 0 => (plan.total(), share(w.start, plan.total())),
            _ => (0, share(p.slide as u64, deck.slides.len() as u64)),
        };
        browser::set_style("strip-you", "left", &you);
        browser::set_style("strip-done", "width", &you);
        browser::set_style("strip-plan", "left", &share(elapsed.min(total), total));
        browser::set_hidden("strip-plan", !started || total == 0);
        let mut label = String::from("The slides by planned time: you are on slide ");
        label.push_str(&(p.slide + 1).to_string());
        if let (true, Some(due)) = (started, plan.due(elapsed)) {
            label.push_str(", the plan on slide ");
            label.push_str(&(due + 1).to_string());
        }
        browser::set_attribute("pace-strip", "aria-label", &label);
    });
    let frame = [FRAME_START, rehearsal::BAR, FRAME_STRIP, rehearsal::REPORT].concat();
    let grows: Vec<u32> = deck.slides.iter().map(|s| if plan_total > 0 { s.seconds } else { 1 }).collect();
    let (first, clicked) = (tick.clone(), tick.clone());
    request_animation_frame(move || {
        browser::set_parts("strip-slides", "strip-slide", &grows);
        first();
    });
    let tick = StoredValue::new_local(Some(Interval::new(500, move || tick())));
    on_cleanup(move || tick.set_value(None));
    view! { <section class="pace" aria-labelledby="pace-title" on:click=move |e| { rehearsals.click(&e); clicked() } inner_html=frame></section> }
}
