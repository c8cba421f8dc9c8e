extension String {
    /// Whether this string sorts before `other` when their UTF-8 bytes are compared, the way Go (and so InfluxDB)
    /// orders strings. Swift's own `<` orders by Unicode canonical equivalence, and `utf8.lexicographicallyPrecedes`
    /// walks both views through the generic `Sequence` path, which showed up as 16% of a `SHOW TAG VALUES` profile.
    public func precedesInByteOrder(_ other: String) -> Bool {
        var left = self
        var right = other
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                var index = 0
                while index < common {
                    let a = leftBytes[index]
                    let b = rightBytes[index]
                    if a != b { return a < b }
                    index += 1
                }
                return leftBytes.count < rightBytes.count
            }
        }
    }
}
