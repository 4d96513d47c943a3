//! The reading view (`R`, or `?view=read`): the page's own document of the talk — contents by
//! section, each slide's content and images in order, its notes beneath (see
//! `compiler/src/html.rs`). The app adds its buttons, follows the scrolling and keeps the place
//! both ways when switching with the slides. Every slide's anchor is its address (`id="/5"`).

use crate::session::Session;
use crate::views::help::Help;
use crate::views::search_box::SearchBox;
use crate::widgets::text_size::TextSize;
use crate::widgets::{LiveRegion, Notice, ThemeButton};
use deck_core::nav::Command;
use deck_web as browser;
use deck_web::page;
use leptos::ev;
use leptos::portal::Portal;
use leptos::prelude::*;

/// The element id of a slide's section in the document: its address without the `#`.
pub fn anchor(slide: usize) -> String {
    format!("/{}", slide + 1)
}

#[component]
pub fn ReadingView(s: Session) -> impl IntoView {
    let deck = s.deck;
    let size = TextSize::new(deck_core::contract::key::READING_SIZE, 90..=160, 100);
    let resize = move |delta: i32| size.step(delta);

    // Scrolling sets the place; a place set elsewhere (a link, search, the URL) scrolls there.
    let scrolled_to = StoredValue::new(None::<usize>);
    Effect::new(move || {
        let slide = s.pos.get().slide;
        if scrolled_to.get_value() != Some(slide) {
            request_animation_frame(move || browser::scroll_to(&anchor(slide)));
        }
    });
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        let top = browser::first_visible(deck.slides.len(), anchor);
        if let Some(slide) = top {
            scrolled_to.set_value(Some(slide));
            if s.pos.get_untracked().slide != slide {
                s.go(Command::GoTo(slide));
            }
        }
    });
    on_cleanup(move || on_scroll.remove());

    // The document is the page's own (the dialogs, being modal, take it out of reach); its text
    // size is ours.
    Effect::new(move || page::set_text_size(size.value.get()));
    // Contents links are plain `#/N` links, which `follow_url` hears; scrolling follows below.
    let follow_links = window_event_listener(ev::hashchange, move |_| scrolled_to.set_value(None));
    on_cleanup(move || {
        follow_links.remove();
        page::set_text_size(100);
    });

    // The buttons go into the document's own bar, after its title.
    let tools = page::reader_bar().map(|bar| {
        view! {
            <Portal mount=bar>
                <button class="reader-present" on:click=move |_| s.toggle_reading()>"Present slides"</button>
                <button class="reader-search" on:click=move |_| s.search.set(true)>"Search"</button>
                <button class="reader-smaller" on:click=move |_| resize(-10)>"A−"<span class="sr-only">" smaller text"</span></button>
                <button class="reader-larger" on:click=move |_| resize(10)>"A+"<span class="sr-only">" larger text"</span></button>
                <button class="copy-link" on:click=move |_| s.copy_link()>"Copy link"</button>
                <ThemeButton />
            </Portal>
        }
    });

    view! {
        {tools}
        <Notice s=s />
        <Help s=s />
        <SearchBox s=s />
        <LiveRegion s=s />
    }
}
