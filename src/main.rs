fn main() {
    cppg_deck::browser::report_panics();
    leptos::mount::mount_to_body(cppg_deck::App);
}
