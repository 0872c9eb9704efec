package vn.kehoach

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.StandardOpenOption

/** The conformance examples of the repository, read through the bindings: the same findings as the core's tests. */
class ConformanceTest {
    private fun expectation(input: File): JSONObject =
        JSONObject(File(input.parentFile, input.name.removeSuffix(".json") + ".expect.json").readText())

    private fun Finding.asExpected(): Map<String, Any?> = mapOf(
        "rule" to rule.code,
        "severity" to severity.name.lowercase(),
        "kind" to subject.kind.name.lowercase(),
        "id" to subject.id,
        "field" to field,
    )

    private fun JSONObject.asExpected(): Map<String, Any?> = mapOf(
        "rule" to getString("rule"),
        "severity" to getString("severity"),
        "kind" to getJSONObject("subject").getString("kind"),
        "id" to getJSONObject("subject").getString("id"),
        "field" to optString("field").ifEmpty { null },
    )

    @TestFactory
    fun `every example gives exactly its expected findings or load error`(): List<DynamicTest> {
        val inputs = Fixtures.conformanceInputs()
        assertTrue(inputs.size >= 15, "conformance examples: ${inputs.size}")
        return inputs.map { input ->
            DynamicTest.dynamicTest(input.name) {
                val expect = expectation(input)
                val bytes = input.readBytes()
                if (expect.getInt("exit") == 2) {
                    val error = assertThrows<LoadException> { Registry.fromBytes(bytes) }
                    val shown = when (error) {
                        is LoadException.Syntax -> "${error.line}:${error.column} ${error.detail}"
                        is LoadException.Format -> "format ${error.found} ${error.detail}"
                        is LoadException.Invalid -> "${error.path} ${error.detail}"
                        is LoadException.Limit -> "limit ${error.name} ${error.value}"
                    }
                    for (needle in expect.getJSONArray("stderr_names")) {
                        assertTrue(shown.contains(needle as String), "$shown does not name $needle")
                    }
                } else {
                    Registry.fromBytes(bytes).use { registry ->
                        val report = registry.validate()
                        val want = expect.optJSONArray("findings")?.map { (it as JSONObject).asExpected() } ?: emptyList()
                        assertEquals(want, report.findings.map { it.asExpected() })
                        assertEquals(expect.getInt("exit") == 0, report.conforms)
                        assertEquals(report.findings.count { it.severity == Severity.ERROR }, report.counts.error)
                        assertEquals(report.findings.count { it.severity == Severity.WARNING }, report.counts.warning)
                        assertEquals(report.findings.count { it.severity == Severity.INFO }, report.counts.info)
                    }
                }
            }
        }
    }

    @Test
    fun `from buffer loads every example as from bytes does`() {
        var loaded = 0
        for (input in Fixtures.conformanceInputs()) {
            val bytes = input.readBytes()
            val viaBytes = runCatching { Registry.fromBytes(bytes) }
            val viaBuffer = runCatching { Registry.fromBuffer(Fixtures.direct(bytes)) }
            if (viaBytes.isSuccess) {
                val (a, b) = viaBytes.getOrThrow() to viaBuffer.getOrThrow()
                assertEquals(a.toJson(), b.toJson(), input.name)
                assertEquals(a.validate(), b.validate(), input.name)
                a.close()
                b.close()
                loaded += 1
            } else {
                val error = viaBuffer.exceptionOrNull()
                assertTrue(error is LoadException, "${input.name}: $error")
                assertEquals(viaBytes.exceptionOrNull(), error, input.name)
            }
        }
        assertTrue(loaded >= 10, "loaded $loaded")
        val empty = assertThrows<LoadException.Syntax> { Registry.fromBuffer(ByteBuffer.allocateDirect(0)) }
        assertEquals(1, empty.line)
    }

    @Test
    fun `a buffer is read from its start to its end`() {
        val document = Fixtures.hanoiData.readBytes()
        val expected = Registry.fromBytes(document).use { it.toJson() }
        // A file mapped into memory is a direct buffer: the library reads the pages where they lie.
        FileChannel.open(Fixtures.hanoiData.toPath(), StandardOpenOption.READ).use { file ->
            val mapped = file.map(FileChannel.MapMode.READ_ONLY, 0, file.size())
            Registry.fromBuffer(mapped).use { assertEquals(expected, it.toJson()) }
        }
        // Between other bytes: a slice starts where the document starts and ends where it ends.
        val around = Fixtures.direct("garbage [".toByteArray() + document + "} more".toByteArray())
        val slice = around.position(9).limit(9 + document.size).slice()
        Registry.fromBuffer(slice).use { assertEquals(expected, it.toJson()) }
        // The slice's first byte changed, what loads changes: the library reads the bytes as they are now.
        slice.put(0, '['.code.toByte())
        assertThrows<LoadException.Syntax> { Registry.fromBuffer(slice) }
        // A buffer on the JVM heap has no fixed address to lend: refused before anything crosses.
        assertThrows<IllegalArgumentException> { Registry.fromBuffer(ByteBuffer.wrap(document)) }
    }

    @Test
    fun `each finding has its code, severity, subject and both messages`() {
        Registry.fromJson(Fixtures.conformance("02-school-plan-rules.json")).use { registry ->
            val report = registry.validate()
            assertEquals(false, report.conforms)
            val first = report.findings.first()
            assertEquals(Rule.PARENT_PLAN_MISSING, first.rule)
            assertEquals(Severity.ERROR, first.severity)
            assertEquals(Subject(SubjectKind.PLAN, "cg-th-yh-2020"), first.subject)
            assertEquals("implements", first.field)
            assertTrue(first.message.en.startsWith("Plan \"cg-th-yh-2020\""), first.message.en)
            assertTrue(first.message.vi.startsWith("Kế hoạch \"cg-th-yh-2020\""), first.message.vi)
            assertTrue(first.basis.contains("Luật Công đoàn 2012"), first.basis)
            for (finding in report.findings) {
                assertTrue(finding.message.en.contains(finding.subject.id), finding.message.en)
                assertTrue(finding.message.vi.contains(finding.subject.id), finding.message.vi)
                assertNotEquals(finding.message.en, finding.message.vi)
                assertTrue(finding.basis.isNotBlank())
                assertEquals(finding.rule.code, ruleInfo(finding.rule, registry.profile()).code)
            }
            // The JSON report the core writes says the same.
            val json = JSONObject(registry.validateToJson())
            assertEquals(reportFormat(), json.getString("format"))
            assertEquals(report.findings.size, json.getJSONArray("findings").length())
            val firstJson = json.getJSONArray("findings").getJSONObject(0)
            assertEquals(first.message.vi, firstJson.getJSONObject("message").getString("vi"))
        }
    }

    @Test
    fun `the Hanoi data file has one quorum error`() {
        Registry.fromJson(Fixtures.hanoiData.readText()).use { registry ->
            val errors = registry.validate().findings.filter { it.severity == Severity.ERROR }
            assertEquals(listOf(Rule.STAFF_CONFERENCE_QUORUM), errors.map { it.rule })
            assertEquals(SubjectKind.PLAN, errors.single().subject.kind)
        }
    }

    @Test
    fun `the two-tier profile of 2025 is read and kept`() {
        Registry.fromJson(Fixtures.conformance("09-two-tier-2025.json")).use { registry ->
            assertEquals(Profile.TWO_TIER_2025, registry.profile())
            assertTrue(registry.toJson().contains("\"profile\": \"two-tier-2025\""))
        }
    }
}
