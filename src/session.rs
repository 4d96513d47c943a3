//! The talk as this window holds it: where the talk is and what covers the screen (shared with the
//! other windows), and what is open in this window only (help, the search box, the overview cursor).
//! Every key, button and message ends up as a call here.

use deck_core::contract::key;
use deck_core::deck::Deck;
use deck_core::ink::{Change, Ink, Point, Stroke, Tool};
use deck_core::keys::Action;
use deck_core::nav::{self, Command, Position};
use deck_core::rehearsal::Rehearsal;
use deck_core::sync::{Body, Screen, Shared};
use deck_core::url::View;
use deck_web as browser;
use leptos::prelude::*;

/// Sends a message to the talk's other windows.
pub type Post = std::rc::Rc<dyn Fn(Body)>;

/// What the pointer does on the slide in this window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Off,
    /// The pointer, `held` while the L key is down (it goes when the key comes up).
    Pointer {
        held: bool,
    },
    Pen(Tool),
}

#[derive(Clone, Copy)]
pub struct Session {
    pub deck: &'static Deck,
    pub view: RwSignal<View>,
    pub pos: RwSignal<Position>,
    /// The place once the frame that shows it is painted: what the chrome, the live region, the
    /// address and the other windows follow (see `wiring::follow_url`). A press restyles the
    /// slides at once; everything else waits for the idle time after that frame.
    pub settled: RwSignal<Position>,
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
    /// The picture that fills the stage (shared).
    pub zoom: RwSignal<Option<u8>>,
    pub mode: RwSignal<Mode>,
    /// Where the pointer is on the slide, here or in another window of the talk.
    pub pointer: RwSignal<Option<Point>>,
    pub ink: RwSignal<Ink>,
    /// A stroke being drawn, here or elsewhere, on that slide.
    pub live: RwSignal<Option<(usize, Stroke)>>,
    /// Sends a message to the talk's other windows (set by `wiring::sync_windows`).
    pub post: StoredValue<Option<Post>, LocalStorage>,
    /// The rehearsal in progress, shared by the speaker views (see `views::rehearsal`). Not a
    /// signal: the speaker view reads it at each tick of its clock.
    pub rehearsal: StoredValue<Option<Rehearsal>>,
}

impl Session {
    pub fn new(deck: &'static Deck, view: View, start: Position) -> Session {
        let character_keys = browser::load(key::CHARACTER_KEYS).as_deref() != Some("off");
        Session {
            deck,
            view: RwSignal::new(view),
            pos: RwSignal::new(start.clamp(deck)),
            settled: RwSignal::new(start.clamp(deck)),
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
            zoom: RwSignal::new(None),
            mode: RwSignal::new(Mode::Off),
            pointer: RwSignal::new(None),
            ink: RwSignal::new(load_ink(deck.slides.len())),
            live: RwSignal::new(None),
            post: StoredValue::new_local(None),
            rehearsal: StoredValue::new(None),
        }
    }

    fn send(&self, body: Body) {
        if let Some(post) = self.post.get_value() {
            post(body);
        }
    }

    /// Moves this window's pointer (`None`: off the slide), and tells the other windows.
    pub fn point(&self, at: Option<Point>) {
        if self.pointer.get_untracked() != at {
            self.pointer.set(at);
            self.send(Body::Pointer { at });
        }
    }

    /// A change to the current slide's ink, made here: kept, and told to the other windows.
    pub fn draw(&self, change: Change) {
        let slide = self.pos.get_untracked().slide;
        self.take_ink(slide, &change);
        self.send(Body::Ink { slide, change });
    }

    /// A change to a slide's ink, made here or received.
    pub fn take_ink(&self, slide: usize, change: &Change) {
        match change {
            Change::Live(stroke) => self.live.set(Some((slide, stroke.clone()))),
            _ => {
                self.live.set(None);
                // Only a change that took wakes the layers and is stored.
                let mut changed = false;
                self.ink.maybe_update(|ink| {
                    changed = ink.apply(slide, change);
                    changed
                });
                if changed {
                    if let Some(text) = browser::json::to_text(&self.ink.get_untracked()) {
                        browser::store_for_tab(key::INK, &text);
                    }
                }
            }
        }
    }

    /// Tells the other windows what the rehearsal is now (running, or over).
    pub fn share_rehearsal(&self) {
        self.send(Body::Rehearsal { running: self.rehearsal.get_value() });
    }

    /// The rehearsal another window sent: taken on if it fits this deck, else ignored (this
    /// window's own goes on).
    pub fn take_rehearsal(&self, running: Option<Rehearsal>) {
        match running {
            Some(r) => {
                if let Some(r) = r.restored(self.deck.slides.len()) {
                    self.rehearsal.set_value(Some(r));
                }
            }
            None => self.rehearsal.set_value(None),
        }
    }

    /// The pen on (with its last tool) or off; the pointer goes either way.
    pub fn toggle_pen(&self) {
        self.point(None);
        self.mode.update(|m| *m = if matches!(m, Mode::Pen(_)) { Mode::Off } else { Mode::Pen(Tool::Red) });
    }

    /// The pointer on or off (the button; the L key holds it instead).
    pub fn toggle_pointer(&self) {
        self.point(None);
        self.mode.update(|m| {
            *m = if matches!(m, Mode::Pointer { .. }) { Mode::Off } else { Mode::Pointer { held: false } }
        });
    }

    /// The picture `index` of the current slide fills the stage, or goes back (shared).
    pub fn toggle_zoom(&self, index: u8) {
        self.zoom.update(|z| *z = if *z == Some(index) { None } else { Some(index) });
    }

    pub fn go(&self, command: Command) {
        let from = self.pos.get_untracked();
        let to = nav::apply(self.deck, from, command);
        if to != from {
            if to.slide != from.slide {
                self.zoom.set(None);
            }
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
        let link = browser::link_to(&deck_core::url::encode(Position::new(pos.slide, 0)));
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
        browser::store(key::CHARACTER_KEYS, if on { "on" } else { "off" });
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
                if self.mode.get_untracked() != Mode::Off {
                    self.point(None);
                    self.mode.set(Mode::Off);
                } else if self.zoom.get_untracked().is_some() {
                    self.zoom.set(None);
                } else if self.help.get_untracked() {
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
            Action::Pointer => {
                if self.mode.get_untracked() == Mode::Off {
                    self.mode.set(Mode::Pointer { held: true });
                }
            }
            Action::Pen => self.toggle_pen(),
            Action::Undo => self.draw(Change::Undo),
            Action::ClearInk => self.draw(Change::Clear),
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
            zoom: self.zoom.get_untracked(),
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
        if self.zoom.get_untracked() != shared.zoom {
            self.zoom.set(shared.zoom);
        }
    }
}

/// The ink kept by this tab, sanitized: what storage holds may be stale or tampered with.
fn load_ink(slide_count: usize) -> Ink {
    browser::load_for_tab(key::INK)
        .and_then(|text| browser::json::from_text::<Ink>(&text))
        .unwrap_or_default()
        .sanitized(slide_count)
}
