//! End to end through real nginx with `deploy/nginx/cppg-deck.conf`: the response headers a host
//! must get right, then a smoke subset of the browser suite (CSP header and <meta> both enforced).
//! Needs `.ci/deck build` (dist/ with its .gz and .br copies) and Debian's nginx with the brotli
//! static module; `.ci/deck test` provides both.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use support::TALK;
use support::{http_get, process_exists, Browser, Nginx};

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// The name of the one file in dist/ that matches.
fn built(prefix: &str, suffix: &str) -> String {
    std::fs::read_dir(support::dist())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {prefix}*{suffix} in dist/"))
}

#[test]
#[ignore = "needs dist/ and nginx: run by `.ci/deck test`"]
fn nginx_sends_the_right_types_encodings_caching_and_headers() {
    let mut nginx = Nginx::start();
    let wasm = format!("/{}", built("cppg-deck-", "_bg.wasm"));
    let raw = std::fs::metadata(support::dist().join(&wasm[1..])).unwrap().len() as usize;

    let (status, h, len) = http_get(nginx.base, &wasm, &[("Accept-Encoding", "gzip, deflate, br")]);
    assert!(status.contains("200"), "{status}");
    assert_eq!(header(&h, "content-type"), "application/wasm");
    assert_eq!(header(&h, "content-encoding"), "br", "brotli copy served");
    assert!(len < raw / 2, "{len} bytes of brotli for {raw} raw");
    assert_eq!(header(&h, "cache-control"), "public, max-age=31536000, immutable");
    assert!(header(&h, "vary").contains("Accept-Encoding"));

    let (_, h, _) = http_get(nginx.base, &wasm, &[("Accept-Encoding", "gzip")]);
    assert_eq!(header(&h, "content-encoding"), "gzip");
    let (_, h, len) = http_get(nginx.base, &wasm, &[]);
    assert_eq!((header(&h, "content-encoding"), len), ("", raw), "identity for a client without encodings");

    for page in ["/", "/index.html", "/sw.js"] {
        let (status, h, _) = http_get(nginx.base, page, &[("Accept-Encoding", "br")]);
        assert!(status.contains("200"), "{page}: {status}");
        assert_eq!(header(&h, "cache-control"), "no-cache", "{page} is revalidated on every visit");
        let policy = header(&h, "content-security-policy");
        assert!(
            policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert_eq!(header(&h, "x-content-type-options"), "nosniff");
        assert_eq!(header(&h, "referrer-policy"), "no-referrer");
    }
    assert_eq!(header(&h, "content-disposition"), "", "the page is shown, not downloaded");
    // The one-file edition comes as a download, compressed like the page.
    let (status, h, _) = http_get(nginx.base, "/talk.html", &[("Accept-Encoding", "br")]);
    assert!(status.contains("200"), "{status}");
    assert_eq!(header(&h, "content-disposition"), "attachment; filename=\"talk.html\"");
    assert_eq!(header(&h, "content-encoding"), "br");
    let (_, h, _) = http_get(nginx.base, "/manifest.webmanifest", &[]);
    assert_eq!(header(&h, "content-type"), "application/manifest+json");
    let (status, _, _) = http_get(nginx.base, "/images/no-such-picture.svg", &[]);
    assert!(status.contains("404"), "{status}");

    // Stopped, it leaves nothing running: neither its master nor a worker.
    let (master, workers) = (nginx.pid(), nginx.workers());
    assert!(!workers.is_empty(), "nginx {master} runs a worker");
    nginx.stop();
    let left: Vec<u32> = [master].iter().chain(&workers).copied().filter(|&p| process_exists(p)).collect();
    assert!(left.is_empty(), "processes of nginx left running: {left:?}");
}

#[tokio::test]
#[ignore = "needs dist/, nginx and chromedriver: run by `.ci/deck test`"]
async fn the_deck_works_through_nginx() {
    let nginx = Nginx::start();
    let b = Browser::start_at(nginx.base, 1280, 720).await;
    b.open("").await;
    assert_eq!(b.current().await, 1);
    let total = TALK.slides.len();
    b.press(Key::End).await;
    b.wait_until("the last slide", &format!("return location.hash.startsWith('#/{total}')")).await;
    b.press(Key::Home).await;
    b.wait_for_hash("#/1").await;
    b.open("?view=read#/5").await;
    b.wait_until("the reading view", "return document.documentElement.classList.contains('reading')").await;
    b.open("?view=speaker#/3").await;
    b.wait_until("the speaker view", "return !!document.querySelector('.speaker-current .preview')").await;
    b.wait_until(
        "the service worker to take control",
        "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller",
    )
    .await;
    b.finish().await;
}
