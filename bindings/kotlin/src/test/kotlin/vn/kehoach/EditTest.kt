package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate

class EditTest {
    /** Runs [edit], which must throw [E], and checks that the registry is exactly as before. */
    private inline fun <reified E : Throwable> refusedAndUnchanged(registry: Registry, edit: () -> Unit): E {
        val json = registry.toJson()
        val report = registry.validate()
        val error = assertThrows<E> { edit() }
        assertEquals(json, registry.toJson())
        assertEquals(report, registry.validate())
        return error
    }

    @Test
    fun `an edit that fails leaves the registry unchanged`() {
        Hanoi.registry().use { registry ->
            val dup = refusedAndUnchanged<EditException.DuplicatePlan>(registry) { registry.addPlan(Hanoi.schoolPlan) }
            assertEquals("tx-thcs-nc-2020", dup.id)

            refusedAndUnchanged<EditException.DuplicateUnit>(registry) { registry.addUnit(Hanoi.units[0]) }

            val tooMany = refusedAndUnchanged<EditException.Invalid>(registry) {
                registry.replacePlan(
                    Hanoi.schoolPlan.copy(
                        approvals = listOf(
                            Approval.StaffConference(LocalDate.of(2020, 9, 25), 48u, 40u, 37u),
                            Approval.StaffConference(LocalDate.of(2020, 9, 26), 2_000_000u, 40u, 37u),
                        ),
                    ),
                )
            }
            assertEquals("plan \"tx-thcs-nc-2020\"", tooMany.subject)
            assertEquals("approvals[1].staff_total", tooMany.field)
            assertTrue(tooMany.detail.contains("2000000"), tooMany.detail)

            val badYear = refusedAndUnchanged<EditException.Invalid>(registry) {
                registry.addPlan(Hanoi.schoolPlan.copy(id = "new", schoolYear = "2020-2022"))
            }
            assertEquals("school_year", badYear.field)

            val twice = refusedAndUnchanged<EditException.Invalid>(registry) {
                registry.addPlan(Hanoi.schoolPlan.copy(id = "new", contentAreas = listOf(ContentArea("1", "A"), ContentArea("1", "B"))))
            }
            assertEquals("content_areas[1].code", twice.field)

            val empty = refusedAndUnchanged<EditException.Invalid>(registry) {
                registry.replaceUnit(Hanoi.units[4].copy(name = ""))
            }
            assertEquals("name", empty.field)

            val farFuture = refusedAndUnchanged<EditException.Invalid>(registry) {
                registry.addPlan(Hanoi.schoolPlan.copy(id = "new", issuedOn = LocalDate.of(10_000, 1, 1)))
            }
            assertEquals("date", farFuture.field)

            refusedAndUnchanged<EditException.UnknownPlan>(registry) { registry.removePlan("no-such-plan") }
            refusedAndUnchanged<EditException.UnknownUnit>(registry) {
                registry.replaceUnit(Hanoi.units[0].copy(id = "no-such-unit"))
            }
        }
    }

    @Test
    fun `replacing and removing return the old record and the rules follow`() {
        Hanoi.registry().use { registry ->
            val quorumless = Hanoi.schoolPlan.copy(
                approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 25), 48u, 20u, 19u)),
            )
            assertEquals(Hanoi.schoolPlan, registry.replacePlan(quorumless))
            val quorum = registry.validate().findings.single()
            assertEquals("staff-conference-quorum", quorum.rule)
            assertEquals(Subject(SubjectKind.PLAN, "tx-thcs-nc-2020"), quorum.subject)

            assertEquals(quorumless, registry.removePlan("tx-thcs-nc-2020"))
            assertEquals(2u, registry.planCount())

            val removed = registry.removeUnit("tx-ldld")
            assertEquals(UnitRole.Union(UnionKind.LABOUR_FEDERATION), removed.role)
            val dangling = registry.validate()
            assertFalse(dangling.conforms)
            assertTrue(dangling.findings.any { it.rule == "unit-unknown-reference" && it.subject.id == "tx-pgd" })

            registry.addUnit(removed)
            registry.addPlan(Hanoi.schoolPlan)
            assertTrue(registry.validate().conforms)
        }
    }

    @Test
    fun `copies are independent`() {
        Hanoi.registry().use { registry ->
            registry.copy().use { copy ->
                copy.removePlan("tx-thcs-nc-2020")
                assertEquals(2u, copy.planCount())
                assertEquals(3u, registry.planCount())
            }
        }
    }

    @Test
    fun `records copy with a changed field and compare and hash by value`() {
        val plan = Hanoi.schoolPlan
        val same = plan.copy()
        assertEquals(plan, same)
        assertEquals(plan.hashCode(), same.hashCode())
        val changed = plan.copy(title = "Kế hoạch phối hợp (sửa đổi)")
        assertNotEquals(plan, changed)
        assertEquals(plan.approvals, changed.approvals)
        assertEquals(2, setOf(plan, same, changed).size)
        assertFalse(plan.equals(null))

        // Enum variants with fields are records too.
        val staff = plan.approvals[0] as Approval.StaffConference
        val fewer = staff.copy(attendees = staff.votesFor)
        assertNotEquals(staff, fewer)
        assertEquals(fewer, staff.copy(attendees = staff.votesFor))
        assertNotEquals(fewer, Approval.Signing(staff.heldOn))

        Hanoi.registry().use { registry ->
            registry.replacePlan(plan.copy(approvals = listOf(fewer)))
            assertEquals(listOf<Approval>(fewer), registry.plan(plan.id)!!.approvals)
            assertNotEquals(plan, registry.plan(plan.id))
        }
    }
}
