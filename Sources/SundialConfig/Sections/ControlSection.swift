/// `[control]`: the Chronograf-compatible control plane and web UI (the `:8888` service).
public struct ControlSection: Sendable, ConfigSection {
    public var enabled = true
    public var bindAddress = ListenAddress(host: "", port: 8888)
    /// `idle-timeout` and `max-connection-limit` of this listener.
    public var listener = ListenerSettings()
    /// Where `.src`, `.kap` and `.org` files are read at start-up; empty means `canned-path`.
    public var resourcesPath = ""
    /// Chronograf's canned directory; empty means `<data_dir>/canned`.
    public var cannedPath = ""
    /// Chronograf's `--cert` / `TLS_CERTIFICATE` and `--key` / `TLS_PRIVATE_KEY`: HTTPS when a certificate is set.
    public var certificate = ""
    public var privateKey = ""
    /// A file holding the key (32 bytes, base64 or hex) that seals connection passwords in `control.sqlite`; keep it
    /// outside the data directory. Empty: they are kept as given, protected by the directory's mode only.
    public var credentialsKeyFile = ""
    /// A URL prefix such as `/chronograf` under which every route is served; empty for none.
    public var basePath = ""
    /// A directory of web UI assets to serve instead of the built-in ones (for UI development).
    public var uiPath = ""
    /// Signs session tokens; when set, the API requires a session.
    public var tokenSecret = ""
    /// Where Debian's JavaScript libraries are (`libjs-dygraphs`, `libjs-codemirror`), served to the UI at `/vendor/`.
    public var javascriptPath = "/usr/share/javascript"
    /// How long a session lasts (Chronograf's `auth-duration`); 0 means a browser session.
    public var authDuration = ConfigDuration.seconds(720 * 3600)
    /// The URL users reach the UI at, for OAuth callbacks; empty means the address the request came to.
    public var publicURL = ""
    /// Chronograf's generic OAuth 2.0 provider (any OIDC-style server).
    public var genericName = "generic"
    public var genericClientID = ""
    public var genericClientSecret = ""
    public var genericScopes = ["user:email"]
    public var genericDomains: [String] = []
    public var genericAuthURL = ""
    public var genericTokenURL = ""
    public var genericAPIURL = ""
    public var genericAPIKey = "email"

    /// Whether OAuth sign-in, and so sessions, are on: a token secret and a complete generic provider.
    public var authEnabled: Bool { !tokenSecret.isEmpty && Self.missingOAuthSettings(self).isEmpty }

    public init() {}

    static var keys: [ConfigKey<ControlSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("resources-path", \.resourcesPath),
            .value("canned-path", \.cannedPath),
            .value("cert", \.certificate),
            .value("key", \.privateKey),
            .value("credentials-key-file", \.credentialsKeyFile),
            .value("basepath", \.basePath, support: .ignored("the control plane is served at /")),
            .value("ui-path", \.uiPath),
            .value("javascript-path", \.javascriptPath),
            .value("auth-duration", \.authDuration),
            .value("public-url", \.publicURL),
            .value("generic-name", \.genericName),
            .value("generic-client-id", \.genericClientID),
            .value("generic-client-secret", \.genericClientSecret, isSecret: true),
            .value("generic-scopes", \.genericScopes),
            .value("generic-domains", \.genericDomains),
            .value("generic-auth-url", \.genericAuthURL),
            .value("generic-token-url", \.genericTokenURL),
            .value("generic-api-url", \.genericAPIURL),
            .value("generic-api-key", \.genericAPIKey),
            .value("token-secret", \.tokenSecret, isSecret: true),
        ] + ListenerSettings.keys(\.listener)
    }

    func validate() -> [ConfigProblem] {
        var problems = listener.validate()
        if !basePath.isEmpty, !Self.isValidBasePath(basePath) {
            problems.append(ConfigProblem(key: "basepath", message: "invalid basepath, must follow format \"/mybasepath\""))
        }
        let generic = [genericClientID, genericClientSecret, genericAuthURL, genericTokenURL]
        if generic.allSatisfy(\.isEmpty) {
            if !tokenSecret.isEmpty {
                problems.append(ConfigProblem(key: "token-secret", message: "token secret without oauth config is invalid"))
            }
        } else {
            let missing = Self.missingOAuthSettings(self)
            if !missing.isEmpty {
                problems.append(
                    ConfigProblem(key: "generic-client-id", message: "missing Generic oauth setting[s]: \(missing.joined(separator: ", "))")
                )
            }
        }
        return problems
    }

    /// Chronograf's names for what a generic OAuth provider still lacks.
    static func missingOAuthSettings(_ section: ControlSection) -> [String] {
        let settings = [
            ("token secret", section.tokenSecret), ("client id", section.genericClientID), ("client secret", section.genericClientSecret),
            ("auth url", section.genericAuthURL), ("token url", section.genericTokenURL),
        ]
        return settings.filter { $0.1.isEmpty }.map(\.0)
    }

    /// Chronograf's rule: one or more `/segment` parts of letters, digits, `_` or `-`.
    static func isValidBasePath(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 2, segments[0].isEmpty else { return false }
        return segments.dropFirst().allSatisfy { segment in
            !segment.isEmpty && segment.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
    }
}
