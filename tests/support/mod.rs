//! What the end-to-end tests stand on: `dist/` served on a free loopback port from inside the test
//! process, a chromedriver of our own, and a headless Chromium session with helpers that wait for
//! conditions (never for guessed times).

// Shared by several test binaries; each uses a part of it.
#![allow(dead_code)]

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{LazyLock, OnceLock};

/// The talk as the content compiler reads it: what the page (and so the app) holds.
pub static TALK: LazyLock<talk_compiler::Deck> = LazyLock::new(|| {
    talk_compiler::compile(include_str!("../../content/talk.md"), &|_| true).expect("the talk compiles")
});
use std::time::{Duration, Instant};

/// How long a condition may take before the test fails (generous: CI machines are slow).
const PATIENCE: Duration = Duration::from_secs(20);

/// The bundle under test: `DECK_DIST` (default `dist/`). The test command also runs the suite on a
/// build made with `--public-url /some/sub/path/`, served under that path (`DECK_PATH`).
pub fn dist() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dist = std::env::var_os("DECK_DIST").map_or_else(|| root.join("dist"), |d| root.join(d));
    assert!(
        dist.join("index.html").is_file(),
        "no {}/index.html: build the release bundle first (`.ci/deck build`, or `trunk build --release`)",
        dist.display()
    );
    dist
}

/// Which part of the deck a file of the bundle is, as the benchmark counts bytes: the page (the
/// talk, its CSS and inline scripts), the loader, the stage, the app; `None` for pictures and the
/// rest (icons, manifest, service worker, the one file).
pub fn tier_of(name: &str) -> Option<&'static str> {
    use deck_core::contract::program;
    let program =
        |p: &str| name.starts_with(&format!("{p}-")) && (name.ends_with(".js") || name.ends_with(".wasm"));
    if name == "index.html" {
        Some("page")
    } else if name.starts_with("boot-") && name.ends_with(".js") {
        Some("loader")
    } else if program(program::STAGE) {
        Some("stage")
    } else if program(program::APP) {
        Some("app")
    } else {
        None
    }
}

/// The pictures (`src`) of the first slide in the built `index.html` (the static talk's).
pub fn first_slide_pictures(page: &str) -> Vec<String> {
    let slide = page.split("id=\"/1\"").nth(1).and_then(|s| s.split("</section>").next());
    let slide = slide.expect("index.html carries the first slide");
    slide.split("src=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}

/// The path the bundle is served under: `DECK_PATH`, default `/`.
pub fn mount_path() -> String {
    let path = std::env::var("DECK_PATH").unwrap_or_else(|_| "/".into());
    assert!(path.starts_with('/') && path.ends_with('/'), "DECK_PATH must start and end with /: {path}");
    path
}

/// `127.0.0.1:port` of a base URL.
pub fn host_of(base: &str) -> &str {
    let rest = base.trim_start_matches("http://");
    rest.split('/').next().unwrap_or(rest)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" | "webmanifest" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

static NETWORK_CUT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// What the test server does besides serving files, for tests that need a hostile or slow network
/// in any browser: paths ending so get a 404, or wait before answering; and a script every page
/// loads first (`Browser::before_each_load` where the browser has no DevTools protocol).
#[derive(Default)]
struct ServerTricks {
    missing: Vec<String>,
    slow: Vec<(String, Duration)>,
    inject: String,
}

static TRICKS: std::sync::Mutex<ServerTricks> =
    std::sync::Mutex::new(ServerTricks { missing: Vec::new(), slow: Vec::new(), inject: String::new() });

fn tricks() -> std::sync::MutexGuard<'static, ServerTricks> {
    TRICKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// From now on the test server answers 404 for paths that end with any of `suffixes` (none: all
/// files are back).
pub fn make_missing(suffixes: &[&str]) {
    tricks().missing = suffixes.iter().map(|s| s.to_string()).collect();
}

/// From now on the test server waits `delay` before answering paths that end with `suffix`.
pub fn make_slow(suffix: &str, delay: Duration) {
    tricks().slow = vec![(suffix.to_string(), delay)];
}

/// Where the server's injected script is served; `index.html` gets a `<script src>` for it.
const INJECTED: &str = "__test/inject.js";

/// Cuts (or restores) the network between the browser and `dist/`: the server stops answering.
pub fn cut_network(cut: bool) {
    NETWORK_CUT.store(cut, std::sync::atomic::Ordering::SeqCst);
}

/// The base URL of `dist/`, served by a thread of this test process (started once).
/// A deliberately plain HTTP/1.1 server: a thread per connection, one request per connection
/// (`Connection: close`), so no keep-alive or pipelining state can stall a request.
pub fn serve_dist() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let root = dist();
        let mount = mount_path();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}{mount}");
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if NETWORK_CUT.load(std::sync::atomic::Ordering::SeqCst) {
                    // The network is "cut": the connection closes unanswered.
                    drop(stream);
                    continue;
                }
                let (root, mount) = (root.clone(), mount.clone());
                std::thread::spawn(move || respond(&root, &mount, stream));
            }
        });
        base
    })
}

