import FileIO
import Foundation
import FuzzSupport
import Storage

/// A store whose write-ahead log is any bytes: opening it (replay: frames, checksums, record decoding, applying
/// writes, drops and deletes) and reading back what it holds never traps. The first input byte picks whether the
/// bytes are framed (each chunk given a valid length and checksum, so the records themselves are exercised).
public func walReplayFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let directory = FuzzDirectory.fresh()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try? FileManager.default.createDirectory(atPath: directory + "/wal", withIntermediateDirectories: true)
    let segment = input.first.map { $0 & 1 == 1 } == true ? FuzzFraming.framed(Array(input.dropFirst())) : input
    FileManager.default.createFile(atPath: directory + "/wal/00000001.wal", contents: Data(segment))
    let policy = #"{"name":"autogen","duration":0,"shardGroupDuration":604800000000000,"replicaN":1,"shardGroups":[]}"#
    let meta =
        #"{"databases":[{"name":"db","incarnation":1,"defaultRetentionPolicy":"autogen","retentionPolicies":["# + policy
        + #"]}],"nextShardGroupID":1,"nextShardID":1,"nextIncarnation":2}"#
    FileManager.default.createFile(atPath: directory + "/meta.json", contents: Data(meta.utf8))
    guard let engine = try? StorageEngine(configuration: .init(directory: directory, clock: { 1_767_225_600_000_000_000 })) else {
        return 0
    }
    for database in engine.databaseNames { try? engine.exportLineProtocol(database: database) { _ in } }
    engine.close()
    return 0
}

@main
enum WALReplayFuzzerMain {
    static func main() { FuzzDriver.run { walReplayFuzzer($0, $1) } }
}
