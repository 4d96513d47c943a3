//! The content compiler: the format's rules, its errors with lines, and the build failing on them.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;
use talk_compiler::{compile, Block, ContentError, Inline, Layout};

fn public_has(path: &str) -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public").join(path).is_file()
}

fn errors(source: &str) -> Vec<ContentError> {
    compile(source, &|p| p.starts_with("images/ok")).expect_err("the content should be rejected")
}

/// The single error a source produces, as `line: message`.
fn only_error(source: &str) -> (usize, String) {
    let errs = errors(source);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:?}");
    (errs[0].line, errs[0].message.clone())
}

const HEADER: &str = "title: T\n\n";

#[test]
fn the_fixture_exercises_every_layout() {
    let source = include_str!("fixtures/every-layout.md");
    let deck = compile(source, &public_has).expect("fixture compiles");
    let layouts: Vec<Layout> = deck.slides.iter().map(|s| s.layout).collect();
    use Layout::*;
    assert_eq!(layouts, [Title, Section, Content, Figure, Grid, Steps, Gallery]);
    assert_eq!(deck.duration_minutes, 5);
    assert_eq!(deck.slides[1].id, "part-one");
    assert_eq!(deck.slides[2].id, "content");
    assert_eq!(deck.slides[2].steps, 2, "two `+` items");
    assert_eq!(deck.slides[5].steps, 3, "`fragments: true` makes each item a step");
    // 30 s and 1:17 of its own; the other five share the rest of 5 minutes, the odd seconds first.
    let seconds: Vec<u32> = deck.slides.iter().map(|s| s.seconds).collect();
    assert_eq!(seconds, [30, 77, 39, 39, 39, 38, 38]);
    assert_eq!(deck.slides[1].minutes.map(|m| m.line), Some(25));
    assert!(matches!(&deck.slides[0].body[2], Block::Figure { caption, .. } if caption == "A caption"));
    assert!(!deck.slides[0].notes.is_empty());
    let html = talk_compiler::html::reading_page(&deck, &|_| None);
    assert_eq!(html.matches("<section ").count(), 7, "a section a slide");
    assert_eq!(
        html.matches(r#"class="fragment" data-step="#).count(),
        5,
        "every fragment marked with its step"
    );
    assert!(
        html.contains(r#"data-steps="0" data-seconds="77" data-name="part-one""#),
        "the plan is in the page"
    );
}

/// Straight quotes and apostrophes come out typographic (’ “ ” ‘), in the header fields as on the
/// slides and in the notes; code keeps what was typed.
#[test]
fn the_fixture_comes_out_with_smart_punctuation() {
    let source = include_str!("fixtures/smart-punctuation.md");
    let deck = compile(source, &public_has).expect("fixture compiles");
    assert_eq!(deck.title, "Science in Pakistan’s “Diplomacy”");
    assert_eq!(deck.author, "The deck’s tests");
    assert_eq!(deck.description, "“Quoted” words – with a dash… and `code` kept as typed.");
    let slide = &deck.slides[0];
    assert_eq!(slide.title, "Pakistan’s “science” diplomacy");
    let Block::List { items, .. } = &slide.body[1] else { panic!("{:?}", slide.body) };
    assert_eq!(items[0].content, [Inline::Text("“economic, cultural and scientific relations”".into())]);
    assert_eq!(
        items[1].content,
        [Inline::Text("‘Single quotes’, a 1990s decade and ".into()), Inline::Code("it's code".into())]
    );
    assert_eq!(talk_compiler::blocks_text(&slide.notes), "The speaker’s notes say “so” too.");
    let html = talk_compiler::html::reading_page(&deck, &|_| None);
    assert!(!html.contains("Pakistan's") && html.contains("Pakistan’s"), "the page has the typographic form");
}

#[test]
fn fragment_numbers_follow_document_order() {
    let deck = compile(&format!("{HEADER}---\n\n## S\n\n- a\n+ b\n\n+ c\n  + d\n"), &|_| true).unwrap();
    // Changing the bullet starts a new list (CommonMark): `- a` alone, then the `+` items.
    let Block::List { items, .. } = &deck.slides[0].body[2] else { panic!("{:?}", deck.slides[0].body) };
    assert_eq!(items.iter().map(|i| i.fragment).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(items[1].children[0].fragment, 3);
    assert_eq!(deck.slides[0].steps, 3);
}

#[test]
fn mistakes_are_reported_with_their_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("---\nlayout: fancy\n\n## S\n", 4, "unknown layout `fancy`"),
        ("---\ncolour: red\n\n## S\n", 4, "unknown slide option `colour`"),
        ("---\n\n## S\n\n![](images/ok.svg)\n", 7, "has no alt text"),
        ("---\n\n## S\n\n![A map](images/missing.svg)\n", 7, "is not in public/"),
        ("---\n\n## S\n\n![A map](https://example.org/x.svg)\n", 7, "relative path"),
        ("---\n\n## S\n\n![A map](/images/ok.svg)\n", 7, "relative path"),
        ("---\n\n## S\n\n![A map](images/../../etc/passwd)\n", 7, "must not leave public/"),
        ("---\n\n---\n\n## S\n", 3, "empty slide"),
        ("---\n\nJust text.\n", 3, "no heading"),
        ("---\n\n## S\n\n<script>alert(1)</script>\n", 7, "raw HTML"),
        ("---\n\n## S\n\nText <b>bold</b>\n", 7, "raw HTML"),
        ("---\n\n## S\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 7, "tables"),
        ("---\n\n## S\n\n::: notes\nunclosed\n", 7, "never closed"),
        ("---\n\n## S\n\n[x](javascript:alert(1))\n", 7, "only https"),
        ("---\nlayout: figure\n\n## S\n\nNo picture.\n", 3, "exactly one stand-alone image"),
        ("---\nlayout: grid\n\n## S\n\nNo list.\n", 3, "shows a list"),
        ("---\nlayout: gallery\n\n## S\n\n- no image\n", 3, "must start with an image"),
        ("---\n\n## S\n\n::: notes\n+ a fragment in notes\n:::\n", 8, "not in its notes"),
        ("---\n\n## S\n\n::: aside\n", 7, "unknown block"),
        ("---\n\n## S\n\n#### Too deep\n", 7, "`###` only"),
        ("---\nminutes: soon\n\n## S\n", 4, "`minutes` is a time such as `3`, `2.5` or `2:30`"),
        ("---\nminutes: 2:75\n\n## S\n", 4, "minutes:seconds"),
        ("---\nminutes: 2,5\n\n## S\n", 4, "not `2,5`"),
        ("---\nminutes: -2\n\n## S\n", 4, "cannot be negative"),
        ("---\nminutes: 0:00\n\n## S\n", 4, "is no time"),
        ("---\nminutes: 99999\n\n## S\n", 4, "more than a day"),
        ("---\n\n## S\n\n---\nminutes: 2\n\n## T\n", 8, "needs the talk's `duration`"),
    ];
    for (body, line, needle) in cases {
        let (got_line, message) = only_error(&format!("{HEADER}{body}"));
        assert!(message.contains(needle), "{body:?}: {message:?} should mention {needle:?}");
        assert_eq!(got_line, *line, "{body:?}: {message}");
    }
}

#[test]
fn deck_header_mistakes() {
    let (line, message) = only_error("author: A\n\n---\n\n## S\n");
    assert_eq!((line, message.contains("needs `title")), (1, true), "{message}");
    let (line, message) = only_error("title: T\nduration: soon\n\n---\n\n## S\n");
    assert_eq!((line, message.contains("duration")), (2, true), "{message}");
    let (line, message) = only_error("title: T\nTheme dark\n---\n\n## S\n");
    assert_eq!((line, message.contains("key: value")), (2, true), "{message}");
    let (line, message) = only_error("title: T\n");
    assert!(message.contains("no slides") && line >= 1, "{message}");
}

/// A slide's `minutes:` is its own; the others share what remains of `duration`. The sums are
/// checked, each mistake at its line.
#[test]
fn planned_minutes_add_up_within_the_duration() {
    let slide = |header: &str, title: &str| format!("---\n{header}\n## {title}\n\n");
    let deck = |slides: &[(&str, &str)]| {
        let mut source = String::from("title: T\nduration: 10\n\n");
        for (header, title) in slides {
            source.push_str(&slide(header, title));
        }
        source
    };
    let planned =
        compile(&deck(&[("minutes: 2.5\n", "A"), ("", "B"), ("", "C"), ("minutes: 1:30\n", "D")]), &|_| true)
            .unwrap();
    assert_eq!(planned.slides.iter().map(|s| s.seconds).collect::<Vec<_>>(), [150, 180, 180, 90]);
    let exact = compile(&deck(&[("minutes: 4\n", "A"), ("minutes: 6\n", "B")]), &|_| true).unwrap();
    assert_eq!(exact.slides.iter().map(|s| s.seconds).collect::<Vec<_>>(), [240, 360], "all of the duration");
    let short = compile(&deck(&[("minutes: 4\n", "A"), ("minutes: 0.25\n", "B")]), &|_| true).unwrap();
    assert_eq!(
        short.slides.iter().map(|s| s.seconds).collect::<Vec<_>>(),
        [240, 15],
        "a plan may be shorter"
    );

    // Lines: 1 title, 2 duration, 3 blank, then five lines a slide: `---` at 4, 9, 14.
    let (line, message) =
        only_error(&deck(&[("minutes: 4\n", "A"), ("minutes: 5:30\n", "B"), ("minutes: 1\n", "C")]));
    assert_eq!(line, 15, "{message}");
    assert!(
        message.contains("come to 10:30 by this slide, more than the talk's `duration: 10`"),
        "{message}"
    );
    let (line, message) = only_error(&deck(&[("minutes: 11\n", "A")]));
    assert_eq!(line, 5, "{message}");
    assert!(message.contains("11:00 by this slide"), "{message}");
    let (line, message) = only_error(&deck(&[("minutes: 6\n", "A"), ("", "B"), ("minutes: 4\n", "C")]));
    assert_eq!(line, 9, "at the slide left without time: {message}");
    assert!(message.contains("no time left for this slide") && message.contains("1 slide(s)"), "{message}");
}

#[test]
fn every_error_is_reported_at_once_in_order() {
    let source = format!("{HEADER}---\nlayout: nope\n\n## A\n\n---\n\n## B\n\n![](images/ok.svg)\n");
    let lines: Vec<usize> = errors(&source).iter().map(|e| e.line).collect();
    assert_eq!(lines, [4, 12]);
}

#[test]
fn duplicate_ids_are_rejected() {
    let errs = errors(&format!("{HEADER}---\n\n## Same\n\n---\n\n## Same\n"));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 7);
    assert!(errs[0].message.contains("already used by the slide at line 3"), "{}", errs[0].message);
}

#[test]
fn text_is_kept_as_text() {
    // Backslash-escaped quotes stay straight: smart punctuation leaves them as typed.
    let deck = compile(&format!("{HEADER}---\n\n## Tom &amp; \\\"Jerry\\\" \\<b>\n"), &|_| true).unwrap();
    let Block::Heading { content, .. } = &deck.slides[0].body[0] else { panic!() };
    assert_eq!(content, &[Inline::Text("Tom & \"Jerry\" <b>".into())]);
    // …and stays text in the page.
    assert!(talk_compiler::html::reading_page(&deck, &|_| None)
        .contains("<h2>Tom &amp; &quot;Jerry&quot; &lt;b&gt;</h2>"));
}

/// The real build, not just the function: `cargo check` on a broken talk fails with file:line.
#[test]
fn a_malformed_talk_fails_the_build_with_file_and_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target").join("content-check");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("broken-talk.md");
    std::fs::write(
        &bad,
        "title: Broken\n\n---\nlayout: carousel\n\n## A slide\n\n![](images/title.svg)\n---\nminutes: -1\n\n## B\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--lib", "--target-dir"])
        .arg(dir.join("target"))
        .env("DECK_CONTENT", &bad)
        .current_dir(root)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build should fail:\n{stderr}");
    let shown = bad.strip_prefix(root).unwrap().display();
    assert!(stderr.contains(&format!("{shown}:4: unknown layout `carousel`")), "{stderr}");
    assert!(stderr.contains(&format!("{shown}:8: image `images/title.svg` has no alt text")), "{stderr}");
    assert!(stderr.contains(&format!("{shown}:10: `minutes` cannot be negative: `-1`")), "{stderr}");
}
