//! Kiosk mode (`?auto=N`): advance every N seconds through slides and fragments, looping, for an
//! exhibition screen. Any input pauses it; a minute without input resumes it. Pure schedule.

use crate::timer::Millis;

pub const RESUME_AFTER: Millis = 60_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kiosk {
    every: Millis,
    last_input: Option<Millis>,
    last_advance: Millis,
}

impl Kiosk {
    pub fn new(every_seconds: f64, now: Millis) -> Kiosk {
        Kiosk { every: every_seconds * 1000.0, last_input: None, last_advance: now }
    }

    /// Someone touched a key, the mouse or the screen.
    pub fn input(&mut self, now: Millis) {
        self.last_input = Some(now);
    }

    pub fn paused(&self, now: Millis) -> bool {
        self.last_input.is_some_and(|t| now - t < RESUME_AFTER)
    }

    /// Whether to advance now; if so, the next advance is counted from now.
    pub fn due(&mut self, now: Millis) -> bool {
        if self.paused(now) {
            return false;
        }
        // After a pause, a full interval passes before the next advance.
        let since = self.last_input.map_or(self.last_advance, |t| t.max(self.last_advance));
        if now - since >= self.every {
            self.last_advance = now;
            true
        } else {
            false
        }
    }
}

/// The `auto` query value as seconds: a positive number up to an hour, else no kiosk.
pub fn parse_seconds(value: &str) -> Option<f64> {
    // Whole seconds, or seconds and a decimal fraction (`2.5`), read as milliseconds: no float
    // parser in the wasm for this one number.
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    // As Rust's own float parser reads it: `2.` and `.5` are numbers too.
    let whole_ok = digits(whole) || (whole.is_empty() && !fraction.is_empty());
    if !whole_ok || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let number = |s: &str| s.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let scale = [1000, 100, 10, 1][fraction.len().min(3)];
    let millis = number(whole) * 1000 + number(&fraction[..fraction.len().min(3)]) * scale;
    (500..=3_600_000).contains(&millis).then(|| f64::from(millis) / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_on_schedule_pauses_on_input_and_resumes() {
        let mut k = Kiosk::new(5.0, 0.0);
        assert!(!k.due(4_999.0));
        assert!(k.due(5_000.0));
        assert!(!k.due(6_000.0));
        k.input(7_000.0);
        assert!(k.paused(8_000.0));
        assert!(!k.due(20_000.0), "paused by input");
        assert!(!k.due(66_999.0), "still within the minute");
        assert!(k.due(67_000.0), "resumes a minute after the last input");
        assert!(!k.due(71_000.0));
        assert!(k.due(72_000.0));
    }

    #[test]
    fn parses_the_interval() {
        assert_eq!(parse_seconds("10"), Some(10.0));
        assert_eq!(parse_seconds("2.5"), Some(2.5));
        assert_eq!(parse_seconds("0.75"), Some(0.75));
        assert_eq!((parse_seconds("2."), parse_seconds(".5")), (Some(2.0), Some(0.5)));
        assert_eq!(parse_seconds("3600"), Some(3600.0));
        for bad in ["", "0", "0.4", "-3", "abc", "NaN", "inf", "99999", "1e400", ".", "2.5.1", "+3", "3600.1"]
        {
            assert_eq!(parse_seconds(bad), None, "{bad}");
        }
    }
}
