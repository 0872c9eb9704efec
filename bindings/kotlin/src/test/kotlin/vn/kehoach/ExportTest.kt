package vn.kehoach

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The core's exports through the bindings: DOT, Mermaid, the compliance table and the text report. */
class ExportTest {
    private fun hanoi(): Registry = Registry.fromJson(Fixtures.hanoiData.readText(Charsets.UTF_8))

    /**
     * The Hanoi registry with the city's and Thanh Xuân's plans of a second school year (and no school plan yet),
     * so that a school-year scope selects and the compliance table has a row per year.
     */
    private fun twoYears(): Registry {
        val registry = hanoi()
        val city = registry.plan("hn-2731-2020")!!
        registry.addPlan(city.copy(id = "hn-2021", schoolYear = "2021-2022", number = "3001/KHLT-SGDĐT-CĐN"))
        val district = registry.plan("tx-17-2020")!!
        registry.addPlan(
            district.copy(id = "tx-2021", schoolYear = "2021-2022", number = "20/KHPH-GD&ĐT-LĐLĐ", implements = listOf("hn-2021")),
        )
        return registry
    }

    private val nextYear = setOf("hn-2021", "tx-2021")

    @Test
    fun `DOT and Mermaid of the whole registry name every plan`() {
        twoYears().use { registry ->
            val ids = registry.plans().map { it.id }
            assertEquals(9, ids.size)
            val dot = registry.dot(TreeScope.All)
            assertTrue(dot.startsWith("digraph kehoach {") && dot.trimEnd().endsWith("}"), dot)
            val mermaid = registry.mermaid(TreeScope.All)
            assertTrue(mermaid.lines().any { it == "flowchart BT" }, mermaid)
            for (id in ids) {
                assertTrue(dot.contains(id), "$id is missing from the DOT output")
                assertTrue(mermaid.contains(id), "$id is missing from the Mermaid output")
            }
            // One node per plan in DOT (p0, p1, …), and the plan that failed its quorum is filled red.
            assertEquals(ids.size, Regex("""(?m)^\s+p\d+ \[label=""").findAll(dot).count())
            assertTrue(Regex("""p\d+ \[label="[^"]*tx-th-kg-2020[^\]]*fillcolor="#f6c1c1"""").containsMatchIn(dot), dot)
            // Deterministic: the same text again, and from the registry saved and loaded again.
            assertEquals(dot, registry.dot(TreeScope.All))
            Registry.fromJson(registry.toJson()).use { again ->
                assertEquals(dot, again.dot(TreeScope.All))
                assertEquals(mermaid, again.mermaid(TreeScope.All))
            }
        }
    }

    @Test
    fun `a school year or a plan scopes the tree`() {
        twoYears().use { registry ->
            val year2020 = registry.dot(TreeScope.SchoolYear("2020-2021"))
            val year2021 = registry.mermaid(TreeScope.SchoolYear("2021-2022"))
            for (id in registry.plans().map { it.id }) {
                assertEquals(id !in nextYear, year2020.contains(id), id)
                assertEquals(id in nextYear, year2021.contains(id), id)
            }
            val under = registry.dot(TreeScope.Under("tx-17-2020"))
            assertEquals(
                listOf("tx-17-2020", "tx-thcs-nc-2020", "tx-th-kg-2020", "tx-th-nt-2020", "tx-mn-kt-2020", "tx-thcs-kd-2020"),
                registry.plans().map { it.id }.filter { under.contains(it) },
            )
            val nextUnder = registry.mermaid(TreeScope.Under("hn-2021"))
            assertEquals(nextYear, registry.plans().map { it.id }.filter { nextUnder.contains(it) }.toSet())
        }
    }

    @Test
    fun `a tree scope and a profile print as they are written`() {
        // Unit variants are data objects (the project's uniffi-bindgen), the others data classes.
        assertEquals("All", TreeScope.All.toString())
        assertEquals("All", "${TreeScope.All}")
        assertEquals("SchoolYear(schoolYear=2020-2021)", TreeScope.SchoolYear("2020-2021").toString())
        assertEquals("Under(plan=tx-17-2020)", TreeScope.Under("tx-17-2020").toString())
        assertEquals(TreeScope.Under("tx-17-2020"), TreeScope.Under("tx-17-2020"))
        assertEquals("EducationOffice", AdministrationKind.EducationOffice.toString())
        // The year is a word of the constant's name (uniffi.toml), not glued to the word before it.
        assertEquals(listOf("THREE_TIER_2020", "TWO_TIER_2025"), Profile.entries.map { it.name })
        assertEquals("THREE_TIER_2020", "${Profile.THREE_TIER_2020}")
    }

    @Test
    fun `an unknown plan or an unreadable school year is a typed error`() {
        hanoi().use { registry ->
            val dot = assertThrows<QueryException.UnknownPlan> { registry.dot(TreeScope.Under("no-such-plan")) }
            assertEquals("no-such-plan", dot.id)
            val mermaid = assertThrows<QueryException.UnknownPlan> { registry.mermaid(TreeScope.Under("")) }
            assertEquals("", mermaid.id)
            val year = assertThrows<QueryException.SchoolYear> { registry.dot(TreeScope.SchoolYear("2020-2022")) }
            assertEquals("2020-2022", year.value)
            // The refusal changed nothing: the registry still exports.
            assertTrue(registry.dot(TreeScope.Under("tx-17-2020")).contains("tx-17-2020"))
        }
    }

    @Test
    fun `the compliance table as CSV parses with its header and one row per managing unit and year`() {
        twoYears().use { registry ->
            val compliance = registry.compliance()
            // tx-pgd in 2020-2021, and in 2021-2022, where its five schools have no plan yet.
            assertEquals(listOf("2020-2021", "2021-2022"), compliance.map { it.schoolYear })
            for (language in Language.entries) {
                val csv = registry.complianceTable(TableFormat.CSV, language)
                assertTrue(csv.endsWith("\r\n"), "RFC 4180 line ends")
                val rows = parseCsv(csv)
                assertEquals(
                    listOf(
                        "managing_unit", "managing_unit_name", "school_year", "schools", "conforming", "with_errors",
                        "without_plan", "percent_conforming",
                    ),
                    rows.first(),
                )
                val body = rows.drop(1)
                assertEquals(compliance.size, body.size)
                for ((row, c) in body.zip(compliance)) {
                    assertEquals(8, row.size, row.toString())
                    assertEquals(c.managingUnit, row[0])
                    assertEquals(registry.unit(c.managingUnit)!!.name, row[1])
                    assertEquals(c.schoolYear, row[2])
                    assertEquals(listOf(c.schools, c.conforming, c.withErrors, c.withoutPlan).map { it.toString() }, row.subList(3, 7))
                    assertEquals(c.percentConforming, row[7].toDouble(), 0.05)
                }
            }
            val rows = parseCsv(registry.complianceTable(TableFormat.CSV, Language.EN)).drop(1)
            assertEquals(listOf("tx-pgd", "2020-2021", "5", "3", "1", "1", "60.0"), rows[0].filterIndexed { i, _ -> i != 1 })
            assertEquals(listOf("tx-pgd", "2021-2022", "5", "0", "0", "5", "0.0"), rows[1].filterIndexed { i, _ -> i != 1 })
        }
    }

    @Test
    fun `the compliance table as Markdown and text, in Vietnamese and English`() {
        hanoi().use { registry ->
            val vi = registry.complianceTable(TableFormat.MARKDOWN, Language.VI)
            val viRows = vi.lines().filter { it.startsWith("|") }
            assertEquals(3, viRows.size, vi) // header, separator, tx-pgd
            assertTrue(viRows[1].startsWith("| --- |"), vi)
            assertTrue(viRows[2].contains("| tx-pgd | Phòng Giáo dục và Đào tạo quận Thanh Xuân | 2020-2021 | 5 | 3 | 1 | 1 | 60,0% |"), vi)
            val en = registry.complianceTable(TableFormat.MARKDOWN, Language.EN)
            assertTrue(en.lines().first().contains("School year"), en)
            assertTrue(en.contains("| 60.0% |"), en)
            val text = registry.complianceTable(TableFormat.TEXT, Language.VI)
            assertTrue(text.lines().first().startsWith("Đơn vị quản lý"), text)
            assertTrue(text.lines().any { it.startsWith("tx-pgd") && it.trimEnd().endsWith("60,0%") }, text)
        }
    }

    @Test
    fun `the text report names the quorum finding of tx-th-kg-2020 in both languages`() {
        hanoi().use { registry ->
            val finding = registry.validate().findings.single { it.rule == Rule.STAFF_CONFERENCE_QUORUM }
            assertEquals("tx-th-kg-2020", finding.subject.id)

            val vi = registry.textReport(Language.VI)
            assertTrue(vi.startsWith("BÁO CÁO KIỂM TRA KẾ HOẠCH PHỐI HỢP"), vi)
            assertTrue(vi.contains("Kết luận: KHÔNG ĐẠT — 1 lỗi, 1 cảnh báo, 0 thông tin"), vi)
            assertTrue(vi.contains("Kế hoạch tx-th-kg-2020 — 09/KHPH-THKG-CĐ"), vi)
            assertTrue(vi.contains("[lỗi] staff-conference-quorum"), vi)
            assertTrue(vi.contains(finding.message.vi), vi)

            val en = registry.textReport(Language.EN)
            assertTrue(en.contains("Verdict: DOES NOT CONFORM — 1 error, 1 warning, 0 info"), en)
            assertTrue(en.contains("Plan tx-th-kg-2020 — 09/KHPH-THKG-CĐ"), en)
            assertTrue(en.contains("[error] staff-conference-quorum"), en)
            assertTrue(en.contains(finding.message.en), en)
            assertFalse(en.contains(finding.message.vi), en)
            // The legal basis is printed once, not under the finding.
            assertEquals(1, Regex(Regex.escape(finding.basis)).findAll(en).count())

            // Fixing the quorum removes the finding from the report: the exports follow the edits.
            val plan = registry.plan("tx-th-kg-2020")!!
            registry.replacePlan(plan.copy(approvals = plan.approvals.map {
                if (it is Approval.StaffConference) it.copy(attendees = 52, votesFor = 50) else it
            }))
            assertFalse(registry.textReport(Language.EN).contains("staff-conference-quorum"))
            assertTrue(registry.textReport(Language.VI).contains("Kết luận: ĐẠT"))
        }
    }

    /** RFC 4180: fields separated by commas, quoted when they hold a comma, a quote or a line break. */
    private fun parseCsv(text: String): List<List<String>> {
        val rows = mutableListOf<List<String>>()
        var row = mutableListOf<String>()
        val field = StringBuilder()
        var quoted = false
        var i = 0
        while (i < text.length) {
            val c = text[i]
            when {
                quoted && c == '"' && i + 1 < text.length && text[i + 1] == '"' -> { field.append('"'); i++ }
                c == '"' -> quoted = !quoted
                !quoted && c == ',' -> { row.add(field.toString()); field.clear() }
                !quoted && c == '\r' && i + 1 < text.length && text[i + 1] == '\n' -> {
                    row.add(field.toString()); field.clear(); rows.add(row); row = mutableListOf(); i++
                }
                else -> field.append(c)
            }
            i++
        }
        assertTrue(field.isEmpty() && row.isEmpty(), "the CSV ends with CRLF")
        return rows
    }
}
