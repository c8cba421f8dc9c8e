import Foundation
import Testing

@testable import TICKscript

/// Parse errors with their exact text; `1️⃣` marks the expected position and is removed before parsing.
@Suite struct ErrorMessageTests {
    static let cases: [(String, String)] = [
        ("stream\n    |from(1️⃣", "unexpected end of script, expected an expression"),
        ("stream|from()1️⃣)", "unexpected ), expected an expression"),
        ("var 1️⃣= 5", "unexpected =, expected a variable name"),
        ("var x 1️⃣number", "unexpected number, expected \"=\" or a type (int, float, bool, string, duration, lambda, regex, list, star)"),
        ("dbrp 1️⃣'db'.'rp'", "unexpected 'db', expected a quoted database name (\"db\")"),
        ("dbrp \"db\"1️⃣\"rp\"", "unexpected \"rp\", expected \".\" between database and retention policy"),
        ("stream|1️⃣'from'()", "unexpected 'from', expected a method name after \"|\""),
        ("stream|from1️⃣", "unexpected end of script, expected \"(\" after from"),
        ("stream|from()\n  .where(1️⃣1.5s)", "invalid duration 1.5s"),
        ("var s = 1️⃣'unterminated", "unterminated string"),
        ("stream|from(1, 2 1️⃣3)", "unexpected 3, expected \",\" or \")\""),
        ("var l = ['a' 1️⃣'b']", "unexpected 'b', expected \",\" or \"]\""),
        ("var x = 5 1️⃣# 3", "unexpected character \"#\""),
    ]

    @Test(arguments: cases)
    func messageAndPosition(_ marked: String, _ message: String) throws {
        let marker = try #require(marked.range(of: "1️⃣"))
        let prefix = marked[..<marker.lowerBound]
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).count
        let column = (prefix.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0) + 1
        let script = marked.replacingCharacters(in: marker, with: "")
        do {
            _ = try TickParser.parse(script)
            Issue.record("parsed: \(script)")
        } catch {
            #expect(error.message == message)
            #expect(error.description == "\(line):\(column): \(message)")
        }
    }
}
