//! The same talk as a Marp deck, for the benchmark's comparison: `content/talk.md` as the content
//! compiler reads it (`talk_compiler::Deck`), written out as Marp Markdown, converted by Marp CLI
//! (`marp` on PATH, or `MARP`; `.ci/deck bench` installs a pinned version) into one self-contained
//! HTML file with its bespoke template, next to a copy of `public/images`, with `.gz` and `.br`
//! copies made as `.ci/deck`'s `precompress` makes ours.
//!
//! What is carried over, slide by slide and in order: headings, paragraphs, lists (a fragment, a
//! `+` item in our format, becomes an item of Marp's fragmented list syntax: `*`, or `1)` when
//! numbered, so it appears one step at a time), links, pictures with their alt text, quotes, code,
//! and the notes as Marp presenter notes (HTML comments). Each slide's layout becomes its class,
//! with a little CSS so that pictures sit where ours do; nothing else of our styling is copied.

use std::path::{Path, PathBuf};
use std::process::Command;
use talk_compiler::{blocks_text, Block, Deck, Inline, Item, Layout};

/// CSS added to Marp's default theme (the `style` global directive): the layouts as classes.
const STYLE: &str = "\
section img { max-width: 100%; max-height: 100%; }
section.title, section.section { text-align: center; }
section.title p:has(> img:only-child), section.section p:has(> img:only-child) { height: 200px; margin: 16px 0 0; }
section.title p > img:only-child, section.section p > img:only-child { height: 100%; }
section.figure { padding-right: 46%; }
section.figure p:has(> img:only-child) { position: absolute; right: 64px; top: 96px; bottom: 64px; width: 38%; margin: 0; display: flex; align-items: center; justify-content: center; }
section.grid ul, section.gallery ul { list-style: none; padding: 0; }
section.grid ul { columns: 2; font-size: 0.8em; }
section.grid li img { height: 1.6em; vertical-align: middle; margin-right: 0.4em; }
section.gallery ul { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; font-size: 0.6em; }
section.gallery li img { display: block; height: 130px; margin-bottom: 4px; }
";

/// The talk in Marp Markdown.
pub fn markdown(deck: &Deck) -> String {
    // JSON strings are YAML's double-quoted scalars.
    let quoted = |s: &str| serde_json::to_string(s).unwrap();
    let mut out = format!(
        "---\nmarp: true\ntitle: {}\nauthor: {}\ndescription: {}\nlang: {}\nstyle: |\n",
        quoted(&deck.title),
        quoted(&deck.author),
        quoted(&deck.description),
        quoted(&deck.lang)
    );
    for line in STYLE.lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str("---\n");
    for (i, slide) in deck.slides.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n");
        }
        let class = match slide.layout {
            Layout::Content => None,
            other => Some(other.name()),
        };
        if let Some(class) = class {
            out.push_str(&format!("\n<!-- _class: {class} -->\n"));
        }
        for block in &slide.body {
            out.push('\n');
            write_block(block, &mut out);
        }
        if !slide.notes.is_empty() {
            // A comment that is not a directive is a presenter note; its text is shown as it is.
            let text = blocks_text(&slide.notes).replace('\n', "\n\n").replace("--", "- -");
            out.push_str(&format!("\n<!--\n{text}\n-->\n"));
        }
    }
    out
}

fn write_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading { level, content } => {
            out.push_str(&format!("{} {}\n", "#".repeat(usize::from(*level)), inlines(content)));
        }
        Block::Paragraph(content) => out.push_str(&format!("{}\n", inlines(content))),
        Block::List { ordered, start, items } => write_list(*ordered, *start, items, "", out),
        Block::Figure { src, alt, caption } => {
            out.push_str(&format!("{}\n", image(src, alt, caption)));
        }
        Block::Quote(inner) => {
            let mut text = String::new();
            for (i, b) in inner.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                write_block(b, &mut text);
            }
            for line in text.lines() {
                out.push_str(if line.is_empty() { ">\n" } else { "> " });
                if !line.is_empty() {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        Block::Code(code) => {
            let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
            out.push_str(&format!("{fence}\n{code}\n{fence}\n"));
        }
    }
}

