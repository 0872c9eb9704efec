// XCTest suite of the Swift bindings, mirroring the Kotlin tests in bindings/kotlin/src/test/kotlin.
// Run with `swift test` (bindings/test.sh does it where `swift` is on PATH).

import Foundation
import KeHoach
import XCTest

/// The repository, found from this file: bindings/swift/Tests/KeHoachTests/KeHoachTests.swift.
private let repo: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent() // KeHoachTests
    .deletingLastPathComponent() // Tests
    .deletingLastPathComponent() // swift
    .deletingLastPathComponent() // bindings
    .deletingLastPathComponent() // the repository

private func conformance(_ name: String) throws -> String {
    try String(contentsOf: repo.appendingPathComponent("tests/conformance/\(name)"), encoding: .utf8)
}

/// The Thanh Xuân branch of the Hanoi hierarchy of 2020-2021, built in Swift.
private enum Hanoi {
    static let areas: [(String, String)] = [
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
        contentAreas: areas.map { ContentArea(code: $0.0, title: $0.1) },
        approvals: [.signing(heldOn: "2020-09-10")]
    )

    static let districtPlan = Plan(
        id: "tx-17-2020", title: "Kế hoạch phối hợp công tác năm học 2020-2021",
        schoolYear: "2020-2021", status: .issued, number: "17/KHPH-GD&ĐT-LĐLĐ",
        issuedOn: "2020-09-04", issuers: ["tx-pgd", "tx-ldld"], implements: ["hn-2731-2020"],
        contentAreas: areas.map { ContentArea(code: $0.0, title: $0.1, addresses: [$0.0]) }
    )

    static let schoolPlan = Plan(
        id: "tx-thcs-nc-2020", title: "Kế hoạch phối hợp giữa nhà trường và công đoàn năm học 2020-2021",
        schoolYear: "2020-2021", status: .issued, number: "15/KHPH-THCSNC-CĐ",
        issuedOn: "2020-09-28", issuers: ["tx-thcs-nc", "tx-thcs-nc-cd"], implements: ["tx-17-2020"],
        contentAreas: areas.map { ContentArea(code: $0.0, title: $0.1, addresses: [$0.0]) },
        approvals: [.staffConference(heldOn: "2020-09-25", staffTotal: 48, attendees: 40, votesFor: 37,
                                     votesAgainst: 0)],
        reviews: [Review(kind: .midYear, heldOn: "2021-01-20")]
    )

    static let plans: [Plan] = [cityPlan, districtPlan, schoolPlan]

    static func registry() throws -> Registry {
        let registry = Registry(profile: .threeTier2020)
        for unit in units { try registry.addUnit(unit: unit) }
        for plan in plans { try registry.addPlan(plan: plan) }
        return registry
    }

    /// The school plan with other approvals (records are structs: changing a copy changes nothing else).
    static func schoolPlan(approvals: [Approval]) -> Plan {
        var plan = schoolPlan
        plan.approvals = approvals
        return plan
    }
}

final class KeHoachTests: XCTestCase {
    func testHanoiHierarchyBuiltInSwiftConformsAndReadsBack() throws {
        let registry = try Hanoi.registry()
        XCTAssertEqual(registry.unitCount(), 6)
        XCTAssertEqual(registry.planCount(), 3)
        XCTAssertEqual(registry.units(), Hanoi.units)
        XCTAssertEqual(registry.plans(), Hanoi.plans)
        XCTAssertNil(registry.plan(id: "no-such-plan"))
        let report = registry.validate()
        XCTAssertTrue(report.conforms, "\(report.findings)")
        XCTAssertEqual(report.counts, Counts(error: 0, warning: 0, info: 0))
    }

    func testImplementationTreeAndManagingUnits() throws {
        let registry = try Hanoi.registry()
        XCTAssertEqual(try registry.ancestors(id: "tx-thcs-nc-2020").map(\.id), ["tx-17-2020", "hn-2731-2020"])
        XCTAssertEqual(try registry.descendants(id: "hn-2731-2020").map(\.id), ["tx-17-2020", "tx-thcs-nc-2020"])
        XCTAssertEqual(try registry.schoolsOf(id: "tx-pgd").map(\.id), ["tx-thcs-nc"])
        XCTAssertEqual(try registry.managingUnitOf(id: "tx-thcs-nc-2020")?.id, "tx-pgd")
        XCTAssertEqual(try registry.schoolsWithoutActivePlan(id: "tx-pgd", schoolYear: "2021-2022").map(\.id),
                       ["tx-thcs-nc"])
        let compliance = registry.compliance().first { $0.managingUnit == "tx-pgd" }
        XCTAssertEqual(compliance?.conforming, 1)
        XCTAssertEqual(compliance?.percentConforming, 100.0)
    }

    func testSavingAndLoadingAgainGivesTheSameRegistry() throws {
        let registry = try Hanoi.registry()
        let json = registry.toJson()
        let again = try Registry.fromJson(json: json)
        XCTAssertEqual(again.plans(), registry.plans())
        XCTAssertEqual(again.toJson(), json)
        let fromBytes = try Registry.fromBytes(bytes: Data(json.utf8))
        XCTAssertEqual(fromBytes.units(), registry.units())
    }

