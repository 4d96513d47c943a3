//! The page step: finishes the page Trunk built (run by Trunk as a post-build hook, in the
//! project's root; see `main.rs`). In order:
//!
//! 1. **The talk is the page**: `content/talk.md`, compiled by the content compiler (the function
//!    `build.rs` calls too), takes the `<template id="talk">`'s place, with the stage's controls and
//!    live region beside it. The header's title, description, author and language fill
//!    `<html lang>`, `<title>` and the meta and Open Graph tags.
//! 2. **The inline scripts** of the contract (`deck_core::contract::script`): the head script (theme
//!    and face) after the policy, the first-frame script after the talk.
//! 3. **CSS inline**: the stylesheets (one a face, in `index.html`'s order) become one `<style>`, so
//!    the first slide paints from one request.
//! 4. **One loader**: Trunk's two inline loaders become `boot-HASH.js` (`loader`), which starts the
//!    stage at once and then fetches the app with low priority. The app's preloads leave the head.
//! 5. **The policy**: the `<meta>` CSP's slots get the hashes of the page's inline code.
//! 6. **One file**: `talk.html`, the page with everything inside, for a disk.
//! 7. **Netlify's headers** and **the service worker's list**, last, as it lists what the steps
//!    above wrote.

pub mod loader;
pub mod policy;

use deck_core::contract::{id, program};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::path::Path;

/// What the step needs from Trunk's page (found in a first pass over it) and its files.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Survey {
    /// The stylesheets' files, in order.
    pub stylesheets: Vec<String>,
    /// Each program's JS and wasm files (relative to the bundle), with their integrity: the
    /// stage's from its preloads, the app's from `hash_app_files`.
    pub stage: Program,
    pub app: Program,
    /// The text of `trunk serve`'s live-reload script, when it is there.
    pub live_reload: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Program {
    pub js: String,
    pub js_integrity: String,
    pub wasm: String,
    pub wasm_integrity: String,
}

const TRUNK_ADDRESS: &str = "{{__TRUNK_ADDRESS__}}";

fn fail(message: impl Into<String>) -> String {
    message.into()
}

/// The first pass: stylesheets, the stage's files (from its preloads), the live-reload script.
pub fn survey(html: &str, base: &str) -> Result<Survey, String> {
    let found = RefCell::new(Survey::default());
    let script_text = RefCell::new(String::new());
    let relative = |href: String| href.strip_prefix(base).map(str::to_owned).unwrap_or(href);
    let stage_prefix = format!("{}-", program::STAGE);
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("link[rel=stylesheet]", |el| {
                found.borrow_mut().stylesheets.push(relative(el.get_attribute("href").unwrap_or_default()));
                Ok(())
            }))
            .append_element_content_handler(element!("link[rel=modulepreload], link[rel=preload]", |el| {
                let href = relative(el.get_attribute("href").unwrap_or_default());
                let integrity = el.get_attribute("integrity").unwrap_or_default();
                let stage = &mut found.borrow_mut().stage;
                if !href.starts_with(&stage_prefix) {
                    return Ok(());
                }
                if href.ends_with(".js") {
                    stage.js = href;
                    stage.js_integrity = integrity;
                } else if href.ends_with(".wasm") {
                    stage.wasm = href;
                    stage.wasm_integrity = integrity;
                }
                Ok(())
            }))
            .append_element_content_handler(element!("script:not([src])", |_| {
                script_text.borrow_mut().clear();
                Ok(())
            }))
            .append_element_content_handler(text!("script:not([src])", |t| {
                script_text.borrow_mut().push_str(t.as_str());
                if t.last_in_text_node() && script_text.borrow().contains(TRUNK_ADDRESS) {
                    found.borrow_mut().live_reload = Some(script_text.borrow().clone());
                }
                Ok(())
            })),
    )
    .map_err(|e| fail(format!("cannot read the page: {e}")))?;
    let survey = found.into_inner();
    if survey.stage.js.is_empty() || survey.stage.wasm.is_empty() {
        return Err(fail(format!(
            "Trunk's page has no preloads for `{}` (index.html's main rel=\"rust\" link)",
            program::STAGE
        )));
    }
    if survey.stylesheets.is_empty() {
        return Err(fail("Trunk's page has no stylesheet"));
    }
    Ok(survey)
}

