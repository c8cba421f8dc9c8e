import Testing

@testable import PipelineSpec

@Suite struct PipelineBuildTests {
    @Test func streamTaskBuildsNodesInOrderWithKapacitorNames() throws {
        let script = """
            dbrp "telegraf"."autogen"
            stream
                |from()
                    .measurement('cpu')
                    .where(lambda: "host" == 'serverA')
                |window()
                    .period(10s)
                    .every(10s)
                |mean('usage_idle')
                |alert()
                    .crit(lambda: "mean" < 10.0)
                    .post('http://localhost/alert')
                        .header('k', 'v')
            """
        let pipeline = try Pipeline.build(script: script)
        #expect(pipeline.type == .stream)
        #expect(pipeline.nodes.map(\.name) == ["stream0", "from1", "window2", "mean3", "alert4"])
        #expect(pipeline.dbrps == [DBRP(db: "telegraf", rp: "autogen")])
        #expect(pipeline.dot(name: "cpu") == "digraph cpu {\nstream0 -> from1;\nfrom1 -> window2;\nwindow2 -> mean3;\nmean3 -> alert4;\n}")
        let alert = pipeline.nodes[4]
        #expect(alert.handlers.count == 1)
        #expect(alert.handlers[0].properties.map(\.name) == ["header"])
        #expect(pipeline.nodes[2].property("period") == [.duration(10_000_000_000)])
    }

    @Test func batchTaskIsInferredAndQueryGroupsByTime() throws {
        let script = """
            batch
                |query('SELECT mean(usage_idle) FROM "telegraf"."autogen".cpu')
                    .period(5m)
                    .every(1m)
                    .groupBy(time(1m), 'host')
                |httpOut('out')
            """
        let pipeline = try Pipeline.build(script: script)
        #expect(pipeline.type == .batch)
        #expect(pipeline.nodes[1].property("groupBy") == [.timeDimension(length: 60_000_000_000, offset: 0), .string("host")])
    }

    @Test func varsAreSubstitutedIntoLambdasAndOverriddenByTaskVars() throws {
        let script = """
            var threshold = 80.0
            var host string
            stream|from().where(lambda: "host" == host AND "usage" > threshold)
            """
        let pipeline = try Pipeline.build(script: script, vars: ["host": TaskVar(.string("a")), "threshold": TaskVar(.float(90))])
        guard case .lambda(let body)? = pipeline.nodes[1].property("where")?.first else {
            Issue.record("no where lambda")
            return
        }
        #expect(TickValue.lambda(body).scriptText == "lambda: \"host\" == 'a' AND \"usage\" > 90.0")
        #expect(pipeline.vars["threshold"]?.value == .float(90))
    }

    @Test func joinTakesNodeVarsAndDeadmanExpandsToStatsDerivativeAlert() throws {
        let script = """
            var errors = stream|from().measurement('errors')
            var views = stream|from().measurement('views')
            errors
                |join(views)
                    .as('errors', 'views')
                |deadman(0.0, 10s)
            """
        let pipeline = try Pipeline.build(script: script)
        #expect(pipeline.nodes.map(\.name) == ["stream0", "from1", "from2", "join3", "stats4", "noop5", "derivative6", "alert7"])
        #expect(pipeline.nodes[3].parents == [1, 2])
        #expect(
            pipeline.dot(name: "t")
                == "digraph t {\nstream0 -> from1;\nstream0 -> from2;\nfrom2 -> join3;\nfrom1 -> join3;\njoin3 -> noop5;\nstats4 -> derivative6;\nderivative6 -> alert7;\n}"
        )
    }
}

@Suite struct PropertyDefaultTests {
    @Test func unsetPropertiesHaveKapacitorsDefaults() throws {
        let script = """
            stream
                |from()
                |derivative('bytes')
                |mean('rate')
                |alert()
                    .log('/tmp/a.log')
                |influxDBOut()
            """
        let pipeline = try Pipeline.build(script: script)
        #expect(pipeline.nodes[2].value(of: "unit") == [.duration(1_000_000_000)])
        #expect(pipeline.nodes[2].value(of: "as") == [.string("bytes")])
        #expect(pipeline.nodes[3].value(of: "as") == [.string("mean")])
        #expect(pipeline.nodes[4].value(of: "id") == [.string("{{ .Name }}:{{ .Group }}")])
        #expect(pipeline.nodes[4].value(of: "history") == [.int(21)])
        #expect(NodeCatalog.alert.handlers["log"]?.defaults["mode"] == [.int(0o600)])
        #expect(pipeline.nodes[5].value(of: "buffer") == [.int(1000)])
        #expect(pipeline.nodes[5].value(of: "flushInterval") == [.duration(10_000_000_000)])
        #expect(pipeline.nodes[5].value(of: "database") == nil)
    }

    @Test func calledPropertiesOverrideDefaults() throws {
        let pipeline = try Pipeline.build(script: "stream|from()|log().level('DEBUG')|flatten()")
        #expect(pipeline.nodes[2].value(of: "level") == [.string("DEBUG")])
        #expect(pipeline.nodes[3].value(of: "delimiter") == [.string(".")])
    }
}
