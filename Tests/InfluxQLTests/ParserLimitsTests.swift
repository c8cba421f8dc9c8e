import Testing

@testable import InfluxQL

/// Input sized or valued to hurt: nesting past the parser's limits, counts from bound parameters, long lines.
@Suite struct ParserLimitsTests {
    private func message(_ query: String, _ parameters: [String: BoundParameter] = [:]) -> String? {
        do {
            _ = try Parser.parse(query, parameters: parameters)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func nestedParenthesesPastTheLimitAreAnError() {
        let depth = Parser.maximumExpressionDepth
        let fits = "SELECT v FROM m WHERE " + String(repeating: "(", count: depth - 1) + "v = 1" + String(repeating: ")", count: depth - 1)
        #expect(message(fits) == nil)
        let deep = "SELECT v FROM m WHERE " + String(repeating: "(", count: 6_000) + "v = 1" + String(repeating: ")", count: 6_000)
        #expect(message(deep) == "expression nested too deeply (more than \(depth) levels) at line 1, char \(23 + depth)")
    }

    @Test func longOperatorChainsAndCallNestingCountAsDepth() {
        let chain = "SELECT v FROM m WHERE " + Array(repeating: "v = 1", count: 2_000).joined(separator: " AND ")
        #expect(message(chain)?.hasPrefix("expression nested too deeply") == true)
        let calls = "SELECT " + String(repeating: "abs(", count: 1_000) + "v" + String(repeating: ")", count: 1_000) + " FROM m"
        #expect(message(calls)?.hasPrefix("expression nested too deeply") == true)
    }

    @Test func subqueriesPastTheLimitAreAnError() {
        let deep = String(repeating: "SELECT v FROM (", count: 3_000) + "SELECT v FROM m" + String(repeating: ")", count: 3_000)
        #expect(message(deep) == "subqueries nested too deeply (more than \(Parser.maximumSubqueryDepth) levels) at line 1, char 495")
        let fits = String(repeating: "SELECT v FROM (", count: 3) + "SELECT v FROM m" + String(repeating: ")", count: 3)
        #expect(message(fits) == nil)
    }

    @Test(arguments: ["LIMIT", "OFFSET", "SLIMIT", "SOFFSET"])
    func negativeCountsFromBoundParametersAreInfluxDBsError(_ keyword: String) {
        #expect(
            message("SELECT v FROM m \(keyword) $o", ["o": .integer(-1)]) == "\(keyword) must be >= 0 at line 1, char \(18 + keyword.count)"
        )
    }

    @Test func negativeShowCountsAreAnErrorToo() {
        #expect(message("SHOW MEASUREMENTS OFFSET $o", ["o": .integer(-1)]) == "OFFSET must be >= 0 at line 1, char 26")
        #expect(message("SHOW SERIES LIMIT $o", ["o": .integer(-5)]) == "LIMIT must be >= 0 at line 1, char 19")
    }

    @Test func negatingTheSmallestBoundIntegerDoesNotTrap() throws {
        let statements = try Parser.parse("SELECT v FROM m WHERE v > -$x", parameters: ["x": .integer(Int64.min)])
        #expect(statements.count == 1)
    }

    @Test func positionsOnALongLineCountCharacters() {
        let fields = Array(repeating: "v", count: 20_000).joined(separator: ",")
        #expect(message("SELECT \(fields) FROM m") == nil)
        #expect(message("SELECT 'é', \"ü\" FRM m") == "found FRM, expected FROM at line 1, char 17")
    }
}
