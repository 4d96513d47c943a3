//! The content compiler: `content/talk.md` in, the talk as HTML out (`html`, written into the page
//! by `.ci/finish-page`; the app's `build.rs` runs it too, to fail the build on a mistake).
//!
//! It is not part of the app: the shipped wasm holds neither the talk nor a Markdown parser; it
//! reads the talk from the page. Every mistake is reported with the line it is on; the format
//! is documented in `content/FORMAT.md`.

pub mod files;
pub mod html;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::fmt;
use std::ops::Range;

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

    fn parse(name: &str) -> Option<Layout> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
    }

    fn names() -> String {
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
    pub body: Vec<Block>,
    pub notes: Vec<Block>,
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

/// Compiles the talk. `image_exists` answers whether a relative path exists under `public/`.
/// All mistakes are returned, each with its line, sorted by line.
pub fn compile(source: &str, image_exists: &dyn Fn(&str) -> bool) -> Result<Deck, Vec<ContentError>> {
    let mut errors = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    let separators = slide_separators(&lines);

    let header_end = separators.first().copied().unwrap_or(lines.len());
    let mut deck = parse_deck_header(&lines[..header_end], &mut errors);
    if separators.is_empty() {
        errors.push(err(lines.len().max(1), "the talk has no slides: start each slide with a line `---`"));
    }

    for (n, &start) in separators.iter().enumerate() {
        let end = separators.get(n + 1).copied().unwrap_or(lines.len());
        let ctx = Ctx { image_exists, errors: &mut errors };
        if let Some(slide) = parse_slide(&lines, start, end, ctx) {
            deck.slides.push(slide);
        }
    }

    let mut seen: Vec<(&str, usize)> = Vec::new();
    for slide in &deck.slides {
        match seen.iter().find(|(id, _)| *id == slide.id) {
            Some((_, first)) => errors.push(err(
                slide.line,
                format!("slide id `{}` is already used by the slide at line {first}", slide.id),
            )),
            None => seen.push((&slide.id, slide.line)),
        }
    }

    if errors.is_empty() {
        Ok(deck)
    } else {
        errors.sort_by_key(|e| e.line);
        // One report per mistake: `<b>x</b>` is two HTML events on one line.
        errors.dedup();
        Err(errors)
    }
}

fn err(line: usize, message: impl Into<String>) -> ContentError {
    ContentError { line, message: message.into() }
}

/// Indexes (0-based) of the `---` lines that start slides, skipping fenced code.
fn slide_separators(lines: &[&str]) -> Vec<usize> {
    let mut in_fence = false;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_end();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence && t == "---" {
            out.push(i);
        }
    }
    out
}

/// `key: value` with a lowercase key, as used by the deck and slide headers.
fn header_pair(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let is_key = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    is_key.then(|| (key, value.trim()))
}

fn parse_deck_header(lines: &[&str], errors: &mut Vec<ContentError>) -> Deck {
    let mut deck = Deck {
        title: String::new(),
        author: String::new(),
        lang: "en".into(),
        description: String::new(),
        duration_minutes: 0,
        slides: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = header_pair(line) else {
            errors.push(err(line_no, "expected `key: value` in the deck header (before the first `---`)"));
            continue;
        };
        match key {
            "title" => deck.title = smart_punctuation(value),
            "author" => deck.author = smart_punctuation(value),
            "description" => deck.description = smart_punctuation(value),
            "lang" => {
                if value.is_empty() || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    errors.push(err(
                        line_no,
                        format!("`lang` must be a language tag such as `en`, not `{value}`"),
                    ));
                } else {
                    deck.lang = value.into();
                }
            }
            "duration" => match value.parse::<u32>() {
                Ok(m) if m > 0 && m <= 24 * 60 => deck.duration_minutes = m,
                _ => errors.push(err(
                    line_no,
                    format!("`duration` must be whole minutes (1 to 1440), not `{value}`"),
                )),
            },
            other => errors.push(err(
                line_no,
                format!("unknown deck option `{other}` (known: title, author, lang, duration, description)"),
            )),
        }
    }
    if deck.title.is_empty() {
        errors.push(err(1, "the deck header needs `title: …` before the first `---`"));
    }
    deck
}

