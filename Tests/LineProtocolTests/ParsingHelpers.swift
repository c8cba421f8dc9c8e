import TimeSeries

@testable import LineProtocol

/// Parses `text` and returns owned points and errors, for tests.
func parse(
    _ text: String,
    precision: Precision = .nanoseconds,
    defaultTimestamp: Int64 = 42
) -> (points: [Point], errors: [LineProtocolError]) {
    var parser = LineProtocolParser()
    var points: [Point] = []
    var errors: [LineProtocolError] = []
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
        parser.parse(
            buffer, precision: precision, defaultTimestamp: defaultTimestamp,
            onPoint: { points.append($0.makePoint()) },
            onError: { errors.append($0) }
        )
    }
    return (points, errors)
}

func parseOne(_ text: String, precision: Precision = .nanoseconds) -> Point? {
    let result = parse(text, precision: precision)
    return result.errors.isEmpty && result.points.count == 1 ? result.points[0] : nil
}
