//! The page's contract: every name that the page and the code share, in one place.
//!
//! The page is the content compiler's HTML of the talk, the page step's additions (the inline
//! scripts below, the deck's facts), and the stylesheet. The code is the stage, the app, the tests
//! and the benchmark. All of them take these names from here: renaming one is one edit (the
//! stylesheet is checked against this list by `tests/contract.rs`), and the two inline scripts are
//! generated from it at build time, so they cannot drift from the Rust that follows them.

/// Element ids.
pub mod id {
    /// The talk: `<div id="talk">`, holding the reading bar, the contents and `<main>` with one
    /// `<section>` a slide (see `compiler/src/html.rs`).
    pub const TALK: &str = "talk";
    /// The words of every slide and its notes, for search: a JSON data block the compiler writes.
    pub const WORDS: &str = "deck-words";
    /// The stage's own controls (previous, counter, next), in the page until the app's replace them.
    pub const STAGE_CONTROLS: &str = "stage-controls";
    pub const STAGE_PREV: &str = "stage-prev";
    pub const STAGE_COUNTER: &str = "stage-counter";
    pub const STAGE_NEXT: &str = "stage-next";
    /// The polite live region: "Slide N of M: title", each fragment as it appears.
    pub const LIVE: &str = "live";
    /// The contents' heading.
    pub const TOC_TITLE: &str = "toc-title";
    /// The one-file edition's engine: the app's wasm, gzipped, in base64.
    pub const ENGINE: &str = "engine";
}

/// Classes.
pub mod class {
    // The face of the talk, on <html> (set first by the head script, then by the stage and app).
    /// The stage: one slide at a time.
    pub const PRESENTING: &str = "presenting";
    /// The document: contents, every slide, its notes (`?view=read`, print without the app).
    pub const READING: &str = "reading";
    /// Neither: views that show copies of the slides (the speaker view, print).
    pub const APP_ONLY: &str = "app-only";
    /// Scripts run (the head script sets it first).
    pub const JS: &str = "js";
    /// `index.html` opened from a disk, where it cannot run its module scripts.
    pub const FROM_FILE: &str = "from-file";
    /// The stage has adopted the page: keys, swipes and the address move it.
    pub const STAGED: &str = "staged";
    /// The app has taken over from the stage (the tests wait for this).
    pub const LIVE: &str = "live";
    /// The mouse pointer rests on the stage and is hidden.
    pub const CURSOR_HIDDEN: &str = "cursor-hidden";

    // The talk's parts (see `compiler/src/html.rs`).
    /// `<main>` as the stage.
    pub const STAGE: &str = "stage";
    /// `<main>` as the document.
    pub const ARTICLE: &str = "article";
    /// A section on the stage, with `layout-NAME`.
    pub const SLIDE: &str = "slide";
    pub const LAYOUT_PREFIX: &str = "layout-";
    /// A section in the document, with `read-layout-NAME`.
    pub const READ_SLIDE: &str = "read-slide";
    pub const READ_LAYOUT_PREFIX: &str = "read-layout-";
    /// A list item shown from its step on.
    pub const FRAGMENT: &str = "fragment";
    /// "Slide N", above each slide in the document.
    pub const READ_NUMBER: &str = "read-number";
    /// A slide's notes in the document, and their heading.
    pub const READ_NOTES: &str = "read-notes";
    pub const READ_NOTES_LABEL: &str = "read-notes-label";
    /// The document's bar: the talk's name, then the app's buttons.
    pub const READER_BAR: &str = "reader-bar";
    /// The contents.
    pub const TOC: &str = "toc";

    // State, set by the first-frame script, the stage and the app.
    /// The slide on screen.
    pub const CURRENT: &str = "current";
    /// The slide a move left: drawn while it fades out.
    pub const NEAR: &str = "near";
    /// On the stage once a move has happened: from then on a slide coming in fades in. Not before,
    /// so the first frame's slide paints at once (a fade from nothing delays the first paint).
    pub const MOVED: &str = "moved";
    /// A fragment whose step has come.
    pub const SHOWN: &str = "shown";
    /// A picture that fills the stage.
    pub const ZOOMED: &str = "zoomed";

