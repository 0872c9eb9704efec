//! Fuzz target `validate`: any bytes through load, validate, save and load again (see `check_validate`).
fn main() {
    afl::fuzz!(|data: &[u8]| kehoach_fuzz::check_validate(data));
}
