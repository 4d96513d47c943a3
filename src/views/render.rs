//! Slide content to DOM: the compiled blocks and inlines of `deck.rs` as Leptos views.
//! Content is static data from the build; nothing here parses or injects HTML.

use crate::core::deck::{Block, Inline, Item, Layout, Slide, TALK};
use crate::core::nav::Position;
use leptos::prelude::*;

/// What a slide's content needs to know: which fragments show, and whether its pictures load yet.
#[derive(Clone, Copy)]
pub struct Fragments {
    pub slide: usize,
    pub pos: Signal<Position>,
    /// False keeps `src` off the slide's images, so they are not fetched (see `Fragments::near`).
    pub load_images: Signal<bool>,
}

impl Fragments {
    /// Everything shown and loaded: the reading view, print, notes, miniatures.
    pub fn all_built(slide: usize, pos: Signal<Position>) -> Fragments {
        Fragments { slide, pos, load_images: Signal::stored(true) }
    }

    /// For the stage: pictures load once the slide is the current one or next to it, and stay
    /// loaded; the rest wait, so that at start the engine has the network to itself.
    pub fn near(slide: usize, pos: Signal<Position>) -> Fragments {
        let near = Memo::new(move |was: Option<&bool>| {
            was.copied().unwrap_or(false) || pos.get().slide.abs_diff(slide) <= 1
        });
        Fragments { slide, pos, load_images: near.into() }
    }

    /// Whether fragment `k` of this slide is shown: always on slides already passed.
    fn shown(self, k: u16) -> impl Fn() -> bool + Send + Sync + 'static {
        move || {
            let p = self.pos.get();
            p.slide > self.slide || (p.slide == self.slide && p.step >= usize::from(k))
        }
    }
}

/// The body of a slide, arranged for its layout.
pub fn slide_body(slide: &'static Slide, fragments: Fragments) -> AnyView {
    if slide.layout == Layout::Figure {
        // Text on one side, the picture on the other; the picture's place in the Markdown picks the side.
        let (heading, rest) = match slide.body.split_first() {
            Some((h @ Block::Heading { .. }, rest)) => (Some(h), rest),
            _ => (None, slide.body),
        };
        let figure_at = rest.iter().position(|b| matches!(b, Block::Figure { .. })).unwrap_or(0);
        let figure_first = figure_at == 0;
        let text: Vec<AnyView> =
            rest.iter().filter(|b| !matches!(b, Block::Figure { .. })).map(|b| block(b, fragments)).collect();
        let figure = rest.get(figure_at).map(|b| block(b, fragments));
        return view! {
            {heading.map(|h| block(h, fragments))}
            <div class="columns" class:figure-first=figure_first>
                <div class="text">{text}</div>
                {figure}
            </div>
        }
        .into_any();
    }
    blocks(slide.body, fragments)
}

pub fn blocks(list: &'static [Block], fragments: Fragments) -> AnyView {
    list.iter().map(|b| block(b, fragments)).collect_view().into_any()
}

fn block(b: &'static Block, fragments: Fragments) -> AnyView {
    match b {
        Block::Heading { level: 1, content } => view! { <h1>{inlines(content, fragments)}</h1> }.into_any(),
        Block::Heading { level: 2, content } => view! { <h2>{inlines(content, fragments)}</h2> }.into_any(),
        Block::Heading { content, .. } => view! { <h3>{inlines(content, fragments)}</h3> }.into_any(),
        Block::Paragraph(content) => view! { <p>{inlines(content, fragments)}</p> }.into_any(),
        Block::List { ordered: true, start, items: list } => {
            view! { <ol start=*start>{items(list, fragments)}</ol> }.into_any()
        }
        Block::List { items: list, .. } => view! { <ul>{items(list, fragments)}</ul> }.into_any(),
        Block::Figure { src, alt, caption } => view! {
            <figure>
                {image(src, alt, fragments)}
                {(!caption.is_empty()).then(|| view! { <figcaption>{*caption}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Quote(inner) => view! { <blockquote>{blocks(inner, fragments)}</blockquote> }.into_any(),
        Block::Code(code) => view! { <pre><code>{*code}</code></pre> }.into_any(),
    }
}

fn items(list: &'static [Item], fragments: Fragments) -> AnyView {
    list.iter()
        .map(|item| {
            let children =
                (!item.children.is_empty()).then(|| view! { <ul>{items(item.children, fragments)}</ul> });
            let content = item_content(item.content, fragments);
            if item.fragment == 0 {
                view! { <li>{content}{children}</li> }.into_any()
            } else {
                view! {
                    <li class="fragment" class:shown=fragments.shown(item.fragment)>
                        {content}{children}
                    </li>
                }
                .into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// An item that starts with an image shows it as the item's picture (grid icon, gallery image),
/// with the rest as one label the layout places below it.
fn item_content(content: &'static [Inline], fragments: Fragments) -> AnyView {
    match content.split_first() {
        Some((picture @ Inline::Image { .. }, label)) => view! {
            {inline(picture, fragments)}
            <span class="label">{inlines(label, fragments)}</span>
        }
        .into_any(),
        _ => inlines(content, fragments),
    }
}

pub fn inlines(list: &'static [Inline], fragments: Fragments) -> AnyView {
    list.iter().map(|i| inline(i, fragments)).collect_view().into_any()
}

fn image(src: &'static str, alt: &'static str, fragments: Fragments) -> impl IntoView {
    let load = fragments.load_images;
    view! { <img src=move || load.get().then_some(src) alt=alt decoding="async" /> }
}

fn inline(i: &'static Inline, fragments: Fragments) -> AnyView {
    match i {
        Inline::Text(t) => t.into_any(),
        Inline::Strong(c) => view! { <strong>{inlines(c, fragments)}</strong> }.into_any(),
        Inline::Emphasis(c) => view! { <em>{inlines(c, fragments)}</em> }.into_any(),
        Inline::Code(t) => view! { <code>{*t}</code> }.into_any(),
        Inline::Link { href, content } => {
            view! { <a href=*href target="_blank" rel="noopener noreferrer">{inlines(content, fragments)}</a> }
                .into_any()
        }
        Inline::Image { src, alt } => image(src, alt, fragments).into_any(),
        Inline::Break => view! { <br /> }.into_any(),
    }
}

/// A slide drawn at any size, for the overview and the speaker view: its own 16:9 container (so
/// the container units scale it), hidden from assistive technology (the caller labels it).
pub fn preview(slide: usize, pos: Signal<Position>) -> AnyView {
    let Some(content) = TALK.slides.get(slide) else { return ().into_any() };
    let fragments = Fragments::all_built(slide, pos);
    view! {
        <div class="preview" aria-hidden="true" inert>
            <div class=format!("slide preview-slide {}", content.layout.class())>
                {slide_body(content, fragments)}
            </div>
        </div>
    }
    .into_any()
}