fn respond(root: &Path, mount: &str, mut stream: TcpStream) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    // Outside the mount path nothing exists, as on a host that serves the deck under a sub-path.
    let relative = path.strip_prefix(mount);
    let safe = relative.is_some_and(|r| !r.split('/').any(|p| p == ".."));
    let relative = match relative {
        Some("") | None => "index.html",
        Some(r) => r,
    };
    let (missing, delay, inject) = {
        let t = tricks();
        let missing = t.missing.iter().any(|m| relative.ends_with(m.as_str()));
        let delay = t.slow.iter().find(|(p, _)| relative.ends_with(p.as_str())).map(|(_, d)| *d);
        (missing, delay, t.inject.clone())
    };
    if let Some(delay) = delay {
        std::thread::sleep(delay);
    }
    if relative == INJECTED {
        let header = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/javascript\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            inject.len()
        );
        let _ = stream.write_all(header.as_bytes()).and_then(|()| stream.write_all(inject.as_bytes()));
        return;
    }
    let file = root.join(relative);
    let (status, kind, mut body) = match std::fs::read(&file) {
        Ok(body) if safe && !missing => ("200 OK", content_type(&file), body),
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    // The injected script runs before the page's own (after the CSP <meta>, which allows 'self').
    if relative == "index.html" && !inject.is_empty() && status.starts_with("200") {
        let page = String::from_utf8_lossy(&body).into_owned();
        if let Some(at) = page.find("<script") {
            body = format!("{}<script src=\"{INJECTED}\"></script>{}", &page[..at], &page[at..]).into_bytes();
        }
    }
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes()).and_then(|()| stream.write_all(&body));
}

/// Real nginx (Debian's package) serving `dist/` with `deploy/nginx/cppg-deck.conf` on a free
/// port, stopped when dropped.
pub struct Nginx {
    child: Child,
    pub base: &'static str,
    _dir: PathBuf,
}

impl Nginx {
    pub fn start() -> Nginx {
        Nginx::serve(&dist(), &|site| site)
    }

    /// The same server for another directory than `dist/` (the benchmark serves Marp's deck so),
    /// its server block first passed through `edit` (e.g. another page's script hashes).
    pub fn serve(dir: &Path, edit: &dyn Fn(String) -> String) -> Nginx {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = std::fs::read_to_string(root.join("deploy/nginx/cppg-deck.conf"))
            .expect("deploy/nginx/cppg-deck.conf");
        let port = free_port();
        let site = edit(site)
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("listen [::]:80;", "")
            .replace("root /var/www/cppg-deck;", &format!("root {};", dir.display()));
        let dir = std::env::temp_dir().join(format!("cppg-deck-nginx-{port}"));
        std::fs::create_dir_all(&dir).unwrap();
        let brotli = Path::new("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so");
        assert!(
            brotli.is_file(),
            "nginx's brotli module is missing (Debian: libnginx-mod-http-brotli-static)"
        );
        let conf = format!(
            "load_module {};\nworker_processes 1;\npid {dir}/nginx.pid;\nerror_log stderr warn;\n\
             {}events {{ worker_connections 64; }}\n\
             http {{\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n access_log off;\n\
             client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;\n\
             uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;\n{site}\n}}\n",
            brotli.display(),
            // As root, workers would drop to `nobody`, who may not read the checkout.
            if running_as_root() { "user root;\n" } else { "" },
            dir = dir.display(),
        );
        std::fs::write(dir.join("nginx.conf"), conf).unwrap();
        let binary = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
        let child = Command::new(&binary)
            .args(["-p", &dir.display().to_string(), "-c", "nginx.conf", "-g", "daemon off;"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start nginx at {binary}: {e} (apt install nginx)"));
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not listen on {port}");
            std::thread::sleep(Duration::from_millis(25));
        }
        let base: &'static str = Box::leak(format!("http://127.0.0.1:{port}/").into_boxed_str());
        Nginx { child, base, _dir: dir }
    }
}

impl Nginx {
    /// The master process.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The pids of the master's workers, from /proc.
    pub fn workers(&self) -> Vec<u32> {
        children_of(self.child.id())
    }

