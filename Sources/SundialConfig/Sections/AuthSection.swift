/// `[auth]`: Kapacitor's users for the tasks API (with `[http] auth-enabled`), kept by Sundial and managed through
/// `/kapacitor/v1/users`. InfluxDB Enterprise's meta service (`meta-*`) is not used.
public struct AuthSection: Sendable, ConfigSection {
    public var enabled = false
    public var cacheExpiration = ConfigDuration.seconds(600)
    public var bcryptCost = 10
    public var metaAddress = ""
    public var metaUsername = ""
    public var metaPassword = ""
    public var metaInternalSharedSecret = ""
    public var metaUseTLS = false
    public var metaCA = ""
    public var metaCertificate = ""
    public var metaKey = ""
    public var metaInsecureSkipVerify = false

    public init() {}

    static var keys: [ConfigKey<AuthSection>] {
        let meta = KeySupport.ignored("users are kept by Sundial, not in InfluxDB Enterprise's meta service")
        return [
            .value("enabled", \.enabled),
            .value("cache-expiration", \.cacheExpiration),
            .value("bcrypt-cost", \.bcryptCost),
            .value("meta-addr", \.metaAddress, support: meta),
            .value("meta-username", \.metaUsername, support: meta),
            .value("meta-password", \.metaPassword, isSecret: true, support: meta),
            .value("meta-internal-shared-secret", \.metaInternalSharedSecret, isSecret: true, support: meta),
            .value("meta-use-tls", \.metaUseTLS, support: meta),
            .value("meta-ca", \.metaCA, support: meta),
            .value("meta-cert", \.metaCertificate, support: meta),
            .value("meta-key", \.metaKey, support: meta),
            .value("meta-insecure-skip-verify", \.metaInsecureSkipVerify, support: meta),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        // bcrypt's range; Kapacitor refuses below 4 too.
        if !(4...31).contains(bcryptCost) { problems.append(ConfigProblem(key: "bcrypt-cost", message: "must be from 4 to 31")) }
        if cacheExpiration.nanoseconds < 0 { problems.append(ConfigProblem(key: "cache-expiration", message: "must be 0 or more")) }
        return problems
    }
}
