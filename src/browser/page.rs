//! The talk in the page: what the content compiler wrote into `index.html` (`#talk`, see
//! `compiler/src/html.rs`). The app reads it once at start and then only changes classes and
//! attributes on it; it never renders the talk itself. The inline script at the end of
//! `index.html` does what `set_face` and `show` do, once, for the first paint.

use crate::core::deck::{Deck, Slide};
use crate::core::nav::Position;
use crate::core::url::View;
use leptos::prelude::document;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList};

/// The talk's elements, found once: the page's talk does not change while it is open.
struct Page {
    talk: Option<Element>,
    main: Option<Element>,
    sections: Vec<Section>,
}

struct Section {
    element: Element,
    layout: String,
    /// Each fragment with its step.
    fragments: Vec<(Element, usize)>,
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

fn step_of(element: &Element) -> usize {
    element.get_attribute("data-step").and_then(|s| s.parse().ok()).unwrap_or(0)
}

impl Page {
    fn find() -> Page {
        let talk = document().get_element_by_id("talk");
        let main = talk.as_ref().and_then(|t| t.query_selector(":scope > main").ok().flatten());
        let sections = main
            .as_ref()
            .map(|m| all(m, ":scope > section"))
            .unwrap_or_default()
            .into_iter()
            .map(|element| Section {
                layout: element.get_attribute("data-layout").unwrap_or_default(),
                fragments: all(&element, ".fragment").into_iter().map(|f| (f.clone(), step_of(&f))).collect(),
                pictures: all(&element, ":scope > :not(.read-notes) img"),
                element,
            })
            .collect();
        Page { talk, main, sections }
    }
}

/// Whitespace collapsed, as a screen reader or search wants the words.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element's own words, without those of lists nested in it (a list item's sub-items).
fn own_words(element: &Element) -> String {
    let mut text = String::new();
    let children = element.child_nodes();
    for i in 0..children.length() {
        let Some(node) = children.item(i) else { continue };
        if matches!(node.node_name().as_str(), "UL" | "OL") {
            continue;
        }
        text.push_str(&node.text_content().unwrap_or_default());
        text.push(' ');
    }
    words(&text)
}

/// The words of the blocks under `root` that `keep` accepts, a line a block.
fn lines(root: &Element, keep: impl Fn(&Element) -> bool) -> String {
    all(root, "h1, h2, h3, h4, p, li, figcaption, pre")
        .iter()
        .filter(|e| keep(e))
        .map(own_words)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The deck as the page has it. A page without the talk gives an empty deck, which navigation
/// handles (it stays at the start).
pub fn read_deck() -> Deck {
    // Found afresh: a new app (a test's remount) may have a new page.
    PAGE.with(|cell| *cell.borrow_mut() = Some(Page::find()));
    with_page(|page| {
        let Some(talk) = &page.talk else { return Deck::default() };
        let title = talk
            .query_selector(".reader-name")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        // The contents list every slide once, in order: their words are the slides' titles.
        let titles: Vec<String> =
            all(talk, ".toc a").iter().map(|a| words(&a.text_content().unwrap_or_default())).collect();
        let minutes = page.main.as_ref().and_then(|m| m.get_attribute("data-minutes")?.parse().ok());
        let slides = page
            .sections
            .iter()
            .enumerate()
            .map(|(i, section)| {
                let e = &section.element;
                let steps = section.fragments.iter().map(|(_, k)| *k).max().unwrap_or(0);
                let fragments = (1..=steps)
                    .map(|k| section.fragments.iter().find(|(_, s)| *s == k).map(|(f, _)| own_words(f)))
                    .map(Option::unwrap_or_default)
                    .collect();
                let in_notes = |b: &Element| b.closest(".read-notes").ok().flatten().is_some();
                let label = |b: &Element| b.class_list().contains("read-notes-label");
                Slide {
                    title: titles.get(i).cloned().unwrap_or_default(),
                    text: lines(e, |b| !in_notes(b) && !b.class_list().contains("read-number")),
                    notes_text: lines(e, |b| in_notes(b) && !label(b)),
                    fragments,
                }
            })
            .collect();
        Deck { title: words(&title), duration_minutes: minutes.unwrap_or(0), slides }
    })
}

/// Which face of the talk shows: the stage (`presenting`), the document (`reading`), or neither,
/// for views that show copies of the slides (`app-only`: the speaker view, print). Follow with
/// `show(None, …)`, as the stage's classes start afresh.
pub fn set_face(view: View) {
    let face = match view {
        View::Deck => "presenting",
        View::Read => "reading",
        View::Speaker | View::Print => "app-only",
    };
    if let Some(root) = document().document_element() {
        let classes = root.class_list();
        let _ = classes.remove_3("presenting", "reading", "app-only");
        let _ = classes.add_1(face);
    }
    let presenting = view == View::Deck;
    with_page(|page| {
        if let Some(main) = &page.main {
            main.set_class_name(if presenting { "stage" } else { "article" });
        }
        for s in &page.sections {
            let (slide, layout) =
                if presenting { ("slide", "layout") } else { ("read-slide", "read-layout") };
            s.element.set_class_name(&format!("{slide} {layout}-{}", s.layout));
        }
    });
}

/// Marks the current slide, its neighbours (drawn, so that they fade and their pictures load) and
/// the fragments shown. With `from`, only the slides around the two places are touched: a key
/// press restyles at most six sections, not the whole talk.
pub fn show(from: Option<Position>, to: Position) {
    with_page(|page| {
        let count = page.sections.len();
        let presenting = page.main.as_ref().is_some_and(|m| m.class_name() == "stage");
        let around = |p: Position| p.slide.saturating_sub(1)..=p.slide + 1;
        let touched: Vec<usize> = match from {
            None => (0..count).collect(),
            Some(from) => around(from).chain(around(to)).filter(|&i| i < count).collect(),
        };
        for i in touched {
            let section = &page.sections[i];
            let classes = section.element.class_list();
            let _ = classes.toggle_with_force("current", i == to.slide);
            let _ = classes.toggle_with_force("near", i.abs_diff(to.slide) == 1);
            for (fragment, step) in &section.fragments {
                let shown = i < to.slide || (i == to.slide && *step <= to.step);
                let _ = fragment.class_list().toggle_with_force("shown", shown);
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
                    let _ = picture.class_list().remove_1("zoomed");
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
            let _ = picture.class_list().toggle_with_force("zoomed", zoom == Some(i as u8));
        }
    });
}

/// Which of slide `slide`'s pictures `element` is, if it is one.
pub fn picture_index(slide: usize, element: &Element) -> Option<u8> {
    with_page(|page| {
        let index = page.sections.get(slide)?.pictures.iter().position(|p| p == element)?;
        u8::try_from(index).ok()
    })
}

/// Which picture of the slide copy in `container` is at the window point `x`, `y`, if any (the
/// copy is inert, so clicks land on its container).
pub fn picture_at(container: &Element, x: f64, y: f64) -> Option<u8> {
    let index = all(container, "img").iter().position(|img| {
        let r = img.get_bounding_client_rect();
        (r.left()..=r.right()).contains(&x) && (r.top()..=r.bottom()).contains(&y)
    })?;
    u8::try_from(index).ok()
}

/// Takes the talk out of reach (`inert`) while something covers it: a dialog, the overview.
pub fn set_covered(covered: bool) {
    with_page(|page| {
        if let Some(main) = &page.main {
            let _ = main.toggle_attribute_with_force("inert", covered);
        }
    });
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
    with_page(|page| page.talk.as_ref()?.query_selector(".reader-bar").ok().flatten())
}

/// A copy of slide `slide` at fragment step `step`, drawn as a slide, for the overview, the speaker
/// view and print: no id (the page's section keeps it), no number or notes.
pub fn copy_slide(slide: usize, step: usize) -> Option<Element> {
    with_page(|page| {
        let section = page.sections.get(slide)?;
        let copy = section.element.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
        let _ = copy.remove_attribute("id");
        copy.set_class_name(&format!("slide preview-slide layout-{}", section.layout));
        for part in all(&copy, ":scope > .read-number, :scope > .read-notes") {
            part.remove();
        }
        for fragment in all(&copy, ".fragment") {
            let _ = fragment.class_list().toggle_with_force("shown", step_of(&fragment) <= step);
        }
        // A copy is on screen when it is made: its pictures load now.
        for image in all(&copy, "img") {
            let _ = image.remove_attribute("loading");
        }
        Some(copy)
    })
}

/// A copy of slide `slide`'s notes (the page's, without their heading).
pub fn copy_notes(slide: usize) -> Option<Element> {
    with_page(|page| {
        let notes = page.sections.get(slide)?.element.query_selector(".read-notes").ok().flatten()?;
        let copy = notes.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
        for label in all(&copy, ".read-notes-label") {
            label.remove();
        }
        copy.set_class_name("notes-text");
        Some(copy)
    })
}
