import Alerting
import Foundation
import Logging
import PipelineSpec
import Testing
import TimeSeries

@testable import PipelineRuntime

/// Kapacitor's TestStream_Sideload and TestStream_Sideload_JSON (integrations/streamer_test.go) over its
/// `sideload/` files: fields and tags from the first file of the order that has them, converted to the default's
/// type, else the default.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct SideloadConformanceTests {
    private static var directory: String {
        let base =
            StreamReplay.directory.hasPrefix("/")
            ? StreamReplay.directory : FileManager.default.currentDirectoryPath + "/" + StreamReplay.directory
        return (base as NSString).standardizingPath + "/sideload"
    }

    private func script(order: String) -> String {
        """
        stream
            |from().database('dbname').retentionPolicy('rpname').measurement('m').groupBy('t0', 't1', 't2')
            |sideload().source('file://\(Self.directory)').order(\(order)).field('f1', 0).field('f2', 0.0).tag('t3', 'one')
            |httpOut('out')
        """
    }

    private func rows(_ task: ExecutingTask) -> [String: [Double?]] {
        var rows: [String: [Double?]] = [:]
        for series in task.output("out") ?? [] {
            #expect(series.columns == ["time", "f1", "f2", "value"])
            let tags = (series.tags ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            rows[tags] = series.values.last.map(StreamReplay.numbers)
        }
        return rows
    }

    @Test(arguments: ["'t0/{{.t0}}.yml', 't1/{{.t1}}.yml', 't2/{{.t2}}.yml'", "'t0/{{.t0}}.json', 't1/{{.t1}}.json', 't2/{{.t2}}.yml'"])
    func valuesComeFromTheFirstFileThatHasThem(order: String) async throws {
        let task = try await StreamReplay.run("TestStream_Sideload", script: script(order: order), seconds: 1)
        #expect(
            rows(task) == [
                "t0=a,t1=m,t2=x,t3=one": [0, 0, 0, 1], "t0=b,t1=n,t2=y,t3=why": [0, 2, 3.5, 1], "t0=c,t1=o,t2=y,t3=why": [0, 12, 13.5, 1],
            ])
        let integer = try #require(task.output("out")?.first { $0.tags?["t0"] == "b" }?.values.last?[1])
        #expect(integer == .integer(2), "an integer default gives an integer field")
    }

    @Test func conversionsFollowTheDefaultsType() {
        #expect(SideloadNode.converted(.number(2), like: .integer(0)) == .integer(2))
        #expect(SideloadNode.converted(.number(2.5), like: .integer(0)) == nil)
        #expect(SideloadNode.converted(.string("7"), like: .integer(0)) == .integer(7))
        #expect(SideloadNode.converted(.string("x"), like: .float(0)) == nil)
        #expect(SideloadNode.converted(.string("T"), like: .boolean(false)) == .boolean(true))
        #expect(SideloadNode.converted(.number(56), like: .string("")) == .string("56"))
        #expect(SideloadNode.converted(.unconvertible, like: .string("")) == nil)
    }

    @Test func onlyFileSourcesRunAndTheyMustBeAbsolute() throws {
        for (source, message) in [
            ("http://example.test/values", "not supported yet"), ("ftp://x/y", "unsupported source scheme \"ftp\""),
            ("myendpoint", "httpPost endpoints are not supported yet"), ("file://host/no/such/dir", "failed to update sideload cache"),
        ] {
            let pipeline = try Pipeline.build(
                script: "dbrp \"a\".\"b\"\nstream\n    |from()\n    |sideload().source('\(source)').field('f', 1)\n")
            #expect {
                _ = try ExecutingTask(
                    id: "t", pipeline: pipeline, dbrps: pipeline.dbrps, topics: .init(), writer: nil, logger: .init(label: "test"))
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }
}
