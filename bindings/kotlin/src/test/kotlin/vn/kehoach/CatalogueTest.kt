package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class CatalogueTest {
    @Test
    fun `the rule catalogue lists every rule once, in code order`() {
        val rules = ruleCatalogue(Profile.THREE_TIER_2020)
        assertEquals(27, rules.size)
        assertEquals(rules.map { it.code }.sorted(), rules.map { it.code })
        assertEquals(rules.size, rules.map { it.code }.toSet().size)
        assertTrue(rules.all { it.titleVi.isNotBlank() && it.titleEn.isNotBlank() && it.basis.isNotBlank() })
        val quorum = rules.single { it.code == "staff-conference-quorum" }
        assertEquals(RuleFamily.STAFF_CONFERENCE, quorum.family)
        assertEquals(Severity.ERROR, quorum.defaultSeverity)
        assertEquals(Rule.STAFF_CONFERENCE_QUORUM, quorum.rule)
        assertEquals(quorum.code, ruleInfo(Rule.STAFF_CONFERENCE_QUORUM, Profile.TWO_TIER_2025).code)
        // Each rule is an enum constant with its code, and the code names it back.
        assertEquals(Rule.entries.toList(), rules.map { it.rule })
        for (info in rules) {
            assertEquals(info.code, info.rule.code)
            assertEquals(info.rule, ruleFromCode(info.code))
        }
        assertThrows<InvalidValueException.UnknownRule> { ruleFromCode("no-such-rule") }
    }

    @Test
    fun `severity overrides change what validation reports`() {
        Hanoi.registry().use { registry ->
            registry.replacePlan(Hanoi.schoolPlan.copy(number = "15/khph-THCSNC-CĐ"))
            val before = registry.validate().findings.single { it.rule == Rule.DOCUMENT_NUMBER_FORMAT }
            assertEquals(Severity.ERROR, before.severity)

            registry.setOverride(Rule.DOCUMENT_NUMBER_FORMAT, Level.INFO)
            assertEquals(Severity.INFO, registry.severity(Rule.DOCUMENT_NUMBER_FORMAT))
            assertEquals(Severity.INFO, registry.validate().findings.single { it.rule == Rule.DOCUMENT_NUMBER_FORMAT }.severity)
            assertTrue(registry.validate().conforms)

            registry.setOverride(Rule.DOCUMENT_NUMBER_FORMAT, Level.OFF)
            assertNull(registry.severity(Rule.DOCUMENT_NUMBER_FORMAT))
            assertFalse(registry.validate().findings.any { it.rule == Rule.DOCUMENT_NUMBER_FORMAT })
            assertEquals(listOf(RuleOverride(Rule.DOCUMENT_NUMBER_FORMAT, Level.OFF)), registry.overrides())
            assertTrue(registry.toJson().contains("\"document-number-format\": \"off\""))

            registry.setOverride(Rule.DOCUMENT_NUMBER_FORMAT, null)
            assertEquals(emptyList<RuleOverride>(), registry.overrides())
            assertEquals(before, registry.validate().findings.single { it.rule == Rule.DOCUMENT_NUMBER_FORMAT })

            // A code read from elsewhere (a settings file) becomes a rule, or a typed error naming it.
            val e = assertThrows<InvalidValueException.UnknownRule> { registry.setOverride(ruleFromCode("no-such-rule"), Level.OFF) }
            assertEquals("no-such-rule", e.code)
        }
    }

    @Test
    fun `document numbers are parsed as the rules parse them`() {
        val spaced = documentNumber("41 /KHLT-SGDĐT-CĐGDT")
        assertTrue(spaced.wellFormed)
        assertTrue(spaced.hasSpacing)
        assertEquals("41/KHLT-SGDĐT-CĐGDT", spaced.canonical)
        assertEquals("KHLT", spaced.documentType)
        val unpadded = documentNumber("5/HD-SGDĐT")
        assertFalse(unpadded.wellFormed)
        val defect = unpadded.defect!!
        assertTrue(defect.en.contains("05"), defect.en)
        assertTrue(defect.vi.contains("05"), defect.vi)
        assertThrows<InvalidValueException.Empty> { documentNumber("") }
    }
}
