//! Search over the talk: slide titles, slide text and speaker notes, as the page has them (read
//! once at start, see `browser::page`). Pure. Matching ignores ASCII case (so byte offsets in the snippets stay exact).

use crate::deck::Deck;

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

    #[test]
    fn snippets_keep_character_boundaries_and_mark_every_match() {
        let words = vec!["é".to_string()];
        let runs = snippet(&"x".repeat(100).replace('x', "é"), &words);
        assert!(runs.iter().any(|(_, m)| *m));
        let runs =
            snippet("Science for diplomacy; diplomacy for science", &["diplomacy".into(), "science".into()]);
        let marks: Vec<&str> = runs.iter().filter(|(_, m)| *m).map(|(t, _)| t.as_str()).collect();
        assert_eq!(marks, ["Science", "diplomacy", "diplomacy", "science"]);
        assert!(search(&Deck::default(), "   ", 5).is_empty());
    }
}
