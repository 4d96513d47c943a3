//! The deck as the app sees it: static data compiled from `content/talk.md` by `build.rs`
//! (see the `talk-compiler` crate, `compiler/`). Plain Rust, no browser types.

use crate::core::nav::DeckShape;

#[derive(Debug)]
pub struct Deck {
    pub title: &'static str,
    pub author: &'static str,
    pub lang: &'static str,
    pub description: &'static str,
    /// Planned length of the talk; 0 when the content does not say.
    pub duration_minutes: u32,
    pub slides: &'static [Slide],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Title,
    Section,
    Content,
    Figure,
    Grid,
    Steps,
    Gallery,
}

impl Layout {
    /// The CSS class that styles the layout.
    pub fn class(self) -> &'static str {
        match self {
            Layout::Title => "layout-title",
            Layout::Section => "layout-section",
            Layout::Content => "layout-content",
            Layout::Figure => "layout-figure",
            Layout::Grid => "layout-grid",
            Layout::Steps => "layout-steps",
            Layout::Gallery => "layout-gallery",
        }
    }
}

#[derive(Debug)]
pub struct Slide {
    /// Anchor name, unique in the deck.
    pub id: &'static str,
    /// Plain text of the slide's first heading.
    pub title: &'static str,
    pub layout: Layout,
    /// Fragment steps: 0 shows everything at once.
    pub steps: u16,
    /// The slide's words, a line a block (compiled for search: no parsing at run time).
    pub text: &'static str,
    /// The notes' words, likewise.
    pub notes_text: &'static str,
    pub body: &'static [Block],
    pub notes: &'static [Block],
}

#[derive(Debug)]
pub enum Block {
    Heading { level: u8, content: &'static [Inline] },
    Paragraph(&'static [Inline]),
    List { ordered: bool, start: u32, items: &'static [Item] },
    Figure { src: &'static str, alt: &'static str, caption: &'static str },
    Quote(&'static [Block]),
    Code(&'static str),
}

#[derive(Debug)]
pub struct Item {
    /// 0: always shown; k: shown from fragment step k on.
    pub fragment: u16,
    pub content: &'static [Inline],
    pub children: &'static [Item],
}

#[derive(Debug)]
pub enum Inline {
    Text(&'static str),
    Strong(&'static [Inline]),
    Emphasis(&'static [Inline]),
    Code(&'static str),
    Link { href: &'static str, content: &'static [Inline] },
    Image { src: &'static str, alt: &'static str },
    Break,
}

include!(concat!(env!("OUT_DIR"), "/talk.rs"));

impl DeckShape for Deck {
    fn slide_count(&self) -> usize {
        self.slides.len()
    }

    fn steps(&self, slide: usize) -> usize {
        self.slides.get(slide).map_or(0, |s| usize::from(s.steps))
    }
}

/// Every image a slide shows, figures and inline images alike, in order.
pub fn images(body: &'static [Block]) -> Vec<(&'static str, &'static str)> {
    fn inlines(list: &'static [Inline], out: &mut Vec<(&'static str, &'static str)>) {
        for inline in list {
            match inline {
                Inline::Image { src, alt } => out.push((src, alt)),
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => inlines(c, out),
                _ => {}
            }
        }
    }
    fn items(list: &'static [Item], out: &mut Vec<(&'static str, &'static str)>) {
        for item in list {
            inlines(item.content, out);
            items(item.children, out);
        }
    }
    fn blocks(list: &'static [Block], out: &mut Vec<(&'static str, &'static str)>) {
        for block in list {
            match block {
                Block::Figure { src, alt, .. } => out.push((src, alt)),
                Block::Heading { content, .. } | Block::Paragraph(content) => inlines(content, out),
                Block::List { items: list, .. } => items(list, out),
                Block::Quote(inner) => blocks(inner, out),
                Block::Code(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    blocks(body, &mut out);
    out
}

impl Deck {
    /// "Slide title · Talk title", or just the talk's title on its title slide.
    pub fn document_title(&self, slide: usize) -> String {
        match self.slides.get(slide) {
            Some(s) if s.title != self.title => format!("{} · {}", s.title, self.title),
            _ => self.title.to_string(),
        }
    }
}

impl Slide {
    /// The text of the list item that fragment step `step` reveals (for the live region).
    pub fn fragment_text(&self, step: usize) -> Option<String> {
        fn find(items: &'static [Item], step: usize) -> Option<&'static Item> {
            items.iter().find_map(|item| {
                if usize::from(item.fragment) == step {
                    Some(item)
                } else {
                    find(item.children, step)
                }
            })
        }
        if step == 0 {
            return None;
        }
        self.body.iter().find_map(|block| match block {
            Block::List { items, .. } => find(items, step).map(|item| plain_text(item.content)),
            _ => None,
        })
    }
}

/// The words of some inlines, as a screen reader or a search index wants them.
pub fn plain_text(inlines: &[Inline]) -> String {
    fn walk(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => walk(c, out),
                Inline::Image { .. } => {}
                Inline::Break => out.push(' '),
            }
        }
    }
    let mut out = String::new();
    walk(inlines, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
