//! Trunk's post-build hook (see Trunk.toml): finishes the page in Trunk's staging directory.

fn main() {
    let Some(stage) = std::env::var_os("TRUNK_STAGING_DIR") else {
        fail("run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)")
    };
    let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "./".into());
    let root = std::env::current_dir().unwrap_or_default();
    if let Err(message) = deck_page::finish(&root, std::path::Path::new(&stage), &base) {
        fail(&message);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    eprintln!("(the page step, page/: Trunk's post-build hook that finishes index.html)");
    std::process::exit(1)
}
