//! The deck as the app knows it. The talk is in the page, not in the wasm: `browser::page` reads
//! this from the page's sections at start (titles, fragment steps, the words for search and for
//! the live region). Plain Rust, no browser types.

use crate::nav::DeckShape;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Deck {
    pub title: String,
    /// Planned length of the talk; 0 when the content does not say.
    pub duration_minutes: u32,
    pub slides: Vec<Slide>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Slide {
    /// Plain text of the slide's first heading.
    pub title: String,
    /// The slide's words, a line a block (for search).
    pub text: String,
    /// The notes' words, likewise.
    pub notes_text: String,
    /// The words each fragment step reveals: `fragments[k - 1]` for step k. Its length is the
    /// slide's number of steps (0 shows everything at once).
    pub fragments: Vec<String>,
}

impl DeckShape for Deck {
    fn slide_count(&self) -> usize {
        self.slides.len()
    }

    fn steps(&self, slide: usize) -> usize {
        self.slides.get(slide).map_or(0, |s| s.fragments.len())
    }
}

impl Deck {
    /// "Slide title · Talk title", or just the talk's title on its title slide.
    pub fn document_title(&self, slide: usize) -> String {
        match self.slides.get(slide) {
            Some(s) if s.title != self.title && !s.title.is_empty() => {
                format!("{} · {}", s.title, self.title)
            }
            _ => self.title.clone(),
        }
    }
}

impl Slide {
    /// The words that fragment step `step` reveals (for the live region); none for step 0.
    pub fn fragment_text(&self, step: usize) -> Option<&str> {
        self.fragments.get(step.checked_sub(1)?).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slide(title: &str, fragments: &[&str]) -> Slide {
        Slide {
            title: title.into(),
            fragments: fragments.iter().map(|f| f.to_string()).collect(),
            ..Slide::default()
        }
    }

    #[test]
    fn the_shape_is_the_slides_and_their_fragments() {
        let deck = Deck {
            title: "Talk".into(),
            duration_minutes: 0,
            slides: vec![slide("Talk", &[]), slide("Two", &["a", "b"])],
        };
        assert_eq!((deck.slide_count(), deck.steps(0), deck.steps(1), deck.steps(9)), (2, 0, 2, 0));
        assert_eq!(deck.document_title(0), "Talk");
        assert_eq!(deck.document_title(1), "Two · Talk");
        assert_eq!(deck.document_title(7), "Talk");
        assert_eq!(deck.slides[1].fragment_text(0), None);
        assert_eq!(deck.slides[1].fragment_text(2), Some("b"));
        assert_eq!(deck.slides[1].fragment_text(3), None);
    }
}