/// Markdown's options for slides and notes: typographic quotes, apostrophes, dashes and ellipses
/// (`'` → ’, `"…"` → “…”, `--` → –, `...` → …), as Marp and reveal.js decks show them.
const MARKDOWN: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_SMART_PUNCTUATION);

/// A plain-text header value (title, author, description) with the same smart punctuation as the
/// slides, by pulldown-cmark's own rules. Every other ASCII punctuation mark is escaped, so no
/// Markdown applies; the leading no-break space keeps the line a paragraph (no list, heading or
/// rule) and counts as the start of the line for quotes.
fn smart_punctuation(value: &str) -> String {
    let mut md = String::from('\u{a0}');
    for c in value.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') {
            md.push('\\');
        }
        md.push(c);
    }
    let mut out = String::new();
    for event in Parser::new_ext(&md, MARKDOWN) {
        if let Event::Text(t) = event {
            out.push_str(&t);
        }
    }
    out.strip_prefix('\u{a0}').unwrap_or(&out).to_string()
}

struct Ctx<'a> {
    image_exists: &'a dyn Fn(&str) -> bool,
    errors: &'a mut Vec<ContentError>,
}

/// Parses the slide whose `---` is at index `sep`, up to (not including) index `end`.
fn parse_slide(lines: &[&str], sep: usize, end: usize, ctx: Ctx<'_>) -> Option<Slide> {
    let slide_line = sep + 1;
    let errors_before = ctx.errors.len();
    let mut layout = Layout::Content;
    let mut all_fragments = false;
    let mut id: Option<String> = None;

    // The slide header: `key: value` lines right after the separator.
    let mut i = sep + 1;
    while i < end {
        let Some((key, value)) = header_pair(lines[i]) else {
            break;
        };
        let line_no = i + 1;
        match key {
            "layout" => match Layout::parse(value) {
                Some(l) => layout = l,
                None => ctx.errors.push(err(
                    line_no,
                    format!("unknown layout `{value}` (known: {})", Layout::names()),
                )),
            },
            "fragments" => match value {
                "true" => all_fragments = true,
                "false" => all_fragments = false,
                _ => ctx.errors.push(err(line_no, format!("`fragments` is `true` or `false`, not `{value}`"))),
            },
            "id" => {
                // A name starts with a letter, so that an address never reads as a slide number.
                let valid = value.starts_with(|c: char| c.is_ascii_lowercase())
                    && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if valid {
                    id = Some(value.into());
                } else {
                    ctx.errors.push(err(
                        line_no,
                        format!("`id` starts with a letter and holds only a-z, 0-9 and `-`, not `{value}`"),
                    ));
                }
            }
            other => ctx.errors.push(err(
                line_no,
                format!("unknown slide option `{other}` (known: layout, fragments, id); end the header with a blank line"),
            )),
        }
        i += 1;
    }

    // Split the rest into body and the `::: notes` block.
    let mut body_lines: Vec<(usize, &str)> = Vec::new();
    let mut notes_lines: Vec<(usize, &str)> = Vec::new();
    let mut notes_open: Option<usize> = None;
    let mut notes_seen = false;
    for (j, line) in lines.iter().enumerate().take(end).skip(i) {
        let t = line.trim();
        if let Some(open) = notes_open {
            if t == ":::" {
                notes_open = None;
            } else if t.starts_with(":::") {
                ctx.errors.push(err(j + 1, format!("`{t}` inside the notes opened at line {}", open + 1)));
            } else {
                notes_lines.push((j, line));
            }
        } else if t == "::: notes" {
            if notes_seen {
                ctx.errors.push(err(j + 1, "a second `::: notes` block: a slide has one"));
            }
            notes_open = Some(j);
            notes_seen = true;
        } else if t.starts_with(":::") {
            ctx.errors.push(err(j + 1, format!("unknown block `{t}` (only `::: notes` … `:::`)")));
        } else {
            body_lines.push((j, line));
        }
    }
    if let Some(open) = notes_open {
        ctx.errors.push(err(open + 1, "`::: notes` is never closed with `:::`"));
    }

    let mut md = Markdown { image_exists: ctx.image_exists, errors: ctx.errors, fragments: 0, all_fragments };
    let body = md.parse(&body_lines);
    let steps = md.fragments;
    md.all_fragments = false;
    let notes = md.parse(&notes_lines);
    if md.fragments != steps {
        let line = notes_lines.first().map_or(slide_line, |(j, _)| j + 1);
        md.errors.push(err(line, "fragments (`+` items) belong on the slide, not in its notes"));
    }
    let errors = md.errors;

    if body.is_empty() {
        errors.push(err(slide_line, "empty slide: a slide needs a heading and some content"));
        return None;
    }
    let Some(title) = body.iter().find_map(|b| match b {
        Block::Heading { content, .. } => Some(plain_text(content)),
        _ => None,
    }) else {
        errors.push(err(slide_line, "the slide has no heading: start it with `# Title` or `## Title`"));
        return None;
    };
    if title.is_empty() {
        errors.push(err(slide_line, "the slide's heading is empty"));
    }
    check_layout(layout, &body, slide_line, errors);

    let id = id.unwrap_or_else(|| slug(&title));
    if id.is_empty() {
        errors.push(err(
            slide_line,
            "cannot make an id from the title: add `id: some-name` to the slide header",
        ));
    }
    if errors.len() > errors_before {
        return None;
    }
    Some(Slide { line: slide_line, id, title, layout, steps, body, notes })
}

