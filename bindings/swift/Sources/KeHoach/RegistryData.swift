// Hand-written beside the generated KeHoach.swift: `Registry(data:)`, the Swift way to load a document read from
// a file.
//
// The library reads the bytes where the `Data` keeps them (`Registry.fromBuffer(buffer:)`, a borrowed `&[u8]` in
// Rust): nothing is copied. The generated `fromBytes(bytes:)` copies twice (into a Swift `[UInt8]`, then into a
// buffer of the library's), about 130 ms for the 87 MB of a national school year. This initialiser adds what the
// generated `fromBuffer(buffer:)` lacks: it refuses a `Data` too long to cross (the generated code counts the
// bytes in an `Int32` and would trap) with a `LoadError`, as every other way in refuses a bad document.

import Foundation

extension Registry {
    /// Loads a `kehoach/registry@1` document from its bytes as read from a file, as `fromBytes(bytes:)` does
    /// (one leading byte-order mark is ignored; bytes that are not UTF-8 are a `LoadError.Syntax`), but without
    /// copying them: the fastest way in. The library is done with `data` when this returns.
    ///
    /// ```swift
    /// let registry = try Registry(data: Data(contentsOf: url))
    /// ```
    public convenience init(data: Data) throws {
        guard Int32(exactly: data.count) != nil else {
            throw LoadError.Syntax(line: 1, column: 1,
                                   detail: "the document is \(data.count) bytes long; at most \(Int32.max) can cross")
        }
        let loaded = try Registry.fromBuffer(buffer: data)
        // The new registry holds its own reference to what `loaded` holds; `loaded` then drops its own.
        self.init(unsafeFromHandle: loaded.uniffiCloneHandle())
    }
}
