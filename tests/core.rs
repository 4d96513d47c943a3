//! Property tests of the pure core: navigation never leaves the deck, the URL codec round-trips,
//! and no input (command sequence, hash, key) can panic it.
#![cfg(not(target_arch = "wasm32"))]

use deck_core::keys::{KeyInput, Keyboard, Outcome};
use deck_core::nav::{apply, Command, DeckShape, Position};
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
