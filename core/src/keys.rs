//! The key map: which key does what. Pure: the browser glue turns a `KeyboardEvent` into a
//! [`KeyInput`] and acts on the [`Outcome`]. [`BINDINGS`] is the single source of the help overlay.

use crate::nav::Command;

/// What the deck can be asked to do from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Navigate(Command),
    /// The grid of every slide.
    Overview,
    /// Closes whatever is open (overview, help, go-to box, blackout); with nothing open, the overview.
    Escape,
    Blackout,
    Whiteout,
    Fullscreen,
    Help,
    SpeakerView,
    /// The reading view (the talk as one page) on or off.
    Read,
    /// The search box: a slide by number, or by words of its title, text or notes.
    Search,
    /// The pointer, while the key is held (its release is the browser glue's to hear).
    Pointer,
    /// The pen on or off.
    Pen,
    /// Takes back the current slide's last stroke.
    Undo,
    /// Clears the current slide's strokes.
    ClearInk,
}

impl Action {
    /// What the help overlay says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Navigate(Command::Next) => "Next fragment or slide",
            Action::Navigate(Command::Prev) => "Previous fragment or slide",
            Action::Navigate(Command::First) => "First slide",
            Action::Navigate(Command::Last) => "Last slide",
            Action::Navigate(_) => "Go to a slide",
            Action::Overview => "Overview of every slide",
            Action::Escape => "Close what is open, or the overview",
            Action::Blackout => "Black screen (any key returns)",
            Action::Whiteout => "White screen (any key returns)",
            Action::Fullscreen => "Fullscreen on or off",
            Action::Help => "This help",
            Action::SpeakerView => "Speaker view in a new window",
            Action::Read => "Read the talk as a page, or back to the slides",
            Action::Search => "Search: a slide number, or words of the talk",
            Action::Pointer => "Pointer on the slide, every window sees it (hold)",
            Action::Pen => "Pen on or off: draw on the slide",
            Action::Undo => "Take back the last stroke",
            Action::ClearInk => "Clear this slide's drawing",
        }
    }

    pub fn group(self) -> Group {
        match self {
            Action::Navigate(_) | Action::Search => Group::Navigate,
            Action::Overview | Action::SpeakerView | Action::Read | Action::Help | Action::Escape => {
                Group::Views
            }
            Action::Blackout | Action::Whiteout | Action::Fullscreen => Group::Screen,
            Action::Pointer | Action::Pen | Action::Undo | Action::ClearInk => Group::Draw,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Navigate,
    Views,
    Screen,
    Draw,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Navigate, Group::Views, Group::Screen, Group::Draw];

    pub fn title(self) -> &'static str {
        match self {
            Group::Navigate => "Moving around",
            Group::Views => "Views",
            Group::Screen => "The screen",
            Group::Draw => "Pointing and drawing",
        }
    }
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

/// A key (as `KeyboardEvent.key`, letters lowercase) and, where it matters, the Shift state;
/// `ctrl` bindings need Ctrl (or ⌘), all others must be pressed without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub key: &'static str,
    pub shift: Option<bool>,
    pub ctrl: bool,
    pub action: Action,
    /// How the help overlay names the key.
    pub label: &'static str,
}

impl Binding {
    /// A printable character key (a letter, digit or punctuation): WCAG 2.1.4 lets people turn
    /// these off, since they fire by accident with speech input.
    pub fn is_character_key(&self) -> bool {
        !self.ctrl && is_character_key(self.key)
    }
}

fn is_character_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_whitespace())
}

const fn bind(key: &'static str, shift: Option<bool>, action: Action, label: &'static str) -> Binding {
    Binding { key, shift, ctrl: false, action, label }
}

const fn bind_ctrl(key: &'static str, action: Action, label: &'static str) -> Binding {
    Binding { key, shift: None, ctrl: true, action, label }
}

const NEXT: Action = Action::Navigate(Command::Next);
const PREV: Action = Action::Navigate(Command::Prev);

