// What the XCTest suite shares, as bindings/kotlin/src/test/kotlin/vn/kehoach/Fixtures.kt does for the JUnit one:
// the repository's files (conformance examples and the Hanoi data file), the Thanh Xuân branch built in Swift, and
// small assertion helpers. The test files are by topic, one per Kotlin topic (CatalogueTests.swift mirrors
// CatalogueTest.kt, ...); bindings/checks/test_scenarios.py checks that every Kotlin test has its Swift test.

import Foundation
import KeHoach
import XCTest

/// Files of the repository the tests read: the conformance examples and the Hanoi data file.
enum Fixtures {
    /// The repository, found from this file: bindings/swift/Tests/KeHoachTests/Fixtures.swift.
    static let repo: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // KeHoachTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // swift
        .deletingLastPathComponent() // bindings
        .deletingLastPathComponent() // the repository

    static let conformanceDirectory: URL = repo.appendingPathComponent("tests/conformance")
    static let hanoiData: URL = repo.appendingPathComponent("examples/data/hanoi-2020-2021.json")

    /// The text of a conformance example, by file name.
    static func conformance(_ name: String) throws -> String {
        try String(contentsOf: conformanceDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The text of the Hanoi data file.
    static func hanoiText() throws -> String {
        try String(contentsOf: hanoiData, encoding: .utf8)
    }

    /// The Hanoi data file loaded as the README loads it; the caller's registry, freed with its last reference.
    static func hanoiRegistry() throws -> Registry {
        try Registry.fromBytes(bytes: Data(contentsOf: hanoiData))
    }

    /// The conformance inputs (not their `.expect.json`), in name order.
    static func conformanceInputs() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: conformanceDirectory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".json") && !$0.lastPathComponent.hasSuffix(".expect.json") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// What the `.expect.json` beside a conformance input says: the exit status of `kehoach validate`, the findings
    /// (exit 0 or 1) or the words its standard error names (exit 2).
    struct Expectation: Decodable {
        struct ExpectedFinding: Decodable, Equatable, CustomStringConvertible {
            struct ExpectedSubject: Decodable, Equatable {
                let kind: String
                let id: String
            }

            let rule: String
            let severity: String
            let subject: ExpectedSubject
            let field: String?

            var description: String { "\(rule) \(severity) \(subject.kind) \(subject.id) \(field ?? "-")" }
        }

        let exit: Int
        let findings: [ExpectedFinding]?
        let stderrNames: [String]?

        enum CodingKeys: String, CodingKey {
            case exit, findings
            case stderrNames = "stderr_names"
        }
    }

    static func expectation(of input: URL) throws -> Expectation {
        let name = input.deletingPathExtension().lastPathComponent + ".expect.json"
        let data = try Data(contentsOf: input.deletingLastPathComponent().appendingPathComponent(name))
        return try JSONDecoder().decode(Expectation.self, from: data)
    }

    /// A finding as an `.expect.json` writes it (the names are spelled out here, not taken from the enums' dumps).
    static func asExpected(_ finding: Finding) -> Expectation.ExpectedFinding {
        let severity: String
        switch finding.severity {
        case .error: severity = "error"
        case .warning: severity = "warning"
        case .info: severity = "info"
        }
        let kind: String
        switch finding.subject.kind {
        case .unit: kind = "unit"
        case .plan: kind = "plan"
        case .registry: kind = "registry"
        }
        return Expectation.ExpectedFinding(
            rule: finding.rule.code, severity: severity, subject: .init(kind: kind, id: finding.subject.id),
            field: finding.field)
    }
}

/// The Thanh Xuân branch of the Hanoi hierarchy of 2020-2021, built in Swift: the city department and its sector
/// union, the district office and its labour federation, a lower-secondary school and its grassroots union, and the
/// three plans that implement one another.
enum Hanoi {
    static let areas: [(code: String, title: String)] = [
        ("1", "Tuyên truyền đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của ngành"),
        ("2", "Xây dựng đội ngũ; chăm lo đời sống vật chất, tinh thần"),
        ("3", "Phong trào thi đua, cuộc vận động và hoạt động xã hội"),
        ("4", "Thực hiện quy chế dân chủ cơ sở"),
    ]

    static let units: [OrgUnit] = [
        OrgUnit(id: "hn-sgd", name: "Sở Giáo dục và Đào tạo Hà Nội",
                role: .administration(kind: .educationDepartment, counterpart: "hn-cdn")),
        OrgUnit(id: "hn-cdn", name: "Công đoàn ngành Giáo dục Hà Nội", role: .union(kind: .sectorUnion)),
        OrgUnit(id: "tx-pgd", name: "Phòng Giáo dục và Đào tạo quận Thanh Xuân",
                role: .administration(kind: .educationOffice, counterpart: "tx-ldld"), parent: "hn-sgd"),
        OrgUnit(id: "tx-ldld", name: "Liên đoàn Lao động quận Thanh Xuân", role: .union(kind: .labourFederation)),
        OrgUnit(id: "tx-thcs-nc", name: "Trường THCS Nhân Chính",
                role: .administration(kind: .school(level: .lowerSecondary, staffCount: 48),
                                      counterpart: "tx-thcs-nc-cd"),
                parent: "tx-pgd"),
        OrgUnit(id: "tx-thcs-nc-cd", name: "Công đoàn Trường THCS Nhân Chính",
                role: .union(kind: .grassrootsUnion), parent: "tx-ldld"),
    ]

