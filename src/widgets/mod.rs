//! What several views share: the live region, a short notice, the theme button, modal dialogs and
//! a remembered text size.

pub mod modal;
pub mod text_size;

use crate::session::Session;
use deck_web::theme;
use leptos::prelude::*;

/// Light or dark, whichever is not showing; remembered for the next visit.
#[component]
pub fn ThemeButton() -> impl IntoView {
    let dark = RwSignal::new(theme::is_dark());
    view! {
        <button
            class="theme-toggle"
            aria-label="Dark theme"
            aria-pressed=move || dark.get().to_string()
            on:click=move |_| dark.set(theme::toggle())
        >
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" /></svg>
        </button>
    }
}

/// A short message on screen (a copied link), dismissed by a click or replaced by the next one.
#[component]
pub fn Notice(s: Session) -> impl IntoView {
    move || {
        s.notice.get().map(|text| {
            view! {
                <div class="notice">
                    <span class="notice-text">{text}</span>
                    <button class="notice-close" aria-label="Dismiss" on:click=move |_| s.notice.set(None)>"×"</button>
                </div>
            }
        })
    }
}

/// Where screen readers hear what changed: "Slide N of M: title", a revealed fragment, a copied link.
#[component]
pub fn LiveRegion(s: Session) -> impl IntoView {
    view! {
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
            {move || s.announcement.get()}
        </div>
    }
}
