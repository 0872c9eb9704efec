package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class QueryTest {
    @Test
    fun `queries that name nothing throw typed exceptions`() {
        Hanoi.registry().use { registry ->
            assertEquals("no-such-plan", assertThrows<QueryException.UnknownPlan> { registry.ancestors("no-such-plan") }.id)
            assertThrows<QueryException.UnknownPlan> { registry.descendants("") }
            assertThrows<QueryException.UnknownPlan> { registry.managingUnitOf("no-such-plan") }
            assertEquals("no-such-unit", assertThrows<QueryException.UnknownUnit> { registry.schoolsOf("no-such-unit") }.id)
            assertEquals("tx-ldld", assertThrows<QueryException.NotAdministration> { registry.schoolsOf("tx-ldld") }.id)
            val year = assertThrows<QueryException.SchoolYear> { registry.schoolsWithoutActivePlan("tx-pgd", "2020-2022") }
            assertEquals("2020-2022", year.value)
            assertThrows<InvalidValueException.SchoolYear> { schoolYearWindow("2020") }
            // Look-ups that find nothing are not errors.
            assertEquals(null, registry.unit("no-such-unit"))
            assertEquals(emptyList<Plan>(), registry.parents("no-such-plan"))
        }
    }

    @Test
    fun `records and enums print their fields and names`() {
        Registry.fromBytes(Fixtures.hanoiData.readBytes()).use { registry ->
            val quorum = registry.validate().findings.single {
                it.severity == Severity.ERROR && it.subject.id == "tx-th-kg-2020"
            }
            val text = quorum.toString()
            assertTrue(text.startsWith("Finding("), text)
            assertTrue("severity=ERROR, subject=Subject(kind=PLAN, id=tx-th-kg-2020)" in text, text)
            assertEquals("ERROR", Severity.ERROR.toString())
            val plan = registry.plan("tx-th-kg-2020")!!
            assertTrue(plan.toString().startsWith("Plan(id=tx-th-kg-2020, title="), plan.toString())
            assertTrue("status=ISSUED" in plan.toString(), plan.toString())
            assertTrue("StaffConference(heldOn=2020-09-" in plan.approvals.toString(), plan.approvals.toString())
        }
    }
}
