//! End to end, the speaker view's pace and a rehearsal, with the clock under the test's control:
//! a script that runs before the page's own replaces `Date.now` (through which the app reads every
//! time, `deck_web::now`) with a reading the test sets in localStorage, shared by every window of
//! the origin. No sleeps: each step waits for what the page shows.
//! Needs `dist/` and chromedriver (or geckodriver); run by `.ci/deck test` with `--ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use deck_core::nav::Position;
use deck_core::plan::{describe, Plan};
use deck_core::rehearsal::minutes_lines;
use fantoccini::key::Key;
use serde_json::json;
use support::{Browser, TALK};

/// The clock the page reads: `test:now` in localStorage (milliseconds since the epoch), else a
/// fixed moment. `new Date()` (the speaker view's wall clock) keeps the real time.
const CLOCK: &str = "(() => { const start = 1800000000000; \
    Date.now = () => { const t = Number(localStorage.getItem('test:now')); return t > 0 ? t : start; }; })();";

/// The clipboard, as the test wants it: what is written is kept in the page (`data-copied` on
/// `<html>`, which the test's scripts see in every browser), and the browser refuses once
/// `data-refuse` is set there.
const CLIPBOARD: &str = "(() => { const html = () => document.documentElement; \
    const write = text => 'refuse' in html().dataset \
    ? Promise.reject(new DOMException('refused', 'NotAllowedError')) \
    : (html().dataset.copied = text, Promise.resolve()); \
    try { Object.defineProperty(navigator, 'clipboard', { value: { writeText: write }, configurable: true }); } catch (e) {} })();";

const T0: u64 = 1_800_000_000_000;

async fn set_clock(b: &Browser, ms: u64) {
    // (The test's own scripts may see the browser's `Date`, not the page's: Firefox runs them apart.)
    let set = format!("localStorage.setItem('test:now', '{ms}'); return true");
    assert!(b.eval::<bool>(&set).await);
}

async fn text(b: &Browser, id: &str) -> String {
    b.eval(&format!("const e = document.getElementById({id:?}); return e ? e.textContent : ''")).await
}

/// Waits until the element `id` says `want`.
async fn says(b: &Browser, id: &str, want: &str) {
    let script =
        format!("const e = document.getElementById({id:?}); return !!e && e.textContent === {want:?}");
    b.wait_until(&format!("#{id} to say {want:?} (it says {:?})", text(b, id).await), &script).await;
}

async fn click(b: &Browser, selector: &str) {
    let script = format!("const e = document.querySelector({selector:?}); if (e) e.click(); return !!e");
    assert!(b.eval::<bool>(&script).await, "{selector} to click");
}

async fn shown(b: &Browser, id: &str) -> bool {
    b.eval(&format!("const e = document.getElementById({id:?}); return !!e && !e.closest('[hidden]')")).await
}

/// The speaker view has looked at the talk since slide `slide` (1-based) came: the strip says so.
async fn on_slide(b: &Browser, slide: usize) {
    let want = format!("you are on slide {slide}");
    let script = format!(
        "const e = document.getElementById('pace-strip'); return !!e && (e.getAttribute('aria-label') || '').includes({want:?})"
    );
    b.wait_until(&format!("the pace to see slide {slide}"), &script).await;
}

/// The minutes text the app offers for these rehearsed seconds.
fn minutes_text(seconds: &[Option<u32>]) -> String {
    let mut out = String::from(
        "# Rehearsed times: each slide's minutes: line, under its id: line in content/talk.md\n",
    );
    for (slide, line) in minutes_lines(seconds) {
        out.push_str(&format!("\nid: {}\n{line}\n", TALK.slides[slide].id));
    }
    out
}

/// The rows of the rehearsal's table, each cell's text.
async fn table(b: &Browser) -> Vec<Vec<String>> {
    b.eval(
        "return [...document.querySelectorAll('#rehearsal-report tbody tr, #rehearsal-report tfoot tr')]\
         .map(r => [...r.cells].map(c => c.textContent))",
    )
    .await
}

