//! Property tests of the pure core: navigation never leaves the deck, the URL codec round-trips,
//! the plan adds up and its standing moves the right way, rehearsals never count negative or absurd
//! time, and no input (command sequence, hash, key, clock readings, stored record) can panic it.
#![cfg(not(target_arch = "wasm32"))]

use deck_core::keys::{KeyInput, Keyboard, Outcome};
use deck_core::nav::{apply, Command, DeckShape, Position};
use deck_core::plan::{self, Plan, PlanError, MAX_SECONDS};
use deck_core::rehearsal::{self, Event, Rehearsal, RehearsalRecord, RehearsedSlide, MAX_GAP_MS};
use deck_core::url::{decode, encode};
use proptest::prelude::*;

fn deck_shape() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..5, 1..30)
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::Next),
        Just(Command::Prev),
        Just(Command::First),
        Just(Command::Last),
        (0usize..100).prop_map(Command::GoTo),
        (0usize..100, 0usize..10).prop_map(|(s, k)| Command::GoToStep(Position::new(s, k))),
    ]
}

fn valid(deck: &[usize], p: Position) -> bool {
    p.slide < deck.len() && p.step <= deck.steps(p.slide)
}

proptest! {
    #[test]
    fn any_command_sequence_keeps_the_position_valid(deck in deck_shape(), commands in prop::collection::vec(command(), 0..200)) {
        let mut p = Position::START;
        for c in commands {
            p = apply(&deck[..], p, c);
            prop_assert!(valid(&deck, p), "{:?} after {:?}", p, c);
        }
    }

    #[test]
    fn next_then_prev_returns(deck in deck_shape(), slide in 0usize..30, step in 0usize..5) {
        let p = Position::new(slide, step).clamp(&deck[..]);
        let n = apply(&deck[..], p, Command::Next);
        if n != p {
            prop_assert_eq!(apply(&deck[..], n, Command::Prev), p);
        }
    }

    #[test]
    fn walking_forward_visits_every_step_once(deck in deck_shape()) {
        let mut p = Position::START;
        let mut visited = 1;
        loop {
            let n = apply(&deck[..], p, Command::Next);
            if n == p { break; }
            prop_assert!(n.slide > p.slide || n.step == p.step + 1);
            visited += 1;
            p = n;
        }
        let total: usize = deck.iter().map(|s| s + 1).sum();
        prop_assert_eq!(visited, total);
    }

    #[test]
    fn encode_decode_round_trips(deck in deck_shape(), slide in 0usize..30, step in 0usize..5) {
        let p = Position::new(slide, step).clamp(&deck[..]);
        prop_assert_eq!(decode(&encode(p), &deck[..]), p);
    }

    #[test]
    fn any_hash_decodes_to_a_valid_place(deck in deck_shape(), hash in ".{0,64}") {
        let p = decode(&hash, &deck[..]);
        prop_assert!(valid(&deck, p));
    }

    #[test]
    fn numeric_hashes_clamp_to_the_nearest_slide(deck in deck_shape(), n in 0u64..u64::MAX) {
        let p = decode(&format!("#/{n}"), &deck[..]);
        let expected = usize::try_from(n).unwrap_or(usize::MAX).saturating_sub(1).min(deck.len() - 1);
        prop_assert_eq!(p, Position::new(expected, 0));
    }

    #[test]
    fn typed_numbers_jump_to_that_slide(n in 1u32..10_000) {
        let mut kb = Keyboard::default();
        for c in n.to_string().chars() {
            let key = c.to_string();
            let outcome = kb.press(KeyInput { key: &key, ..KeyInput::default() });
            prop_assert!(matches!(outcome, Outcome::Typing(_)));
        }
        let outcome = kb.press(KeyInput { key: "Enter", ..KeyInput::default() });
        prop_assert_eq!(outcome, Outcome::Act(deck_core::keys::Action::Navigate(Command::GoTo(n as usize - 1))));
    }

    #[test]
    fn no_key_sequence_panics(keys in prop::collection::vec("[0-9a-zA-Z ]|Enter|Escape|Backspace|ArrowLeft|PageDown|F5", 0..100)) {
        let mut kb = Keyboard::default();
        for key in &keys {
            let _ = kb.press(KeyInput { key, ..KeyInput::default() });
        }
        prop_assert!(kb.typed().is_none_or(|n| n <= 99_999));
    }
}