/// A list, its fragments in Marp's fragmented list syntax (`*` or `1)`). Marp, like CommonMark,
/// starts a new list when the marker changes: a blank line keeps the two apart, and numbered
/// items keep their numbers.
fn write_list(ordered: bool, start: u32, items: &[Item], indent: &str, out: &mut String) {
    let mut previous: Option<bool> = None;
    for (i, item) in items.iter().enumerate() {
        let fragment = item.fragment > 0;
        if previous.is_some_and(|p| p != fragment) {
            out.push('\n');
        }
        previous = Some(fragment);
        let marker = match (ordered, fragment) {
            (false, false) => "-".to_string(),
            (false, true) => "*".to_string(),
            (true, false) => format!("{}.", start as usize + i),
            (true, true) => format!("{})", start as usize + i),
        };
        out.push_str(&format!("{indent}{marker} {}\n", inlines(&item.content)));
        if !item.children.is_empty() {
            let inner = format!("{indent}{}", " ".repeat(marker.len() + 1));
            write_list(false, 1, &item.children, &inner, out);
        }
    }
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Strong(c) => out.push_str(&format!("**{}**", inlines(c))),
            Inline::Emphasis(c) => out.push_str(&format!("*{}*", inlines(c))),
            Inline::Code(t) => {
                let ticks = "`".repeat(longest_run(t, '`') + 1);
                out.push_str(&format!("{ticks} {t} {ticks}"));
            }
            Inline::Link { href, content } => out.push_str(&format!("[{}](<{href}>)", inlines(content))),
            Inline::Image { src, alt, title } => out.push_str(&image(src, alt, title)),
            Inline::Break => out.push_str("\\\n"),
        }
    }
    out
}