/// Every shortcut. Clickers send PageUp/PageDown (and `.` or `b` for their blackout button).
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
    bind("g", None, Action::Search, "G"),
    bind("/", None, Action::Search, "/"),
    bind_ctrl("k", Action::Search, "Ctrl+K"),
    bind("o", None, Action::Overview, "O"),
    bind("Escape", None, Action::Escape, "Esc"),
    bind("s", None, Action::SpeakerView, "S"),
    bind("r", None, Action::Read, "R"),
    bind("?", None, Action::Help, "?"),
    bind("b", None, Action::Blackout, "B"),
    bind(".", None, Action::Blackout, "."),
    bind("w", None, Action::Whiteout, "W"),
    bind("f", None, Action::Fullscreen, "F"),
    bind("l", None, Action::Pointer, "L (hold)"),
    bind("d", None, Action::Pen, "D"),
    bind_ctrl("z", Action::Undo, "Ctrl+Z"),
    bind("c", None, Action::ClearInk, "C"),
];

/// The "number, then Enter" jump, as the help overlay lists it.
pub const TYPED_JUMP: (&str, &str) = ("1 2 … Enter", "Go to slide number (as in PowerPoint)");

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

/// The keyboard's state: the digits typed so far, and whether character keys are on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyboard {
    typed: Option<u32>,
    /// Single character shortcuts (letters, digits, punctuation); off on request (WCAG 2.1.4).
    pub character_keys: bool,
}

impl Default for Keyboard {
    fn default() -> Self {
        Keyboard { typed: None, character_keys: true }
    }
}

/// Slide numbers longer than this are not slide numbers.
const MAX_TYPED: u32 = 99_999;

impl Keyboard {
    pub fn press(&mut self, input: KeyInput<'_>) -> Outcome {
        if input.alt || (input.ctrl && input.meta) {
            // Browser and system shortcuts (Alt+←, …) are never ours.
            return Outcome::Ignored;
        }
        if input.ctrl || input.meta {
            // Only our own Ctrl bindings (Ctrl+K); Ctrl+R and friends stay the browser's.
            return lookup_ctrl(input.key).map_or(Outcome::Ignored, |b| Outcome::Act(b.action));
        }
        if let Some(digit) = single_digit(input.key).filter(|_| self.character_keys) {
            let typed = self.typed.unwrap_or(0).saturating_mul(10).saturating_add(digit).min(MAX_TYPED);
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
        match lookup(input.key, input.shift) {
            Some(binding) if self.character_keys || !binding.is_character_key() => {
                Outcome::Act(binding.action)
            }
            _ => Outcome::Ignored,
        }
    }

    pub fn clear_typed(&mut self) {
        self.typed = None;
    }

    /// Carries on a slide number that was being typed elsewhere (the stage, before the app).
    pub fn resume_typing(&mut self, typed: Option<u32>) {
        self.typed = typed.map(|t| t.min(MAX_TYPED));
    }

    /// The number typed so far, if any.
    pub fn typed(&self) -> Option<u32> {
        self.typed
    }
}

fn single_digit(key: &str) -> Option<u32> {
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.to_digit(10),
        _ => None,
    }
}

/// The binding of a key, letters matched without regard to case.
pub fn lookup(key: &str, shift: bool) -> Option<&'static Binding> {
    // Every binding is ASCII: ASCII case folding finds them without Unicode's tables.
    let lower;
    let key = if key.chars().count() == 1 {
        lower = key.to_ascii_lowercase();
        lower.as_str()
    } else {
        key
    };
    BINDINGS.iter().find(|b| !b.ctrl && b.key == key && b.shift.is_none_or(|s| s == shift))
}

fn lookup_ctrl(key: &str) -> Option<&'static Binding> {
    BINDINGS.iter().find(|b| b.ctrl && b.key.eq_ignore_ascii_case(key))
}

