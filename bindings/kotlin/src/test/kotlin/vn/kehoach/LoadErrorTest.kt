package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
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

    @Test
    fun `a load error says the library's sentence with its fields`() {
        val e = assertThrows<LoadException.Invalid> {
            Registry.fromBytes(Fixtures.conformance("11-load-impossible-date.json").toByteArray())
        }
        assertEquals("${e.path}: ${e.detail}", e.message)
        assertTrue(e.message.startsWith("plans[1].issued_on: "), e.message)
        assertTrue(e.message.contains("2020-09-31"), e.message)
        assertEquals("vn.kehoach.LoadException\$Invalid: ${e.message}", e.toString())

        val syntax = assertThrows<LoadException.Syntax> { Registry.fromJson("{\n  \"format\": ,\n}") }
        assertEquals("line 2, column ${syntax.column}: invalid JSON: ${syntax.detail}", syntax.message)
        // Equal when the fields are: the same document fails the same way, from text or from bytes.
        val again = assertThrows<LoadException.Syntax> { Registry.fromBytes("{\n  \"format\": ,\n}".toByteArray()) }
        assertEquals(syntax, again)
        assertEquals(syntax.hashCode(), again.hashCode())
        assertEquals(LoadException.Format(null, "x"), LoadException.Format(null, "x"))
        assertNotEquals(LoadException.Format(null, "x"), LoadException.Format("y", "x"))
    }

    @Test
    fun `a document with a lone surrogate is refused before it is loaded`() {
        val text = Fixtures.conformance("01-clean-three-levels.json")
        val cut = text.replaceFirst("\"title\": \"", "\"title\": \"\uD83D")
        assertTrue(cut != text)
        val e = assertThrows<IllegalArgumentException> { Registry.fromJson(cut) }
        assertEquals(null, (e as NotUnicodeException).field, "an argument, not a field of a record")
        assertTrue(e.message.contains("lone surrogate (\\uD83D at index ${cut.indexOf('\uD83D')})"), e.message)
        assertTrue(e.message.startsWith("the text \"…"), e.message)
        // An escaped lone surrogate in the JSON text itself is the parser's to refuse, with a typed error.
        val escaped = text.replaceFirst("\"title\": \"", "\"title\": \"\\ud83d")
        assertThrows<LoadException.Syntax> { Registry.fromJson(escaped) }
        Registry.fromJson(text).use { assertTrue(it.validate().conforms) }
    }
}
