import Foundation
import LibFuzzerDriver
public import WriteAheadLog

/// A new path under the temporary directory for one fuzz input (the caller creates and removes what it needs).
public enum FuzzDirectory {
    nonisolated(unsafe) private static var counter = 0

    public static func fresh() -> String {
        counter += 1
        return NSTemporaryDirectory() + "sundial-fuzz-\(getpid())-\(counter)"
    }
}

/// Turns fuzz bytes into WAL frames with valid lengths and checksums, so mutations reach the record decoder
/// instead of stopping at the first checksum: each record is a 2-byte little-endian length, then its bytes.
public enum FuzzFraming {
    public static func framed(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while offset + 2 <= input.count {
            let length = min(Int(input[offset]) | Int(input[offset + 1]) << 8, input.count - offset - 2)
            let payload = Array(input[(offset + 2)..<(offset + 2 + length)])
            offset += 2 + length
            let checksum = payload.withUnsafeBytes { CRC32C.checksum($0) }
            for value in [UInt32(payload.count), checksum] {
                for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
            }
            output += payload
        }
        return output
    }
}

/// Runs libFuzzer over `test` with the process's arguments (corpus folders, `-runs=`, `-max_total_time=` …).
public enum FuzzDriver {
    public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    }
}
