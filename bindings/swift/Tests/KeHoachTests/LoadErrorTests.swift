// Documents that cannot be loaded: typed `LoadError`s with the JSON path, the value, the line and the column.
// LoadErrorTest.kt in Swift.

import Foundation
import KeHoach
import XCTest

final class LoadErrorTests: XCTestCase {
    /// The line (from 1) of the first line of `text` that holds `needle`.
    private func lineNumber(of needle: String, in text: String) throws -> Int32 {
        let index = try XCTUnwrap(lines(text).firstIndex { $0.contains(needle) }, "\(needle) is not in the text")
        return Int32(index + 1)
    }

    func testAnImpossibleDateIsATypedExceptionNamingTheJSONPathAndTheValue() throws {
        let text = try Fixtures.conformance("11-load-impossible-date.json")
        let error = assertThrows(LoadError.self) { try Registry.fromJson(json: text) }
        guard case let .Invalid(path, detail, line, column)? = error else {
            return XCTFail("expected LoadError.Invalid, got \(String(describing: error))")
        }
        XCTAssertEqual(path, "plans[1].issued_on")
        XCTAssertTrue(detail.contains("2020-09-31"), detail)
        // The line and column point into the document, at the offending value.
        XCTAssertEqual(line, try lineNumber(of: "\"issued_on\": \"2020-09-31\"", in: text))
        XCTAssertGreaterThan(try XCTUnwrap(column), 0)
        // Loading the same bytes as `Data` fails alike.
        let fromBytes = assertThrows(LoadError.self) { try Registry.fromBytes(bytes: Data(text.utf8)) }
        XCTAssertEqual(fromBytes, error)
    }

    func testAMisplacedFieldAndANegativeCountNameTheirPaths() throws {
        let misplaced = assertThrows(LoadError.self) {
            try Registry.fromJson(json: Fixtures.conformance("12-load-misplaced-field.json"))
        }
        guard case let .Invalid(misplacedPath, _, _, _)? = misplaced else {
            return XCTFail("expected LoadError.Invalid, got \(String(describing: misplaced))")
        }
        XCTAssertEqual(misplacedPath, "units[2].staff_count")

        let text = try Fixtures.conformance("14-load-negative-count.json")
        let negative = assertThrows(LoadError.self) { try Registry.fromJson(json: text) }
        guard case let .Invalid(path, detail, line, column)? = negative else {
            return XCTFail("expected LoadError.Invalid, got \(String(describing: negative))")
        }
        XCTAssertEqual(path, "plans[0].approvals[0].attendees")
        XCTAssertTrue(detail.contains("-1"), detail)
        XCTAssertEqual(line, try lineNumber(of: "\"attendees\": -1", in: text))
        XCTAssertGreaterThan(try XCTUnwrap(column), 0)
    }

    func testANewerFormatASyntaxErrorAndBadUTF8AreToldApart() throws {
        let newer = assertThrows(LoadError.self) {
            try Registry.fromJson(json: Fixtures.conformance("13-load-newer-format.json"))
        }
        guard case let .Format(found, _)? = newer else {
            return XCTFail("expected LoadError.Format, got \(String(describing: newer))")
        }
        XCTAssertEqual(found, "kehoach/registry@3")

        let syntax = assertThrows(LoadError.self) {
            try Registry.fromJson(json: "{\n  \"format\": \"kehoach/registry@1\",\n  \"units\": [,]\n}")
        }
        guard case let .Syntax(line, column, _)? = syntax else {
            return XCTFail("expected LoadError.Syntax, got \(String(describing: syntax))")
        }
        XCTAssertEqual(line, 3)
        XCTAssertEqual(column, 13, "the comma after `  \"units\": [` is the 13th character of line 3")

        let bytes = assertThrows(LoadError.self) { try Registry.fromBytes(bytes: Data([0xff, 0x7b])) }
        guard case let .Syntax(bytesLine, _, _)? = bytes else {
            return XCTFail("expected LoadError.Syntax, got \(String(describing: bytes))")
        }
        XCTAssertEqual(bytesLine, 1)

        let unknown = assertThrows(LoadError.self) {
            try Registry.fromJson(json: #"{"format": "kehoach/registry@1", "units": [], "plans": [], "colour": 1}"#)
        }
        guard case let .Invalid(path, _, _, _)? = unknown else {
            return XCTFail("expected LoadError.Invalid, got \(String(describing: unknown))")
        }
        XCTAssertEqual(path, "colour")

        let notAnObject = assertThrows(LoadError.self) { try Registry.fromJson(json: "[]") }
        guard case let .Format(none, _)? = notAnObject else {
            return XCTFail("expected LoadError.Format, got \(String(describing: notAnObject))")
        }
        XCTAssertNil(none)
    }

    func testALoadErrorSaysTheLibrarysSentenceWithItsFields() throws {
        let error = try XCTUnwrap(assertThrows(LoadError.self) {
            try Registry.fromBytes(bytes: Data(Fixtures.conformance("11-load-impossible-date.json").utf8))
        })
        guard case let .Invalid(path, detail, _, _) = error else {
            return XCTFail("expected LoadError.Invalid, got \(error)")
        }
        XCTAssertEqual(String(describing: error), "\(path): \(detail)")
        XCTAssertEqual(error.description, "plans[1].issued_on: \(detail)")
        XCTAssertTrue(detail.contains("2020-09-31"), detail)

        let syntax = try XCTUnwrap(assertThrows(LoadError.self) { try Registry.fromJson(json: "{\n  \"format\": ,\n}") })
        guard case let .Syntax(line, column, syntaxDetail) = syntax else {
            return XCTFail("expected LoadError.Syntax, got \(syntax)")
        }
        XCTAssertEqual(line, 2)
        XCTAssertEqual("\(syntax)", "line 2, column \(column): invalid JSON: \(syntaxDetail)")
    }
}
