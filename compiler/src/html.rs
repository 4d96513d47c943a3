//! The talk as HTML: the page's one rendering of it, which the app never renders again.
//!
//! As written, it is a document (contents, every slide with its pictures, its notes beneath) that
//! reads well with no script. To present, the first-frame script, the stage and the app switch the
//! same sections to the stage (`slide layout-…` classes), mark the current one and reveal
//! fragments by their step; the speaker view, the overview and print show copies. What they need
//! to know of the deck is written here, once: each section's title, steps, planned seconds and
//! name, the talk's title and length, and the words for search (one data block). Every name is the
//! contract's (`deck_core::contract`).

use crate::model::{blocks_text, plain_text, Block, Deck, Inline, Item, Layout, Slide};
use deck_core::contract::{attr, class, id, section_id};

/// The whole talk as one article: a bar with the title, the contents by part, and every slide
/// (fragments shown) with its notes beneath, headed "Notes". Each slide's anchor is its deck address
/// (`id="/5"` for `#/5`), so contents links and shared links work without script.
///
/// Every picture gets its width and height (`size_of(src)`, see [`svg_size`]), so that its box is
/// kept before it loads and nothing moves when it arrives.
pub fn reading_page(deck: &Deck, size_of: &dyn Fn(&str) -> Option<(u32, u32)>) -> String {
    with_picture_sizes(&page(deck), size_of)
}

