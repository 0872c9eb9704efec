// Change, before and after: what-if and diff. ChangeTest.kt in Swift (and test_change.py).

import Foundation
import KeHoach
import XCTest

final class ChangeTests: XCTestCase {
    func testWhatIfTheDistrictWithdrawsItsPlanShowsWhatBreaksAndChangesNothing() throws {
        let registry = try Hanoi.registry()
        let json = registry.toJson()
        let report = registry.validate()
        let impact = try registry.whatIf(edits: [.withdrawPlan(id: "tx-17-2020")])

        XCTAssertEqual(impact.findings.appeared.count, 1)
        let appeared = try XCTUnwrap(impact.findings.appeared.first)
        XCTAssertEqual(appeared.rule, .parentPlanWithdrawn)
        XCTAssertEqual(appeared.subject, Subject(kind: .plan, id: "tx-thcs-nc-2020"))
        XCTAssertEqual(appeared.severity, .error)
        XCTAssertTrue(impact.findings.resolved.isEmpty && impact.findings.changed.isEmpty)

        XCTAssertEqual(impact.compliance.count, 1)
        let row = try XCTUnwrap(impact.compliance.first)
        XCTAssertEqual(row.managingUnit, "tx-pgd")
        XCTAssertEqual(row.schoolYear, "2020-2021")
        XCTAssertEqual(row.before?.conforming, 1)
        XCTAssertEqual(row.before?.withErrors, 0)
        XCTAssertEqual(row.after?.conforming, 0)
        XCTAssertEqual(row.after?.withErrors, 1)

        assertSameBytes(registry.toJson(), json, "a what-if changed the registry")
        XCTAssertEqual(registry.validate(), report)
    }

    func testARefusedWhatIfEditIsNamedByItsPlaceAndChangesNothing() throws {
        let registry = try Hanoi.registry()
        let json = registry.toJson()
        let twice = assertThrows(WhatIfError.self) {
            try registry.whatIf(edits: [.removePlan(id: "tx-thcs-nc-2020"), .removePlan(id: "tx-thcs-nc-2020")])
        }
        XCTAssertEqual(
            twice,
            .Refused(index: 1, edit: "remove plan \"tx-thcs-nc-2020\"",
                     reason: .UnknownPlan(id: "tx-thcs-nc-2020"))
        )
        XCTAssertEqual(
            twice.map { "\($0)" },
            "edit 1 (remove plan \"tx-thcs-nc-2020\") was refused: there is no plan \"tx-thcs-nc-2020\""
        )

        let badYear = assertThrows(WhatIfError.self) {
            try registry.whatIf(edits: [.replacePlan(plan: Hanoi.schoolPlan.with { $0.schoolYear = "2020-2022" })])
        }
        guard case let .Refused(index, _, .Invalid(_, field, _))? = badYear else {
            return XCTFail("expected a refused Invalid edit, got \(String(describing: badYear))")
        }
        XCTAssertEqual(index, 0)
        XCTAssertEqual(field, "school_year")
        assertSameBytes(registry.toJson(), json, "a refused what-if changed the registry")
    }

    func testWhatIfTakesEveryKindOfEdit() throws {
        let registry = try Hanoi.registry()
        let newSchool = OrgUnit(
            id: "tx-th-kg", name: "Trường Tiểu học Kim Giang",
            role: .administration(kind: .school(level: .primary, staffCount: 30), counterpart: nil), parent: "tx-pgd"
        )
        let impact = try registry.whatIf(edits: [
            .addUnit(unit: newSchool),
            .replaceUnit(unit: newSchool.with { $0.name = "Trường Tiểu học Kim Giang (mới)" }),
            .addPlan(plan: Hanoi.schoolPlan.with { $0.id = "tx-th-kg-2020"; $0.issuers = ["tx-th-kg"] }),
            .removePlan(id: "tx-th-kg-2020"),
            .removeUnit(id: "tx-th-kg"),
            .setOverride(rule: .planIssuers, level: .off),
            .setProfile(profile: .threeTier2020),
        ])
        // Everything added is removed again, and no plan breaks the rule turned off: nothing would change.
        XCTAssertTrue(impact.findings.appeared.isEmpty && impact.compliance.isEmpty, "\(impact)")
        let json = try registry.whatIfToJson(edits: [.setOverride(rule: .staffConferenceQuorum, level: .off)])
        XCTAssertTrue(json.contains("\"format\": \"kehoach/what-if@1\"") && json.contains("\"changes\": false"), json)
        let vi = try registry.whatIfText(edits: [.withdrawPlan(id: "tx-17-2020")], language: .vi)
        XCTAssertTrue(vi.contains("rút kế hoạch \"tx-17-2020\"") && vi.contains("parent-plan-withdrawn"), vi)
    }

