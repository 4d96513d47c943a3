//! End to end, README's present command as a speaker runs it: `.ci/deck present` builds and serves
//! the deck with `trunk serve`; the page loads with no console error and no CSP violation (trunk's
//! live-reload script included), and an edit reloads the open page. Run by `.ci/deck test` with
//! `--ignored`, once the tools are installed.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};
use support::Browser;

/// A build takes minutes on a cold, busy machine; the rebuild after an edit less.
const BUILD_PATIENCE: Duration = Duration::from_secs(600);

/// `.ci/deck present` running in a process group of its own, stopped with Ctrl+C (SIGINT) as a
/// speaker stops it.
struct Present(Child);

impl Drop for Present {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-INT", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port()
}

/// Polls `check` until it is true, for at most `patience`.
async fn wait_long(b: &Browser, what: &str, check: &str, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        // A navigation in progress (the reload) may fail a script: that is "not yet".
        let value = b.client.execute(check, vec![]).await;
        if value.is_ok_and(|v| v == serde_json::Value::Bool(true)) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out after {patience:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "builds and serves with trunk, then drives a browser: run by `.ci/deck test`"]
async fn the_present_command_serves_a_clean_page_that_reloads_after_an_edit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let port = free_port();
    let mut child = Command::new("bash")
        .arg(root.join(".ci/deck"))
        .arg("present")
        .env("PORT", port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("bash runs .ci/deck present");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let present = Present(child);

    // It prints the URL it serves, on the port asked for (free, so used as it is).
    let url = format!("http://127.0.0.1:{port}/");
    let mut line = String::new();
    loop {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "present ended before printing its URL");
        if line.starts_with("http") {
            break;
        }
    }
    assert_eq!(line.trim(), url);
    // Keep reading trunk's output (so that it never blocks on a full pipe), and notice a failed build.
    let failed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    fn watch(out: impl BufRead + Send + 'static, failed: std::sync::Arc<std::sync::atomic::AtomicBool>) {
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                eprintln!("{line}");
                if line.contains("error from build pipeline") {
                    failed.store(true, std::sync::atomic::Ordering::SeqCst);
                }
            }
        });
    }
    watch(stdout, failed.clone());
    watch(stderr, failed.clone());
    let build_failed = move || failed.load(std::sync::atomic::Ordering::SeqCst);

    let deadline = Instant::now() + BUILD_PATIENCE;
    let serving = || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
            && support::http_get(&url, "/", &[]).0.contains("200")
    };
    while !serving() {
        assert!(!build_failed(), "present's build failed (its output is above)");
        assert!(Instant::now() < deadline, "present served nothing at {url}");
        std::thread::sleep(Duration::from_millis(250));
    }
    let base: &'static str = Box::leak(url.into_boxed_str());
    let b = Browser::start_at(base, 1280, 720).await;
    b.open("#/2").await;
    assert_eq!(b.current().await, 2);
    let live: bool = b.eval("return !!document.querySelector('script[src$=\"live-reload.js\"]')").await;
    assert!(live, "the served page loads trunk's live-reload script as a file");

    // An edit (here: a stylesheet saved again) rebuilds the deck, and the open page reloads.
    b.eval::<bool>("window.beforeTheEdit = true; return true").await;
    let css = root.join("public/css/base.css");
    std::fs::File::options().append(true).open(&css).unwrap().set_modified(SystemTime::now()).unwrap();
    wait_long(
        &b,
        "the page to reload after the edit",
        "return window.beforeTheEdit !== true",
        BUILD_PATIENCE,
    )
    .await;
    b.wait_for_app().await;
    assert_eq!(b.current().await, 2, "the reloaded page keeps its place");
    // No console error (a CSP violation is one) and no request to another origin, before or after.
    b.finish().await;
    drop(present);
}
