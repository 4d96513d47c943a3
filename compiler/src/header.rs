//! The deck header: the `key: value` lines before the first `---` (title, author, lang, duration,
//! description). The slide header shares its `key: value` reading ([`header_pair`]).

use crate::markdown::smart_punctuation;
use crate::model::{err, ContentError, Deck};

/// `key: value` with a lowercase key, as used by the deck and slide headers.
pub(crate) fn header_pair(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let is_key = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    is_key.then(|| (key, value.trim()))
}

pub(crate) fn parse_deck_header(lines: &[&str], errors: &mut Vec<ContentError>) -> Deck {
    let mut deck = Deck {
        title: String::new(),
        author: String::new(),
        lang: "en".into(),
        description: String::new(),
        duration_minutes: 0,
        slides: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = header_pair(line) else {
            errors.push(err(line_no, "expected `key: value` in the deck header (before the first `---`)"));
            continue;
        };
        match key {
            "title" => deck.title = smart_punctuation(value),
            "author" => deck.author = smart_punctuation(value),
            "description" => deck.description = smart_punctuation(value),
            "lang" => {
                if value.is_empty() || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    errors.push(err(
                        line_no,
                        format!("`lang` must be a language tag such as `en`, not `{value}`"),
                    ));
                } else {
                    deck.lang = value.into();
                }
            }
            "duration" => match value.parse::<u32>() {
                Ok(m) if m > 0 && m <= 24 * 60 => deck.duration_minutes = m,
                _ => errors.push(err(
                    line_no,
                    format!("`duration` must be whole minutes (1 to 1440), not `{value}`"),
                )),
            },
            other => errors.push(err(
                line_no,
                format!("unknown deck option `{other}` (known: title, author, lang, duration, description)"),
            )),
        }
    }
    if deck.title.is_empty() {
        errors.push(err(1, "the deck header needs `title: …` before the first `---`"));
    }
    deck
}
