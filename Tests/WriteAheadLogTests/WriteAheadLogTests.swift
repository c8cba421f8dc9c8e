import FileIO
import SundialTesting
import Testing

@testable import WriteAheadLog

@Suite struct WriteAheadLogTests {
    private func replayAll(_ directory: String, fileSystem: any FileSystem = POSIXFileSystem()) throws -> ([[UInt8]], WALReplay.Summary) {
        var records: [[UInt8]] = []
        let summary = try WALReplay.replay(directory: directory, fileSystem: fileSystem) { payload, _ in records.append(payload) }
        return (records, summary)
    }

    @Test func appendedRecordsReplayInOrder() async throws {
        let directory = TemporaryDirectory()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path))
        for index in 0..<50 { _ = try await log.append(Array("record \(index)".utf8)) }
        log.close()
        let (records, summary) = try replayAll(directory.path)
        #expect(records == (0..<50).map { Array("record \($0)".utf8) })
        #expect(summary.repairs.isEmpty)
    }

    @Test func concurrentAppendsAllLandAndShareSyncs() async throws {
        let directory = TemporaryDirectory()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<100 { _ = try await log.append(Array("w\(writer)-\(index)".utf8)) }
                }
            }
            try await group.waitForAll()
        }
        log.close()
        let (records, _) = try replayAll(directory.path)
        #expect(records.count == 800)
        #expect(Set(records.map { String(decoding: $0, as: UTF8.self) }).count == 800)
    }

    @Test func segmentsRollBySizeAndOnRequest() async throws {
        let directory = TemporaryDirectory()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path, segmentSize: 100))
        for _ in 0..<5 { _ = try await log.append([UInt8](repeating: 7, count: 60)) }
        let finished = try await log.rollSegment()
        let position = try await log.append([1])
        #expect(position.segment == finished + 1)
        #expect(try log.segmentIDs().count >= 4)
        try log.removeSegments(through: finished)
        #expect(try log.segmentIDs() == [finished + 1])
        log.close()
        #expect(try replayAll(directory.path).0 == [[1]])
    }

    @Test func reopeningStartsANewSegmentAfterTheOldOnes() async throws {
        let directory = TemporaryDirectory()
        let first = try WriteAheadLog(configuration: .init(directory: directory.path))
        let before = try await first.append([1])
        first.close()
        let second = try WriteAheadLog(configuration: .init(directory: directory.path))
        let after = try await second.append([2])
        second.close()
        #expect(after.segment == before.segment + 1)
        #expect(try replayAll(directory.path).0 == [[1], [2]])
    }

    @Test func aTornTailIsTruncatedAndReported() async throws {
        let directory = TemporaryDirectory()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path))
        let position = try await log.append(Array("good".utf8))
        log.close()
        let segment = directory.path + "/" + WALSegmentName.fileName(for: position.segment)
        let file = try POSIXFileSystem().openForAppending(segment)
        try file.write([9, 0, 0, 0, 1, 2])
        let (records, summary) = try replayAll(directory.path)
        #expect(records == [Array("good".utf8)])
        #expect(
            summary.repairs == [
                "WAL segment \(WALSegmentName.fileName(for: position.segment)): incomplete record header at byte 12 of 18; truncated there"
            ])
        #expect(try POSIXFileSystem().openForReading(segment).size == 12)
        #expect(try replayAll(directory.path).1.repairs.isEmpty)
    }

    @Test func aCorruptRecordEndsItsSegmentButLaterSegmentsReplay() async throws {
        let directory = TemporaryDirectory()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path))
        let first = try await log.append(Array("one".utf8))
        _ = try await log.append(Array("two".utf8))
        _ = try await log.rollSegment()
        _ = try await log.append(Array("three".utf8))
        log.close()
        let segment = directory.path + "/" + WALSegmentName.fileName(for: first.segment)
        var bytes = try POSIXFileSystem().openForReading(segment).readAll()
        bytes[bytes.count - 1] ^= 0xFF
        try POSIXFileSystem().create(segment).write(bytes)
        let (records, summary) = try replayAll(directory.path)
        #expect(records.map { String(decoding: $0, as: UTF8.self) } == ["one", "three"])
        #expect(summary.repairs.count == 1 && summary.repairs[0].contains("checksum mismatch"))
    }

    @Test func damageBeforeIntactRecordsSkipsOnlyTheDamageAndKeepsACopy() async throws {
        let directory = TemporaryDirectory()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path))
        let first = try await log.append(Array("one".utf8))
        let second = try await log.append(Array("two".utf8))
        _ = try await log.append(Array("three".utf8))
        _ = try await log.append(Array("four".utf8))
        log.close()
        let name = WALSegmentName.fileName(for: first.segment)
        let segment = directory.path + "/" + name
        var bytes = try POSIXFileSystem().openForReading(segment).readAll()
        bytes[second.offset + 9] ^= 0xFF  // a payload byte of "two": its checksum no longer matches
        try POSIXFileSystem().create(segment).write(bytes)
        let (records, summary) = try replayAll(directory.path)
        #expect(records.map { String(decoding: $0, as: UTF8.self) } == ["one", "three", "four"])
        #expect(summary.repairs.count == 1)
        #expect(summary.repairs.first?.contains("checksum mismatch at byte \(second.offset)") == true)
        #expect(try POSIXFileSystem().openForReading(segment).readAll() == bytes, "a damaged segment is not truncated")
        #expect(try POSIXFileSystem().openForReading(segment + ".damaged").readAll() == bytes)
        // A damaged length field: the frames after it are found by their checksums.
        bytes[second.offset] = 0xEE
        bytes[second.offset + 3] = 0x7F
        try POSIXFileSystem().create(segment).write(bytes)
        #expect(try replayAll(directory.path).0.map { String(decoding: $0, as: UTF8.self) } == ["one", "three", "four"])
    }

    @Test func aFailedWriteOrSyncFailsItsAppendAndLeavesNoDamage() async throws {
        for fault in [FaultInjectingFileSystem.Fault.noSpace, .io] {
            for call in 1...6 {
                let directory = TemporaryDirectory()
                let injector = FaultInjectingFileSystem()
                let log: WriteAheadLog
                do {
                    injector.failCall(call, with: fault)
                    log = try WriteAheadLog(configuration: .init(directory: directory.path, fileSystem: injector))
                } catch {
                    continue  // the failure hit opening; nothing was acknowledged
                }
                var acknowledged: [[UInt8]] = []
                for index in 0..<4 {
                    let payload = Array("payload-\(index)".utf8)
                    if (try? await log.append(payload)) != nil { acknowledged.append(payload) }
                }
                log.close()
                let (records, _) = try replayAll(directory.path)
                #expect(records == acknowledged, "fault \(fault) at call \(call)")
            }
        }
    }
}
