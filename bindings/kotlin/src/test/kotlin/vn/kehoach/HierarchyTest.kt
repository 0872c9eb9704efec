package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.LocalDate

class HierarchyTest {
    @Test
    fun `the Hanoi hierarchy built in Kotlin conforms and reads back as built`() {
        Hanoi.registry().use { registry ->
            assertEquals(6, registry.unitCount())
            assertEquals(3, registry.planCount())
            assertEquals(Hanoi.units, registry.units())
            assertEquals(Hanoi.plans, registry.plans())
            assertEquals(Hanoi.schoolPlan, registry.plan("tx-thcs-nc-2020"))
            assertNull(registry.plan("no-such-plan"))

            val report = registry.validate()
            assertTrue(report.conforms, "findings: ${report.findings}")
            assertEquals(Counts(0, 0, 0), report.counts)
            assertEquals(emptyList<Finding>(), report.findings)
        }
    }

    @Test
    fun `the implementation tree and the managing units are the core's`() {
        Hanoi.registry().use { registry ->
            assertEquals(listOf("tx-17-2020", "hn-2731-2020"), registry.ancestors("tx-thcs-nc-2020").map { it.id })
            assertEquals(listOf("tx-17-2020", "tx-thcs-nc-2020"), registry.descendants("hn-2731-2020").map { it.id })
            assertEquals(listOf("tx-17-2020"), registry.parents("tx-thcs-nc-2020").map { it.id })
            assertEquals(listOf("tx-thcs-nc-2020"), registry.children("tx-17-2020").map { it.id })
            assertEquals(listOf("tx-thcs-nc"), registry.schoolsOf("tx-pgd").map { it.id })
            assertEquals("tx-thcs-nc", registry.administrationIssuerOf("tx-thcs-nc-2020")?.id)
            assertEquals("tx-pgd", registry.managingUnitOf("tx-thcs-nc-2020")?.id)
            assertEquals(emptyList<OrgUnit>(), registry.schoolsWithoutActivePlan("tx-pgd", "2020-2021"))
            assertEquals(listOf("tx-thcs-nc"), registry.schoolsWithoutActivePlan("tx-pgd", "2021-2022").map { it.id })

            val compliance = registry.compliance().single { it.managingUnit == "tx-pgd" }
            assertEquals("2020-2021", compliance.schoolYear)
            assertEquals(1, compliance.schools)
            assertEquals(1, compliance.conforming)
            assertEquals(100.0, compliance.percentConforming)
        }
    }

    @Test
    fun `saving and loading again gives the same registry`() {
        Hanoi.registry().use { registry ->
            val json = registry.toJson()
            assertTrue(json.contains("\"format\": \"${registryFormat()}\""), json)
            Registry.fromJson(json).use { again ->
                assertEquals(registry.units(), again.units())
                assertEquals(registry.plans(), again.plans())
                assertEquals(json, again.toJson())
            }
            Registry.fromBytes(json.toByteArray(Charsets.UTF_8)).use { fromBytes ->
                assertEquals(registry.plans(), fromBytes.plans())
            }
        }
    }

    @Test
    fun `dates cross as calendar days`() {
        Hanoi.registry().use { registry ->
            val plan = registry.plan("tx-thcs-nc-2020")!!
            assertEquals(LocalDate.of(2020, 9, 28), plan.issuedOn)
            val conference = plan.approvals.single() as Approval.StaffConference
            assertEquals(LocalDate.of(2020, 9, 25), conference.heldOn)
            assertEquals(48, conference.staffTotal)
        }
        val window = schoolYearWindow("2020-2021")
        assertEquals(LocalDate.of(2020, 8, 1), window.firstDay)
        assertEquals(LocalDate.of(2021, 7, 31), window.lastDay)
    }

    @Test
    fun `text typed in decomposed form is stored and found in NFC`() {
        Registry(Profile.THREE_TIER_2020).use { registry ->
            val name = "Trường THCS Nhân Chi\u0301nh" // "í" written as i + combining acute (as iOS often hands over)
            registry.addUnit(OrgUnit(id = "ca\u0300", name = name, role = UnitRole.Union(UnionKind.GRASSROOTS_UNION)))
            val stored = registry.unit("c\u00e0")!!
            assertEquals("c\u00e0", stored.id)
            assertEquals("Trường THCS Nhân Chính", stored.name)
            assertEquals(stored, registry.unit("ca\u0300"))
        }
    }
}
