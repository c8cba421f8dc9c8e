/// TOML key spelling: bare keys (`bind-address`) as they are, anything else quoted.
enum TOMLKeyName {
    static func quotedIfNeeded(_ key: String) -> String {
        let isBare =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
            }
        return isBare ? key : TOMLLiteral.quoted(key)
    }
}
