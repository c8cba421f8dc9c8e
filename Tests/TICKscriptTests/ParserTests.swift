import Testing

@testable import TICKscript

@Suite struct ParserTests {
    static let alertScript = """
        // CPU alert
        dbrp "telegraf"."autogen"

        var period = 10s
        var warn float
        var groups = ['host', "dc"]

        stream
            |from()
                .measurement('cpu')
                .where(lambda: "cpu" == 'cpu-total' AND "host" =~ /^web/)
                .groupBy(groups)
            |window()
                .period(period)
                .every(5m * 2)
            |mean('usage_idle')
                .as('idle')
            |alert()
                .warn(lambda: "idle" < warn)
                .crit(lambda: -"idle" + 100.0 > 90.0 OR !isPresent("idle"))
                .stateChangesOnly()
                .log('/tmp/alerts.log')
            @myUDF()
                .field('x')
        """

    @Test func aWholeScript() throws {
        let statements = try TickParser.parse(Self.alertScript)
        #expect(statements.count == 5)
        guard case .dbrp("telegraf", "autogen", let position) = statements[0] else {
            Issue.record("no dbrp")
            return
        }
        #expect(position.description == "2:1")
        guard case .variable("period", let period, _) = statements[1] else {
            Issue.record("no period")
            return
        }
        #expect(period.kind == .duration(10_000_000_000))
        guard case .templateVariable("warn", .float, _) = statements[2] else {
            Issue.record("no template var")
            return
        }
        guard case .expression(let pipeline) = statements[4] else {
            Issue.record("no pipeline")
            return
        }
        var links: [String] = []
        var node = pipeline
        while case .chain(let base, let link) = node.kind {
            links.insert(link.op.rawValue + link.name, at: 0)
            node = base
        }
        #expect(node.kind == .identifier("stream"))
        #expect(
            links == [
                "|from", ".measurement", ".where", ".groupBy", "|window", ".period", ".every", "|mean", ".as", "|alert", ".warn", ".crit",
                ".stateChangesOnly", ".log", "@myUDF", ".field",
            ])
    }

    @Test func precedenceMatchesKapacitor() throws {
        let statements = try TickParser.parse("var x = lambda: \"a\" + 1 * 2 > 3 AND \"b\" == 'c' OR FALSE")
        guard case .variable(_, let value, _) = statements[0], case .lambda(let body) = value.kind else {
            Issue.record("not a lambda")
            return
        }
        guard case .binary(.or, let left, _) = body.kind, case .binary(.and, let comparison, _) = left.kind,
            case .binary(.greater, let sum, _) = comparison.kind, case .binary(.plus, _, let product) = sum.kind,
            case .binary(.multiply, _, _) = product.kind
        else {
            Issue.record("wrong tree: \(body)")
            return
        }
    }
}
