package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.time.LocalDate

/**
 * The Kotlin snippet of the README's tour, byte for byte between the markers (indented; bindings/checks compares
 * them). Its relative paths are resolved by the local `File` below: the data file in the repository, the file it
 * writes in a temporary folder; its `println` is collected.
 */
class TourTest {
    @Test
    fun `the README tour runs as written`() {
        val printed = mutableListOf<String>()
        fun println(line: String) = printed.add(line)
        val temporary = Files.createTempDirectory("tour").toFile()
        fun File(path: String): java.io.File =
            if (path.startsWith("examples/")) java.io.File(Fixtures.repo, path) else java.io.File(temporary, path)

        // ---- README: Kotlin tour ----
        Registry.fromBytes(File("examples/data/hanoi-2020-2021.json").readBytes()).use { registry ->
            for (f in registry.validate().findings) {
                println("${f.severity} ${f.rule.code} ${f.subject.id}: ${f.message.vi}")
            }
            // staff-conference-quorum on tx-th-kg-2020: 39 of 60 staff attended. The conference is held again.
            val plan = registry.plan("tx-th-kg-2020")!!
            val again = Approval.StaffConference(
                heldOn = LocalDate.of(2020, 9, 23), staffTotal = 60, attendees = 52, votesFor = 50,
            )
            registry.replacePlan(plan.copy(approvals = plan.approvals + again))
            check(registry.validate().findings.none { it.severity == Severity.ERROR })
            // What if the district withdrew its plan? Nothing changes; the impact says what would break.
            val impact = registry.whatIf(listOf(Edit.WithdrawPlan("tx-17-2020")))
            println("withdrawing tx-17-2020: ${impact.findings.appeared.size} new findings")
            try {
                registry.addPlan(plan) // the id is taken: refused, and nothing changes
            } catch (e: EditException.DuplicatePlan) {
                println("refused ${e.id}: ${e.message}")
            }
            File("hanoi-fixed.json").writeText(registry.toJson())
        }
        // ---- end of the README snippet ----

        assertTrue(printed.any { it.startsWith("ERROR staff-conference-quorum tx-th-kg-2020: ") }, "$printed")
        assertEquals(
            "refused tx-th-kg-2020: plan \"tx-th-kg-2020\" already exists; replace it or remove it first",
            printed.last(),
        )
        assertTrue("withdrawing tx-17-2020: 5 new findings" in printed, "$printed")
        Registry.fromBytes(java.io.File(temporary, "hanoi-fixed.json").readBytes()).use { saved ->
            assertEquals(2, (saved.plan("tx-th-kg-2020")!!.approvals).size)
            assertTrue(saved.validate().conforms)
        }
    }
}
