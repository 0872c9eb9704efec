package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.LocalDate
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

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
                                role = UnitRole.Administration(AdministrationKind.School(SchoolLevel.PRIMARY, 30u)),
                            ),
                        )
                        registry.addPlan(
                            Hanoi.schoolPlan.copy(
                                id = "plan-$t-$i", number = "${10 + i}/KHPH-T$t-CĐ", issuers = listOf(school),
                                approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 25), 30u, 25u, 20u)),
                            ),
                        )
                        val report = registry.validate()
                        // Every report is of a consistent registry: counts match the findings it lists.
                        assertEquals(report.findings.count { it.severity == Severity.ERROR }.toUInt(), report.counts.error)
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

            assertEquals((6 + threads * rounds).toUInt(), registry.unitCount())
            assertEquals((3 + threads * ((rounds + 1) / 2)).toUInt(), registry.planCount())
            val report = registry.validate()
            // Each remaining school plan lacks a union co-issuer: one plan-issuers finding each, nothing else broken.
            val remaining = registry.plans().filter { it.id.startsWith("plan-") }.map { it.id }.toSet()
            assertEquals(remaining, report.findings.filter { it.rule == "plan-issuers" }.map { it.subject.id }.toSet())
            Registry.fromJson(registry.toJson()).use { again -> assertEquals(report, again.validate()) }
        }
    }
}
