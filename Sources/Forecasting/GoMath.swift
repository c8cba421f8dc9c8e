import Foundation

/// Go's `math.Pow` for a whole, non-negative exponent: repeated squaring of the mantissa with the powers of two kept
/// apart. It can differ from C's `pow` in the last bit, and Holt-Winters' forecasts must match InfluxDB's.
public enum GoMath {
    public static func pow(_ base: Double, _ exponent: Int) -> Double {
        if exponent == 0 || base == 1 { return 1 }
        if exponent == 1 { return base }
        if base.isNaN { return .nan }
        if base == 0 { return 0 }
        if base.isInfinite { return base < 0 && exponent % 2 == 1 ? -.infinity : .infinity }
        var result = 1.0
        var resultExponent = 0
        var exponentOfBase: Int32 = 0
        var mantissa = frexp(base, &exponentOfBase)
        var power = Int(exponentOfBase)
        var remaining = exponent
        while remaining != 0 {
            if power < -(1 << 12) || (1 << 12) < power {
                // Past any finite result: ldexp below gives the zero or infinity.
                resultExponent &+= power
                break
            }
            if remaining & 1 == 1 {
                result *= mantissa
                resultExponent += power
            }
            mantissa *= mantissa
            power <<= 1
            if mantissa < 0.5 {
                mantissa += mantissa
                power -= 1
            }
            remaining >>= 1
        }
        return ldexp(result, resultExponent)
    }
}
