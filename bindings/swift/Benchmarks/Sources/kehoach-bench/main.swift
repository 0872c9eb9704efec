// Load + validate of a registry file (one national school year) through the Swift bindings, timed over several
// runs, next to the Rust figure for the same work measured in process (`bench_load_validate`).
//
//     kehoach-bench FILE [RUNS] [RUST_MEDIAN_MS [RUST_MIN_MS]]
//
// The file is read into `Data` before any timing. Each run times `Registry(data:)` (no copy: the library reads the
// `Data` where it lies) or
// `Registry.fromBytes(bytes:)` (the generated lowering: two copies) and `validate()`
// (the report as Swift values); the registry is freed after the clock stops, as the Rust figure frees its
// registry after its clock stops. `fromJson(json:)` from a `String` is timed too, and the conversion of a kept
// report, so that the breakdown says where the time goes.

import Foundation
import KeHoach

struct Stats {
    let median: Double
    let min: Double
    let max: Double

    init(_ samples: [Double]) {
        let s = samples.sorted()
        let n = s.count
        median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        min = s.first ?? 0
        max = s.last ?? 0
    }
}

func milliseconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

/// Times `load` then `validate()` of what it loaded, `runs` times after `warmup` untimed runs.
func timeLoadValidate(runs: Int, warmup: Int, _ load: () throws -> Registry) rethrows -> (load: Stats, validate: Stats, total: Stats) {
    var loads: [Double] = []
    var validates: [Double] = []
    var totals: [Double] = []
    for i in 0..<(warmup + runs) {
        let start = DispatchTime.now().uptimeNanoseconds
        let registry = try load()
        let loaded = milliseconds(since: start)
        let report = registry.validate()
        let total = milliseconds(since: start)
        withExtendedLifetime((registry, report)) {}
        if i >= warmup {
            loads.append(loaded)
            validates.append(total - loaded)
            totals.append(total)
        }
    }
    return (Stats(loads), Stats(validates), Stats(totals))
}

func time(runs: Int, warmup: Int, _ work: () -> Int) -> Stats {
    var samples: [Double] = []
    for i in 0..<(warmup + runs) {
        let start = DispatchTime.now().uptimeNanoseconds
        let kept = work()
        let t = milliseconds(since: start)
        withExtendedLifetime(kept) {}
        if i >= warmup { samples.append(t) }
    }
    return Stats(samples)
}

func line(_ name: String, _ t: Stats) {
    print("swift " + name.padding(toLength: 36, withPad: " ", startingAt: 0)
        + String(format: " median %8.1f ms   min %8.1f   max %8.1f", t.median, t.min, t.max))
}

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: kehoach-bench FILE [RUNS] [RUST_MEDIAN_MS [RUST_MIN_MS]]\n".utf8))
    exit(2)
}
let runs = arguments.dropFirst().first.flatMap { Int($0) } ?? 10
let rust = arguments.dropFirst(2).first.flatMap { Double($0) }
let rustMin = arguments.dropFirst(3).first.flatMap { Double($0) }
let warmup = 2

do {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let text = String(decoding: bytes, as: UTF8.self)
    let shape: String = try {
        let r = try Registry.fromBytes(bytes: bytes)
        return "\(r.unitCount()) units, \(r.planCount()) plans, \(r.validate().findings.count) findings"
    }()
    print("file: \(path) (\(String(format: "%.1f", Double(bytes.count) / 1e6)) MB; \(shape)); \(runs) runs after \(warmup) warm-up")
    let dataInit = try timeLoadValidate(runs: runs, warmup: warmup) { try Registry(data: bytes) }
    let fromBytes = try timeLoadValidate(runs: runs, warmup: warmup) { try Registry.fromBytes(bytes: bytes) }
    let fromJson = try timeLoadValidate(runs: runs, warmup: warmup) { try Registry.fromJson(json: text) }
    let kept = try Registry.fromBytes(bytes: bytes)
    _ = kept.validate() // the registry keeps its report: what follows is the conversion, not the check
    let records = time(runs: runs, warmup: warmup) { kept.validate().findings.count }
    let json = time(runs: runs, warmup: warmup) { kept.validateToJson().utf8.count }

    line("Registry(data:) + validate()", dataInit.total)
    line("  of which Registry(data:)", dataInit.load)
    line("  of which validate()", dataInit.validate)
    line("fromBytes(Data) + validate()", fromBytes.total)
    line("  of which fromBytes(Data)", fromBytes.load)
    line("  of which validate()", fromBytes.validate)
    line("fromJson(String) + validate()", fromJson.total)
    line("  of which fromJson(String)", fromJson.load)
    line("kept report as Swift values", records)
    line("kept report as JSON text", json)
    if let rust {
        print(String(format: "rust  load + validate (in process)       median %8.1f ms", rust))
        print(String(format: "ratio swift Registry(data:) / rust: %.2fx   fromBytes / rust: %.2fx   fromJson / rust: %.2fx",
                     dataInit.total.median / rust, fromBytes.total.median / rust, fromJson.total.median / rust))
    }
    if let rustMin {
        // On a VM whose speed drifts within seconds, the fastest run of each is the steadier comparison.
        print(String(format: "min-ratio swift Registry(data:) / rust: %.2fx   fromBytes / rust: %.2fx",
                     dataInit.total.min / rustMin, fromBytes.total.min / rustMin))
    }
} catch {
    FileHandle.standardError.write(Data("kehoach-bench: \(error)\n".utf8))
    exit(2)
}
