//! Finishes the page Trunk built (run by Trunk as a post-build hook, in the project's root):
//!
//! 1. **The talk is the page**: all of `content/talk.md` goes into `<body>` as HTML, the one
//!    rendering of it (`talk_compiler::html`): a document without script and for `?view=read`, the
//!    stage when presenting (index.html's script, then the app, switch the same sections).
//! 2. **CSS inline**: the stylesheet becomes a `<style>`, so the first slide paints from one request.
//! 3. **No inline loader**: Trunk's inline `<script type="module">` becomes `boot-HASH.js`, which
//!    fetches the wasm with subresource integrity; the page's scripts are then all files plus one
//!    inline script whose hash is stable, so a server's CSP header need not change per build.
//! 4. **CSP**: the `<meta>` policy's `'sha256-…'` slots are filled from the page's inline code.
//! 5. **One file**: `talk.html`, the page with everything inside (script, wasm, pictures), for a
//!    speaker who opens it from a USB stick or an e-mail (`file://`: no module scripts, no fetch).
//! 6. **Netlify**: `deploy/netlify/_headers` goes into the bundle, where Netlify looks for it.
//! 7. **Service worker**: `sw.js` from `public/sw.js`, with this build's file list and an id made
//!    from the files' contents, so a new deploy gets a new cache and builds never mix. Last, as it
//!    lists what the steps above wrote (Trunk runs hooks concurrently: one hook does it all).

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha384};
use std::path::{Path, PathBuf};

fn main() {
    let stage =
        PathBuf::from(std::env::var_os("TRUNK_STAGING_DIR").unwrap_or_else(|| {
            fail("run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)".into())
        }));
    let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "./".into());
    let index = stage.join("index.html");
    let html = read(&index);
    let talk = Path::new("content/talk.md");
    let talk_html = static_talk(talk);
    match finish(&html, &stage, &base, &talk_html) {
        Ok((page, one_file)) => {
            write(&index, &page);
            write(&stage.join("talk.html"), &one_file);
        }
        Err(message) => fail(format!("{}: {message}", index.display())),
    }
    // Netlify reads its headers from the published directory.
    let headers = Path::new("deploy/netlify/_headers");
    write(&stage.join("_headers"), &read(headers));
    let worker = service_worker(&read(Path::new("public/sw.js")), &stage);
    write(&stage.join("sw.js"), &worker);
}

