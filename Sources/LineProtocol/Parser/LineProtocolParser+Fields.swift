/// The field section, `key=value[,key=value...]`, scanned as InfluxDB 1.x scans it, so each malformed line gets
/// the same error InfluxDB gives; values are decoded in the same pass.
extension LineProtocolParser {
    /// Scans the fields starting at `first`; returns the index where the section ends (a space or the line end).
    mutating func scanFields(
        _ input: UnsafeBufferPointer<UInt8>,
        _ first: Int,
        _ end: Int,
        seriesKeyLength: Int
    ) throws(ParseFailure) -> Int {
        let start = Self.skipWhitespace(input, from: first, to: end)
        var index = start
        var isQuoted = false
        var equals = 0
        var commas = 0
        var keyStart = start
        var string = PendingString()
        while index < end {
            let byte = input[index]
            if byte == ASCII.backslash && index + 1 < end {
                if isQuoted { string.hasEscapes = true }
                index += 2
                continue
            }
            if byte == ASCII.quote && equals > commas {
                isQuoted.toggle()
                index += 1
                continue
            }
            if byte == ASCII.equals && !isQuoted {
                equals += 1
                if let valueEnd = try scanFieldValue(input, keyStart..<index, end, &string) {
                    index = valueEnd
                    continue
                }
            }
            if byte == ASCII.comma && !isQuoted {
                commas += 1
                finish(&string, at: index)
                keyStart = index + 1
            }
            if byte == ASCII.space && !isQuoted { break }
            index += 1
        }
        finish(&string, at: index)
        if isQuoted { throw ParseFailure(.unbalancedQuotes, at: index) }
        if equals == 0 || commas != equals - 1 { throw ParseFailure(.invalidFieldFormat, at: index) }
        for field in fields where seriesKeyLength + 4 + field.key.count > Self.maximumKeyLength {
            throw ParseFailure(.maxKeyLengthExceeded(seriesKeyLength + 4 + field.key.count), at: field.key.lowerBound)
        }
        return index
    }

    /// A string value whose closing quote has not been reached yet: its key and opening quote.
    struct PendingString {
        var key: Range<Int>? = nil
        var openingQuote = 0
        var hasEscapes = false
    }

    /// Checks and decodes the value after the `=` at `key.upperBound`. Numbers and booleans are read here and
    /// their end returned; for a string the key is remembered and nil returned, since the main loop tracks quotes.
    private mutating func scanFieldValue(
        _ input: UnsafeBufferPointer<UInt8>,
        _ key: Range<Int>,
        _ end: Int,
        _ string: inout PendingString
    ) throws(ParseFailure) -> Int? {
        let equalsIndex = key.upperBound
        let before = input[equalsIndex - 1]
        // An empty key is missing too: InfluxDB skips NUL bytes as white space and then stores a field named ""
        // (`m \0=1`), which no line can name again.
        if key.isEmpty || (before == ASCII.space || before == ASCII.comma) && input[equalsIndex - 2] != ASCII.backslash {
            throw ParseFailure(.missingFieldKey, at: equalsIndex)
        }
        let valueStart = equalsIndex + 1
        if valueStart >= end { throw ParseFailure(.missingFieldValue, at: valueStart) }
        let next = input[valueStart]
        if next == ASCII.comma || next == ASCII.space { throw ParseFailure(.missingFieldValue, at: valueStart) }
        if ASCII.isNumeric(next) || next == ASCII.minus || next == UInt8(ascii: "N") || next == UInt8(ascii: "n") {
            let (valueEnd, value) = try Self.scanNumber(input, valueStart, end)
            fields.append(ParsedField(key: key, value: value))
            return valueEnd
        }
        if next != ASCII.quote {
            let (valueEnd, value) = try Self.scanBoolean(input, valueStart, end)
            fields.append(ParsedField(key: key, value: .boolean(value)))
            return valueEnd
        }
        string = PendingString(key: key, openingQuote: valueStart, hasEscapes: false)
        return nil
    }

    /// Records a string field that ends at `terminator` (the comma, space or line end after its closing quote).
    private mutating func finish(_ string: inout PendingString, at terminator: Int) {
        guard let key = string.key else { return }
        let contents = (string.openingQuote + 1)..<max(string.openingQuote + 1, terminator - 1)
        fields.append(ParsedField(key: key, value: .string(contents, hasEscapes: string.hasEscapes)))
        string = PendingString()
    }

    /// InfluxDB's boolean spellings: t, T, true, True, TRUE, f, F, false, False, FALSE.
    static func scanBoolean(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(ParseFailure) -> (Int, Bool) {
        var index = start
        while index < end && input[index] != ASCII.comma && input[index] != ASCII.space { index += 1 }
        let word = UnsafeBufferPointer(rebasing: input[start..<index])
        switch word.count {
        case 1:
            switch word[0] {
            case UInt8(ascii: "t"), UInt8(ascii: "T"): return (index, true)
            case UInt8(ascii: "f"), UInt8(ascii: "F"): return (index, false)
            default: break
            }
        case 4 where word.elementsEqual("true".utf8) || word.elementsEqual("True".utf8) || word.elementsEqual("TRUE".utf8):
            return (index, true)
        case 5 where word.elementsEqual("false".utf8) || word.elementsEqual("False".utf8) || word.elementsEqual("FALSE".utf8):
            return (index, false)
        default: break
        }
        throw ParseFailure(.invalidBoolean, at: start)
    }
}
