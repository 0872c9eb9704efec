// The Hanoi hierarchy built in Swift: it conforms, reads back as built, answers the core's tree queries, saves and
// loads, carries its dates as calendar days and its text in NFC. HierarchyTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class HierarchyTests: XCTestCase {
    func testTheHanoiHierarchyBuiltInSwiftConformsAndReadsBackAsBuilt() throws {
        let registry = try Hanoi.registry()
        XCTAssertEqual(registry.unitCount(), 6)
        XCTAssertEqual(registry.planCount(), 3)
        XCTAssertEqual(registry.units(), Hanoi.units)
        XCTAssertEqual(registry.plans(), Hanoi.plans)
        XCTAssertEqual(registry.plan(id: "tx-thcs-nc-2020"), Hanoi.schoolPlan)
        XCTAssertNil(registry.plan(id: "no-such-plan"))

        let report = registry.validate()
        XCTAssertTrue(report.conforms, "findings: \(report.findings)")
        XCTAssertEqual(report.counts, Counts(error: 0, warning: 0, info: 0))
        XCTAssertEqual(report.findings, [])
    }

    func testTheImplementationTreeAndTheManagingUnitsAreTheCores() throws {
        let registry = try Hanoi.registry()
        XCTAssertEqual(try registry.ancestors(id: "tx-thcs-nc-2020").map(\.id), ["tx-17-2020", "hn-2731-2020"])
        XCTAssertEqual(try registry.descendants(id: "hn-2731-2020").map(\.id), ["tx-17-2020", "tx-thcs-nc-2020"])
        XCTAssertEqual(registry.parents(id: "tx-thcs-nc-2020").map(\.id), ["tx-17-2020"])
        XCTAssertEqual(registry.children(id: "tx-17-2020").map(\.id), ["tx-thcs-nc-2020"])
        XCTAssertEqual(try registry.schoolsOf(id: "tx-pgd").map(\.id), ["tx-thcs-nc"])
        XCTAssertEqual(try registry.administrationIssuerOf(id: "tx-thcs-nc-2020")?.id, "tx-thcs-nc")
        XCTAssertEqual(try registry.managingUnitOf(id: "tx-thcs-nc-2020")?.id, "tx-pgd")
        XCTAssertEqual(try registry.schoolsWithoutActivePlan(id: "tx-pgd", schoolYear: "2020-2021"), [])
        XCTAssertEqual(try registry.schoolsWithoutActivePlan(id: "tx-pgd", schoolYear: "2021-2022").map(\.id),
                       ["tx-thcs-nc"])

        let rows = registry.compliance().filter { $0.managingUnit == "tx-pgd" }
        XCTAssertEqual(rows.count, 1, "\(rows)")
        let compliance = try XCTUnwrap(rows.first)
        XCTAssertEqual(compliance.schoolYear, "2020-2021")
        XCTAssertEqual(compliance.schools, 1)
        XCTAssertEqual(compliance.conforming, 1)
        XCTAssertEqual(compliance.percentConforming, 100.0)
    }

    func testSavingAndLoadingAgainGivesTheSameRegistry() throws {
        let registry = try Hanoi.registry()
        let json = registry.toJson()
        XCTAssertTrue(json.contains("\"format\": \"\(registryFormat())\""), json)
        let again = try Registry.fromJson(json: json)
        XCTAssertEqual(again.units(), registry.units())
        XCTAssertEqual(again.plans(), registry.plans())
        assertSameBytes(again.toJson(), json)
        let fromBytes = try Registry.fromBytes(bytes: Data(json.utf8))
        XCTAssertEqual(fromBytes.plans(), registry.plans())
        assertSameBytes(fromBytes.toJson(), json)
    }

    /// A date crosses as ISO `YYYY-MM-DD` text (`NaiveDate`), a calendar day, not a `Foundation.Date` instant.
    func testDatesCrossAsCalendarDays() throws {
        let registry = try Hanoi.registry()
        let plan = try XCTUnwrap(registry.plan(id: "tx-thcs-nc-2020"))
        XCTAssertEqual(plan.issuedOn, "2020-09-28")
        XCTAssertEqual(plan.approvals.count, 1)
        guard case let .staffConference(heldOn, staffTotal, _, _, _)? = plan.approvals.first else {
            return XCTFail("\(plan.approvals)")
        }
        XCTAssertEqual(heldOn, "2020-09-25")
        XCTAssertEqual(staffTotal, 48)
        XCTAssertEqual(plan.reviews.map(\.heldOn), ["2021-01-20"])

        let window = try schoolYearWindow(schoolYear: "2020-2021")
        XCTAssertEqual(window.firstDay, "2020-08-01")
        XCTAssertEqual(window.lastDay, "2021-07-31")
        // The text is the registry's: what the file holds, what comes back.
        XCTAssertTrue(registry.toJson().contains("\"issued_on\": \"2020-09-28\""))
    }

    /// Swift's `==` on `String` treats "c\u{E0}" and "ca\u{300}" as equal, so what is stored is checked by its
    /// Unicode scalars.
    func testTextTypedInDecomposedFormIsStoredAndFoundInNFC() throws {
        let registry = Registry(profile: .threeTier2020)
        let name = "Trường THCS Nhân Chi\u{301}nh" // "í" written as i + combining acute (as iOS often hands over)
        try registry.addUnit(unit: OrgUnit(id: "ca\u{300}", name: name, role: .union(kind: .grassrootsUnion)))
        let stored = try XCTUnwrap(registry.unit(id: "c\u{E0}"))
        XCTAssertEqual(Array(stored.id.unicodeScalars), ["c", "\u{E0}"])
        XCTAssertEqual(Array(stored.name.unicodeScalars), Array("Trường THCS Nhân Chính".precomposedStringWithCanonicalMapping.unicodeScalars))
        XCTAssertFalse(stored.name.unicodeScalars.contains("\u{301}"))
        let found = try XCTUnwrap(registry.unit(id: "ca\u{300}"))
        XCTAssertEqual(Array(found.id.unicodeScalars), ["c", "\u{E0}"])
        XCTAssertEqual(found, stored)
        XCTAssertEqual(registry.units().map { Array($0.id.unicodeScalars) }, [["c", "\u{E0}"]])
        XCTAssertFalse(registry.toJson().unicodeScalars.contains("\u{300}"))
    }

    /// Records are value types that are `Equatable` and `Hashable`: they go in sets and dictionaries, and a copy
    /// read back from the registry is the same element.
    func testRecordsAreEquatableAndHashable() throws {
        let registry = try Hanoi.registry()
        var plans = Set(Hanoi.plans)
        XCTAssertEqual(plans.count, 3)
        plans.formUnion(registry.plans())
        XCTAssertEqual(plans.count, 3, "the plans read back are the plans built")
        plans.insert(Hanoi.schoolPlan.with { $0.title = "Another title" })
        XCTAssertEqual(plans.count, 4)

        XCTAssertEqual(Set(registry.units() + Hanoi.units).count, 6)
        let broken = try Registry.fromJson(json: Fixtures.conformance("02-school-plan-rules.json"))
        let findings = broken.validate().findings
        XCTAssertEqual(Set(findings + broken.validate().findings).count, findings.count)
        let bySubject = Dictionary(grouping: findings, by: \.subject)
        XCTAssertEqual(bySubject.values.map(\.count).reduce(0, +), findings.count)
        XCTAssertEqual(Set([registry.validate(), try Hanoi.registry().validate()]).count, 1)
        XCTAssertEqual(Set(ruleCatalogue(profile: .threeTier2020)).count, 27)
    }
}