/// The app's files: Trunk names a "worker" program's files without a hash (`cppg-deck.js`,
/// `cppg-deck_bg.wasm`), so they get one here, from their contents, as the stage's have (hosts
/// cache hashed names for a year), and their integrity.
pub fn hash_app_files(stage: &Path) -> Result<Program, String> {
    let mut app = Program::default();
    for (suffix, name, integrity) in
        [(".js", &mut app.js, &mut app.js_integrity), ("_bg.wasm", &mut app.wasm, &mut app.wasm_integrity)]
    {
        let plain = stage.join(format!("{}{suffix}", program::APP));
        let bytes = std::fs::read(&plain).map_err(|e| format!("cannot read {}: {e}", plain.display()))?;
        *name = format!("{}-{}{suffix}", program::APP, &hex(&Sha256::digest(&bytes))[..16]);
        *integrity = sri(&bytes);
        std::fs::rename(&plain, stage.join(&*name))
            .map_err(|e| format!("cannot rename {}: {e}", plain.display()))?;
    }
    Ok(app)
}

/// The header's facts, and the talk, for the page.
pub struct Talk<'a> {
    pub deck: &'a talk_compiler::Deck,
    /// The talk's HTML (`talk_compiler::html::reading_page`).
    pub html: &'a str,
}

/// What the second pass puts in.
pub struct Inserts<'a> {
    pub talk: Talk<'a>,
    /// All the stylesheets' text, in order.
    pub css: &'a str,
    /// The `<script>` that starts the deck (`boot-HASH.js`), placed after the stage's preloads.
    pub boot_tag: &'a str,
    /// What replaces `trunk serve`'s live-reload script, if there is one.
    pub live_reload_tag: Option<&'a str>,
    pub base: &'a str,
}

/// The stage's own controls and the live region: in the page, so that the stage can move the talk
/// before the app (whose controls replace them) has arrived. Hidden but when presenting.
pub fn stage_chrome() -> String {
    format!(
        r#"<nav id="{controls}" class="controls stage-controls" aria-label="Slide controls"><button id="{prev}" class="prev" aria-label="Previous" aria-disabled="true"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 5l-7 7 7 7"/></svg></button><span id="{counter}" class="counter"></span><button id="{next}" class="next" aria-label="Next"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 5l7 7-7 7"/></svg></button></nav><div id="{live}" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>"#,
        controls = id::STAGE_CONTROLS,
        prev = id::STAGE_PREV,
        counter = id::STAGE_COUNTER,
        next = id::STAGE_NEXT,
        live = id::LIVE,
    )
}

/// The second pass: Trunk's page → the deck's page (before the policy's hashes).
pub fn rewrite(html: &str, survey: &Survey, inserts: &Inserts<'_>) -> Result<String, String> {
    let deck = inserts.talk.deck;
    let first_stylesheet = RefCell::new(true);
    let meta = |selector: &'static str, value: String| {
        element!(selector, move |el| {
            el.set_attribute("content", &value)?;
            Ok(())
        })
    };
    let talk = format!(
        "{}{}<script>{}</script>",
        inserts.talk.html,
        stage_chrome(),
        deck_core::contract::script::first_frame()
    );
    let script_texts = RefCell::new(String::new());
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("html", |el| {
                el.set_attribute("lang", &deck.lang)?;
                Ok(())
            }))
            .append_element_content_handler(element!("meta[http-equiv=Content-Security-Policy]", |el| {
                // First in the head: the face and theme before anything paints, then the stage's
                // files and the loader, so that they are on their way before the stylesheet
                // and the talk have arrived.
                let stage = &survey.stage;
                let head = format!(
                    r#"<script>{}</script><link rel="modulepreload" href="{base}{}" integrity="{}" crossorigin="anonymous"><link rel="preload" href="{base}{}" as="fetch" type="application/wasm" integrity="{}" crossorigin="anonymous">{}"#,
                    deck_core::contract::script::head(),
                    stage.js,
                    stage.js_integrity,
                    stage.wasm,
                    stage.wasm_integrity,
                    inserts.boot_tag,
                    base = inserts.base,
                );
                el.after(&head, ContentType::Html);
                Ok(())
            }))
            .append_element_content_handler(element!("title", |el| {
                el.set_inner_content(&deck.title, ContentType::Text);
                Ok(())
            }))
            .append_element_content_handler(meta("meta[name=description]", deck.description.clone()))
            .append_element_content_handler(meta("meta[name=author]", deck.author.clone()))
            .append_element_content_handler(meta("meta[property='og:title']", deck.title.clone()))
            .append_element_content_handler(meta("meta[property='og:description']", deck.description.clone()))
            .append_element_content_handler(meta("meta[name='twitter:title']", deck.title.clone()))
            .append_element_content_handler(meta(
                "meta[name='twitter:description']",
                deck.description.clone(),
            ))
            .append_element_content_handler(element!("link[rel=stylesheet]", |el| {
                if first_stylesheet.replace(false) {
                    el.replace(&format!("<style>{}</style>", inserts.css.trim()), ContentType::Html);
                } else {
                    el.remove();
                }
                Ok(())
            }))
            .append_element_content_handler(element!("link[rel=modulepreload], link[rel=preload]", |el| {
                // Trunk's preloads, at the end of the head: the stage's are at its start now. The
                // app has none: it is fetched once the stage is live (see `loader`).
                el.remove();
                Ok(())
            }))
            .append_element_content_handler(element!("script:not([src])", |el| {
                script_texts.borrow_mut().clear();
                // Trunk's inline loaders: the boot script starts both programs instead.
                if el.get_attribute("type").as_deref() == Some("module") {
                    el.remove();
                }
                Ok(())
            }))
            .append_element_content_handler(element!("template#talk", |el| {
                el.replace(&talk, ContentType::Html);
                Ok(())
            })),
    )
    .map_err(|e| fail(format!("cannot rewrite the page: {e}")))
    .and_then(|page| match (&survey.live_reload, inserts.live_reload_tag) {
        (Some(script), Some(tag)) => {
            // `trunk serve`'s own script, found by its text in the first pass.
            let at = page.find(script.as_str()).ok_or("the live-reload script moved")?;
            let start = page[..at].rfind("<script").ok_or("the live-reload script has no tag")?;
            let end =
                at + script.len() + page[at + script.len()..].find("</script>").ok_or("unclosed script")?;
            Ok(format!("{}{tag}{}", &page[..start], &page[end + "</script>".len()..]))
        }
        _ => Ok(page),
    })
}

