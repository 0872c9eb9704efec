package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.time.LocalDate

/** The Kotlin snippet of the README's tour, as written there (only the file paths differ). Keep the two in step. */
class TourTest {
    @Test
    fun `the README tour runs as written`() {
        val printed = mutableListOf<String>()
        fun println(line: String) = printed.add(line)
        val out = File(Files.createTempDirectory("tour").toFile(), "hanoi-fixed.json")

        // ---- README: Kotlin tour ----
        Registry.fromJson(Fixtures.hanoiData.readText()).use { registry ->
            for (f in registry.validate().findings) {
                println("${f.severity} ${f.rule} ${f.subject.id}: ${f.message.vi}")
            }
            // staff-conference-quorum on tx-th-kg-2020: 39 of 60 staff attended. The conference is held again.
            val plan = registry.plan("tx-th-kg-2020")!!
            val again = Approval.StaffConference(
                heldOn = LocalDate.of(2020, 9, 23), staffTotal = 60, attendees = 52, votesFor = 50,
            )
            registry.replacePlan(plan.copy(approvals = plan.approvals + again))
            check(registry.validate().findings.none { it.severity == Severity.ERROR })
            try {
                registry.addPlan(plan) // the id is taken: refused, and nothing changes
            } catch (e: EditException.DuplicatePlan) {
                println("refused: ${e.id}")
            }
            out.writeText(registry.toJson())
        }
        // ---- end of the README snippet ----

        assertTrue(printed.any { it.startsWith("ERROR staff-conference-quorum tx-th-kg-2020: ") }, "$printed")
        assertEquals("refused: tx-th-kg-2020", printed.last())
        Registry.fromJson(out.readText()).use { saved ->
            assertEquals(2, (saved.plan("tx-th-kg-2020")!!.approvals).size)
            assertTrue(saved.validate().conforms)
        }
    }
}
