// The rule catalogue, severity overrides and document numbers: CatalogueTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class CatalogueTests: XCTestCase {
    func testTheRuleCatalogueListsEveryRuleOnceInCodeOrder() throws {
        let rules = ruleCatalogue(profile: .threeTier2020)
        XCTAssertEqual(rules.count, 27)
        XCTAssertEqual(rules.map(\.code), rules.map(\.code).sorted())
        XCTAssertEqual(Set(rules.map(\.code)).count, rules.count)
        for rule in rules {
            XCTAssertFalse(rule.titleVi.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, rule.code)
            XCTAssertFalse(rule.titleEn.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, rule.code)
            XCTAssertFalse(rule.basis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, rule.code)
        }
        let quorums = rules.filter { $0.code == "staff-conference-quorum" }
        XCTAssertEqual(quorums.count, 1)
        let quorum = try XCTUnwrap(quorums.first)
        XCTAssertEqual(quorum.family, .staffConference)
        XCTAssertEqual(quorum.defaultSeverity, .error)
        XCTAssertEqual(quorum.rule, .staffConferenceQuorum)
        XCTAssertEqual(ruleInfo(rule: .staffConferenceQuorum, profile: .twoTier2025).code, quorum.code)
        // Each rule is an enum case with its code, and the code names it back.
        XCTAssertEqual(rules.map(\.rule), Rule.allCases)
        for info in rules {
            XCTAssertEqual(info.rule.code, info.code)
            XCTAssertEqual(Rule(code: info.code), info.rule)
        }
        XCTAssertNil(Rule(code: "no-such-rule"))
        let unknown = assertThrows(InvalidValueError.self) { try ruleFromCode(code: "no-such-rule") }
        XCTAssertEqual(unknown, .UnknownRule(code: "no-such-rule"))
    }

    func testSeverityOverridesChangeWhatValidationReports() throws {
        let registry = try Hanoi.registry()
        _ = try registry.replacePlan(plan: Hanoi.schoolPlan.with { $0.number = "15/khph-THCSNC-CĐ" })
        func numberFindings() -> [Finding] {
            registry.validate().findings.filter { $0.rule == .documentNumberFormat }
        }
        let before = numberFindings()
        XCTAssertEqual(before.count, 1, "\(before)")
        XCTAssertEqual(before.first?.severity, .error)

        registry.setOverride(rule: .documentNumberFormat, level: .info)
        XCTAssertEqual(registry.severity(rule: .documentNumberFormat), .info)
        XCTAssertEqual(numberFindings().map(\.severity), [.info])
        XCTAssertTrue(registry.validate().conforms)

        registry.setOverride(rule: .documentNumberFormat, level: .off)
        XCTAssertNil(registry.severity(rule: .documentNumberFormat))
        XCTAssertEqual(numberFindings(), [])
        XCTAssertEqual(registry.overrides(), [RuleOverride(rule: .documentNumberFormat, level: .off)])
        XCTAssertTrue(registry.toJson().contains("\"document-number-format\": \"off\""))

        registry.setOverride(rule: .documentNumberFormat, level: nil)
        XCTAssertEqual(registry.overrides(), [])
        XCTAssertEqual(numberFindings(), before)

        let refused = assertThrows(InvalidValueError.self) {
            registry.setOverride(rule: try ruleFromCode(code: "no-such-rule"), level: .off)
        }
        guard case let .UnknownRule(code)? = refused else { return XCTFail("\(String(describing: refused))") }
        XCTAssertEqual(code, "no-such-rule")
    }

    func testDocumentNumbersAreParsedAsTheRulesParseThem() throws {
        let spaced = try documentNumber(number: "41 /KHLT-SGDĐT-CĐGDT")
        XCTAssertTrue(spaced.wellFormed)
        XCTAssertTrue(spaced.hasSpacing)
        XCTAssertEqual(spaced.canonical, "41/KHLT-SGDĐT-CĐGDT")
        XCTAssertEqual(spaced.documentType, "KHLT")
        let unpadded = try documentNumber(number: "5/HD-SGDĐT")
        XCTAssertFalse(unpadded.wellFormed)
        let defect = try XCTUnwrap(unpadded.defect)
        XCTAssertTrue(defect.en.contains("05"), defect.en)
        XCTAssertTrue(defect.vi.contains("05"), defect.vi)
        let empty = assertThrows(InvalidValueError.self) { try documentNumber(number: "") }
        guard case .Empty? = empty else { return XCTFail("\(String(describing: empty))") }
    }
}
