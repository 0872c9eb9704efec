package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate

/** One set of limits for loading and editing: nothing saved that cannot be loaded back. */
class LimitsTest {
    @Test
    fun `what an edit accepts loads back and what load refuses an edit refuses`() {
        Hanoi.registry().use { registry ->
            val before = registry.toJson()
            // 3,300 Vietnamese letters, 4,179 bytes of UTF-8: over the 4,096 bytes a load accepts.
            val long = "à".repeat(879) + "a".repeat(2421)
            assertEquals(3300, long.length)
            val e = assertThrows<EditException.Invalid> { registry.replacePlan(Hanoi.schoolPlan.copy(title = long)) }
            assertEquals("plan \"tx-thcs-nc-2020\"", e.subject)
            assertEquals("title", e.field)
            assertTrue(e.detail.contains("4179 bytes") && e.detail.contains("Limits::max_string_bytes"), e.detail)
            assertEquals(before, registry.toJson())
            val tooManyIssuers = assertThrows<EditException.Invalid> {
                registry.addPlan(Hanoi.schoolPlan.copy(id = "new", issuers = (0..10_000).map { "u$it" }))
            }
            assertEquals("issuers", tooManyIssuers.field)
            assertEquals(before, registry.toJson())

            // At the limit it is kept, saved, and loads back the same.
            val atLimit = "ệ".repeat(1365) + "a"
            registry.replacePlan(Hanoi.schoolPlan.copy(title = atLimit))
            val saved = registry.toJson()
            Registry.fromBytes(saved.toByteArray(Charsets.UTF_8)).use { back ->
                assertEquals(atLimit, back.plan("tx-thcs-nc-2020")?.title)
                assertEquals(saved, back.toJson())
            }
        }
    }

    @Test
    fun `a negative count is refused by name`() {
        Hanoi.registry().use { registry ->
            val before = registry.toJson()
            val e = assertThrows<EditException.Invalid> {
                registry.replacePlan(
                    Hanoi.schoolPlan.copy(
                        approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 25), 48, -1, 37)),
                    ),
                )
            }
            assertEquals("approvals[0].attendees", e.field)
            assertTrue(e.detail.contains("-1 is negative"), e.detail)
            val staff = assertThrows<EditException.Invalid> {
                registry.replaceUnit(
                    Hanoi.units[4].copy(
                        role = UnitRole.Administration(AdministrationKind.School(SchoolLevel.LOWER_SECONDARY, -48)),
                    ),
                )
            }
            assertEquals("staff_count", staff.field)
            assertEquals(before, registry.toJson())
        }
    }

    @Test
    fun `limits chosen at load are the registry's`() {
        assertEquals(4096L, Limits().maxStringBytes)
        Registry.fromJsonWithLimits(Hanoi.registry().use { it.toJson() }, Limits(maxPlans = 3L)).use { registry ->
            assertEquals(3L, registry.limits().maxPlans)
            assertEquals(10_000L, registry.limits().maxListItems)
            val full = assertThrows<EditException.TooManyPlans> { registry.addPlan(Hanoi.schoolPlan.copy(id = "new")) }
            assertEquals(3L, full.limit)
            registry.removePlan("tx-thcs-nc-2020")
            registry.addPlan(Hanoi.schoolPlan.copy(id = "new"))
        }
        val tight = Limits(maxPlans = 2L)
        val document = Hanoi.registry().use { it.toJson() }.toByteArray(Charsets.UTF_8)
        val tooMany = assertThrows<LoadException.Invalid> { Registry.fromBytesWithLimits(document, tight) }
        assertEquals("plans", tooMany.path)
        val buffer = Fixtures.direct(document)
        assertEquals("plans", assertThrows<LoadException.Invalid> { Registry.fromBuffer(buffer, tight) }.path)
        Registry.fromBuffer(buffer, Limits(maxPlans = 3L)).use { assertEquals(3L, it.limits().maxPlans) }
        Registry.fromBuffer(buffer).use { assertEquals(Limits(), it.limits()) }
        val negative = assertThrows<LoadException.Limit> { Registry.fromJsonWithLimits("{}", Limits(maxUnits = -1L)) }
        assertEquals("max_units", negative.name)
    }
}
