// Hand-written beside the generated KeHoach.swift: conformances the generated code implements but does not
// declare. The FFI crate exports each error's Rust `Display` (`#[uniffi::export(Display)]`), so every error
// enum has a `description` that is the library's own sentence ("plan "tx-17-2020" already exists; replace it
// or remove it first"); declaring `CustomStringConvertible` makes `"\(error)"`, `print(error)` and
// `error.localizedDescription` say that sentence instead of a dump of the fields. The fields stay on the cases.

extension LoadError: CustomStringConvertible {}
extension EditError: CustomStringConvertible {}
extension QueryError: CustomStringConvertible {}
extension InvalidValueError: CustomStringConvertible {}
extension WhatIfError: CustomStringConvertible {}
