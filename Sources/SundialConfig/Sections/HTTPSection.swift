/// `[http]`: the tasks service's (Kapacitor API) listener, with Kapacitor's keys and defaults.
public struct HTTPSection: Sendable, ConfigSection {
    public var bindAddress = ListenAddress(host: "", port: 9092)
    /// `idle-timeout` and `max-connection-limit` of this listener.
    public var listener = ListenerSettings()
    public var authEnabled = false
    public var logEnabled = true
    public var writeTracing = false
    public var pprofEnabled = false
    public var httpsEnabled = false
    public var httpsCertificate = "/etc/ssl/kapacitor.pem"
    public var httpsPrivateKey = ""
    public var shutdownTimeout = ConfigDuration.seconds(10)
    public var sharedSecret = ""

    public init() {}

    static var keys: [ConfigKey<HTTPSection>] {
        [
            .value("bind-address", \.bindAddress),
            .value("auth-enabled", \.authEnabled),
            .value("log-enabled", \.logEnabled, support: .ignored("every request is logged")),
            .value("write-tracing", \.writeTracing, support: .ignored()),
            .value("pprof-enabled", \.pprofEnabled, support: .ignored()),
            .value("https-enabled", \.httpsEnabled),
            .value("https-certificate", \.httpsCertificate),
            .value("https-private-key", \.httpsPrivateKey),
            .value("shutdown-timeout", \.shutdownTimeout, support: .ignored("requests in flight get 5 seconds")),
            .value("shared-secret", \.sharedSecret, isSecret: true),
        ] + ListenerSettings.keys(\.listener)
    }

    func validate() -> [ConfigProblem] {
        listener.validate()
    }
}
