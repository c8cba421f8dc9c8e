import Foundation
import FuzzSupport

@testable import ControlService

/// Any `.src`, `.kap` or `.org` file in the resources directory: filling its `{{ .ENV }}` placeholders and reading
/// it (ids as strings or numbers, fields of any JSON type) never trap; a file that cannot be used is a problem the
/// loader names. The first byte picks the file's kind; a valid source with id 1 sits beside it, so a `.kap` can
/// name it.
public func resourceFileFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let kinds = ["src", "kap", "org"]
    let kind = kinds[Int(data[0]) % kinds.count]
    let directory = FuzzDirectory.fresh()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: directory + "/a.src", contents: Data(#"{"id":"1","url":"http://127.0.0.1:8086"}"#.utf8))
    _ = FileManager.default.createFile(
        atPath: directory + "/b.\(kind)", contents: Data(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    let environment = ["INFLUX_URL": "http://127.0.0.1:8086", "PASSWORD": "p\"{{", "EMPTY": ""]
    _ = ResourceFiles.load(directory: directory, environment: environment, takenSourceIDs: [2])
    return 0
}

@main
enum ResourceFileFuzzerMain {
    static func main() { FuzzDriver.run { resourceFileFuzzer($0, $1) } }
}
