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
    /// Chronograf's `--protoboards-path`: a directory of protoboard `.json` files; empty means none.
    public var protoboardsPath = ""
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
    /// Chronograf's OAuth 2.0 providers (GitHub, Google, generic, Auth0).
    public var oauth = OAuthProviderSettings()

    /// Whether OAuth sign-in, and so sessions, are on: a token secret and every provider given complete.
    public var authEnabled: Bool {
        !tokenSecret.isEmpty && oauth.anyGiven && oauth.missing(tokenSecret: tokenSecret, publicURL: publicURL).isEmpty
    }

    public init() {}

    static var keys: [ConfigKey<ControlSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("resources-path", \.resourcesPath),
            .value("canned-path", \.cannedPath),
            .value("protoboards-path", \.protoboardsPath),
            .value("cert", \.certificate),
            .value("key", \.privateKey),
            .value("credentials-key-file", \.credentialsKeyFile),
            .value("basepath", \.basePath, support: .ignored("the control plane is served at /")),
            .value("ui-path", \.uiPath),
            .value("javascript-path", \.javascriptPath),
            .value("auth-duration", \.authDuration),
            .value("public-url", \.publicURL),
            .value("token-secret", \.tokenSecret, isSecret: true),
        ] + ListenerSettings.keys(\.listener) + OAuthProviderSettings.keys(\.oauth)
    }

    func validate() -> [ConfigProblem] {
        var problems = listener.validate()
        if !basePath.isEmpty, !Self.isValidBasePath(basePath) {
            problems.append(ConfigProblem(key: "basepath", message: "invalid basepath, must follow format \"/mybasepath\""))
        }
        if !oauth.anyGiven {
            if !tokenSecret.isEmpty {
                problems.append(ConfigProblem(key: "token-secret", message: "token secret without oauth config is invalid"))
            }
        }
        let others = [("github", oauth.githubClientID), ("google", oauth.googleClientID), ("auth0", oauth.auth0ClientID)]
        if !oauth.genericClientID.isEmpty, others.contains(where: { $0.0 == oauth.genericName.lowercased() && !$0.1.isEmpty }) {
            // Both would answer /oauth/<name>/… and their users would be one.
            problems.append(ConfigProblem(key: "generic-name", message: "\(oauth.genericName) is also a configured provider's name"))
        }
        for provider in oauth.missing(tokenSecret: tokenSecret, publicURL: publicURL) {
            problems.append(
                ConfigProblem(
                    key: provider.key, message: "missing \(provider.provider) oauth setting[s]: \(provider.missing.joined(separator: ", "))"
                ))
        }
        return problems
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
