//! The speaker's timer, as arithmetic on clock readings: elapsed time is derived from
//! when the timer was started, never from counting ticks, so it cannot drift and it survives a
//! reload (the state is a few numbers, stored by the speaker view).

use serde::{Deserialize, Serialize};

/// Milliseconds since the epoch, as `Date.now()` gives them.
pub type Millis = f64;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Timer {
    /// When the current run started; `None` while paused or never started.
    running_since: Option<Millis>,
    /// Time from earlier runs.
    banked: Millis,
}

impl Timer {
    pub fn elapsed(&self, now: Millis) -> Millis {
        let running = self.running_since.map_or(0.0, |since| (now - since).max(0.0));
        (self.banked + running).max(0.0)
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn start(self, now: Millis) -> Timer {
        match self.running_since {
            Some(_) => self,
            None => Timer { running_since: Some(now), ..self },
        }
    }

    pub fn pause(self, now: Millis) -> Timer {
        Timer { running_since: None, banked: self.elapsed(now) }
    }

    pub fn reset() -> Timer {
        Timer::default()
    }

    /// A stored timer that makes no sense (NaN, negative, in the future) is a fresh one.
    pub fn sanitized(self, now: Millis) -> Timer {
        let sane_since = self.running_since.is_none_or(|s| s.is_finite() && s <= now);
        if self.banked.is_finite() && self.banked >= 0.0 && sane_since {
            self
        } else {
            Timer::default()
        }
    }
}

/// `m:ss`, or `h:mm:ss` from an hour on.
pub fn format_duration(ms: Millis) -> String {
    let total = (ms.max(0.0) / 1000.0).floor() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_comes_from_the_clock() {
        let t = Timer::default().start(1_000.0);
        assert_eq!(t.elapsed(61_000.0), 60_000.0);
        let paused = t.pause(61_000.0);
        assert!(!paused.is_running());
        assert_eq!(paused.elapsed(999_999.0), 60_000.0, "paused time does not move");
        let resumed = paused.start(100_000.0);
        assert_eq!(resumed.elapsed(110_000.0), 70_000.0);
        assert_eq!(resumed.start(105_000.0), resumed, "start while running changes nothing");
        assert_eq!(Timer::reset().elapsed(5.0), 0.0);
    }

    #[test]
    fn a_clock_going_backwards_never_gives_negative_time() {
        let t = Timer::default().start(10_000.0);
        assert_eq!(t.elapsed(5_000.0), 0.0);
    }

    #[test]
    fn survives_a_round_trip_through_storage_and_rejects_nonsense() {
        let t = Timer::default().start(1_000.0).pause(4_000.0).start(9_000.0);
        let stored = serde_json::to_string(&t).unwrap();
        let back: Timer = serde_json::from_str(&stored).unwrap();
        assert_eq!(back.sanitized(10_000.0), t);
        let future = Timer::default().start(50_000.0);
        assert_eq!(future.sanitized(10_000.0), Timer::default());
        let negative = Timer { running_since: None, banked: -5.0 };
        assert_eq!(negative.sanitized(1.0), Timer::default());
    }

    #[test]
    fn formats() {
        assert_eq!(format_duration(0.0), "0:00");
        assert_eq!(format_duration(65_999.0), "1:05");
        assert_eq!(format_duration(3_725_000.0), "1:02:05");
        assert_eq!(format_duration(-3.0), "0:00");
    }
}
