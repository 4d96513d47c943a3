//! The talk's plan, as arithmetic on whole seconds: no floats, no `format!`, no clock of its own
//! (every reading is passed in), so that all of it is tested natively.
//!
//! - **The `minutes:` grammar** ([`parse_minutes`], [`minutes_value`]): what a slide's header may
//!   say, read by the content compiler and written back by a rehearsal (`crate::rehearsal`), one
//!   grammar for both.
//! - **The plan** ([`allocate`], [`Plan`]): each slide's planned seconds (its own `minutes:`, or an
//!   equal share of what remains of the talk's `duration`), when each slide should start and end,
//!   where the speaker stands against it ([`Plan::standing`], [`describe`]), and the strip of the
//!   slides each as wide as its planned time ([`Plan::strip`]).

use crate::deck::Deck;
use crate::nav::Position;
use crate::text::push_number;
use crate::timer::Millis;

/// The longest time any one slide may plan, or be recorded with: a day, the longest `duration`.
pub const MAX_SECONDS: u32 = 24 * 60 * 60;

// ---------------------------------------------------------------------------------------------
// The `minutes:` grammar.

/// Why a `minutes:` value is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesError {
    /// Not a time in the grammar.
    Unreadable,
    /// A time with a minus sign.
    Negative,
    /// No time at all (`0`, `0.0`, `0:00`).
    Zero,
    /// More than [`MAX_SECONDS`].
    TooLong,
}

/// Reads a slide's `minutes:` value, in whole seconds. The grammar (see `content/FORMAT.md`):
/// - whole minutes: `3`;
/// - decimal minutes, one or two decimals: `2.5` (2 min 30 s), `0.75` (45 s); rounded to the
///   nearest second (`1.01` is 60.6 s, so 61 s), a time that is not zero never rounds to zero;
/// - minutes and seconds: `2:30`, `0:45` (seconds `00` to `59`, always two digits).
///
/// ASCII digits only, no sign, no unit, no spaces inside; the value is trimmed.
pub fn parse_minutes(value: &str) -> Result<u32, MinutesError> {
    let value = value.trim();
    if let Some(rest) = value.strip_prefix('-') {
        return match parse_minutes(rest) {
            Ok(_) | Err(MinutesError::Zero | MinutesError::TooLong) => Err(MinutesError::Negative),
            Err(e) => Err(e),
        };
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| -> Result<u64, MinutesError> {
        // Twelve digits is far past a day in any unit: longer is too long, not unreadable.
        if s.len() > 12 {
            return Err(MinutesError::TooLong);
        }
        Ok(s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')))
    };
    let seconds = if let Some((m, s)) = value.split_once(':') {
        if !digits(m) || !digits(s) || s.len() != 2 {
            return Err(MinutesError::Unreadable);
        }
        let s = number(s)?;
        if s > 59 {
            return Err(MinutesError::Unreadable);
        }
        number(m)? * 60 + s
    } else if let Some((m, d)) = value.split_once('.') {
        if !digits(m) || !digits(d) || d.len() > 2 {
            return Err(MinutesError::Unreadable);
        }
        // Hundredths of a minute, 0.6 s each, rounded half up.
        let hundredths = number(m)? * 100 + number(d)? * if d.len() == 1 { 10 } else { 1 };
        (hundredths * 60 + 50) / 100
    } else if digits(value) {
        number(value)? * 60
    } else {
        return Err(MinutesError::Unreadable);
    };
    match seconds {
        0 => Err(MinutesError::Zero),
        s if s > u64::from(MAX_SECONDS) => Err(MinutesError::TooLong),
        s => Ok(s as u32),
    }
}

/// A time as a `minutes:` value that [`parse_minutes`] reads back exactly: `3` for whole minutes,
/// else `2:05`.
pub fn minutes_value(seconds: u32) -> String {
    let mut out = String::new();
    push_number(&mut out, (seconds / 60) as usize);
    if !seconds.is_multiple_of(60) {
        out.push(':');
        push_two_digits(&mut out, seconds % 60);
    }
    out
}

fn push_two_digits(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `m:ss`, or `h:mm:ss` from an hour on (as the timer shows time).
pub fn clock(seconds: u64) -> String {
    let mut out = String::new();
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        push_number(&mut out, usize::try_from(h).unwrap_or(usize::MAX));
        out.push(':');
        push_two_digits(&mut out, m as u32);
    } else {
        push_number(&mut out, m as usize);
    }
    out.push(':');
    push_two_digits(&mut out, s as u32);
    out
}

/// A difference as a signed clock: `+1:20`, `−0:45` (a minus sign, U+2212), `0:00`.
pub fn signed_clock(seconds: i64) -> String {
    let mut out = String::new();
    match seconds.signum() {
        1 => out.push('+'),
        -1 => out.push('\u{2212}'),
        _ => {}
    }
    out.push_str(&clock(seconds.unsigned_abs()));
    out
}

// ---------------------------------------------------------------------------------------------
// The plan.

/// Why the slides' own times do not fit the talk's `duration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanError {
    /// The slides' own times, added up to slide `slide` (0-based), come to `total` seconds: more
    /// than the duration.
    Over { slide: usize, total: u64 },
    /// The slides' own times leave less than a second each for the `unplanned` slides without
    /// one, the first of which is slide `slide`.
    NothingLeft { slide: usize, unplanned: usize },
}

/// Each slide's planned seconds: its own time where it has one, else an equal share of what the
/// others leave of `duration` (in seconds); the first slides of the share get the odd seconds, so
/// that the plan adds up to `duration` exactly whenever a slide shares it. A talk with no duration
/// (`0`) and no own times has no plan: every slide gets 0.
pub fn allocate(duration: u32, own: &[Option<u32>]) -> Result<Vec<u32>, PlanError> {
    let mut total = 0u64;
    for (slide, seconds) in own.iter().enumerate() {
        if let Some(s) = seconds {
            total += u64::from(*s);
            if total > u64::from(duration) {
                return Err(PlanError::Over { slide, total });
            }
        }
    }
    let unplanned = own.iter().filter(|s| s.is_none()).count();
    let rest = u64::from(duration) - total;
    if duration > 0 && unplanned > 0 && rest < unplanned as u64 {
        let slide = own.iter().position(Option::is_none).unwrap_or(0);
        return Err(PlanError::NothingLeft { slide, unplanned });
    }
    let share = rest.checked_div(unplanned as u64).unwrap_or(0);
    let mut odd = rest.checked_rem(unplanned as u64).unwrap_or(0);
    Ok(own
        .iter()
        .map(|seconds| match seconds {
            Some(s) => *s,
            None => {
                let extra = u64::from(odd > 0);
                odd = odd.saturating_sub(1);
                // At most `duration`, so it fits.
                u32::try_from(share + extra).unwrap_or(u32::MAX)
            }
        })
        .collect())
}

/// A stretch of the talk, in seconds from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: u64,
    pub end: u64,
}

