//! The overview (`O` or `Esc`): every slide as a miniature (a copy of the page's slide), the current one marked. Arrow keys
//! move the cursor (see `wiring::listen_keys`), Enter or a click goes there, `Esc` returns.

use crate::session::Session;
use crate::views::copy::slide_copy;
use crate::widgets::focus::follow_overlay;
use deck_core::nav::DeckShape;
use leptos::prelude::*;

/// Columns of the overview grid at a window width; `public/css/overlays.css` uses the same breakpoints.
pub fn columns(width: f64) -> usize {
    match width {
        w if w >= 1200.0 => 5,
        w if w >= 800.0 => 4,
        w if w >= 520.0 => 3,
        _ => 2,
    }
}

#[component]
pub fn Overview(s: Session) -> impl IntoView {
    // The cursor's miniature takes the focus, so that Enter and Space act on it natively.
    follow_overlay(move || s.overview.get(), move || format!("overview-{}", s.cursor.get()));
    let deck = s.deck;
    move || {
        s.overview.get().then(|| {
            view! {
                <div class="overview" role="dialog" aria-modal="true" aria-label="Overview of every slide"
                    on:keydown=crate::widgets::focus::keep_tab_inside>
                    <ol class="overview-grid">
                        {deck.slides.iter().enumerate().map(|(i, slide)| {
                            view! {
                                <li>
                                    <button
                                        id=format!("overview-{i}")
                                        class="thumb"
                                        class:cursor=move || s.cursor.get() == i
                                        aria-current=move || (s.pos.get().slide == i).then_some("true")
                                        on:click=move |_| s.choose(i)
                                        on:focus=move |_| s.cursor.set(i)
                                    >
                                        {slide_copy(i, deck.steps(i))}
                                        // Named by its content (the miniature is hidden from
                                        // assistive technology): "Slide N: title".
                                        <span class="sr-only">"Slide "</span>
                                        <span class="thumb-number">{i + 1}</span>
                                        <span class="sr-only">": " {slide.title.as_str()}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </div>
            }
        })
    }
}