    // Copies of the page's slides (overview, speaker view, print).
    pub const PREVIEW_SLIDE: &str = "preview-slide";
    pub const NOTES_TEXT: &str = "notes-text";

    /// Every class above that the stylesheet styles (`tests/contract.rs` finds each in it). The
    /// document (`reading`) is the page's own look, and the notes' copy (`notes-text`) takes its
    /// container's: neither needs a rule of its own.
    pub const STYLED: &[&str] = &[
        PRESENTING,
        APP_ONLY,
        FROM_FILE,
        STAGED,
        LIVE,
        CURSOR_HIDDEN,
        STAGE,
        ARTICLE,
        SLIDE,
        READ_SLIDE,
        FRAGMENT,
        READ_NUMBER,
        READ_NOTES,
        READ_NOTES_LABEL,
        READER_BAR,
        TOC,
        CURRENT,
        NEAR,
        MOVED,
        SHOWN,
        ZOOMED,
        PREVIEW_SLIDE,
    ];
}

/// Attributes.
pub mod attr {
    /// On a fragment: the step from which it shows (1, 2, …).
    pub const STEP: &str = "data-step";
    /// On a section: its layout's name (`title`, `figure`, …).
    pub const LAYOUT: &str = "data-layout";
    /// On a section: its 1-based number.
    pub const INDEX: &str = "data-index";
    /// On a section: its title (the first heading's words); on the talk: the talk's title.
    pub const TITLE: &str = "data-title";
    /// On a section: how many fragment steps it has.
    pub const STEPS: &str = "data-steps";
    /// On a section: its planned time in whole seconds, its own `minutes:` or its share of the
    /// talk's `duration` (0: the talk has no plan). The app allocates nothing itself.
    pub const SECONDS: &str = "data-seconds";
    /// On a section: its name from the talk's `id:` (`#/vienna-1961` is an address of it).
    pub const NAME: &str = "data-name";
    /// On the talk: its planned length in minutes.
    pub const MINUTES: &str = "data-minutes";
    /// On <html>: the theme the visitor chose (`light` or `dark`); none follows the system.
    pub const THEME: &str = "data-theme";
    /// On <html>: this page is the one-file edition (`talk.html`).
    pub const ONE_FILE: &str = "data-one-file";
}

/// Storage keys: `localStorage` (settings, the timer) and `sessionStorage` (this tab's talk).
pub mod key {
    /// "light" or "dark", chosen with the theme button.
    pub const THEME: &str = "cppg-deck:theme";
    /// "off" when single-character shortcuts are turned off.
    pub const CHARACTER_KEYS: &str = "cppg-deck:character-keys";
    /// The speaker's timer.
    pub const TIMER: &str = "cppg-deck:timer";
    /// The rehearsal in progress, kept across a reload as the message that tells the other
    /// windows of it (`sync::Body::Rehearsal`, read back through `sync::decode`); removed when it
    /// ends.
    pub const REHEARSAL: &str = "cppg-deck:rehearsal";
    /// The last rehearsals (`rehearsal::RehearsalRecord`), newest first, `rehearsal::KEPT` of them.
    pub const REHEARSALS: &str = "cppg-deck:rehearsals";
    /// The speaker view's notes size, in px.
    pub const NOTES_SIZE: &str = "cppg-deck:notes-size";
    /// The reading view's text size, in per cent.
    pub const READING_SIZE: &str = "cppg-deck:reading-size";
    /// The line between windows where there is no BroadcastChannel (the storage event).
    pub const SYNC: &str = "cppg-deck:sync";
    /// Per tab: the talk's ink.
    pub const INK: &str = "cppg-deck:ink";
    /// Per tab: whether this window was part of the talk before a reload.
    pub const IN_TALK: &str = "cppg-deck:in-talk";
}

/// The BroadcastChannel between the windows of the talk.
pub const CHANNEL: &str = "cppg-deck";
/// The speaker view's window name (S opens it, or brings it forward).
pub const SPEAKER_WINDOW: &str = "cppg-deck-speaker";
/// The event the app fires when it takes over: the stage answers in its `detail` and retires.
pub const HANDOFF_EVENT: &str = "deck-handoff";

