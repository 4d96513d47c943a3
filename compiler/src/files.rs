//! The talk from the project's files: `content/talk.md` compiled with its pictures checked under
//! `public/` and sized from their SVGs, into the deck and its HTML. `build.rs` (so that a mistake
//! fails `cargo build`) and the page step (which writes the page) both call [`compile_files`].

use crate::{compile, html, Deck};
use std::path::Path;

/// The compiled talk and the HTML the page carries.
pub struct Talk {
    pub deck: Deck,
    pub html: String,
}

/// Compiles the talk at `talk`, with its pictures under `public`. Each mistake is one line,
/// `shown:LINE: what is wrong`, where `shown` is how the talk's path is printed.
pub fn compile_files(talk: &Path, public: &Path, shown: &str) -> Result<Talk, Vec<String>> {
    let source =
        std::fs::read_to_string(talk).map_err(|e| vec![format!("{shown}: cannot read the talk: {e}")])?;
    let exists = |p: &str| public.join(p).is_file();
    let deck = compile(&source, &exists)
        .map_err(|errors| errors.iter().map(|e| format!("{shown}:{e}")).collect::<Vec<_>>())?;
    let size_of = |src: &str| html::svg_size(&std::fs::read_to_string(public.join(src)).ok()?);
    let html = html::reading_page(&deck, &size_of);
    Ok(Talk { deck, html })
}