/// A plan: each slide's seconds, some of them 0.
fn plan_seconds() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(prop_oneof![1 => Just(0u32), 9 => 1u32..=3_600], 1..30)
}

/// Clock readings that mostly move forward by a few seconds, sometimes pause, sometimes jump back
/// or far ahead.
fn events() -> impl Strategy<Value = Vec<Event>> {
    let step = prop_oneof![
        8 => 0u64..20_000,
        1 => 20_000u64..=MAX_GAP_MS,
        1 => MAX_GAP_MS + 1..40 * 3_600_000,
    ];
    let kind = prop_oneof![
        4 => (0usize..12).prop_map(Some),
        4 => Just(None),
    ];
    prop::collection::vec((step, any::<bool>(), kind, 0u8..10), 0..120).prop_map(|list| {
        let mut at: u64 = 1_700_000_000_000;
        list.into_iter()
            .map(|(delta, back, show, pause)| {
                at = if back { at.saturating_sub(delta) } else { at + delta };
                match (show, pause) {
                    (_, 0) => Event::Pause { at },
                    (_, 1) => Event::Resume { at },
                    (Some(slide), _) => Event::Show { slide, at },
                    (None, _) => Event::Tick { at },
                }
            })
            .collect()
    })
}

fn at_of(event: &Event) -> u64 {
    match *event {
        Event::Show { at, .. } | Event::Tick { at } | Event::Pause { at } | Event::Resume { at } => at,
    }
}

