import TimeSeries

/// Writes JSON byte for byte as Go's `encoding/json` does, since InfluxDB clients compare answers as text:
/// `<`, `>` and `&` escaped as `\u003c`-style sequences, floats in their shortest form (`3`, `0.5`, `1e+21`,
/// `1e-7`), and `MarshalIndent`'s four-space layout for `pretty=true`.
///
/// It appends straight to a byte array, with no tree of values in between: a query answer can hold millions of
/// values, and building then walking a tree cost more than the query itself for small answers.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// One entry per open container: whether it has an item yet (for the comma and `pretty`'s closing newline).
    private var containerHasItems: [Bool] = []
    /// Reused for printing floats.
    private var printedDouble = PrintedDouble()
    /// The last day a time was written for and its date: an answer's times mostly share their day.
    private var lastDay: (days: Int64, date: (year: Int64, month: Int64, day: Int64)) = (.min, (0, 0, 0))

    init(pretty: Bool, capacity: Int = 1024) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// An array of `items`, each written by `writeItem`.
    mutating func array<Items: Sequence>(_ items: Items, _ writeItem: (inout JSONWriter, Items.Element) -> Void) {
        openArray()
        for item in items {
            startItem()
            writeItem(&self, item)
        }
        closeArray()
    }

    /// Starts an object member: the separator, then `"name":`; the value is written next.
    mutating func key(_ name: String) {
        startItem()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    /// Starts an array element: the separator (and `pretty`'s newline); the value is written next.
    mutating func startItem() {
        guard let last = containerHasItems.indices.last else { return }
        if containerHasItems[last] { bytes.append(UInt8(ascii: ",")) } else { containerHasItems[last] = true }
        if pretty { newline(depth: containerHasItems.count) }
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        containerHasItems.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems = containerHasItems.removeLast()
        if pretty && hadItems { newline(depth: containerHasItems.count) }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth * 4 { bytes.append(UInt8(ascii: " ")) }
    }

    /// `CivilDate.date(daysSinceEpoch:)`, remembered for the last day asked.
    mutating func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        if days != lastDay.days { lastDay = (days, CivilDate.date(daysSinceEpoch: days)) }
        return lastDay.date
    }

    // MARK: Scalars

    mutating func null() { append("null") }
    mutating func boolean(_ flag: Bool) { append(flag ? "true" : "false") }

    mutating func integer(_ number: Int64) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        unsigned(number.magnitude)
    }

    mutating func unsigned(_ number: UInt64) {
        let start = bytes.count
        var rest = number
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// Bytes as they are: already valid JSON text.
    mutating func append(bytes raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
    }

    /// Exactly `width` digits, leading zeros first; `number` must be below 10^width.
    mutating func zeroPadded(_ number: UInt64, width: Int) {
        var rest = number
        let end = bytes.count + width
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var index = end - 1
        while rest > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in appendEscaped(utf8) }
    }

    /// Raw bytes already valid as JSON text (a formatted time inside its quotes, say).
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): append(#"\""#)
            case UInt8(ascii: "\\"): append(#"\\"#)
            case UInt8(ascii: "\n"): append(#"\n"#)
            case UInt8(ascii: "\r"): append(#"\r"#)
            case UInt8(ascii: "\t"): append(#"\t"#)
            case UInt8(ascii: "<"): append(#"\u003c"#)
            case UInt8(ascii: ">"): append(#"\u003e"#)
            case UInt8(ascii: "&"): append(#"\u0026"#)
            case 0..<0x20:
                append(#"\u00"#)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            // U+2028 and U+2029 (E2 80 A8/A9) break JavaScript string literals, so Go escapes them.
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] & 0xFE) == 0xA8:
                append(#"\u202"#)
                bytes.append(utf8[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                index += 2
            default: bytes.append(byte)
            }
            index += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Go's JSON float form: shortest digits, plain for 1e-6 <= |x| < 1e21, otherwise `d.ddde±X`; not finite is null.
    mutating func float(_ number: Double) {
        guard number.isFinite else { return null() }
        if number == 0 { return number.sign == .minus ? append("-0") : append("0") }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        // Taken out while it is used, so writing the digits into `bytes` does not overlap an access to it.
        var printed = printedDouble
        printedDouble = PrintedDouble()
        printed.print(magnitude)
        if !printed.appendIfPlain(to: &bytes) {
            printed.withDigits { digits, exponent in
                if magnitude >= 1e-6 && magnitude < 1e21 {
                    writePlain(digits, exponent: exponent)
                } else {
                    writeScientific(digits, exponent: exponent)
                }
            }
        }
        printedDouble = printed
    }

    /// `digits` × 10^(exponent − count): `0.000ddd`, `ddd000` or `dd.d`.
    private mutating func writePlain(_ digits: UnsafeBufferPointer<UInt8>, exponent: Int) {
        if exponent <= 0 {
            append("0.")
            for _ in 0..<(-exponent) { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: digits)
        } else if exponent >= digits.count {
            bytes.append(contentsOf: digits)
            for _ in 0..<(exponent - digits.count) { bytes.append(UInt8(ascii: "0")) }
        } else {
            bytes.append(contentsOf: digits[..<exponent])
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[exponent...])
        }
    }

    private mutating func writeScientific(_ digits: UnsafeBufferPointer<UInt8>, exponent: Int) {
        bytes.append(digits[0])
        if digits.count > 1 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[1...])
        }
        let power = exponent - 1
        bytes.append(UInt8(ascii: "e"))
        bytes.append(power < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        unsigned(UInt64(abs(power)))
    }
}

extension JSONWriter {
    /// One float on its own, as `encoding/json` writes it (CSV answers use this form too).
    static func formatFloat(_ number: Double) -> String {
        var writer = JSONWriter(pretty: false, capacity: 32)
        writer.float(number)
        return writer.text
    }
}

/// Swift's shortest round-trip printing of a double (what `description` gives), captured as bytes: `Double.write(to:)`
/// hands its digits to `_writeASCII` straight from a stack buffer, and they are kept in a fixed-size value here, so
/// nothing is allocated or reference-counted per float (a `description` string per float was a fifth of writing a
/// raw query's answer; an array buffer here, 5% in retains and releases).
private struct PrintedDouble: TextOutputStream {
    /// Swift prints a double in at most 24 characters (`-2.2250738585072014e-308`).
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count = 0

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { _writeASCII($0) }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        withUnsafeMutableBytes(of: &storage) { bytes in
            let kept = min(buffer.count, bytes.count - count)
            for index in 0..<kept { bytes[count + index] = buffer[index] }
            count += kept
        }
    }

    private func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        withUnsafeBytes(of: storage) { body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[..<count])) }
    }

    /// Prints `value` (positive, finite): `d.ddd`, `ddd.0`, `0.000ddd` or `d.ddde±X`.
    mutating func print(_ value: Double) {
        count = 0
        value.write(to: &self)
    }

    /// Appends the printed value as Go writes it if Swift printed it without an exponent, the usual case: Swift
    /// prints plainly only between 1e-4 and 2^53, inside Go's plain range (1e-6 to 1e21), with the same shortest
    /// digits, so only a trailing `.0` goes. False, appending nothing, for the exponent form.
    func appendIfPlain(to output: inout [UInt8]) -> Bool {
        withBytes { bytes in
            var wholeNumber = false
            for (index, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return false }
                wholeNumber = byte == UInt8(ascii: ".") && index == bytes.count - 2 && bytes[index + 1] == UInt8(ascii: "0")
                if wholeNumber { break }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<(wholeNumber ? bytes.count - 2 : bytes.count)]))
            return true
        }
    }

    /// Calls `body` with the printed value's significant digits and the decimal point's position
    /// (value = 0.d1d2… × 10^exponent).
    func withDigits(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        // Only the exponent forms come here, rarely: a copy to work in costs nothing that matters.
        var bytes = withBytes { Array($0) }
        // Digits are moved to the front in place; the point and the exponent are read on the way.
        var digitCount = 0
        var pointPosition: Int? = nil
        var exponent = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                pointPosition = digitCount
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Self.parseExponent(bytes[(index + 1)...])
                break
            } else {
                bytes[digitCount] = byte
                digitCount += 1
            }
            index += 1
        }
        var first = 0
        while first < digitCount - 1 && bytes[first] == UInt8(ascii: "0") { first += 1 }
        var end = digitCount
        while end > first + 1 && bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
        let position = (pointPosition ?? digitCount) + exponent - first
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[first..<end]), position) }
    }

    private static func parseExponent(_ text: ArraySlice<UInt8>) -> Int {
        var value = 0
        var negative = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 10 + Int(byte - UInt8(ascii: "0"))
            default: break
            }
        }
        return negative ? -value : value
    }
}
