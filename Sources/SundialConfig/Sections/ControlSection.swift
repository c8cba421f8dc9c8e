/// `[control]`: the Chronograf-compatible control plane and web UI (the `:8888` service).
public struct ControlSection: Sendable, ConfigSection {
    public var enabled = true
    public var bindAddress = ListenAddress(host: "", port: 8888)
    /// Where `.src`, `.kap` and `.org` files are read at start-up; empty means `canned-path`.
    public var resourcesPath = ""
    /// Chronograf's canned directory; empty means `<data_dir>/canned`.
    public var cannedPath = ""
    /// A URL prefix such as `/chronograf` under which every route is served; empty for none.
    public var basePath = ""
    /// A directory of web UI assets to serve instead of the built-in ones (for UI development).
    public var uiPath = ""
    /// Signs session tokens; when set, the API requires a session.
    public var tokenSecret = ""
    /// Where Debian's JavaScript libraries are (`libjs-dygraphs`, `libjs-codemirror`), served to the UI at `/vendor/`.
    public var javascriptPath = "/usr/share/javascript"

    public init() {}

    static var keys: [ConfigKey<ControlSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("resources-path", \.resourcesPath),
            .value("canned-path", \.cannedPath),
            .value("basepath", \.basePath),
            .value("ui-path", \.uiPath),
            .value("javascript-path", \.javascriptPath),
            .value("token-secret", \.tokenSecret, isSecret: true),
        ]
    }

    func validate() -> [ConfigProblem] {
        guard !basePath.isEmpty, !Self.isValidBasePath(basePath) else { return [] }
        return [ConfigProblem(key: "basepath", message: "invalid basepath, must follow format \"/mybasepath\"")]
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
