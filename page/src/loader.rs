//! How the deck starts: the stage at once, then the app, which takes over from it. Served, this is
//! `boot-HASH.js`; from a disk (`talk.html`), an inline script with both programs inside.

use crate::{read, Survey};
use base64::Engine as _;
use deck_core::contract::{attr, id};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::path::Path;

/// `boot-HASH.js`: imports the stage's glue and starts it with its wasm (fetched with integrity);
/// once the stage is live, it fetches the app with low priority (the import takes the module
/// that a `modulepreload` with integrity checked) and starts it. A stage that fails to start
/// (blocked, or an old browser) leaves the app to do everything when it comes; an app that fails
/// to arrive leaves the stage presenting. Either says so on the console, as a warning: the deck
/// still works.
pub fn boot(survey: &Survey) -> String {
    let (stage, app) = (&survey.stage, &survey.app);
    format!(
        r#"// Starts the deck: the stage at once, then the app (written by the page step, page/).
import stage from "./{stage_js}";
const load = (file, integrity, priority) => fetch(new URL(file, import.meta.url), {{ integrity, priority }});
// The stage's wasm is on its way (preloaded from the head); the first frame is painted before
// the stage starts, so that starting never delays it.
const stageWasm = load("{stage_wasm}", "{stage_wasm_sri}", "high");
// Handled below, once the frame is painted: a wasm that fails to arrive before then is not an
// unhandled rejection (a heavier page paints later, and the fetch can fail first).
stageWasm.catch(() => {{}});
await new Promise(painted => requestAnimationFrame(() => setTimeout(painted)));
performance.mark("painted");
try {{
  await stage({{ module_or_path: stageWasm }});
  performance.mark("stage");
}} catch (error) {{
  console.warn("The stage did not start; the app will present the talk.", error);
}}
const glue = new URL("{app_js}", import.meta.url).href;
const preload = Object.assign(document.createElement("link"), {{ rel: "modulepreload", href: glue, integrity: "{app_js_sri}" }});
preload.fetchPriority = "low";
document.head.append(preload);
let wasm;
try {{
  const {{ default: app }} = await import(glue);
  wasm = await app({{ module_or_path: load("{app_wasm}", "{app_wasm_sri}", "low") }});
}} catch (error) {{
  console.warn("The app did not start; the stage presents the talk.", error);
}}
if (wasm) dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{ detail: {{ wasm }} }}));
"#,
        stage_js = stage.js,
        stage_wasm = stage.wasm,
        stage_wasm_sri = stage.wasm_integrity,
        app_js = app.js,
        app_js_sri = app.js_integrity,
        app_wasm = app.wasm,
        app_wasm_sri = app.wasm_integrity,
    )
}

/// What a `file://` page may not load, and so what the one file carries inside.
pub const ONE_FILE_POLICY: &str = "default-src 'none'; script-src 'wasm-unsafe-eval' 'inline-scripts'; \
     style-src 'inline-styles'; img-src data:; base-uri 'none'; form-action 'none'";

/// The stage's wasm in the one file (the app's is `id::ENGINE`).
const STAGE_ENGINE: &str = "engine-stage";

