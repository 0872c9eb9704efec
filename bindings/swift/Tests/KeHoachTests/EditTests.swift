// Edits of a registry: refused ones change nothing, accepted ones return the old record and the rules follow
// them. EditTest.kt in Swift, plus what only Swift shows: errors print the library's sentence, and re-validating
// after an edit judges as a freshly loaded registry does.

import Foundation
import KeHoach
import XCTest

final class EditTests: XCTestCase {
    /// Runs `edit`, which must throw an `EditError`, and checks that the registry is exactly as before: the same
    /// bytes of JSON (not just canonically equivalent text) and the same report.
    private func refusedAndUnchanged(
        _ registry: Registry, file: StaticString = #filePath, line: UInt = #line, _ edit: () throws -> Void
    ) -> EditError? {
        let json = registry.toJson()
        let report = registry.validate()
        let error = assertThrows(EditError.self, file: file, line: line, edit)
        assertSameBytes(registry.toJson(), json, "the refused edit changed the registry", file: file, line: line)
        XCTAssertEqual(registry.validate(), report, file: file, line: line)
        return error
    }

    /// The fields of an `EditError.Invalid`, or a failure.
    private func invalid(
        _ error: EditError?, file: StaticString = #filePath, line: UInt = #line
    ) -> (subject: String, field: String, detail: String)? {
        guard case let .Invalid(subject, field, detail)? = error else {
            XCTFail("expected EditError.Invalid, got \(String(describing: error))", file: file, line: line)
            return nil
        }
        return (subject, field, detail)
    }

    func testAnEditThatFailsLeavesTheRegistryUnchanged() throws {
        let registry = try Hanoi.registry()
        let dup = refusedAndUnchanged(registry) { try registry.addPlan(plan: Hanoi.schoolPlan) }
        XCTAssertEqual(dup, .DuplicatePlan(id: "tx-thcs-nc-2020"))

        let dupUnit = refusedAndUnchanged(registry) { try registry.addUnit(unit: Hanoi.units[0]) }
        XCTAssertEqual(dupUnit, .DuplicateUnit(id: Hanoi.units[0].id))

        let tooMany = invalid(refusedAndUnchanged(registry) {
            _ = try registry.replacePlan(plan: Hanoi.schoolPlan.with {
                $0.approvals = [
                    .staffConference(heldOn: "2020-09-25", staffTotal: 48, attendees: 40, votesFor: 37),
                    .staffConference(heldOn: "2020-09-26", staffTotal: 2_000_000, attendees: 40, votesFor: 37),
                ]
            })
        })
        XCTAssertEqual(tooMany?.subject, "plan \"tx-thcs-nc-2020\"")
        XCTAssertEqual(tooMany?.field, "approvals[1].staff_total")
        XCTAssertTrue(tooMany?.detail.contains("2000000") == true, "\(String(describing: tooMany))")

        let badYear = invalid(refusedAndUnchanged(registry) {
            try registry.addPlan(plan: Hanoi.schoolPlan.with { $0.id = "new"; $0.schoolYear = "2020-2022" })
        })
        XCTAssertEqual(badYear?.field, "school_year")

        let twice = invalid(refusedAndUnchanged(registry) {
            try registry.addPlan(plan: Hanoi.schoolPlan.with {
                $0.id = "new"
                $0.contentAreas = [ContentArea(code: "1", title: "A"), ContentArea(code: "1", title: "B")]
            })
        })
        XCTAssertEqual(twice?.field, "content_areas[1].code")

        let empty = invalid(refusedAndUnchanged(registry) {
            _ = try registry.replaceUnit(unit: Hanoi.units[4].with { $0.name = "" })
        })
        XCTAssertEqual(empty?.field, "name")

        let farFuture = invalid(refusedAndUnchanged(registry) {
            try registry.addPlan(plan: Hanoi.schoolPlan.with { $0.id = "new"; $0.issuedOn = "10000-01-01" })
        })
        XCTAssertEqual(farFuture?.field, "date")

        // A date is ISO text in Swift: a day that does not exist is a thrown error, never a crash.
        let noSuchDay = invalid(refusedAndUnchanged(registry) {
            _ = try registry.replacePlan(plan: Hanoi.schoolPlan.with { $0.approvals = [.signing(heldOn: "2020-09-31")] })
        })
        XCTAssertEqual(noSuchDay?.field, "date")
        XCTAssertTrue(noSuchDay?.detail.contains("2020-09-31") == true, "\(String(describing: noSuchDay))")

        let unknownPlan = refusedAndUnchanged(registry) { _ = try registry.removePlan(id: "no-such-plan") }
        XCTAssertEqual(unknownPlan, .UnknownPlan(id: "no-such-plan"))
        let unknownUnit = refusedAndUnchanged(registry) {
            _ = try registry.replaceUnit(unit: Hanoi.units[0].with { $0.id = "no-such-unit" })
        }
        XCTAssertEqual(unknownUnit, .UnknownUnit(id: "no-such-unit"))
    }

