/// A line that could not be parsed: which line, where in it, and why, in InfluxDB's words.
///
/// `description` is InfluxDB's text, `unable to parse '<line>': <reason>`, which clients match on;
/// `line` and `column` (1-based, in bytes) say where the parser stopped.
public struct LineProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public let kind: Kind
    public let line: Int
    public let column: Int
    /// The line as received, without its newline.
    public let text: String

    public enum Kind: Sendable, Equatable {
        case missingMeasurement, missingFields, missingTagKey, missingTagValue, invalidTagFormat, duplicateTags
        case missingFieldKey, missingFieldValue, invalidFieldFormat, unbalancedQuotes
        case invalidNumber, invalidFloat, invalidBoolean, badTimestamp, pointIsInvalid
        case maxKeyLengthExceeded(Int)
        case timeOutsideRange
        /// Integer or unsigned out of range: the digits and Go's `strconv` message.
        case integerOutOfRange(digits: String, isUnsigned: Bool)
        /// A timestamp that does not fit 64 bits: Go's `strconv` message.
        case timestampSyntax(String)
    }

    public var message: String {
        switch kind {
        case .missingMeasurement: "missing measurement"
        case .missingFields: "missing fields"
        case .missingTagKey: "missing tag key"
        case .missingTagValue: "missing tag value"
        case .invalidTagFormat: "invalid tag format"
        case .duplicateTags: "duplicate tags"
        case .missingFieldKey: "missing field key"
        case .missingFieldValue: "missing field value"
        case .invalidFieldFormat: "invalid field format"
        case .unbalancedQuotes: "unbalanced quotes"
        case .invalidNumber: "invalid number"
        case .invalidFloat: "invalid float"
        case .invalidBoolean: "invalid boolean"
        case .badTimestamp: "bad timestamp"
        case .pointIsInvalid: "point is invalid"
        case .maxKeyLengthExceeded(let length): "max key length exceeded: \(length) > \(LineProtocolParser.maximumKeyLength)"
        case .timeOutsideRange: "time outside range -9223372036854775806 - 9223372036854775806"
        case .integerOutOfRange(let digits, let isUnsigned):
            isUnsigned
                ? "unable to parse unsigned \(digits): strconv.ParseUint: parsing \"\(digits)\": value out of range"
                : "unable to parse integer \(digits): strconv.ParseInt: parsing \"\(digits)\": value out of range"
        case .timestampSyntax(let message): message
        }
    }

    public var description: String { "unable to parse '\(text)': \(message)" }
}
