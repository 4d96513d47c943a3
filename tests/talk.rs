//! The compiled talk against the seminar report's structure (shared/talk/…): the sections in the
//! talk's order, the three facets, all ten objectives, all five improvements, notes on every slide,
//! and every image with alt text and a file.
#![cfg(not(target_arch = "wasm32"))]

use cppg_deck::deck::{images, plain_text, Block, Inline, Item, Layout, Slide, TALK};
use std::path::Path;

fn slide(id: &str) -> (usize, &'static Slide) {
    TALK.slides
        .iter()
        .enumerate()
        .find(|(_, s)| s.id == id)
        .unwrap_or_else(|| panic!("the talk has no slide `{id}`"))
}

/// All the words on a slide (headings, text, list items), lowercased.
fn words(slide: &Slide) -> String {
    fn items(list: &[Item], out: &mut String) {
        for item in list {
            out.push_str(&plain_text(item.content));
            out.push('\n');
            items(item.children, out);
        }
    }
    let mut out = String::new();
    for block in slide.body {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => out.push_str(&plain_text(content)),
            Block::List { items: list, .. } => items(list, &mut out),
            Block::Figure { caption, .. } => out.push_str(caption),
            Block::Quote(_) | Block::Code(_) => {}
        }
        out.push('\n');
    }
    out.to_lowercase()
}

