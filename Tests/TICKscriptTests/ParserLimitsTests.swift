import Testing

@testable import TICKscript

/// Scripts nested past the parser's limit: an error with the place, never a stack overflow.
@Suite struct ParserLimitsTests {
    private func message(_ script: String) -> String? {
        do {
            _ = try TickParser.parse(script)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func tenThousandParenthesesInALambdaAreAnError() {
        let script =
            "stream|from().where(lambda: " + String(repeating: "(", count: 10_000) + "\"v\" > 1"
            + String(repeating: ")", count: 10_000) + ")"
        let depth = TickParser.maximumDepth
        // The links `|from` and `.where` and where's arguments hold three levels: the (depth - 2)th parenthesis,
        // at column 28 + (depth - 2), is one too many.
        #expect(message(script) == "1:\(28 + depth - 2): expression nested too deeply (more than \(depth) levels)")
    }

    @Test func unaryOperatorsListsAndChainsCountAsDepth() {
        #expect(message("var x = " + String(repeating: "!", count: 5_000) + "TRUE")?.contains("nested too deeply") == true)
        #expect(message("var l = " + String(repeating: "[", count: 5_000))?.contains("nested too deeply") == true)
        #expect(message("stream" + String(repeating: "|log()", count: 5_000))?.contains("nested too deeply") == true)
        #expect(message("var x = " + Array(repeating: "1", count: 5_000).joined(separator: " + "))?.contains("nested too deeply") == true)
    }

    @Test func ordinaryScriptsStayWellInside() {
        let chain = "stream|from().measurement('cpu')" + String(repeating: "|window().period(10s).every(10s)", count: 50)
        #expect(message(chain) == nil)
    }
}
