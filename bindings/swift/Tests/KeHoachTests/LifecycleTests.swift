// When a registry is freed: LifecycleTest.kt in Swift. A Swift `Registry` has no `close()`: it is freed (its
// `deinit` frees the Rust object) with its last reference, which a `weak` reference observes. Kotlin's "use closes
// the registry and a closed registry refuses calls" has no Swift counterpart: there is no closed registry to call.

import Foundation
import KeHoach
import XCTest

final class LifecycleTests: XCTestCase {
    func testFreeingARegistryLeavesItsCopiesAlive() throws {
        weak var freed: Registry?
        let copy: Registry
        do {
            let registry = try Hanoi.registry()
            freed = registry
            copy = registry.copy()
            XCTAssertNotNil(freed)
        }
        XCTAssertNil(freed, "the registry outlived its last reference")
        XCTAssertEqual(copy.planCount(), 3)
        XCTAssertEqual(copy.plans(), Hanoi.plans)
        XCTAssertTrue(copy.validate().conforms)
        _ = try copy.removePlan(id: "tx-thcs-nc-2020")
        XCTAssertEqual(copy.planCount(), 2)
    }

    /// The Swift side of Kotlin's `use {}`: a registry lives while anything holds it, a task included, and is freed
    /// when the last holder lets go.
    func testARegistryLivesAsLongAsItsLastReference() async throws {
        weak var freed: Registry?
        var held: Registry? = Registry(profile: .twoTier2025)
        freed = held
        let task: Task<Int32, Error>
        do {
            let registry = try XCTUnwrap(held)
            try registry.addUnit(unit: Hanoi.units[1])
            task = Task {
                try registry.addUnit(unit: Hanoi.units[3])
                return registry.unitCount()
            }
        }
        held = nil
        // The task still holds it: it runs on the registry, and the registry is alive until the task is done.
        let count = try await task.value
        XCTAssertEqual(count, 2)
        XCTAssertNil(freed, "the registry outlived the task, its last holder")
    }
}
