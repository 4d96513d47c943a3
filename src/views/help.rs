//! The help overlay (`?`): every shortcut, grouped, generated from the key map itself so it cannot
//! go stale; and the switch for single-character shortcuts (WCAG 2.1.4), remembered.

use crate::session::Session;
use crate::widgets::modal::Modal;
use deck_core::keys::{help_rows, Group, TYPED_JUMP};
use leptos::prelude::*;

#[component]
pub fn Help(s: Session) -> impl IntoView {
    view! {
        <Modal open=s.help id="dialog-help" name="help" title="Keyboard shortcuts">
                        {Group::ALL.iter().map(|group| view! {
                            <section>
                                <h3>{group.title()}</h3>
                                <dl>
                                    {help_rows(*group).into_iter().map(|(keys, text)| {
                                        let all_characters = keys.iter().all(|k| k.is_character_key());
                                        let off = move || all_characters && !s.character_keys.get();
                                        view! {
                                            <div class="help-row" class:off=off>
                                                <dt>{keys.iter().map(|k| view! { <kbd>{k.label}</kbd> }).collect_view()}</dt>
                                                <dd>{text}</dd>
                                            </div>
                                        }
                                    }).collect_view()}
                                    {(*group == Group::Navigate).then(|| view! {
                                        <div class="help-row" class:off=move || !s.character_keys.get()>
                                            <dt><kbd>{TYPED_JUMP.0}</kbd></dt>
                                            <dd>{TYPED_JUMP.1}</dd>
                                        </div>
                                    })}
                                </dl>
                            </section>
                        }).collect_view()}
                        <label class="setting">
                            <input
                                type="checkbox"
                                id="character-keys"
                                prop:checked=move || s.character_keys.get()
                                on:change=move |e| s.set_character_keys(event_target_checked(&e))
                            />
                            " Single-key shortcuts (letters, digits, punctuation)"
                        </label>
                        <p class="hint">"Swipe left or right on a touch screen. Esc closes this help."</p>
                        // The browser gives it the focus when the help opens.
                        <button id="help-close" class="dialog-close" autofocus on:click=move |_| s.help.set(false)>"Close"</button>
        </Modal>
    }
}
