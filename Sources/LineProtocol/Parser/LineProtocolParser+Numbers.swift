import TimeSeries

/// Numeric field values (`1`, `-1.5e3`, `7i`, `7u`) and timestamps, checked with InfluxDB's rules.
extension LineProtocolParser {
    /// Scans a number from `start` to the next comma, space or line end, and decodes it.
    static func scanNumber(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(ParseFailure) -> (Int, ParsedFieldValue) {
        if let (valueEnd, value) = scanPlainDecimal(input, start, end) { return (valueEnd, .float(value)) }
        return try scanAnyNumber(input, start, end)
    }

    /// The common case in one pass: `[-]digits[.digits]` then a comma, space or line end. Every such text is a
    /// valid float to InfluxDB too. Returns nil for anything else, which `scanAnyNumber` then checks in full.
    @inline(__always)
    private static func scanPlainDecimal(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Double)? {
        var index = start
        let isNegative = input[index] == ASCII.minus
        if isNegative { index += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var digitCount = 0
        var sawPoint = false
        while index < end {
            let byte = input[index]
            if ASCII.isDigit(byte) {
                digitCount += 1
                if mantissa != 0 || byte != ASCII.zero {
                    guard significantDigits < 19 else { return nil }
                    mantissa = mantissa &* 10 &+ UInt64(byte &- ASCII.zero)
                    significantDigits += 1
                }
                if sawPoint { exponent -= 1 }
            } else if byte == ASCII.dot && !sawPoint {
                sawPoint = true
            } else if byte == ASCII.comma || byte == ASCII.space {
                break
            } else {
                return nil
            }
            index += 1
        }
        guard digitCount > 0 else { return nil }
        guard let value = DecimalParsing.double(mantissa: mantissa, digits: significantDigits, exponent: exponent, isNegative: isNegative)
        else { return nil }
        return (index, value)
    }

    /// Any number InfluxDB accepts, with its exact errors: integers (`7i`), unsigned (`7u`), exponents, and the
    /// malformed cases.
    private static func scanAnyNumber(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(ParseFailure) -> (
        Int, ParsedFieldValue
    ) {
        var index = start
        var isInteger = false
        var isUnsigned = false
        var hasDecimalPoint = false
        var isScientific = false
        if input[index] == ASCII.minus {
            index += 1
            if index == end { throw ParseFailure(.invalidNumber, at: start) }
        }
        while index < end {
            let byte = input[index]
            if byte == ASCII.comma || byte == ASCII.space { break }
            if (byte == UInt8(ascii: "i") || byte == UInt8(ascii: "u")) && index > start && !(isInteger || isUnsigned) {
                if byte == UInt8(ascii: "i") { isInteger = true } else { isUnsigned = true }
                index += 1
                continue
            }
            if byte == ASCII.dot {
                if hasDecimalPoint { throw ParseFailure(.invalidNumber, at: index) }
                hasDecimalPoint = true
            }
            if index > start && (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")) {
                isScientific = true
                index += 1
                continue
            }
            if (byte == ASCII.plus || byte == ASCII.minus)
                && (input[index - 1] == UInt8(ascii: "e") || input[index - 1] == UInt8(ascii: "E"))
            {
                index += 1
                continue
            }
            if index + 2 < end && (byte == UInt8(ascii: "N") || byte == UInt8(ascii: "n")) {
                throw ParseFailure(.invalidNumber, at: index)
            }
            if !ASCII.isNumeric(byte) { throw ParseFailure(.invalidNumber, at: index) }
            index += 1
        }
        // Whole-value problems point at the value's first byte; a bad character above points at itself.
        if (isInteger || isUnsigned) && (hasDecimalPoint || isScientific) { throw ParseFailure(.invalidNumber, at: start) }
        var digits = index - start
        if isInteger || isUnsigned { digits -= 1 }
        if hasDecimalPoint { digits -= 1 }
        if input[start] == ASCII.minus { digits -= 1 }
        if digits <= 0 { throw ParseFailure(.invalidNumber, at: start) }
        if isInteger || isUnsigned {
            // The suffix must be last: `9i10` is not a number.
            if input[index - 1] != (isInteger ? UInt8(ascii: "i") : UInt8(ascii: "u")) { throw ParseFailure(.invalidNumber, at: start) }
            return (index, try decodeInteger(input, start, index - 1, isUnsigned: isUnsigned))
        }
        guard let value = DecimalParsing.double(UnsafeBufferPointer(rebasing: input[start..<index])), value.isFinite else {
            throw ParseFailure(.invalidFloat, at: start)
        }
        return (index, .float(value))
    }

    private static func decodeInteger(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        isUnsigned: Bool
    ) throws(ParseFailure) -> ParsedFieldValue {
        let digits = UnsafeBufferPointer(rebasing: input[start..<end])
        if isUnsigned {
            if input[start] == ASCII.minus { throw ParseFailure(.invalidNumber, at: start) }
            guard let value = DecimalParsing.unsigned(digits) else {
                throw ParseFailure(.integerOutOfRange(digits: String(decoding: digits, as: UTF8.self), isUnsigned: true), at: start)
            }
            return .unsigned(value)
        }
        guard let value = DecimalParsing.signed(digits) else {
            // Only digits (and a leading minus) get here, so failure means the value does not fit 64 bits.
            throw ParseFailure(.integerOutOfRange(digits: String(decoding: digits, as: UTF8.self), isUnsigned: false), at: start)
        }
        return .integer(value)
    }

    /// Reads the optional timestamp after the fields and checks nothing but spaces follow it.
    func scanTimestamp(
        _ input: UnsafeBufferPointer<UInt8>,
        _ first: Int,
        _ end: Int,
        _ precision: Precision,
        _ defaultTimestamp: Int64
    ) throws(ParseFailure) -> Int64 {
        let start = Self.skipWhitespace(input, from: first, to: end)
        var index = start
        while index < end && input[index] != ASCII.space {
            if !(index == start && input[index] == ASCII.minus) && !ASCII.isDigit(input[index]) {
                throw ParseFailure(.badTimestamp, at: index)
            }
            index += 1
        }
        if index == start { return defaultTimestamp }
        let digits = UnsafeBufferPointer(rebasing: input[start..<index])
        guard let value = DecimalParsing.signed(digits) else {
            let text = String(decoding: digits, as: UTF8.self)
            let reason = digits.count == 1 ? "invalid syntax" : "value out of range"
            throw ParseFailure(.timestampSyntax("strconv.ParseInt: parsing \"\(text)\": \(reason)"), at: start)
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: precision.nanosecondsPerUnit)
        if overflow || !TimeBounds.contains(scaled) { throw ParseFailure(.timeOutsideRange, at: start) }
        while index < end {
            if input[index] != ASCII.space { throw ParseFailure(.pointIsInvalid, at: index) }
            index += 1
        }
        return scaled
    }
}
