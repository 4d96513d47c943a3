//! The go-to box (`G`): find a slide by its number or by words of its title.

use crate::focus::follow_overlay;
use crate::session::Session;
use leptos::ev;
use leptos::prelude::*;

const RESULTS: usize = 8;

#[component]
pub fn GoToBox(s: Session) -> impl IntoView {
    let query = RwSignal::new(String::new());
    Effect::new(move || {
        if s.goto.get() {
            query.set(String::new());
        }
    });
    follow_overlay(move || s.goto.get(), || "goto-input".into());
    let results = Memo::new(move |_| s.deck.find(&query.get(), RESULTS));
    let on_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "Enter" => {
            e.prevent_default();
            if let Some(&first) = results.get_untracked().first() {
                s.choose(first);
            }
        }
        "Escape" => {
            e.prevent_default();
            s.goto.set(false);
        }
        _ => {}
    };
    move || {
        s.goto.get().then(|| {
            view! {
                <div class="dialog-backdrop" on:click=move |_| s.goto.set(false)>
                    <div
                        class="dialog goto"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="goto-title"
                        on:click=|e| e.stop_propagation()
                    >
                        <h2 id="goto-title">"Go to slide"</h2>
                        <input
                            id="goto-input"
                            type="text"
                            autocomplete="off"
                            placeholder="A number, or words of a title"
                            aria-describedby="goto-count"
                            prop:value=move || query.get()
                            on:input=move |e| query.set(event_target_value(&e))
                            on:keydown=on_key
                        />
                        <p id="goto-count" class="sr-only" aria-live="polite">
                            {move || match results.get().len() {
                                0 => "No slide matches".to_string(),
                                1 => "1 slide matches; Enter goes there".to_string(),
                                n => format!("{n} slides match; Enter goes to the first"),
                            }}
                        </p>
                        <ul class="goto-results">
                            {move || results.get().into_iter().map(|i| view! {
                                <li>
                                    <button on:click=move |_| s.choose(i)>
                                        <span class="goto-number">{i + 1}</span>
                                        {s.deck.slides[i].title}
                                    </button>
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            }
        })
    }
}
