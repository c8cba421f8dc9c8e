import Testing

@testable import TICKscript

/// The canonical layout: one link per line, comments kept where they were, one blank line kept between statements.
@Suite struct FormatterTests {
    @Test func chainsGetOneLinkPerLineAndPropertiesIndentUnderTheirNode() throws {
        let formatted = try TickFormatter.format("var x=stream|from().measurement('cpu')|window().period(10s).every(10s)")
        #expect(
            formatted
                == "var x = stream\n    |from()\n        .measurement('cpu')\n    |window()\n        .period(10s)\n        .every(10s)\n")
    }

    @Test func commentsStayAboveWhatTheyDescribeAndBlankLinesBetweenStatementsStay() throws {
        let script = """
            // Alert on CPU
            //tight spacing fixed

            var warn = 80.0   // trailing

            stream
                // the source
                |from()
                    //.measurement('mem')
                    .measurement('cpu')
            """
        let expected = """
            // Alert on CPU
            // tight spacing fixed

            var warn = 80.0
            // trailing

            stream
                // the source
                |from()
                    // .measurement('mem')
                    .measurement('cpu')

            """
        #expect(try TickFormatter.format(script) == expected)
        #expect(try TickFormatter.format(expected) == expected)
    }

    @Test func expressionsKeepOnlyTheParenthesesTheyNeed() throws {
        let formatted = try TickFormatter.format(
            """
            stream|from().where(lambda: (("a" + (1)) / ((4 + "b") * ("c"))) > 1 AND ("x" OR "y"))
            """)
        #expect(formatted.contains(#".where(lambda: ("a" + 1) / ((4 + "b") * "c") > 1 AND ("x" OR "y"))"#))
    }

    @Test func literalsReadBackAsTheSameValues() throws {
        let script = "var s = 'it\\'s'\nvar t = '''two\nlines'''\nvar r = /a\\/b/\nvar d = 3600s\nvar f = 0.0000001\nvar n = -5\n"
        let formatted = try TickFormatter.format(script)
        #expect(formatted == "var s = 'it\\'s'\nvar t = '''two\nlines'''\nvar r = /a\\/b/\nvar d = 3600s\nvar f = 0.0000001\nvar n = -5\n")
        #expect(try TickFormatter.format(formatted) == formatted)
        let values = try TickParser.parse(formatted).compactMap { statement -> TickExpression.Kind? in
            guard case .variable(_, let value, _) = statement else { return nil }
            return value.kind
        }
        #expect(values.count == 6)
        #expect(values[0] == .string("it's"))
        #expect(values[1] == .string("two\nlines"))
        #expect(values[2] == .regex("a/b"))
        #expect(values[3] == .duration(3_600_000_000_000))
        #expect(values[4] == .number(0.0000001))
    }
}
