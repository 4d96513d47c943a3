//! `.ci/deck`'s choice of port for `present`: the port asked for when it is free, else the next
//! free one above it, for any port a user may ask for; nonsense is refused with a message.
#![cfg(not(target_arch = "wasm32"))]

use std::net::{TcpListener, TcpStream};
use std::process::Command;

/// What `PORT=asked .ci/deck port` prints, or its error.
fn chosen(asked: Option<&str>) -> Result<u16, String> {
    let mut command = Command::new("bash");
    command.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/deck")).arg("port").env_remove("PORT");
    if let Some(port) = asked {
        command.env("PORT", port);
    }
    let out = command.output().expect("bash runs .ci/deck");
    if out.status.success() {
        let text = String::from_utf8_lossy(&out.stdout);
        Ok(text.trim().parse().unwrap_or_else(|_| panic!("not a port: {text:?}")))
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn taken(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// The choice for `asked`: free, at or above it, and every port skipped on the way was taken.
fn assert_sound_choice(asked: u16) -> u16 {
    let port = chosen(Some(&asked.to_string())).unwrap();
    assert!(port >= asked, "asked for {asked}, got {port}");
    assert!(!taken(port), "{port} is free");
    let skipped: Vec<u16> = (asked..port).filter(|&p| !taken(p)).collect();
    assert!(skipped.is_empty(), "free ports skipped on the way from {asked} to {port}: {skipped:?}");
    port
}

#[test]
fn a_free_port_is_used_as_asked_and_a_taken_one_gives_the_next_free_one() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let busy = listener.local_addr().unwrap().port();
    let port = assert_sound_choice(busy);
    assert!(port > busy, "{busy} is taken");
    // Two in a row taken: the one after both.
    if let Ok(next) = TcpListener::bind(("127.0.0.1", busy + 1)) {
        assert!(assert_sound_choice(busy) > busy + 1);
        drop(next);
    }
    drop(listener);
    assert_eq!(assert_sound_choice(busy), busy, "{busy} is free again");
}

#[test]
fn any_port_can_be_asked_for() {
    // README's example, and ports far above the old search's end (8180).
    for asked in [9000, 8181, 20000, 65535] {
        assert_sound_choice(asked);
    }
    let default = chosen(None).unwrap();
    assert!(default >= 8080, "the default is 8080 or the next free one: {default}");
}

#[test]
fn nonsense_is_refused_with_a_message() {
    for asked in ["abc", "0", "65536", "70000", "-1", "80 80", "1e3"] {
        let error = chosen(Some(asked)).expect_err(asked);
        assert!(error.contains("PORT must be a number from 1 to 65535"), "{asked:?}: {error}");
    }
}