fn list_items(slide: &Slide) -> Vec<&'static Item> {
    slide
        .body
        .iter()
        .filter_map(|b| match b {
            Block::List { items, .. } => Some(items.iter()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn assert_mentions(slide: &Slide, needles: &[&str]) {
    let text = words(slide);
    for needle in needles {
        assert!(
            text.contains(&needle.to_lowercase()),
            "slide `{}` should mention {needle:?}:\n{text}",
            slide.id
        );
    }
}

#[test]
fn the_sections_come_in_the_talks_order() {
    let spine = [
        "title",
        "speaker",
        "not-a-new-pair",
        "sti-history",
        "vienna-1961",
        "great-powers",
        "three-facets",
        "diplomacy-for-science",
        "science-for-diplomacy",
        "science-in-diplomacy",
        "challenges",
        "objectives",
        "improvements",
        "showcase",
        "questions",
    ];
    let positions: Vec<usize> = spine.iter().map(|id| slide(id).0).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order: {spine:?} at {positions:?}");
    assert_eq!(positions[0], 0, "the deck opens on the title");
    assert_eq!(*positions.last().unwrap(), TALK.slides.len() - 1, "and closes on Q&A");
    let dividers = TALK.slides.iter().filter(|s| s.layout == Layout::Section).count();
    assert!(dividers >= 3, "section dividers give the talk its rhythm");
}

#[test]
fn the_title_slide_names_talk_speaker_place_date_and_moderator() {
    let (_, title) = slide("title");
    assert_eq!(title.layout, Layout::Title);
    assert_eq!(title.title, "The Role of Science in Pakistan’s Diplomacy");
    assert_eq!(TALK.title, title.title, "smart punctuation in the header too");
    assert_mentions(
        title,
        &[
            "Kamran Akhtar",
            "Additional Secretary",
            "Ministry of Foreign Affairs",
            "CPPG",
            "12 June 2023",
            "Saeed Shafqat",
        ],
    );
    assert_mentions(
        slide("speaker").1,
        &["Nuclear Physics", "weapons of mass destruction", "border interdiction", "sustainable development"],
    );
}

#[test]
fn history_and_the_great_powers() {
    assert_mentions(slide("vienna-1961").1, &["Vienna Convention", "1961", "scientific"]);
    assert_mentions(
        slide("great-powers").1,
        &["United States", "Russia", "China", "European Union", "COVID", "vaccine", "cyberspace"],
    );
}

#[test]
fn the_three_facets_have_an_overview_and_a_slide_each() {
    let facets = ["Diplomacy for science", "Science for diplomacy", "Science in diplomacy"];
    assert_mentions(slide("three-facets").1, &facets);
    let science_in = slide("science-in-diplomacy").1;
    assert_mentions(science_in, &["climate", "health", "disarmament"]);
    for (facet, id) in
        facets.iter().zip(["diplomacy-for-science", "science-for-diplomacy", "science-in-diplomacy"])
    {
        let (_, s) = slide(id);
        assert_eq!(s.title, *facet);
        assert_eq!(s.layout, Layout::Figure, "each facet has its own picture");
    }
}

#[test]
fn all_ten_objectives_in_a_grid_each_with_an_icon() {
    let (_, objectives) = slide("objectives");
    assert_eq!(objectives.layout, Layout::Grid);
    let items = list_items(objectives);
    assert_eq!(items.len(), 10);
    assert!(items.iter().all(|i| matches!(i.content.first(), Some(Inline::Image { .. }))));
    assert_mentions(
        objectives,
        &[
            "national development",
            "STI collaborations",
            "SDG",
            "human resource",
            "universities",
            "educational linkages",
            "startups",
            "science in Pakistan",
            "soft power",
            "centres of excellence",
        ],
    );
}

#[test]
fn all_five_improvements_as_steps() {
    let (_, improvements) = slide("improvements");
    assert_eq!(improvements.layout, Layout::Steps);
    assert_eq!(list_items(improvements).len(), 5);
    assert_eq!(improvements.steps, 5, "the roadmap builds up one step at a time");
    assert_mentions(
        improvements,
        &[
            "science diplomacy training",
            "long-term STI planning",
            "technology mapping",
            "regulatory standards",
            "technology absorption",
        ],
    );
}

#[test]
fn the_showcase_says_it_is_illustrative_and_cites_each_item() {
    let (_, showcase) = slide("showcase");
    assert_eq!(showcase.layout, Layout::Gallery);
    assert_mentions(showcase, &["illustrative", "the report does not list"]);
    let items = list_items(showcase);
    assert!(items.len() >= 4);
    for item in items {
        let has_source = item.content.iter().any(|i| matches!(i, Inline::Link { href, .. } if href.starts_with("https://") || href.starts_with("http://")));
        assert!(has_source, "every showcase item links its source: {:?}", plain_text(item.content));
    }
    let sources =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/SOURCES.md")).unwrap();
    for name in ["Jinnah Antarctic", "PakSat-1R", "CERN", "PRSS-1"] {
        if words(showcase).contains(&name.to_lowercase()) {
            assert!(sources.contains(name), "{name} is shown, so SOURCES.md cites it");
        }
    }
}

#[test]
fn questions_and_thanks_close_the_talk() {
    assert_mentions(slide("questions").1, &["Q", "thank"]);
}

#[test]
fn every_slide_has_notes_and_every_image_alt_text_and_a_file() {
    let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let mut pictured = 0;
    for s in TALK.slides {
        assert!(!s.notes.is_empty(), "slide `{}` has speaker notes", s.id);
        let pictures = images(s.body);
        pictured += usize::from(!pictures.is_empty());
        for (src, alt) in pictures {
            assert!(
                alt.split_whitespace().count() >= 3,
                "`{src}` on `{}`: alt text says what it shows: {alt:?}",
                s.id
            );
            let file = public.join(src);
            let svg = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            assert!(svg.len() <= 12 * 1024, "{src} is {} bytes (aim: 12 KB)", svg.len());
            let outside = svg.replace("http://www.w3.org/", "");
            assert!(
                !outside.contains("<image") && !outside.contains("http"),
                "{src} embeds no bitmap, references nothing outside"
            );
            assert!(!svg.contains("@font-face") && !svg.contains("base64"), "{src} embeds no fonts or data");
        }
    }
    assert!(
        pictured * 4 >= TALK.slides.len() * 3,
        "most slides carry an image ({pictured} of {})",
        TALK.slides.len()
    );
}
