import PipelineRuntime
import PipelineSpec
import Testing
import TimeSeries

/// Kapacitor's flatten and combine integration tests (integrations/streamer_test.go TestStream_Flatten,
/// TestStream_FlattenDropOriginalFieldName, TestStream_Combine_*; batcher_test.go TestBatch_Flatten,
/// TestBatch_Combine_*), over their data, with their expected last values per group.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct FlattenCombineConformanceTests {
    /// Each group's last row keyed by its tags, as `name|k=v,…` → [column: value].
    private func rows(_ series: [ResultSeries]?) -> [String: [String: Double?]] {
        var result: [String: [String: Double?]] = [:]
        for item in series ?? [] {
            let key =
                (item.name ?? "") + "|"
                + (item.tags ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            guard let row = item.values.last else { continue }
            result[key] = Dictionary(uniqueKeysWithValues: zip(item.columns, StreamReplay.numbers(row)))
        }
        return result
    }

    private func flattenScript(_ options: String) -> String {
        """
        stream
            |from().measurement('request_latency').groupBy('dc')
            |flatten().on('service', 'host').tolerance(1s)\(options)
            |httpOut('out')
        """
    }

    @Test func streamFlattenNamesFieldsAfterTheTags() async throws {
        let task = try await StreamReplay.run("TestStream_Flatten", script: flattenScript(""), seconds: 13)
        let out = rows(task.output("out"))
        #expect(
            out["request_latency|dc=A"] == [
                "time": 0, "auth.server01.value": 700, "auth.server02.value": 702, "cart.server01.value": 800,
                "cart.server02.value": 802, "log.server01.value": 600, "log.server02.value": 602,
            ])
        #expect(out["request_latency|dc=B"]?["cart.server02.value"] == 852)
    }

    @Test func streamFlattenCanDropTheFieldName() async throws {
        let task = try await StreamReplay.run("TestStream_Flatten", script: flattenScript(".dropOriginalFieldName()"), seconds: 13)
        #expect(
            rows(task.output("out"))["request_latency|dc=B"] == [
                "time": 0, "auth.server01": 750, "auth.server02": 752, "cart.server01": 850, "cart.server02": 852, "log.server01": 650,
                "log.server02": 652,
            ])
    }

    private func combineScript(_ lambdas: String, _ names: String, then: String, source: String = "stream") -> String {
        let input =
            source == "stream"
            ? "stream\n    |from().measurement('request_latency').groupBy('dc')"
            : """
            batch
                |query('SELECT value FROM "telegraf"."default"."request_latency"').period(10s).every(10s).groupBy('dc','service')
                |groupBy('dc')
            """
        return """
            \(input)
                |combine(\(lambdas)).as(\(names)).tolerance(\(source == "stream" ? "1s" : "5s")).delimiter('.')
            \(then)
                |httpOut('out')
            """
    }

    @Test func streamCombineEveryPair() async throws {
        let script = combineScript(
            "lambda: TRUE, lambda: TRUE", "'first', 'second'",
            then: "    |groupBy('first.service', 'second.service', 'dc')\n    |eval(lambda: \"first.value\" / \"second.value\").as('ratio')"
        )
        let out = rows(try await StreamReplay.run("TestStream_Combine", script: script, seconds: 13).output("out"))
        #expect(out.count == 6)
        #expect(out["request_latency|dc=A,first.service=auth,second.service=log"] == ["time": 0, "ratio": 7.0 / 6.0])
        #expect(out["request_latency|dc=A,first.service=auth,second.service=cart"] == ["time": 0, "ratio": 7.0 / 8.0])
        #expect(out["request_latency|dc=A,first.service=log,second.service=cart"] == ["time": 0, "ratio": 6.0 / 8.0])
        #expect(out["request_latency|dc=B,first.service=log,second.service=cart"] == ["time": 0, "ratio": 6.5 / 8.5])
    }

    @Test func streamCombineFilteredAndTriples() async throws {
        let filtered = combineScript(
            "lambda: \"service\" == 'auth', lambda: TRUE", "'auth', 'other'",
            then: "    |groupBy('other.service','dc')\n    |eval(lambda: \"auth.value\" / \"other.value\").as('ratio')")
        let out = rows(try await StreamReplay.run("TestStream_Combine", script: filtered, seconds: 13).output("out"))
        #expect(out.count == 4)
        #expect(out["request_latency|auth.service=auth,dc=A,other.service=log"] == ["time": 0, "ratio": 7.0 / 6.0])
        #expect(out["request_latency|auth.service=auth,dc=B,other.service=cart"] == ["time": 0, "ratio": 7.5 / 8.5])
        let triples = combineScript(
            "lambda: TRUE, lambda: TRUE, lambda: TRUE", "'first', 'second', 'third'",
            then: "    |groupBy('first.service', 'second.service', 'third.service', 'dc')\n"
                + "    |eval(lambda: \"first.value\" + \"second.value\" + \"third.value\").as('sum')")
        let sums = rows(try await StreamReplay.run("TestStream_Combine", script: triples, seconds: 13).output("out"))
        #expect(sums["request_latency|dc=A,first.service=auth,second.service=log,third.service=cart"] == ["time": 0, "sum": 2100])
        #expect(sums["request_latency|dc=B,first.service=auth,second.service=log,third.service=cart"] == ["time": 0, "sum": 2250])
    }

    @Test func batchFlattenGivesAPointPerTime() async throws {
        let script = """
            batch
                |query('SELECT value FROM "telegraf"."default"."request_latency"').period(10s).every(10s).groupBy('dc','service')
                |groupBy('dc')
                |flatten().on('service').tolerance(5s)
                |httpOut('out')
            """
        let task = try await BatchReplay.run("TestBatch_Flatten", script: script)
        let series = try #require(task.output("out")?.first { $0.tags == ["dc": "A"] })
        #expect(series.columns == ["time", "auth.value", "cart.value", "log.value"])
        #expect(series.values.map(StreamReplay.numbers) == [[10, 4, 8, 7], [15, 2, 3, 1]])
        let other = try #require(task.output("out")?.first { $0.tags == ["dc": "B"] })
        #expect(other.values.map(StreamReplay.numbers) == [[10, 9, 3, 5], [15, 6, 7, 4]])
    }

    @Test func batchCombine() async throws {
        let all = combineScript(
            "lambda: TRUE, lambda: TRUE", "'first', 'second'",
            then:
                "    |groupBy('first.service', 'second.service', 'dc')\n    |eval(lambda: \"first.value\" / \"second.value\").as('ratio')",
            source: "batch")
        let pairs = rows(try await BatchReplay.run("TestBatch_Combine", script: all).output("out"))
        #expect(pairs.count == 6)
        #expect(pairs["request_latency|dc=A,first.service=cart,second.service=auth"] == ["time": 15, "ratio": 3.0 / 2.0])
        #expect(pairs["request_latency|dc=B,first.service=auth,second.service=log"] == ["time": 15, "ratio": 6.0 / 4.0])
        let filtered = combineScript(
            "lambda: \"service\" == 'auth', lambda: TRUE", "'auth', 'other'",
            then: "    |groupBy('auth.service', 'other.service', 'dc')\n    |eval(lambda: \"auth.value\" / \"other.value\").as('ratio')",
            source: "batch")
        let ratios = rows(try await BatchReplay.run("TestBatch_Combine", script: filtered).output("out"))
        #expect(ratios.count == 4)
        #expect(ratios["request_latency|auth.service=auth,dc=A,other.service=cart"] == ["time": 15, "ratio": 2.0 / 3.0])
        #expect(ratios["request_latency|auth.service=auth,dc=B,other.service=log"] == ["time": 15, "ratio": 6.0 / 4.0])
        let triples = combineScript(
            "lambda: TRUE, lambda: TRUE, lambda: TRUE", "'first', 'second', 'third'",
            then: "    |groupBy('first.service', 'second.service', 'third.service', 'dc')\n"
                + "    |eval(lambda: \"first.value\" + \"second.value\" + \"third.value\").as('sum')", source: "batch")
        let sums = rows(try await BatchReplay.run("TestBatch_Combine", script: triples).output("out"))
        #expect(sums["request_latency|dc=A,first.service=cart,second.service=auth,third.service=log"] == ["time": 15, "sum": 6])
        #expect(sums["request_latency|dc=B,first.service=cart,second.service=auth,third.service=log"] == ["time": 15, "sum": 17])
    }

    @Test func tooManyCombinationsAndBadPrefixesAreRefused() async throws {
        let many =
            "stream\n    |from().measurement('request_latency')\n    |combine(lambda: TRUE, lambda: TRUE).as('a', 'b').max(2)\n    |httpOut('out')"
        let task = try await StreamReplay.run("TestStream_Combine", script: many, seconds: 13)
        #expect(task.output("out")?.isEmpty ?? true)
        #expect(task.statistics.nodes.contains { $0.errors > 0 })
        for (names, message) in [
            ("'a.b', 'c'", "cannot use name a.b as field prefix, it contains the delimiter character ."),
            ("'a', 'a'", "cannot use the same prefix name see .as() property method"),
            ("'', 'a'", "must provide a prefix name for the combine node, see .as() property method"),
        ] {
            let script = "stream\n    |from()\n    |combine(lambda: TRUE, lambda: TRUE).as(\(names))\n    |httpOut('out')"
            do {
                _ = try Pipeline.build(script: "dbrp \"dbname\".\"rpname\"\n" + script)
                Issue.record("\(names) accepted")
            } catch {
                #expect("\(error)".contains(message), "\(names): \(error)")
            }
        }
    }
}
