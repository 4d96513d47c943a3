//! Copies of the page's slides, for the overview, the speaker view and print: the talk is drawn
//! once, by the page (see `browser::page`); these views show clones of it, never a second rendering.

use deck_web::page;
use leptos::html::Div;
use leptos::prelude::*;

/// Slide `slide` at fragment step `step`, in its own 16:9 box (whose container units scale it),
/// hidden from assistive technology: the caller names it.
pub fn slide_copy(slide: usize, step: usize) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    node.on_load(move |div| page::copy_slide_into(&div, slide, step));
    view! { <div class="preview" aria-hidden="true" inert node_ref=node></div> }
}

/// Slide `slide`'s notes, readable.
pub fn notes_copy(slide: usize) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    node.on_load(move |div| page::copy_notes_into(&div, slide));
    view! { <div class="notes-copy" node_ref=node></div> }
}