/// The help overlay's rows for a group: each action once, with all its keys.
pub fn help_rows(group: Group) -> Vec<(Vec<&'static Binding>, &'static str)> {
    let mut rows: Vec<(Vec<&'static Binding>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.action.group() == group) {
        let text = binding.action.describe();
        match rows.iter_mut().find(|(_, t)| *t == text) {
            Some((keys, _)) => keys.push(binding),
            None => rows.push((vec![binding], text)),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> KeyInput<'_> {
        KeyInput { key, ..KeyInput::default() }
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
        let shift_space = KeyInput { key: " ", shift: true, ..KeyInput::default() };
        assert_eq!(kb.press(shift_space), Outcome::Act(PREV));
    }

    #[test]
    fn presenter_keys() {
        let mut kb = Keyboard::default();
        let cases = [
            ("o", Action::Overview),
            ("Escape", Action::Escape),
            ("b", Action::Blackout),
            ("B", Action::Blackout),
            (".", Action::Blackout),
            ("w", Action::Whiteout),
            ("f", Action::Fullscreen),
            ("?", Action::Help),
            ("s", Action::SpeakerView),
            ("r", Action::Read),
            ("g", Action::Search),
            ("/", Action::Search),
        ];
        for (k, action) in cases {
            assert_eq!(kb.press(key(k)), Outcome::Act(action), "{k}");
        }
        let question = KeyInput { key: "?", shift: true, ..KeyInput::default() };
        assert_eq!(kb.press(question), Outcome::Act(Action::Help));
        let ctrl_k = KeyInput { key: "k", ctrl: true, ..KeyInput::default() };
        assert_eq!(kb.press(ctrl_k), Outcome::Act(Action::Search));
        let cmd_k = KeyInput { key: "K", meta: true, ..KeyInput::default() };
        assert_eq!(kb.press(cmd_k), Outcome::Act(Action::Search));
        let ctrl_n = KeyInput { key: "n", ctrl: true, ..KeyInput::default() };
        assert_eq!(kb.press(ctrl_n), Outcome::Ignored, "Ctrl+N is the browser's");
    }

    #[test]
    fn digits_then_enter_jump() {
        let mut kb = Keyboard::default();
        assert_eq!(kb.press(key("1")), Outcome::Typing(1));
        assert_eq!(kb.press(key("2")), Outcome::Typing(12));
        assert_eq!(kb.press(key("Enter")), Outcome::Act(Action::Navigate(Command::GoTo(11))));
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
        let ctrl_r = KeyInput { key: "r", ctrl: true, ..KeyInput::default() };
        let alt_left = KeyInput { key: "ArrowLeft", alt: true, ..KeyInput::default() };
        assert_eq!(kb.press(ctrl_r), Outcome::Ignored);
        assert_eq!(kb.press(alt_left), Outcome::Ignored);
        let space_on_button = KeyInput { key: " ", on_control: true, ..KeyInput::default() };
        assert_eq!(kb.press(space_on_button), Outcome::Ignored);
        let arrow_on_button = KeyInput { key: "ArrowRight", on_control: true, ..KeyInput::default() };
        assert_eq!(kb.press(arrow_on_button), Outcome::Act(NEXT));
        assert_eq!(kb.press(key("x")), Outcome::Ignored);
    }

    #[test]
    fn character_keys_can_be_turned_off() {
        let mut kb = Keyboard { character_keys: false, ..Keyboard::default() };
        for k in ["n", "p", "o", "b", ".", "w", "f", "?", "s", "r", "g", "/", "5"] {
            assert_eq!(kb.press(key(k)), Outcome::Ignored, "{k}");
        }
        for k in ["ArrowRight", "PageDown", " ", "Home"] {
            assert!(matches!(kb.press(key(k)), Outcome::Act(_)), "{k} stays on");
        }
        let ctrl_k = KeyInput { key: "k", ctrl: true, ..KeyInput::default() };
        assert_eq!(kb.press(ctrl_k), Outcome::Act(Action::Search), "Ctrl+K is not a single key");
    }

    #[test]
    fn help_lists_every_binding_once_under_its_group() {
        let listed: usize = Group::ALL.iter().flat_map(|g| help_rows(*g)).map(|(keys, _)| keys.len()).sum();
        assert_eq!(listed, BINDINGS.len());
        let navigate = help_rows(Group::Navigate);
        let next = navigate.iter().find(|(_, text)| *text == "Next fragment or slide").unwrap();
        let labels: Vec<&str> = next.0.iter().map(|b| b.label).collect();
        assert_eq!(labels, ["→", "↓", "Space", "Page Down", "N"]);
    }
}
