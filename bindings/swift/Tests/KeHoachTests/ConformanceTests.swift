// The conformance examples of the repository (tests/conformance), read through the Swift bindings: the same
// findings, exit status and load errors as the core's tests and the `kehoach validate` command. ConformanceTest.kt
// in Swift.

import Foundation
import KeHoach
import XCTest

final class ConformanceTests: XCTestCase {
    /// Every example, loaded from `Data` (as an app loads a file) and from `String`; one test over all of them, with
    /// the file's name in every failure message.
    func testEveryExampleGivesExactlyItsExpectedFindingsOrLoadError() throws {
        let inputs = try Fixtures.conformanceInputs()
        XCTAssertGreaterThanOrEqual(inputs.count, 15, "conformance examples: \(inputs.map(\.lastPathComponent))")
        var exits: [Int: Int] = [:]
        for input in inputs {
            let name = input.lastPathComponent
            let expect = try Fixtures.expectation(of: input)
            exits[expect.exit, default: 0] += 1
            let bytes = try Data(contentsOf: input)
            let text = try XCTUnwrap(String(data: bytes, encoding: .utf8), name)
            switch expect.exit {
            case 2:
                let names = try XCTUnwrap(expect.stderrNames, "\(name): exit 2 without stderr_names")
                XCTAssertFalse(names.isEmpty, name)
                guard let fromBytes = assertThrows(LoadError.self, name, { try Registry.fromBytes(bytes: bytes) }),
                      let fromText = assertThrows(LoadError.self, name, { try Registry.fromJson(json: text) })
                else { continue }
                XCTAssertEqual(fromText, fromBytes, "\(name): loading the String and the Data fail alike")
                let shown: String
                switch fromBytes {
                case let .Syntax(line, column, detail): shown = "\(line):\(column) \(detail)"
                case let .Format(found, detail): shown = "format \(found ?? "-") \(detail)"
                case let .Invalid(path, detail, _, _): shown = "\(path) \(detail)"
                case let .Limit(limit, value): shown = "limit \(limit) \(value)"
                }
                // The fields name it, and so does the sentence the error prints (what the command's stderr says).
                for needle in names {
                    XCTAssertTrue(shown.contains(needle), "\(name): the fields \"\(shown)\" do not name \(needle)")
                    XCTAssertTrue("\(fromBytes)".contains(needle), "\(name): \"\(fromBytes)\" does not name \(needle)")
                }
            case 0, 1:
                let registry: Registry
                do {
                    registry = try Registry.fromBytes(bytes: bytes)
                } catch {
                    XCTFail("\(name): expected to load (exit \(expect.exit)), got \(error)")
                    continue
                }
                let report = registry.validate()
                let want = expect.findings ?? []
                let got = report.findings.map(Fixtures.asExpected)
                if got != want {
                    XCTFail("\(name): the findings differ from \(name.dropLast(5)).expect.json\n got  \(got)\n want \(want)")
                }
                XCTAssertEqual(report.conforms, expect.exit == 0, "\(name): conforms")
                XCTAssertEqual(report.counts.error, Int32(report.findings.filter { $0.severity == .error }.count),
                               name)
                XCTAssertEqual(report.counts.warning,
                               Int32(report.findings.filter { $0.severity == .warning }.count), name)
                XCTAssertEqual(report.counts.info, Int32(report.findings.filter { $0.severity == .info }.count),
                               name)
                // The same text as a Swift `String` gives the same registry, byte for byte, and the same report.
                let fromText = try Registry.fromJson(json: text)
                assertSameBytes(fromText.toJson(), registry.toJson(), "\(name): fromJson and fromBytes")
                XCTAssertEqual(fromText.validate(), report, "\(name): fromJson and fromBytes")
            default:
                XCTFail("\(name): exit \(expect.exit) is none of 0, 1, 2")
            }
        }
        // The examples cover all three outcomes.
        XCTAssertEqual(Set(exits.keys), [0, 1, 2], "\(exits)")
    }

