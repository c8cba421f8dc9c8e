import FileIO
import Foundation
import FuzzSupport

@testable import Storage

/// A TSM file of any bytes: opening it and decoding every block it indexes never traps.
public func tsmReaderFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = FuzzDirectory.fresh() + ".tsm"
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: Data(UnsafeBufferPointer(start: data, count: size)))
    guard let reader = try? TSMReader(path: path, generation: 1, fileSystem: POSIXFileSystem()) else { return 0 }
    for entry in reader.entries { _ = try? reader.column(for: entry.key, in: Int64.min...Int64.max) }
    return 0
}

@main
enum TSMReaderFuzzerMain {
    static func main() { FuzzDriver.run { tsmReaderFuzzer($0, $1) } }
}
