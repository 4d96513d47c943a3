//! The search box (`G`, `/` or Ctrl+K): a slide by its number, or by words of its title, its text
//! or its notes, shown in context; choosing a result goes there. Keyboard first: type, then Enter
//! for the first result, or Tab/arrows through the results.

use crate::session::Session;
use crate::widgets::modal::Modal;
use deck_core::search::{search, Place};
use leptos::ev;
use leptos::prelude::*;

const RESULTS: usize = 12;

#[component]
pub fn SearchBox(s: Session) -> impl IntoView {
    let query = RwSignal::new(String::new());
    Effect::new(move || {
        if s.search.get() {
            query.set(String::new());
        }
    });
    let results = Memo::new(move |_| search(s.deck, &query.get(), RESULTS));
    let on_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "Enter" => {
            e.prevent_default();
            if let Some(first) = results.get_untracked().first() {
                s.choose(first.slide);
            }
        }
        "ArrowDown" => {
            e.prevent_default();
            focus_result(0);
        }
        _ => {}
    };
    view! {
        <Modal open=s.search id="dialog-search" name="search" title="Search the talk">
                        <input
                            id="search-input"
                            autofocus
                            type="search"
                            autocomplete="off"
                            enterkeyhint="go"
                            placeholder="A slide number, or words"
                            aria-labelledby="search-title"
                            aria-describedby="search-count"
                            aria-controls="search-results"
                            prop:value=move || query.get()
                            on:input=move |e| query.set(event_target_value(&e))
                            on:keydown=on_key
                        />
                        <p id="search-count" class="search-count" aria-live="polite">
                            {move || {
                                let n = results.get().len();
                                match (query.get().trim().is_empty(), n) {
                                    (true, _) => String::new(),
                                    (false, 0) => "Nothing found".to_string(),
                                    (false, 1) => "1 slide; Enter goes there".to_string(),
                                    (false, n) => format!("{n} slides; Enter goes to the first"),
                                }
                            }}
                        </p>
                        <ol id="search-results" class="search-results" on:keydown=move |e: ev::KeyboardEvent| {
                            let step = match e.key().as_str() { "ArrowDown" => 1, "ArrowUp" => -1, _ => return };
                            e.prevent_default();
                            move_focus(step);
                        }>
                            {move || results.get().into_iter().enumerate().map(|(n, hit)| {
                                let slide = &s.deck.slides[hit.slide];
                                let place = match hit.place {
                                    Place::Title => None,
                                    Place::Slide => Some("on the slide"),
                                    Place::Notes => Some("in the notes"),
                                };
                                let marked = |runs: Vec<(String, bool)>| {
                                    runs.into_iter()
                                        .map(|(text, mark)| if mark { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() })
                                        .collect_view()
                                };
                                // A title hit marks the title itself; other hits show the words in context.
                                let (title, context) = match hit.place {
                                    Place::Title => (marked(hit.snippet).into_any(), None),
                                    _ => (slide.title.clone().into_any(), Some(marked(hit.snippet))),
                                };
                                view! {
                                    <li>
                                        <button id=format!("search-result-{n}") on:click=move |_| s.choose(hit.slide)>
                                            <span class="search-number">{hit.slide + 1}</span>
                                            <span class="search-title">{title}</span>
                                            {place.map(|p| view! { <span class="search-place">{p}</span> })}
                                            {context.map(|c| view! { <span class="search-snippet">{c}</span> })}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
        </Modal>
    }
}

fn focus_result(n: usize) {
    deck_web::focus_id(&format!("search-result-{n}"));
}

/// Moves focus up or down the results; above the first, back to the input.
fn move_focus(step: i32) {
    let current = deck_web::active_id();
    let Some(n) = current.strip_prefix("search-result-").and_then(|n| n.parse::<i32>().ok()) else { return };
    match n + step {
        -1 => deck_web::focus_id("search-input"),
        next if next >= 0 => focus_result(next as usize),
        _ => {}
    }
}