/// The plan: each slide's planned seconds and when it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    seconds: Vec<u32>,
    /// When each slide should start; one more entry, the end of the talk.
    starts: Vec<u64>,
}

/// Within this many seconds of the plan, the talk is "on time". Half a minute is a sentence or two
/// more or less, which a speaker makes up without trying, and less than a sixth of an average
/// slide's time in this talk (60 minutes, 18 slides: 3:20). A narrower band would make the words
/// change with every step and every pause for breath; a wider one would say "on time" to a
/// speaker who has lost a quarter of a slide's time.
pub const DEAD_BAND: u64 = 30;

impl Plan {
    pub fn new(seconds: &[u32]) -> Plan {
        let mut starts = Vec::with_capacity(seconds.len() + 1);
        let mut at = 0u64;
        starts.push(at);
        for s in seconds {
            at += u64::from(*s);
            starts.push(at);
        }
        Plan { seconds: seconds.to_vec(), starts }
    }

    /// The plan the page states: each slide's planned seconds, as the compiler allocated them.
    pub fn of(deck: &Deck) -> Plan {
        Plan::new(&deck.slides.iter().map(|s| s.seconds).collect::<Vec<_>>())
    }

    pub fn len(&self) -> usize {
        self.seconds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seconds.is_empty()
    }

    /// The whole plan's length, in seconds (0: no plan).
    pub fn total(&self) -> u64 {
        self.starts.last().copied().unwrap_or(0)
    }

    /// Slide `slide`'s planned seconds (0 outside the deck).
    pub fn seconds(&self, slide: usize) -> u32 {
        self.seconds.get(slide).copied().unwrap_or(0)
    }

    /// When slide `slide` should start and end.
    pub fn window(&self, slide: usize) -> Option<Window> {
        Some(Window { start: *self.starts.get(slide)?, end: *self.starts.get(slide + 1)? })
    }

