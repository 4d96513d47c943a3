fn main() {
    deck_web::report_panics();
    leptos::mount::mount_to_body(cppg_deck::App);
}
