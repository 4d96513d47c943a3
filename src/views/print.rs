//! Printing and PDF: one slide per landscape 16:9 page with every fragment shown, from any view.
//! `?print` shows the print layout on screen (and prints it); `?print&notes` adds each slide's notes
//! under it. In the other views, printing switches to this layout for the print and back after.

use crate::core::deck::TALK;
use crate::core::nav::Position;
use crate::views::render::{blocks, preview, Fragments};
use leptos::prelude::*;

#[component]
pub fn PrintView(notes: bool) -> impl IntoView {
    view! {
        <div class="print" class:with-notes=notes>
            {TALK.slides.iter().enumerate().map(|(i, slide)| {
                let built = Signal::stored(Position::new(i, usize::from(slide.steps)));
                view! {
                    <section class="print-page" aria-label=format!("Slide {}: {}", i + 1, slide.title)>
                        <div class="print-slide">{preview(i, built)}</div>
                        {notes.then(|| view! {
                            <div class="print-notes">{blocks(slide.notes, Fragments::all_built(i, built))}</div>
                        })}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
