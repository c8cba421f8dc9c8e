import Testing

@testable import TICKscript

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [TickToken.Kind] {
        TickLexer.tokens(text).map(\.kind).dropLast().map { $0 }
    }

    @Test func numbersDurationsAndOctal() {
        #expect(kinds("12 3.5 0644") == [.integer(12), .number(3.5), .integer(420)])
        #expect(kinds(".5") == [.number(0.5)])
        #expect(
            kinds("10s 5m 1h 1d 1w 1u 1µ 1ms") == [
                .duration(10_000_000_000), .duration(300_000_000_000), .duration(3_600_000_000_000), .duration(86_400_000_000_000),
                .duration(604_800_000_000_000), .duration(1000), .duration(1000), .duration(1_000_000),
            ])
        #expect(TickLexer.tokens("1.5s").first?.kind == .illegal)
        #expect(TickLexer.tokens("1h30m").first?.text == "invalid duration 1h30m")
        #expect(TickLexer.tokens("5ns").first?.kind == .illegal)
    }

    @Test func stringsReferencesAndKeywords() {
        let tokens = TickLexer.tokens("var x = 'it\\'s' + '''raw\n\\n''' \"host\" TRUE true AND lambda: lambda")
        #expect(tokens.map(\.kind).prefix(6) == [.keyword(.var), .identifier, .punctuation("="), .string, .operator(.plus), .string])
        #expect(tokens[3].text == "it's")
        #expect(tokens[5].text == "raw\n\\n")
        #expect(tokens[6].kind == .reference && tokens[6].text == "host")
        #expect(tokens[7].kind == .keyword(.true))
        #expect(tokens[8].kind == .identifier)
        #expect(tokens[9].kind == .operator(.and))
        #expect(tokens[10].kind == .lambda)
        #expect(tokens[11].kind == .identifier)
    }

    @Test func slashAndStarDependOnTheTokenBefore() {
        #expect(kinds("a / b") == [.identifier, .operator(.divide), .identifier])
        #expect(kinds("\"host\" =~ /^web\\/1$/") == [.reference, .operator(.regexMatch), .regex])
        #expect(TickLexer.tokens("=~ /^web\\/1$/")[1].text == "^web/1$")
        #expect(kinds("groupBy(*)") == [.identifier, .punctuation("("), .star, .punctuation(")")])
        #expect(kinds("2 * 3") == [.integer(2), .operator(.multiply), .integer(3)])
    }

    @Test func positionsAreLineAndColumn() {
        let tokens = TickLexer.tokens("stream\n    |from()\n  // comment\n    .measurement('cpu')")
        #expect(tokens.map(\.position.description) == ["1:1", "2:5", "2:6", "2:10", "2:11", "4:5", "4:6", "4:17", "4:18", "4:23", "4:24"])
    }
}
