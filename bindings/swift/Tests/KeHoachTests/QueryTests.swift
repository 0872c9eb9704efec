// Queries that name nothing: typed `QueryError`s and `InvalidValueError`s, while look-ups that find nothing are
// not errors. QueryTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class QueryTests: XCTestCase {
    func testQueriesThatNameNothingThrowTypedExceptions() throws {
        let registry = try Hanoi.registry()
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.ancestors(id: "no-such-plan") },
                       .UnknownPlan(id: "no-such-plan"))
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.descendants(id: "") }, .UnknownPlan(id: ""))
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.managingUnitOf(id: "no-such-plan") },
                       .UnknownPlan(id: "no-such-plan"))
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.schoolsOf(id: "no-such-unit") },
                       .UnknownUnit(id: "no-such-unit"))
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.schoolsOf(id: "tx-ldld") },
                       .NotAdministration(id: "tx-ldld"))
        XCTAssertEqual(
            assertThrows(QueryError.self) { try registry.schoolsWithoutActivePlan(id: "tx-pgd", schoolYear: "2020-2022") },
            .SchoolYear(value: "2020-2022"))
        XCTAssertEqual(assertThrows(InvalidValueError.self) { try schoolYearWindow(schoolYear: "2020") },
                       .SchoolYear(value: "2020"))
        // Look-ups that find nothing are not errors.
        XCTAssertNil(registry.unit(id: "no-such-unit"))
        XCTAssertEqual(registry.parents(id: "no-such-plan"), [])
    }

    func testRecordsAndEnumsPrintTheirFieldsAndNames() throws {
        let registry = try Fixtures.hanoiRegistry()
        let quorum = registry.validate().findings.filter { $0.severity == .error && $0.subject.id == "tx-th-kg-2020" }
        XCTAssertEqual(quorum.count, 1)
        let text = String(describing: quorum[0])
        XCTAssertTrue(text.hasPrefix("Finding("), text)
        XCTAssertTrue(text.contains("severity: KeHoach.Severity.error"), text)
        XCTAssertTrue(text.contains("Subject(kind: KeHoach.SubjectKind.plan, id: \"tx-th-kg-2020\")"), text)
        XCTAssertEqual(String(describing: Severity.error), "error")
        let plan = try XCTUnwrap(registry.plan(id: "tx-th-kg-2020"))
        let printed = String(describing: plan)
        XCTAssertTrue(printed.hasPrefix("Plan(id: \"tx-th-kg-2020\", title: "), printed)
        XCTAssertTrue(printed.contains("status: KeHoach.PlanStatus.issued"), printed)
        XCTAssertTrue(String(describing: plan.approvals).contains("staffConference(heldOn: \"2020-09-"),
                      String(describing: plan.approvals))
    }
}