    /// Stops nginx as it is meant to be stopped: SIGQUIT to the master, which lets its workers
    /// finish and exit, then waits for it (SIGKILL only if it has not stopped in time).
    pub fn stop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let quit = Command::new("kill").args(["-QUIT", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + PATIENCE;
        while quit.as_ref().is_ok_and(|s| s.success()) && Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The pids whose parent is `parent` (Linux /proc).
fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            status.lines().any(|l| l.strip_prefix("PPid:").is_some_and(|p| p.trim() == parent.to_string()))
        })
        .collect()
}

/// Whether process `pid` still exists (a zombie counts: nobody has reaped it).
pub fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// One HTTP/1.1 GET: the status line and headers (lower-cased names), and the body's length.
pub fn http_get(base: &str, path: &str, headers: &[(&str, &str)]) -> (String, Vec<(String, String)>, usize) {
    let mut stream = TcpStream::connect(host_of(base)).expect("connect");
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", host_of(base));
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let split = reply.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
    let head = String::from_utf8_lossy(&reply[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, reply.len() - split - 4)
}

/// The browser the tests drive: `DECK_BROWSER=firefox` for Firefox ESR through geckodriver,
/// else Chromium through chromedriver.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    Chromium,
    Firefox,
}

pub fn engine() -> Engine {
    match std::env::var("DECK_BROWSER").as_deref() {
        Ok("firefox") => Engine::Firefox,
        _ => Engine::Chromium,
    }
}

/// A WebDriver server of this test's own (chromedriver or geckodriver), killed when dropped.
/// geckodriver's output holds Firefox's console (see `Browser::console_errors`).
struct Driver {
    child: Child,
    url: String,
    log: Option<PathBuf>,
}

impl Driver {
    fn start(engine: Engine) -> Driver {
        let port = free_port();
        let (binary, args, log) = match engine {
            Engine::Chromium => (
                std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
                vec![format!("--port={port}")],
                None,
            ),
            Engine::Firefox => (
                std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into()),
                // System access: media emulation sets Firefox preferences (see `emulate_media`).
                vec![format!("--port={port}"), "--allow-system-access".into()],
                Some(std::env::temp_dir().join(format!("cppg-deck-geckodriver-{port}.log"))),
            ),
        };
        let output = || match &log {
            Some(path) => Stdio::from(std::fs::File::create(path).expect("geckodriver's log file")),
            None => Stdio::null(),
        };
        let child = Command::new(&binary)
            .args(&args)
            .stdout(output())
            .stderr(output())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e} (set CHROMEDRIVER or GECKODRIVER)"));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + PATIENCE;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "{binary} did not listen on {port}");
            std::thread::sleep(Duration::from_millis(25));
        }
        Driver { child, url, log }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A driver's own command: POST `body` to `session/{id}/{path}`. chromedriver's logs since the
/// last call (`se/log`: the console, or DevTools events with every network request of every
/// window) and its DevTools bridge (`goog/cdp/execute`); geckodriver's switch between page
/// scripts and privileged ("chrome") scripts (`moz/context`).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: serde_json::Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/{}", session.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

fn chromedriver_log(kind: &str) -> SessionPost {
    SessionPost { path: "se/log", body: json!({ "type": kind }) }
}

fn gecko_context(context: &str) -> SessionPost {
    SessionPost { path: "moz/context", body: json!({ "context": context }) }
}

/// Injected into every page: a CSP violation becomes a console error, which fails the test.
const REPORT_CSP_VIOLATIONS: &str = "document.addEventListener('securitypolicyviolation', e => \
    console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile}:${e.lineNumber}`));";

pub struct Browser {
    pub client: Client,
    pub base: &'static str,
    pub engine: Engine,
    driver: Driver,
    /// How much of geckodriver's log `console_errors` has read.
    log_read: std::cell::Cell<u64>,
}

