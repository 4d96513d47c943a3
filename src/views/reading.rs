//! The reading view (`R`, or `?view=read`): the whole talk as one accessible article — contents by
//! section, each slide's content and images in order, its notes as the transcript beneath. Every
//! slide has an anchor; the place is kept both ways when switching with the slides.

use crate::browser;
use crate::core::deck::{Block, Layout, Slide};
use crate::core::nav::{Command, Position};
use crate::views::app::{LiveRegion, Notice, ThemeButton};
use crate::views::help::Help;
use crate::views::render::{blocks, slide_body, Fragments};
use crate::views::search_box::SearchBox;
use crate::views::session::Session;
use crate::views::text_size::TextSize;
use leptos::ev;
use leptos::prelude::*;

const TEXT_SIZE_KEY: &str = "cppg-deck:reading-size";

/// The element id of a slide's section in the article.
pub fn anchor(slide: usize) -> String {
    format!("read-{}", slide + 1)
}

#[component]
pub fn ReadingView(s: Session) -> impl IntoView {
    let deck = s.deck;
    let size = TextSize::new(TEXT_SIZE_KEY, 90..=160, 100);
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

    // Contents by section: the title slide and each section divider start a group.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        match (slide.layout, groups.last_mut()) {
            (Layout::Title | Layout::Section, _) | (_, None) => groups.push((i, Vec::new())),
            (_, Some((_, members))) => members.push(i),
        }
    }
    let link = move |i: usize| {
        view! {
            <a href=format!("#/{}", i + 1) on:click=move |e: ev::MouseEvent| {
                e.prevent_default();
                scrolled_to.set_value(None);
                s.go(Command::GoTo(i));
            }>{deck.slides[i].title}</a>
        }
    };

    view! {
        <div class="reader" style:font-size=move || format!("{}%", size.value.get())>
            <header class="reader-bar">
                <span class="reader-name">{deck.title}</span>
                <button class="reader-present" on:click=move |_| s.toggle_reading()>"Present slides"</button>
                <button class="reader-search" on:click=move |_| s.search.set(true)>"Search"</button>
                <button class="reader-smaller" on:click=move |_| resize(-10)>"A−"<span class="sr-only">" smaller text"</span></button>
                <button class="reader-larger" on:click=move |_| resize(10)>"A+"<span class="sr-only">" larger text"</span></button>
                <button class="copy-link" on:click=move |_| s.copy_link()>"Copy link"</button>
                <ThemeButton />
            </header>
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">"Contents"</h2>
                <ol>
                    {groups.into_iter().map(|(head, members)| view! {
                        <li>
                            {link(head)}
                            {(!members.is_empty()).then(|| view! {
                                <ol>{members.into_iter().map(|i| view! { <li>{link(i)}</li> }).collect_view()}</ol>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            </nav>
            <main class="article" inert=move || s.help.get() || s.search.get()>
                {deck.slides.iter().enumerate().map(|(i, slide)| {
                    let built = Signal::stored(Position::new(i, usize::from(slide.steps)));
                    let fragments = Fragments::all_built(i, built);
                    view! {
                        <section id=anchor(i) class=format!("read-slide read-{}", slide.layout.class()) data-index=i + 1>
                            <p class="read-number">"Slide " {i + 1}</p>
                            {slide_body(slide, fragments)}
                            {(!slide.notes.is_empty()).then(|| view! {
                                <div class="transcript">
                                    {transcript_heading(slide)}
                                    {blocks(slide.notes, fragments)}
                                </div>
                            })}
                        </section>
                    }
                }).collect_view()}
            </main>
            <Notice s=s />
            <Help s=s />
            <SearchBox s=s />
            <LiveRegion s=s />
        </div>
    }
}

/// "Transcript", one heading level below the slide's own heading (h1 on title and section slides).
fn transcript_heading(slide: &Slide) -> AnyView {
    let level = slide.body.iter().find_map(|b| match b {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    });
    match level {
        Some(1) => view! { <h2 class="transcript-label">"Transcript"</h2> }.into_any(),
        Some(3..) => view! { <h4 class="transcript-label">"Transcript"</h4> }.into_any(),
        _ => view! { <h3 class="transcript-label">"Transcript"</h3> }.into_any(),
    }
}
