//! Checks `content/talk.md` with the content compiler (the `talk-compiler` crate, `compiler/`), so
//! that a mistake in it fails `cargo build` with `content/talk.md:LINE: what is wrong`, and writes
//! the talk's HTML to `$OUT_DIR/talk.html` for the browser tests' page. The app itself holds no
//! talk: `.ci/finish-page` writes it into `index.html`, and the app reads it from there.
//! `DECK_CONTENT=path/to/other.md` compiles another file instead (the tests use it).

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let talk = std::env::var_os("DECK_CONTENT").map_or_else(|| root.join("content/talk.md"), PathBuf::from);
    let public = root.join("public");
    println!("cargo::rerun-if-env-changed=DECK_CONTENT");
    println!("cargo::rerun-if-changed={}", talk.display());
    println!("cargo::rerun-if-changed={}", public.join("images").display());

    let shown = talk.strip_prefix(&root).unwrap_or(&talk).display().to_string();
    let source = match std::fs::read_to_string(&talk) {
        Ok(s) => s,
        Err(e) => fail(&[format!("{shown}: cannot read the talk: {e}")]),
    };
    let exists = |p: &str| Path::new(&public).join(p).is_file();
    match talk_compiler::compile(&source, &exists) {
        Ok(deck) => {
            let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
            let size_of = |src: &str| {
                let svg = std::fs::read_to_string(public.join(src)).ok()?;
                talk_compiler::html::svg_size(&svg)
            };
            std::fs::write(out.join("talk.html"), talk_compiler::html::reading_page(&deck, &size_of))
                .expect("write talk.html");
        }
        Err(errors) => fail(&errors.iter().map(|e| format!("{shown}:{e}")).collect::<Vec<_>>()),
    }
}

fn fail(lines: &[String]) -> ! {
    for line in lines {
        eprintln!("{line}");
    }
    eprintln!("error: the talk did not compile ({} mistake(s)); see content/FORMAT.md", lines.len());
    std::process::exit(1);
}