    /// `fromBuffer(buffer:)` and `Registry(data:)`, which read the bytes where they lie, load every example as
    /// `fromBytes(bytes:)` (which copies them) does: the same registry, the same report, or the same typed error;
    /// and a document cut short is a syntax error, not a crash.
    func testFromBufferLoadsEveryExampleAsFromBytesDoes() throws {
        var loaded = 0
        for input in try Fixtures.conformanceInputs() {
            let data = try Data(contentsOf: input)
            let viaBytes = Result { try Registry.fromBytes(bytes: data) }
            for (way, lent) in [("fromBuffer", Result { try Registry.fromBuffer(buffer: data) }),
                                ("Registry(data:)", Result { try Registry(data: data) })] {
                switch (viaBytes, lent) {
                case let (.success(a), .success(b)):
                    XCTAssertEqual(Array(b.toJson().utf8), Array(a.toJson().utf8), "\(way) \(input.lastPathComponent)")
                    XCTAssertEqual(b.validate(), a.validate(), "\(way) \(input.lastPathComponent)")
                case let (.failure(a), .failure(b)):
                    XCTAssertEqual(b as? LoadError, a as? LoadError, "\(way) \(input.lastPathComponent)")
                    XCTAssertNotNil(b as? LoadError, "\(way) \(input.lastPathComponent): \(b)")
                default:
                    XCTFail("\(input.lastPathComponent): fromBytes \(viaBytes), \(way) \(lent)")
                }
            }
            if case .success = viaBytes { loaded += 1 }
        }
        XCTAssertGreaterThanOrEqual(loaded, 10)
        let hanoi = try Data(contentsOf: Fixtures.hanoiData)
        XCTAssertThrowsError(try Registry(data: hanoi.prefix(hanoi.count / 2))) { error in
            guard case LoadError.Syntax = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Registry(data: Data())) { error in
            guard case LoadError.Syntax = error else { return XCTFail("\(error)") }
        }
    }

    /// A `Data` that is a slice of other bytes is read from its first byte to its last, where it lies: the library
    /// sees the bytes as they are when it is called.
    func testABufferIsReadFromItsStartToItsEnd() throws {
        let document = try Data(contentsOf: Fixtures.hanoiData)
        let expected = Array(try Registry(data: document).toJson().utf8)
        var around = Data("garbage [".utf8) + document + Data("} more".utf8)
        let slice = around[9 ..< 9 + document.count]
        XCTAssertEqual(slice.startIndex, 9, "a slice keeps the indices of the bytes it is part of")
        XCTAssertEqual(Array(try Registry(data: slice).toJson().utf8), expected)
        XCTAssertEqual(Array(try Registry.fromBuffer(buffer: slice).toJson().utf8), expected)
        XCTAssertThrowsError(try Registry(data: around)) { error in
            guard case LoadError.Syntax = error else { return XCTFail("\(error)") }
        }
        // The slice's first byte changed, what loads changes.
        around[9] = UInt8(ascii: "[")
        XCTAssertThrowsError(try Registry(data: around[9 ..< 9 + document.count])) { error in
            guard case LoadError.Syntax = error else { return XCTFail("\(error)") }
        }
    }

    func testEachFindingHasItsCodeSeveritySubjectAndBothMessages() throws {
        let registry = try Registry.fromJson(json: Fixtures.conformance("02-school-plan-rules.json"))
        let report = registry.validate()
        XCTAssertFalse(report.conforms)
        let first = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(first.rule, .parentPlanMissing)
        XCTAssertEqual(first.severity, .error)
        XCTAssertEqual(first.subject, Subject(kind: .plan, id: "cg-th-yh-2020"))
        XCTAssertEqual(first.field, "implements")
        XCTAssertTrue(first.message.en.hasPrefix("Plan \"cg-th-yh-2020\""), first.message.en)
        XCTAssertTrue(first.message.vi.hasPrefix("Kế hoạch \"cg-th-yh-2020\""), first.message.vi)
        XCTAssertTrue(first.basis.contains("Luật Công đoàn 2012"), first.basis)
        for finding in report.findings {
            XCTAssertTrue(finding.message.en.contains(finding.subject.id), finding.message.en)
            XCTAssertTrue(finding.message.vi.contains(finding.subject.id), finding.message.vi)
            XCTAssertNotEqual(finding.message.en, finding.message.vi)
            XCTAssertFalse(finding.basis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            XCTAssertEqual(ruleInfo(rule: finding.rule, profile: registry.profile()).code, finding.rule.code)
        }
        // The JSON report the core writes says the same.
        let object = try JSONSerialization.jsonObject(with: Data(registry.validateToJson().utf8))
        let json = try XCTUnwrap(object as? [String: Any])
        XCTAssertEqual(json["format"] as? String, reportFormat())
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, report.findings.count)
        let message = try XCTUnwrap(findings.first?["message"] as? [String: Any])
        XCTAssertEqual(message["vi"] as? String, first.message.vi)
    }

    func testTheHanoiDataFileHasOneQuorumError() throws {
        let registry = try Registry.fromJson(json: Fixtures.hanoiText())
        let errors = registry.validate().findings.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.rule), [.staffConferenceQuorum])
        XCTAssertEqual(errors.first?.subject.kind, .plan)
    }

    func testTheTwoTierProfileOf2025IsReadAndKept() throws {
        let registry = try Registry.fromJson(json: Fixtures.conformance("09-two-tier-2025.json"))
        XCTAssertEqual(registry.profile(), .twoTier2025)
        XCTAssertTrue(registry.toJson().contains("\"profile\": \"two-tier-2025\""))
        // Saved and loaded again, it is still judged by the 2025 rules.
        let again = try Registry.fromJson(json: registry.toJson())
        XCTAssertEqual(again.profile(), .twoTier2025)
        XCTAssertEqual(again.validate(), registry.validate())
    }
}
