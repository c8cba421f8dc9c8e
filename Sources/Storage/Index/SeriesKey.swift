import LineProtocol

/// A series key in its escaped line-protocol form, `cpu,host=a,region=x`, taken apart into its measurement and
/// tags (unescaped), for the index when it first sees a series and at start-up.
struct SeriesKey: Sendable, Hashable {
    let measurement: String
    let tags: [(key: String, value: String)]

    static func == (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        lhs.measurement == rhs.measurement && lhs.tags.elementsEqual(rhs.tags) { $0 == $1 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(measurement)
        for tag in tags {
            hasher.combine(tag.key)
            hasher.combine(tag.value)
        }
    }

    /// Splits at unescaped commas and, inside each tag, at the first unescaped `=`.
    init(parsing key: UnsafeRawBufferPointer) {
        let bytes = key.bindMemory(to: UInt8.self)
        var parts: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: ",") {
                parts.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        parts.append(start..<min(bytes.count, max(start, bytes.count)))
        measurement = LineProtocolEscaping.unescapeMeasurement(UnsafeBufferPointer(rebasing: bytes[parts[0]]))
        tags = parts.dropFirst().map { range in
            var equals = range.lowerBound
            while equals < range.upperBound {
                if bytes[equals] == UInt8(ascii: "\\") {
                    equals += 2
                    continue
                }
                if bytes[equals] == UInt8(ascii: "=") { break }
                equals += 1
            }
            equals = min(equals, range.upperBound)
            let valueStart = min(equals + 1, range.upperBound)
            return (
                LineProtocolEscaping.unescapeKey(UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<equals])),
                LineProtocolEscaping.unescapeKey(UnsafeBufferPointer(rebasing: bytes[valueStart..<range.upperBound]))
            )
        }
    }
}

extension SeriesKey {
    /// Where the escaped measurement of a series key ends: the first unescaped comma, or the end.
    static func measurementEnd(_ key: UnsafeRawBufferPointer) -> Int {
        var index = 0
        while index < key.count {
            if key[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if key[index] == UInt8(ascii: ",") { return index }
            index += 1
        }
        return key.count
    }
}
