//! The Markdown walk: pulldown-cmark's events for one slide's body or notes turned into blocks and
//! inlines, with every construct the deck does not render reported at its line; and the same smart
//! punctuation for the header's plain-text values.

use crate::model::{err, plain_text, Block, ContentError, Inline, Item};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Markdown's options for slides and notes: typographic quotes, apostrophes, dashes and ellipses
/// (`'` → ’, `"…"` → “…”, `--` → –, `...` → …), as Marp and reveal.js decks show them.
const MARKDOWN: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_SMART_PUNCTUATION);

/// A plain-text header value (title, author, description) with the same smart punctuation as the
/// slides, by pulldown-cmark's own rules. Every other ASCII punctuation mark is escaped, so no
/// Markdown applies; the leading no-break space keeps the line a paragraph (no list, heading or
/// rule) and counts as the start of the line for quotes.
pub(crate) fn smart_punctuation(value: &str) -> String {
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

/// The Markdown of one slide's body or notes, turned into blocks.
pub(crate) struct Markdown<'a> {
    pub(crate) image_exists: &'a dyn Fn(&str) -> bool,
    pub(crate) errors: &'a mut Vec<ContentError>,
    /// Fragments numbered so far on this slide.
    pub(crate) fragments: u16,
    pub(crate) all_fragments: bool,
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
    /// Parses some lines of the file, each with its 0-based line number.
    pub(crate) fn parse(&mut self, lines: &[(usize, &str)]) -> Vec<Block> {
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
