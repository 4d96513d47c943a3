fn main() {
    leptos::mount::mount_to_body(cppg_deck::App);
}
