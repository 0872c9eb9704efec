//! Fuzz target `load`: any bytes through `kehoach::format::load` (see `check_load`).
fn main() {
    afl::fuzz!(|data: &[u8]| kehoach_fuzz::check_load(data));
}
