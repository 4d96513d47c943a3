//! The pointer and the pen, drawn over a slide: the audience's stage, or the speaker view's
//! picture of the current slide. Either one can point and draw; every window of the talk shows it
//! (see `Session::point` and `Session::draw`), in slide coordinates.

use crate::session::{Mode, Session};
use deck_core::ink::{self, Change, Point, Stroke, Tool};
use leptos::ev::PointerEvent;
use leptos::html::Div;
use leptos::prelude::*;

/// How many of the pointer's last places its trail shows.
const TRAIL: usize = 5;

/// The layer over a slide: `slide` is the slide under it (the current one).
#[component]
pub fn InkLayer(s: Session, #[prop(into)] slide: Signal<usize>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let drawing = StoredValue::new(None::<Stroke>);
    let at = move |e: &PointerEvent| -> Option<Point> {
        let layer = node.get_untracked()?;
        let (fx, fy) = deck_web::pointer_on(&layer, e);
        ink::to_slide(fx, fy)
    };
    let on_down = move |e: PointerEvent| {
        let (Mode::Pen(tool), Some(p)) = (s.mode.get_untracked(), at(&e)) else { return };
        e.prevent_default();
        if let Some(layer) = node.get_untracked() {
            deck_web::capture_pointer(&layer, &e);
        }
        // A mouse reports 0.5 while a button is down; a pen, how hard it presses.
        let stroke = Stroke::new(tool, deck_web::pressure(&e), p);
        s.draw(Change::Live(stroke.clone()));
        drawing.set_value(Some(stroke));
    };
    let on_move = move |e: PointerEvent| match s.mode.get_untracked() {
        Mode::Pointer { .. } => s.point(at(&e)),
        Mode::Pen(_) => {
            let Some(p) = at(&e) else { return };
            let grown = drawing
                .try_update_value(|d| d.as_mut().map(|stroke| stroke.extend(p).then(|| stroke.clone())));
            if let Some(Some(Some(stroke))) = grown {
                s.draw(Change::Live(stroke));
            }
        }
        Mode::Off => {}
    };
    let on_up = move |_: PointerEvent| {
        if let Some(stroke) = drawing.try_update_value(Option::take).flatten() {
            s.draw(Change::Add(stroke));
        }
    };
    let on_leave = move |_: PointerEvent| {
        if matches!(s.mode.get_untracked(), Mode::Pointer { .. }) {
            s.point(None);
        }
    };

    // The pointer's trail: its last few places, newest first.
    let trail = Memo::new(move |before: Option<&Vec<Point>>| {
        let mut places = before.cloned().unwrap_or_default();
        match s.pointer.get() {
            Some(p) => places.insert(0, p),
            None => places.clear(),
        }
        places.truncate(TRAIL);
        places
    });
    let strokes = move || {
        let slide = slide.get();
        let live = s.live.get().filter(|(on, _)| *on == slide).map(|(_, stroke)| stroke);
        s.ink.with(|ink| ink.strokes(slide).iter().cloned().chain(live).collect::<Vec<_>>())
    };

    view! {
        <div
            class="ink"
            class:pointing=move || matches!(s.mode.get(), Mode::Pointer { .. })
            class:drawing=move || matches!(s.mode.get(), Mode::Pen(_))
            node_ref=node
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:pointerleave=on_leave
        >
            <svg viewBox=format!("0 0 {} {}", ink::WIDTH, ink::HEIGHT) preserveAspectRatio="none" aria-hidden="true">
                {move || strokes().into_iter().map(|stroke| view! {
                    <path class=stroke.tool.name() d=stroke.path() stroke-width=stroke.width />
                }).collect_view()}
                {move || trail.get().into_iter().enumerate().map(|(i, [x, y])| view! {
                    <circle class=if i == 0 { "laser" } else { "trail" } cx=x cy=y r=14 - 2 * i as u16 />
                }).collect_view()}
            </svg>
        </div>
    }
}

/// The pen's tools, undo and clear, shown while the pen is on.
#[component]
pub fn PenTools(s: Session) -> impl IntoView {
    move || {
        let Mode::Pen(current) = s.mode.get() else { return None };
        Some(view! {
            <div class="pen-tools" role="group" aria-label="Pen">
                {Tool::ALL.into_iter().map(|tool| view! {
                    <button class=format!("tool {}", tool.name()) aria-label=format!("Pen: {}", tool.name())
                        aria-pressed=(tool == current).to_string() on:click=move |_| s.mode.set(Mode::Pen(tool))>
                    </button>
                }).collect_view()}
                <button class="undo" on:click=move |_| s.draw(Change::Undo)>"Undo"</button>
                <button class="clear" on:click=move |_| s.draw(Change::Clear)>"Clear"</button>
            </div>
        })
    }
}
