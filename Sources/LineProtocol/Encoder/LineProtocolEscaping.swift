/// Line protocol's escaping rules, both ways.
///
/// Measurements escape `,` and space; tag keys, tag values and field keys escape `,`, `=` and space; string
/// field values escape `"` and `\`. A backslash before anything else is a literal backslash.
public enum LineProtocolEscaping {
    public static func unescapeMeasurement(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        unescape(bytes) { $0 == ASCII.comma || $0 == ASCII.space }
    }

    public static func unescapeKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        unescape(bytes) { $0 == ASCII.comma || $0 == ASCII.space || $0 == ASCII.equals }
    }

    public static func unescapeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        unescape(bytes) { $0 == ASCII.quote || $0 == ASCII.backslash }
    }

    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, isEscapable: (UInt8) -> Bool) -> String {
        guard bytes.contains(ASCII.backslash) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == ASCII.backslash && index + 1 < bytes.count && isEscapable(bytes[index + 1]) {
                result.append(bytes[index + 1])
                index += 2
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    public static func escapeMeasurement(_ text: String, into output: inout [UInt8]) {
        escape(text, into: &output) { $0 == ASCII.comma || $0 == ASCII.space }
    }

    public static func escapeKey(_ text: String, into output: inout [UInt8]) {
        escape(text, into: &output) { $0 == ASCII.comma || $0 == ASCII.space || $0 == ASCII.equals }
    }

    public static func escapeString(_ text: String, into output: inout [UInt8]) {
        escape(text, into: &output) { $0 == ASCII.quote || $0 == ASCII.backslash }
    }

    private static func escape(_ text: String, into output: inout [UInt8], needsEscape: (UInt8) -> Bool) {
        for byte in text.utf8 {
            if needsEscape(byte) { output.append(ASCII.backslash) }
            output.append(byte)
        }
    }
}