proptest! {
    #[test]
    fn the_minutes_grammar_reads_back_what_it_writes(seconds in 1u32..=MAX_SECONDS) {
        prop_assert_eq!(plan::parse_minutes(&plan::minutes_value(seconds)), Ok(seconds));
    }

    #[test]
    fn no_minutes_value_panics_and_every_time_read_is_sane(value in "[-+0-9.: a-z٣]{0,16}") {
        if let Ok(seconds) = plan::parse_minutes(&value) {
            prop_assert!((1..=MAX_SECONDS).contains(&seconds), "{value:?} read as {seconds}");
        }
    }

    #[test]
    fn the_plan_never_exceeds_the_duration_and_keeps_each_slides_own_time(
        minutes in 1u32..=240,
        own in prop::collection::vec(prop::option::of(1u32..=1_800), 0..40),
    ) {
        let duration = minutes * 60;
        let own_total: u64 = own.iter().flatten().map(|s| u64::from(*s)).sum();
        let unplanned = own.iter().filter(|s| s.is_none()).count() as u64;
        match plan::allocate(duration, &own) {
            Ok(seconds) => {
                prop_assert_eq!(seconds.len(), own.len());
                let total: u64 = seconds.iter().map(|s| u64::from(*s)).sum();
                prop_assert!(total <= u64::from(duration));
                if unplanned > 0 {
                    prop_assert_eq!(total, u64::from(duration), "the shared rest fills the duration");
                }
                let shares: Vec<u32> = seconds.iter().zip(&own).filter(|(_, o)| o.is_none()).map(|(s, _)| *s).collect();
                if let (Some(lo), Some(hi)) = (shares.iter().min(), shares.iter().max()) {
                    prop_assert!(*lo >= 1 && hi - lo <= 1, "equal shares: {:?}", shares);
                }
                for (s, o) in seconds.iter().zip(&own) {
                    if let Some(o) = o {
                        prop_assert_eq!(s, o);
                    }
                }
            }
            Err(PlanError::Over { slide, total }) => {
                prop_assert!(total > u64::from(duration) && own_total >= total);
                prop_assert!(own[slide].is_some());
            }
            Err(PlanError::NothingLeft { slide, unplanned: n }) => {
                prop_assert_eq!(n as u64, unplanned);
                prop_assert!(own[slide].is_none() && u64::from(duration) - own_total < unplanned);
            }
        }
    }

    #[test]
    fn the_plan_is_monotonic_and_its_windows_tile_the_talk(seconds in plan_seconds(), steps in prop::collection::vec(0usize..6, 30)) {
        let plan = Plan::new(&seconds);
        let mut end = 0;
        for (i, s) in seconds.iter().enumerate() {
            let w = plan.window(i).unwrap();
            prop_assert_eq!(w.start, end);
            prop_assert_eq!(w.end - w.start, u64::from(*s));
            let mut step_end = w.start;
            for k in 0..=steps[i] {
                let sw = plan.step_window(Position::new(i, k), steps[i]).unwrap();
                prop_assert!(sw.start == step_end && sw.start <= sw.end && sw.end <= w.end);
                step_end = sw.end;
            }
            prop_assert_eq!(step_end, w.end);
            end = w.end;
        }
        prop_assert_eq!(plan.total(), end);
    }

    #[test]
    fn the_later_the_clock_or_the_earlier_the_place_the_further_behind(
        seconds in plan_seconds(),
        steps in prop::collection::vec(0usize..6, 30),
        a in (0usize..30, 0usize..6),
        b in (0usize..30, 0usize..6),
        t1 in 0u64..200_000,
        t2 in 0u64..200_000,
    ) {
        let plan = Plan::new(&seconds);
        let n = seconds.len();
        let place = |(s, k): (usize, usize)| Position::new(s % n, k.min(steps[s % n]));
        let (p, q) = if (place(a).slide, place(a).step) <= (place(b).slide, place(b).step) {
            (place(a), place(b))
        } else {
            (place(b), place(a))
        };
        let (early, late) = (t1.min(t2), t1.max(t2));
        let steps_of = |p: Position| steps[p.slide];
        if let (Some(now), Some(later)) = (plan.standing(p, steps_of(p), early), plan.standing(p, steps_of(p), late)) {
            prop_assert!(later <= now, "waiting never puts the talk ahead");
            let further = plan.standing(q, steps_of(q), early).unwrap();
            prop_assert!(further >= now, "moving on never puts the talk behind");
            prop_assert!(now.unsigned_abs() <= plan.total().max(early));
            let w = plan.step_window(p, steps_of(p)).unwrap();
            prop_assert_eq!(now == 0, (w.start..=w.end).contains(&early));
        } else {
            prop_assert_eq!(plan.total(), 0);
        }
    }

    #[test]
    fn the_words_say_ahead_behind_or_on_time(seconds in any::<i64>()) {
        let words = plan::describe(seconds);
        if seconds.unsigned_abs() <= plan::DEAD_BAND {
            prop_assert_eq!(words, "on time");
        } else {
            let wanted = if seconds > 0 { " ahead" } else { " behind" };
            prop_assert!(words.ends_with(wanted), "{}", words);
            prop_assert_eq!(words.trim_end_matches(wanted), plan::clock(seconds.unsigned_abs()));
        }
    }

    #[test]
    fn the_strip_adds_up_to_the_whole_and_its_marks_stay_on_it(
        seconds in plan_seconds(),
        slide in 0usize..30,
        step in 0usize..6,
        t1 in 0u64..200_000,
        t2 in 0u64..200_000,
    ) {
        let plan = Plan::new(&seconds);
        let strip = plan.strip();
        prop_assert_eq!(strip.len(), seconds.len());
        prop_assert_eq!(strip.iter().map(|w| u32::from(*w)).sum::<u32>(), 1000);
        let total = plan.total();
        if total > 0 {
            for (w, s) in strip.iter().zip(&seconds) {
                let exact = u64::from(*s) * 1000;
                let drawn = u64::from(*w) * total;
                prop_assert!(drawn.abs_diff(exact) < total, "{} per mille for {} of {} s", w, s, total);
            }
        }
        let slide = slide % seconds.len();
        let start: u32 = strip[..slide].iter().map(|w| u32::from(*w)).sum();
        let place = u32::from(plan.strip_place(Position::new(slide, step), 5));
        prop_assert!(start <= place && place <= start + u32::from(strip[slide]));
        let (early, late) = (t1.min(t2), t1.max(t2));
        prop_assert!(plan.strip_due(early) <= plan.strip_due(late) && plan.strip_due(late) <= 1000);
    }

    #[test]
    fn any_clock_readings_give_sane_consistent_times(slides in 1usize..12, events in events()) {
        let r = Rehearsal::replay(slides, &events);
        prop_assert_eq!(r.spent_ms().len(), slides);
        prop_assert!(r.slide() < slides);
        prop_assert_eq!(r.spent_ms().iter().sum::<u64>(), r.total_ms(), "the slides add up to the total");
        // No more than the forward gaps of at most two minutes between readings.
        let bound: u64 = events
            .windows(2)
            .map(|w| at_of(&w[1]).checked_sub(at_of(&w[0])).filter(|g| *g <= MAX_GAP_MS).unwrap_or(0))
            .sum();
        prop_assert!(r.total_ms() <= bound, "{} counted, at most {}", r.total_ms(), bound);
        let jumps = events.windows(2).filter(|w| at_of(&w[1]).checked_sub(at_of(&w[0])).is_none_or(|g| g > MAX_GAP_MS)).count();
        prop_assert!(r.jumps() as usize <= jumps);
        let names: Vec<String> = (0..slides).map(|i| format!("s{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let record = r.record("Talk", &names, 0);
        let fitted = rehearsal::fit(&record, "Talk", &names).unwrap();
        prop_assert!(!fitted.adapted);
        prop_assert_eq!(fitted.seconds, r.seconds().into_iter().map(Some).collect::<Vec<_>>());
        for (slide, line) in rehearsal::minutes_lines(&r.seconds().into_iter().map(Some).collect::<Vec<_>>()) {
            let value = line.strip_prefix("minutes: ").unwrap();
            prop_assert_eq!(plan::parse_minutes(value), Ok(r.seconds()[slide]));
        }
    }

    #[test]
    fn a_steady_clock_counts_every_moment_but_the_pauses(
        slides in 1usize..8,
        list in prop::collection::vec((0u64..=MAX_GAP_MS, 0usize..8, 0u8..6), 1..80),
    ) {
        let mut at = 5_000u64;
        let mut events = vec![Event::Show { slide: 0, at }];
        let (mut paused, mut paused_ms) = (false, 0u64);
        for (gap, slide, what) in list {
            at += gap;
            if paused {
                paused_ms += gap;
            }
            events.push(match what {
                0 => { paused = true; Event::Pause { at } }
                1 => { paused = false; Event::Resume { at } }
                2 => Event::Tick { at },
                _ => Event::Show { slide, at },
            });
        }
        let r = Rehearsal::replay(slides, &events);
        prop_assert_eq!(r.jumps(), 0);
        prop_assert_eq!(r.total_ms(), at - 5_000 - paused_ms);
    }

    #[test]
    fn no_stored_record_is_shown_for_the_wrong_deck_or_panics(
        version in 0u32..3,
        deck in "Talk|Other",
        stored in prop::collection::vec(("[a-d]{0,1}", any::<u32>()), 0..6),
        names in prop::collection::vec("[a-e]{0,1}", 0..6),
    ) {
        let record = RehearsalRecord {
            version,
            deck: deck.clone(),
            finished_at: 0,
            jumps: 0,
            slides: stored.iter().map(|(name, seconds)| RehearsedSlide { name: name.clone(), seconds: *seconds }).collect(),
        };
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if let Ok(fitted) = rehearsal::fit(&record, "Talk", &names) {
            prop_assert!(version == rehearsal::RECORD_VERSION && deck == "Talk");
            prop_assert_eq!(fitted.seconds.len(), names.len());
            prop_assert!(fitted.seconds.iter().flatten().all(|s| *s <= MAX_SECONDS));
            prop_assert!(fitted.seconds.iter().any(Option::is_some));
            for (name, seconds) in names.iter().zip(&fitted.seconds) {
                if let Some(s) = seconds {
                    let known = record.slides.iter().any(|r| r.name == *name && r.seconds == *s);
                    prop_assert!(known || !fitted.adapted, "{} got {} from nowhere", name, s);
                }
            }
        }
        let json = serde_json::to_string(&vec![record.clone()]).unwrap();
        let list = serde_json::from_str::<Vec<serde_json::Value>>(&json).ok();
        prop_assert_eq!(rehearsal::read_records(list, |v| serde_json::from_value(v).ok()), vec![record]);
    }

    #[test]
    fn a_summary_adds_up(plan in prop::collection::vec(0u32..=MAX_SECONDS, 0..20), rehearsed in prop::collection::vec(prop::option::of(0u32..=MAX_SECONDS), 0..20)) {
        let s = rehearsal::summary(&plan, &rehearsed);
        prop_assert_eq!(s.rows.len(), plan.len());
        prop_assert_eq!(s.planned, plan.iter().map(|p| u64::from(*p)).sum::<u64>());
        let known: Vec<_> = s.rows.iter().filter(|r| r.rehearsed.is_some()).collect();
        prop_assert_eq!(s.rehearsed, known.iter().map(|r| u64::from(r.rehearsed.unwrap())).sum::<u64>());
        let known_plan: i64 = known.iter().map(|r| i64::from(r.planned)).sum();
        prop_assert_eq!(s.difference, s.rehearsed as i64 - known_plan);
    }
}
