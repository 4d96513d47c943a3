//! Slides as plain HTML, the same markup `src/views/render.rs` produces with Leptos (the e2e
//! tier compares the two), so the page shows it before the WebAssembly arrives.

use crate::{Block, Inline, Item, Layout, Slide};

/// `<section>` for slide 1 at step 0 (fragments hidden), as the audience view renders it.
pub fn first_slide(slide: &Slide) -> String {
    // The same class as `deck::Layout::class` (the e2e tier compares the markup).
    let mut out = format!(r#"<section class="slide layout-{} current" data-index="1">"#, slide.layout.name());
    body(slide, &mut out);
    out.push_str("</section>");
    out
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
        // Step 0: every fragment is still hidden.
        out.push_str(if item.fragment == 0 { "<li>" } else { r#"<li class="fragment">"# });
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
    for i in list {
        inline(i, out);
    }
}

fn inline(i: &Inline, out: &mut String) {
    match i {
        Inline::Text(t) => out.push_str(&escape(t)),
        Inline::Strong(c) => wrap("strong", c, out),
        Inline::Emphasis(c) => wrap("em", c, out),
        Inline::Code(t) => out.push_str(&format!("<code>{}</code>", escape(t))),
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

fn wrap(tag: &str, content: &[Inline], out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    inlines(content, out);
    out.push_str(&format!("</{tag}>"));
}

fn image(src: &str, alt: &str, out: &mut String) {
    out.push_str(&format!(r#"<img src="{}" alt="{}" decoding="async">"#, escape(src), escape(alt)));
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
    fn markup_in_the_talk_stays_text() {
        assert_eq!(
            escape(r#"<script>"a" & b</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; b&lt;/script&gt;"
        );
    }
}
