// The Swift snippet of the README's tour (README.md, "### Swift"), run as written: the lines between the markers
// below are the README's code block byte for byte, less its `import KeHoach` (an import goes at the top of a file;
// this file has it). bindings/checks/test_scenarios.py checks that the two are the same: change them together.
// The snippet reads a path relative to the repository, so the test runs it from there. TourTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class TourTests: XCTestCase {
    func testTheREADMETourRunsAsWritten() throws {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
        let here = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(Fixtures.repo.path), Fixtures.repo.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(here) }

// ---- README: Swift tour ----
let registry = try Registry(data: Data(contentsOf: URL(fileURLWithPath: "examples/data/hanoi-2020-2021.json")))
for f in registry.validate().findings {
    print(f.severity, f.rule.code, f.subject.id, f.message.vi)
}
// staff-conference-quorum on tx-th-kg-2020: 39 of 60 staff attended. The conference is held again.
var plan = registry.plan(id: "tx-th-kg-2020")!
plan.approvals.append(.staffConference(heldOn: "2020-09-23", staffTotal: 60, attendees: 52, votesFor: 50))
_ = try registry.replacePlan(plan: plan)
// What if the district withdrew its plan? Nothing changes; the impact says what would break.
let impact = try registry.whatIf(edits: [.withdrawPlan(id: "tx-17-2020")])
print("withdrawing tx-17-2020:", impact.findings.appeared.count, "new findings")
do {
    try registry.addPlan(plan: plan) // the id is taken: refused, and nothing changes
} catch let EditError.DuplicatePlan(id) {
    print("refused:", id)
}
// ---- end of the README snippet ----

        let findings = try Fixtures.hanoiRegistry().validate().findings
        XCTAssertEqual(printed.count, findings.count + 2, "\(printed)")
        XCTAssertTrue(printed.contains("withdrawing tx-17-2020: 5 new findings"), "\(printed)")
        XCTAssertTrue(printed.contains { $0.hasPrefix("error staff-conference-quorum tx-th-kg-2020 ") }, "\(printed)")
        XCTAssertEqual(printed.last, "refused: tx-th-kg-2020")
        XCTAssertFalse(registry.validate().findings.contains { $0.severity == .error })
        XCTAssertEqual(registry.plan(id: "tx-th-kg-2020")?.approvals.count, 2)
        // Saved and loaded again, the conference held again is kept and the plans conform.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tour-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        try registry.toJson().write(to: out, atomically: true, encoding: .utf8)
        let saved = try Registry.fromBytes(bytes: Data(contentsOf: out))
        XCTAssertEqual(saved.plan(id: "tx-th-kg-2020")?.approvals.count, 2)
        XCTAssertTrue(saved.validate().conforms)
    }
}
