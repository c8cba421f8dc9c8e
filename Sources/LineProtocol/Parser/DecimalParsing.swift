#if canImport(Glibc)
    import Glibc
#endif

/// Decimal text to numbers without going through `String`, for the write hot path.
enum DecimalParsing {
    /// An optional minus and one or more digits; nil on anything else or on overflow.
    static func signed(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = text.first else { return nil }
        let isNegative = first == ASCII.minus
        let digits = isNegative ? UnsafeBufferPointer(rebasing: text.dropFirst()) : text
        guard let magnitude = unsigned(digits) else { return nil }
        if isNegative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// One or more digits; nil on anything else or on overflow.
    static func unsigned(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard ASCII.isDigit(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - ASCII.zero))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// Go's `ParseFloat` on decimal text: `[-]digits[.digits][(e|E)[+|-]digits]`, at least one mantissa digit.
    /// Exactly representable cases take Clinger's fast path, up to 19 digits Eisel-Lemire; what is left (longer
    /// mantissas, ambiguous roundings, overflow and underflow) goes to `strtod`.
    static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let shape = DecimalShape(text) else { return nil }
        if let value = double(
            mantissa: shape.mantissa, digits: shape.mantissaDigits, exponent: shape.exponent, isNegative: shape.isNegative)
        {
            return value
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            for (offset, byte) in text.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
            buffer[text.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// mantissa × 10^exponent when it can be computed exactly and fast: nil when `digits` > 19 (the mantissa was
    /// truncated) or Eisel-Lemire cannot decide the rounding.
    @inline(__always)
    static func double(mantissa: UInt64, digits: Int, exponent: Int, isNegative: Bool) -> Double? {
        if digits <= 15 && exponent >= -22 && exponent <= 22 {
            let value = Double(mantissa)
            let scaled = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return isNegative ? -scaled : scaled
        }
        guard digits <= 19 else { return nil }
        return EiselLemire.double(mantissa: mantissa, exponent: exponent, isNegative: isNegative)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

/// A decimal number's syntax checked and its significant digits gathered: value = mantissa × 10^exponent.
struct DecimalShape {
    var isNegative = false
    /// The first (up to) 19 significant digits.
    var mantissa: UInt64 = 0
    /// How many significant digits there were in all (more than 19 means `mantissa` is truncated).
    var mantissaDigits = 0
    var exponent = 0

    init?(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        if index < text.count && text[index] == ASCII.minus {
            isNegative = true
            index += 1
        }
        var sawDigit = false
        var sawPoint = false
        while index < text.count {
            let byte = text[index]
            if ASCII.isDigit(byte) {
                sawDigit = true
                if mantissa == 0 && byte == ASCII.zero {
                    if sawPoint { exponent -= 1 }
                } else if mantissaDigits < 19 {
                    mantissa = mantissa * 10 + UInt64(byte - ASCII.zero)
                    mantissaDigits += 1
                    if sawPoint { exponent -= 1 }
                } else {
                    mantissaDigits += 1
                    if !sawPoint { exponent += 1 }
                }
            } else if byte == ASCII.dot && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if index < text.count {
            guard text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            var exponentSign = 1
            if index < text.count && (text[index] == ASCII.plus || text[index] == ASCII.minus) {
                exponentSign = text[index] == ASCII.minus ? -1 : 1
                index += 1
            }
            guard index < text.count else { return nil }
            var written = 0
            while index < text.count {
                guard ASCII.isDigit(text[index]) else { return nil }
                written = min(written * 10 + Int(text[index] - ASCII.zero), 100_000)
                index += 1
            }
            exponent += exponentSign * written
        }
    }
}