    /// When step `at.step` of slide `at.slide` should be on screen, the slide's time shared
    /// equally by its `steps + 1` states (nothing shown yet, then each step). The step counts:
    /// a speaker who is still on the first point of a four-point slide when its time is nearly up
    /// is behind, and should hear it now, not when the slide is left.
    pub fn step_window(&self, at: Position, steps: usize) -> Option<Window> {
        let slide = self.window(at.slide)?;
        let parts = steps as u64 + 1;
        let step = (at.step as u64).min(steps as u64);
        let length = slide.end - slide.start;
        Some(Window {
            start: slide.start + length * step / parts,
            end: slide.start + length * (step + 1) / parts,
        })
    }

    /// Where the talk stands against the plan, in whole seconds, at `elapsed` seconds on step
    /// `at` of a slide with `steps` steps: positive when ahead (the place was reached before the
    /// plan's time for it), negative when behind (still there after the plan's time for it has
    /// passed), 0 within it. `None` when there is no plan or no such slide.
    pub fn standing(&self, at: Position, steps: usize, elapsed: u64) -> Option<i64> {
        if self.total() == 0 {
            return None;
        }
        let w = self.step_window(at, steps)?;
        let gap = |a: u64, b: u64| i64::try_from(a - b).unwrap_or(i64::MAX);
        Some(if elapsed < w.start {
            gap(w.start, elapsed)
        } else if elapsed > w.end {
            -gap(elapsed, w.end)
        } else {
            0
        })
    }

    /// The slide the plan says should be on screen after `elapsed` seconds (the last one once the
    /// plan's time is up); `None` without a plan.
    pub fn due(&self, elapsed: u64) -> Option<usize> {
        if self.total() == 0 {
            return None;
        }
        // The last slide that starts at or before `elapsed` and has time (a slide of 0 s is never due).
        (0..self.len()).rev().find(|&i| self.starts[i] <= elapsed && self.seconds[i] > 0)
    }

    /// The strip: each slide's width in per mille of the whole, as its share of the planned time
    /// (equal shares without a plan). The widths add up to exactly 1000 (the largest remainders
    /// get the odd per mille), so the strip's segments tile it.
    pub fn strip(&self) -> Vec<u16> {
        if self.total() == 0 {
            return per_mille(&vec![1; self.len()]);
        }
        per_mille(&self.seconds.iter().map(|s| u64::from(*s)).collect::<Vec<_>>())
    }

    /// Where the speaker is on the strip, in per mille: the start of step `at` within its slide's
    /// segment.
    pub fn strip_place(&self, at: Position, steps: usize) -> u16 {
        let strip = self.strip();
        let Some(width) = strip.get(at.slide) else { return 1000 };
        let start: u64 = strip[..at.slide].iter().map(|w| u64::from(*w)).sum();
        let parts = steps as u64 + 1;
        let step = (at.step as u64).min(steps as u64);
        (start + u64::from(*width) * step / parts) as u16
    }

    /// Where the plan says the speaker should be on the strip after `elapsed` seconds, in per
    /// mille (1000 once the plan's time is up; 0 without a plan): within the due slide's segment,
    /// as far as its time has gone.
    pub fn strip_due(&self, elapsed: u64) -> u16 {
        let Some(slide) = self.due(elapsed) else { return 0 };
        if elapsed >= self.total() {
            return 1000;
        }
        let strip = self.strip();
        let start: u64 = strip[..slide].iter().map(|w| u64::from(*w)).sum();
        let w = Window { start: self.starts[slide], end: self.starts[slide + 1] };
        let into = (elapsed - w.start).min(w.end - w.start);
        (start + u64::from(strip[slide]) * into / (w.end - w.start).max(1)) as u16
    }
}

/// Weights as per mille adding up to 1000: each its floor, then one more to the largest
/// remainders (the earlier first on a tie). Empty weights give an empty list.
fn per_mille(weights: &[u64]) -> Vec<u16> {
    let total: u64 = weights.iter().sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let mut out: Vec<u16> = weights.iter().map(|w| (w * 1000 / total) as u16).collect();
    let given: u64 = out.iter().map(|w| u64::from(*w)).sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weights[i] * 1000 % total));
    for &i in order.iter().take((1000 - given) as usize) {
        out[i] += 1;
    }
    out
}

/// The timer's elapsed time ([`crate::timer::Timer::elapsed`]) in whole seconds, as the plan
/// counts it: the seconds begun are not yet spent (floored); negative or not a number is 0.
pub fn elapsed_seconds(ms: Millis) -> u64 {
    if ms.is_nan() || ms <= 0.0 {
        return 0;
    }
    // A float-to-integer `as` saturates: a day or a century, never a wrap.
    (ms / 1000.0) as u64
}

