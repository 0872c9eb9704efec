package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

class ConcurrencyTest {
    @Test
    fun `several threads validate and edit one registry at once`() {
        val threads = 8
        val rounds = 25
        Hanoi.registry().use { registry ->
            val pool = Executors.newFixedThreadPool(threads)
            val start = CountDownLatch(1)
            val futures = (0 until threads).map { t ->
                pool.submit<Int> {
                    start.await()
                    var seen = 0
                    for (i in 0 until rounds) {
                        val school = "school-$t-$i"
                        registry.addUnit(
                            OrgUnit(
                                id = school, name = "Trường $t-$i", parent = "tx-pgd",
                                role = UnitRole.Administration(AdministrationKind.School(SchoolLevel.PRIMARY, 30)),
                            ),
                        )
                        registry.addPlan(
                            Hanoi.schoolPlan.copy(
                                id = "plan-$t-$i", number = "${10 + i}/KHPH-T$t-CĐ", issuers = listOf(school),
                                approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 25), 30, 25, 20)),
                            ),
                        )
                        val report = registry.validate()
                        // Every report is of a consistent registry: counts match the findings it lists.
                        assertEquals(report.findings.count { it.severity == Severity.ERROR }, report.counts.error)
                        seen += report.findings.size
                        if (i % 2 == 1) {
                            registry.removePlan("plan-$t-$i")
                        }
                    }
                    seen
                }
            }
            start.countDown()
            futures.forEach { assertTrue(it.get(60, TimeUnit.SECONDS) >= 0) }
            pool.shutdown()
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS))

            assertEquals((6 + threads * rounds), registry.unitCount())
            assertEquals((3 + threads * ((rounds + 1) / 2)), registry.planCount())
            val report = registry.validate()
            // Each remaining school plan lacks a union co-issuer: one plan-issuers finding each, nothing else broken.
            val remaining = registry.plans().filter { it.id.startsWith("plan-") }.map { it.id }.toSet()
            assertEquals(remaining, report.findings.filter { it.rule == Rule.PLAN_ISSUERS }.map { it.subject.id }.toSet())
            Registry.fromJson(registry.toJson()).use { again -> assertEquals(report, again.validate()) }
        }
    }

    /**
     * A stress test: 6 writers add, replace and remove their own plans (and try ids that all of them want, and edits
     * that must be refused) while 10 readers validate, query, export, save and copy, all on one registry. At the end
     * the registry holds exactly what the writers left, saves to JSON that loads and judges the same, and `close()`,
     * called once every other thread is done, frees it: later calls throw, copies live on.
     */
    @Test
    fun `readers and writers stress one registry at once`() {
        val writers = 6
        val readers = 10
        val rounds = 40
        val contested = 12
        val registry = Registry.fromJson(Fixtures.hanoiData.readText(Charsets.UTF_8))
        val hanoiPlans = registry.plans().map { it.id }.toSet()
        val base = registry.plan("tx-th-kg-2020")!!
        val wins = List(contested) { AtomicInteger() }
        val pool = Executors.newFixedThreadPool(writers + readers)
        val start = CountDownLatch(1)

        val writerJobs = (0 until writers).map { w ->
            pool.submit<Set<String>> {
                start.await()
                registry.addUnit(
                    OrgUnit(
                        id = "school-w$w", name = "Trường Tiểu học số $w", parent = "tx-pgd",
                        role = UnitRole.Administration(AdministrationKind.School(SchoolLevel.PRIMARY, 40), "school-w$w-cd"),
                    ),
                )
                registry.addUnit(
                    OrgUnit(
                        id = "school-w$w-cd", name = "Công đoàn Trường Tiểu học số $w", parent = "tx-ldld",
                        role = UnitRole.Union(UnionKind.GRASSROOTS_UNION),
                    ),
                )
                val kept = mutableSetOf<String>()
                for (i in 0 until rounds) {
                    val plan = base.copy(
                        id = "w$w-$i", number = "${10 + i}/KHPH-W$w-CĐ", issuers = listOf("school-w$w", "school-w$w-cd"),
                        approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 20), 40, 35, 30, 0)),
                    )
                    registry.addPlan(plan)
                    // Held again with too few attending: the replaced plan comes back.
                    val again = plan.copy(approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 21), 40, 12, 10)))
                    assertEquals(plan, registry.replacePlan(again))
                    if (i % 3 == 0) registry.removePlan(plan.id) else kept += plan.id
                    // Edits that must be refused, in the middle of everyone else's.
                    assertEquals(base.id, assertThrows<EditException.DuplicatePlan> { registry.addPlan(base) }.id)
                    assertThrows<EditException.UnknownPlan> { registry.removePlan("w$w-gone-$i") }
                    val bad = assertThrows<EditException.Invalid> { registry.addPlan(plan.copy(id = "w$w-bad-$i", schoolYear = "2020-2022")) }
                    assertEquals("school_year", bad.field)
                    assertThrows<EditException.Invalid> {
                        registry.addPlan(plan.copy(id = "w$w-late-$i", issuedOn = LocalDate.of(10000, 1, 1)))
                    }
                    if (i < contested) {
                        try {
                            registry.addPlan(plan.copy(id = "shared-$i"))
                            wins[i].incrementAndGet()
                        } catch (e: EditException.DuplicatePlan) {
                            assertEquals("shared-$i", e.id)
                        }
                    }
                }
                kept
            }
        }
        val readerJobs = (0 until readers).map { n ->
            pool.submit<Int> {
                start.await()
                var checks = 0
                for (i in 0 until rounds) {
                    val report = registry.validate()
                    val errors = report.findings.count { it.severity == Severity.ERROR }
                    assertEquals(errors, report.counts.error)
                    assertEquals(errors == 0, report.conforms)
                    assertTrue(report.findings.any { it.rule == Rule.STAFF_CONFERENCE_QUORUM && it.subject.id == "tx-th-kg-2020" })
                    assertEquals(listOf("tx-17-2020", "hn-2731-2020"), registry.ancestors("tx-th-kg-2020").map { it.id })
                    val ids = registry.plans().map { it.id }
                    assertEquals(ids.size, ids.toSet().size)
                    when ((n + i) % 4) {
                        0 -> {
                            val json = registry.toJson()
                            Registry.fromJson(json).use { snapshot -> assertEquals(json, snapshot.toJson()) }
                        }
                        1 -> {
                            assertTrue(registry.dot(TreeScope.Under("tx-17-2020")).contains("tx-th-kg-2020"))
                            assertTrue(registry.mermaid(TreeScope.SchoolYear("2020-2021")).contains("hn-2731-2020"))
                        }
                        2 -> {
                            assertTrue(registry.complianceTable(TableFormat.CSV, Language.EN).startsWith("managing_unit,"))
                            assertTrue(registry.compliance().any { it.managingUnit == "tx-pgd" })
                        }
                        else -> {
                            assertTrue(registry.textReport(Language.VI).contains("tx-th-kg-2020"))
                            registry.copy().use { copy ->
                                copy.removePlan("tx-th-kg-2020")
                                assertNull(copy.plan("tx-th-kg-2020"))
                            }
                            assertNotNull(registry.plan("tx-th-kg-2020"))
                        }
                    }
                    checks++
                }
                checks
            }
        }
        start.countDown()
        // get() rethrows what a thread threw: every assertion inside the threads counts.
        val kept = writerJobs.flatMap { it.get(120, TimeUnit.SECONDS) }.toSet()
        assertEquals(readers * rounds, readerJobs.sumOf { it.get(120, TimeUnit.SECONDS) })
        pool.shutdown()
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS))

        // Every other thread is done: check the registry, then close it.
        assertEquals(List(contested) { 1 }, wins.map { it.get() })
        val expected = hanoiPlans + kept + (0 until contested).map { "shared-$it" }
        assertEquals(expected, registry.plans().map { it.id }.toSet())
        assertEquals((14 + 2 * writers), registry.unitCount())
        val json = registry.toJson()
        val report = registry.validate()
        for (id in kept) {
            assertTrue(report.findings.any { it.rule == Rule.STAFF_CONFERENCE_QUORUM && it.subject.id == id }, id)
        }
        val copy = registry.copy()
        Registry.fromJson(json).use { fresh ->
            assertEquals(json, fresh.toJson())
            assertEquals(report, fresh.validate())
            assertEquals(registry.textReport(Language.EN), fresh.textReport(Language.EN))
        }
        registry.close()
        assertTrue(registry.uniffiIsDestroyed)
        assertThrows<IllegalStateException> { registry.validate() }
        assertThrows<IllegalStateException> { registry.addPlan(base.copy(id = "after-close")) }
        copy.use {
            assertFalse(it.uniffiIsDestroyed)
            assertEquals(json, it.toJson())
            assertEquals(report, it.validate())
        }
    }
}
