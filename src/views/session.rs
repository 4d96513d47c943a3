//! The talk as this window holds it: where the talk is and what covers the screen (shared with the
//! other windows), and what is open in this window only (help, the search box, the overview cursor).
//! Every key, button and message ends up as a call here.

use crate::browser;
use crate::core::deck::Deck;
use crate::core::keys::Action;
use crate::core::nav::{self, Command, Position};
use crate::core::sync::{Screen, Shared};
use crate::core::url::View;
use leptos::prelude::*;

pub const CHARACTER_KEYS_SETTING: &str = "cppg-deck:character-keys";

#[derive(Clone, Copy)]
pub struct Session {
    pub deck: &'static Deck,
    pub view: RwSignal<View>,
    pub pos: RwSignal<Position>,
    pub overview: RwSignal<bool>,
    pub screen: RwSignal<Screen>,
    /// The slide the overview's cursor is on.
    pub cursor: RwSignal<usize>,
    pub help: RwSignal<bool>,
    pub search: RwSignal<bool>,
    /// Digits typed so far for "number, then Enter".
    pub typed: RwSignal<Option<u32>>,
    /// Single character shortcuts on (the default) or off (WCAG 2.1.4), remembered.
    pub character_keys: RwSignal<bool>,
    pub announcement: RwSignal<String>,
    /// A short message shown on screen (e.g. "Link copied"), until dismissed or replaced.
    pub notice: RwSignal<Option<String>>,
    /// Bumped to tell the other windows where this one is, even if nothing moved (it leads).
    pub lead: RwSignal<u32>,
}

impl Session {
    pub fn new(deck: &'static Deck, view: View, start: Position) -> Session {
        let character_keys = browser::load(CHARACTER_KEYS_SETTING).as_deref() != Some("off");
        Session {
            deck,
            view: RwSignal::new(view),
            pos: RwSignal::new(start.clamp(deck)),
            overview: RwSignal::new(false),
            screen: RwSignal::new(Screen::Slide),
            cursor: RwSignal::new(0),
            help: RwSignal::new(false),
            search: RwSignal::new(false),
            typed: RwSignal::new(None),
            character_keys: RwSignal::new(character_keys),
            announcement: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            lead: RwSignal::new(0),
        }
    }

    pub fn go(&self, command: Command) {
        let from = self.pos.get_untracked();
        let to = nav::apply(self.deck, from, command);
        if to != from {
            self.pos.set(to);
        }
    }

    /// Opens the overview with its cursor on the current slide, or closes it.
    pub fn set_overview(&self, open: bool) {
        if open && !self.overview.get_untracked() {
            self.cursor.set(self.pos.get_untracked().slide);
        }
        self.overview.set(open);
    }

    /// Goes to a slide from the overview or the search box, and closes them.
    pub fn choose(&self, slide: usize) {
        self.go(Command::GoTo(slide));
        self.overview.set(false);
        self.search.set(false);
    }

    pub fn toggle_screen(&self, cover: Screen) {
        self.screen.update(|s| *s = if *s == cover { Screen::Slide } else { cover });
    }

    /// Between the slides and the reading view, at the same place; the speaker view stays itself.
    pub fn toggle_reading(&self) {
        let next = match self.view.get_untracked() {
            View::Deck => View::Read,
            View::Read => View::Deck,
            View::Speaker | View::Print => return,
        };
        self.overview.set(false);
        self.view.set(next);
        browser::set_query(next.query());
    }

    /// Copies the link to the current slide and says so (or shows it, where copying is not allowed).
    pub fn copy_link(&self) {
        let pos = self.pos.get_untracked();
        let link = browser::link_to(&crate::core::url::encode(Position::new(pos.slide, 0)));
        let message = if browser::copy_to_clipboard(&link) {
            format!("Link to slide {} copied: {link}", pos.slide + 1)
        } else {
            format!("Link to slide {}: {link}", pos.slide + 1)
        };
        self.notice.set(Some(message.clone()));
        self.announcement.set(message);
    }

    pub fn set_character_keys(&self, on: bool) {
        self.character_keys.set(on);
        browser::store(CHARACTER_KEYS_SETTING, if on { "on" } else { "off" });
    }

    /// Whether a dialog of this window (help, search) holds the keyboard.
    pub fn dialog_open(&self) -> bool {
        self.help.get_untracked() || self.search.get_untracked()
    }

    pub fn act(&self, action: Action) {
        match action {
            Action::Navigate(command) => self.go(command),
            Action::Overview => self.set_overview(!self.overview.get_untracked()),
            Action::Escape => {
                if self.help.get_untracked() {
                    self.help.set(false);
                } else if self.search.get_untracked() {
                    self.search.set(false);
                } else if self.screen.get_untracked() != Screen::Slide {
                    self.screen.set(Screen::Slide);
                } else {
                    self.set_overview(!self.overview.get_untracked());
                }
            }
            Action::Blackout => self.toggle_screen(Screen::Black),
            Action::Whiteout => self.toggle_screen(Screen::White),
            Action::Fullscreen => browser::toggle_fullscreen(),
            Action::Help => self.help.update(|h| *h = !*h),
            Action::SpeakerView => {
                if self.view.get_untracked() != View::Speaker {
                    browser::open_speaker_window();
                    // The new window asks where the talk is: the answer is where this window is.
                    self.lead.update(|n| *n = n.wrapping_add(1));
                }
            }
            Action::Read => self.toggle_reading(),
            Action::Search => self.search.set(true),
        }
    }

    /// What the other windows need to know (read without tracking).
    pub fn shared(&self) -> Shared {
        let pos = self.pos.get_untracked();
        Shared {
            slide: pos.slide,
            step: pos.step,
            overview: self.overview.get_untracked(),
            screen: self.screen.get_untracked(),
        }
    }

    /// Takes on the state another window sent, clamped to this deck.
    pub fn apply(&self, shared: Shared) {
        let pos = Position::new(shared.slide, shared.step).clamp(self.deck);
        if self.pos.get_untracked() != pos {
            self.pos.set(pos);
        }
        if self.overview.get_untracked() != shared.overview {
            self.set_overview(shared.overview);
        }
        if self.screen.get_untracked() != shared.screen {
            self.screen.set(shared.screen);
        }
    }
}