/// `trunk serve` (the present command) puts its live-reload script inline and fills in the
/// server's address only as it serves the page, after the policy's hashes were made, so the policy
/// would block it. It becomes `live-reload.js`, which finds the address itself.
pub fn live_reload_file(script: &str) -> Result<String, String> {
    let mut js = script.to_owned();
    // The address becomes the page's own host. The minifier may have folded it into a longer
    // string (`\`://{{…}}/.well-known…\``), so the string is closed and reopened around it with
    // its own quote. Its WebSocket lives at the root that `trunk serve` serves (public URL "./").
    while let Some(at) = js.find(TRUNK_ADDRESS) {
        let quote = js[..at].rfind(['\'', '"', '`']).map_or("'", |q| &js[q..q + 1]).to_owned();
        js.replace_range(at..at + TRUNK_ADDRESS.len(), &format!("{quote}+location.host+{quote}"));
    }
    js = js.replace("{{__TRUNK_WS_BASE__}}", "/");
    if js.contains("{{__TRUNK") {
        return Err("trunk's live-reload script has a placeholder this step does not know".into());
    }
    Ok(js)
}

/// `sha384-…`, as subresource integrity wants it.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes)))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a file of the bundle, saying which one failed.
pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The whole step on the bundle in `stage` (Trunk's staging directory), built for `base`, from
/// the project at `root`.
pub fn finish(root: &Path, stage: &Path, base: &str) -> Result<(), String> {
    let talk_path = root.join("content/talk.md");
    let talk = talk_compiler::files::compile_files(&talk_path, &root.join("public"), "content/talk.md")
        .map_err(|errors| errors.join("\n"))?;
    if talk.deck.slides.is_empty() {
        return Err("content/talk.md: the talk has no slides".into());
    }
    let index = stage.join("index.html");
    let trunk_page = read(&index)?;
    let mut survey = survey(&trunk_page, base)?;
    survey.app = hash_app_files(stage)?;

    let mut css = String::new();
    for sheet in &survey.stylesheets {
        let file = stage.join(sheet);
        css.push_str(read(&file)?.trim());
        css.push('\n');
        std::fs::remove_file(&file).map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
    }
    let boot = loader::boot(&survey);
    let boot_name = format!("boot-{}.js", &hex(&Sha256::digest(boot.as_bytes()))[..16]);
    write(&stage.join(&boot_name), &boot)?;
    let boot_tag = format!(
        r#"<script type="module" src="{base}{boot_name}" integrity="{}" crossorigin="anonymous"></script>"#,
        sri(boot.as_bytes())
    );
    let live_reload_tag = match &survey.live_reload {
        Some(script) => {
            write(&stage.join("live-reload.js"), &live_reload_file(script)?)?;
            Some(format!(r#"<script src="{base}live-reload.js"></script>"#))
        }
        None => None,
    };
    let inserts = Inserts {
        talk: Talk { deck: &talk.deck, html: &talk.html },
        css: &css,
        boot_tag: &boot_tag,
        live_reload_tag: live_reload_tag.as_deref(),
        base,
    };
    let page = rewrite(&trunk_page, &survey, &inserts)?;
    let one_file = loader::one_file(&page, stage, &survey)?;
    write(&index, &policy::fill(&page)?)?;
    write(&stage.join("talk.html"), &policy::fill(&one_file)?)?;

    // Netlify reads its headers from the published directory.
    write(&stage.join("_headers"), &read(&root.join("deploy/netlify/_headers"))?)?;
    let worker = service_worker(&read(&root.join("public/sw.js"))?, stage);
    write(&stage.join("sw.js"), &worker)
}

/// `public/sw.js` with `__BUILD__` and `__FILES__` filled in. Left out of the offline copy: the
/// page itself (fetched network-first as "./"), og.png (only link-preview scrapers fetch it),
/// Netlify's `_headers`, `trunk serve`'s reload script, and dot files.
pub fn service_worker(template: &str, stage: &Path) -> String {
    let mut files = Vec::new();
    list_files(stage, stage, &mut files);
    files
        .retain(|f| !matches!(f.as_str(), "sw.js" | "index.html" | "og.png" | "_headers" | "live-reload.js"));
    files.sort();
    let mut build = Sha256::new();
    for file in &files {
        build.update(file.as_bytes());
        build.update(Sha256::digest(std::fs::read(stage.join(file)).unwrap_or_default()));
    }
    let list: Vec<String> = files.iter().map(|f| format!("\"{f}\"")).collect();
    template
        .replace("__BUILD__", &hex(&build.finalize())[..16])
        .replace("__FILES__", &format!("[{}]", list.join(",")))
}

fn list_files(dir: &Path, stage: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            list_files(&path, stage, out);
        } else if let Ok(relative) = path.strip_prefix(stage) {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survey_finds_stylesheets_the_stage_and_the_reload_script_in_a_minified_page() {
        // As Trunk writes a release page: minified, attributes unquoted where they can be.
        let page = "<link href=./a-1.css rel=stylesheet integrity=sha384-a><link href=./b-2.css rel=stylesheet>\
            <link href=./deck-stage-0123.js integrity=sha384-j rel=modulepreload crossorigin=anonymous>\
            <link as=fetch href=./deck-stage-4567_bg.wasm rel=preload type=application/wasm integrity=sha384-w>\
            <script type=module>import init from './deck-stage-0123.js';await init()</script>\
            <script>const a='{{__TRUNK_ADDRESS__}}';</script>";
        let found = survey(page, "./").unwrap();
        assert_eq!(found.stylesheets, ["a-1.css", "b-2.css"]);
        assert_eq!(
            (found.stage.js.as_str(), found.stage.js_integrity.as_str(), found.stage.wasm.as_str()),
            ("deck-stage-0123.js", "sha384-j", "deck-stage-4567_bg.wasm")
        );
        assert_eq!(found.live_reload.as_deref(), Some("const a='{{__TRUNK_ADDRESS__}}';"));
        // A page without the stage's preloads is refused, saying why.
        let error = survey("<link href=./a.css rel=stylesheet>", "./").unwrap_err();
        assert!(error.contains("deck-stage"), "{error}");
    }

    #[test]
    fn the_live_reload_script_becomes_a_file_that_finds_its_address() {
        // As trunk writes it, and as its minifier folds the constants into one string.
        let script = "const a='{{__TRUNK_ADDRESS__}}',b='{{__TRUNK_WS_BASE__}}';let u=p+`://{{__TRUNK_ADDRESS__}}{{__TRUNK_WS_BASE__}}.well-known`;";
        assert_eq!(
            live_reload_file(script).unwrap(),
            "const a=''+location.host+'',b='/';let u=p+`://`+location.host+`/.well-known`;"
        );
        assert!(live_reload_file("x='{{__TRUNK_SOMETHING__}}'").is_err());
    }
}
