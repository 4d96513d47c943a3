//! Light and dark: the system's choice (`prefers-color-scheme`) unless the visitor toggles it; the
//! toggle is remembered. The palette is `light-dark()` colours (`public/css/base.css`): the choice
//! is `data-theme` on `<html>`, which fixes `color-scheme`.

use crate::{document, load, store, window};
use deck_core::contract::{attr, key};

/// Puts the remembered choice, if any, on `<html>` (anything but "light" or "dark" is ignored).
pub fn apply_stored() {
    if let Some(theme) = load(key::THEME).filter(|t| t == "light" || t == "dark") {
        set(&theme);
    }
}

fn set(theme: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(attr::THEME, theme);
    }
}

/// Whether the page shows dark now: the visitor's choice, else the system's.
pub fn is_dark() -> bool {
    let chosen = document().document_element().and_then(|root| root.get_attribute(attr::THEME));
    match chosen.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches()),
    }
}

/// Switches to the other theme and remembers it; returns whether it is now dark.
pub fn toggle() -> bool {
    let theme = if is_dark() { "light" } else { "dark" };
    set(theme);
    store(key::THEME, theme);
    theme == "dark"
}
