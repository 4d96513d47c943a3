//! Rehearsal, in the speaker view: start one, and it records the time spent on each slide
//! (visits added up, the timer's pauses left out; `deck_core::rehearsal` does the arithmetic on
//! the clock's readings, and leaves out clock jumps). Stopped, it is kept with the two before it
//! (`key::REHEARSALS`), and a table compares it with the plan, with the rehearsed times as
//! `minutes:` lines to copy or download for `content/talk.md`. The rehearsal in progress is
//! shared with the talk's other speaker views (`sync::Body::Rehearsal`, through
//! `Session::rehearsal`) and kept across a reload as the message that says it (`key::REHEARSAL`),
//! read back through the same checks as a message.
//!
//! Its views are static frames whose words [`Rehearsals`] writes by id, called by the pace's tick
//! and its clicks (see `views::pace` for why).

use crate::session::Session;
use crate::wiring::deck_name;
use deck_core::contract::key;
use deck_core::deck::Deck;
use deck_core::plan::{clock, signed_clock};
use deck_core::rehearsal::{self, Event, Fitted, Rehearsal, RehearsalRecord};
use deck_core::sync::{self, Body};
use deck_core::timer::Timer;
use deck_web as browser;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// The clock's reading as a rehearsal takes it: whole milliseconds since the epoch.
pub fn now_ms() -> u64 {
    // A float-to-integer `as` saturates: a clock before 1970 (or not a number) reads 0.
    browser::now() as u64
}

/// The rehearsals kept in this browser, newest first: what is not a record is dropped.
pub fn load_records() -> Vec<RehearsalRecord> {
    let text = browser::load(key::REHEARSALS).unwrap_or_default();
    rehearsal::read_records(browser::json::list(&text), |entry| entry)
}

fn names(deck: &Deck) -> Vec<&str> {
    deck.slides.iter().map(|s| s.name.as_str()).collect()
}

/// The newest kept rehearsal that fits this deck, read for it, with its clock jumps.
pub fn last_fitted(deck: &Deck, records: &[RehearsalRecord]) -> Option<(Fitted, u32)> {
    let names = names(deck);
    records.iter().find_map(|r| Some((rehearsal::fit(r, &deck.title, &names).ok()?, r.jumps)))
}

