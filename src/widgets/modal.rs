//! The shell every dialog shares (help, search): a backdrop that closes it on a click outside, a
//! labelled modal box, and focus moved in on opening and given back on closing.

use crate::widgets::focus::follow_overlay;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// Whether the dialog is open; closing sets it false.
    open: RwSignal<bool>,
    /// The dialog's own class (beside `dialog`), and the stem of its title's id.
    name: &'static str,
    title: &'static str,
    /// The id of the element that takes the focus when the dialog opens.
    first_focus: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    follow_overlay(move || open.get(), move || first_focus.to_string());
    move || {
        let children = children.clone();
        let title_id = format!("{name}-title");
        let labelled_by = title_id.clone();
        open.get().then(move || {
            view! {
                <div class="dialog-backdrop" on:click=move |_| open.set(false)>
                    <div
                        class=format!("dialog {name}")
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby=labelled_by
                        on:click=|e| e.stop_propagation()
                        on:keydown=crate::widgets::focus::keep_tab_inside
                    >
                        <h2 id=title_id>{title}</h2>
                        {children()}
                    </div>
                </div>
            }
        })
    }
}
