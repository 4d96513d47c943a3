//! One slide: the `---` separators that start slides, the slide header (`layout:`, `fragments:`,
//! `id:`), the `::: notes` block, the layout's needs, and the anchor name made from a title. The
//! slide's Markdown is walked by [`crate::markdown`].

use crate::header::header_pair;
use crate::markdown::Markdown;
use crate::model::{err, plain_text, Block, ContentError, Inline, Item, Layout, Minutes, Slide};
use deck_core::plan::{parse_minutes, MinutesError};

/// Indexes (0-based) of the `---` lines that start slides, skipping fenced code.
pub(crate) fn slide_separators(lines: &[&str]) -> Vec<usize> {
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

pub(crate) struct Ctx<'a> {
    pub(crate) image_exists: &'a dyn Fn(&str) -> bool,
    pub(crate) errors: &'a mut Vec<ContentError>,
}

/// Parses the slide whose `---` is at index `sep`, up to (not including) index `end`.
pub(crate) fn parse_slide(lines: &[&str], sep: usize, end: usize, ctx: Ctx<'_>) -> Option<Slide> {
    let slide_line = sep + 1;
    let errors_before = ctx.errors.len();
    let mut layout = Layout::Content;
    let mut all_fragments = false;
    let mut id: Option<String> = None;
    let mut minutes: Option<Minutes> = None;

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
            "minutes" => match parse_minutes(value) {
                Ok(seconds) => minutes = Some(Minutes { line: line_no, seconds }),
                Err(e) => ctx.errors.push(err(line_no, minutes_error(e, value))),
            },
            other => ctx.errors.push(err(
                line_no,
                format!("unknown slide option `{other}` (known: layout, fragments, id, minutes); end the header with a blank line"),
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
    Some(Slide { line: slide_line, id, title, layout, steps, minutes, seconds: 0, body, notes })
}

/// What is wrong with a `minutes:` value (the grammar is `deck_core::plan`'s, see FORMAT.md).
fn minutes_error(e: MinutesError, value: &str) -> String {
    match e {
        MinutesError::Unreadable => format!(
            "`minutes` is a time such as `3`, `2.5` or `2:30` (minutes, or minutes:seconds), not `{value}`"
        ),
        MinutesError::Negative => format!("`minutes` cannot be negative: `{value}`"),
        MinutesError::Zero => format!(
            "`minutes: {value}` is no time: leave the line out to share what remains of the talk's `duration`"
        ),
        MinutesError::TooLong => format!("`minutes: {value}` is more than a day (at most 1440 minutes)"),
    }
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
