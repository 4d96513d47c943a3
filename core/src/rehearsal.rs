//! Rehearsals: the time spent on each slide from a series of clock readings (visits added up,
//! pauses left out), what the app stores of a rehearsal and how a stored one is read for the deck
//! as it is now, and how it compares with the plan (`crate::plan`), with the `minutes:` lines to
//! paste into `talk.md`. Whole milliseconds in, whole seconds out; no clock of its own.
//!
//! **Clock jumps.** A rehearsal adds up the intervals between consecutive clock readings while it
//! runs. An interval counts only if it is between 0 and [`MAX_GAP_MS`] (two minutes). One that
//! goes backwards (the system time was set back) or is longer (the laptop slept, or the time was
//! set forward) counts nothing: it is a *jump*, counted in [`Rehearsal::jumps`] so that the table
//! can say so, and the reading after it is the new starting point. So no slide ever gets negative
//! time, and a jump adds nothing however large it is. The rule needs readings at least every two
//! minutes while a rehearsal runs: the app sends a [`Event::Tick`] with its timer's tick (every
//! second; browsers throttle a background page's timers to once a minute, never less often), and
//! the time lost at a jump is then at most one tick.

use crate::plan::{minutes_value, MAX_SECONDS};
use serde::{Deserialize, Serialize};

/// The longest interval between two clock readings that a rehearsal counts (see the module's
/// note on clock jumps).
pub const MAX_GAP_MS: u64 = 2 * 60 * 1000;

/// What happens during a rehearsal, each with the clock's reading (milliseconds since the epoch,
/// as `Date.now()` gives them, in whole milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// Slide `slide` (0-based) is on screen from now on.
    Show {
        slide: usize,
        at: u64,
    },
    /// Still here: the app's timer tick (at least every two minutes while the rehearsal runs).
    Tick {
        at: u64,
    },
    /// The timer is paused: what follows does not count until [`Event::Resume`].
    Pause {
        at: u64,
    },
    Resume {
        at: u64,
    },
}

/// A rehearsal in progress: the time spent on each slide so far. Serializable, so that the app
/// can keep it across a reload ([`Rehearsal::restored`] checks what comes back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rehearsal {
    spent_ms: Vec<u64>,
    slide: usize,
    /// The last clock reading while running; `None` before the first one and while paused.
    last: Option<u64>,
    paused: bool,
    jumps: u32,
}

impl Rehearsal {
    /// A rehearsal of a deck of `slides` slides, on the first slide, running; its clock starts at
    /// the first event's reading.
    pub fn new(slides: usize) -> Rehearsal {
        Rehearsal { spent_ms: vec![0; slides], slide: 0, last: None, paused: false, jumps: 0 }
    }

    /// A rehearsal started on slide `slide` at clock reading `at`.
    pub fn start(slides: usize, slide: usize, at: u64) -> Rehearsal {
        let mut r = Rehearsal::new(slides);
        r.apply(Event::Show { slide, at });
        r
    }

    /// A rehearsal replayed from its events.
    pub fn replay(slides: usize, events: &[Event]) -> Rehearsal {
        let mut r = Rehearsal::new(slides);
        for event in events {
            r.apply(*event);
        }
        r
    }

    /// Takes one event: the time since the last reading goes to the slide that was on screen
    /// (unless paused, or a jump), then the event takes effect. A slide outside the deck is
    /// ignored (the time still counts, to the slide on screen).
    pub fn apply(&mut self, event: Event) {
        let (Event::Show { at, .. } | Event::Tick { at } | Event::Pause { at } | Event::Resume { at }) =
            event;
        if let (false, Some(last)) = (self.paused, self.last) {
            match at.checked_sub(last) {
                Some(gap) if gap <= MAX_GAP_MS => {
                    if let Some(spent) = self.spent_ms.get_mut(self.slide) {
                        *spent = spent.saturating_add(gap);
                    }
                }
                _ => self.jumps = self.jumps.saturating_add(1),
            }
        }
        match event {
            Event::Show { slide, .. } => {
                if slide < self.spent_ms.len() {
                    self.slide = slide;
                }
            }
            Event::Pause { .. } => self.paused = true,
            Event::Resume { .. } => self.paused = false,
            Event::Tick { .. } => {}
        }
        self.last = (!self.paused).then_some(at);
    }

    /// Milliseconds spent on each slide.
    pub fn spent_ms(&self) -> &[u64] {
        &self.spent_ms
    }

    /// Milliseconds counted in all.
    pub fn total_ms(&self) -> u64 {
        self.spent_ms.iter().fold(0u64, |a, b| a.saturating_add(*b))
    }

    /// Whole seconds spent on each slide (to the nearest second, at most [`MAX_SECONDS`]).
    pub fn seconds(&self) -> Vec<u32> {
        self.spent_ms.iter().map(|ms| whole_seconds(*ms)).collect()
    }