fn check_layout(layout: Layout, body: &[Block], line: usize, errors: &mut Vec<ContentError>) {
    let figures = body.iter().filter(|b| matches!(b, Block::Figure { .. })).count();
    let lists: Vec<&Vec<Item>> = body
        .iter()
        .filter_map(|b| match b {
            Block::List { items, .. } => Some(items),
            _ => None,
        })
        .collect();
    match layout {
        Layout::Figure if figures != 1 => errors.push(err(
            line,
            format!("layout `figure` needs exactly one stand-alone image, this slide has {figures}"),
        )),
        Layout::Grid | Layout::Steps | Layout::Gallery if lists.is_empty() => {
            errors.push(err(line, "this layout shows a list, and the slide has none"))
        }
        Layout::Gallery => {
            let bare = lists
                .iter()
                .flat_map(|items| items.iter())
                .any(|item| !matches!(item.content.first(), Some(Inline::Image { .. })));
            if bare {
                errors.push(err(line, "layout `gallery`: every list item must start with an image"));
            }
        }
        _ => {}
    }
}

/// A title made into an anchor name: lowercase ASCII words joined by `-`, starting with a letter
/// (`slide-` goes before a title that starts with a digit).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    if title.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        out.push_str("slide");
    }
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// The Markdown of one slide's body or notes, turned into blocks.
struct Markdown<'a> {
    image_exists: &'a dyn Fn(&str) -> bool,
    errors: &'a mut Vec<ContentError>,
    /// Fragments numbered so far on this slide.
    fragments: u16,
    all_fragments: bool,
}

type Events<'s> = std::iter::Peekable<pulldown_cmark::OffsetIter<'s>>;

struct Source<'s> {
    text: &'s str,
    /// For each line of `text`, its 0-based line in the file.
    file_lines: Vec<usize>,
}

impl Source<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let local = self.text[..offset.min(self.text.len())].matches('\n').count();
        self.file_lines.get(local).or(self.file_lines.last()).map_or(1, |l| l + 1)
    }
}

