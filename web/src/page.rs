//! The talk in the page: what the content compiler wrote into `index.html` (`#talk`, see
//! `compiler/src/html.rs`). The stage and the app read its facts once (each section's title,
//! steps and name, the talk's title and length, the words for search) and then only change
//! classes and attributes on it; neither renders the talk. The first-frame script
//! (`contract::script::first_frame`) does what `set_face` and `show` do, once, before the first
//! paint. Every name is the contract's.

use crate::document;
use deck_core::contract::{attr, class, id};
use deck_core::deck::{Deck, Slide};
use deck_core::nav::Position;
use deck_core::url::View;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList};

/// The talk's elements, found once: the page's talk does not change while it is open.
struct Page {
    talk: Option<Element>,
    main: Option<Element>,
    sections: Vec<Section>,
    /// The slide a move left, still drawn while it fades out (`near`).
    left: std::cell::Cell<Option<usize>>,
}

struct Section {
    element: Element,
    layout: String,
    /// Each fragment with its step.
    fragments: Vec<(Element, usize)>,
    /// The pictures on the slide (not those in its notes).
    pictures: Vec<Element>,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

fn with_page<T>(f: impl FnOnce(&Page) -> T) -> T {
    PAGE.with(|cell| {
        let mut page = cell.borrow_mut();
        f(page.get_or_insert_with(Page::find))
    })
}

fn elements(list: Option<NodeList>) -> Vec<Element> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    elements(root.query_selector_all(selector).ok())
}

/// `.name`, as a selector.
fn dot(name: &str) -> String {
    let mut selector = String::from(".");
    selector.push_str(name);
    selector
}

fn number(element: &Element, name: &str) -> usize {
    element.get_attribute(name).and_then(|s| s.parse().ok()).unwrap_or(0)
}

impl Page {
    fn find() -> Page {
        let talk = document().get_element_by_id(id::TALK);
        let main = talk.as_ref().and_then(|t| t.query_selector(":scope > main").ok().flatten());
        let on_slide = {
            let mut selector = String::from(":scope > :not(");
            selector.push_str(&dot(class::READ_NOTES));
            selector.push_str(") img");
            selector
        };
        let sections = main
            .as_ref()
            .map(|m| all(m, ":scope > section"))
            .unwrap_or_default()
            .into_iter()
            .map(|element| Section {
                layout: element.get_attribute(attr::LAYOUT).unwrap_or_default(),
                fragments: all(&element, &dot(class::FRAGMENT))
                    .into_iter()
                    .map(|f| {
                        let step = number(&f, attr::STEP);
                        (f, step)
                    })
                    .collect(),
                pictures: all(&element, &on_slide),
                element,
            })
            .collect();
        Page { talk, main, sections, left: std::cell::Cell::new(None) }
    }
}

/// Whitespace collapsed, as a screen reader wants the words.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The deck as the page states it: each section's title, steps, planned seconds and name, the
/// talk's title and length. With `words`, also each slide's words and its notes' for search (the
/// data block `#deck-words`: a JSON array of `[text, notes]` pairs, a pair a slide). A page without
/// the talk gives an empty deck, which navigation handles (it stays at the start).
pub fn read_deck(with_words: bool) -> Deck {
    // Found afresh: a new app (a test's remount) may have a new page.
    PAGE.with(|cell| *cell.borrow_mut() = Some(Page::find()));
    let words = if with_words { read_words() } else { Vec::new() };
    with_page(|page| {
        let Some(talk) = &page.talk else { return Deck::default() };
        let slides = page
            .sections
            .iter()
            .enumerate()
            .map(|(i, section)| {
                let e = &section.element;
                let (text, notes_text) = words.get(i).cloned().unwrap_or_default();
                Slide {
                    name: e.get_attribute(attr::NAME).unwrap_or_default(),
                    title: e.get_attribute(attr::TITLE).unwrap_or_default(),
                    steps: number(e, attr::STEPS),
                    seconds: u32::try_from(number(e, attr::SECONDS)).unwrap_or(0),
                    text,
                    notes_text,
                }
            })
            .collect();
        Deck {
            title: talk.get_attribute(attr::TITLE).unwrap_or_default(),
            duration_minutes: u32::try_from(number(talk, attr::MINUTES)).unwrap_or(0),
            slides,
        }
    })
}

