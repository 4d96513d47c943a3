//! What covers the talk is a native modal `<dialog>` (see `deck_web::dialog`): the browser moves
//! the focus in (to the child marked `autofocus`), keeps it there, makes everything else inert,
//! closes it on Esc and gives the focus back when it closes. `modal` ties one to the view that
//! draws it; `Modal` is the shell the help and the search box share.

use leptos::ev;
use leptos::prelude::*;

/// Makes the `<dialog>` whose id is `id` a modal for as long as the calling view lives: opened
/// with `showModal()` once it is in the page, closed with `close()` before it leaves (so that the
/// focus goes back). Returns the handler for its `close` event, which calls `closed` when the
/// browser closed it (Esc), so that the session follows; not when the view did (the dialog has
/// left the page by the time that event comes).
pub fn modal(id: &'static str, closed: Box<dyn Fn()>) -> impl Fn(ev::Event) + 'static {
    // Effects first run once the view they are made in is in the page.
    Effect::new(move |_| deck_web::dialog::show_modal(id));
    on_cleanup(move || deck_web::dialog::close(id));
    move |event| {
        if deck_web::dialog::in_page(&event) {
            closed();
        }
    }
}

/// A dialog with a title, open while `open` holds; Esc, or a click outside it, closes it.
#[component]
pub fn Modal(
    /// Whether the dialog is open; closing sets it false.
    open: RwSignal<bool>,
    /// The dialog's id.
    id: &'static str,
    /// The dialog's own class (beside `dialog`), and the stem of its title's id.
    name: &'static str,
    title: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = Memo::new(move |_| open.get());
    move || {
        let children = children.clone();
        shown.get().then(move || {
            let on_close = modal(id, Box::new(move || open.set(false)));
            let title_id = format!("{name}-title");
            let labelled_by = title_id.clone();
            view! {
                <dialog
                    id=id
                    class=format!("dialog {name}")
                    aria-labelledby=labelled_by
                    on:close=on_close
                    on:click=move |e| {
                        if deck_web::dialog::clicked_outside(&e) {
                            open.set(false);
                        }
                    }
                >
                    <h2 id=title_id>{title}</h2>
                    {children()}
                </dialog>
            }
        })
    }
}