fn page(deck: &Deck) -> String {
    // The bar offers the talk as one file (talk.html, next to the page: see page/), for reading
    // offline or presenting from a stick. The talk's title and planned length ride on it.
    let mut out = format!(
        r#"<div class="reader" id="{talk}" {title_attr}="{title}" {minutes_attr}="{minutes}"><header class="{bar}"><span class="reader-name">{title}</span><a class="reader-download" href="talk.html" download>Download as one file</a></header>"#,
        talk = id::TALK,
        title_attr = attr::TITLE,
        minutes_attr = attr::MINUTES,
        title = escape(&deck.title),
        minutes = deck.duration_minutes,
        bar = class::READER_BAR,
    );
    contents(&deck.slides, &mut out);
    out.push_str(&format!(r#"<main class="{}">"#, class::ARTICLE));
    for (i, slide) in deck.slides.iter().enumerate() {
        // The name is an anchor too (`#/vienna-1961`), for links followed without script.
        out.push_str(&format!(
            r#"<section id="{id}" class="{read_slide} {read_layout}{layout}" {layout_attr}="{layout}" {index_attr}="{n}" {title_attr}="{title}" {steps_attr}="{steps}" {seconds_attr}="{seconds}" {name_attr}="{name}"><p class="{number}" id="/{name}">Slide {n}</p>"#,
            id = section_id(i),
            n = i + 1,
            read_slide = class::READ_SLIDE,
            read_layout = class::READ_LAYOUT_PREFIX,
            layout = slide.layout.name(),
            layout_attr = attr::LAYOUT,
            index_attr = attr::INDEX,
            title_attr = attr::TITLE,
            title = escape(&slide.title),
            steps_attr = attr::STEPS,
            steps = slide.steps,
            seconds_attr = attr::SECONDS,
            seconds = slide.seconds,
            name_attr = attr::NAME,
            name = escape(&slide.id),
            number = class::READ_NUMBER,
        ));
        if i == 0 {
            // The first slide is what most visits paint first (and a phone's largest paint is
            // its picture): its pictures load at once, first.
            let mut first = String::new();
            body(slide, &mut first);
            out.push_str(&first.replace(r#" loading="lazy">"#, r#" fetchpriority="high">"#));
        } else {
            body(slide, &mut out);
        }
        if !slide.notes.is_empty() {
            let level = match first_heading_level(slide) {
                Some(1) => 2,
                Some(3..) => 4,
                _ => 3,
            };
            out.push_str(&format!(
                r#"<div class="{notes}"><h{level} class="{label}">Notes</h{level}>"#,
                notes = class::READ_NOTES,
                label = class::READ_NOTES_LABEL,
            ));
            blocks(&slide.notes, &mut out);
            out.push_str("</div>");
        }
        out.push_str("</section>");
    }
    out.push_str("</main>");
    words(deck, &mut out);
    out.push_str("</div>");
    out
}

/// The words of every slide and its notes, for search: a JSON array of `[text, notes]` pairs, a
/// pair a slide, in a data block (which never runs). `<` is escaped, so no `</script>` can end it.
fn words(deck: &Deck, out: &mut String) {
    out.push_str(&format!(r#"<script type="application/json" id="{}">["#, id::WORDS));
    for (i, slide) in deck.slides.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json_string(&blocks_text(&slide.body), out);
        out.push(',');
        json_string(&blocks_text(&slide.notes), out);
        out.push(']');
    }
    out.push_str("]</script>");
}

fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Contents grouped by part: a title or section slide opens a group of the slides after it.
fn contents(slides: &[Slide], out: &mut String) {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, slide) in slides.iter().enumerate() {
        match (slide.layout, groups.last_mut()) {
            (Layout::Title | Layout::Section, _) | (_, None) => groups.push((i, Vec::new())),
            (_, Some((_, members))) => members.push(i),
        }
    }
    let link = |i: usize, out: &mut String| {
        out.push_str(&format!(r##"<a href="#/{}">{}</a>"##, i + 1, escape(&slides[i].title)));
    };
    out.push_str(&format!(
        r#"<nav class="{toc}" aria-labelledby="{heading}"><h2 id="{heading}">Contents</h2><ol>"#,
        toc = class::TOC,
        heading = id::TOC_TITLE
    ));
    for (head, members) in groups {
        out.push_str("<li>");
        link(head, out);
        if !members.is_empty() {
            out.push_str("<ol>");
            for i in members {
                out.push_str("<li>");
                link(i, out);
                out.push_str("</li>");
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></nav>");
}

fn first_heading_level(slide: &Slide) -> Option<u8> {
    slide.body.iter().find_map(|b| match b {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    })
}

fn body(slide: &Slide, out: &mut String) {
    if slide.layout != Layout::Figure {
        return blocks(&slide.body, out);
    }
    let (heading, rest) = match slide.body.split_first() {
        Some((h @ Block::Heading { .. }, rest)) => (Some(h), rest),
        _ => (None, &slide.body[..]),
    };
    let figure_at = rest.iter().position(|b| matches!(b, Block::Figure { .. })).unwrap_or(0);
    if let Some(h) = heading {
        block(h, out);
    }
    out.push_str(if figure_at == 0 {
        r#"<div class="columns figure-first">"#
    } else {
        r#"<div class="columns">"#
    });
    out.push_str(r#"<div class="text">"#);
    for b in rest.iter().filter(|b| !matches!(b, Block::Figure { .. })) {
        block(b, out);
    }
    out.push_str("</div>");
    if let Some(figure) = rest.get(figure_at) {
        block(figure, out);
    }
    out.push_str("</div>");
}

fn blocks(list: &[Block], out: &mut String) {
    for b in list {
        block(b, out);
    }
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, content } => {
            let tag = match level {
                1 => "h1",
                2 => "h2",
                _ => "h3",
            };
            out.push_str(&format!("<{tag}>"));
            inlines(content, out);
            out.push_str(&format!("</{tag}>"));
        }
        Block::Paragraph(content) => {
            out.push_str("<p>");
            inlines(content, out);
            out.push_str("</p>");
        }
        Block::List { ordered: true, start, items: list } => {
            out.push_str(&format!(r#"<ol start="{start}">"#));
            items(list, out);
            out.push_str("</ol>");
        }
        Block::List { items: list, .. } => {
            out.push_str("<ul>");
            items(list, out);
            out.push_str("</ul>");
        }
        Block::Figure { src, alt, caption } => {
            out.push_str("<figure>");
            image(src, alt, out);
            if !caption.is_empty() {
                out.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
            }
            out.push_str("</figure>");
        }
        Block::Quote(inner) => {
            out.push_str("<blockquote>");
            blocks(inner, out);
            out.push_str("</blockquote>");
        }
        Block::Code(code) => out.push_str(&format!("<pre><code>{}</code></pre>", escape(code))),
    }
}

fn items(list: &[Item], out: &mut String) {
    for item in list {
        // The reading view shows every fragment; the stage reveals them in `data-step` order.
        if item.fragment == 0 {
            out.push_str("<li>");
        } else {
            out.push_str(&format!(r#"<li class="{}" {}="{}">"#, class::FRAGMENT, attr::STEP, item.fragment));
        }
        match item.content.split_first() {
            Some((picture @ Inline::Image { .. }, label)) => {
                inline(picture, out);
                out.push_str(r#"<span class="label">"#);
                inlines(label, out);
                out.push_str("</span>");
            }
            _ => inlines(&item.content, out),
        }
        if !item.children.is_empty() {
            out.push_str("<ul>");
            items(&item.children, out);
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
}

fn inlines(list: &[Inline], out: &mut String) {
    for (at, i) in list.iter().enumerate() {
        match (i, list.get(at + 1)) {
            // The addition mark goes with the word before it: a no-break space between them, so
            // that a line never starts with the mark.
            (Inline::Text(t), Some(Inline::Link { content, .. }))
                if is_addition_mark(content) && t.ends_with(char::is_whitespace) =>
            {
                out.push_str(&escape(t.trim_end()));
                out.push('\u{a0}');
            }
            _ => inline(i, out),
        }
    }
}

fn inline(i: &Inline, out: &mut String) {
    match i {
        Inline::Text(t) => out.push_str(&escape(t)),
        Inline::Strong(c) => wrap("strong", c, out),
        Inline::Emphasis(c) => wrap("em", c, out),
        Inline::Code(t) => out.push_str(&format!("<code>{}</code>", escape(t))),
        Inline::Link { href, content } if is_addition_mark(content) => {
            // The mark after words that are not the seminar report's (FORMAT.md): a small raised
            // word beside the text rather than in its sentence, still the link to the source, and
            // named for what it is and where it leads.
            out.push_str(&format!(
                r#"<sup class="addition"><a href="{}" aria-label="addition, source" target="_blank" rel="noopener noreferrer">addition</a></sup>"#,
                escape(href)
            ));
        }
        Inline::Link { href, content } => {
            out.push_str(&format!(
                r#"<a href="{}" target="_blank" rel="noopener noreferrer">"#,
                escape(href)
            ));
            inlines(content, out);
            out.push_str("</a>");
        }
        Inline::Image { src, alt, .. } => image(src, alt, out),
        Inline::Break => out.push_str("<br>"),
    }
}

/// A link whose text is exactly `addition` marks the words before it as the deck's addition.
pub fn is_addition_mark(content: &[Inline]) -> bool {
    plain_text(content) == "addition"
}

fn wrap(tag: &str, content: &[Inline], out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    inlines(content, out);
    out.push_str(&format!("</{tag}>"));
}

/// Lazy: pictures of slides that are not on screen wait, so the engine has the network first.
fn image(src: &str, alt: &str, out: &mut String) {
    out.push_str(&format!(
        r#"<img src="{}" alt="{}" decoding="async" loading="lazy">"#,
        escape(src),
        escape(alt)
    ));
}

/// `<img src="…"` → `<img width="W" height="H" src="…"` wherever the size is known.
fn with_picture_sizes(html: &str, size_of: &dyn Fn(&str) -> Option<(u32, u32)>) -> String {
    const TAG: &str = r#"<img src=""#;
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while let Some(at) = rest.find(TAG) {
        let src_start = at + TAG.len();
        let src_len = rest[src_start..].find('"').unwrap_or(0);
        out.push_str(&rest[..at]);
        out.push_str("<img ");
        if let Some((w, h)) = size_of(&rest[src_start..src_start + src_len]) {
            out.push_str(&format!(r#"width="{w}" height="{h}" "#));
        }
        out.push_str(r#"src=""#);
        rest = &rest[src_start..];
    }
    out.push_str(rest);
    out
}

/// The size an SVG declares: its `viewBox`'s width and height, else its `width` and `height`.
pub fn svg_size(svg: &str) -> Option<(u32, u32)> {
    let tag = &svg[svg.find("<svg")?..];
    let tag = &tag[..tag.find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let number =
        |v: &str| v.trim_end_matches("px").parse::<f64>().ok().filter(|n| *n > 0.0).map(|n| n.round() as u32);
    let from_box = attr("viewBox").and_then(|b| {
        let parts: Vec<&str> = b.split([' ', ',']).filter(|p| !p.is_empty()).collect();
        Some((number(parts.get(2)?)?, number(parts.get(3)?)?))
    });
    from_box.or_else(|| Some((number(attr("width")?)?, number(attr("height")?)?)))
}

/// Text and attribute values: the talk is ours, but `<`, `&` and quotes still must not become markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_get_the_size_their_svg_declares() {
        assert_eq!(
            svg_size(r#"<?xml?><svg xmlns="x" viewBox="0 0 480 320"><rect/></svg>"#),
            Some((480, 320))
        );
        assert_eq!(svg_size(r#"<svg width="40px" height="30">"#), Some((40, 30)));
        assert_eq!(svg_size("<svg viewBox='0 0 1 1'>"), None, "single quotes are not ours");
        assert_eq!(svg_size("<p>"), None);
        let sized =
            with_picture_sizes(r#"<p><img src="a.svg" alt="A"><img src="b.svg" alt="B"></p>"#, &|src| {
                (src == "a.svg").then_some((480, 320))
            });
        assert_eq!(
            sized,
            r#"<p><img width="480" height="320" src="a.svg" alt="A"><img src="b.svg" alt="B"></p>"#
        );
    }

    #[test]
    fn an_addition_link_becomes_a_small_mark_that_names_itself_and_its_source() {
        let link = |text: &str| Inline::Link {
            href: "https://example.org/a?b&c".into(),
            content: vec![Inline::Text(text.into())],
        };
        let mut out = String::new();
        inlines(&[Inline::Text("Words ".into()), link("addition")], &mut out);
        assert_eq!(
            out,
            "Words\u{a0}<sup class=\"addition\"><a href=\"https://example.org/a?b&amp;c\" aria-label=\"addition, source\" target=\"_blank\" rel=\"noopener noreferrer\">addition</a></sup>",
            "held to the word before it by a no-break space"
        );
        let mut out = String::new();
        inlines(&[link("additions")], &mut out);
        assert!(!out.contains("<sup") && out.contains(">additions</a>"), "only the exact word: {out}");
    }

    #[test]
    fn markup_in_the_talk_stays_text() {
        assert_eq!(
            escape(r#"<script>"a" & b</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; b&lt;/script&gt;"
        );
    }
}
