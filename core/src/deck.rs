//! The deck as the stage and the app know it. The talk is in the page, not in the wasm: the content
//! compiler writes these facts into it (each section's title, steps, planned seconds and name as
//! attributes, the words for search as one data block; see `contract`), and `deck_web::page` reads
//! them once. Plain Rust, no browser types.

use crate::nav::{DeckShape, Position};
use crate::text::{concat, Piece};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Deck {
    pub title: String,
    /// Planned length of the talk; 0 when the content does not say.
    pub duration_minutes: u32,
    pub slides: Vec<Slide>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Slide {
    /// The slide's name from the talk's `id:` (an address: `#/vienna-1961`).
    pub name: String,
    /// Plain text of the slide's first heading.
    pub title: String,
    /// How many fragment steps the slide has (0: everything shows at once).
    pub steps: usize,
    /// The slide's planned time in whole seconds, as the compiler allocated it (0: no plan).
    pub seconds: u32,
    /// The slide's words, a line a block (for search; empty where the stage does not need them).
    pub text: String,
    /// The notes' words, likewise.
    pub notes_text: String,
}

impl DeckShape for Deck {
    fn slide_count(&self) -> usize {
        self.slides.len()
    }

    fn steps(&self, slide: usize) -> usize {
        self.slides.get(slide).map_or(0, |s| s.steps)
    }

    fn named(&self, name: &str) -> Option<usize> {
        self.slides.iter().position(|s| !s.name.is_empty() && s.name == name)
    }
}

impl Deck {
    /// "Slide title · Talk title", or just the talk's title on its title slide.
    pub fn document_title(&self, slide: usize) -> String {
        match self.slides.get(slide) {
            Some(s) if s.title != self.title && !s.title.is_empty() => {
                concat(&[Piece::Text(&s.title), Piece::Text(" · "), Piece::Text(&self.title)])
            }
            _ => self.title.clone(),
        }
    }

    /// What the live region says after a move from `before` to `now`: the words a fragment step
    /// revealed (`revealed`, read from the page), else "Slide N of M: title".
    pub fn announcement(&self, before: Option<Position>, now: Position, revealed: Option<&str>) -> String {
        let step_forward = before.is_some_and(|b| b.slide == now.slide && b.step < now.step);
        match revealed.filter(|words| step_forward && !words.is_empty()) {
            Some(words) => words.to_string(),
            None => {
                let title = self.slides.get(now.slide).map_or("", |s| s.title.as_str());
                concat(&[
                    Piece::Text("Slide "),
                    Piece::Number(now.slide + 1),
                    Piece::Text(" of "),
                    Piece::Number(self.slides.len()),
                    Piece::Text(": "),
                    Piece::Text(title),
                ])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slide(name: &str, title: &str, steps: usize) -> Slide {
        Slide { name: name.into(), title: title.into(), steps, ..Slide::default() }
    }

    fn deck() -> Deck {
        Deck {
            title: "Talk".into(),
            duration_minutes: 0,
            slides: vec![slide("talk", "Talk", 0), slide("two", "Two", 2)],
        }
    }

    #[test]
    fn the_shape_is_the_slides_their_steps_and_names() {
        let deck = deck();
        assert_eq!((deck.slide_count(), deck.steps(0), deck.steps(1), deck.steps(9)), (2, 0, 2, 0));
        assert_eq!((deck.named("two"), deck.named("three"), deck.named("")), (Some(1), None, None));
        assert_eq!(deck.document_title(0), "Talk");
        assert_eq!(deck.document_title(1), "Two · Talk");
        assert_eq!(deck.document_title(7), "Talk");
    }

    #[test]
    fn the_live_region_says_the_slide_or_what_a_step_revealed() {
        let deck = deck();
        let (one, two, two_1) = (Position::new(0, 0), Position::new(1, 0), Position::new(1, 1));
        assert_eq!(deck.announcement(None, one, None), "Slide 1 of 2: Talk");
        assert_eq!(deck.announcement(Some(one), two, Some("a")), "Slide 2 of 2: Two", "a new slide");
        assert_eq!(deck.announcement(Some(two), two_1, Some("a")), "a");
        assert_eq!(deck.announcement(Some(two_1), two, Some("a")), "Slide 2 of 2: Two", "a step back");
        assert_eq!(deck.announcement(Some(two), two_1, Some("")), "Slide 2 of 2: Two");
    }
}
