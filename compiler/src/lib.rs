//! The content compiler: `content/talk.md` in, the talk as HTML out (`html`, written into the page
//! by the page step, `page/`; the app's `build.rs` runs it too, to fail the build on a mistake).
//!
//! It is not part of the app: the shipped wasm holds neither the talk nor a Markdown parser; it
//! reads the talk from the page. Every mistake is reported with the line it is on; the format
//! is documented in `content/FORMAT.md`.
//!
//! Modules by role, imports running one way (`lib` → `slide` → `header`, `markdown` → `model`):
//! - `model`: the deck's types (`Deck`, `Slide`, `Block`, `Inline`, …), `ContentError`, and the
//!   words of blocks (`plain_text`, `blocks_text`);
//! - `header`: the deck header before the first `---`;
//! - `slide`: the separators, a slide's header, notes and layout checks, the anchor name;
//! - `markdown`: pulldown-cmark's events turned into blocks, and smart punctuation;
//! - `html` (the page's HTML of the deck) and `files` (the talk from the project's files) use
//!   the model and [`compile`].

pub mod files;
mod header;
pub mod html;
mod markdown;
mod model;
mod slide;

pub use model::{blocks_text, plain_text, Block, ContentError, Deck, Inline, Item, Layout, Minutes, Slide};
pub use slide::slug;

use deck_core::plan::{allocate, clock, PlanError};
use header::parse_deck_header;
use model::err;
use slide::{parse_slide, slide_separators, Ctx};

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

    plan(&mut deck, &mut errors);

    if errors.is_empty() {
        Ok(deck)
    } else {
        errors.sort_by_key(|e| e.line);
        // One report per mistake: `<b>x</b>` is two HTML events on one line.
        errors.dedup();
        Err(errors)
    }
}

/// Each slide's planned seconds: its own `minutes:`, or an equal share of what the others leave of
/// `duration` (`deck_core::plan::allocate`). The own times must fit in `duration`, and leave the
/// slides without one some time.
fn plan(deck: &mut Deck, errors: &mut Vec<ContentError>) {
    let own: Vec<Option<u32>> = deck.slides.iter().map(|s| s.minutes.map(|m| m.seconds)).collect();
    let duration = deck.duration_minutes;
    let minutes_line = |slide: usize| deck.slides[slide].minutes.map_or(deck.slides[slide].line, |m| m.line);
    if duration == 0 {
        if let Some(slide) = own.iter().position(Option::is_some) {
            errors.push(err(
                minutes_line(slide),
                "`minutes` needs the talk's `duration` in the deck header, to plan the other slides",
            ));
        }
        return;
    }
    match allocate(duration * 60, &own) {
        Ok(seconds) => {
            for (slide, s) in deck.slides.iter_mut().zip(seconds) {
                slide.seconds = s;
            }
        }
        Err(PlanError::Over { slide, total }) => errors.push(err(
            minutes_line(slide),
            format!(
                "the slides' `minutes` come to {} by this slide, more than the talk's `duration: {duration}`",
                clock(total)
            ),
        )),
        Err(PlanError::NothingLeft { slide, unplanned }) => {
            let taken: u64 = own.iter().flatten().map(|s| u64::from(*s)).sum();
            errors.push(err(
                deck.slides[slide].line,
                format!(
                    "no time left for this slide: the other slides' `minutes` take {} of the talk's \
                     `duration: {duration}`, less than a second for each of the {unplanned} slide(s) \
                     without `minutes`",
                    clock(taken)
                ),
            ));
        }
    }
}