/// Where a marker of the strip stands, as a share of the strip's width (0 to 1).
async fn mark(b: &Browser, id: &str) -> f64 {
    b.eval(&format!(
        "const s = document.querySelector('.strip-slides').getBoundingClientRect(); \
         const m = document.getElementById({id:?}).getBoundingClientRect(); \
         return (m.left + m.width / 2 - s.left) / s.width"
    ))
    .await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_speaker_view_paces_and_rehearses() {
    let b = Browser::start().await;
    b.before_each_load(CLOCK).await;
    b.before_each_load(CLIPBOARD).await;
    let downloads = std::env::temp_dir().join(format!("cppg-deck-downloads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    b.download_to(&downloads).await;
    b.open("?view=speaker#/1").await;
    set_clock(&b, T0).await;
    let planned = |slide: usize| deck_core::plan::clock(u64::from(TALK.slides[slide].seconds));
    let total: u64 = TALK.slides.iter().map(|s| u64::from(s.seconds)).sum();
    let plan = Plan::new(&TALK.slides.iter().map(|s| s.seconds).collect::<Vec<_>>());
    // Where the talk stands on the first step of slide `slide` (0-based) after `elapsed` seconds.
    let standing = |slide: usize, elapsed: u64| {
        describe(
            plan.standing(Position::new(slide, 0), usize::from(TALK.slides[slide].steps), elapsed).unwrap(),
        )
    };
    assert_eq!(total, u64::from(TALK.duration_minutes) * 60, "the talk's plan fills its duration");

    // The pace before the timer starts: the slide's plan, and the strip of every slide.
    says(&b, "pace-slide", &format!("This slide: 0:00 of {}", planned(0))).await;
    says(&b, "pace-standing", "not started").await;
    let segments: usize = b.eval("return document.querySelectorAll('.strip-slide').length").await;
    assert_eq!(segments, TALK.slides.len());
    let widths: Vec<f64> = b
        .eval(
            "return [...document.querySelectorAll('.strip-slide')].map(e => e.getBoundingClientRect().width)",
        )
        .await;
    let strip: f64 = widths.iter().sum();
    for (i, w) in widths.iter().enumerate() {
        let want = strip * f64::from(TALK.slides[i].seconds) / total as f64;
        assert!((w - want).abs() < 3.0, "slide {}: {w} px wide, its plan says {want}", i + 1);
    }

    // Started, and five minutes on the first slide (planned for three): behind, in words.
    click(&b, ".timer-toggle").await;
    set_clock(&b, T0 + 300_000).await;
    assert!(standing(0, 300).ends_with(" behind"));
    says(&b, "pace-standing", &standing(0, 300)).await;
    says(&b, "pace-slide", &format!("This slide: 5:00 of {}", planned(0))).await;
    let kind: String = b.eval("return document.getElementById('pace-standing').dataset.standing").await;
    assert_eq!(kind, "behind");
    assert!(shown(&b, "strip-plan").await, "the plan's mark shows once the timer runs");
    let (you, plan) = (mark(&b, "strip-you").await, mark(&b, "strip-plan").await);
    assert!(you.abs() < 0.01, "you are at the start: {you}");
    assert!((plan - 300.0 / total as f64).abs() < 0.01, "the plan is five minutes in: {plan}");

    // Paused: the clock moves on, the pace does not. On slide 2 after five minutes the talk
    // stands otherwise than after fifteen.
    click(&b, ".timer-toggle").await;
    b.wait_until(
        "the timer to pause",
        "return document.querySelector('.timer-toggle').textContent === 'Start'",
    )
    .await;
    set_clock(&b, T0 + 900_000).await;
    b.press(Key::PageDown).await;
    on_slide(&b, 2).await;
    assert_ne!(standing(1, 300), standing(1, 900));
    says(&b, "pace-standing", &standing(1, 300)).await;
    says(&b, "pace-slide", &format!("This slide: 0:00 of {}", planned(1))).await;
    // Reset: all of it starts again.
    click(&b, ".timer-reset").await;
    says(&b, "pace-standing", "not started").await;
    assert!(!shown(&b, "strip-plan").await);

    // A rehearsal from slide 1: a minute there, then slide 2 for a minute and a half, a pause
    // that counts nothing, half a minute more, the clock set back an hour (nothing), ten seconds,
    // slide 3, the clock three minutes forward (nothing: the laptop slept), twenty seconds.
    b.press(Key::Home).await;
    on_slide(&b, 1).await;
    let t = T0 + 1_000_000;
    set_clock(&b, t).await;
    click(&b, "#rehearse-start").await;
    says(&b, "rehearsal-status", "Rehearsing: 0:00").await;
    assert!(shown(&b, "rehearse-stop").await && !shown(&b, "rehearse-start").await);
    let timer: String = b.eval("return document.querySelector('.timer-toggle').textContent").await;
    assert_eq!(timer, "Pause", "the rehearsal starts the timer");
    set_clock(&b, t + 60_000).await;
    says(&b, "rehearsal-status", "Rehearsing: 1:00").await;
    b.press(Key::PageDown).await;
    on_slide(&b, 2).await;
    set_clock(&b, t + 150_000).await;
    says(&b, "rehearsal-status", "Rehearsing: 2:30").await;
    click(&b, ".timer-toggle").await;
    says(&b, "rehearsal-status", "Rehearsing: 2:30, paused").await;
    set_clock(&b, t + 650_000).await;
    click(&b, ".timer-toggle").await;
    says(&b, "rehearsal-status", "Rehearsing: 2:30").await;
    set_clock(&b, t + 680_000).await;
    says(&b, "rehearsal-status", "Rehearsing: 3:00").await;
    let back = t + 680_000 - 3_600_000;
    set_clock(&b, back).await;
    says(&b, "rehearsal-status", "Rehearsing: 3:00, 1 clock jump left out").await;
    set_clock(&b, back + 10_000).await;
    says(&b, "rehearsal-status", "Rehearsing: 3:10, 1 clock jump left out").await;
    b.type_char('3', false).await;
    b.press(Key::Enter).await;
    on_slide(&b, 3).await;
    set_clock(&b, back + 190_000).await;
    says(&b, "rehearsal-status", "Rehearsing: 3:10, 2 clock jumps left out").await;
    set_clock(&b, back + 210_000).await;
    says(&b, "rehearsal-status", "Rehearsing: 3:30, 2 clock jumps left out").await;

    // Stopped: the table, each slide's plan, rehearsal and difference, and the totals.
    click(&b, "#rehearse-stop").await;
    b.wait_until("the rehearsal's table", "return !document.getElementById('rehearsal-report').hidden").await;
    let focused: String = b.eval("return document.activeElement.id").await;
    assert_eq!(focused, "rehearsal-report-title", "the table takes the focus");
    let mut rehearsed = vec![Some(0); TALK.slides.len()];
    rehearsed[..3].copy_from_slice(&[Some(60), Some(130), Some(20)]);
    let rows = table(&b).await;
    assert_eq!(rows.len(), TALK.slides.len() + 1, "{rows:?}");
    for (i, row) in rows[..3].iter().enumerate() {
        let r = i64::from(rehearsed[i].unwrap());
        let p = i64::from(TALK.slides[i].seconds);
        let want = [
            format!("{}. {}", i + 1, TALK.slides[i].title.split_whitespace().collect::<Vec<_>>().join(" ")),
            planned(i),
            deck_core::plan::clock(r as u64),
            deck_core::plan::signed_clock(r - p),
        ];
        assert_eq!(row[1..], want[1..], "slide {}", i + 1);
        assert!(row[0].starts_with(&format!("{}. ", i + 1)), "{row:?}");
    }
    assert_eq!(
        rows[TALK.slides.len()],
        ["Total", &deck_core::plan::clock(total), "3:30", &deck_core::plan::signed_clock(210 - total as i64)]
    );
    let summary = text(&b, "report-summary").await;
    assert!(summary.contains("2 clock jumps left out"), "{summary}");
    // The last rehearsal's time for the slide on screen, beside its plan.
    says(&b, "pace-slide", &format!("This slide: 0:00 of {} · rehearsed 0:20", planned(2))).await;

    // The minutes: lines: copied, or where the browser refuses, shown selected; and downloaded.
    let minutes = minutes_text(&rehearsed);
    assert!(minutes.contains("\nid: speaker\nminutes: 2:10\n"), "{minutes}");
    click(&b, "#copy-minutes").await;
    b.wait_until(
        "the lines on the clipboard",
        &format!("return document.documentElement.dataset.copied === {}", json!(minutes)),
    )
    .await;
    says(&b, "report-copied", "Copied: paste them into content/talk.md").await;
    assert!(!shown(&b, "minutes-text").await, "no fallback when copying worked");
    b.eval::<bool>("document.documentElement.dataset.refuse = ''; return true").await;
    click(&b, "#copy-minutes").await;
    b.wait_until("the lines shown instead", "return document.activeElement.id === 'minutes-text'").await;
    let selected: String = b
        .eval("const t = document.getElementById('minutes-text'); return t.value.slice(t.selectionStart, t.selectionEnd)")
        .await;
    assert_eq!(selected, minutes, "the lines are shown, selected");
    click(&b, "#download-minutes").await;
    let file = downloads.join("minutes.txt");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::fs::read_to_string(&file).ok().as_deref() != Some(minutes.as_str()) {
        assert!(
            std::time::Instant::now() < deadline,
            "minutes.txt was not downloaded into {}",
            downloads.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // Kept across a reload: the last rehearsal's times, and its table again.
    b.client.refresh().await.unwrap();
    b.wait_for_app().await;
    b.wait_until("the last rehearsal's button", "return !document.getElementById('rehearsal-last').hidden")
        .await;
    click(&b, "#rehearsal-last").await;
    b.wait_until("the table again", "return !document.getElementById('rehearsal-report').hidden").await;
    let again = table(&b).await;
    assert_eq!(again, rows, "the same table after a reload");
    let kept: usize = b.eval("return JSON.parse(localStorage.getItem('cppg-deck:rehearsals')).length").await;
    assert_eq!(kept, 1);

    // What storage holds is read for this deck, never shown as if it were right: garbage is
    // dropped, another talk's rehearsal and a forged one (a slide of more than a day) are not
    // shown, one of an older shape of this talk (a slide since removed, two moved) is adapted and
    // says so; a forged rehearsal in progress (on a slide the talk does not have) is no rehearsal.
    let record = |deck: &str, slides: serde_json::Value| json!({ "version": 1, "deck": deck, "finished_at": 5, "jumps": 0, "slides": slides });
    let (first_id, second_id) = (&TALK.slides[0].id, &TALK.slides[1].id);
    let stored = json!([
        7,
        "forged",
        { "version": 1, "deck": TALK.title },
        record("Another talk", json!([{ "name": first_id, "seconds": 70 }])),
        record(&TALK.title, json!([{ "name": first_id, "seconds": 86_401 }])),
        record(&TALK.title, json!([
            { "name": second_id, "seconds": 100 },
            { "name": "a-slide-since-removed", "seconds": 50 },
            { "name": first_id, "seconds": 70 },
        ])),
    ]);
    let running = json!({ "v": deck_core::sync::VERSION, "deck": format!("{}#{}", TALK.title, TALK.slides.len()),
        "from": 0, "body": { "Rehearsal": { "running": {
            "spent_ms": vec![0; TALK.slides.len()], "slide": 99, "last": null, "paused": false, "jumps": 0 } } } });
    b.eval::<bool>(&format!(
        "localStorage.setItem('cppg-deck:rehearsals', {}); localStorage.setItem('cppg-deck:rehearsal', {}); return true",
        json!(stored.to_string()),
        json!(running.to_string())
    ))
    .await;
    b.client.refresh().await.unwrap();
    b.wait_for_app().await;
    b.wait_until("the last rehearsal's button", "return !document.getElementById('rehearsal-last').hidden")
        .await;
    assert!(!shown(&b, "rehearsal-status").await, "a forged rehearsal in progress is none");
    click(&b, "#rehearsal-last").await;
    b.wait_until("the adapted table", "return !document.getElementById('rehearsal-report').hidden").await;
    assert!(shown(&b, "report-note").await, "an adapted rehearsal says so");
    let adapted = table(&b).await;
    assert_eq!(
        (adapted[0][2].as_str(), adapted[1][2].as_str(), adapted[2][2].as_str()),
        ("1:10", "1:40", "—")
    );

    // A second speaker view follows the rehearsal: started in one, it runs in both; stopped in the
    // other, the first shows the new table. Three rehearsals are kept, not more.
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(false).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    if b.is_chromium() {
        b.before_each_load(CLOCK).await;
    }
    b.open("?view=speaker").await;
    for round in 0..3u64 {
        let t = T0 + 10_000_000 * (round + 2);
        set_clock(&b, t).await;
        b.client.switch_to_window(first.clone()).await.unwrap();
        click(&b, "#rehearse-start").await;
        b.client.switch_to_window(second.clone()).await.unwrap();
        says(&b, "rehearsal-status", "Rehearsing: 0:00").await;
        set_clock(&b, t + 45_000).await;
        says(&b, "rehearsal-status", "Rehearsing: 0:45").await;
        click(&b, "#rehearse-stop").await;
        b.client.switch_to_window(first.clone()).await.unwrap();
        b.wait_until(
            "the first window's table",
            "return !document.getElementById('rehearsal-report').hidden",
        )
        .await;
        says(&b, "report-rehearsed", "0:45").await;
        b.client.switch_to_window(second.clone()).await.unwrap();
    }
    let kept: Vec<u64> = b
        .eval("return JSON.parse(localStorage.getItem('cppg-deck:rehearsals')).map(r => r.finished_at)")
        .await;
    assert_eq!(kept.len(), 3, "three rehearsals kept: {kept:?}");
    assert!(kept.windows(2).all(|w| w[0] > w[1]), "newest first: {kept:?}");
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(first).await.unwrap();
    let _ = std::fs::remove_dir_all(&downloads);
    b.finish().await;
}