/// `public/sw.js` with `__BUILD__` and `__FILES__` filled in. Left out of the offline copy: the
/// page itself (fetched network-first as "./"), og.png (only link-preview scrapers fetch it),
/// Netlify's `_headers`, and dot files.
fn service_worker(template: &str, stage: &Path) -> String {
    let mut files = Vec::new();
    list_files(stage, stage, &mut files);
    files.retain(|f| !matches!(f.as_str(), "sw.js" | "index.html" | "og.png" | "_headers"));
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

/// The finished page, and the one-file edition made from it.
fn finish(html: &str, stage: &Path, base: &str, talk: &str) -> Result<(String, String), String> {
    let html = inline_css(html, stage, base)?;
    let html = external_loader(&html, stage, base)?;
    let html = external_live_reload(&html, stage, base)?;
    let slot = Tag::find(&html, "template", |t| t.attr("id") == Some("talk"))?;
    const CLOSE: &str = "</template>";
    let close = slot.end + html[slot.end..].find(CLOSE).ok_or("unclosed <template id=talk>")? + CLOSE.len();
    let html = format!("{}{talk}{}", &html[..slot.start], &html[close..]);
    let one_file = one_file(&html, stage, base)?;
    Ok((fill_csp(&html)?, fill_csp(&one_file)?))
}

/// What a `file://` page may not load, and so what the one file carries inside.
const ONE_FILE_POLICY: &str = "default-src 'none'; script-src 'wasm-unsafe-eval' 'inline-scripts'; \
     style-src 'inline-styles'; img-src data:; base-uri 'none'; form-action 'none'";

/// `talk.html`: the page with its script, its wasm (gzip, base64) and its pictures inside. A page
/// opened from a file has an opaque origin: module scripts, fetch and service workers are refused,
/// so the wasm-bindgen module becomes a classic script, and the wasm comes from a data block
/// through `DecompressionStream`. Its own CSP allows nothing from outside but `data:` pictures.
fn one_file(html: &str, stage: &Path, base: &str) -> Result<String, String> {
    use base64::engine::general_purpose::STANDARD;
    let js = Tag::find(html, "link", |t| t.attr("rel") == Some("modulepreload"))?.href(base)?.to_owned();
    let wasm =
        Tag::find(html, "link", |t| t.attr("rel") == Some("preload") && t.attr("as") == Some("fetch"))?
            .href(base)?
            .to_owned();
    let glue = classic_script(&read(&stage.join(&js)))?;
    let wasm = std::fs::read(stage.join(&wasm)).map_err(|e| format!("cannot read {wasm}: {e}"))?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gzip, &wasm).map_err(|e| e.to_string())?;
    let packed = STANDARD.encode(gzip.finish().map_err(|e| e.to_string())?);

    let mut page = html.to_owned();
    // Out: what would be fetched (the loader, preloads, manifest, icon), and trunk serve's reload.
    for (name, unwanted) in [
        ("script", "module"),
        ("link", "modulepreload"),
        ("link", "preload"),
        ("link", "manifest"),
        ("link", "icon"),
    ] {
        let kind = if name == "script" { "type" } else { "rel" };
        while let Ok(tag) = Tag::find(&page, name, |t| t.attr(kind) == Some(unwanted)) {
            let end = if name == "script" {
                tag.end + page[tag.end..].find("</script>").ok_or("unclosed <script>")? + "</script>".len()
            } else {
                tag.end
            };
            page.replace_range(tag.start..end, "");
        }
    }
    if let Some(at) = page.find("{{__TRUNK_ADDRESS__}}") {
        let start = page[..at].rfind("<script").ok_or("trunk's live-reload code is not in a <script>")?;
        let end =
            at + page[at..].find("</script>").ok_or("unclosed live-reload <script>")? + "</script>".len();
        page.replace_range(start..end, "");
    }
    // In: every picture as data, the policy, and the engine at the end of the body.
    let mut from = 0;
    while let Some(i) = page[from..].find(r#"src="images/"#) {
        let at = from + i + r#"src=""#.len();
        let len = page[at..].find('"').ok_or("unclosed src")?;
        let file = page[at..at + len].to_owned();
        let bytes = std::fs::read(stage.join(&file)).map_err(|e| format!("cannot read {file}: {e}"))?;
        let data = format!("data:image/svg+xml;base64,{}", STANDARD.encode(bytes));
        page.replace_range(at..at + len, &data);
        from = at + data.len();
    }
    let meta = Tag::find(&page, "meta", |t| t.attr("http-equiv") == Some("Content-Security-Policy"))?;
    let policy = format!(r#"<meta http-equiv="Content-Security-Policy" content="{ONE_FILE_POLICY}">"#);
    page.replace_range(meta.start..meta.end, &policy);
    let html_tag = Tag::find(&page, "html", |_| true)?;
    page.insert_str(html_tag.start + "<html".len(), " data-one-file");
    let body_end = page.rfind("</body>").ok_or("no </body>")?;
    // In a block of its own: the glue's top-level names (`wasm`, …) stay the glue's.
    let engine = format!(
        "<script type=\"application/octet-stream\" id=\"engine\">{packed}</script>\
         <script>(async()=>{{{glue}\n\
         {{const b=atob(document.getElementById(\"engine\").textContent),u=new Uint8Array(b.length);\
         for(let i=0;i<b.length;i++)u[i]=b.charCodeAt(i);\
         const bytes=await new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream(\"gzip\"))).arrayBuffer();\
         const started=await __wbg_init({{module_or_path:bytes}});\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\",{{detail:{{wasm:started}}}}))}}}})()</script>"
    );
    page.insert_str(body_end, &engine);
    Ok(page)
}

/// wasm-bindgen's ES module as a classic script's body: its exports become plain declarations,
/// and `import.meta.url` (only the default wasm address, unused here) the page's address.
fn classic_script(module: &str) -> Result<String, String> {
    let mut js = module
        .replace("export class ", "class ")
        .replace("export function ", "function ")
        .replace("export async function ", "async function ")
        .replace("export const ", "const ")
        .replace("export let ", "let ")
        .replace("import.meta.url", "location.href");
    while let Some(at) = js.find("export{").or_else(|| js.find("export {")) {
        let end = at + js[at..].find('}').ok_or("unclosed export list")? + 1;
        let end = if js[end..].starts_with(';') { end + 1 } else { end };
        js.replace_range(at..end, "");
    }
    let left = ["export ", "export{", "import ", "import{", "import(", "import.meta"];
    match left.iter().find(|word| js.contains(*word)) {
        Some(word) => Err(format!("the wasm-bindgen module has `{word}` that this step cannot make classic")),
        None => Ok(js),
    }
}

/// The whole talk as the reading view's markup (see `talk_compiler::html`).
fn static_talk(talk: &Path) -> String {
    let source = read(talk);
    let exists = |p: &str| Path::new("public").join(p).is_file();
    let deck = talk_compiler::compile(&source, &exists).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("{}:{e}", talk.display())).collect();
        fail(lines.join("\n"))
    });
    if deck.slides.is_empty() {
        fail(format!("{}: the talk has no slides", talk.display()))
    }
    let size_of = |src: &str| {
        let svg = std::fs::read_to_string(Path::new("public").join(src)).ok()?;
        talk_compiler::html::svg_size(&svg)
    };
    talk_compiler::html::reading_page(&deck, &size_of)
}