    func testExampleFindingsHaveCodeSeveritySubjectAndBothMessages() throws {
        let registry = try Registry.fromJson(json: conformance("02-school-plan-rules.json"))
        let report = registry.validate()
        XCTAssertFalse(report.conforms)
        let expected: [(String, Severity, String, String?)] = [
            ("parent-plan-missing", .error, "cg-th-yh-2020", "implements"),
            ("staff-conference-missing", .error, "cg-th-yh-2020", "approvals"),
            ("parent-plan-wrong-issuer", .error, "cg-thcs-ds-2020", "implements"),
            ("staff-conference-quorum", .error, "cg-thcs-ds-2020", "approvals"),
        ]
        XCTAssertEqual(report.findings.count, expected.count)
        for (finding, want) in zip(report.findings, expected) {
            XCTAssertEqual(finding.rule, want.0)
            XCTAssertEqual(finding.severity, want.1)
            XCTAssertEqual(finding.subject, Subject(kind: .plan, id: want.2))
            XCTAssertEqual(finding.field, want.3)
            XCTAssertTrue(finding.message.en.contains(finding.subject.id), finding.message.en)
            XCTAssertTrue(finding.message.vi.contains(finding.subject.id), finding.message.vi)
            XCTAssertNotEqual(finding.message.en, finding.message.vi)
        }
        XCTAssertTrue(report.findings[0].message.vi.hasPrefix("Kế hoạch \"cg-th-yh-2020\""))
    }

