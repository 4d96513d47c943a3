//! The page's Content Security Policy: the `<meta>` policy has `'inline-scripts'` and
//! `'inline-styles'` slots, and each becomes the hashes of the page's inline `<script>` or
//! `<style>` contents (data blocks, which never run, are left out).

use base64::Engine as _;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use sha2::{Digest, Sha256};
use std::cell::RefCell;

/// `'sha256-…'` of a script or style.
pub fn hash(code: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(code.as_bytes())))
}

/// The contents of every inline script that runs, and of every inline style, in order.
pub fn inline_code(html: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let scripts = RefCell::new(Vec::<String>::new());
    let styles = RefCell::new(Vec::<String>::new());
    let runs = "script:not([src]):not([type='application/json']):not([type='application/octet-stream'])";
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!(runs, |_| {
                scripts.borrow_mut().push(String::new());
                Ok(())
            }))
            .append_element_content_handler(text!(runs, |t| {
                if let Some(last) = scripts.borrow_mut().last_mut() {
                    last.push_str(t.as_str());
                }
                Ok(())
            }))
            .append_element_content_handler(element!("style", |_| {
                styles.borrow_mut().push(String::new());
                Ok(())
            }))
            .append_element_content_handler(text!("style", |t| {
                if let Some(last) = styles.borrow_mut().last_mut() {
                    last.push_str(t.as_str());
                }
                Ok(())
            })),
    )
    .map_err(|e| format!("cannot read the page's inline code: {e}"))?;
    Ok((scripts.into_inner(), styles.into_inner()))
}

/// The page with its policy's slots filled.
pub fn fill(html: &str) -> Result<String, String> {
    let (scripts, styles) = inline_code(html)?;
    let join = |code: &[String]| code.iter().map(|c| hash(c)).collect::<Vec<_>>().join(" ");
    let (scripts, styles) = (join(&scripts), join(&styles));
    let missing = RefCell::new(false);
    let page = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(
            "meta[http-equiv=Content-Security-Policy]",
            |el| {
                let policy = el.get_attribute("content").unwrap_or_default();
                if !policy.contains("'inline-scripts'") || !policy.contains("'inline-styles'") {
                    *missing.borrow_mut() = true;
                }
                let policy = policy.replace("'inline-scripts'", &scripts).replace("'inline-styles'", &styles);
                el.set_attribute("content", &policy)?;
                Ok(())
            }
        )),
    )
    .map_err(|e| format!("cannot fill the policy: {e}"))?;
    if missing.into_inner() {
        return Err("the CSP <meta> needs the 'inline-scripts' and 'inline-styles' slots".into());
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_get_the_hash_of_each_inline_block() {
        let page = r#"<meta content="script-src 'self' 'inline-scripts'; style-src 'inline-styles'" http-equiv=Content-Security-Policy><script>a()</script><style>p{}</style><script src=x.js></script><script type="application/json">[1]</script>"#;
        let done = fill(page).unwrap();
        let (a, p) = (hash("a()"), hash("p{}"));
        assert!(done.contains(&format!("script-src 'self' {a}; style-src {p}")), "{done}");
    }

    #[test]
    fn a_page_without_slots_is_refused() {
        assert!(fill(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#).is_err());
    }
}