impl Markdown<'_> {
    fn parse(&mut self, lines: &[(usize, &str)]) -> Vec<Block> {
        let text = lines.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
        let src = Source { text: &text, file_lines: lines.iter().map(|(j, _)| *j).collect() };
        let mut events = Parser::new_ext(&text, MARKDOWN).into_offset_iter().peekable();
        self.blocks(&mut events, &src, None)
    }

    fn blocks(&mut self, ev: &mut Events<'_>, src: &Source<'_>, until: Option<TagEnd>) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some((event, range)) = ev.next() {
            match event {
                Event::End(end) if Some(end) == until => break,
                Event::Start(Tag::Paragraph) => {
                    let content = self.inlines(ev, src, TagEnd::Paragraph);
                    out.push(as_figure(content));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = TagEnd::Heading(level);
                    let content = self.inlines(ev, src, end);
                    let level = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        _ => {
                            self.error(src, &range, "headings go down to `###` only");
                            3
                        }
                    };
                    out.push(Block::Heading { level, content });
                }
                Event::Start(Tag::List(start)) => {
                    let items = self.items(ev, src);
                    let ordered = start.is_some();
                    let start = start.map_or(1, |s| u32::try_from(s).unwrap_or(u32::MAX));
                    out.push(Block::List { ordered, start, items });
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    let inner = self.blocks(ev, src, Some(TagEnd::BlockQuote(None)));
                    out.push(Block::Quote(inner));
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    let mut code = String::new();
                    for (e, _) in ev.by_ref() {
                        match e {
                            Event::Text(t) => code.push_str(&t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    out.push(Block::Code(code.trim_end().to_string()));
                }
                other => self.unsupported(ev, src, &range, other),
            }
        }
        out
    }

    fn items(&mut self, ev: &mut Events<'_>, src: &Source<'_>) -> Vec<Item> {
        let mut items = Vec::new();
        while let Some((event, range)) = ev.next() {
            match event {
                Event::End(TagEnd::List(_)) => break,
                Event::Start(Tag::Item) => {
                    let marked = src.text.as_bytes().get(range.start) == Some(&b'+');
                    let fragment = if marked || self.all_fragments {
                        self.fragments += 1;
                        self.fragments
                    } else {
                        0
                    };
                    items.push(self.item(ev, src, fragment));
                }
                other => self.unsupported(ev, src, &range, other),
            }
        }
        items
    }

    fn item(&mut self, ev: &mut Events<'_>, src: &Source<'_>, fragment: u16) -> Item {
        let mut item = Item { fragment, content: Vec::new(), children: Vec::new() };
        while let Some((event, range)) = ev.next() {
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) => {
                    if !item.content.is_empty() {
                        item.content.push(Inline::Break);
                    }
                    let content = self.inlines(ev, src, TagEnd::Paragraph);
                    item.content.extend(content);
                }
                Event::Start(Tag::List(_)) => item.children.extend(self.items(ev, src)),
                other => {
                    if let Some(inline) = self.inline(ev, src, other, &range) {
                        item.content.push(inline);
                    }
                }
            }
        }
        // One text run, not one per quote mark or entity.
        item.content = merge_text(item.content);
        item
    }

    fn inlines(&mut self, ev: &mut Events<'_>, src: &Source<'_>, end: TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((event, range)) = ev.next() {
            if event == Event::End(end) {
                break;
            }
            if let Some(inline) = self.inline(ev, src, event, &range) {
                out.push(inline);
            }
        }
        merge_text(out)
    }

    fn inline(
        &mut self,
        ev: &mut Events<'_>,
        src: &Source<'_>,
        event: Event<'_>,
        range: &Range<usize>,
    ) -> Option<Inline> {
        Some(match event {
            Event::Text(t) => Inline::Text(t.into_string()),
            Event::Code(t) => Inline::Code(t.into_string()),
            Event::SoftBreak => Inline::Text(" ".into()),
            Event::HardBreak => Inline::Break,
            Event::Start(Tag::Strong) => Inline::Strong(self.inlines(ev, src, TagEnd::Strong)),
            Event::Start(Tag::Emphasis) => Inline::Emphasis(self.inlines(ev, src, TagEnd::Emphasis)),
            Event::Start(Tag::Strikethrough) => {
                self.error(src, range, "strikethrough is not supported");
                self.inlines(ev, src, TagEnd::Strikethrough);
                return None;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let content = self.inlines(ev, src, TagEnd::Link);
                let href = dest_url.into_string();
                self.check_link(src, range, &href);
                Inline::Link { href, content }
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let alt = plain_text(&self.inlines(ev, src, TagEnd::Image));
                let src_path = dest_url.into_string();
                self.check_image(src, range, &src_path, &alt);
                Inline::Image { src: src_path, alt, title: title.into_string() }
            }
            other => {
                self.unsupported(ev, src, range, other);
                return None;
            }
        })
    }

    fn check_image(&mut self, src: &Source<'_>, range: &Range<usize>, path: &str, alt: &str) {
        if alt.trim().is_empty() {
            self.error(
                src,
                range,
                format!("image `{path}` has no alt text: write `![what it shows]({path})`"),
            );
        }
        if path.contains(':') || path.starts_with('/') || path.starts_with("//") {
            self.error(
                src,
                range,
                format!("image `{path}` must be a relative path under public/, e.g. `images/x.svg`"),
            );
        } else if path.split('/').any(|part| part == "..") {
            self.error(src, range, format!("image `{path}` must not leave public/ (no `..`)"));
        } else if !(self.image_exists)(path) {
            self.error(src, range, format!("image `{path}` is not in public/ (looked for public/{path})"));
        }
    }

    fn check_link(&mut self, src: &Source<'_>, range: &Range<usize>, href: &str) {
        let scheme = href.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let allowed = match scheme.as_deref() {
            None => true,
            Some(s) => ["https", "http", "mailto"].contains(&s) || s.contains('/') || s.contains('#'),
        };
        if href.is_empty() || !allowed {
            self.error(src, range, format!("link `{href}`: only https, http, mailto or relative links"));
        }
    }

    /// Reports a construct the deck does not render, and skips over it.
    fn unsupported(&mut self, ev: &mut Events<'_>, src: &Source<'_>, range: &Range<usize>, event: Event<'_>) {
        let what = match &event {
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => {
                "raw HTML is not allowed (it would bypass the deck's rendering)"
            }
            Event::Start(Tag::Table(_)) => "tables are not supported",
            Event::Rule => {
                "a horizontal rule inside a slide: slides are separated by a line that is exactly `---`"
            }
            _ => "this Markdown construct is not supported",
        };
        self.error(src, range, what);
        if let Event::Start(tag) = event {
            skip_to_end(ev, tag.to_end());
        }
    }

    fn error(&mut self, src: &Source<'_>, range: &Range<usize>, message: impl Into<String>) {
        self.errors.push(err(src.line_of(range.start), message));
    }
}

/// A paragraph holding nothing but one image becomes a figure.
fn as_figure(content: Vec<Inline>) -> Block {
    let meaningful: Vec<&Inline> =
        content.iter().filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty())).collect();
    if let [Inline::Image { src, alt, title }] = meaningful.as_slice() {
        return Block::Figure { src: src.clone(), alt: alt.clone(), caption: title.clone() };
    }
    Block::Paragraph(content)
}

/// Joins adjacent text runs (pulldown-cmark splits text at entities and breaks).
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(&next),
            (_, inline) => out.push(inline),
        }
    }
    out
}

fn skip_to_end(ev: &mut Events<'_>, end: TagEnd) {
    let mut depth = 0usize;
    for (event, _) in ev.by_ref() {
        match event {
            Event::Start(tag) if tag.to_end() == end => depth += 1,
            Event::End(e) if e == end => {
                if depth == 0 {
                    return;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
}
