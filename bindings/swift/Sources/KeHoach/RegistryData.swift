// Hand-written beside the generated KeHoach.swift: `Registry(data:)`, the Swift way to load a document read from
// a file, with one copy of its bytes instead of two.
//
// The generated `Registry.fromBytes(bytes:)` lowers `Data` as UniFFI lowers any byte sequence: it appends the
// bytes to a Swift `[UInt8]`, and the library then copies that array into a buffer of its own. For the 87 MB of a
// national school year the two copies (and the fresh pages each touches) cost about 130 ms, a third of the
// load. This initialiser asks the library for its buffer (`rustbuffer_alloc`), copies the bytes into it once (a
// large document in two halves at once), in the form `fromBytes` sends (a big-endian `Int32` count, then the
// bytes), and calls the same constructor, which keeps the buffer as it is (`bindings/ffi/src/bytes.rs`). Errors
// are the same `LoadError`s.

import Foundation
import KeHoachFFI

/// A failure inside the library that is not one of its typed errors. None is expected: every exported function
/// returns its errors as values, and none panics on any input.
public struct KeHoachInternalError: Error, CustomStringConvertible, Sendable {
    /// What the library said.
    public let description: String
}

extension Registry {
    /// Loads a `kehoach/registry@1` document from its bytes as read from a file, as `fromBytes(bytes:)` does
    /// (one leading byte-order mark is ignored; bytes that are not UTF-8 are a `LoadError.Syntax`), copying the
    /// bytes once: the fastest way in.
    ///
    /// ```swift
    /// let registry = try Registry(data: Data(contentsOf: url))
    /// ```
    public convenience init(data: Data) throws {
        // The generated bindings check the library's contract version and API checksums before their first
        // call; make that check happen before this one, which goes to the library directly.
        _ = registryFormat()
        guard let count = Int32(exactly: data.count) else {
            throw LoadError.Syntax(line: 1, column: 1,
                                   detail: "the document is \(data.count) bytes long; at most \(Int32.max) can cross")
        }
        var status = RustCallStatus()
        var buffer = ffi_kehoach_ffi_rustbuffer_alloc(UInt64(data.count) + 4, &status)
        try Registry.check(&status)
        guard let base = buffer.data else {
            throw KeHoachInternalError(description: "the library gave no buffer for \(data.count) bytes")
        }
        withUnsafeBytes(of: count.bigEndian) { prefix in
            UnsafeMutableRawPointer(base).copyMemory(from: prefix.baseAddress!, byteCount: 4)
        }
        // The copy is mostly the kernel faulting in the buffer's fresh pages one at a time (about 50 ms for the
        // 87 MB of a national year): a large document is copied in two halves at once where two cores are free.
        let halves = data.count >= 8 << 20 && ProcessInfo.processInfo.activeProcessorCount >= 2 ? 2 : 1
        let half = data.count / halves
        // The buffer crosses into the closure as its address: the two halves are disjoint, and the call returns
        // only when both are copied.
        let address = UInt(bitPattern: base + 4)
        DispatchQueue.concurrentPerform(iterations: halves) { i in
            guard let target = UnsafeMutablePointer<UInt8>(bitPattern: address) else { return }
            let from = i * half
            let to = i == halves - 1 ? data.count : from + half
            data.copyBytes(to: target + from, from: data.startIndex + from ..< data.startIndex + to)
        }
        buffer.len = UInt64(data.count) + 4
        // The constructor takes the buffer over, whether it succeeds or not.
        let handle = uniffi_kehoach_ffi_fn_constructor_registry_from_bytes(buffer, &status)
        try Registry.check(&status)
        self.init(unsafeFromHandle: handle)
    }

    /// Turns a call's status into the error it reports: a `LoadError`, or an internal error.
    private static func check(_ status: inout RustCallStatus) throws {
        switch status.code {
        case 0:
            return
        case 1:
            throw try FfiConverterTypeLoadError_lift(status.errorBuf)
        default:
            let message = status.errorBuf.data.map { data in
                String(decoding: UnsafeBufferPointer(start: data, count: Int(status.errorBuf.len)), as: UTF8.self)
            } ?? "no message"
            var freed = RustCallStatus()
            ffi_kehoach_ffi_rustbuffer_free(status.errorBuf, &freed)
            throw KeHoachInternalError(description: "the library failed unexpectedly: \(message)")
        }
    }
}
