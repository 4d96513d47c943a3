//! The key map: which key does what. Pure: the browser glue turns a `KeyboardEvent` into a
//! [`KeyInput`] and acts on the [`Outcome`]. The table is the single source for the help overlay.

use crate::nav::Command;

/// What the deck can be asked to do from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Navigate(Command),
}

/// One key press, as the browser reports it (`KeyboardEvent.key` and modifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyInput<'a> {
    pub key: &'a str,
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
    pub meta: bool,
    /// Focus is on a button, link or field, which owns Enter and Space.
    pub on_control: bool,
}

/// A key (as `KeyboardEvent.key`, letters lowercase) and, where it matters, the Shift state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub key: &'static str,
    pub shift: Option<bool>,
    pub action: Action,
    /// How the help overlay names the key.
    pub label: &'static str,
}

const fn bind(
    key: &'static str,
    shift: Option<bool>,
    action: Action,
    label: &'static str,
) -> Binding {
    Binding {
        key,
        shift,
        action,
        label,
    }
}

const NEXT: Action = Action::Navigate(Command::Next);
const PREV: Action = Action::Navigate(Command::Prev);

/// Every single-key shortcut. Clickers send PageUp/PageDown, so those must stay here.
pub const BINDINGS: &[Binding] = &[
    bind("ArrowRight", None, NEXT, "→"),
    bind("ArrowDown", None, NEXT, "↓"),
    bind(" ", Some(false), NEXT, "Space"),
    bind("PageDown", None, NEXT, "Page Down"),
    bind("n", None, NEXT, "N"),
    bind("ArrowLeft", None, PREV, "←"),
    bind("ArrowUp", None, PREV, "↑"),
    bind(" ", Some(true), PREV, "Shift+Space"),
    bind("PageUp", None, PREV, "Page Up"),
    bind("p", None, PREV, "P"),
    bind("Home", None, Action::Navigate(Command::First), "Home"),
    bind("End", None, Action::Navigate(Command::Last), "End"),
];

/// What a key press means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Do this, and keep the browser from acting on the key.
    Act(Action),
    /// A slide number is being typed (digits so far); Enter will jump.
    Typing(u32),
    /// The typed number was dropped (Escape, or Backspace on the last digit).
    TypingCancelled,
    /// Not ours: let the browser have it.
    Ignored,
}

/// The keyboard's state: the digits typed so far for "number, then Enter" (as in PowerPoint).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyboard {
    typed: Option<u32>,
}

/// Slide numbers longer than this are not slide numbers.
const MAX_TYPED: u32 = 99_999;

impl Keyboard {
    pub fn press(&mut self, input: KeyInput<'_>) -> Outcome {
        if input.ctrl || input.alt || input.meta {
            // Browser and system shortcuts (Ctrl+R, Alt+←, …) are never ours.
            return Outcome::Ignored;
        }
        if let Some(digit) = single_digit(input.key) {
            let typed = self
                .typed
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(digit)
                .min(MAX_TYPED);
            self.typed = Some(typed);
            return Outcome::Typing(typed);
        }
        if let Some(typed) = self.typed {
            match input.key {
                "Enter" => {
                    self.typed = None;
                    let slide = usize::try_from(typed.max(1) - 1).unwrap_or(0);
                    return Outcome::Act(Action::Navigate(Command::GoTo(slide)));
                }
                "Escape" => {
                    self.typed = None;
                    return Outcome::TypingCancelled;
                }
                "Backspace" => {
                    self.typed = (typed >= 10).then_some(typed / 10);
                    return self.typed.map_or(Outcome::TypingCancelled, Outcome::Typing);
                }
                _ => self.typed = None,
            }
        }
        if input.on_control && matches!(input.key, " " | "Enter") {
            return Outcome::Ignored;
        }
        lookup(input.key, input.shift).map_or(Outcome::Ignored, Outcome::Act)
    }

    /// The number typed so far, if any.
    pub fn typed(&self) -> Option<u32> {
        self.typed
    }
}

fn single_digit(key: &str) -> Option<u32> {
    let mut chars = key.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    c.to_digit(10)
}

/// The action bound to a key, letters matched without regard to case.
pub fn lookup(key: &str, shift: bool) -> Option<Action> {
    let lower;
    let key = if key.chars().count() == 1 {
        lower = key.to_lowercase();
        lower.as_str()
    } else {
        key
    };
    BINDINGS
        .iter()
        .find(|b| b.key == key && b.shift.is_none_or(|s| s == shift))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> KeyInput<'_> {
        KeyInput {
            key,
            ..KeyInput::default()
        }
    }

    #[test]
    fn clicker_and_arrow_keys_navigate() {
        let mut kb = Keyboard::default();
        for k in ["ArrowRight", "ArrowDown", " ", "PageDown", "n", "N"] {
            assert_eq!(kb.press(key(k)), Outcome::Act(NEXT), "{k}");
        }
        for k in ["ArrowLeft", "ArrowUp", "PageUp", "p", "P"] {
            assert_eq!(kb.press(key(k)), Outcome::Act(PREV), "{k}");
        }
        let shift_space = KeyInput {
            key: " ",
            shift: true,
            ..KeyInput::default()
        };
        assert_eq!(kb.press(shift_space), Outcome::Act(PREV));
    }

    #[test]
    fn digits_then_enter_jump() {
        let mut kb = Keyboard::default();
        assert_eq!(kb.press(key("1")), Outcome::Typing(1));
        assert_eq!(kb.press(key("2")), Outcome::Typing(12));
        assert_eq!(
            kb.press(key("Enter")),
            Outcome::Act(Action::Navigate(Command::GoTo(11)))
        );
        assert_eq!(kb.typed(), None);
        // Enter alone is not a jump.
        assert_eq!(kb.press(key("Enter")), Outcome::Ignored);
    }

    #[test]
    fn typing_can_be_corrected_or_cancelled() {
        let mut kb = Keyboard::default();
        kb.press(key("4"));
        kb.press(key("2"));
        assert_eq!(kb.press(key("Backspace")), Outcome::Typing(4));
        assert_eq!(kb.press(key("Backspace")), Outcome::TypingCancelled);
        kb.press(key("7"));
        assert_eq!(kb.press(key("Escape")), Outcome::TypingCancelled);
        kb.press(key("7"));
        // Another command drops the number and still works.
        assert_eq!(kb.press(key("ArrowRight")), Outcome::Act(NEXT));
        assert_eq!(kb.typed(), None);
    }

    #[test]
    fn browser_shortcuts_and_focused_controls_are_left_alone() {
        let mut kb = Keyboard::default();
        let ctrl_r = KeyInput {
            key: "r",
            ctrl: true,
            ..KeyInput::default()
        };
        let alt_left = KeyInput {
            key: "ArrowLeft",
            alt: true,
            ..KeyInput::default()
        };
        assert_eq!(kb.press(ctrl_r), Outcome::Ignored);
        assert_eq!(kb.press(alt_left), Outcome::Ignored);
        let space_on_button = KeyInput {
            key: " ",
            on_control: true,
            ..KeyInput::default()
        };
        assert_eq!(kb.press(space_on_button), Outcome::Ignored);
        let arrow_on_button = KeyInput {
            key: "ArrowRight",
            on_control: true,
            ..KeyInput::default()
        };
        assert_eq!(kb.press(arrow_on_button), Outcome::Act(NEXT));
        assert_eq!(kb.press(key("x")), Outcome::Ignored);
    }
}
