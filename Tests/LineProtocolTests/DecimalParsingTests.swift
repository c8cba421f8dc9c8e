import SundialTesting
import Testing

@testable import LineProtocol

@Suite struct DecimalParsingTests {
    private func double(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParsing.double($0) }
    }

    @Test func agreesWithTheStandardLibraryOnRandomDoubles() {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            #expect(double(value.description) == value, "\(value)")
        }
    }

    @Test func agreesOnShortDecimals() {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<20_000 {
            let mantissa = Int64.random(in: -999_999_999_999...999_999_999_999, using: &random)
            let exponent = Int.random(in: -30...30, using: &random)
            let text = "\(mantissa)e\(exponent)"
            #expect(double(text) == Double(text), "\(text)")
        }
    }

    @Test(arguments: ["", "-", ".", "e5", "1e", "1e+", "1.5.5", "1x", "--1", "1e5e5"])
    func rejectsMalformedText(_ text: String) {
        #expect(double(text) == nil)
    }

    @Test func integersDetectOverflow() {
        let parse = { (text: String) in Array(text.utf8).withUnsafeBufferPointer { DecimalParsing.signed($0) } }
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("-9223372036854775809") == nil)
        #expect(parse("-") == nil)
        #expect(parse("12a") == nil)
    }

    /// Telegraf-style values: 15 to 20 significant digits around the decimal point.
    @Test func agreesOnLongPlainDecimals() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            let whole = UInt64.random(in: 0...999, using: &random)
            let fraction = UInt64.random(in: 0...UInt64(9_999_999_999_999_999), using: &random)
            let text = "\(whole).\(fraction)"
            #expect(double(text) == Double(text), "\(text)")
        }
    }
}

@Suite struct EiselLemireTests {
    @Test func agreesWithTheStandardLibraryAcrossTheExponentRange() {
        var random = SeededGenerator(seed: 12)
        var decided = 0
        for _ in 0..<50_000 {
            let mantissa = random.next() >> UInt64.random(in: 0...63, using: &random)
            let exponent = Int.random(in: -340...300, using: &random)
            guard let value = EiselLemire.double(mantissa: mantissa, exponent: exponent, isNegative: false) else { continue }
            decided += 1
            #expect(value == Double("\(mantissa)e\(exponent)"), "\(mantissa)e\(exponent)")
        }
        #expect(decided > 40_000)
    }

    @Test func tableEndsAreNormalised() {
        #expect(PowersOfTen.table.count == EiselLemire.maximumExponent - EiselLemire.minimumExponent + 1)
        #expect(PowersOfTen.table.allSatisfy { $0.high >> 63 == 1 })
        let one = PowersOfTen.table[-EiselLemire.minimumExponent]
        #expect(one.high == 1 << 63 && one.low == 0)
    }
}
