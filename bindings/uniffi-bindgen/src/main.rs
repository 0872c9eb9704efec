//! The project's own `uniffi-bindgen`: the generator built from the same `uniffi` version as `kehoach-ffi`,
//! so that the generated Kotlin, Swift and Python always match the scaffolding in the library.
//!
//! ```text
//! uniffi-bindgen generate target/debug/libkehoach_ffi.so --language kotlin --out-dir OUT --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
