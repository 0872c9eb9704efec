// kehoach-validate: checks a registry file against every rule and prints the report, the implementation tree
// or the compliance table. The Swift counterpart of the Rust `kehoach-validate` program, with its exit codes:
// 0 when the registry conforms, 1 when it has errors, 2 when it cannot be loaded or the command is misused.
//
//     swift run kehoach-validate FILE [--format text|json|dot|mermaid] [--language vi|en]
//                                     [--summary text|markdown|csv]
//
// It is also the shortest whole program that uses the package: read (map) the file as `Data`, load it with
// `Registry(data:)`, validate, print, and turn a thrown `LoadError` into a message on standard error.

import Foundation
import KeHoach

let usage = """
    usage: kehoach-validate FILE [--format text|json|dot|mermaid] [--language vi|en] [--summary text|markdown|csv]

    Checks a kehoach/registry@1 file against every rule of the catalogue.
      --format text       a report for people (the default), in --language en (default) or vi
      --format json       a kehoach/report@1 document
      --format dot        the implementation tree of the whole registry as Graphviz DOT
      --format mermaid    the same tree as a Mermaid flowchart
      --summary markdown  the compliance table per managing unit and school year (also csv, text)
    A --summary alone is the whole output; after --format text it follows the report;
    with --format json, dot or mermaid it is refused.
    Exit status: 0 conforms, 1 has errors, 2 cannot be loaded or bad usage.
    FILE is mapped into memory and must not change meanwhile; KEHOACH_NO_MMAP=1 reads it instead.
    """

enum Output: String {
    case text, json, dot, mermaid
}

struct Request {
    var path: String
    var output: Output?
    var language: Language = .en
    var summary: TableFormat?
}

/// A misuse of the command line, with the sentence that says what is wrong.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}

/// `nil` asks for the usage.
func parse(_ arguments: [String]) throws(UsageError) -> Request? {
    var path: String?
    var output: Output?
    var language = Language.en
    var summary: TableFormat?
    var rest = arguments[...]
    func value(of option: String, _ allowed: String) throws(UsageError) -> String {
        guard let value = rest.popFirst() else { throw UsageError(description: "\(option) needs a value: \(allowed)") }
        return value
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--help", "-h":
            return nil
        case "--format":
            let v = try value(of: "--format", "text, json, dot or mermaid")
            guard let o = Output(rawValue: v) else {
                throw UsageError(description: "--format must be text, json, dot or mermaid, not \"\(v)\"")
            }
            output = o
        case "--language":
            switch try value(of: "--language", "vi or en") {
            case "vi": language = .vi
            case "en": language = .en
            case let v: throw UsageError(description: "--language must be vi or en, not \"\(v)\"")
            }
        case "--summary":
            switch try value(of: "--summary", "markdown, csv or text") {
            case "markdown": summary = .markdown
            case "csv": summary = .csv
            case "text": summary = .text
            case let v: throw UsageError(description: "--summary must be markdown, csv or text, not \"\(v)\"")
            }
        case let a where a.hasPrefix("-") && a != "-":
            throw UsageError(description: "unknown option \(a)")
        default:
            if let path { throw UsageError(description: "one FILE only (got \(path) and \(argument))") }
            path = argument
        }
    }
    guard let path else { throw UsageError(description: "FILE is missing") }
    if summary != nil, let output, output != .text {
        throw UsageError(description: "--summary cannot follow --format \(output.rawValue): its output is one document")
    }
    return Request(path: path, output: output, language: language, summary: summary)
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs the command and returns its exit status.
func run(_ arguments: [String]) -> Int32 {
    let request: Request
    do {
        guard let r = try parse(arguments) else {
            print(usage)
            return 0
        }
        request = r
    } catch {
        printError("kehoach-validate: \(error)\n\n\(usage)")
        return 2
    }
    let data: Data
    do {
        // Mapped, as the Rust program maps it: `Registry(data:)` then reads the system's cached pages where
        // they lie. A mapped file must not change meanwhile; KEHOACH_NO_MMAP=1 reads it instead, and so does
        // a file that cannot be mapped (a device, a pipe), which then reads or fails as it would have.
        let url = URL(fileURLWithPath: request.path)
        let noMap = !(ProcessInfo.processInfo.environment["KEHOACH_NO_MMAP"] ?? "").isEmpty
        let mapped = noMap ? nil : try? Data(contentsOf: url, options: .alwaysMapped)
        data = try mapped ?? Data(contentsOf: url)
    } catch {
        printError("kehoach-validate: \(request.path): cannot read the file: \(error.localizedDescription)")
        return 2
    }
    let registry: Registry
    do {
        registry = try Registry(data: data)
    } catch {
        // A LoadError's description is the library's sentence: it names the JSON path, or the line and column.
        printError("kehoach-validate: \(request.path): \(error)")
        return 2
    }
    let report = registry.validate()
    var out: String
    do {
        switch (request.output, request.summary) {
        case (nil, .some):
            out = ""
        case (nil, nil), (.text, _):
            out = registry.textReport(language: request.language)
        case (.json, _):
            out = registry.validateToJson()
        case (.dot, _):
            out = try registry.dot(scope: .all)
        case (.mermaid, _):
            out = try registry.mermaid(scope: .all)
        }
    } catch {
        // The whole registry's tree names no plan, so drawing it cannot fail; were it to, say so like a misuse.
        printError("kehoach-validate: \(request.path): \(error)")
        return 2
    }
    if let summary = request.summary {
        if !out.isEmpty { out += "\n" }
        out += registry.complianceTable(format: summary, language: request.language)
    }
    print(out, terminator: out.hasSuffix("\n") || out.isEmpty ? "" : "\n")
    return report.conforms ? 0 : 1
}

exit(run(Array(CommandLine.arguments.dropFirst())))