fn image(src: &str, alt: &str, title: &str) -> String {
    if title.is_empty() {
        format!("![{}](<{src}>)", escape(alt))
    } else {
        format!("![{}](<{src}> \"{}\")", escape(alt), title.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Text as Markdown that reads back as the same text: every mark that could start emphasis, a
/// list, a heading, a link, an entity, an emoji shortcode, maths or a typographic replacement is
/// escaped (and `.` or `)` after a digit, which could make a numbered list).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    for c in text.chars() {
        if "\\`*_{}[]<>()#+-!|~&:$=^".contains(c) || (matches!(c, '.' | ')') && previous.is_ascii_digit()) {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// The Marp deck, built into `out` (replaced): `out/talk.md` (the Markdown) and `out/site/`, which
/// is what is served: `index.html` (Marp's one file, named so that the server's index finds it)
/// and `images/`, each with its `.gz` and `.br` copies. Returns the site's directory.
pub fn build(deck: &Deck, public: &Path, out: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(out);
    let site = out.join("site");
    std::fs::create_dir_all(site.join("images")).unwrap();
    let md = out.join("talk.md");
    std::fs::write(&md, markdown(deck)).unwrap();
    for entry in std::fs::read_dir(public.join("images")).expect("public/images").flatten() {
        std::fs::copy(entry.path(), site.join("images").join(entry.file_name())).unwrap();
    }
    let marp = std::env::var("MARP").unwrap_or_else(|_| "marp".into());
    let html = site.join("index.html");
    let status = Command::new(&marp)
        .current_dir(out)
        .args(["--no-config-file", "--template", "bespoke", "talk.md", "-o"])
        .arg(&html)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {marp}: {e} (`.ci/deck bench` installs Marp CLI)"));
    assert!(status.success(), "{marp} failed on {}", md.display());
    check(deck, &std::fs::read_to_string(&html).unwrap());
    precompress(&site);
    site
}

/// What Marp made holds the whole talk and nothing from elsewhere.
fn check(deck: &Deck, html: &str) {
    let slides = html.matches("<section").count();
    assert_eq!(slides, deck.slides.len(), "Marp's slides");
    let fragments = html.matches(" data-marpit-fragment=").count();
    let steps: usize = deck.slides.iter().map(|s| usize::from(s.steps)).sum();
    assert_eq!(fragments, steps, "Marp's fragments against our fragment steps");
    let notes = html.matches("class=\"bespoke-marp-note\"").count();
    assert_eq!(notes, deck.slides.iter().filter(|s| !s.notes.is_empty()).count(), "Marp's presenter notes");
    // (Marp makes emoji into pictures from a CDN: none may be there.)
    for src in html.split(" src=\"").skip(1).filter_map(|s| s.split('"').next()) {
        assert!(src.starts_with("images/"), "a picture from elsewhere than the server: {src}");
    }
}

/// `.gz` (gzip -9) and `.br` (brotli -q 11) copies, as `.ci/deck`'s `precompress` makes ours.
fn precompress(dir: &Path) {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "html" || e == "svg") {
                files.push(p);
            }
        }
    }
    for (tool, args) in [("gzip", ["-9", "-k", "-f"]), ("brotli", ["-k", "-f", "-q"])] {
        let mut cmd = Command::new(tool);
        cmd.args(args);
        if tool == "brotli" {
            cmd.arg("11");
        }
        let status = cmd.args(&files).status().unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
        assert!(status.success(), "{tool} failed");
    }
}

/// What `marp --version` says (Marp CLI's and Marp Core's versions).
pub fn version() -> String {
    let marp = std::env::var("MARP").unwrap_or_else(|_| "marp".into());
    Command::new(marp)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// The hashes (`'sha256-…'`) of a page's inline scripts, for a Content-Security-Policy.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::Digest;
    let mut hashes = Vec::new();
    for chunk in html.split("<script").skip(1) {
        let Some((tag, rest)) = chunk.split_once('>') else { continue };
        if tag.contains("src=") {
            continue;
        }
        let body = rest.split("</script>").next().unwrap_or_default();
        let digest = sha2::Sha256::digest(body.as_bytes());
        hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
    }
    hashes.dedup();
    hashes
}

/// The server block of `deploy/nginx/cppg-deck.conf`, its policy made for Marp's page: the hashes
/// of Marp's own inline scripts in place of ours, and `data:` pictures (the icons of its
/// on-screen controls are `data:` URIs in its CSS). Everything else stays as it is.
pub fn policy_for(site: String, script_hashes: &[String]) -> String {
    let mut changed = false;
    let lines: Vec<String> = site
        .lines()
        .map(|line| {
            if !line.contains("add_header Content-Security-Policy") {
                return line.to_string();
            }
            changed = true;
            let from = line.find("script-src ").expect("script-src in the policy");
            let to = from + line[from..].find(';').expect("script-src ends with ;");
            let mut sources: Vec<&str> =
                line[from..to].split(' ').filter(|t| !t.starts_with("'sha256-")).collect();
            sources.extend(script_hashes.iter().map(String::as_str));
            let line = format!("{}{}{}", &line[..from], sources.join(" "), &line[to..]);
            line.replace("img-src 'self';", "img-src 'self' data:;")
        })
        .collect();
    assert!(changed, "no Content-Security-Policy in deploy/nginx/cppg-deck.conf");
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(source: &str) -> Deck {
        talk_compiler::compile(source, &|_| true).unwrap()
    }

    #[test]
    fn fragments_become_marp_fragmented_lists() {
        let md = markdown(&deck(
            "title: T\n---\n\n## A\n\n- plain\n+ one\n+ two\n\n---\nfragments: true\n\n## B\n\n1. x\n2. y\n",
        ));
        assert!(md.contains("- plain\n\n* one\n* two\n"), "{md}");
        assert!(md.contains("1) x\n2) y\n"), "{md}");
    }

    #[test]
    fn text_is_escaped_and_notes_are_comments() {
        let md = markdown(&deck(
            "title: T\n---\nlayout: figure\n\n## A *b*\n\nIn 1999. [x](https://e.org/a_b) `c` #1\n\n![An alt](images/p.svg)\n\n::: notes\nSay: this -- then.\n:::\n",
        ));
        assert!(md.contains("<!-- _class: figure -->"), "{md}");
        assert!(md.contains("## A *b*\n"), "{md}");
        assert!(md.contains("In 1999\\. [x](<https://e.org/a_b>) ` c ` \\#1\n"), "{md}");
        assert!(md.contains("![An alt](<images/p.svg>)\n"), "{md}");
        assert!(md.contains("<!--\nSay: this – then.\n-->"), "{md}");
    }

    /// The whole talk through Marp CLI into `target/marp/` (needs `marp` on PATH, as the benchmark
    /// does): `cargo test --example benchmark -- --ignored`.
    #[test]
    #[ignore]
    fn the_talk_converts() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = build(&crate::support::TALK, &root.join("public"), &root.join("target/marp"));
        assert!(site.join("index.html.br").is_file() && site.join("images/title.svg.gz").is_file());
    }

    #[test]
    fn policy_swaps_the_script_hashes() {
        let site = "x\n    add_header Content-Security-Policy \"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'; img-src 'self'; object-src 'none'\" always;\ny";
        let out = policy_for(site.into(), &["'sha256-m'".into()]);
        assert!(
            out.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-m'; img-src 'self' data:;"),
            "{out}"
        );
        assert!(out.starts_with("x\n") && out.ends_with("\ny"));
    }
}
