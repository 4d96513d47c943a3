//! Search over the talk: slide titles, slide text and speaker notes, as the page has them (read
//! once at start, see `browser::page`). Pure. Matching ignores ASCII case (so byte offsets in the snippets stay exact).

use crate::core::deck::Deck;

/// Where on a slide the words were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Title,
    Slide,
    Notes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub slide: usize,
    pub place: Place,
    /// The text around the match, in runs: `(text, is a match)`.
    pub snippet: Vec<(String, bool)>,
}

/// How many characters of context a snippet shows on each side of the first match.
const CONTEXT: usize = 48;

/// Slides where every word of `query` appears (in the title, the slide, or the notes), best place
/// first, then in deck order. A number alone finds that slide.
pub fn search(deck: &Deck, query: &str, limit: usize) -> Vec<Hit> {
    let words: Vec<String> =
        query.split_whitespace().map(|w| w.to_ascii_lowercase()).filter(|w| !w.is_empty()).take(8).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    if let (Ok(n), 1) = (query.trim().parse::<usize>(), words.len()) {
        if (1..=deck.slides.len()).contains(&n) {
            let slide = &deck.slides[n - 1];
            hits.push(Hit { slide: n - 1, place: Place::Title, snippet: vec![(slide.title.clone(), false)] });
        }
    }
    for (i, slide) in deck.slides.iter().enumerate() {
        let all_in = |text: &str| {
            let lower = text.to_ascii_lowercase();
            words.iter().all(|w| lower.contains(w.as_str()))
        };
        let place = if all_in(&slide.title) {
            Place::Title
        } else if all_in(&slide.text) {
            Place::Slide
        } else if all_in(&slide.notes_text) {
            Place::Notes
        } else {
            continue;
        };
        if hits.iter().any(|h: &Hit| h.slide == i) {
            continue;
        }
        let text = match place {
            Place::Title => &slide.title,
            Place::Slide => &slide.text,
            Place::Notes => &slide.notes_text,
        };
        hits.push(Hit { slide: i, place, snippet: snippet(text, &words) });
    }
    hits.sort_by_key(|h| (h.place, h.slide));
    hits.truncate(limit);
    hits
}

/// A window of `text` around the first match, with every match in it marked.
fn snippet(text: &str, words: &[String]) -> Vec<(String, bool)> {
    let text: String = text.replace('\n', " · ");
    let lower = text.to_ascii_lowercase();
    let first = words.iter().filter_map(|w| lower.find(w.as_str())).min().unwrap_or(0);
    let start = floor_boundary(&text, first.saturating_sub(CONTEXT));
    let end = ceil_boundary(&text, (first + CONTEXT * 2).min(text.len()));
    let window = &text[start..end];
    let lower_window = &lower[start..end];
    // Mark every occurrence of every word inside the window, merging overlaps.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for w in words {
        let mut from = 0;
        while let Some(at) = lower_window[from..].find(w.as_str()) {
            marks.push((from + at, from + at + w.len()));
            from += at + w.len();
        }
    }
    marks.sort_unstable();
    let mut runs = Vec::new();
    let mut cursor = 0;
    for (a, b) in marks {
        if b <= cursor {
            continue;
        }
        let a = a.max(cursor);
        if a > cursor {
            runs.push((window[cursor..a].to_string(), false));
        }
        runs.push((window[a..b].to_string(), true));
        cursor = b;
    }
    if cursor < window.len() {
        runs.push((window[cursor..].to_string(), false));
    }
    if start > 0 {
        runs.insert(0, ("…".to_string(), false));
    }
    if end < text.len() {
        runs.push(("…".to_string(), false));
    }
    runs
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::Slide;
    use std::sync::LazyLock;

    /// The real talk, as `browser::page` reads it from the page the compiler writes.
    static TALK: LazyLock<Deck> = LazyLock::new(|| {
        let talk = talk_compiler::compile(include_str!("../../content/talk.md"), &|_| true).unwrap();
        Deck {
            title: talk.title,
            duration_minutes: talk.duration_minutes,
            slides: talk
                .slides
                .iter()
                .map(|s| Slide {
                    title: s.title.clone(),
                    text: talk_compiler::blocks_text(&s.body),
                    notes_text: talk_compiler::blocks_text(&s.notes),
                    fragments: vec![String::new(); usize::from(s.steps)],
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

    #[test]
    fn snippets_keep_character_boundaries_and_mark_every_match() {
        let words = vec!["é".to_string()];
        let runs = snippet(&"x".repeat(100).replace('x', "é"), &words);
        assert!(runs.iter().any(|(_, m)| *m));
        let runs =
            snippet("Science for diplomacy; diplomacy for science", &["diplomacy".into(), "science".into()]);
        let marks: Vec<&str> = runs.iter().filter(|(_, m)| *m).map(|(t, _)| t.as_str()).collect();
        assert_eq!(marks, ["Science", "diplomacy", "diplomacy", "science"]);
        assert!(search(&TALK, "   ", 5).is_empty());
    }
}
