// One set of limits for loading and editing: nothing saved that cannot be loaded back. LimitsTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class LimitsTests: XCTestCase {
    func testWhatAnEditAcceptsLoadsBackAndWhatLoadRefusesAnEditRefuses() throws {
        let registry = try Hanoi.registry()
        let before = registry.toJson()
        // 3,300 Vietnamese letters, 4,179 bytes of UTF-8: over the 4,096 bytes a load accepts.
        let long = String(repeating: "à", count: 879) + String(repeating: "a", count: 2421)
        XCTAssertEqual(long.count, 3300)
        XCTAssertEqual(long.utf8.count, 4179)
        let error = assertThrows(EditError.self) {
            _ = try registry.replacePlan(plan: Hanoi.schoolPlan.with { $0.title = long })
        }
        guard case let .Invalid(subject, field, detail)? = error else {
            return XCTFail("expected EditError.Invalid, got \(String(describing: error))")
        }
        XCTAssertEqual(subject, "plan \"tx-thcs-nc-2020\"")
        XCTAssertEqual(field, "title")
        XCTAssertTrue(detail.contains("4179 bytes") && detail.contains("Limits::max_string_bytes"), detail)
        assertSameBytes(registry.toJson(), before)
        let tooManyIssuers = assertThrows(EditError.self) {
            try registry.addPlan(plan: Hanoi.schoolPlan.with { $0.id = "new"; $0.issuers = (0...10_000).map { "u\($0)" } })
        }
        guard case let .Invalid(_, issuersField, _)? = tooManyIssuers else {
            return XCTFail("expected EditError.Invalid, got \(String(describing: tooManyIssuers))")
        }
        XCTAssertEqual(issuersField, "issuers")
        assertSameBytes(registry.toJson(), before)

        // At the limit it is kept, saved, and loads back the same.
        let atLimit = String(repeating: "ệ", count: 1365) + "a"
        _ = try registry.replacePlan(plan: Hanoi.schoolPlan.with { $0.title = atLimit })
        let saved = registry.toJson()
        let back = try Registry(data: Data(saved.utf8))
        assertSameBytes(back.plan(id: "tx-thcs-nc-2020")?.title ?? "", atLimit)
        assertSameBytes(back.toJson(), saved)
    }

    func testANegativeCountIsRefusedByName() throws {
        let registry = try Hanoi.registry()
        let before = registry.toJson()
        let error = assertThrows(EditError.self) {
            _ = try registry.replacePlan(plan: Hanoi.schoolPlan.with {
                $0.approvals = [.staffConference(heldOn: "2020-09-25", staffTotal: 48, attendees: -1, votesFor: 37)]
            })
        }
        guard case let .Invalid(_, field, detail)? = error else {
            return XCTFail("expected EditError.Invalid, got \(String(describing: error))")
        }
        XCTAssertEqual(field, "approvals[0].attendees")
        XCTAssertTrue(detail.contains("-1 is negative"), detail)
        let staff = assertThrows(EditError.self) {
            _ = try registry.replaceUnit(unit: Hanoi.units[4].with {
                $0.role = .administration(kind: .school(level: .lowerSecondary, staffCount: -48), counterpart: nil)
            })
        }
        guard case let .Invalid(_, staffField, _)? = staff else {
            return XCTFail("expected EditError.Invalid, got \(String(describing: staff))")
        }
        XCTAssertEqual(staffField, "staff_count")
        assertSameBytes(registry.toJson(), before)
    }

    func testLimitsChosenAtLoadAreTheRegistrys() throws {
        XCTAssertEqual(Limits().maxStringBytes, 4096)
        let json = try Hanoi.registry().toJson()
        let registry = try Registry.fromJsonWithLimits(json: json, limits: Limits(maxPlans: 3))
        XCTAssertEqual(registry.limits().maxPlans, 3)
        XCTAssertEqual(registry.limits().maxListItems, 10_000)
        let full = assertThrows(EditError.self) { try registry.addPlan(plan: Hanoi.schoolPlan.with { $0.id = "new" }) }
        XCTAssertEqual(full, .TooManyPlans(limit: 3))
        _ = try registry.removePlan(id: "tx-thcs-nc-2020")
        try registry.addPlan(plan: Hanoi.schoolPlan.with { $0.id = "new" })

        let tooMany = assertThrows(LoadError.self) {
            try Registry.fromBytesWithLimits(bytes: Data(json.utf8), limits: Limits(maxPlans: 2))
        }
        guard case let .Invalid(path, _, _, _)? = tooMany else {
            return XCTFail("expected LoadError.Invalid, got \(String(describing: tooMany))")
        }
        XCTAssertEqual(path, "plans")
        let lent = assertThrows(LoadError.self) {
            try Registry.fromBuffer(buffer: Data(json.utf8), limits: Limits(maxPlans: 2))
        }
        guard case let .Invalid(lentPath, _, _, _)? = lent else {
            return XCTFail("expected LoadError.Invalid, got \(String(describing: lent))")
        }
        XCTAssertEqual(lentPath, "plans")
        XCTAssertEqual(try Registry.fromBuffer(buffer: Data(json.utf8), limits: Limits(maxPlans: 3)).limits().maxPlans, 3)
        XCTAssertEqual(try Registry.fromBuffer(buffer: Data(json.utf8)).limits(), Limits())
        let negative = assertThrows(LoadError.self) {
            try Registry.fromJsonWithLimits(json: "{}", limits: Limits(maxUnits: -1))
        }
        XCTAssertEqual(negative, .Limit(name: "max_units", value: -1))
    }
}
