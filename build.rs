//! Compiles `content/talk.md` with the content compiler (`talk_compiler::files`, the function the
//! page step also uses), so that a mistake in it fails `cargo build` with
//! `content/talk.md:LINE: what is wrong`, and writes the talk's HTML to `$OUT_DIR/talk.html` for
//! the browser tests' page. The app itself holds no talk: the page step writes it into
//! `index.html`, and the app reads it from there. `DECK_CONTENT=path/to/other.md` compiles
//! another file instead (the tests use it).

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let talk = std::env::var_os("DECK_CONTENT").map_or_else(|| root.join("content/talk.md"), PathBuf::from);
    let public = root.join("public");
    println!("cargo::rerun-if-env-changed=DECK_CONTENT");
    println!("cargo::rerun-if-changed={}", talk.display());
    println!("cargo::rerun-if-changed={}", public.join("images").display());

    let shown = talk.strip_prefix(&root).unwrap_or(&talk).display().to_string();
    match talk_compiler::files::compile_files(&talk, &public, &shown) {
        Ok(compiled) => {
            let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
            std::fs::write(out.join("talk.html"), compiled.html).expect("write talk.html");
        }
        Err(errors) => {
            for line in &errors {
                eprintln!("{line}");
            }
            eprintln!("error: the talk did not compile ({} mistake(s)); see content/FORMAT.md", errors.len());
            std::process::exit(1);
        }
    }
}