/// The rehearsed times as lines for `talk.md`: each slide's `id:` line, then its `minutes:` line.
pub fn minutes_text(deck: &Deck, fitted: &Fitted) -> String {
    let mut out = String::from(
        "# Rehearsed times: each slide's minutes: line, under its id: line in content/talk.md\n",
    );
    for (slide, line) in rehearsal::minutes_lines(&fitted.seconds) {
        out.push_str("\nid: ");
        out.push_str(deck.slides.get(slide).map_or("", |s| s.name.as_str()));
        out.push('\n');
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// "3 clock jumps": a count and its noun, singular for one.
fn count(n: u32, noun: &str) -> String {
    let mut out = n.to_string();
    out.push(' ');
    out.push_str(noun);
    if n != 1 {
        out.push('s');
    }
    out
}

/// What the speaker view knows of rehearsals, and what it does with them. It has no effect nor
/// timer of its own: the pace's tick calls [`Rehearsals::follow`] every half second, and its
/// clicks [`Rehearsals::click`].
pub struct Rehearsals {
    s: Session,
    /// The kept rehearsals, newest first, as last read.
    records: RefCell<Vec<RehearsalRecord>>,
    /// The newest that fits this deck, and its clock jumps.
    pub last: RefCell<Option<(Fitted, u32)>>,
    /// Whether a rehearsal was running at the last look, and whether the table is open.
    running: Cell<bool>,
    open: Cell<bool>,
    update_timer: Box<dyn Fn(TimerChange)>,
}

/// A change to the speaker's timer at a clock reading (`Timer::pause`, …).
pub type TimerChange = fn(Timer, f64) -> Timer;

impl Rehearsals {
    /// Takes on a rehearsal in progress kept across a reload (checked as a message is).
    pub fn new(s: Session, update_timer: impl Fn(TimerChange) + 'static) -> Rehearsals {
        if s.rehearsal.with_value(Option::is_none) {
            let kept = browser::load(key::REHEARSAL).unwrap_or_default();
            let deck = deck_name(s.deck);
            if let Ok(Body::Rehearsal { running }) =
                sync::decode(&kept, &deck, u32::MAX, browser::json::from_text, browser::json::from_text)
            {
                s.take_rehearsal(running);
            }
        }
        Rehearsals {
            s,
            records: RefCell::new(Vec::new()),
            last: RefCell::new(None),
            running: Cell::new(false),
            open: Cell::new(false),
            update_timer: Box::new(update_timer),
        }
    }

    /// The rehearsal in progress follows the talk: the clock's reading goes to it, with the slide
    /// on screen if it changed since `before` (the slide, and whether the timer ran) and the
    /// timer's pause or start (which the other windows are told). Then the view shows it, and
    /// if it has ended (here or in another window), the table of the one kept opens.
    pub fn follow(&self, slide: usize, timing: bool, before: Option<(usize, bool)>) {
        let s = self.s;
        let at = now_ms();
        let (moved, paused) = before.map_or((true, false), |(was, ran)| (was != slide, ran != timing));
        let mut status = String::new();
        let running = s.rehearsal.try_update_value(|r| {
            let Some(r) = r else { return false };
            r.apply(if moved { Event::Show { slide, at } } else { Event::Tick { at } });
            if paused {
                r.apply(if timing { Event::Resume { at } } else { Event::Pause { at } });
            }
            status.push_str("Rehearsing: ");
            status.push_str(&clock(r.total_ms() / 1000));
            if r.is_paused() {
                status.push_str(", paused");
            }
            if r.jumps() > 0 {
                status.push_str(", ");
                status.push_str(&count(r.jumps(), "clock jump"));
                status.push_str(" left out");
            }
            true
        }) == Some(true);
        if running {
            if paused {
                s.share_rehearsal();
            }
            let message =
                sync::message(&deck_name(s.deck), 0, Body::Rehearsal { running: s.rehearsal.get_value() });
            if let Some(text) = browser::json::to_text(&message) {
                browser::store(key::REHEARSAL, &text);
            }
        }
        browser::set_text("rehearsal-status", &status);
        let ended = self.running.get() && !running;
        if before.is_none() || self.running.get() != running {
            self.running.set(running);
            for (id, hidden) in
                [("rehearsal-status", !running), ("rehearse-stop", !running), ("rehearse-start", running)]
            {
                browser::set_hidden(id, hidden);
            }
            let changed = self.read_records();
            if ended {
                browser::forget(key::REHEARSAL);
                if changed {
                    self.report(true);
                    s.announcement.set("Rehearsal over: its table of times is open".into());
                } else {
                    browser::focus_id("rehearse-start");
                }
            }
        }
    }

    /// Reads the kept rehearsals again; whether they changed.
    fn read_records(&self) -> bool {
        let kept = load_records();
        let changed = *self.records.borrow() != kept;
        let last = last_fitted(self.s.deck, &kept);
        browser::set_hidden("rehearsal-last", self.running.get() || last.is_none());
        *self.last.borrow_mut() = last;
        *self.records.borrow_mut() = kept;
        changed
    }

    /// A rehearsal from the slide on screen, and the timer from 0 with it.
    fn start(&self) {
        let s = self.s;
        if self.open.get() {
            self.report(false);
        }
        let slide = s.pos.get_untracked().slide;
        s.rehearsal.set_value(Some(Rehearsal::start(s.deck.slides.len(), slide, now_ms())));
        (self.update_timer)(|_, now| Timer::reset().start(now));
        s.share_rehearsal();
        s.announcement.set("Rehearsal started, and the timer with it".into());
        self.follow(slide, true, Some((slide, true)));
        browser::focus_id("rehearse-stop");
    }

    /// Ends the rehearsal: kept if it timed anything (then its table opens), and the timer paused.
    fn stop(&self) {
        let s = self.s;
        let Some(mut r) = s.rehearsal.get_value() else { return };
        let at = now_ms();
        r.apply(Event::Tick { at });
        if r.total_ms() >= 1000 {
            let record = r.record(&s.deck.title, &names(s.deck), at);
            if let Some(text) = browser::json::to_text(&rehearsal::keep(&load_records(), record)) {
                browser::store(key::REHEARSALS, &text);
            }
        }
        s.rehearsal.set_value(None);
        s.share_rehearsal();
        (self.update_timer)(Timer::pause);
        let slide = s.pos.get_untracked().slide;
        self.follow(slide, false, Some((slide, false)));
    }

    /// Opens the table of the last rehearsal (filled afresh) and moves the focus to it, or closes
    /// it and gives the focus to the button that opens it.
    fn report(&self, open: bool) {
        browser::set_attribute("rehearsal-last", "aria-expanded", if open { "true" } else { "false" });
        browser::set_hidden("minutes-fallback", true);
        browser::set_text("report-copied", "");
        let deck = self.s.deck;
        let last = self.last.borrow();
        let filled = match (open, last.as_ref()) {
            (true, Some((fitted, jumps))) => {
                let planned: Vec<u32> = deck.slides.iter().map(|s| s.seconds).collect();
                let sum = rehearsal::summary(&planned, &fitted.seconds);
                let mut summary = String::from("Rehearsed ");
                summary.push_str(&clock(sum.rehearsed));
                summary.push_str(" against ");
                summary.push_str(&clock(sum.planned));
                summary.push_str(" planned (+ is longer than planned).");
                if *jumps > 0 {
                    summary.push(' ');
                    summary.push_str(&count(*jumps, "clock jump"));
                    summary.push_str(" left out.");
                }
                browser::set_text("report-summary", &summary);
                browser::set_hidden("report-note", !fitted.adapted);
                let time = |t: Option<u32>| t.map_or_else(|| "—".into(), |t| clock(u64::from(t)));
                let mut rows = Vec::new();
                for (i, (row, slide)) in sum.rows.iter().zip(&deck.slides).enumerate() {
                    let mut title = (i + 1).to_string();
                    title.push_str(". ");
                    title.push_str(&slide.title);
                    let difference = row.difference.map_or_else(|| "—".into(), signed_clock);
                    rows.push(vec![title, time(Some(row.planned)), time(row.rehearsed), difference]);
                }
                browser::set_table_rows("report-rows", &rows);
                browser::set_text("report-planned", &clock(sum.planned));
                browser::set_text("report-rehearsed", &clock(sum.rehearsed));
                browser::set_text("report-difference", &signed_clock(sum.difference));
                browser::set_text("minutes-text", &minutes_text(deck, fitted));
                true
            }
            _ => false,
        };
        self.open.set(filled);
        browser::set_hidden("rehearsal-report", !filled);
        browser::focus_id(if filled { "rehearsal-report-title" } else { "rehearsal-last" });
    }

    /// The `minutes:` lines of the last rehearsal.
    fn minutes(&self) -> Option<String> {
        self.last.borrow().as_ref().map(|(f, _)| minutes_text(self.s.deck, f))
    }

    /// A click in the rehearsal's controls or its table: which button it was on.
    pub fn click(&self, event: &leptos::ev::MouseEvent) {
        let on = |id: &str| browser::target_within_id(event, id);
        if on("rehearse-start") {
            self.start();
        } else if on("rehearse-stop") {
            self.stop();
        } else if on("rehearsal-last") {
            self.report(!self.open.get());
        } else if on("report-close") {
            self.report(false);
        } else if let Some(text) = self.minutes() {
            if on("copy-minutes") {
                // Copied, or where the browser refuses, shown selected.
                browser::copy_text(&text, |copied| {
                    browser::set_hidden("minutes-fallback", copied);
                    browser::set_text(
                        "report-copied",
                        if copied { "Copied: paste them into content/talk.md" } else { "" },
                    );
                    if !copied {
                        browser::select_text("minutes-text");
                    }
                });
            } else if on("download-minutes") {
                browser::download_text("minutes.txt", &text);
            }
        }
    }
}

/// Start and stop, and while a rehearsal runs, how long it has run: a static frame (its words
/// written by [`Rehearsals`]), in the pace's row.
pub const BAR: &str = r#"<div class="rehearsal-bar"><span id="rehearsal-status" class="rehearsal-status" hidden></span><button id="rehearse-start">Rehearse</button><button id="rehearse-stop" hidden>Stop rehearsal</button><button id="rehearsal-last" aria-expanded="false" aria-controls="rehearsal-report" hidden>Last rehearsal</button></div>"#;

/// The table of the last rehearsal: each slide's planned and rehearsed time and the difference,
/// the totals, and its times as `minutes:` lines to copy or download (a static frame, filled by
/// [`Rehearsals`] when it opens).
pub const REPORT: &str = r#"<section id="rehearsal-report" class="rehearsal-report" aria-labelledby="rehearsal-report-title" hidden><div class="report-head"><h2 id="rehearsal-report-title" tabindex="-1">Last rehearsal</h2><button id="report-close">Close</button></div><p id="report-summary" class="report-summary"></p><p id="report-note" class="report-note" hidden>The slides have changed since this rehearsal: its times are matched by slide name (— where it did not have the slide).</p><div class="report-table" tabindex="0" role="region" aria-label="Times by slide"><table><thead><tr><th scope="col">Slide</th><th scope="col">Planned</th><th scope="col">Rehearsed</th><th scope="col">Over (+) or under (−)</th></tr></thead><tbody id="report-rows"></tbody><tfoot><tr><th scope="row">Total</th><td id="report-planned"></td><td id="report-rehearsed"></td><td id="report-difference"></td></tr></tfoot></table></div><div class="report-actions"><button id="copy-minutes">Copy the minutes: lines</button><button id="download-minutes">Download minutes.txt</button><span id="report-copied" role="status"></span></div><div id="minutes-fallback" hidden><label for="minutes-text">The browser would not copy: select these lines and copy them</label><textarea id="minutes-text" class="minutes-text" readonly rows="8"></textarea></div></section>"#;
