//! The deck as the compiler reads it: the talk's header, its slides, their blocks and inlines, and
//! the mistakes it reports. Every other module of the compiler builds on these types; they import
//! nothing from the rest of the crate.

use std::fmt;

/// One mistake in the content, at a 1-based line of the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub title: String,
    pub author: String,
    pub lang: String,
    pub description: String,
    pub duration_minutes: u32,
    pub slides: Vec<Slide>,
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
    const ALL: [(&'static str, Layout); 7] = [
        ("title", Layout::Title),
        ("section", Layout::Section),
        ("content", Layout::Content),
        ("figure", Layout::Figure),
        ("grid", Layout::Grid),
        ("steps", Layout::Steps),
        ("gallery", Layout::Gallery),
    ];

    pub(crate) fn parse(name: &str) -> Option<Layout> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
    }

    pub(crate) fn names() -> String {
        Self::ALL.map(|(n, _)| n).join(", ")
    }

    /// The name the talk uses for this layout (`layout: title`); the CSS class is `layout-NAME`.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, l)| *l == self).map_or("content", |(n, _)| n)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    /// The line of the slide's `---` separator.
    pub line: usize,
    pub id: String,
    pub title: String,
    pub layout: Layout,
    /// How many fragment steps the slide has (0: everything shows at once).
    pub steps: u16,
    /// The slide's own `minutes:`, if its header has one.
    pub minutes: Option<Minutes>,
    /// The slide's planned time in whole seconds: its own `minutes:`, else its share of what the
    /// other slides leave of the talk's `duration` (0 when the talk has no `duration`).
    pub seconds: u32,
    pub body: Vec<Block>,
    pub notes: Vec<Block>,
}

/// A slide's own `minutes:` line: the time it asks for, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minutes {
    pub line: usize,
    pub seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        start: u32,
        items: Vec<Item>,
    },
    /// A paragraph that holds only an image: shown as a figure, its title as the caption.
    Figure {
        src: String,
        alt: String,
        caption: String,
    },
    Quote(Vec<Block>),
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 0: always shown; k: shown from fragment step k on.
    pub fragment: u16,
    pub content: Vec<Inline>,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Code(String),
    Link {
        href: String,
        content: Vec<Inline>,
    },
    /// `title` becomes the caption of a stand-alone image; inline images have none.
    Image {
        src: String,
        alt: String,
        title: String,
    },
    Break,
}

/// The words of some inlines as the page shows them (an image's alt text left out), whitespace
/// folded.
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

/// The words of some blocks (image alt text left out), one line a block or list item: what the
/// search index holds.
pub fn blocks_text(blocks: &[Block]) -> String {
    fn items(list: &[Item], lines: &mut Vec<String>) {
        for item in list {
            lines.push(plain_text(&item.content));
            items(&item.children, lines);
        }
    }
    fn walk(blocks: &[Block], lines: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Heading { content, .. } | Block::Paragraph(content) => lines.push(plain_text(content)),
                Block::List { items: list, .. } => items(list, lines),
                Block::Figure { caption, .. } => lines.push(caption.clone()),
                Block::Quote(inner) => walk(inner, lines),
                Block::Code(code) => lines.push(code.clone()),
            }
        }
    }
    let mut lines = Vec::new();
    walk(blocks, &mut lines);
    lines.retain(|l| !l.is_empty());
    lines.join("\n")
}

pub(crate) fn err(line: usize, message: impl Into<String>) -> ContentError {
    ContentError { line, message: message.into() }
}