    static let cityPlan = Plan(
        id: "hn-2731-2020", title: "Kế hoạch liên tịch phối hợp công tác năm học 2020-2021",
        schoolYear: "2020-2021", status: .issued, number: "2731/KHLT-SGDĐT-CĐN",
        issuedOn: "2020-08-27", issuers: ["hn-sgd", "hn-cdn"],
        contentAreas: areas.map { ContentArea(code: $0.code, title: $0.title) },
        approvals: [.signing(heldOn: "2020-09-10")]
    )

    static let districtPlan = Plan(
        id: "tx-17-2020", title: "Kế hoạch phối hợp công tác năm học 2020-2021",
        schoolYear: "2020-2021", status: .issued, number: "17/KHPH-GD&ĐT-LĐLĐ",
        issuedOn: "2020-09-04", issuers: ["tx-pgd", "tx-ldld"], implements: ["hn-2731-2020"],
        contentAreas: areas.map { ContentArea(code: $0.code, title: $0.title, addresses: [$0.code]) }
    )

    static let schoolPlan = Plan(
        id: "tx-thcs-nc-2020", title: "Kế hoạch phối hợp giữa nhà trường và công đoàn năm học 2020-2021",
        schoolYear: "2020-2021", status: .issued, number: "15/KHPH-THCSNC-CĐ",
        issuedOn: "2020-09-28", issuers: ["tx-thcs-nc", "tx-thcs-nc-cd"], implements: ["tx-17-2020"],
        contentAreas: areas.map { ContentArea(code: $0.code, title: $0.title, addresses: [$0.code]) },
        approvals: [.staffConference(heldOn: "2020-09-25", staffTotal: 48, attendees: 40, votesFor: 37,
                                     votesAgainst: 0)],
        reviews: [Review(kind: .midYear, heldOn: "2021-01-20")]
    )

    static let plans: [Plan] = [cityPlan, districtPlan, schoolPlan]

    /// A fresh registry holding the branch; freed with its last reference.
    static func registry() throws -> Registry {
        let registry = Registry(profile: .threeTier2020)
        for unit in units { try registry.addUnit(unit: unit) }
        for plan in plans { try registry.addPlan(plan: plan) }
        return registry
    }
}

extension Plan {
    /// A changed copy, as Kotlin's `copy(...)`: records are structs, so changing the copy changes nothing else.
    func with(_ change: (inout Plan) -> Void) -> Plan {
        var plan = self
        change(&plan)
        return plan
    }
}

extension OrgUnit {
    /// A changed copy, as Kotlin's `copy(...)`.
    func with(_ change: (inout OrgUnit) -> Void) -> OrgUnit {
        var unit = self
        change(&unit)
        return unit
    }
}

/// Runs `body`, which must throw an `E`, and returns what it threw; records a failure (and returns nil) when it
/// returns normally or throws something else. Kotlin's `assertThrows<E>`.
@discardableResult
func assertThrows<E: Error, T>(
    _ expected: E.Type, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) -> E? {
    do {
        let value = try body()
        XCTFail("expected \(E.self), got the value \(value) \(message())", file: file, line: line)
    } catch let error as E {
        return error
    } catch {
        XCTFail("expected \(E.self), got \(type(of: error)): \(error) \(message())", file: file, line: line)
    }
    return nil
}

/// The two strings are the same bytes of UTF-8. Swift's `==` on `String` compares canonical equivalence, so
/// `"c\u{E0}" == "ca\u{300}"`; a test about stored bytes (saved JSON, NFC) must compare the bytes.
func assertSameBytes(
    _ actual: String, _ expected: String, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    if !actual.utf8.elementsEqual(expected.utf8) {
        XCTFail("the UTF-8 bytes differ (\(actual.utf8.count) and \(expected.utf8.count) bytes) \(message())",
                file: file, line: line)
    }
}

/// How many times `needle` occurs in `text`, by UTF-8 bytes (no overlaps).
func occurrences(of needle: String, in text: String) -> Int {
    let hay = Array(text.utf8)
    let pin = Array(needle.utf8)
    guard !pin.isEmpty, pin.count <= hay.count else { return 0 }
    var count = 0
    var i = 0
    while i + pin.count <= hay.count {
        if hay[i..<(i + pin.count)].elementsEqual(pin) {
            count += 1
            i += pin.count
        } else {
            i += 1
        }
    }
    return count
}

/// The lines of `text`, as Kotlin's `lines()`: split at `\n`, `\r\n` or `\r`, the last one kept even if empty.
func lines(_ text: String) -> [String] {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
}

/// Matches of an ICU regular expression (NSRegularExpression, which every platform of the package has).
func matchCount(_ pattern: String, in text: String, options: NSRegularExpression.Options = []) -> Int {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else {
        XCTFail("bad pattern \(pattern)")
        return -1
    }
    return regex.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
}
