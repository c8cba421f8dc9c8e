import Foundation
import Testing
import TimeSeries

@testable import QueryEngine

@Suite struct QueryResponseEncoderTests {
    @Test(arguments: [
        (3.0, "3"), (0.5, "0.5"), (-0.0, "-0"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"),
        (0.000001, "0.000001"), (123.456, "123.456"), (1.5e-7, "1.5e-7"), (-2.5e300, "-2.5e+300"), (0.1 + 0.2, "0.30000000000000004"),
        (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (0.0001234, "0.0001234"),
        (1.2345678901234567e19, "12345678901234567000"), (123456789.0, "123456789"), (9.999999e-7, "9.999999e-7"),
        (-0.25, "-0.25"), (0.00001, "0.00001"), (1.2345678901234568e20, "123456789012345680000"), (-1e-300, "-1e-300"),
        (1e16, "10000000000000000"), (100.5, "100.5"), (45.0, "45"), (1e15, "1000000000000000"),
        (9_007_199_254_740_993.0, "9007199254740992"), (0.0001, "0.0001"), (12.25, "12.25"),
    ])
    func floatsAsGoWritesThem(_ value: Double, _ text: String) {
        #expect(JSONWriter.formatFloat(value) == text)
    }

    @Test func stringsAreEscapedAsGoEscapesThem() {
        var writer = JSONWriter(pretty: false)
        writer.string("a<b>&\"\\\n\u{1}\u{2028}é\u{2029}")
        #expect(writer.text == #""a\u003cb\u003e\u0026\"\\\n\u0001\u2028é\u2029""#)
    }

    @Test func prettyIsMarshalIndentsLayout() {
        let series = ResultSeries(name: "m", tags: nil, columns: ["time", "v"], values: [[.time(0), .float(1.5)]])
        let results = [StatementResult(statementID: 0, series: [series]), StatementResult(statementID: 1, series: [])]
        let expected = """
            {
                "results": [
                    {
                        "statement_id": 0,
                        "series": [
                            {
                                "name": "m",
                                "columns": [
                                    "time",
                                    "v"
                                ],
                                "values": [
                                    [
                                        "1970-01-01T00:00:00Z",
                                        1.5
                                    ]
                                ]
                            }
                        ]
                    },
                    {
                        "statement_id": 1
                    }
                ]
            }
            """
        #expect(QueryResponseEncoder.json(results, pretty: true) == expected)
        #expect(QueryResponseEncoder.error("a<b", pretty: true) == "{\n    \"error\": \"a\\u003cb\"\n}")
    }

    @Test func timesOnDifferentDaysInOneAnswerKeepTheirDates() {
        let day: Int64 = 86_400_000_000_000
        let series = ResultSeries(name: "m", tags: nil, columns: ["time"], values: [[.time(0)], [.time(day)], [.time(1)], [.time(-day)]])
        #expect(
            QueryResponseEncoder.json([StatementResult(statementID: 0, series: [series])])
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time"],"values":[["1970-01-01T00:00:00Z"],["1970-01-02T00:00:00Z"],["1970-01-01T00:00:00.000000001Z"],["1969-12-31T00:00:00Z"]]}]}]}"#
        )
    }

    @Test func zonedTimesCarryTheirOffset() {
        let chicago = TimeZone(identifier: "America/Chicago")
        #expect(RFC3339.format(nanoseconds: 0, zone: chicago) == "1969-12-31T18:00:00-06:00")
        #expect(RFC3339.format(nanoseconds: 1_500_000_000, zone: TimeZone(identifier: "Asia/Kolkata")) == "1970-01-01T05:30:01.5+05:30")
        #expect(RFC3339.format(nanoseconds: 0, zone: TimeZone(identifier: "UTC")) == "1970-01-01T00:00:00Z")
    }

    @Test func timesAreRFC3339OrEpoch() {
        #expect(RFC3339.format(nanoseconds: 0) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(nanoseconds: 10) == "1970-01-01T00:00:00.00000001Z")
        #expect(RFC3339.format(nanoseconds: 1_767_225_600_500_000_000) == "2026-01-01T00:00:00.5Z")
        #expect(RFC3339.format(nanoseconds: -1) == "1969-12-31T23:59:59.999999999Z")
        #expect(RFC3339.format(nanoseconds: 1_577_844_007_000_000_000) == "2020-01-01T02:00:07Z")
        // The widest times InfluxDB stores, on either side of the four-digit years.
        #expect(RFC3339.format(nanoseconds: -9_223_372_036_854_775_806) == "1677-09-21T00:12:43.145224194Z")
        #expect(RFC3339.format(nanoseconds: 9_223_372_036_854_775_806) == "2262-04-11T23:47:16.854775806Z")
        let series = ResultSeries(name: "m", tags: ["b": "2", "a": "1"], columns: ["time", "v"], values: [[.time(1_500_000_000), .null]])
        let result = StatementResult(statementID: 0, series: [series])
        #expect(
            QueryResponseEncoder.json([result], epoch: .seconds)
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","tags":{"a":"1","b":"2"},"columns":["time","v"],"values":[[1,null]]}]}]}"#
        )
    }
}

@Suite struct ChunkedAndCSVTests {
    private let results = [
        StatementResult(
            statementID: 0,
            series: [
                ResultSeries(
                    name: "m", tags: ["h": "a,b", "e": ""], columns: ["time", "v"],
                    values: [[.time(1), .float(1.5)], [.time(2), .null], [.time(3), .string("x \"y\"")]]),
                ResultSeries(name: "m", tags: ["h": "c"], columns: ["time", "v"], values: [[.time(4), .integer(2)]]),
            ]),
        StatementResult(statementID: 1),
    ]

    @Test func chunksCutSeriesAndMarkWhatContinues() {
        let chunks = QueryResponseEncoder.chunks(results, size: 2)
        #expect(chunks.map { $0.series.first?.values.count ?? 0 } == [2, 1, 1, 0])
        #expect(chunks.map(\.partial) == [true, true, false, false])
        #expect(chunks.map { $0.series.first?.partial ?? false } == [true, false, false, false])
        #expect(QueryResponseEncoder.json([chunks[0]]).contains(#""partial":true}],"partial":true}"#))
    }

    @Test func csvQuotesAsGoDoesAndLeavesEmptyTagsOut() {
        #expect(
            QueryResponseCSV.csv(results, epoch: nil) == """
                name,tags,time,v
                m,"h=a\\,b",1,1.5
                m,"h=a\\,b",2,
                m,"h=a\\,b",3,"x ""y\"""
                m,h=c,4,2

                """)
    }
}
