import FuzzSupport
import PrometheusRemote

/// Any remote write or read body, snappy-compressed or not: uncompressing (within a limit) and decoding never trap,
/// and whatever decodes encodes to bytes that decode to the same messages.
public func prometheusRemoteFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    var bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] & 1 == 1 {
        guard let uncompressed = try? Snappy.uncompress(bytes, limit: 1 << 20) else { return 0 }
        bytes = uncompressed
        precondition((try? Snappy.uncompress(Snappy.compress(bytes), limit: 1 << 20)) == bytes, "snappy round trip")
    }
    if let write = try? RemoteWriteRequest(decoding: bytes) {
        precondition((try? RemoteWriteRequest(decoding: write.encoded())) == write, "write request round trip")
    }
    if let read = try? RemoteReadRequest(decoding: bytes) {
        precondition((try? RemoteReadRequest(decoding: read.encoded())) == read, "read request round trip")
    }
    _ = try? RemoteReadResponse.decode(bytes)
    return 0
}

@main
enum PrometheusRemoteFuzzerMain {
    static func main() { FuzzDriver.run { prometheusRemoteFuzzer($0, $1) } }
}
