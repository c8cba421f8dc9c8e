import FuzzSupport
import LineProtocol
import TimeSeries

/// Line protocol from any bytes: parsing, making owned points and encoding them again never trap.
///
/// (Requiring the encoded points to parse back is not a property line protocol has: InfluxDB's grammar accepts
/// lines, such as bytes after a string's closing quote, whose points no line can express; see docs/RELIABILITY.md.)
public func lineProtocolFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    var parser = LineProtocolParser()
    var points: [Point] = []
    parser.parse(
        UnsafeBufferPointer(start: data, count: size), precision: .nanoseconds, defaultTimestamp: 0,
        onPoint: { points.append($0.makePoint()) }, onError: { _ in })
    let encoded = LineProtocolEncoder.encode(points)
    encoded.withUnsafeBufferPointer { bytes in
        parser.parse(bytes, precision: .microseconds, defaultTimestamp: Int64.max, onPoint: { _ in }, onError: { _ in })
    }
    return 0
}

@main
enum LineProtocolFuzzerMain {
    static func main() { FuzzDriver.run { lineProtocolFuzzer($0, $1) } }
}