/// The stylesheet link → `<style>…</style>`; the file is no longer shipped.
fn inline_css(html: &str, stage: &Path, base: &str) -> Result<String, String> {
    let link = Tag::find(html, "link", |t| t.attr("rel") == Some("stylesheet"))?;
    let name = link.href(base)?;
    let file = stage.join(name);
    let css = read(&file);
    std::fs::remove_file(&file).map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
    Ok(format!("{}<style>{}</style>{}", &html[..link.start], css.trim(), &html[link.end..]))
}

/// Trunk's inline module script → `boot-HASH.js`, loaded with integrity; it fetches the wasm with
/// integrity too (the preload link alone does not check it in every browser).
fn external_loader(html: &str, stage: &Path, base: &str) -> Result<String, String> {
    let script = Tag::find(html, "script", |t| t.attr("type") == Some("module") && t.attr("src").is_none())?;
    let end = script.end + html[script.end..].find("</script>").ok_or("unclosed module script")? + 9;
    let js = Tag::find(html, "link", |t| t.attr("rel") == Some("modulepreload"))?.href(base)?.to_owned();
    let wasm =
        Tag::find(html, "link", |t| t.attr("rel") == Some("preload") && t.attr("as") == Some("fetch"))?
            .href(base)?
            .to_owned();
    let wasm_bytes = std::fs::read(stage.join(&wasm)).map_err(|e| format!("cannot read {wasm}: {e}"))?;
    let boot = format!(
        "// Starts the deck; written by .ci/finish-page at build time.\n\
         import init from \"./{js}\";\n\
         const wasm = await init({{ module_or_path: fetch(new URL(\"{wasm}\", import.meta.url), {{ integrity: \"{}\" }}) }});\n\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{ detail: {{ wasm }} }}));\n",
        sri(&wasm_bytes)
    );
    let name = format!("boot-{}.js", &hex(&Sha256::digest(boot.as_bytes()))[..16]);
    write(&stage.join(&name), &boot);
    let tag = format!(
        r#"<script type="module" src="{base}{name}" integrity="{}" crossorigin="anonymous"></script>"#,
        sri(boot.as_bytes())
    );
    Ok(format!("{}{tag}{}", &html[..script.start], &html[end..]))
}

