//! Search over the real talk: titles first, then slide text, then notes; every word must match.
#![cfg(not(target_arch = "wasm32"))]

use deck_core::deck::{Deck, Slide};
use deck_core::search::{search, Hit, Place};
use std::sync::LazyLock;

/// The real talk, as the app reads it from the page the compiler writes.
static TALK: LazyLock<Deck> = LazyLock::new(|| {
    let talk = talk_compiler::compile(include_str!("../content/talk.md"), &|_| true).unwrap();
    Deck {
        title: talk.title,
        duration_minutes: talk.duration_minutes,
        slides: talk
            .slides
            .iter()
            .map(|s| Slide {
                name: s.id.clone(),
                title: s.title.clone(),
                steps: usize::from(s.steps),
                seconds: s.seconds,
                text: talk_compiler::blocks_text(&s.body),
                notes_text: talk_compiler::blocks_text(&s.notes),
            })
            .collect(),
    }
});

fn marked(hit: &Hit) -> Vec<String> {
    hit.snippet.iter().filter(|(_, m)| *m).map(|(t, _)| t.to_lowercase()).collect()
}

#[test]
fn finds_titles_then_slide_text_then_notes() {
    let hits = search(&TALK, "vaccines", 20);
    assert!(!hits.is_empty());
    assert!(hits.windows(2).all(|w| (w[0].place, w[0].slide) <= (w[1].place, w[1].slide)));
    for hit in &hits {
        assert!(marked(hit).iter().all(|m| m == "vaccines"), "{hit:?}");
    }
}

#[test]
fn every_word_must_match_in_one_place() {
    let hits = search(&TALK, "Vienna 1961", 20);
    assert!(hits.iter().any(|h| TALK.slides[h.slide].title.contains("Vienna Convention")), "{hits:?}");
    assert!(search(&TALK, "vienna zebra", 20).is_empty());
}

#[test]
fn notes_are_searched_and_say_so() {
    // "practitioner's perspective" is on the last slide; "insightful" only in its notes.
    let hits = search(&TALK, "insightful", 20);
    assert!(hits.iter().any(|h| h.place == Place::Notes), "{hits:?}");
}

#[test]
fn a_number_finds_that_slide_first() {
    let hits = search(&TALK, "5", 3);
    assert_eq!(hits[0].slide, 4);
    assert!(search(&TALK, "999", 3).iter().all(|h| h.slide != 998));
}
