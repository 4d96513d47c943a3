//! Printing and PDF: one slide per landscape 16:9 page with every fragment shown, from any view.
//! `?print` shows the print layout on screen (and prints it); `?print&notes` adds each slide's notes
//! under it, `?print&ink` what was drawn on it. In the other views, printing switches to this layout for the print and back after.
//! Without the app, the page prints as the document it is (see `public/css/print.css`).

use crate::session::Session;
use crate::views::copy::{notes_copy, slide_copy};
use crate::views::ink::InkLayer;
use deck_core::nav::DeckShape;
use leptos::prelude::*;

#[component]
pub fn PrintView(s: Session, notes: bool, ink: bool) -> impl IntoView {
    let deck = s.deck;
    view! {
        <div class="print" class:with-notes=notes>
            {deck.slides.iter().enumerate().map(|(i, slide)| {
                view! {
                    <section class="print-page" aria-label=format!("Slide {}: {}", i + 1, slide.title)>
                        <div class="print-slide">
                            {slide_copy(i, deck.steps(i))}
                            // `?print&ink`: with what was drawn on the slide during the talk.
                            {ink.then(|| view! { <InkLayer s=s slide=i /> })}
                        </div>
                        {notes.then(|| view! { <div class="print-notes">{notes_copy(i)}</div> })}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