/// `trunk serve` (the present command) appends its live-reload script inline and fills in the
/// server's address only as it serves the page, after this step hashed it, so the page's CSP would
/// block it. It becomes `live-reload.js`, which finds the address itself. `trunk build` adds no
/// such script, so the shipped page is unchanged.
fn external_live_reload(html: &str, stage: &Path, base: &str) -> Result<String, String> {
    const ADDRESS: &str = "{{__TRUNK_ADDRESS__}}";
    let Some(at) = html.find(ADDRESS) else { return Ok(html.to_owned()) };
    let start = html[..at].rfind("<script").ok_or("trunk's live-reload code is not in a <script>")?;
    let body = start + html[start..].find('>').ok_or("unclosed <script>")? + 1;
    let end = at + html[at..].find("</script>").ok_or("unclosed live-reload <script>")?;
    let mut js = html[body..end].to_owned();
    // The address becomes the page's own host. The minifier may have folded it into a longer
    // string (`\`://{{…}}/.well-known…\``), so the string is closed and reopened around it with
    // its own quote. Its WebSocket lives at the root that `trunk serve` serves (public URL "./").
    while let Some(at) = js.find(ADDRESS) {
        let quote = js[..at].rfind(['\'', '"', '`']).map_or("'", |q| &js[q..q + 1]).to_owned();
        js.replace_range(at..at + ADDRESS.len(), &format!("{quote}+location.host+{quote}"));
    }
    js = js.replace("{{__TRUNK_WS_BASE__}}", "/");
    if js.contains("{{__TRUNK") {
        return Err("trunk's live-reload script has a placeholder this step does not know".into());
    }
    write(&stage.join("live-reload.js"), &js);
    let tag = format!(r#"<script src="{base}live-reload.js"></script>"#);
    Ok(format!("{}{tag}{}", &html[..start], &html[end + "</script>".len()..]))
}

/// The `<meta http-equiv="Content-Security-Policy">` has `'inline-scripts'` and `'inline-styles'`
/// slots: each becomes the hashes of the page's inline `<script>` or `<style>` contents.
fn fill_csp(html: &str) -> Result<String, String> {
    let scripts = inline_hashes(html, "script")?;
    let styles = inline_hashes(html, "style")?;
    let meta = Tag::find(html, "meta", |t| t.attr("http-equiv") == Some("Content-Security-Policy"))?;
    let policy = meta.attr("content").unwrap_or_default();
    if !policy.contains("'inline-scripts'") || !policy.contains("'inline-styles'") {
        return Err("the CSP <meta> needs the 'inline-scripts' and 'inline-styles' slots".into());
    }
    let policy = policy.replace("'inline-scripts'", &scripts).replace("'inline-styles'", &styles);
    let filled = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}">"#);
    Ok(format!("{}{filled}{}", &html[..meta.start], &html[meta.end..]))
}

/// `'sha256-…'` of the contents of every `<name>` element without `src`.
fn inline_hashes(html: &str, name: &str) -> Result<String, String> {
    let close = format!("</{name}>");
    let mut found = Vec::new();
    let mut from = 0;
    // A data block (`type="application/octet-stream"`) is not run, so not hashed.
    let runs = |t: &Tag| t.attr("src").is_none() && t.attr("type") != Some("application/octet-stream");
    while let Ok(tag) = Tag::find(&html[from..], name, runs) {
        let body = &html[from + tag.end..];
        let len = body.find(&close).ok_or_else(|| format!("unclosed <{name}>"))?;
        let digest = Sha256::digest(&body.as_bytes()[..len]);
        found.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        from += tag.end + len;
    }
    Ok(found.join(" "))
}

/// A start tag in the page (Trunk minifies release pages: attributes may be unquoted, in any order).
struct Tag {
    start: usize,
    end: usize,
    attrs: Vec<(String, String)>,
}

impl Tag {
    /// The first `<name …>` whose attributes satisfy `want`.
    fn find(html: &str, name: &str, want: impl Fn(&Tag) -> bool) -> Result<Tag, String> {
        let open = format!("<{name}");
        let mut from = 0;
        while let Some(i) = html[from..].find(&open) {
            let start = from + i;
            let after = &html[start + open.len()..];
            from = start + open.len();
            if !after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
                continue;
            }
            let (attrs, len) = parse_attrs(after);
            let tag = Tag { start, end: start + open.len() + len, attrs };
            if want(&tag) {
                return Ok(tag);
            }
        }
        Err(format!("no such <{name}> in the page"))
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn href<'a>(&'a self, base: &str) -> Result<&'a str, String> {
        let href = self.attr("href").ok_or("a link without href")?;
        href.strip_prefix(base).ok_or_else(|| format!("{href} is not under the public URL {base}"))
    }
}

