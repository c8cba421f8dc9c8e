/// `[tls]`: Kapacitor's protocol versions and cipher suites, applied to every HTTPS listener (`[store]`, `[http]`,
/// `[control]`).
public struct TLSSection: Sendable, ConfigSection {
    /// `tls1.0` … `tls1.3`; empty: TLS 1.2 (Sundial's floor, stricter than Go's default of 1.0).
    public var minVersion = ""
    /// Empty: the newest.
    public var maxVersion = ""
    /// IANA names as Go writes them (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`); empty: BoringSSL's defaults.
    public var ciphers: [String] = []

    public init() {}

    static let versions = ["tls1.0", "tls1.1", "tls1.2", "tls1.3"]

    static var keys: [ConfigKey<TLSSection>] {
        [.value("min-version", \.minVersion), .value("max-version", \.maxVersion), .list("ciphers", \.ciphers)]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        for (key, value) in [("min-version", minVersion), ("max-version", maxVersion)]
        where !value.isEmpty && !Self.versions.contains(value) {
            problems.append(
                ConfigProblem(
                    key: key, message: "expected one of \(Self.versions.joined(separator: ", ")), got \(TOMLLiteral.quoted(value))"))
        }
        if let low = Self.versions.firstIndex(of: minVersion), let high = Self.versions.firstIndex(of: maxVersion), low > high {
            problems.append(ConfigProblem(key: "max-version", message: "must not be below min-version"))
        }
        for cipher in ciphers where !TLSCipherNames.codes.keys.contains(cipher) {
            problems.append(ConfigProblem(key: "ciphers", message: "unknown cipher suite \(TOMLLiteral.quoted(cipher))"))
        }
        return problems
    }
}

/// The cipher suites `[tls] ciphers` may name: those BoringSSL serves, by IANA name, with their code points.
public enum TLSCipherNames {
    public static let codes: [String: UInt16] = [
        "TLS_RSA_WITH_AES_128_CBC_SHA": 0x002F, "TLS_RSA_WITH_AES_256_CBC_SHA": 0x0035, "TLS_RSA_WITH_AES_128_GCM_SHA256": 0x009C,
        "TLS_RSA_WITH_AES_256_GCM_SHA384": 0x009D, "TLS_AES_128_GCM_SHA256": 0x1301, "TLS_AES_256_GCM_SHA384": 0x1302,
        "TLS_CHACHA20_POLY1305_SHA256": 0x1303, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA": 0xC009,
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA": 0xC00A, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": 0xC013,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": 0xC014, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": 0xC02B,
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384": 0xC02C, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": 0xC02F,
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": 0xC030, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256": 0xCCA8,
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256": 0xCCA9,
    ]
}