/// The two programs, as Trunk names their files (`NAME-HASH.js`, `NAME-HASH_bg.wasm`).
pub mod program {
    /// The stage: small, first.
    pub const STAGE: &str = "deck-stage";
    /// The app: the rest, after the stage.
    pub const APP: &str = "cppg-deck";
}

/// A section's id: its address without the `#` (`/5`), so that `#/5` scrolls to it without script.
pub fn section_id(slide: usize) -> String {
    format!("/{}", slide + 1)
}

/// The inline scripts, generated from the names above and the address grammar (`url.rs`).
pub mod script {
    use super::{attr, class, id, key};

    /// In <head>, before the first paint: the remembered theme, and which face shows. The query is
    /// read as `url::parse_query` reads it (pairs split at `&`, the last view named wins): the
    /// document for `view=read`, neither for `view=speaker` and `print`, else the stage. A page
    /// opened from a file, but for the one-file edition, stays the document.
    pub fn head() -> String {
        format!(
            r#"(function(){{var h=document.documentElement,v="{presenting}",f=location.protocol=="file:"&&!h.hasAttribute("{one_file}");location.search.replace(/^\?+/,"").split("&").forEach(function(p){{var i=p.indexOf("="),k=i<0?p:p.slice(0,i),x=i<0?"":p.slice(i+1);if(k=="view"&&x=="read")v="{reading}";else if(k=="view"&&x=="speaker"||k=="print")v="{app_only}"}});try{{var t=localStorage.getItem("{theme_key}");if(t=="light"||t=="dark")h.setAttribute("{theme}",t)}}catch(e){{}}h.classList.add("{js}",f?"{reading}":v);f&&h.classList.add("{from_file}")}})()"#,
            presenting = class::PRESENTING,
            reading = class::READING,
            app_only = class::APP_ONLY,
            js = class::JS,
            from_file = class::FROM_FILE,
            one_file = attr::ONE_FILE,
            theme = attr::THEME,
            theme_key = key::THEME,
        )
    }

    /// At the end of <body>: when presenting, the talk becomes the stage at the place the address
    /// names, before the first paint, and the pictures of that slide and its neighbours load now. Its `place` reads the address exactly as `url::decode` does
    /// (`tests/e2e_address.rs` checks it on a shared table), so no address paints one slide and
    /// then jumps to another when the stage starts.
    pub fn first_frame() -> String {
        format!(
            r#"(function(){{var t=document.getElementById("{talk}");if(!t||!document.documentElement.classList.contains("{presenting}"))return;var m=t.querySelector(":scope>main"),all=m.querySelectorAll(":scope>section"),n=all.length,steps=function(i){{return+all[i].getAttribute("{steps_attr}")||0}},num=function(s){{return/^-?[0-9]+$/.test(s)?s[0]=="-"?0:+s:null}},p=location.hash.replace(/^#/,"").replace(/^\//,"").split("/"),s=num(p[0]),k=p.length>1?num(p[1]):0,i,j;if(s===null){{for(j=0;j<n;j++)if(all[j].getAttribute("{name_attr}")===p[0])s=j+1;if(s===null)s=1,k=0}}i=Math.min(Math.max(s,1),n)-1;k=Math.min(k||0,steps(i));m.className="{stage}";all.forEach(function(e,j){{e.className="{slide} {layout}"+e.getAttribute("{layout_attr}")+(j==i?" {current}":"");e.querySelectorAll(".{fragment}").forEach(function(f){{f.classList.toggle("{shown}",j<i||j==i&&+f.getAttribute("{step_attr}")<=k)}});j>=i-1&&j<=i+1&&e.querySelectorAll("img").forEach(function(g){{g.removeAttribute("loading")}})}})}})()"#,
            talk = id::TALK,
            presenting = class::PRESENTING,
            stage = class::STAGE,
            slide = class::SLIDE,
            layout = class::LAYOUT_PREFIX,
            current = class::CURRENT,
            fragment = class::FRAGMENT,
            shown = class::SHOWN,
            steps_attr = attr::STEPS,
            name_attr = attr::NAME,
            layout_attr = attr::LAYOUT,
            step_attr = attr::STEP,
        )
    }
}
