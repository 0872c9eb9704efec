package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class LoadErrorTest {
    @Test
    fun `an impossible date is a typed exception naming the JSON path and the value`() {
        val e = assertThrows<LoadException.Invalid> {
            Registry.fromJson(Fixtures.conformance("11-load-impossible-date.json"))
        }
        assertEquals("plans[1].issued_on", e.path)
        assertTrue(e.detail.contains("2020-09-31"), e.detail)
        assertTrue((e.line ?: 0) > 0, "line ${e.line}")
    }

    @Test
    fun `a misplaced field and a negative count name their paths`() {
        val misplaced = assertThrows<LoadException.Invalid> {
            Registry.fromJson(Fixtures.conformance("12-load-misplaced-field.json"))
        }
        assertEquals("units[2].staff_count", misplaced.path)
        val negative = assertThrows<LoadException.Invalid> {
            Registry.fromJson(Fixtures.conformance("14-load-negative-count.json"))
        }
        assertEquals("plans[0].approvals[0].attendees", negative.path)
        assertTrue(negative.detail.contains("-1"), negative.detail)
    }

    @Test
    fun `a newer format, a syntax error and bad UTF-8 are told apart`() {
        val newer = assertThrows<LoadException.Format> {
            Registry.fromJson(Fixtures.conformance("13-load-newer-format.json"))
        }
        assertEquals("kehoach/registry@3", newer.found)

        val syntax = assertThrows<LoadException.Syntax> {
            Registry.fromJson("{\n  \"format\": \"kehoach/registry@1\",\n  \"units\": [,]\n}")
        }
        assertEquals(3, syntax.line)
        assertTrue(syntax.column > 0)

        val bytes = assertThrows<LoadException.Syntax> { Registry.fromBytes(byteArrayOf(0xff.toByte(), 0x7b)) }
        assertEquals(1, bytes.line)

        val unknown = assertThrows<LoadException.Invalid> {
            Registry.fromJson("""{"format": "kehoach/registry@1", "units": [], "plans": [], "colour": 1}""")
        }
        assertEquals("colour", unknown.path)
        assertNull(assertThrows<LoadException.Format> { Registry.fromJson("[]") }.found)
    }
}