/// `talk.html`: the page with its programs and its pictures inside. A page opened from a file has
/// an opaque origin: module scripts, fetch and service workers are refused, so each wasm-bindgen
/// module becomes a classic script in a scope of its own, and each wasm comes from a data block
/// (gzip, base64) through `DecompressionStream`. Its own policy allows nothing from outside but
/// `data:` pictures. The stage starts first, as when served.
pub fn one_file(page: &str, stage: &Path, survey: &Survey) -> Result<String, String> {
    let packed = |file: &str| -> Result<String, String> {
        let wasm = std::fs::read(stage.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gzip, &wasm).map_err(|e| e.to_string())?;
        Ok(base64::engine::general_purpose::STANDARD.encode(gzip.finish().map_err(|e| e.to_string())?))
    };
    let stage_glue = classic_script(&read(&stage.join(&survey.stage.js))?)?;
    let app_glue = classic_script(&read(&stage.join(&survey.app.js))?)?;
    let engine = format!(
        "<script type=\"application/octet-stream\" id=\"{STAGE_ENGINE}\">{}</script>\
         <script type=\"application/octet-stream\" id=\"{app_engine}\">{}</script>\
         <script>(async()=>{{\
         const unpack=async id=>{{const b=atob(document.getElementById(id).textContent),u=new Uint8Array(b.length);\
         for(let i=0;i<b.length;i++)u[i]=b.charCodeAt(i);\
         return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream(\"gzip\"))).arrayBuffer()}};\n\
         const stage=(()=>{{{stage_glue}\nreturn __wbg_init}})();\n\
         try{{await stage({{module_or_path:await unpack(\"{STAGE_ENGINE}\")}})}}catch(e){{console.warn(\"The stage did not start; the app will present the talk.\",e)}}\n\
         const app=(()=>{{{app_glue}\nreturn __wbg_init}})();\n\
         let wasm;try{{wasm=await app({{module_or_path:await unpack(\"{app_engine}\")}})}}catch(e){{console.warn(\"The app did not start; the stage presents the talk.\",e)}}\
         if(wasm)dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\",{{detail:{{wasm}}}}))}})()</script>",
        packed(&survey.stage.wasm)?,
        packed(&survey.app.wasm)?,
        app_engine = id::ENGINE,
    );
    let picture_error = std::cell::RefCell::new(None);
    let policy = format!(r#"<meta http-equiv="Content-Security-Policy" content="{ONE_FILE_POLICY}">"#);
    let page = rewrite_str(
        page,
        RewriteStrSettings::new()
            // Out: what would be fetched (the loader, preloads, manifest, icon, trunk serve's reload).
            .append_element_content_handler(element!(
                "script[src], link[rel=modulepreload], link[rel=preload], link[rel=manifest], link[rel=icon]",
                |el| {
                    el.remove();
                    Ok(())
                }
            ))
            .append_element_content_handler(element!("meta[http-equiv=Content-Security-Policy]", |el| {
                el.replace(&policy, ContentType::Html);
                Ok(())
            }))
            .append_element_content_handler(element!("html", |el| {
                el.set_attribute(attr::ONE_FILE, "")?;
                Ok(())
            }))
            // In: every picture as data, and the programs at the end of the body.
            .append_element_content_handler(element!("img[src^='images/']", |el| {
                let file = el.get_attribute("src").unwrap_or_default();
                match std::fs::read(stage.join(&file)) {
                    Ok(bytes) => {
                        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
                        el.set_attribute("src", &format!("data:image/svg+xml;base64,{data}"))?;
                    }
                    Err(e) => *picture_error.borrow_mut() = Some(format!("cannot read {file}: {e}")),
                }
                Ok(())
            }))
            .append_element_content_handler(element!("body", |el| {
                el.append(&engine, ContentType::Html);
                Ok(())
            })),
    )
    .map_err(|e| format!("cannot write the one file: {e}"))?;
    match picture_error.into_inner() {
        Some(error) => Err(error),
        None => Ok(page),
    }
}

/// wasm-bindgen's ES module as a classic script's body: its exports become plain declarations,
/// and `import.meta.url` (only the default wasm address, unused here) the page's address.
pub fn classic_script(module: &str) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_becomes_a_classic_script_or_the_build_says_why() {
        let module = "let w;export class A{}export function f(){return new URL(\"x\",import.meta.url)}async function __wbg_init(){}export{f as initSync,__wbg_init as default};";
        assert_eq!(
            classic_script(module).unwrap(),
            "let w;class A{}function f(){return new URL(\"x\",location.href)}async function __wbg_init(){}"
        );
        assert!(classic_script("import x from './y.js';").is_err());
    }
}
