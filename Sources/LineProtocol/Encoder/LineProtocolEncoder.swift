public import TimeSeries

/// Writes points as line protocol that `LineProtocolParser` (and InfluxDB) read back to the same points.
public enum LineProtocolEncoder {
    /// Appends one line (with its trailing newline) for `point`, timestamp in nanoseconds.
    public static func append(_ point: Point, to output: inout [UInt8]) {
        LineProtocolEscaping.escapeMeasurement(point.measurement, into: &output)
        for tag in point.tags where !tag.value.isEmpty {
            output.append(ASCII.comma)
            LineProtocolEscaping.escapeKey(tag.key, into: &output)
            output.append(ASCII.equals)
            LineProtocolEscaping.escapeKey(tag.value, into: &output)
        }
        output.append(ASCII.space)
        for (offset, field) in point.fields.enumerated() {
            if offset > 0 { output.append(ASCII.comma) }
            LineProtocolEscaping.escapeKey(field.key, into: &output)
            output.append(ASCII.equals)
            appendValue(field.value, to: &output)
        }
        output.append(ASCII.space)
        output.append(contentsOf: String(point.timestamp).utf8)
        output.append(ASCII.newline)
    }

    public static func encode(_ points: [Point]) -> [UInt8] {
        var output: [UInt8] = []
        for point in points { append(point, to: &output) }
        return output
    }

    /// A field value as line protocol writes it (`1.5`, `3i`, `4u`, `true`, `"text"`).
    public static func appendValue(_ value: FieldValue, to output: inout [UInt8]) {
        switch value {
        case .float(let number):
            // Swift prints the shortest text that reads back to the same Double, and always with a "." or an
            // exponent ("1.0", "1e+16"), so a float never reads back as another type.
            output.append(contentsOf: number.description.utf8)
        case .integer(let number):
            output.append(contentsOf: String(number).utf8)
            output.append(UInt8(ascii: "i"))
        case .unsigned(let number):
            output.append(contentsOf: String(number).utf8)
            output.append(UInt8(ascii: "u"))
        case .boolean(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .string(let text):
            output.append(ASCII.quote)
            LineProtocolEscaping.escapeString(text, into: &output)
            output.append(ASCII.quote)
        }
    }
}
