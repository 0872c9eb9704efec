// One registry shared by many tasks at once: ConcurrencyTest.kt in Swift. A `Registry` is `Sendable` (each call
// takes its lock for the whole call), so Swift 6's strict checking lets the tasks of a task group share it. Each
// round ends with `Task.yield()` so that the tasks interleave on the cooperative pool instead of running one after
// the other.

import Foundation
import KeHoach
import XCTest

final class ConcurrencyTests: XCTestCase {
    func testSeveralThreadsValidateAndEditOneRegistryAtOnce() async throws {
        let tasks = 16
        let rounds = 25
        let registry = try Hanoi.registry()
        let finished = try await withThrowingTaskGroup(of: Int.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    for i in 0..<rounds {
                        let school = "school-\(t)-\(i)"
                        try registry.addUnit(unit: OrgUnit(
                            id: school, name: "Trường \(t)-\(i)",
                            role: .administration(kind: .school(level: .primary, staffCount: 30)),
                            parent: "tx-pgd"))
                        try registry.addPlan(plan: Hanoi.schoolPlan.with {
                            $0.id = "plan-\(t)-\(i)"
                            $0.number = "\(10 + i)/KHPH-T\(t)-CĐ"
                            $0.issuers = [school]
                            $0.approvals = [.staffConference(heldOn: "2020-09-25", staffTotal: 30, attendees: 25,
                                                             votesFor: 20)]
                        })
                        let report = registry.validate()
                        // Every report is of a consistent registry: counts match the findings it lists.
                        XCTAssertEqual(Int32(report.findings.filter { $0.severity == .error }.count),
                                       report.counts.error)
                        if i % 2 == 1 {
                            _ = try registry.removePlan(id: "plan-\(t)-\(i)")
                        }
                        await Task.yield()
                    }
                    return rounds
                }
            }
            var finished: [Int] = []
            for try await done in group { finished.append(done) }
            return finished
        }
        XCTAssertEqual(finished, Array(repeating: rounds, count: tasks))

        XCTAssertEqual(registry.unitCount(), Int32(6 + tasks * rounds))
        XCTAssertEqual(registry.planCount(), Int32(3 + tasks * ((rounds + 1) / 2)))
        let report = registry.validate()
        // Each remaining school plan lacks a union co-issuer: one plan-issuers finding each, nothing else broken.
        let remaining = Set(registry.plans().map(\.id).filter { $0.hasPrefix("plan-") })
        XCTAssertEqual(remaining.count, tasks * ((rounds + 1) / 2))
        XCTAssertEqual(Set(report.findings.filter { $0.rule == .planIssuers }.map(\.subject.id)), remaining)
        XCTAssertEqual(try Registry.fromJson(json: registry.toJson()).validate(), report)
    }

    /// A stress test: 6 writers add, replace and remove their own plans (and try ids that all of them want, and
    /// edits that must be refused) while 10 readers validate, query, export, save and copy, all on one registry. At
    /// the end the registry holds exactly what the writers left, saves to JSON that loads and judges the same, and
    /// dropping the last reference to it, once every task is done, frees it while its copy lives on. (Kotlin closes
    /// it there; a Swift registry has no `close()`: it is freed with its last reference.)
    func testReadersAndWritersStressOneRegistryAtOnce() async throws {
        let writers = 6
        let readers = 10
        let rounds = 40
        let contested = 12
        weak var freed: Registry?
        let copy: Registry
        let json: String
        let report: Report
        do {
            let registry = try Fixtures.hanoiRegistry()
            freed = registry
            let hanoiPlans = Set(registry.plans().map(\.id))
            let hanoiUnits = Int(registry.unitCount())
            let base = try XCTUnwrap(registry.plan(id: "tx-th-kg-2020"))

            let outcomes = try await withThrowingTaskGroup(of: StressOutcome.self) { group in
                for w in 0..<writers {
                    group.addTask {
                        try await stressWriter(w, registry: registry, base: base, rounds: rounds, contested: contested)
                    }
                }
                for n in 0..<readers {
                    group.addTask { try await stressReader(n, registry: registry, rounds: rounds) }
                }
                // A task that throws ends the group with its error: every assertion inside the tasks counts.
                var outcomes: [StressOutcome] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }

            // Every task is done: check the registry, then drop it.
            var kept = Set<String>()
            var wins = Array(repeating: 0, count: contested)
            var checks = 0
            for outcome in outcomes {
                switch outcome {
                case let .writer(ids, won):
                    kept.formUnion(ids)
                    for i in won { wins[i] += 1 }
                case let .reader(done):
                    checks += done
                }
            }
            XCTAssertEqual(outcomes.count, writers + readers)
            XCTAssertEqual(checks, readers * rounds)
            XCTAssertEqual(wins, Array(repeating: 1, count: contested))
            let expected = hanoiPlans.union(kept).union((0..<contested).map { "shared-\($0)" })
            XCTAssertEqual(Set(registry.plans().map(\.id)), expected)
            XCTAssertEqual(registry.planCount(), Int32(expected.count))
            XCTAssertEqual(Int(registry.unitCount()), hanoiUnits + 2 * writers)
            json = registry.toJson()
            report = registry.validate()
            for id in kept {
                XCTAssertTrue(report.findings.contains { $0.rule == .staffConferenceQuorum && $0.subject.id == id },
                              id)
            }
            copy = registry.copy()
            let fresh = try Registry.fromJson(json: json)
            assertSameBytes(fresh.toJson(), json)
            XCTAssertEqual(fresh.validate(), report)
            XCTAssertEqual(fresh.textReport(language: .en), registry.textReport(language: .en))
        }
        // The tasks and this scope held the only references: the registry is freed, its copy lives on.
        XCTAssertNil(freed, "the registry outlived its last reference")
        assertSameBytes(copy.toJson(), json)
        XCTAssertEqual(copy.validate(), report)
    }
}

