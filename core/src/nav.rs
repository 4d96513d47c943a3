//! Where the talk is and how commands move it. Pure: no browser, no deck data, just a shape.

/// What navigation needs to know about a deck: how many slides, and the fragment steps of each.
pub trait DeckShape {
    fn slide_count(&self) -> usize;
    /// Fragment steps of a slide (0 when everything shows at once, or the slide does not exist).
    fn steps(&self, slide: usize) -> usize;
    /// The slide with this name (its `id:` in the talk), if any.
    fn named(&self, _name: &str) -> Option<usize> {
        None
    }
}

impl DeckShape for [usize] {
    fn slide_count(&self) -> usize {
        self.len()
    }

    fn steps(&self, slide: usize) -> usize {
        self.get(slide).copied().unwrap_or(0)
    }
}

/// A place in the talk: a slide (0-based) and how many of its fragments are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Position {
    pub slide: usize,
    pub step: usize,
}

impl Position {
    pub const START: Position = Position { slide: 0, step: 0 };

    pub fn new(slide: usize, step: usize) -> Self {
        Position { slide, step }
    }

    /// The nearest valid place in `deck`.
    pub fn clamp(self, deck: &(impl DeckShape + ?Sized)) -> Position {
        if deck.slide_count() == 0 {
            return Position::START;
        }
        let slide = self.slide.min(deck.slide_count() - 1);
        Position { slide, step: self.step.min(deck.steps(slide)) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// The next fragment, or the next slide when all are shown.
    Next,
    /// Hide the last fragment, or go back to the previous slide with all its fragments shown.
    Prev,
    First,
    Last,
    /// A slide (0-based), no fragments shown.
    GoTo(usize),
    /// An exact place, clamped.
    GoToStep(Position),
}

/// Where `command` takes the talk from `from`. Always a valid place; stays put at either end.
pub fn apply(deck: &(impl DeckShape + ?Sized), from: Position, command: Command) -> Position {
    let from = from.clamp(deck);
    if deck.slide_count() == 0 {
        return from;
    }
    let last = deck.slide_count() - 1;
    match command {
        Command::Next if from.step < deck.steps(from.slide) => Position::new(from.slide, from.step + 1),
        Command::Next if from.slide < last => Position::new(from.slide + 1, 0),
        Command::Next => from,
        Command::Prev if from.step > 0 => Position::new(from.slide, from.step - 1),
        Command::Prev if from.slide > 0 => Position::new(from.slide - 1, deck.steps(from.slide - 1)),
        Command::Prev => from,
        Command::First => Position::START,
        Command::Last => Position::new(last, 0),
        Command::GoTo(slide) => Position::new(slide, 0).clamp(deck),
        Command::GoToStep(to) => to.clamp(deck),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: [usize; 3] = [0, 2, 1];

    #[test]
    fn next_walks_fragments_then_slides() {
        let mut p = Position::START;
        let mut seen = vec![p];
        loop {
            let q = apply(&DECK[..], p, Command::Next);
            if q == p {
                break;
            }
            seen.push(q);
            p = q;
        }
        let expected = [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1)].map(|(s, k)| Position::new(s, k));
        assert_eq!(seen, expected);
    }

    #[test]
    fn prev_lands_on_previous_slide_fully_built() {
        assert_eq!(apply(&DECK[..], Position::new(2, 0), Command::Prev), Position::new(1, 2));
        assert_eq!(apply(&DECK[..], Position::new(1, 1), Command::Prev), Position::new(1, 0));
        assert_eq!(apply(&DECK[..], Position::START, Command::Prev), Position::START);
    }

    #[test]
    fn jumps_clamp() {
        assert_eq!(apply(&DECK[..], Position::START, Command::GoTo(99)), Position::new(2, 0));
        assert_eq!(apply(&DECK[..], Position::START, Command::Last), Position::new(2, 0));
        assert_eq!(apply(&DECK[..], Position::new(2, 1), Command::First), Position::START);
        let to = Position::new(1, 50);
        assert_eq!(apply(&DECK[..], Position::START, Command::GoToStep(to)), Position::new(1, 2));
    }

    #[test]
    fn empty_deck_stays_at_start() {
        let empty: [usize; 0] = [];
        assert_eq!(apply(&empty[..], Position::new(4, 4), Command::Next), Position::START);
    }
}

/// How far through the talk a place is, from 0 (the start) to 1 (the last step of the last slide).
pub fn progress(deck: &(impl DeckShape + ?Sized), pos: Position) -> f64 {
    let linear = |p: Position| (0..p.slide).map(|s| deck.steps(s) + 1).sum::<usize>() + p.step;
    let last = deck.slide_count().saturating_sub(1);
    let end = linear(Position::new(last, deck.steps(last)));
    if end == 0 {
        return 1.0;
    }
    linear(pos.clamp(deck)) as f64 / end as f64
}

/// The overview's cursor after an arrow key, in a grid of `columns` across `len` slides.
pub fn grid_move(cursor: usize, key: &str, columns: usize, len: usize) -> usize {
    let columns = columns.max(1);
    let last = len.saturating_sub(1);
    match key {
        "ArrowRight" => (cursor + 1).min(last),
        "ArrowLeft" => cursor.saturating_sub(1),
        "ArrowDown" if cursor + columns <= last => cursor + columns,
        "ArrowUp" => cursor.checked_sub(columns).unwrap_or(cursor),
        "Home" => 0,
        "End" => last,
        _ => cursor.min(last),
    }
}

/// What a tap at `x` on a screen `width` wide does: the left third goes back, the right third on.
pub fn tap_zone(x: f64, width: f64) -> Option<Command> {
    if width.is_nan() || width <= 0.0 || !x.is_finite() {
        return None;
    }
    match x / width {
        f if f < 1.0 / 3.0 => Some(Command::Prev),
        f if f > 2.0 / 3.0 => Some(Command::Next),
        _ => None,
    }
}

/// A swipe is a horizontal move of at least this many CSS pixels, clearly more sideways than up.
const SWIPE_MIN_PX: f64 = 40.0;
/// A touch that moves less than this is a tap.
const TAP_MAX_PX: f64 = 10.0;

/// What a touch from `start` to `end` (client pixels) on a screen `width` wide does: a swipe left
/// goes on and right goes back; a tap on the outer thirds goes back or on, as in a photo viewer,
/// unless it landed `on_control` (a link or button, which handles its own tap); a scroll does
/// nothing.
pub fn gesture(start: (f64, f64), end: (f64, f64), width: f64, on_control: bool) -> Option<Command> {
    let (dx, dy) = (end.0 - start.0, end.1 - start.1);
    if dx.abs() >= SWIPE_MIN_PX && dx.abs() > 1.5 * dy.abs() {
        Some(if dx < 0.0 { Command::Next } else { Command::Prev })
    } else if dx.abs() < TAP_MAX_PX && dy.abs() < TAP_MAX_PX && !on_control {
        tap_zone(start.0, width)
    } else {
        None
    }
}

#[cfg(test)]
mod grid_tests {
    use super::*;

    #[test]
    fn progress_runs_from_zero_to_one_through_every_step() {
        let deck = [0usize, 2, 0];
        assert_eq!(progress(&deck[..], Position::START), 0.0);
        assert_eq!(progress(&deck[..], Position::new(1, 2)), 0.75);
        assert_eq!(progress(&deck[..], Position::new(2, 0)), 1.0);
        assert_eq!(progress(&[0usize][..], Position::START), 1.0);
    }

    #[test]
    fn tap_zones_are_the_outer_thirds() {
        assert_eq!(tap_zone(10.0, 390.0), Some(Command::Prev));
        assert_eq!(tap_zone(195.0, 390.0), None);
        assert_eq!(tap_zone(380.0, 390.0), Some(Command::Next));
        assert_eq!(tap_zone(10.0, 0.0), None);
        assert_eq!(tap_zone(f64::NAN, 390.0), None);
    }

    #[test]
    fn swipes_and_taps_move_and_scrolls_do_not() {
        let w = 400.0;
        assert_eq!(gesture((300.0, 100.0), (200.0, 110.0), w, false), Some(Command::Next), "swipe left");
        assert_eq!(gesture((100.0, 100.0), (200.0, 90.0), w, true), Some(Command::Prev), "swipe right");
        assert_eq!(gesture((100.0, 100.0), (130.0, 300.0), w, false), None, "a scroll");
        assert_eq!(gesture((100.0, 100.0), (160.0, 160.0), w, false), None, "diagonal");
        assert_eq!(
            gesture((390.0, 100.0), (392.0, 101.0), w, false),
            Some(Command::Next),
            "tap, right third"
        );
        assert_eq!(gesture((10.0, 100.0), (10.0, 100.0), w, false), Some(Command::Prev), "tap, left third");
        assert_eq!(gesture((10.0, 100.0), (10.0, 100.0), w, true), None, "tap on a button");
        assert_eq!(gesture((200.0, 100.0), (200.0, 100.0), w, false), None, "tap, middle");
        assert_eq!(gesture((f64::NAN, 0.0), (1.0, 0.0), w, false), None);
    }

    #[test]
    fn the_overview_cursor_stays_in_the_grid() {
        // 10 slides in 4 columns: rows 0-3, 4-7, 8-9.
        assert_eq!(grid_move(1, "ArrowDown", 4, 10), 5);
        assert_eq!(grid_move(6, "ArrowDown", 4, 10), 6, "no slide below");
        assert_eq!(grid_move(5, "ArrowUp", 4, 10), 1);
        assert_eq!(grid_move(2, "ArrowUp", 4, 10), 2);
        assert_eq!(grid_move(9, "ArrowRight", 4, 10), 9);
        assert_eq!(grid_move(0, "ArrowLeft", 4, 10), 0);
        assert_eq!(grid_move(5, "End", 4, 10), 9);
        assert_eq!(grid_move(5, "Home", 4, 10), 0);
    }
}