impl Browser {
    pub async fn start() -> Browser {
        Browser::start_sized(1280, 720).await
    }

    pub async fn start_sized(width: u32, height: u32) -> Browser {
        Browser::start_at(serve_dist(), width, height).await
    }

    /// A browser for the deck at `base` (another server than the test's own, e.g. nginx).
    pub async fn start_at(base: &'static str, width: u32, height: u32) -> Browser {
        // A new test: the server answers, serves every file, at once, and injects nothing.
        *tricks() = ServerTricks::default();
        cut_network(false);
        let engine = engine();
        let driver = Driver::start(engine);
        let mut caps = Capabilities::new();
        if engine == Engine::Firefox {
            caps.insert("browserName".into(), json!("firefox"));
            caps.insert(
                "moz:firefoxOptions".into(),
                json!({
                    "binary": std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into()),
                    "args": ["-headless"],
                    "prefs": {
                        // The page's console on geckodriver's output; the browser's own stays out.
                        "devtools.console.stdout.content": true,
                        "devtools.console.stdout.chrome": false,
                        "app.normandy.enabled": false,
                        "messaging-system.rsexperimentloader.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "dom.disable_open_during_load": false,
                        // Touch events, as on a phone (Chromium has them in headless mode).
                        "dom.w3c_touch_events.enabled": 1,
                    },
                }),
            );
            let client = ClientBuilder::new(hyper_util_connector())
                .capabilities(caps)
                .connect(&driver.url)
                .await
                .expect("a geckodriver session");
            let browser = Browser { client, base, engine, driver, log_read: 0.into() };
            browser.set_inner_size(width, height).await;
            tricks().inject = REPORT_CSP_VIOLATIONS.to_string();
            return browser;
        }
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--hide-scrollbars",
                    // Tests and the benchmark change slides faster than people: no history throttling.
                    "--disable-ipc-flooding-protection",
                    format!("--window-size={width},{height}"),
                ],
                "perfLoggingPrefs": { "enableNetwork": true, "enablePage": false },
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL", "performance": "ALL" }));
        let client = ClientBuilder::new(hyper_util_connector())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("a chromedriver session");
        let browser = Browser { client, base, engine, driver, log_read: 0.into() };
        browser.before_each_load(REPORT_CSP_VIOLATIONS).await;
        browser
    }

    /// Sizes the window so that the page gets `width` × `height` CSS pixels. A window manager
    /// applies a resize when it gets to it (after a burst of resizes, a late one can land after
    /// ours), so this waits for the viewport to reach the size, correcting for the browser's own
    /// frame. Firefox will not make a window narrower than its toolbar (500 px): there the page
    /// gets that narrowest width, which is still under every phone breakpoint of the deck, and
    /// the test says so on its output.
    pub async fn set_inner_size(&self, width: u32, height: u32) {
        let mut want = [width as f64, height as f64];
        let mut outer = want;
        let mut seen = vec![0.0; 4];
        for _ in 0..6 {
            let before = seen[0];
            self.client.set_window_size(outer[0] as u32, outer[1] as u32).await.unwrap();
            let deadline = Instant::now() + Duration::from_secs(1);
            loop {
                seen = self.eval("return [innerWidth, innerHeight, outerWidth, outerHeight]").await;
                if (seen[0] - want[0]).abs() < 0.5 && (seen[1] - want[1]).abs() < 0.5 {
                    return;
                }
                if Instant::now() >= deadline {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let frame = [(seen[2] - seen[0]).max(0.0), (seen[3] - seen[1]).max(0.0)];
            if !self.is_chromium() && seen[0] > want[0] && seen[0] == before && outer[0] < seen[2] {
                eprintln!(
                    "Firefox keeps its window at least {} px wide: the page gets {}×{}",
                    seen[2], seen[0], want[1]
                );
                want[0] = seen[0];
            }
            outer = [want[0] + frame[0], want[1] + frame[1]];
        }
        panic!("the viewport never became {}×{}: it is {}×{}", want[0], want[1], seen[0], seen[1]);
    }

    pub fn is_chromium(&self) -> bool {
        self.engine == Engine::Chromium
    }

    /// A Chrome DevTools Protocol command on this window, and its result (Chromium only: tests
    /// check `is_chromium()` first).
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        assert!(self.is_chromium(), "CDP {cmd} in {:?}", self.engine);
        let command = SessionPost { path: "goog/cdp/execute", body: json!({ "cmd": cmd, "params": params }) };
        self.client.issue_cmd(command).await.unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    /// Runs `source` in every document this window loads from now on, before the page's scripts.
    /// Firefox has no such command: there the test server adds it to the pages it serves.
    pub async fn before_each_load(&self, source: &str) {
        if !self.is_chromium() {
            let mut t = tricks();
            t.inject.push('\n');
            t.inject.push_str(source);
            return;
        }
        self.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
    }

    /// Downloads go into `dir`, without asking (Chromium: DevTools; Firefox: its preferences).
    pub async fn download_to(&self, dir: &Path) {
        let dir = dir.display().to_string();
        if !self.is_chromium() {
            self.client.issue_cmd(gecko_context("chrome")).await.expect("privileged context");
            let set = format!(
                "Services.prefs.setIntPref('browser.download.folderList', 2); \
                 Services.prefs.setStringPref('browser.download.dir', {}); \
                 Services.prefs.setBoolPref('browser.download.useDownloadDir', true); \
                 Services.prefs.setBoolPref('browser.download.always_ask_before_handling_new_types', false); \
                 Services.prefs.setStringPref('browser.helperApps.neverAsk.saveToDisk', 'text/plain'); \
                 Services.prefs.setBoolPref('browser.download.manager.showWhenStarting', false); \
                 return true",
                json!(dir)
            );
            let done = self.client.execute(&set, vec![]).await;
            self.client.issue_cmd(gecko_context("content")).await.expect("page context");
            done.expect("setting Firefox's download preferences");
            return;
        }
        self.cdp("Browser.setDownloadBehavior", json!({ "behavior": "allow", "downloadPath": dir })).await;
    }

    /// Turns the page's scripts off for the next loads, as a visitor with JavaScript disabled has
    /// it (Chromium: DevTools emulation; Firefox: the `javascript.enabled` preference).
    pub async fn disable_scripts(&self) {
        if !self.is_chromium() {
            self.client.issue_cmd(gecko_context("chrome")).await.expect("privileged context");
            let done = self
                .client
                .execute("Services.prefs.setBoolPref('javascript.enabled', false); return true", vec![])
                .await;
            self.client.issue_cmd(gecko_context("content")).await.expect("page context");
            done.expect("setting a Firefox preference");
            return;
        }
        self.cdp("Emulation.setScriptExecutionDisabled", json!({ "value": true })).await;
    }

    /// Emulates a CSS media feature, e.g. `("prefers-reduced-motion", "reduce")`. In Firefox, by
    /// setting the preference behind it from a privileged script.
    pub async fn emulate_media(&self, name: &str, value: &str) {
        if !self.is_chromium() {
            let pref = match (name, value) {
                ("prefers-color-scheme", "dark") => "layout.css.prefers-color-scheme.content-override', 0",
                ("prefers-color-scheme", "light") => "layout.css.prefers-color-scheme.content-override', 1",
                ("prefers-reduced-motion", "reduce") => "ui.prefersReducedMotion', 1",
                ("prefers-reduced-motion", _) => "ui.prefersReducedMotion', 0",
                other => panic!("no Firefox preference for {other:?}"),
            };
            self.client.issue_cmd(gecko_context("chrome")).await.expect("privileged context");
            let set = format!("Services.prefs.setIntPref('{pref}); return true");
            let done = self.client.execute(&set, vec![]).await;
            self.client.issue_cmd(gecko_context("content")).await.expect("page context");
            done.expect("setting a Firefox preference");
        } else {
            self.cdp("Emulation.setEmulatedMedia", json!({ "features": [{ "name": name, "value": value }] }))
                .await;
        }
        // Firefox hands a preference to the page's process later, not at once.
        let query = format!("({name}: {value})");
        self.wait_until(
            &format!("the page to match {query}"),
            &format!("return matchMedia({query:?}).matches"),
        )
        .await;
    }

    /// Loads the deck afresh at `hash` (a real page load, not a same-page hash change).
    pub async fn open(&self, hash: &str) {
        self.client.goto("about:blank").await.unwrap();
        self.client.goto(&format!("{}{}", self.base, hash)).await.unwrap();
        self.wait_for_app().await;
    }

    pub async fn wait_for_app(&self) {
        // The page shows the talk before the app: wait until the app has mounted and dressed it.
        let mounted = "return document.documentElement.classList.contains('live')";
        self.wait_until("the app to mount", mounted).await;
    }

    /// Runs `script` (a function body that returns a value) and decodes the result.
    pub async fn eval<T: serde::de::DeserializeOwned>(&self, script: &str) -> T {
        let value = self.client.execute(script, vec![]).await.unwrap();
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{script} gave {value}: {e}"))
    }

    /// Polls `script` until it returns true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if self.eval::<bool>(script).await {
                return;
            }
            if Instant::now() >= deadline {
                let seen: String =
                    self.eval("return location.href + ' ' + document.body.innerHTML.slice(-400)").await;
                panic!("timed out waiting for {what}; the page: {seen}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn wait_for_hash(&self, hash: &str) {
        let script = format!("return location.hash === {}", json!(hash));
        self.wait_until(&format!("the hash to be {hash}"), &script).await;
    }

    /// The address, once the app has written it: the app writes it in the idle time after the
    /// frame a change paints (see `browser::after_next_paint`).
    pub async fn hash(&self) -> String {
        self.after_paint().await;
        self.eval("return location.hash").await
    }

    /// Resolves after the page's next frame is painted and the app has done what it left for the
    /// idle time after it (idle callbacks run in the order they were asked for).
    pub async fn after_paint(&self) {
        let script =
            "return new Promise(r => requestAnimationFrame(() => requestIdleCallback(() => r(true))))";
        assert!(self.eval::<bool>(script).await);
    }

    /// The 1-based number of the slide shown.
    pub async fn current(&self) -> usize {
        let index: String = self
            .eval("const c = document.querySelectorAll('section.slide.current'); return c.length === 1 ? c[0].dataset.index : 'none'")
            .await;
        index.parse().unwrap_or_else(|_| panic!("exactly one current slide expected, got {index}"))
    }

    /// A real key press (down and up) through WebDriver.
    pub async fn press(&self, key: Key) {
        self.type_char(key.into(), false).await;
    }

    pub async fn type_char(&self, c: char, shift: bool) {
        self.chord(c, shift, false).await;
    }

    /// A key pressed with Shift and/or Control held.
    pub async fn chord(&self, c: char, shift: bool, ctrl: bool) {
        let modifiers: Vec<char> = [(shift, Key::Shift), (ctrl, Key::Control)]
            .into_iter()
            .filter(|(held, _)| *held)
            .map(|(_, key)| key.into())
            .collect();
        let mut keys = KeyActions::new("keyboard".into());
        for m in &modifiers {
            keys = keys.then(KeyAction::Down { value: *m });
        }
        keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        for m in modifiers.iter().rev() {
            keys = keys.then(KeyAction::Up { value: *m });
        }
        self.client.perform_actions(keys).await.unwrap();
    }

    /// The window that is not one of `known`, once the page has opened it (polled: WebDriver has
    /// no event for a new window).
    pub async fn new_window(&self, known: &[fantoccini::wd::WindowHandle]) -> fantoccini::wd::WindowHandle {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let windows = self.client.windows().await.unwrap();
            if let Some(w) = windows.into_iter().find(|w| !known.contains(w)) {
                return w;
            }
            assert!(std::time::Instant::now() < deadline, "no new window opened");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Console errors since the last call; warnings are printed, not failed on (Chromium warns
    /// that it ignores `integrity` on the wasm preload, which Trunk emits).
    pub async fn console_errors(&self) -> Vec<String> {
        if let Some(path) = &self.driver.log {
            return self.firefox_console_errors(path);
        }
        let log =
            self.client.issue_cmd(chromedriver_log("browser")).await.expect("chromedriver's browser log");
        let mut errors = Vec::new();
        for entry in log.as_array().into_iter().flatten() {
            let message = entry["message"].as_str().unwrap_or_default().to_string();
            match entry["level"].as_str() {
                Some("SEVERE") => errors.push(message),
                Some("WARNING") => eprintln!("console warning: {message}"),
                _ => {}
            }
        }
        errors
    }

    /// Firefox prints the page's console on geckodriver's output: `console.error: "…"` and
    /// `JavaScript error: URL, line N: …` (uncaught errors and rejections).
    fn firefox_console_errors(&self, path: &Path) -> Vec<String> {
        let text = std::fs::read(path).unwrap_or_default();
        let from = (self.log_read.get() as usize).min(text.len());
        self.log_read.set(text.len() as u64);
        let host = host_of(self.base);
        String::from_utf8_lossy(&text[from..])
            .lines()
            // A page's message is quoted (`console.error: "…"`); Firefox's own loggers are not.
            .filter(|l| {
                l.starts_with("console.error: \"") || (l.starts_with("JavaScript error:") && l.contains(host))
            })
            .map(str::to_string)
            .collect()
    }

    /// Every URL the browser requested since the last call, in every window. Firefox has no
    /// network log for WebDriver: there, the resources of the page shown now.
    pub async fn requests(&self) -> Vec<String> {
        if !self.is_chromium() {
            return self
                .eval("return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]")
                .await;
        }
        let log = self
            .client
            .issue_cmd(chromedriver_log("performance"))
            .await
            .expect("chromedriver's performance log");
        let mut urls = Vec::new();
        for entry in log.as_array().into_iter().flatten() {
            let Ok(event) =
                serde_json::from_str::<serde_json::Value>(entry["message"].as_str().unwrap_or("{}"))
            else {
                continue;
            };
            if event["message"]["method"] == "Network.requestWillBeSent" {
                if let Some(url) = event["message"]["params"]["request"]["url"].as_str() {
                    urls.push(url.to_string());
                }
            }
        }
        urls
    }

    /// Fails on any console error (CSP violations included) and on any request that left the
    /// deck's origin, then ends the session.
    pub async fn finish(self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
        let host = self.base.find("://").map_or(0, |i| i + 3);
        let origin = &self.base[..self.base[host..].find('/').map_or(self.base.len(), |i| i + host)];
        let requests = self.requests().await;
        assert!(!requests.is_empty(), "the performance log recorded no request");
        let foreign: Vec<&String> = requests
            .iter()
            .filter(|url| !url.starts_with(origin) && !url.starts_with("about:") && !url.starts_with("data:"))
            .collect();
        assert!(foreign.is_empty(), "requests that left {origin}: {foreign:?}");
        self.client.close().await.unwrap();
    }
}

fn hyper_util_connector() -> hyper_util::client::legacy::connect::HttpConnector {
    hyper_util::client::legacy::connect::HttpConnector::new()
}

/// Prints `?query` to PDF through WebDriver at the deck's page size, and returns each page's text.
pub async fn print_pages(b: &Browser, query: &str) -> Vec<String> {
    use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintOrientation, PrintSize};
    b.open(query).await;
    b.wait_until(
        "every printed slide's images",
        "return [...document.querySelectorAll('.print img')].every(i => i.complete && i.naturalWidth > 0)",
    )
    .await;
    let config = PrintConfiguration::builder()
        .size(PrintSize { width: 33.867, height: 19.05 })
        // Width and height already make it landscape (WebDriver would swap them for Landscape;
        // Chromium follows the page's @page size either way, Firefox does not).
        .orientation(PrintOrientation::Portrait)
        .margins(PrintMargins { top: 0.0, bottom: 0.0, left: 0.0, right: 0.0 })
        .background(true)
        .shrink_to_fit(false)
        .build()
        .unwrap();
    let pdf = b.client.print(config).await.expect("print to PDF");
    let dir = std::env::temp_dir().join(format!("cppg-deck-print-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.pdf", query.replace(['?', '&', '#', '/'], "_")));
    std::fs::write(&file, &pdf).unwrap();
    if let Some(shots) = std::env::var_os("SCREENSHOTS") {
        std::fs::create_dir_all(&shots).unwrap();
        std::fs::copy(&file, std::path::Path::new(&shots).join(file.file_name().unwrap())).unwrap();
    }
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils; .ci/deck installs it)");
    assert!(out.status.success(), "pdftotext failed");
    // Firefox's PDFs keep typographic ligatures ("ﬁ"): read them as letters.
    let text = String::from_utf8_lossy(&out.stdout)
        .replace('\u{fb00}', "ff")
        .replace('\u{fb01}', "fi")
        .replace('\u{fb02}', "fl")
        .replace('\u{fb03}', "ffi")
        .replace('\u{fb04}', "ffl");
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<String> =
        text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}