/// The words block, read with the browser's own JSON parser; anything else than an array of pairs
/// of strings reads as no words (search then finds titles only).
fn read_words() -> Vec<(String, String)> {
    let Some(block) = document().get_element_by_id(id::WORDS) else { return Vec::new() };
    let Ok(value) = js_sys::JSON::parse(&block.text_content().unwrap_or_default()) else { return Vec::new() };
    let Some(slides) = value.dyn_ref::<js_sys::Array>() else { return Vec::new() };
    slides
        .iter()
        .map(|pair| {
            let pair = js_sys::Array::from(&pair);
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1).as_string().unwrap_or_default())
        })
        .collect()
}

/// The words that step `step` of slide `slide` reveals: its fragment's own words, without those
/// of lists nested in it (for the live region).
pub fn fragment_words(slide: usize, step: usize) -> Option<String> {
    with_page(|page| {
        let (fragment, _) = page.sections.get(slide)?.fragments.iter().find(|(_, s)| *s == step)?;
        let mut text = String::new();
        let children = fragment.child_nodes();
        for i in 0..children.length() {
            let Some(node) = children.item(i) else { continue };
            if matches!(node.node_name().as_str(), "UL" | "OL") {
                continue;
            }
            text.push_str(&node.text_content().unwrap_or_default());
            text.push(' ');
        }
        Some(words(&text))
    })
}

/// Which face of the talk shows: the stage (`presenting`), the document (`reading`), or neither,
/// for views that show copies of the slides (`app-only`: the speaker view, print). Follow with
/// `show(None, …)`, as the stage's classes start afresh.
pub fn set_face(view: View) {
    let face = match view {
        View::Deck => class::PRESENTING,
        View::Read => class::READING,
        View::Speaker | View::Print => class::APP_ONLY,
    };
    if let Some(root) = document().document_element() {
        let classes = root.class_list();
        let _ = classes.remove_3(class::PRESENTING, class::READING, class::APP_ONLY);
        let _ = classes.add_1(face);
    }
    let presenting = view == View::Deck;
    with_page(|page| {
        if let Some(main) = &page.main {
            main.set_class_name(if presenting { class::STAGE } else { class::ARTICLE });
        }
        let (slide, layout) = if presenting {
            (class::SLIDE, class::LAYOUT_PREFIX)
        } else {
            (class::READ_SLIDE, class::READ_LAYOUT_PREFIX)
        };
        for s in &page.sections {
            let mut name = String::from(slide);
            name.push(' ');
            name.push_str(layout);
            name.push_str(&s.layout);
            s.element.set_class_name(&name);
        }
    });
}

/// Marks the current slide, the slide a move left (`near`: still drawn while it fades out) and
/// the fragments shown; the pictures of the slides around the place load now. Only two slides are
/// drawn, the one coming in (which fades in from nothing, `@starting-style`) and the one going
/// out. With `from`, only the slides around the two places are touched: a key press restyles at
/// most seven sections, not the whole talk.
pub fn show(from: Option<Position>, to: Position) {
    with_page(|page| {
        let count = page.sections.len();
        let presenting = page.main.as_ref().is_some_and(|m| m.class_list().contains(class::STAGE));
        let around = |p: Position| p.slide.saturating_sub(1)..=p.slide + 1;
        let before = page.left.get();
        let leaving = match from {
            Some(f) if f.slide != to.slide => Some(f.slide),
            Some(_) => before,
            None => None,
        };
        page.left.set(leaving);
        if let (Some(main), Some(_)) = (&page.main, leaving.filter(|_| before.is_none())) {
            let _ = main.class_list().add_1(class::MOVED);
        }
        let touched: Vec<usize> = match from {
            None => (0..count).collect(),
            Some(from) => around(from).chain(around(to)).chain(before).filter(|&i| i < count).collect(),
        };
        for i in touched {
            let section = &page.sections[i];
            let classes = section.element.class_list();
            let _ = classes.toggle_with_force(class::CURRENT, i == to.slide);
            let _ = classes.toggle_with_force(class::NEAR, Some(i) == leaving && i != to.slide);
            for (fragment, step) in &section.fragments {
                let shown = i < to.slide || (i == to.slide && *step <= to.step);
                let _ = fragment.class_list().toggle_with_force(class::SHOWN, shown);
            }
            // The current slide's pictures take the focus on the stage, for Enter to enlarge. On
            // the stage, the slides around the place load theirs now: a slide that scrolls (a
            // phone held upright) would otherwise keep its lower pictures waiting.
            for picture in &section.pictures {
                if presenting && i.abs_diff(to.slide) <= 1 {
                    let _ = picture.remove_attribute("loading");
                }
                if presenting && i == to.slide {
                    let _ = picture.set_attribute("tabindex", "0");
                } else {
                    let _ = picture.remove_attribute("tabindex");
                    let _ = picture.class_list().remove_1(class::ZOOMED);
                }
            }
        }
    });
}