    func testReplacingAndRemovingReturnTheOldRecordAndTheRulesFollow() throws {
        let registry = try Hanoi.registry()
        let quorumless = Hanoi.schoolPlan.with {
            $0.approvals = [.staffConference(heldOn: "2020-09-25", staffTotal: 48, attendees: 20, votesFor: 19)]
        }
        XCTAssertEqual(try registry.replacePlan(plan: quorumless), Hanoi.schoolPlan)
        let findings = registry.validate().findings
        XCTAssertEqual(findings.count, 1, "\(findings)")
        XCTAssertEqual(findings.first?.rule, .staffConferenceQuorum)
        XCTAssertEqual(findings.first?.subject, Subject(kind: .plan, id: "tx-thcs-nc-2020"))

        XCTAssertEqual(try registry.removePlan(id: "tx-thcs-nc-2020"), quorumless)
        XCTAssertEqual(registry.planCount(), 2)

        let removed = try registry.removeUnit(id: "tx-ldld")
        XCTAssertEqual(removed.role, .union(kind: .labourFederation))
        let dangling = registry.validate()
        XCTAssertFalse(dangling.conforms)
        XCTAssertTrue(dangling.findings.contains { $0.rule == .unitUnknownReference && $0.subject.id == "tx-pgd" },
                      "\(dangling.findings)")

        try registry.addUnit(unit: removed)
        try registry.addPlan(plan: Hanoi.schoolPlan)
        XCTAssertTrue(registry.validate().conforms)
    }

    func testCopiesAreIndependent() throws {
        let registry = try Hanoi.registry()
        let copy = registry.copy()
        _ = try copy.removePlan(id: "tx-thcs-nc-2020")
        XCTAssertEqual(copy.planCount(), 2)
        XCTAssertEqual(registry.planCount(), 3)
        XCTAssertNil(copy.plan(id: "tx-thcs-nc-2020"))
        XCTAssertEqual(registry.plan(id: "tx-thcs-nc-2020"), Hanoi.schoolPlan)
    }

    /// `"\(error)"`, `print(error)` and `localizedDescription` say the library's sentence (Descriptions.swift
    /// declares the `CustomStringConvertible` the generated code implements), not a dump of the case's fields.
    func testAnErrorSaysTheLibrarysSentence() throws {
        let duplicate = EditError.DuplicatePlan(id: "x")
        let sentence = "\(duplicate)"
        XCTAssertTrue(sentence.contains("already exists"), sentence)
        XCTAssertTrue(sentence.contains("\"x\""), sentence)
        XCTAssertFalse(sentence.contains("id:"), sentence)
        XCTAssertFalse(sentence.contains("DuplicatePlan"), sentence)
        XCTAssertEqual(duplicate.localizedDescription, sentence)

        // The errors the registry throws say theirs, naming what they are about.
        let registry = try Hanoi.registry()
        let thrown = try XCTUnwrap(assertThrows(EditError.self) { try registry.addPlan(plan: Hanoi.schoolPlan) })
        XCTAssertTrue("\(thrown)".contains("tx-thcs-nc-2020") && "\(thrown)".contains("already exists"), "\(thrown)")
        let query = try XCTUnwrap(assertThrows(QueryError.self) { try registry.ancestors(id: "no-such-plan") })
        XCTAssertTrue("\(query)".contains("no-such-plan"), "\(query)")
        XCTAssertFalse("\(query)".contains("id:"), "\(query)")
        let rule = try XCTUnwrap(assertThrows(InvalidValueError.self) {
            try ruleFromCode(code: "no-such-rule")
        })
        XCTAssertTrue("\(rule)".contains("no-such-rule"), "\(rule)")
        XCTAssertFalse("\(rule)".contains("code:"), "\(rule)")
        let load = try XCTUnwrap(assertThrows(LoadError.self) {
            try Registry.fromJson(json: Fixtures.conformance("11-load-impossible-date.json"))
        })
        XCTAssertTrue("\(load)".contains("plans[1].issued_on"), "\(load)")
        XCTAssertFalse("\(load)".contains("path:"), "\(load)")
        // Each kind of error words itself differently.
        XCTAssertEqual(Set(["\(thrown)", "\(query)", "\(rule)", "\(load)"]).count, 4)
    }