/// The time spent on each slide, by the speaker's timer (milliseconds, as
/// [`crate::timer::Timer::elapsed`] gives them): each reading's advance on the one before goes to
/// the slide that was on screen, so that visits add up. The timer stands still while paused, so a
/// pause adds nothing. A reading that goes back is the timer started again (reset, or restarted
/// by a rehearsal; or the clock set back, which the timer shows too): every slide starts from 0.
/// (Unlike a rehearsal's clock, the timer's time is the talk's: a long advance counts.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visits {
    spent: Vec<u64>,
    slide: usize,
    at: u64,
}

// `#[inline]`: built only into the program that uses it (the app), not into the core's own code,
// which the stage shares.
impl Visits {
    /// Nothing spent yet on any of `slides` slides; slide `slide` on screen at reading `at`.
    #[inline]
    pub fn new(slides: usize, slide: usize, at: u64) -> Visits {
        Visits { spent: vec![0; slides], slide, at }
    }

    /// The reading `at`, with slide `slide` on screen from now on.
    #[inline]
    pub fn at(&mut self, slide: usize, at: u64) {
        if at < self.at {
            self.spent.iter_mut().for_each(|s| *s = 0);
        } else if let Some(spent) = self.spent.get_mut(self.slide) {
            *spent = spent.saturating_add(at - self.at);
        }
        self.slide = slide;
        self.at = at;
    }

    /// The time spent on slide `slide` (0 outside the deck).
    #[inline]
    pub fn spent(&self, slide: usize) -> u64 {
        self.spent.get(slide).copied().unwrap_or(0)
    }
}