    /// The slide on screen.
    pub fn slide(&self) -> usize {
        self.slide
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// How many clock jumps were left out.
    pub fn jumps(&self) -> u32 {
        self.jumps
    }

    /// A rehearsal kept across a reload, if it makes sense for a deck of `slides` slides: one
    /// time a slide, the slide on screen in the deck, no slide longer than [`MAX_SECONDS`].
    pub fn restored(self, slides: usize) -> Option<Rehearsal> {
        (self.spent_ms.len() == slides && self.is_plausible()).then_some(self)
    }

    /// Whether this could be a rehearsal of some deck (what a message between windows is checked
    /// for before the receiving window checks it against its own deck with [`Rehearsal::restored`]):
    /// at least one slide, the slide on screen among them, no slide longer than [`MAX_SECONDS`].
    pub fn is_plausible(&self) -> bool {
        self.slide < self.spent_ms.len()
            && self.spent_ms.iter().all(|ms| *ms <= u64::from(MAX_SECONDS) * 1000)
    }

    /// What is kept of the rehearsal when it ends at clock reading `at`: the deck it was for (its
    /// title and its slides' names, in order) and each slide's whole seconds.
    pub fn record(&self, title: &str, names: &[&str], at: u64) -> RehearsalRecord {
        let seconds = self.seconds();
        RehearsalRecord {
            version: RECORD_VERSION,
            deck: title.into(),
            finished_at: at,
            jumps: self.jumps,
            slides: names
                .iter()
                .enumerate()
                .map(|(i, name)| RehearsedSlide {
                    name: (*name).into(),
                    seconds: seconds.get(i).copied().unwrap_or(0),
                })
                .collect(),
        }
    }
}

fn whole_seconds(ms: u64) -> u32 {
    u32::try_from(ms.saturating_add(500) / 1000).unwrap_or(u32::MAX).min(MAX_SECONDS)
}

/// The shape of [`RehearsalRecord`]; a record of another version is not read.
pub const RECORD_VERSION: u32 = 1;

/// How many rehearsals the app keeps.
pub const KEPT: usize = 3;

/// A finished rehearsal, as the app stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RehearsalRecord {
    pub version: u32,
    /// The talk's title: the deck it was recorded for.
    pub deck: String,
    /// When it ended: milliseconds since the epoch.
    pub finished_at: u64,
    /// Clock jumps left out of it.
    pub jumps: u32,
    /// Each slide of the deck as it was then, in order.
    pub slides: Vec<RehearsedSlide>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RehearsedSlide {
    /// The slide's name (`id:`), by which a record finds it again in a changed deck.
    pub name: String,
    pub seconds: u32,
}

/// A record read for the deck as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// Each slide's rehearsed seconds, in the deck's order now; `None` where the record does not
    /// know the slide (added since).
    pub seconds: Vec<Option<u32>>,
    /// The deck's slides have changed since: the times were matched by name, and the view should
    /// say so.
    pub adapted: bool,
}

/// Why a record is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    /// Another version of the record's shape.
    Version,
    /// Recorded for another talk.
    OtherDeck,
    /// Not a record this code writes: no slides, a name twice, or a time over [`MAX_SECONDS`].
    Corrupt,
    /// None of its slides is in the deck now.
    NothingInCommon,
}

/// Reads a stored record for the deck now (its title and its slides' names, in order). The same
/// slides give the record's times as they are; a changed deck (slides added, removed, moved or
/// renamed) gets the times of the slides it still has, matched by name, and is marked adapted;
/// anything else is rejected, never shown as if it were right.
pub fn fit(record: &RehearsalRecord, title: &str, names: &[&str]) -> Result<Fitted, Rejected> {
    if record.version != RECORD_VERSION {
        return Err(Rejected::Version);
    }
    if record.deck != title {
        return Err(Rejected::OtherDeck);
    }
    let slides = &record.slides;
    let named_twice = slides
        .iter()
        .enumerate()
        .any(|(i, s)| !s.name.is_empty() && slides[..i].iter().any(|t| t.name == s.name));
    if slides.is_empty() || named_twice || slides.iter().any(|s| s.seconds > MAX_SECONDS) {
        return Err(Rejected::Corrupt);
    }
    if slides.len() == names.len() && slides.iter().zip(names).all(|(s, n)| s.name == *n) {
        return Ok(Fitted { seconds: slides.iter().map(|s| Some(s.seconds)).collect(), adapted: false });
    }
    let seconds: Vec<Option<u32>> = names
        .iter()
        .map(|name| {
            let found = slides.iter().find(|s| !name.is_empty() && s.name == *name);
            found.map(|s| s.seconds)
        })
        .collect();
    if seconds.iter().all(Option::is_none) {
        return Err(Rejected::NothingInCommon);
    }
    Ok(Fitted { seconds, adapted: true })
}

