//! The overview (`O` or `Esc`): every slide as a miniature (a copy of the page's slide), the current one marked. Arrow keys
//! move the cursor (see `wiring::listen_keys`), Enter or a click goes there, `Esc` returns.

use crate::session::Session;
use crate::views::copy::slide_copy;
use crate::widgets::modal::modal;
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

/// A modal dialog while `s.overview` holds, unless `covered` (a blackout or whiteout, which stays
/// on top: it is shown again when the screen comes back).
#[component]
pub fn Overview(s: Session, #[prop(into, optional)] covered: Signal<bool>) -> impl IntoView {
    let deck = s.deck;
    let shown = Memo::new(move |_| s.overview.get() && !covered.get());
    move || {
        shown.get().then(|| {
            let on_close = modal("dialog-overview", Box::new(move || s.set_overview(false)));
            // The cursor's miniature has the focus (the browser gives it on opening; then it
            // follows the arrow keys), so that Enter and Space act on it natively.
            let start = s.cursor.get_untracked();
            Effect::new(move |before: Option<usize>| {
                let cursor = s.cursor.get();
                if before.is_some_and(|b| b != cursor) {
                    deck_web::focus_id(&format!("overview-{cursor}"));
                }
                cursor
            });
            view! {
                <dialog id="dialog-overview" class="overview" aria-label="Overview of every slide" on:close=on_close>
                    <ol class="overview-grid">
                        {deck.slides.iter().enumerate().map(|(i, slide)| {
                            view! {
                                <li>
                                    <button
                                        id=format!("overview-{i}")
                                        class="thumb"
                                        class:cursor=move || s.cursor.get() == i
                                        aria-current=move || (s.pos.get().slide == i).then_some("true")
                                        autofocus=i == start
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
                </dialog>
            }
        })
    }
}