/// Attributes up to the tag's `>`, and how many bytes that took (the `>` included).
fn parse_attrs(s: &str) -> (Vec<(String, String)>, usize) {
    let bytes = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, (i + 1).min(bytes.len()));
        }
        let name_start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        let name = s[name_start..i].to_owned();
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let v_start = i + 1;
                i = v_start;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                value = s[v_start..i.min(bytes.len())].to_owned();
                i += 1;
            } else {
                let v_start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = s[v_start..i].to_owned();
            }
        }
        attrs.push((name, value));
    }
}

fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("cannot read {}: {e}", path.display())))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| fail(format!("cannot write {}: {e}", path.display())));
}

fn fail(message: String) -> ! {
    eprintln!("error: {message}");
    eprintln!("(.ci/finish-page, the post-build step that finishes index.html)");
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_slots_get_the_hash_of_each_inline_block() {
        let page = r#"<meta content="script-src 'self' 'inline-scripts'; style-src 'inline-styles'" http-equiv=Content-Security-Policy><script>a()</script><style>p{}</style><script src=x.js></script>"#;
        let done = fill_csp(page).unwrap();
        let a = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"a()"));
        let p = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"p{}"));
        assert!(done.contains(&format!("script-src 'self' 'sha256-{a}'; style-src 'sha256-{p}'")), "{done}");
    }

    #[test]
    fn minified_tags_are_found_by_their_attributes() {
        let page = r#"<link href=./a.css rel=stylesheet><link rel="preload" as=fetch href='./b.wasm'>"#;
        let css = Tag::find(page, "link", |t| t.attr("rel") == Some("stylesheet")).unwrap();
        assert_eq!((css.start, css.end, css.href("./").unwrap()), (0, 34, "a.css"));
        let wasm = Tag::find(page, "link", |t| t.attr("as") == Some("fetch")).unwrap();
        assert_eq!(wasm.href("./").unwrap(), "b.wasm");
        assert!(Tag::find(page, "link", |t| t.attr("rel") == Some("icon")).is_err());
    }

    #[test]
    fn the_live_reload_script_becomes_a_file_that_finds_its_address() {
        let stage = std::env::temp_dir().join(format!("finish-page-test-{}", std::process::id()));
        std::fs::create_dir_all(&stage).unwrap();
        // As trunk writes it, and as its minifier folds the constants into one string.
        let page = "<body><p>x</p><script>const a='{{__TRUNK_ADDRESS__}}',b='{{__TRUNK_WS_BASE__}}';let u=p+`://{{__TRUNK_ADDRESS__}}{{__TRUNK_WS_BASE__}}.well-known`;</script></body>";
        let done = external_live_reload(page, &stage, "./").unwrap();
        assert_eq!(done, r#"<body><p>x</p><script src="./live-reload.js"></script></body>"#);
        let js = std::fs::read_to_string(stage.join("live-reload.js")).unwrap();
        assert_eq!(js, "const a=''+location.host+'',b='/';let u=p+`://`+location.host+`/.well-known`;");
        // A built page has no such script and stays as it is.
        let built = "<body><script>theme()</script></body>";
        assert_eq!(external_live_reload(built, &stage, "./").unwrap(), built);
        std::fs::remove_dir_all(&stage).unwrap();
    }

    #[test]
    fn the_module_becomes_a_classic_script_or_the_build_says_why() {
        let module = "let w;export class A{}export function f(){return new URL(\"x\",import.meta.url)}async function __wbg_init(){}export{f as initSync,__wbg_init as default};";
        assert_eq!(
            classic_script(module).unwrap(),
            "let w;class A{}function f(){return new URL(\"x\",location.href)}async function __wbg_init(){}"
        );
        assert!(classic_script("import x from './y.js';").is_err());
    }

    #[test]
    fn a_page_without_slots_is_refused() {
        assert!(
            fill_csp(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#).is_err()
        );
    }
}
