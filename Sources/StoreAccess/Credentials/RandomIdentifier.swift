/// Random identifiers and secrets from the system's cryptographic generator.
enum RandomIdentifier {
    /// A 16-digit hex id, as InfluxDB 2.x writes ids.
    static func id() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = UInt64.random(in: 1...UInt64.max, using: &generator)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// 64 random bytes in URL-safe base64 (86 characters), like an InfluxDB 2.x token.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<86).map { _ in alphabet[Int.random(in: 0..<64, using: &generator)] })
    }
}
