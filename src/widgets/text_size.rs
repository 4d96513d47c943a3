//! A remembered text size (the speaker's notes, the reading view): a number in a range, stepped
//! by the A−/A+ buttons and kept in localStorage; anything odd found in storage is the default.

use deck_web as browser;
use leptos::prelude::*;
use std::ops::RangeInclusive;

#[derive(Clone, Copy)]
pub struct TextSize {
    pub value: RwSignal<u32>,
    key: &'static str,
    min: u32,
    max: u32,
}

impl TextSize {
    pub fn new(key: &'static str, range: RangeInclusive<u32>, default: u32) -> TextSize {
        let stored = browser::load(key).and_then(|v| v.parse::<u32>().ok()).filter(|v| range.contains(v));
        let (min, max) = range.into_inner();
        TextSize { value: RwSignal::new(stored.unwrap_or(default)), key, min, max }
    }

    pub fn step(&self, delta: i32) {
        let next = self.value.get_untracked().saturating_add_signed(delta).clamp(self.min, self.max);
        self.value.set(next);
        browser::store(self.key, &next.to_string());
    }
}
