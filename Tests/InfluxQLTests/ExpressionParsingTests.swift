import Testing

@testable import InfluxQL

@Suite struct ExpressionParsingTests {
    private func condition(_ text: String) throws -> Expression? {
        guard case .deleteSeries(let statement) = try Parser.parse("DELETE WHERE \(text)").first else { return nil }
        return statement.condition
    }

    @Test func leadingExpressionStopsWhereTheExpressionEnds() throws {
        #expect(try Parser.parseLeadingExpression("service = 'api'") == .binary(.equal, .variable(.init("service")), .string("api")))
        #expect(
            try Parser.parseLeadingExpression(" time > now() - 1h GROUP BY time(1m)")
                == .binary(
                    .greater, .variable(.init("time")), .binary(.subtract, .call(name: "now", arguments: []), .duration(3_600_000_000_000)))
        )
        #expect(throws: InfluxQLError.self) { try Parser.parseLeadingExpression("GROUP BY") }
    }

    @Test func precedenceOrAndComparisonArithmetic() throws {
        #expect(
            try condition("a = 'x' OR b = 'y' AND c > 1 + 2 * 3")
                == .binary(
                    .or, .binary(.equal, .variable(.init("a")), .string("x")),
                    .binary(
                        .and, .binary(.equal, .variable(.init("b")), .string("y")),
                        .binary(.greater, .variable(.init("c")), .binary(.add, .integer(1), .binary(.multiply, .integer(2), .integer(3))))
                    )
                )
        )
    }

    @Test func timeArithmeticRegexCastsAndParentheses() throws {
        #expect(
            try condition("time > now() - 1h AND (host =~ /^web-\\d+$/ OR v::integer != -5)")
                == .binary(
                    .and,
                    .binary(
                        .greater, .variable(.init("time")),
                        .binary(.subtract, .call(name: "now", arguments: []), .duration(3_600_000_000_000))),
                    .parenthesized(
                        .binary(
                            .or, .binary(.regexMatch, .variable(.init("host")), .regex("^web-\\d+$")),
                            .binary(.notEqual, .variable(.init("v", cast: .integer)), .integer(-5))
                        )
                    )
                )
        )
    }

    @Test func distinctAsCallAndAsKeyword() throws {
        let call = Expression.call(name: "distinct", arguments: [.variable(.init("v"))])
        #expect(try condition("distinct(v) = 1") == .binary(.equal, call, .integer(1)))
        #expect(try condition("DISTINCT v = 1") == .binary(.equal, call, .integer(1)))
        #expect(throws: InfluxQLError.self) { try condition("DISTINCT 1 = 1") }
    }

    @Test func literals() throws {
        #expect(try condition("a = 1.5") == .binary(.equal, .variable(.init("a")), .number(1.5)))
        #expect(try condition("a = true") == .binary(.equal, .variable(.init("a")), .boolean(true)))
        #expect(try condition("a = 18446744073709551615") == .binary(.equal, .variable(.init("a")), .unsigned(UInt64.max)))
        #expect(try condition("\"my tag\" = 'it\\'s'") == .binary(.equal, .variable(.init("my tag")), .string("it's")))
    }

    @Test func seriesStatements() throws {
        #expect(
            try Parser.parse("DROP SERIES FROM cpu, /mem.*/ WHERE host = 'a'")
                == [
                    .deleteSeries(
                        DeleteSeriesStatement(
                            sources: [MeasurementSource(name: "cpu"), MeasurementSource(regex: "mem.*")],
                            condition: .binary(.equal, .variable(.init("host")), .string("a")), dropsSeries: true
                        )
                    )
                ]
        )
        #expect(try Parser.parse("DROP MEASUREMENT \"h2o temp\"") == [.dropMeasurement(name: "h2o temp")])
        #expect(
            try Parser.parse("SHOW TAG VALUES ON db FROM db.autogen.cpu WITH KEY IN (host, region) LIMIT 5")
                == [
                    .showSeries(
                        ShowSeriesStatement(
                            kind: .tagValues(.among(["host", "region"])), database: "db",
                            sources: [MeasurementSource(database: "db", retentionPolicy: "autogen", name: "cpu")], limit: 5
                        )
                    )
                ]
        )
        #expect(
            try Parser.parse("SHOW FIELD KEYS FROM rp..cpu") == [
                .showSeries(ShowSeriesStatement(kind: .fieldKeys, sources: [MeasurementSource(database: "rp", name: "cpu")]))
            ])
    }

    @Test(arguments: [
        ("DROP SERIES", "found EOF, expected FROM, WHERE at line 1, char 13"),
        ("DELETE", "found EOF, expected FROM, WHERE at line 1, char 8"),
        ("SHOW TAG VALUES FROM cpu", "found EOF, expected WITH at line 1, char 26"),
        ("SHOW TAG VALUES WITH KEY", "found EOF, expected =, !=, =~, !~, IN at line 1, char 26"),
        ("DELETE WHERE a =", "found EOF, expected identifier, string, number, bool at line 1, char 18"),
        ("DELETE FROM a.b.c.d", "too many segments in a.b.c.d at line 1, char 13"),
        ("DELETE WHERE a =~ 'x'", "found x, expected regex at line 1, char 18"),
    ])
    func errors(_ query: String, _ message: String) {
        #expect(throws: InfluxQLError.self) { try Parser.parse(query) }
        do { _ = try Parser.parse(query) } catch { #expect(error.description == message) }
    }
}