/// Where the talk stands, in words: "on time" within [`DEAD_BAND`], else "1:20 behind" or
/// "0:45 ahead".
pub fn describe(standing: i64) -> String {
    if standing.unsigned_abs() <= DEAD_BAND {
        return "on time".into();
    }
    let mut out = clock(standing.unsigned_abs());
    out.push_str(if standing > 0 { " ahead" } else { " behind" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minutes_grammar() {
        let ok = [
            ("3", 180),
            ("2.5", 150),
            ("0.75", 45),
            ("2.50", 150),
            ("1.01", 61),
            ("0.01", 1),
            (" 2:30 ", 150),
            ("0:45", 45),
            ("10:05", 605),
            ("1440", MAX_SECONDS),
        ];
        for (value, seconds) in ok {
            assert_eq!(parse_minutes(value), Ok(seconds), "{value:?}");
        }
        use MinutesError::*;
        let bad = [
            ("", Unreadable),
            ("soon", Unreadable),
            ("2 min", Unreadable),
            ("2.", Unreadable),
            (".5", Unreadable),
            ("2.125", Unreadable),
            ("2:3", Unreadable),
            ("2:60", Unreadable),
            ("1:2:03", Unreadable),
            ("+2", Unreadable),
            ("٣", Unreadable),
            ("2,5", Unreadable),
            ("-2", Negative),
            ("-0:30", Negative),
            ("-0", Negative),
            ("-x", Unreadable),
            ("0", Zero),
            ("0.00", Zero),
            ("0:00", Zero),
            ("1441", TooLong),
            ("99999999999999999999", TooLong),
        ];
        for (value, error) in bad {
            assert_eq!(parse_minutes(value), Err(error), "{value:?}");
        }
        assert_eq!(minutes_value(180), "3");
        assert_eq!(minutes_value(150), "2:30");
        assert_eq!(minutes_value(605), "10:05");
        assert_eq!(minutes_value(1), "0:01");
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(80), "1:20");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(signed_clock(-45), "\u{2212}0:45");
        assert_eq!(signed_clock(80), "+1:20");
        assert_eq!(signed_clock(0), "0:00");
    }

    #[test]
    fn slides_without_a_time_share_the_rest() {
        assert_eq!(allocate(600, &[Some(120), None, None, Some(60)]), Ok(vec![120, 210, 210, 60]));
        assert_eq!(allocate(10, &[None, None, None]), Ok(vec![4, 3, 3]), "odd seconds go first");
        assert_eq!(allocate(600, &[Some(120), Some(60)]), Ok(vec![120, 60]), "a plan may be shorter");
        assert_eq!(allocate(0, &[None, None]), Ok(vec![0, 0]), "no duration, no plan");
        assert_eq!(
            allocate(600, &[Some(400), None, Some(300)]),
            Err(PlanError::Over { slide: 2, total: 700 })
        );
        assert_eq!(allocate(0, &[None, Some(1)]), Err(PlanError::Over { slide: 1, total: 1 }));
        assert_eq!(
            allocate(600, &[Some(599), None, None]),
            Err(PlanError::NothingLeft { slide: 1, unplanned: 2 })
        );
        assert_eq!(allocate(600, &[Some(598), None, None]), Ok(vec![598, 1, 1]));
    }

    fn plan() -> Plan {
        // Three slides: 2 min, 1 min, 3 min.
        Plan::new(&[120, 60, 180])
    }

    #[test]
    fn the_plan_at_each_slide() {
        let plan = plan();
        assert_eq!(plan.total(), 360);
        assert_eq!(plan.window(0), Some(Window { start: 0, end: 120 }));
        assert_eq!(plan.window(2), Some(Window { start: 180, end: 360 }));
        assert_eq!(plan.window(3), None);
        // Slide 3's two steps share its three minutes in three parts.
        assert_eq!(plan.step_window(Position::new(2, 1), 2), Some(Window { start: 240, end: 300 }));
        assert_eq!(plan.step_window(Position::new(2, 9), 2), Some(Window { start: 300, end: 360 }));
        assert_eq!(plan.due(0), Some(0));
        assert_eq!(plan.due(150), Some(1));
        assert_eq!(plan.due(9999), Some(2));
        assert_eq!(Plan::new(&[0, 0]).due(5), None);
    }

    #[test]
    fn where_the_talk_stands() {
        let plan = plan();
        let on = |slide, step, steps, elapsed| plan.standing(Position::new(slide, step), steps, elapsed);
        assert_eq!(on(1, 0, 0, 150), Some(0), "on slide 2 in its minute");
        assert_eq!(on(1, 0, 0, 100), Some(20), "20 s early");
        assert_eq!(on(1, 0, 0, 260), Some(-80), "80 s after slide 2 should have ended");
        assert_eq!(on(2, 0, 2, 250), Some(-10), "slide 3's first part ended at 240");
        assert_eq!(on(2, 2, 2, 250), Some(50), "its last step is due at 300");
        assert_eq!(on(5, 0, 0, 1), None);
        assert_eq!(Plan::new(&[0, 0]).standing(Position::new(0, 0), 0, 10), None);
        assert_eq!(describe(-80), "1:20 behind");
        assert_eq!(describe(45), "0:45 ahead");
        assert_eq!(describe(30), "on time");
        assert_eq!(describe(-30), "on time");
        assert_eq!(describe(-31), "0:31 behind");
        assert_eq!(describe(-3725), "1:02:05 behind");
    }

    #[test]
    fn the_plan_of_the_page_and_the_timers_seconds() {
        let deck = Deck {
            slides: [90, 30].map(|seconds| crate::deck::Slide { seconds, ..Default::default() }).to_vec(),
            ..Deck::default()
        };
        assert_eq!(Plan::of(&deck), Plan::new(&[90, 30]));
        assert_eq!(Plan::of(&deck).window(1), Some(Window { start: 90, end: 120 }));
        assert_eq!(elapsed_seconds(61_999.0), 61);
        assert_eq!((elapsed_seconds(-5.0), elapsed_seconds(f64::NAN)), (0, 0));
        assert_eq!(elapsed_seconds(f64::INFINITY), u64::MAX);
    }

    #[test]
    fn visits_add_up_by_the_timer() {
        let mut v = Visits::new(3, 0, 1_000);
        v.at(0, 61_000);
        v.at(1, 400_000);
        assert_eq!(
            (v.spent(0), v.spent(1)),
            (399_000, 0),
            "a long advance counts: the timer's time is the talk's"
        );
        v.at(0, 410_000);
        v.at(0, 420_000);
        assert_eq!((v.spent(0), v.spent(1)), (409_000, 10_000));
        v.at(1, 5_000);
        v.at(1, 6_000);
        assert_eq!((v.spent(0), v.spent(1)), (0, 1_000), "the timer started again: every slide from 0");
        v.at(7, 7_000);
        v.at(2, 9_000);
        assert_eq!((v.spent(7), v.spent(2)), (0, 0), "a slide outside the deck takes nothing");
    }

    #[test]
    fn the_strip() {
        let plan = plan();
        assert_eq!(plan.strip(), [333, 167, 500]);
        assert_eq!(Plan::new(&[0, 0, 0]).strip(), [334, 333, 333], "equal without a plan");
        assert_eq!(Plan::new(&[]).strip(), Vec::<u16>::new());
        assert_eq!(plan.strip_place(Position::new(0, 0), 0), 0);
        assert_eq!(plan.strip_place(Position::new(2, 1), 1), 750);
        assert_eq!(plan.strip_due(0), 0);
        assert_eq!(plan.strip_due(150), 333 + 83);
        assert_eq!(plan.strip_due(360), 1000);
        assert_eq!(plan.strip_due(99_999), 1000);
    }
}