    func testLoadErrorsAreTypedAndNameTheJsonPath() throws {
        XCTAssertThrowsError(try Registry.fromJson(json: conformance("11-load-impossible-date.json"))) { error in
            guard case let LoadError.Invalid(path, detail, _, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(path, "plans[1].issued_on")
            XCTAssertTrue(detail.contains("2020-09-31"), detail)
        }
        XCTAssertThrowsError(try Registry.fromJson(json: conformance("13-load-newer-format.json"))) { error in
            guard case let LoadError.Format(found, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(found, "kehoach/registry@3")
        }
        XCTAssertThrowsError(try Registry.fromJson(json: "{\n  \"format\": \"kehoach/registry@1\",\n  \"units\": [,]\n}")) {
            error in
            guard case let LoadError.Syntax(line, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3)
        }
    }

    func testAnEditThatFailsLeavesTheRegistryUnchanged() throws {
        let registry = try Hanoi.registry()
        let json = registry.toJson()
        XCTAssertThrowsError(try registry.addPlan(plan: Hanoi.schoolPlan)) { error in
            XCTAssertEqual(error as? EditError, EditError.DuplicatePlan(id: "tx-thcs-nc-2020"))
        }
        let tooMany = Hanoi.schoolPlan(approvals: [
            .staffConference(heldOn: "2020-09-25", staffTotal: 2_000_000, attendees: 40, votesFor: 37),
        ])
        XCTAssertThrowsError(try registry.replacePlan(plan: tooMany)) { error in
            guard case let EditError.Invalid(_, field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "approvals[0].staff_total")
        }
        // A date is ISO text in Swift: one that does not exist is a thrown error, never a crash.
        let badDate = Hanoi.schoolPlan(approvals: [.signing(heldOn: "2020-09-31")])
        XCTAssertThrowsError(try registry.replacePlan(plan: badDate)) { error in
            guard case let EditError.Invalid(_, field, detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "date")
            XCTAssertTrue(detail.contains("2020-09-31"), detail)
        }
        XCTAssertEqual(registry.toJson(), json)
        XCTAssertTrue(registry.validate().conforms)
    }

    func testSeveralThreadsValidateAndEditOneRegistry() async throws {
        let registry = try Hanoi.registry()
        let tasks = 16
        let rounds = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    for i in 0..<rounds {
                        let school = "school-\(t)-\(i)"
                        try registry.addUnit(unit: OrgUnit(
                            id: school, name: "Trường \(t)-\(i)",
                            role: .administration(kind: .school(level: .primary, staffCount: 30), counterpart: nil),
                            parent: "tx-pgd"))
                        var plan = Hanoi.schoolPlan
                        plan.id = "plan-\(t)-\(i)"
                        plan.number = "\(10 + i)/KHPH-T\(t)-CĐ"
                        plan.issuers = [school]
                        plan.approvals = [.staffConference(heldOn: "2020-09-25", staffTotal: 30, attendees: 25,
                                                           votesFor: 20)]
                        try registry.addPlan(plan: plan)
                        let report = registry.validate()
                        let errorCount = report.findings.filter { $0.severity == .error }.count
                        XCTAssertEqual(UInt32(errorCount), report.counts.error)
                        if i % 2 == 1 { _ = try registry.removePlan(id: "plan-\(t)-\(i)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(registry.unitCount(), UInt32(6 + tasks * rounds))
        XCTAssertEqual(registry.planCount(), UInt32(3 + tasks * ((rounds + 1) / 2)))
    }

    func testARegistryIsFreedWithItsLastReference() throws {
        weak var weakRegistry: Registry?
        var copyCount: UInt32 = 0
        do {
            let registry = try Hanoi.registry()
            weakRegistry = registry
            let copy = registry.copy()
            _ = try copy.removePlan(id: "tx-thcs-nc-2020")
            copyCount = copy.planCount()
            XCTAssertEqual(registry.planCount(), 3)
        }
        XCTAssertNil(weakRegistry)
        XCTAssertEqual(copyCount, 2)
    }

    func testRuleCatalogueAndOverrides() throws {
        let rules = ruleCatalogue(profile: .threeTier2020)
        XCTAssertEqual(rules.count, 27)
        XCTAssertEqual(rules.map(\.code), rules.map(\.code).sorted())
        XCTAssertThrowsError(try ruleInfo(code: "no-such-rule", profile: .twoTier2025)) { error in
            XCTAssertEqual(error as? InvalidValueError, InvalidValueError.UnknownRule(code: "no-such-rule"))
        }
        let registry = try Hanoi.registry()
        try registry.setOverride(rule: "staff-conference-quorum", level: .off)
        XCTAssertNil(try registry.severity(rule: "staff-conference-quorum"))
        XCTAssertEqual(registry.overrides(), [RuleOverride(rule: "staff-conference-quorum", level: .off)])
    }

    func testExportsNameEveryPlanAndRefuseAnUnknownScope() throws {
        let path = repo.appendingPathComponent("examples/data/hanoi-2020-2021.json").path
        let registry = try Registry.fromJson(json: String(contentsOfFile: path, encoding: .utf8))
        let dot = try registry.dot(scope: .all)
        let mermaid = try registry.mermaid(scope: .schoolYear(schoolYear: "2020-2021"))
        XCTAssertTrue(dot.hasPrefix("digraph kehoach {"), dot)
        for id in registry.plans().map(\.id) {
            XCTAssertTrue(dot.contains(id), id)
            XCTAssertTrue(mermaid.contains(id), id)
        }
        XCTAssertThrowsError(try registry.dot(scope: .under(plan: "no-such-plan"))) { error in
            XCTAssertEqual(error as? QueryError, QueryError.UnknownPlan(id: "no-such-plan"))
        }
        let csv = registry.complianceTable(format: .csv, language: .en)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.first, "managing_unit,managing_unit_name,school_year,schools,conforming,with_errors,"
            + "without_plan,percent_conforming")
        XCTAssertEqual(rows.count - 1, registry.compliance().count)
        XCTAssertTrue(registry.textReport(language: .vi).contains("Kế hoạch tx-th-kg-2020 — 09/KHPH-THKG-CĐ"))
        XCTAssertTrue(registry.textReport(language: .en).contains("[error] staff-conference-quorum"))
    }

    func testQueriesThatNameNothingThrow() throws {
        let registry = try Hanoi.registry()
        XCTAssertThrowsError(try registry.ancestors(id: "no-such-plan")) { error in
            XCTAssertEqual(error as? QueryError, QueryError.UnknownPlan(id: "no-such-plan"))
        }
        XCTAssertThrowsError(try registry.schoolsOf(id: "tx-ldld")) { error in
            XCTAssertEqual(error as? QueryError, QueryError.NotAdministration(id: "tx-ldld"))
        }
        let window = try schoolYearWindow(schoolYear: "2020-2021")
        XCTAssertEqual(window.firstDay, "2020-08-01")
        XCTAssertEqual(window.lastDay, "2021-07-31")
    }

    /// The Swift snippet of the README's tour, as written there (only the file path differs). Keep the two in step.
    func testReadmeTourRunsAsWritten() throws {
        let path = repo.appendingPathComponent("examples/data/hanoi-2020-2021.json").path
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // ---- README: Swift tour ----
        let registry = try Registry.fromJson(json: String(contentsOfFile: path, encoding: .utf8))
        for f in registry.validate().findings {
            print(f.severity, f.rule, f.subject.id, f.message.vi)
        }
        // staff-conference-quorum on tx-th-kg-2020: 39 of 60 staff attended. The conference is held again.
        var plan = registry.plan(id: "tx-th-kg-2020")!
        plan.approvals.append(.staffConference(heldOn: "2020-09-23", staffTotal: 60, attendees: 52, votesFor: 50))
        _ = try registry.replacePlan(plan: plan)
        do {
            try registry.addPlan(plan: plan) // the id is taken: refused, and nothing changes
        } catch let EditError.DuplicatePlan(id) {
            print("refused:", id)
        }
        // ---- end of the README snippet ----

        XCTAssertTrue(printed.contains { $0.hasPrefix("error staff-conference-quorum tx-th-kg-2020 ") }, "\(printed)")
        XCTAssertEqual(printed.last, "refused: tx-th-kg-2020")
        XCTAssertFalse(registry.validate().findings.contains { $0.severity == .error })
    }
}
