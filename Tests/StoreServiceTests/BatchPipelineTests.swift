import Logging
import Storage
import SundialTesting
import Testing

@testable import StoreService

/// A listener whose writer falls behind waits instead of dropping batches, as InfluxDB's listeners do.
@Suite struct BatchPipelineTests {
    @Test func aFullQueueMakesTheReaderWaitAndNothingIsLost() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("udp")
        let configuration = DatagramListener.Configuration(
            kind: "udp", host: "127.0.0.1", port: 0, database: "udp", batchSize: 1, batchPending: 1, batchTimeout: .seconds(60))
        let counters = engine.statistics.counters("udp", names: ["pointsTx", "batchesTx", "pointsReceived", "droppedPointsInvalid"])
        let pipeline = BatchPipeline(configuration: configuration, engine: engine, counters: counters, logger: Logger(label: "test"))
        // Every add makes a batch at once: far faster than the writer, which the old queue met by dropping them.
        await pipeline.run {
            for i in 0..<2_000 { await pipeline.add(.lineProtocol(Array("m v=\(i)i \(i)\n".utf8))) }
        }
        let values = try engine.read(database: "udp", seriesKey: "m", field: "v").reduce(0) { $0 + $1.count }
        #expect(values == 2_000)
    }

    @Test func anAdderWaitsForRoomAndFinishingLetsTheWriterDrainTheQueue() async {
        let queue = BatchQueue(capacity: 2)
        await queue.add([1])
        await queue.add([2])
        let third = Task { await queue.add([3]) }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(await queue.take() == [1])
        await third.value
        queue.finish()
        #expect(await queue.take() == [2])
        #expect(await queue.take() == [3])
        #expect(await queue.take() == nil)
    }
}

extension BatchPipelineTests {
    @Test func everyWaitingAdderIsWokenWhenOneHandsItsBatchStraightToTheWriter() async throws {
        let queue = BatchQueue(capacity: 1)
        await queue.add([1])
        let first = Task { await queue.add([2]) }
        let second = Task { await queue.add([3]) }
        try await Task.sleep(for: .milliseconds(50))
        var taken: [[UInt8]] = []
        for _ in 0..<3 {
            // A writer that comes back at once finds the queue empty and waits; an adder then hands it its batch.
            let batch = await withTaskGroup(of: [UInt8]?.self) { group in
                group.addTask { await queue.take() }
                group.addTask {
                    try? await Task.sleep(for: .seconds(5))
                    return nil
                }
                let first = await group.next()!
                group.cancelAll()
                return first
            }
            guard let batch else { break }
            taken.append(batch)
        }
        queue.finish()
        await first.value
        await second.value
        #expect(taken.count == 3 && Set(taken) == [[1], [2], [3]], "\(taken)")
    }
}
