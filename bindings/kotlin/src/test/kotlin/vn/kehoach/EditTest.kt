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
                            Approval.StaffConference(LocalDate.of(2020, 9, 25), 48, 40, 37),
                            Approval.StaffConference(LocalDate.of(2020, 9, 26), 2_000_000, 40, 37),
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
                approvals = listOf(Approval.StaffConference(LocalDate.of(2020, 9, 25), 48, 20, 19)),
            )
            assertEquals(Hanoi.schoolPlan, registry.replacePlan(quorumless))
            val quorum = registry.validate().findings.single()
            assertEquals(Rule.STAFF_CONFERENCE_QUORUM, quorum.rule)
            assertEquals(Subject(SubjectKind.PLAN, "tx-thcs-nc-2020"), quorum.subject)

            assertEquals(quorumless, registry.removePlan("tx-thcs-nc-2020"))
            assertEquals(2, registry.planCount())

            val removed = registry.removeUnit("tx-ldld")
            assertEquals(UnitRole.Union(UnionKind.LABOUR_FEDERATION), removed.role)
            val dangling = registry.validate()
            assertFalse(dangling.conforms)
            assertTrue(dangling.findings.any { it.rule == Rule.UNIT_UNKNOWN_REFERENCE && it.subject.id == "tx-pgd" })

            registry.addUnit(removed)
            registry.addPlan(Hanoi.schoolPlan)
            assertTrue(registry.validate().conforms)
        }
    }

    @Test
    fun `an error says the library's sentence`() {
        Hanoi.registry().use { registry ->
            val duplicate = assertThrows<EditException.DuplicatePlan> { registry.addPlan(Hanoi.schoolPlan) }
            val sentence = "plan \"tx-thcs-nc-2020\" already exists; replace it or remove it first"
            assertEquals(sentence, duplicate.message)
            assertEquals(sentence, duplicate.localizedMessage)
            assertEquals("tx-thcs-nc-2020", duplicate.id)
            // toString() and a stack trace read as for any JVM exception: the class, then the sentence.
            assertEquals("vn.kehoach.EditException\$DuplicatePlan: $sentence", duplicate.toString())

            val invalid = assertThrows<EditException.Invalid> { registry.replaceUnit(Hanoi.units[4].copy(name = "")) }
            assertEquals("${invalid.subject}, field ${invalid.field}: ${invalid.detail}", invalid.message)
            assertEquals("name", invalid.field)
            val query = assertThrows<QueryException.UnknownPlan> { registry.ancestors("no-such-plan") }
            assertEquals("there is no plan \"no-such-plan\"", query.message)
            val rule = assertThrows<InvalidValueException.UnknownRule> { ruleFromCode("no-such-rule") }
            assertEquals("there is no rule \"no-such-rule\"", rule.message)

            // Exceptions are equal when their class and fields are, with equal hash codes.
            val again = assertThrows<EditException.DuplicatePlan> { registry.addPlan(Hanoi.schoolPlan) }
            assertTrue(again !== duplicate)
            assertEquals(duplicate, again)
            assertEquals(duplicate.hashCode(), again.hashCode())
            assertEquals(EditException.DuplicatePlan("tx-thcs-nc-2020"), duplicate)
            assertNotEquals(EditException.DuplicatePlan("tx-17-2020"), duplicate)
            assertNotEquals(EditException.UnknownPlan("tx-thcs-nc-2020"), duplicate)
            assertNotEquals(QueryException.UnknownPlan("no-such-plan"), EditException.UnknownPlan("no-such-plan"))
            assertEquals(setOf(duplicate), setOf(again, EditException.DuplicatePlan("tx-thcs-nc-2020")))
        }
    }

    @Test
    fun `a text with a lone surrogate is refused and changes nothing`() {
        val cut = "Kế hoạch \uD83D" // a title cut in the middle of an emoji (U+1F4DA is \uD83D\uDCDA)
        Hanoi.registry().use { registry ->
            val edit = refusedAndUnchanged<NotUnicodeException>(registry) {
                registry.replacePlan(Hanoi.schoolPlan.copy(title = cut))
            }
            val argumentError: IllegalArgumentException = edit // what a caller catches
            assertEquals(edit.message, argumentError.message)
            assertEquals("title", edit.field)
            assertEquals(cut, edit.text)
            assertEquals(
                "field title: the text \"Kế hoạch \\uD83D\" is not valid Unicode: it holds a lone surrogate " +
                    "(\\uD83D at index 9), half of a character such as an emoji, as when a text is cut in the middle " +
                    "of one; nothing was sent to the library",
                edit.message,
            )
            val area = refusedAndUnchanged<NotUnicodeException>(registry) {
                registry.replacePlan(Hanoi.schoolPlan.copy(contentAreas = listOf(ContentArea("1", cut))))
            }
            assertEquals("contentAreas.title", area.field)
            val unit = refusedAndUnchanged<NotUnicodeException>(registry) {
                registry.addUnit(Hanoi.units[4].copy(id = "new", name = "\uDCDA Trường"))
            }
            assertEquals("name", unit.field)
            assertTrue(unit.message.contains("(\\uDCDA at index 0)"), unit.message)
            val lookUp = refusedAndUnchanged<NotUnicodeException>(registry) { registry.plan("tx-17-2020\uD83D") }
            assertEquals(null, lookUp.field)
            assertTrue(lookUp.message.startsWith("the text \"tx-17-2020\\uD83D\" is not valid Unicode"), lookUp.message)
            refusedAndUnchanged<IllegalArgumentException>(registry) { registry.removePlan("tx-17-2020\uD83D") }
            // The whole character is fine.
            registry.replacePlan(Hanoi.schoolPlan.copy(title = cut + "\uDCDA"))
            assertEquals(cut + "\uDCDA", registry.plan("tx-thcs-nc-2020")!!.title)
        }
    }

    @Test
    fun `copies are independent`() {
        Hanoi.registry().use { registry ->
            registry.copy().use { copy ->
                copy.removePlan("tx-thcs-nc-2020")
                assertEquals(2, copy.planCount())
                assertEquals(3, registry.planCount())
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
