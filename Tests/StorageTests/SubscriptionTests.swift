import SundialTesting
import Synchronization
import Testing
import TimeSeries

@testable import Storage

@Suite struct SubscriptionTests {
    final class RecordingSink: SubscriptionSink {
        let batches = Mutex<[(String, String, String, [String])]>([])

        func forward(_ lines: [UInt8], database: String, retentionPolicy: String, subscriptions: [SubscriptionInfo]) {
            batches.withLock { $0.append((String(decoding: lines, as: UTF8.self), database, retentionPolicy, subscriptions.map(\.name))) }
        }
    }

    @Test func subscriptionsAreKeptWithTheirPolicyAndSurviveARestart() throws {
        let directory = TemporaryDirectory()
        do {
            let engine = try StorageEngine(configuration: .init(directory: directory.path))
            defer { engine.close() }
            try engine.createDatabase("db")
            try engine.createSubscription(
                .init(name: "k", mode: .any, destinations: ["udp://h:1", "http://h:2"]), database: "db", retentionPolicy: "autogen")
            #expect(throws: StorageError.self) {
                try engine.createSubscription(
                    .init(name: "k", mode: .all, destinations: ["http://h:2"]), database: "db", retentionPolicy: "autogen")
            }
        }
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        #expect(
            engine.databaseInfo("db")?.retentionPolicy("autogen")?.subscriptions == [
                .init(name: "k", mode: .any, destinations: ["udp://h:1", "http://h:2"])
            ])
        try engine.dropSubscription("k", database: "db", retentionPolicy: "autogen")
        #expect(engine.databaseInfo("db")?.retentionPolicy("autogen")?.subscriptions == [])
    }

    @Test(arguments: ["http://host", "ftp://h:1", "h:1", "http://:80", "not a url"])
    func destinationsNeedASchemeAHostAndAPort(_ destination: String) throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        #expect(throws: StorageError(.invalidArgument, "invalid subscription URL: \(destination)")) {
            try engine.createSubscription(
                .init(name: "k", mode: .all, destinations: [destination]), database: "db", retentionPolicy: "autogen")
        }
    }

    @Test func theSinkGetsEveryParsedPointWithNanosecondTimestamps() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 42_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let sink = RecordingSink()
        engine.setSubscriptionSink(sink)
        _ = try await engine.write(Array("before v=1 1".utf8), database: "db", precision: .seconds)
        try engine.createSubscription(
            .init(name: "k", mode: .all, destinations: ["http://h:1"]), database: "db", retentionPolicy: "autogen")
        _ = try await engine.write(
            Array("m,t=a\\ b v=1.5,s=\"q\\\"\",n=3i 2\nm v=false\nm v=2i 3\nbad".utf8), database: "db", precision: .seconds)
        let batches = sink.batches.withLock { $0 }
        #expect(batches.count == 1)
        #expect(batches.first?.0 == "m,t=a\\ b v=1.5,s=\"q\\\"\",n=3i 2000000000\nm v=false 42000000000\nm v=2i 3000000000\n")
        #expect(batches.first?.1 == "db" && batches.first?.2 == "autogen" && batches.first?.3 == ["k"])
    }
}
