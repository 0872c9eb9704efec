// The core's exports through the Swift bindings: DOT, Mermaid, the compliance table (CSV, Markdown, text; in
// Vietnamese and English) and the text report. ExportTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class ExportTests: XCTestCase {
    private func hanoi() throws -> Registry { try Registry.fromJson(json: Fixtures.hanoiText()) }

    /// The Hanoi registry with the city's and Thanh Xuân's plans of a second school year (and no school plan yet),
    /// so that a school-year scope selects and the compliance table has a row per year.
    private func twoYears() throws -> Registry {
        let registry = try hanoi()
        let city = try XCTUnwrap(registry.plan(id: "hn-2731-2020"))
        try registry.addPlan(plan: city.with {
            $0.id = "hn-2021"; $0.schoolYear = "2021-2022"; $0.number = "3001/KHLT-SGDĐT-CĐN"
        })
        let district = try XCTUnwrap(registry.plan(id: "tx-17-2020"))
        try registry.addPlan(plan: district.with {
            $0.id = "tx-2021"; $0.schoolYear = "2021-2022"; $0.number = "20/KHPH-GD&ĐT-LĐLĐ"
            $0.implements = ["hn-2021"]
        })
        return registry
    }

    private let nextYear: Set<String> = ["hn-2021", "tx-2021"]

    func testDOTAndMermaidOfTheWholeRegistryNameEveryPlan() throws {
        let registry = try twoYears()
        let ids = registry.plans().map(\.id)
        XCTAssertEqual(ids.count, 9)
        let dot = try registry.dot(scope: .all)
        XCTAssertTrue(dot.hasPrefix("digraph kehoach {"), dot)
        XCTAssertTrue(dot.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("}"), dot)
        let mermaid = try registry.mermaid(scope: .all)
        XCTAssertTrue(lines(mermaid).contains("flowchart BT"), mermaid)
        for id in ids {
            XCTAssertTrue(dot.contains(id), "\(id) is missing from the DOT output")
            XCTAssertTrue(mermaid.contains(id), "\(id) is missing from the Mermaid output")
        }
        // One node per plan in DOT (p0, p1, …), and the plan that failed its quorum is filled red.
        XCTAssertEqual(matchCount(#"^\s+p\d+ \[label="#, in: dot, options: .anchorsMatchLines), ids.count, dot)
        XCTAssertEqual(matchCount(##"p\d+ \[label="[^"]*tx-th-kg-2020[^\]]*fillcolor="#f6c1c1""##, in: dot), 1, dot)
        // Deterministic: the same text again, and from the registry saved and loaded again.
        assertSameBytes(try registry.dot(scope: .all), dot)
        let again = try Registry.fromJson(json: registry.toJson())
        assertSameBytes(try again.dot(scope: .all), dot)
        assertSameBytes(try again.mermaid(scope: .all), mermaid)
    }

    func testASchoolYearOrAPlanScopesTheTree() throws {
        let registry = try twoYears()
        let year2020 = try registry.dot(scope: .schoolYear(schoolYear: "2020-2021"))
        let year2021 = try registry.mermaid(scope: .schoolYear(schoolYear: "2021-2022"))
        let ids = registry.plans().map(\.id)
        for id in ids {
            XCTAssertEqual(year2020.contains(id), !nextYear.contains(id), id)
            XCTAssertEqual(year2021.contains(id), nextYear.contains(id), id)
        }
        let under = try registry.dot(scope: .under(plan: "tx-17-2020"))
        XCTAssertEqual(ids.filter { under.contains($0) },
                       ["tx-17-2020", "tx-thcs-nc-2020", "tx-th-kg-2020", "tx-th-nt-2020", "tx-mn-kt-2020",
                        "tx-thcs-kd-2020"])
        let nextUnder = try registry.mermaid(scope: .under(plan: "hn-2021"))
        XCTAssertEqual(Set(ids.filter { nextUnder.contains($0) }), nextYear)
    }

    func testATreeScopeAndAProfilePrintAsTheyAreWritten() {
        XCTAssertEqual(String(describing: TreeScope.all), "all")
        XCTAssertEqual("\(TreeScope.schoolYear(schoolYear: "2020-2021"))", #"schoolYear(schoolYear: "2020-2021")"#)
        XCTAssertEqual("\(TreeScope.under(plan: "tx-17-2020"))", #"under(plan: "tx-17-2020")"#)
        XCTAssertEqual(TreeScope.under(plan: "tx-17-2020"), .under(plan: "tx-17-2020"))
        XCTAssertEqual(Profile.allCases.map { "\($0)" }, ["threeTier2020", "twoTier2025"])
    }

    func testAnUnknownPlanOrAnUnreadableSchoolYearIsATypedError() throws {
        let registry = try hanoi()
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.dot(scope: .under(plan: "no-such-plan")) },
                       .UnknownPlan(id: "no-such-plan"))
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.mermaid(scope: .under(plan: "")) },
                       .UnknownPlan(id: ""))
        XCTAssertEqual(assertThrows(QueryError.self) { try registry.dot(scope: .schoolYear(schoolYear: "2020-2022")) },
                       .SchoolYear(value: "2020-2022"))
        // The refusal changed nothing: the registry still exports.
        XCTAssertTrue(try registry.dot(scope: .under(plan: "tx-17-2020")).contains("tx-17-2020"))
    }

    func testTheComplianceTableAsCSVParsesWithItsHeaderAndOneRowPerManagingUnitAndYear() throws {
        let registry = try twoYears()
        let compliance = registry.compliance()
        // tx-pgd in 2020-2021, and in 2021-2022, where its five schools have no plan yet.
        XCTAssertEqual(compliance.map(\.schoolYear), ["2020-2021", "2021-2022"])
        for language in Language.allCases {
            let csv = registry.complianceTable(format: .csv, language: language)
            XCTAssertTrue(csv.utf8.reversed().starts(with: "\r\n".utf8.reversed()), "RFC 4180 line ends")
            let rows = parseCsv(csv)
            XCTAssertEqual(rows.first, ["managing_unit", "managing_unit_name", "school_year", "schools", "conforming",
                                        "with_errors", "without_plan", "percent_conforming"])
            let body = Array(rows.dropFirst())
            XCTAssertEqual(body.count, compliance.count)
            for (row, c) in zip(body, compliance) {
                XCTAssertEqual(row.count, 8, "\(row)")
                guard row.count == 8 else { continue }
                XCTAssertEqual(row[0], c.managingUnit)
                XCTAssertEqual(row[1], registry.unit(id: c.managingUnit)?.name)
                XCTAssertEqual(row[2], c.schoolYear)
                XCTAssertEqual(Array(row[3..<7]), [c.schools, c.conforming, c.withErrors, c.withoutPlan].map { "\($0)" })
                XCTAssertEqual(try XCTUnwrap(Double(row[7]), row[7]), c.percentConforming, accuracy: 0.05)
            }
        }
        let rows = parseCsv(registry.complianceTable(format: .csv, language: .en)).dropFirst().map {
            $0.enumerated().filter { $0.offset != 1 }.map(\.element)
        }
        XCTAssertEqual(rows.first, ["tx-pgd", "2020-2021", "5", "3", "1", "1", "60.0"])
        XCTAssertEqual(rows.dropFirst().first, ["tx-pgd", "2021-2022", "5", "0", "0", "5", "0.0"])
    }

    func testTheComplianceTableAsMarkdownAndTextInVietnameseAndEnglish() throws {
        let registry = try hanoi()
        let vi = registry.complianceTable(format: .markdown, language: .vi)
        let viRows = lines(vi).filter { $0.hasPrefix("|") }
        XCTAssertEqual(viRows.count, 3, vi) // header, separator, tx-pgd
        guard viRows.count == 3 else { return }
        XCTAssertTrue(viRows[1].hasPrefix("| --- |"), vi)
        XCTAssertTrue(viRows[2].contains(
            "| tx-pgd | Phòng Giáo dục và Đào tạo quận Thanh Xuân | 2020-2021 | 5 | 3 | 1 | 1 | 60,0% |"), vi)
        let en = registry.complianceTable(format: .markdown, language: .en)
        XCTAssertTrue(lines(en).first?.contains("School year") == true, en)
        XCTAssertTrue(en.contains("| 60.0% |"), en)
        let text = registry.complianceTable(format: .text, language: .vi)
        XCTAssertTrue(lines(text).first?.hasPrefix("Đơn vị quản lý") == true, text)
        XCTAssertTrue(lines(text).contains {
            $0.hasPrefix("tx-pgd") && $0.trimmingCharacters(in: .whitespaces).hasSuffix("60,0%")
        }, text)
        XCTAssertTrue(lines(registry.complianceTable(format: .text, language: .en)).first?.hasPrefix("Managing unit")
                      == true)

        // Both formats in both languages: one row per managing unit and year, ending in its figures, the percentage
        // written with the language's decimal mark.
        let compliance = registry.compliance()
        XCTAssertFalse(compliance.isEmpty)
        for language in Language.allCases {
            for format in [TableFormat.markdown, .text] {
                let table = registry.complianceTable(format: format, language: language)
                for c in compliance {
                    let rows = lines(table).filter { $0.contains(c.managingUnit) && $0.contains(c.schoolYear) }
                    XCTAssertEqual(rows.count, 1, table)
                    let cells = rows.first?.split(whereSeparator: { $0 == "|" || $0 == " " }).map(String.init) ?? []
                    let percent = String(format: "%.1f%%", c.percentConforming)
                    let figures = [c.schools, c.conforming, c.withErrors, c.withoutPlan].map { "\($0)" }
                        + [language == .vi ? percent.replacingOccurrences(of: ".", with: ",") : percent]
                    XCTAssertEqual(Array(cells.suffix(5)), figures, "\(format) \(language): \(table)")
                    XCTAssertTrue(rows.first?.contains(registry.unit(id: c.managingUnit)?.name ?? "?") == true, table)
                }
            }
        }
    }

    func testTheTextReportNamesTheQuorumFindingOfTxThKg2020InBothLanguages() throws {
        let registry = try hanoi()
        let quorums = registry.validate().findings.filter { $0.rule == .staffConferenceQuorum }
        XCTAssertEqual(quorums.count, 1, "\(quorums)")
        let finding = try XCTUnwrap(quorums.first)
        XCTAssertEqual(finding.subject.id, "tx-th-kg-2020")

        let vi = registry.textReport(language: .vi)
        XCTAssertTrue(vi.hasPrefix("BÁO CÁO KIỂM TRA KẾ HOẠCH PHỐI HỢP"), vi)
        XCTAssertTrue(vi.contains("Kết luận: KHÔNG ĐẠT — 1 lỗi, 1 cảnh báo, 0 thông tin"), vi)
        XCTAssertTrue(vi.contains("Kế hoạch tx-th-kg-2020 — 09/KHPH-THKG-CĐ"), vi)
        XCTAssertTrue(vi.contains("[lỗi] staff-conference-quorum"), vi)
        XCTAssertTrue(vi.contains(finding.message.vi), vi)

        let en = registry.textReport(language: .en)
        XCTAssertTrue(en.contains("Verdict: DOES NOT CONFORM — 1 error, 1 warning, 0 info"), en)
        XCTAssertTrue(en.contains("Plan tx-th-kg-2020 — 09/KHPH-THKG-CĐ"), en)
        XCTAssertTrue(en.contains("[error] staff-conference-quorum"), en)
        XCTAssertTrue(en.contains(finding.message.en), en)
        XCTAssertFalse(en.contains(finding.message.vi), en)
        // The legal basis is printed once, not under the finding.
        XCTAssertEqual(occurrences(of: finding.basis, in: en), 1, en)

        // Fixing the quorum removes the finding from the report: the exports follow the edits.
        let plan = try XCTUnwrap(registry.plan(id: "tx-th-kg-2020"))
        _ = try registry.replacePlan(plan: plan.with {
            $0.approvals = $0.approvals.map { approval in
                guard case let .staffConference(heldOn, staffTotal, _, _, votesAgainst) = approval else {
                    return approval
                }
                return .staffConference(heldOn: heldOn, staffTotal: staffTotal, attendees: 52, votesFor: 50,
                                        votesAgainst: votesAgainst)
            }
        })
        XCTAssertFalse(registry.textReport(language: .en).contains("staff-conference-quorum"))
        XCTAssertTrue(registry.textReport(language: .vi).contains("Kết luận: ĐẠT"))
    }

    /// RFC 4180: fields separated by commas, quoted when they hold a comma, a quote or a line break; every record
    /// ends with CRLF. Read by Unicode scalars, since Swift's `Character` joins "\r\n" into one.
    private func parseCsv(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if quoted && c == "\"" && next == "\"" {
                field.append("\"")
                i += 1
            } else if c == "\"" {
                quoted.toggle()
            } else if !quoted && c == "," {
                row.append(String(field))
                field = String.UnicodeScalarView()
            } else if !quoted && c == "\r" && next == "\n" {
                row.append(String(field))
                field = String.UnicodeScalarView()
                rows.append(row)
                row = []
                i += 1
            } else {
                field.append(c)
            }
            i += 1
        }
        XCTAssertTrue(field.isEmpty && row.isEmpty, "the CSV ends with CRLF", file: file, line: line)
        return rows
    }
}