/// The stored records, read leniently: `list` is the stored list's entries as the caller's JSON
/// reader found them (`None`: not JSON, or not a list, which reads as none), and `read` makes a
/// record of one; each that is not a record (forged, corrupted, of an old shape) is dropped, not
/// the list.
pub fn read_records<V>(
    list: Option<Vec<V>>,
    read: impl Fn(V) -> Option<RehearsalRecord>,
) -> Vec<RehearsalRecord> {
    list.unwrap_or_default().into_iter().filter_map(read).collect()
}

/// The list to store after `record`: it first, then the newest of the others, [`KEPT`] in all.
pub fn keep(records: &[RehearsalRecord], record: RehearsalRecord) -> Vec<RehearsalRecord> {
    let mut out = vec![record];
    out.extend(records.iter().take(KEPT - 1).cloned());
    out
}

/// One slide's line of a rehearsal's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub planned: u32,
    pub rehearsed: Option<u32>,
    /// `rehearsed − planned`: positive when the slide took longer than planned.
    pub difference: Option<i64>,
}

/// A rehearsal against the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub rows: Vec<Row>,
    /// The whole plan, in seconds.
    pub planned: u64,
    /// The rehearsal, in seconds (the slides it knows).
    pub rehearsed: u64,
    /// The rows' differences added up: over (+) or under (−) the plan of the slides rehearsed.
    pub difference: i64,
}

/// Each slide's planned and rehearsed time and their difference, and the totals. `rehearsed` is
/// read in the plan's order (a slide beyond its end has no rehearsed time).
pub fn summary(plan: &[u32], rehearsed: &[Option<u32>]) -> Summary {
    let rows: Vec<Row> = plan
        .iter()
        .enumerate()
        .map(|(i, planned)| {
            let r = rehearsed.get(i).copied().flatten();
            Row { planned: *planned, rehearsed: r, difference: r.map(|r| i64::from(r) - i64::from(*planned)) }
        })
        .collect();
    Summary {
        planned: plan.iter().map(|s| u64::from(*s)).sum(),
        rehearsed: rows.iter().filter_map(|r| r.rehearsed).map(u64::from).sum(),
        difference: rows.iter().filter_map(|r| r.difference).sum(),
        rows,
    }
}

