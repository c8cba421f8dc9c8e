/// Daniel Lemire's fast, exact decimal-to-double conversion (the Eisel-Lemire algorithm, as Go's `strconv` and
/// fast_float use it): `mantissa × 10^exponent` rounded correctly with one or two 64×64-bit multiplications by a
/// 128-bit approximation of the power of ten. It declines (returns nil) in the rare cases where the approximation
/// cannot decide the rounding; the caller then falls back to `strtod`.
enum EiselLemire {
    static let minimumExponent = -348
    static let maximumExponent = 347

    static func double(mantissa: UInt64, exponent: Int, isNegative: Bool) -> Double? {
        if mantissa == 0 { return isNegative ? -0.0 : 0.0 }
        guard exponent >= minimumExponent && exponent <= maximumExponent else { return nil }
        let power = PowersOfTen.table[exponent - minimumExponent]
        let leadingZeros = mantissa.leadingZeroBitCount
        let normalized = mantissa << UInt64(leadingZeros)
        var binaryExponent = UInt64(bitPattern: Int64((217_706 * exponent) >> 16 + 64 + 1023)) &- UInt64(leadingZeros)
        var (high, low) = normalized.multipliedFullWidth(by: power.high)
        if high & 0x1FF == 0x1FF && low &+ normalized < normalized {
            let (extraHigh, extraLow) = normalized.multipliedFullWidth(by: power.low)
            var mergedHigh = high
            let mergedLow = low &+ extraHigh
            if mergedLow < low { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF && mergedLow &+ 1 == 0 && extraLow &+ normalized < normalized { return nil }
            high = mergedHigh
            low = mergedLow
        }
        let topBit = high >> 63
        var result = high >> (topBit + 9)
        binaryExponent &-= 1 ^ topBit
        if low == 0 && high & 0x1FF == 0 && result & 3 == 1 { return nil }
        result += result & 1
        result >>= 1
        if result >> 53 > 0 {
            result >>= 1
            binaryExponent &+= 1
        }
        // Zero, subnormal, infinite or NaN results are left to strtod.
        if binaryExponent &- 1 >= 0x7FF - 1 { return nil }
        var bits = binaryExponent << 52 | result & 0x000F_FFFF_FFFF_FFFF
        if isNegative { bits |= 1 << 63 }
        return Double(bitPattern: bits)
    }
}

/// 128-bit truncated approximations of 10^e for e in -348...347, normalised so the top bit is set.
/// Computed once with exact big-integer arithmetic rather than carried as a 700-line table in the source.
enum PowersOfTen {
    struct Entry {
        let high: UInt64
        let low: UInt64
    }

    static let table: [Entry] = {
        var positive: [Entry] = []
        var negative: [Entry] = []
        var power = BigUnsigned(1)
        for _ in 0...(-EiselLemire.minimumExponent) {
            if positive.count <= EiselLemire.maximumExponent { positive.append(power.top128Bits()) }
            negative.append(power.reciprocalTop128Bits())
            power.multiply(by: 10)
        }
        // negative[i] approximates 10^-i; the table runs from 10^-348 up to 10^347.
        return negative.dropFirst().reversed() + positive
    }()
}

/// Just enough of an arbitrary-precision unsigned integer to build `PowersOfTen`: little-endian 32-bit limbs.
struct BigUnsigned {
    private(set) var limbs: [UInt32]

    init(_ value: UInt32) {
        limbs = [value]
    }

    var bitLength: Int { (limbs.count - 1) * 32 + (32 - limbs.last!.leadingZeroBitCount) }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    func bit(_ index: Int) -> UInt64 {
        index < 0 || index / 32 >= limbs.count ? 0 : UInt64(limbs[index / 32] >> UInt32(index % 32) & 1)
    }

    /// The 128 most significant bits (shifted up if the number is shorter), rounded down.
    func top128Bits() -> PowersOfTen.Entry {
        let top = bitLength - 1
        var high: UInt64 = 0
        var low: UInt64 = 0
        for offset in 0..<64 { high = high << 1 | bit(top - offset) }
        for offset in 64..<128 { low = low << 1 | bit(top - offset) }
        return PowersOfTen.Entry(high: high, low: low)
    }

    /// floor(2^(bitLength + 127) / self): the 128 leading bits of 1/self, by binary long division. The first
    /// bitLength - 1 steps only double the remainder, so the remainder starts at 2^(bitLength - 1).
    func reciprocalTop128Bits() -> PowersOfTen.Entry {
        var remainder = BigUnsigned(1)
        for _ in 0..<(bitLength - 1) { remainder.multiply(by: 2) }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for step in 0..<128 {
            remainder.multiply(by: 2)
            var quotientBit: UInt64 = 0
            if !remainder.isLess(than: self) {
                remainder.subtract(self)
                quotientBit = 1
            }
            if step < 64 { high = high << 1 | quotientBit } else { low = low << 1 | quotientBit }
        }
        return PowersOfTen.Entry(high: high, low: low)
    }

    func isLess(than other: BigUnsigned) -> Bool {
        let left = trimmedCount
        let right = other.trimmedCount
        if left != right { return left < right }
        for index in stride(from: left - 1, through: 0, by: -1) where limbs[index] != other.limbs[index] {
            return limbs[index] < other.limbs[index]
        }
        return false
    }

    private var trimmedCount: Int {
        var count = limbs.count
        while count > 1 && limbs[count - 1] == 0 { count -= 1 }
        return count
    }

    mutating func subtract(_ other: BigUnsigned) {
        var borrow: Int64 = 0
        for index in limbs.indices {
            let difference = Int64(limbs[index]) - Int64(index < other.limbs.count ? other.limbs[index] : 0) - borrow
            borrow = difference < 0 ? 1 : 0
            limbs[index] = UInt32(truncatingIfNeeded: difference + (difference < 0 ? 1 << 32 : 0))
        }
    }
}
