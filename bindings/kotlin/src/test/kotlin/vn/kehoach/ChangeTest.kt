package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate

/** Change, before and after: what-if and diff (test_change.py, ChangeTests.swift). */
class ChangeTest {
    @Test
    fun `what if the district withdraws its plan shows what breaks and changes nothing`() {
        Hanoi.registry().use { registry ->
            val json = registry.toJson()
            val report = registry.validate()
            val impact = registry.whatIf(listOf(Edit.WithdrawPlan("tx-17-2020")))

            val appeared = impact.findings.appeared.single()
            assertEquals(Rule.PARENT_PLAN_WITHDRAWN, appeared.rule)
            assertEquals(Subject(SubjectKind.PLAN, "tx-thcs-nc-2020"), appeared.subject)
            assertEquals(Severity.ERROR, appeared.severity)
            assertTrue(impact.findings.resolved.isEmpty() && impact.findings.changed.isEmpty())

            val row = impact.compliance.single()
            assertEquals("tx-pgd" to "2020-2021", row.managingUnit to row.schoolYear)
            val (before, after) = row.before!! to row.after!!
            assertEquals(1 to 0, before.conforming to before.withErrors)
            assertEquals(0 to 1, after.conforming to after.withErrors)

            assertEquals(json, registry.toJson())
            assertEquals(report, registry.validate())
        }
    }

    @Test
    fun `a refused what-if edit is named by its place and changes nothing`() {
        Hanoi.registry().use { registry ->
            val json = registry.toJson()
            val twice = assertThrows<WhatIfException.Refused> {
                registry.whatIf(listOf(Edit.RemovePlan("tx-thcs-nc-2020"), Edit.RemovePlan("tx-thcs-nc-2020")))
            }
            assertEquals(1, twice.index)
            assertEquals("remove plan \"tx-thcs-nc-2020\"", twice.edit)
            assertEquals(EditException.UnknownPlan("tx-thcs-nc-2020"), twice.reason)
            assertEquals("edit 1 (remove plan \"tx-thcs-nc-2020\") was refused: there is no plan \"tx-thcs-nc-2020\"", twice.message)

            val badYear = assertThrows<WhatIfException.Refused> {
                registry.whatIf(listOf(Edit.ReplacePlan(Hanoi.schoolPlan.copy(schoolYear = "2020-2022"))))
            }
            assertEquals(0, badYear.index)
            assertEquals("school_year", (badYear.reason as EditException.Invalid).field)
            assertEquals(json, registry.toJson())
        }
    }

    @Test
    fun `what if takes every kind of edit`() {
        Hanoi.registry().use { registry ->
            val newSchool = OrgUnit(
                id = "tx-th-kg", name = "Trường Tiểu học Kim Giang", parent = "tx-pgd",
                role = UnitRole.Administration(AdministrationKind.School(SchoolLevel.PRIMARY, staffCount = 30), counterpart = null),
            )
            val impact = registry.whatIf(
                listOf(
                    Edit.AddUnit(newSchool),
                    Edit.ReplaceUnit(newSchool.copy(name = "Trường Tiểu học Kim Giang (mới)")),
                    Edit.AddPlan(Hanoi.schoolPlan.copy(id = "tx-th-kg-2020", issuers = listOf("tx-th-kg"))),
                    Edit.RemovePlan("tx-th-kg-2020"),
                    Edit.RemoveUnit("tx-th-kg"),
                    Edit.SetOverride(Rule.PLAN_ISSUERS, Level.OFF),
                    Edit.SetProfile(Profile.THREE_TIER_2020),
                ),
            )
            // Everything added is removed again, and no plan breaks the rule turned off: nothing would change.
            assertTrue(impact.findings.appeared.isEmpty() && impact.compliance.isEmpty(), "$impact")
            val json = registry.whatIfToJson(listOf(Edit.SetOverride(Rule.STAFF_CONFERENCE_QUORUM, Level.OFF)))
            assertTrue(json.contains("\"format\": \"kehoach/what-if@1\"") && json.contains("\"changes\": false"), json)
            val vi = registry.whatIfText(listOf(Edit.WithdrawPlan("tx-17-2020")), Language.VI)
            assertTrue(vi.contains("rút kế hoạch \"tx-17-2020\"") && vi.contains("parent-plan-withdrawn"), vi)
        }
    }

    @Test
    fun `diff names what changed field by field and what it fixed or broke`() {
        Hanoi.registry().use { old ->
            old.copy().use { new ->
                assertEquals(Diff(null, emptyList(), emptyList(), emptyList(), FindingsDelta(emptyList(), emptyList(), emptyList()), emptyList(), emptyList()), old.diff(new))
                assertTrue(old.diff(old).plans.isEmpty())

                new.replacePlan(
                    Hanoi.schoolPlan.copy(
                        number = "16/KHPH-THCSNC-CĐ",
                        approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 25), 48, 20, 19)),
                    ),
                )
                new.setOverride(Rule.SCHOOL_WITHOUT_PLAN, Level.OFF)
                val diff = old.diff(new)
                val plan = diff.plans.single()
                assertEquals("tx-thcs-nc-2020" to EntryChangeKind.CHANGED, plan.id to plan.kind)
                assertEquals(listOf("number", "approvals"), plan.fields.map { it.field })
                assertEquals("\"15/KHPH-THCSNC-CĐ\"" to "\"16/KHPH-THCSNC-CĐ\"", plan.fields[0].old to plan.fields[0].new)
                assertEquals(Hanoi.schoolPlan, plan.old)
                assertEquals(listOf(OverrideChange(Rule.SCHOOL_WITHOUT_PLAN, null, Level.OFF)), diff.overrides)
                assertEquals(Rule.STAFF_CONFERENCE_QUORUM, diff.findings.appeared.single().rule)
                assertEquals(1, diff.compliance.single().after!!.withErrors)

                new.removePlan("tx-thcs-nc-2020")
                val removed = old.diff(new).plans.single()
                assertEquals(EntryChangeKind.REMOVED, removed.kind)
                assertNull(removed.new)
                assertTrue(old.diffToJson(new).contains("\"change\": \"removed\""))
                assertTrue(old.diffText(new, Language.EN).contains("- plan \"tx-thcs-nc-2020\" removed"))
            }
        }
    }

    @Test
    fun `applying a diff's edits makes the old registry save as the new one and is all or nothing`() {
        Hanoi.registry().use { old ->
            old.copy().use { new ->
                new.removePlan("tx-thcs-nc-2020")
                new.replaceUnit(Hanoi.units[4].copy(name = "Trường THCS Nhân Chính (mới)"))
                new.setOverride(Rule.SCHOOL_WITHOUT_PLAN, Level.OFF)
                val diff = old.diff(new)
                assertEquals(3, diff.edits.size, "${diff.edits}")
                old.copy().use { target ->
                    target.applyEdits(diff.edits)
                    assertEquals(new.toJson(), target.toJson())
                    assertEquals(new.validate(), target.validate())
                }
                val json = old.toJson()
                val refused = assertThrows<WhatIfException.Refused> {
                    old.applyEdits(diff.edits + Edit.RemovePlan("no-such-plan"))
                }
                assertEquals(3, refused.index)
                assertEquals(EditException.UnknownPlan("no-such-plan"), refused.reason)
                assertEquals(json, old.toJson())
            }
        }
    }
}