/// The rehearsed times as `minutes:` lines for `talk.md`, a line a slide (with its 0-based index)
/// for each slide with a time of at least a second (a slide passed over keeps sharing the rest).
/// The build checks them as it checks any: a rehearsal longer than the talk's `duration` fails
/// it, which is the plan telling the truth.
pub fn minutes_lines(rehearsed: &[Option<u32>]) -> Vec<(usize, String)> {
    rehearsed
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let s = s.filter(|s| (1..=MAX_SECONDS).contains(s))?;
            let mut line = String::from("minutes: ");
            line.push_str(&minutes_value(s));
            Some((i, line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rehearsal_adds_up_visits_and_leaves_out_pauses() {
        let s = 1_000_000;
        let r = Rehearsal::replay(
            3,
            &[
                Event::Show { slide: 0, at: s },
                Event::Tick { at: s + 30_000 },
                Event::Show { slide: 1, at: s + 60_000 },
                Event::Pause { at: s + 70_000 },
                Event::Show { slide: 2, at: s + 500_000 },
                Event::Resume { at: s + 600_000 },
                Event::Show { slide: 0, at: s + 610_000 },
                Event::Show { slide: 9, at: s + 620_000 },
                Event::Tick { at: s + 625_000 },
            ],
        );
        assert_eq!(r.spent_ms(), [60_000 + 15_000, 10_000, 10_000]);
        assert_eq!((r.slide(), r.is_paused(), r.jumps()), (0, false, 0));
        assert_eq!(r.seconds(), [75, 10, 10]);
    }

    #[test]
    fn a_clock_that_jumps_adds_nothing_and_never_takes_away() {
        let r = Rehearsal::replay(
            2,
            &[
                Event::Show { slide: 0, at: 100_000 },
                Event::Tick { at: 101_000 },
                // Set back an hour.
                Event::Tick { at: 50_000 },
                Event::Tick { at: 52_000 },
                // Slept for eight hours.
                Event::Show { slide: 1, at: 52_000 + 8 * 3_600_000 },
                Event::Tick { at: 53_000 + 8 * 3_600_000 },
                // A throttled tick, a minute late: still counts.
                Event::Tick { at: 113_000 + 8 * 3_600_000 },
            ],
        );
        assert_eq!(r.spent_ms(), [3_000, 61_000]);
        assert_eq!(r.jumps(), 2);
    }

    #[test]
    fn a_record_is_read_for_the_deck_as_it_is_now() {
        let r =
            Rehearsal::replay(2, &[Event::Show { slide: 0, at: 0 }, Event::Show { slide: 1, at: 90_400 }]);
        let record = r.record("Talk", &["a", "b"], 100_000);
        assert_eq!(record.slides[0], RehearsedSlide { name: "a".into(), seconds: 90 });
        let same = fit(&record, "Talk", &["a", "b"]).unwrap();
        assert_eq!(same, Fitted { seconds: vec![Some(90), Some(0)], adapted: false });
        let moved = fit(&record, "Talk", &["c", "b", "a"]).unwrap();
        assert_eq!(moved, Fitted { seconds: vec![None, Some(0), Some(90)], adapted: true });
        assert_eq!(fit(&record, "Other talk", &["a", "b"]), Err(Rejected::OtherDeck));
        assert_eq!(fit(&record, "Talk", &["x"]), Err(Rejected::NothingInCommon));
        assert_eq!(
            fit(&RehearsalRecord { version: 2, ..record.clone() }, "Talk", &["a", "b"]),
            Err(Rejected::Version)
        );
        let mut forged = record.clone();
        forged.slides[1].seconds = MAX_SECONDS + 1;
        assert_eq!(fit(&forged, "Talk", &["a", "b"]), Err(Rejected::Corrupt));
        forged.slides[1] = forged.slides[0].clone();
        assert_eq!(fit(&forged, "Talk", &["a", "b"]), Err(Rejected::Corrupt), "a name twice");
        assert_eq!(
            fit(&RehearsalRecord { slides: vec![], ..record.clone() }, "Talk", &[]),
            Err(Rejected::Corrupt)
        );
    }

    /// As the app reads the stored list, with serde_json standing in for the browser's JSON.
    fn read_json(text: &str) -> Vec<RehearsalRecord> {
        read_records(serde_json::from_str::<Vec<serde_json::Value>>(text).ok(), |v| {
            serde_json::from_value(v).ok()
        })
    }

    #[test]
    fn stored_records_survive_a_round_trip_and_nonsense_is_dropped() {
        let read_records = read_json;
        let record = Rehearsal::start(1, 0, 0).record("Talk", &["a"], 5);
        let json = serde_json::to_string(&keep(&[], record.clone())).unwrap();
        assert_eq!(read_records(&json), std::slice::from_ref(&record));
        let mixed = json.replacen('[', r#"[{"version":1,"deck":"Talk","slides":"many"},7,"#, 1);
        assert_eq!(read_records(&mixed), std::slice::from_ref(&record), "{mixed}");
        assert_eq!(read_records("{"), []);
        assert_eq!(read_records(r#"{"version":1}"#), []);
        let many = (0..5)
            .fold(Vec::new(), |list, i| keep(&list, RehearsalRecord { finished_at: i, ..record.clone() }));
        assert_eq!(many.iter().map(|r| r.finished_at).collect::<Vec<_>>(), [4, 3, 2]);
        let running = Rehearsal::start(2, 1, 0);
        let back: Rehearsal = serde_json::from_str(&serde_json::to_string(&running).unwrap()).unwrap();
        assert_eq!(back.clone().restored(2), Some(running));
        assert_eq!(back.clone().restored(3), None, "another number of slides");
        let forged: Rehearsal =
            serde_json::from_str(r#"{"spent_ms":[0,1],"slide":2,"last":null,"paused":false,"jumps":0}"#)
                .unwrap();
        assert!(!forged.is_plausible() && forged.restored(2).is_none(), "the slide on screen is not in it");
        let forged: Rehearsal =
            serde_json::from_str(r#"{"spent_ms":[],"slide":0,"last":null,"paused":false,"jumps":0}"#)
                .unwrap();
        assert!(!forged.is_plausible(), "no slides");
        let forged: Rehearsal =
            serde_json::from_str(r#"{"spent_ms":[86400001],"slide":0,"last":5,"paused":true,"jumps":0}"#)
                .unwrap();
        assert!(!forged.is_plausible(), "longer than a day");
        assert!(back.is_plausible());
    }

    #[test]
    fn a_rehearsal_against_the_plan() {
        let s = summary(&[120, 60, 180], &[Some(150), None, Some(170)]);
        assert_eq!(s.rows[0], Row { planned: 120, rehearsed: Some(150), difference: Some(30) });
        assert_eq!(s.rows[1], Row { planned: 60, rehearsed: None, difference: None });
        assert_eq!((s.planned, s.rehearsed, s.difference), (360, 320, 20));
        assert_eq!(
            minutes_lines(&[Some(150), None, Some(180), Some(0)]),
            [(0, "minutes: 2:30".to_string()), (2, "minutes: 3".to_string())]
        );
    }
}
