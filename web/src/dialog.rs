//! Native modal dialogs: a `<dialog>` opened with `showModal()`. The browser then moves the focus
//! into it (to the child marked `autofocus`, else the first it can focus), keeps it there, makes
//! the rest of the page inert, closes it on Esc (firing `close`), and on `close()` gives the
//! focus back to what had it before.

use crate::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlDialogElement, MouseEvent};

fn dialog(id: &str) -> Option<HtmlDialogElement> {
    document().get_element_by_id(id)?.dyn_into::<HtmlDialogElement>().ok()
}

/// Opens the `<dialog>` whose id is `id` as a modal, if it is in the page and not open already.
pub fn show_modal(id: &str) {
    if let Some(dialog) = dialog(id).filter(|d| !d.open()) {
        let _ = dialog.show_modal();
    }
}

/// Closes the `<dialog>` whose id is `id`, if it is open; the browser gives the focus back.
pub fn close(id: &str) {
    if let Some(dialog) = dialog(id).filter(HtmlDialogElement::open) {
        dialog.close();
    }
}

/// Whether the dialog an event (its `close`) came from is still in the page: closed by the
/// browser (Esc), not removed with the view that drew it.
pub fn in_page(event: &Event) -> bool {
    event.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|dialog| dialog.is_connected())
}

/// Whether a click on a dialog (heard on the dialog) landed outside its box: on its backdrop,
/// which the browser reports as a click on the dialog itself. A click on one of its controls
/// (even one from the keyboard, which has no position) is not.
pub fn clicked_outside(event: &MouseEvent) -> bool {
    let Some(dialog) = event.current_target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    let itself: &EventTarget = dialog.as_ref();
    if event.target().as_ref() != Some(itself) {
        return false;
    }
    let r = dialog.get_bounding_client_rect();
    let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
    !(r.left()..=r.right()).contains(&x) || !(r.top()..=r.bottom()).contains(&y)
}