/// Picture `zoom` of slide `slide` fills the stage; the slide's others (and `None`: all) do not.
pub fn set_zoom(slide: usize, zoom: Option<u8>) {
    with_page(|page| {
        let Some(section) = page.sections.get(slide) else { return };
        for (i, picture) in section.pictures.iter().enumerate() {
            let _ = picture.class_list().toggle_with_force(class::ZOOMED, zoom == Some(i as u8));
        }
    });
}

/// Which of slide `slide`'s pictures an event (a click) landed on, if any.
pub fn picture_hit(slide: usize, event: &web_sys::Event) -> Option<u8> {
    picture_index(slide, &event.target()?.dyn_into::<Element>().ok()?)
}

/// Which of slide `slide`'s pictures has the focus, if one has.
pub fn focused_picture(slide: usize) -> Option<u8> {
    picture_index(slide, &document().active_element()?)
}

/// Which of slide `slide`'s pictures `element` is, if it is one.
fn picture_index(slide: usize, element: &Element) -> Option<u8> {
    with_page(|page| {
        let index = page.sections.get(slide)?.pictures.iter().position(|p| p == element)?;
        u8::try_from(index).ok()
    })
}

/// Which picture of a slide copy a click landed on, if any: the copy is inert, so the click is
/// heard on its container (the listener's element), and the picture is found by where it is.
pub fn picture_clicked(event: &web_sys::MouseEvent) -> Option<u8> {
    let container = event.current_target()?.dyn_into::<Element>().ok()?;
    let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
    let index = all(&container, "img").iter().position(|img| {
        let r = img.get_bounding_client_rect();
        (r.left()..=r.right()).contains(&x) && (r.top()..=r.bottom()).contains(&y)
    })?;
    u8::try_from(index).ok()
}

/// The reading view's text size, in per cent. (Through the CSSOM: the CSP refuses `style=""`.)
pub fn set_text_size(percent: u32) {
    with_page(|page| {
        if let Some(talk) = page.talk.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlElement>()) {
            let _ = talk.style().set_property("font-size", &format!("{percent}%"));
        }
    });
}

/// The document's bar (title and, once the app runs, the reading view's buttons).
pub fn reader_bar() -> Option<Element> {
    with_page(|page| page.talk.as_ref()?.query_selector(&dot(class::READER_BAR)).ok().flatten())
}

/// Puts in `into` a copy of slide `slide` at fragment step `step`, drawn as a slide, for the
/// overview, the speaker view and print: no id (the page's section keeps it), no number or notes.
pub fn copy_slide_into(into: &Element, slide: usize, step: usize) {
    if let Some(copy) = copy_slide(slide, step) {
        let _ = into.append_child(&copy);
    }
}

fn copy_slide(slide: usize, step: usize) -> Option<Element> {
    with_page(|page| {
        let section = page.sections.get(slide)?;
        let copy = section.element.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
        let _ = copy.remove_attribute("id");
        copy.set_class_name(&format!(
            "{} {} {}{}",
            class::SLIDE,
            class::PREVIEW_SLIDE,
            class::LAYOUT_PREFIX,
            section.layout
        ));
        let number_and_notes = format!(":scope > .{}, :scope > .{}", class::READ_NUMBER, class::READ_NOTES);
        for part in all(&copy, &number_and_notes) {
            part.remove();
        }
        for fragment in all(&copy, &dot(class::FRAGMENT)) {
            let _ =
                fragment.class_list().toggle_with_force(class::SHOWN, number(&fragment, attr::STEP) <= step);
        }
        // A copy is on screen when it is made: its pictures load now.
        for image in all(&copy, "img") {
            let _ = image.remove_attribute("loading");
        }
        Some(copy)
    })
}

/// Puts in `into` a copy of slide `slide`'s notes, without their heading.
pub fn copy_notes_into(into: &Element, slide: usize) {
    if let Some(copy) = copy_notes(slide) {
        let _ = into.append_child(&copy);
    }
}

fn copy_notes(slide: usize) -> Option<Element> {
    with_page(|page| {
        let notes =
            page.sections.get(slide)?.element.query_selector(&dot(class::READ_NOTES)).ok().flatten()?;
        let copy = notes.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
        for label in all(&copy, &dot(class::READ_NOTES_LABEL)) {
            label.remove();
        }
        copy.set_class_name(class::NOTES_TEXT);
        Some(copy)
    })
}