    /// Validating, editing and validating again (the registry re-checks only what the edit touched) judges exactly
    /// as a registry loaded fresh from the edited one's JSON; so do the exports.
    func testValidatingAgainAfterEachEditJudgesAsAFreshRegistry() throws {
        let registry = try Fixtures.hanoiRegistry()
        var previous = registry.validate()
        _ = try registry.dot(scope: .all)
        let edits: [(String, () throws -> Void)] = [
            ("judge by the 2025 profile", { registry.setProfile(profile: .twoTier2025) }),
            ("hold the Kim Giang conference again", {
                let plan = try XCTUnwrap(registry.plan(id: "tx-th-kg-2020"))
                _ = try registry.replacePlan(plan: plan.with {
                    $0.approvals.append(.staffConference(heldOn: "2020-09-29", staffTotal: 60, attendees: 52,
                                                         votesFor: 50))
                })
            }),
            ("misnumber the Nguyễn Trãi plan", {
                let plan = try XCTUnwrap(registry.plan(id: "tx-th-nt-2020"))
                _ = try registry.replacePlan(plan: plan.with { $0.number = "12/khph-THNT-CĐ" })
            }),
            ("remove the Khương Đình union", { _ = try registry.removeUnit(id: "tx-thcs-kd-cd") }),
            ("remove the district plan", { _ = try registry.removePlan(id: "tx-17-2020") }),
            ("turn off parent-plan-unknown", { registry.setOverride(rule: .parentPlanUnknown, level: .off) }),
            ("add a plan of the next year", {
                let city = try XCTUnwrap(registry.plan(id: "hn-2731-2020"))
                try registry.addPlan(plan: city.with {
                    $0.id = "hn-2021"
                    $0.schoolYear = "2021-2022"
                    $0.number = "30/KHLT-SGDĐT-CĐN"
                })
            }),
        ]
        for (what, edit) in edits {
            try edit()
            let report = registry.validate()
            XCTAssertNotEqual(report, previous, "\(what): the edit changed nothing the rules see")
            let fresh = try Registry.fromJson(json: registry.toJson())
            XCTAssertEqual(report, fresh.validate(), "\(what): re-validation and a fresh registry disagree")
            XCTAssertEqual(try registry.dot(scope: .all), try fresh.dot(scope: .all), what)
            XCTAssertEqual(registry.compliance(), fresh.compliance(), what)
            XCTAssertEqual(registry.textReport(language: .en), fresh.textReport(language: .en), what)
            previous = report
        }
    }

    func testRecordsCopyWithAChangedFieldAndCompareAndHashByValue() throws {
        let plan = Hanoi.schoolPlan
        let same = plan
        XCTAssertEqual(same, plan)
        XCTAssertEqual(same.hashValue, plan.hashValue)
        var changed = plan
        changed.title = "Kế hoạch phối hợp (sửa đổi)"
        XCTAssertNotEqual(changed, plan)
        XCTAssertEqual(plan.title, Hanoi.schoolPlan.title) // changing the copy changed nothing else
        XCTAssertEqual(changed.approvals, plan.approvals)
        XCTAssertEqual(Set([plan, same, changed]).count, 2)

        // Enum variants with fields are values too.
        guard case let .staffConference(heldOn, staffTotal, _, votesFor, votesAgainst) = plan.approvals[0] else {
            return XCTFail("the school plan was adopted at a staff conference")
        }
        let fewer = Approval.staffConference(heldOn: heldOn, staffTotal: staffTotal, attendees: votesFor,
                                             votesFor: votesFor, votesAgainst: votesAgainst)
        XCTAssertNotEqual(fewer, plan.approvals[0])
        XCTAssertNotEqual(fewer, .signing(heldOn: heldOn))

        let registry = try Hanoi.registry()
        _ = try registry.replacePlan(plan: plan.with { $0.approvals = [fewer] })
        XCTAssertEqual(registry.plan(id: plan.id)?.approvals, [fewer])
        XCTAssertNotEqual(registry.plan(id: plan.id), plan)
    }
}
