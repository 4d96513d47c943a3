//! The page's contract (`deck_core::contract`) holds on every side: the stylesheet styles what the
//! contract says it styles, every class the stylesheet names is one that the page or the code
//! produces, the compiled page states what the stage and the app read, and the deploy configs'
//! policies carry the hashes of the contract's inline scripts.
#![cfg(not(target_arch = "wasm32"))]

use deck_core::contract::{attr, class, id, script};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The stylesheets' paths, in the order index.html links them and the page joins them.
fn stylesheets() -> Vec<String> {
    let page = read("index.html");
    let sheets: Vec<String> = page
        .split(r#"rel="css" href=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    assert!(!sheets.is_empty(), "index.html links no stylesheet");
    sheets
}

/// The stylesheets, joined in the order the page joins them.
fn stylesheet() -> String {
    stylesheets().iter().map(|sheet| read(sheet)).collect::<Vec<_>>().join("\n")
}

/// The class names a stylesheet's selectors use (`.name`), comments and declarations left out.
fn css_classes(css: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = css;
    // Comments out.
    let mut text = String::new();
    while let Some(at) = rest.find("/*") {
        text.push_str(&rest[..at]);
        rest = rest[at..].find("*/").map_or("", |end| &rest[at + end + 2..]);
    }
    text.push_str(rest);
    // Selectors are what stands before each `{`, after the last `}` or `;`.
    for block in text.split('{') {
        let selector = block.rsplit(['}', ';']).next().unwrap_or_default();
        for (i, c) in selector.char_indices() {
            let digit_after = selector[i + 1..].starts_with(|d: char| d.is_ascii_digit());
            if c == '.' && !digit_after {
                let name: String = selector[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// Every `class="…"` value's words in some HTML.
fn html_classes(html: &str) -> BTreeSet<String> {
    html.split("class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(|value| value.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Every word of every string literal in the Rust files under `dir` (classes the views set, as
/// `class="…"`, `class:name=`, `class=format!("tool {}", …)` or a match arm's `"laser"`).
fn rust_words(dir: &str, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(root().join(dir)).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_words(path.strip_prefix(root()).unwrap().to_str().unwrap(), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            out.extend(html_classes(&source));
            for (i, part) in source.split('"').enumerate() {
                if i % 2 == 1 {
                    out.extend(part.split([' ', '{', '}']).filter(|w| !w.is_empty()).map(str::to_string));
                }
            }
            for part in source.split("class:").skip(1) {
                out.insert(part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect());
            }
        }
    }
}

fn compiled_page() -> String {
    let talk =
        talk_compiler::files::compile_files(&root().join("content/talk.md"), &root().join("public"), "talk")
            .expect("the talk compiles");
    format!("{}{}", talk.html, deck_page::stage_chrome())
}

#[test]
fn the_stylesheet_styles_every_class_the_contract_says_it_does() {
    let css = css_classes(&stylesheet());
    let missing: Vec<&&str> = class::STYLED.iter().filter(|name| !css.contains(**name)).collect();
    assert!(missing.is_empty(), "the contract's classes the stylesheet does not style: {missing:?}");
}

#[test]
fn every_class_the_stylesheet_names_is_made_by_the_page_or_the_code() {
    let mut made: BTreeSet<String> = class::STYLED.iter().map(|c| c.to_string()).collect();
    made.extend(html_classes(&compiled_page()));
    made.extend(html_classes(&read("index.html")));
    for dir in ["src", "web/src", "core/src", "compiler/src", "page/src"] {
        rust_words(dir, &mut made);
    }
    // Layout classes are made from a prefix and the layout's name.
    for layout in ["title", "section", "content", "figure", "grid", "steps", "gallery"] {
        made.insert(format!("{}{layout}", class::LAYOUT_PREFIX));
        made.insert(format!("{}{layout}", class::READ_LAYOUT_PREFIX));
    }
    let orphans: Vec<String> = css_classes(&stylesheet()).into_iter().filter(|c| !made.contains(c)).collect();
    assert!(
        orphans.is_empty(),
        "classes the stylesheet styles but nothing makes (renamed on one side?): {orphans:?}"
    );
}

#[test]
fn the_check_finds_a_renamed_class() {
    // The checks above can fail: a stylesheet that says `.active` for the contract's `current`.
    let renamed = stylesheet().replace(&format!(".{}", class::CURRENT), ".active");
    let css = css_classes(&renamed);
    assert!(!css.contains(class::CURRENT) && css.contains("active"));
    assert_eq!(css_classes("/* .x { } */ a.b:not(.c) > .d-e { width: .5em } @media (x) { .f { } }").len(), 4);
}

#[test]
fn the_compiled_page_states_what_the_stage_and_the_app_read() {
    let talk = talk_compiler::compile(&read("content/talk.md"), &|_| true).unwrap();
    let page = compiled_page();
    assert!(page.contains(&format!(
        r#"id="{}" {}="{}""#,
        id::TALK,
        attr::TITLE,
        talk_compiler::html::escape(&talk.title)
    )));
    assert!(page.contains(&format!(r#"{}="{}""#, attr::MINUTES, talk.duration_minutes)));
    for (i, slide) in talk.slides.iter().enumerate() {
        let section = format!(
            r#"<section id="{}" class="{} {}{}" {}="{}" {}="{}" {}="{}" {}="{}" {}="{}" {}="{}">"#,
            deck_core::contract::section_id(i),
            class::READ_SLIDE,
            class::READ_LAYOUT_PREFIX,
            slide.layout.name(),
            attr::LAYOUT,
            slide.layout.name(),
            attr::INDEX,
            i + 1,
            attr::TITLE,
            talk_compiler::html::escape(&slide.title),
            attr::STEPS,
            slide.steps,
            attr::SECONDS,
            slide.seconds,
            attr::NAME,
            slide.id,
        );
        assert!(page.contains(&section), "slide {}: {section}", i + 1);
    }
    // The plan the app reads: every slide's final seconds, its own `minutes:` or its share.
    let own: Vec<Option<u32>> = talk.slides.iter().map(|s| s.minutes.map(|m| m.seconds)).collect();
    let planned = deck_core::plan::allocate(talk.duration_minutes * 60, &own).unwrap();
    assert_eq!(talk.slides.iter().map(|s| s.seconds).collect::<Vec<_>>(), planned);
    assert!(planned.iter().all(|s| *s > 0), "every slide of the talk has time: {planned:?}");
    assert!(planned.iter().sum::<u32>() <= talk.duration_minutes * 60);
    assert_eq!(page.matches(&format!(" {}=\"", attr::SECONDS)).count(), talk.slides.len());
    for name in [id::WORDS, id::STAGE_CONTROLS, id::STAGE_PREV, id::STAGE_COUNTER, id::STAGE_NEXT, id::LIVE] {
        assert!(page.contains(&format!(r#"id="{name}""#)), "the page has #{name}");
    }
}

/// The deploy configs send the policy as a header, which must allow the page's two inline
/// scripts by hash: the hashes of the scripts the contract generates.
#[test]
fn the_deploy_policies_carry_the_inline_scripts_hashes() {
    let hashes = [deck_page::policy::hash(&script::head()), deck_page::policy::hash(&script::first_frame())];
    for config in ["deploy/nginx/cppg-deck.conf", "deploy/netlify/_headers"] {
        let text = read(config);
        let policy = text.lines().find(|l| l.contains("Content-Security-Policy")).unwrap();
        let found: Vec<&str> = policy.split(['\'', ' ']).filter(|w| w.starts_with("sha256-")).collect();
        let wanted: Vec<String> = hashes.iter().map(|h| h.trim_matches('\'').to_string()).collect();
        assert_eq!(found, wanted, "{config}'s policy must allow exactly the contract's two inline scripts");
    }
}

/// The browser tests style the app with the shipped stylesheets (tests/browser.rs includes them
/// one by one): the same files, in the same order, as the page.
#[test]
fn the_browser_tests_use_the_pages_stylesheets_in_its_order() {
    let tests = read("tests/browser.rs");
    let included: Vec<&str> = tests
        .split(r#"include_str!("../"#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| path.ends_with(".css"))
        .collect();
    assert_eq!(included, stylesheets(), "tests/browser.rs's STYLESHEETS against index.html's links");
}
