import SnappyBridge

/// Snappy's block format, as Prometheus compresses remote write and read bodies.
public enum Snappy {
    public enum Failure: Error, Equatable {
        case corrupt
        /// The body says it uncompresses to more than the caller allows.
        case tooLarge
    }

    /// `input` uncompressed, refused before any allocation when its stated length is over `limit`.
    public static func uncompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        let length = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { snappy_bridge_uncompressed_length($0.baseAddress, $0.count) }
        }
        guard length >= 0 else { throw .corrupt }
        guard length <= limit else { throw .tooLarge }
        var output = [UInt8](repeating: 0, count: length)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { source in
                    target.withMemoryRebound(to: CChar.self) { target in
                        snappy_bridge_uncompress(source.baseAddress, source.count, target.baseAddress, target.count)
                    }
                }
            }
        }
        guard written == length else { throw .corrupt }
        return output
    }

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: snappy_bridge_max_compressed_length(input.count))
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { source in
                    target.withMemoryRebound(to: CChar.self) { target in
                        snappy_bridge_compress(source.baseAddress, source.count, target.baseAddress, target.count)
                    }
                }
            }
        }
        // Compressing into the maximum compressed length cannot fail.
        output.removeLast(output.count - max(written, 0))
        return output
    }
}