/// What a task of the stress test hands back: a writer the plans it kept and the contested ids it won, a reader how
/// many rounds of checks it made.
private enum StressOutcome: Sendable {
    case writer(kept: Set<String>, won: [Int])
    case reader(checks: Int)
}

private func stressWriter(
    _ w: Int, registry: Registry, base: Plan, rounds: Int, contested: Int
) async throws -> StressOutcome {
    try registry.addUnit(unit: OrgUnit(
        id: "school-w\(w)", name: "Trường Tiểu học số \(w)",
        role: .administration(kind: .school(level: .primary, staffCount: 40), counterpart: "school-w\(w)-cd"),
        parent: "tx-pgd"))
    try registry.addUnit(unit: OrgUnit(
        id: "school-w\(w)-cd", name: "Công đoàn Trường Tiểu học số \(w)", role: .union(kind: .grassrootsUnion),
        parent: "tx-ldld"))
    var kept = Set<String>()
    var won: [Int] = []
    for i in 0..<rounds {
        let plan = base.with {
            $0.id = "w\(w)-\(i)"
            $0.number = "\(10 + i)/KHPH-W\(w)-CĐ"
            $0.issuers = ["school-w\(w)", "school-w\(w)-cd"]
            $0.approvals = [.staffConference(heldOn: "2020-09-20", staffTotal: 40, attendees: 35, votesFor: 30,
                                             votesAgainst: 0)]
        }
        try registry.addPlan(plan: plan)
        // Held again with too few attending: the replaced plan comes back.
        let again = plan.with {
            $0.approvals = [.staffConference(heldOn: "2020-09-21", staffTotal: 40, attendees: 12, votesFor: 10)]
        }
        XCTAssertEqual(try registry.replacePlan(plan: again), plan)
        if i % 3 == 0 {
            _ = try registry.removePlan(id: plan.id)
        } else {
            kept.insert(plan.id)
        }
        // Edits that must be refused, in the middle of everyone else's.
        XCTAssertEqual(assertThrows(EditError.self) { try registry.addPlan(plan: base) }, .DuplicatePlan(id: base.id))
        XCTAssertEqual(assertThrows(EditError.self) { try registry.removePlan(id: "w\(w)-gone-\(i)") },
                       .UnknownPlan(id: "w\(w)-gone-\(i)"))
        let bad = assertThrows(EditError.self) {
            try registry.addPlan(plan: plan.with { $0.id = "w\(w)-bad-\(i)"; $0.schoolYear = "2020-2022" })
        }
        guard case let .Invalid(_, field, _)? = bad else {
            XCTFail("\(String(describing: bad))")
            continue
        }
        XCTAssertEqual(field, "school_year")
        let late = assertThrows(EditError.self) {
            try registry.addPlan(plan: plan.with { $0.id = "w\(w)-late-\(i)"; $0.issuedOn = "10000-01-01" })
        }
        guard case .Invalid? = late else {
            XCTFail("\(String(describing: late))")
            continue
        }
        if i < contested {
            do {
                try registry.addPlan(plan: plan.with { $0.id = "shared-\(i)" })
                won.append(i)
            } catch let EditError.DuplicatePlan(id) {
                XCTAssertEqual(id, "shared-\(i)")
            }
        }
        await Task.yield()
    }
    return .writer(kept: kept, won: won)
}

private func stressReader(_ n: Int, registry: Registry, rounds: Int) async throws -> StressOutcome {
    var checks = 0
    for i in 0..<rounds {
        let report = registry.validate()
        let errors = report.findings.filter { $0.severity == .error }.count
        XCTAssertEqual(report.counts.error, Int32(errors))
        XCTAssertEqual(report.conforms, errors == 0)
        XCTAssertTrue(report.findings.contains {
            $0.rule == .staffConferenceQuorum && $0.subject.id == "tx-th-kg-2020"
        })
        XCTAssertEqual(try registry.ancestors(id: "tx-th-kg-2020").map(\.id), ["tx-17-2020", "hn-2731-2020"])
        let ids = registry.plans().map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        switch (n + i) % 4 {
        case 0:
            let json = registry.toJson()
            assertSameBytes(try Registry.fromJson(json: json).toJson(), json)
        case 1:
            XCTAssertTrue(try registry.dot(scope: .under(plan: "tx-17-2020")).contains("tx-th-kg-2020"))
            XCTAssertTrue(try registry.mermaid(scope: .schoolYear(schoolYear: "2020-2021")).contains("hn-2731-2020"))
        case 2:
            XCTAssertTrue(registry.complianceTable(format: .csv, language: .en).hasPrefix("managing_unit,"))
            XCTAssertTrue(registry.compliance().contains { $0.managingUnit == "tx-pgd" })
        default:
            XCTAssertTrue(registry.textReport(language: .vi).contains("tx-th-kg-2020"))
            let copy = registry.copy()
            _ = try copy.removePlan(id: "tx-th-kg-2020")
            XCTAssertNil(copy.plan(id: "tx-th-kg-2020"))
            XCTAssertNotNil(registry.plan(id: "tx-th-kg-2020"))
        }
        checks += 1
        await Task.yield()
    }
    return .reader(checks: checks)
}