    func testDiffNamesWhatChangedFieldByFieldAndWhatItFixedOrBroke() throws {
        let old = try Hanoi.registry()
        let new = old.copy()
        let empty = Diff(profile: nil, overrides: [], units: [], plans: [],
                         findings: FindingsDelta(appeared: [], resolved: [], changed: []), compliance: [], edits: [])
        XCTAssertEqual(old.diff(other: new), empty)
        XCTAssertTrue(old.diff(other: old).plans.isEmpty)

        _ = try new.replacePlan(plan: Hanoi.schoolPlan.with {
            $0.number = "16/KHPH-THCSNC-CĐ"
            $0.approvals = [.staffConference(heldOn: "2020-09-25", staffTotal: 48, attendees: 20, votesFor: 19)]
        })
        new.setOverride(rule: .schoolWithoutPlan, level: .off)
        let diff = old.diff(other: new)
        XCTAssertEqual(diff.plans.count, 1)
        let plan = try XCTUnwrap(diff.plans.first)
        XCTAssertEqual(plan.id, "tx-thcs-nc-2020")
        XCTAssertEqual(plan.kind, .changed)
        XCTAssertEqual(plan.fields.map(\.field), ["number", "approvals"])
        XCTAssertEqual(plan.fields.first?.old, "\"15/KHPH-THCSNC-CĐ\"")
        XCTAssertEqual(plan.fields.first?.new, "\"16/KHPH-THCSNC-CĐ\"")
        XCTAssertEqual(plan.old, Hanoi.schoolPlan)
        XCTAssertEqual(diff.overrides, [OverrideChange(rule: .schoolWithoutPlan, old: nil, new: .off)])
        XCTAssertEqual(diff.findings.appeared.map(\.rule), [.staffConferenceQuorum])
        XCTAssertEqual(diff.compliance.map { $0.after?.withErrors }, [1])

        _ = try new.removePlan(id: "tx-thcs-nc-2020")
        let removed = old.diff(other: new).plans
        XCTAssertEqual(removed.map(\.kind), [.removed])
        XCTAssertNil(removed.first?.new)
        XCTAssertTrue(old.diffToJson(other: new).contains("\"change\": \"removed\""))
        XCTAssertTrue(old.diffText(other: new, language: .en).contains("- plan \"tx-thcs-nc-2020\" removed"))
    }

    func testApplyingADiffsEditsMakesTheOldRegistrySaveAsTheNewOneAndIsAllOrNothing() throws {
        let old = try Hanoi.registry()
        let new = old.copy()
        _ = try new.removePlan(id: "tx-thcs-nc-2020")
        _ = try new.replaceUnit(unit: Hanoi.units[4].with { $0.name = "Trường THCS Nhân Chính (mới)" })
        new.setOverride(rule: .schoolWithoutPlan, level: .off)
        let diff = old.diff(other: new)
        XCTAssertEqual(diff.edits.count, 3, "\(diff.edits)")
        let target = old.copy()
        try target.applyEdits(edits: diff.edits)
        assertSameBytes(target.toJson(), new.toJson(), "the diff's edits did not rebuild the new registry")
        XCTAssertEqual(target.validate(), new.validate())

        let json = old.toJson()
        let refused = assertThrows(WhatIfError.self) {
            try old.applyEdits(edits: diff.edits + [.removePlan(id: "no-such-plan")])
        }
        guard case let .Refused(index, _, reason)? = refused else {
            return XCTFail("expected a refused edit, got \(String(describing: refused))")
        }
        XCTAssertEqual(index, 3)
        XCTAssertEqual(reason, .UnknownPlan(id: "no-such-plan"))
        assertSameBytes(old.toJson(), json, "a refused apply changed the registry")
    }
}
