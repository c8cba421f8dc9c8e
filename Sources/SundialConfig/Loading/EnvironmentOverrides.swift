/// Applies environment variables over the file's values, in Kapacitor's scheme and Chronograf's.
///
/// Kapacitor's scheme: `KAPACITOR_` (or `SUNDIAL_`) + section + key, upper-cased, `-` → `_`, array elements by
/// index: `KAPACITOR_HTTP_BIND_ADDRESS`, `KAPACITOR_INFLUXDB_0_URLS_0`, `SUNDIAL_DATA_DIR`. Unlike Kapacitor, an
/// index one past the end appends an element (so `KAPACITOR_INFLUXDB_0_URLS_0` alone configures a remote InfluxDB
/// without a file); further past the end is an error. Variables that name no key are ignored, since
/// `KAPACITOR_URL` and friends belong to the command-line tools.
///
/// Chronograf's names set the control plane: `HOST`, `PORT`, `RESOURCES_PATH`, `CANNED_PATH`, `PROTOBOARDS_PATH`, `BASE_PATH`.
struct EnvironmentOverrides {
    static let prefixes = ["KAPACITOR_", "SUNDIAL_"]

    private(set) var diagnostics: [ConfigDiagnostic] = []

    mutating func apply(
        _ environment: [String: String],
        to configuration: inout SundialConfiguration,
        origins: inout ValueOrigins
    ) {
        for name in environment.keys.sorted() {
            guard let prefix = Self.prefixes.first(where: { name.hasPrefix($0) }),
                let target = Self.target(for: String(name.dropFirst(prefix.count)), in: configuration)
            else { continue }
            apply(environment[name]!, named: name, to: target, in: &configuration, origins: &origins)
        }
        applyChronografNames(environment, to: &configuration, origins: &origins)
    }

    /// A section key (or one element of it) that an environment variable names.
    private struct Target {
        let binding: SectionBinding
        let index: Int
        let key: String
        let element: Int?
    }

    private static func target(for name: String, in configuration: SundialConfiguration) -> Target? {
        for binding in SundialConfiguration.sections.dropFirst() {
            var rest = Substring(name)
            guard rest.hasPrefix(variablePart(binding.name) + "_") else { continue }
            rest = rest.dropFirst(binding.name.count + 1)
            var index = 0
            if binding.isArray {
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, rest.dropFirst(digits.count).first == "_", let number = Int(digits) else { continue }
                index = number
                rest = rest.dropFirst(digits.count + 1)
            }
            if let (key, element) = key(named: rest, among: binding.keyNames) {
                return Target(binding: binding, index: index, key: key, element: element)
            }
        }
        let topLevel = SundialConfiguration.sections[0]
        return key(named: Substring(name), among: topLevel.keyNames).map {
            Target(binding: topLevel, index: 0, key: $0.key, element: $0.element)
        }
    }

    private static func key(named part: Substring, among keys: [String]) -> (key: String, element: Int?)? {
        for key in keys {
            let spelled = variablePart(key)
            if part == spelled { return (key, nil) }
            if part.hasPrefix(spelled + "_"), let element = Int(part.dropFirst(spelled.count + 1)), element >= 0 {
                return (key, element)
            }
        }
        return nil
    }

    private static func variablePart(_ name: String) -> String {
        String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    private mutating func apply(
        _ text: String,
        named name: String,
        to target: Target,
        in configuration: inout SundialConfiguration,
        origins: inout ValueOrigins
    ) {
        let binding = target.binding
        let count = binding.count(configuration)
        let subject = binding.label.isEmpty ? target.key : "\(binding.label) \(target.key)"
        if target.index == count && binding.isArray {
            binding.appendDefault(&configuration)
        } else if target.index > count {
            report(name, binding.label, "element \(target.index) does not exist (there are \(count))")
            return
        }
        switch binding.assignFromEnvironment(target.key, target.element, text, target.index, &configuration) {
        case .assigned:
            origins.record(.environment(name), section: binding.name, index: target.index, key: target.key)
        case .mismatch(let expectation):
            report(name, subject, "expected \(expectation), got \(TOMLLiteral.quoted(text))")
        case .elementOutOfRange(let elements):
            report(name, subject, "element \(target.element ?? 0) does not exist (there are \(elements))")
        case .unknownKey:
            report(name, subject, "cannot be set from the environment")
        }
    }

    private mutating func applyChronografNames(
        _ environment: [String: String],
        to configuration: inout SundialConfiguration,
        origins: inout ValueOrigins
    ) {
        func set(_ variable: String, _ key: String, expected: String = "a port number", _ update: (String, inout ControlSection) -> Bool) {
            guard let text = environment[variable] else { return }
            if update(text, &configuration.control) {
                origins.record(.environment(variable), section: "control", index: 0, key: key)
            } else {
                report(variable, "[control] \(key)", "expected \(expected), got \(TOMLLiteral.quoted(text))")
            }
        }
        set("RESOURCES_PATH", "resources-path") { text, control in
            control.resourcesPath = text
            return true
        }
        set("CANNED_PATH", "canned-path") { text, control in
            control.cannedPath = text
            return true
        }
        set("PROTOBOARDS_PATH", "protoboards-path") { text, control in
            control.protoboardsPath = text
            return true
        }
        set("BASE_PATH", "basepath") { text, control in
            control.basePath = text
            return true
        }
        let texts: [(String, String, WritableKeyPath<ControlSection, String>)] = [
            ("TOKEN_SECRET", "token-secret", \.tokenSecret), ("PUBLIC_URL", "public-url", \.publicURL),
            ("TLS_CERTIFICATE", "cert", \.certificate), ("TLS_PRIVATE_KEY", "key", \.privateKey),
            ("GH_CLIENT_ID", "github-client-id", \.oauth.githubClientID),
            ("GH_CLIENT_SECRET", "github-client-secret", \.oauth.githubClientSecret), ("GH_URL", "github-url", \.oauth.githubURL),
            ("GOOGLE_CLIENT_ID", "google-client-id", \.oauth.googleClientID),
            ("GOOGLE_CLIENT_SECRET", "google-client-secret", \.oauth.googleClientSecret),
            ("GENERIC_NAME", "generic-name", \.oauth.genericName), ("GENERIC_CLIENT_ID", "generic-client-id", \.oauth.genericClientID),
            ("GENERIC_CLIENT_SECRET", "generic-client-secret", \.oauth.genericClientSecret),
            ("GENERIC_AUTH_URL", "generic-auth-url", \.oauth.genericAuthURL),
            ("GENERIC_TOKEN_URL", "generic-token-url", \.oauth.genericTokenURL),
            ("GENERIC_API_URL", "generic-api-url", \.oauth.genericAPIURL), ("GENERIC_API_KEY", "generic-api-key", \.oauth.genericAPIKey),
            ("AUTH0_DOMAIN", "auth0-domain", \.oauth.auth0Domain), ("AUTH0_CLIENT_ID", "auth0-client-id", \.oauth.auth0ClientID),
            ("AUTH0_CLIENT_SECRET", "auth0-client-secret", \.oauth.auth0ClientSecret),
            ("AUTH0_SUPERADMIN_ORG", "auth0-superadmin-org", \.oauth.auth0SuperAdminOrganization),
        ]
        for (variable, key, path) in texts {
            set(variable, key) { text, control in
                control[keyPath: path] = text
                return true
            }
        }
        let lists: [(String, String, WritableKeyPath<ControlSection, [String]>)] = [
            ("GH_ORGS", "github-organizations", \.oauth.githubOrganizations), ("GOOGLE_DOMAINS", "google-domains", \.oauth.googleDomains),
            ("GENERIC_SCOPES", "generic-scopes", \.oauth.genericScopes), ("GENERIC_DOMAINS", "generic-domains", \.oauth.genericDomains),
            ("AUTH0_ORGS", "auth0-organizations", \.oauth.auth0Organizations),
        ]
        for (variable, key, path) in lists {
            set(variable, key) { text, control in
                control[keyPath: path] = text.split(separator: ",").map { String($0) }
                return true
            }
        }
        set("AUTH_DURATION", "auth-duration", expected: "a duration such as 720h") { text, control in
            guard let duration = ConfigDuration(parsing: text) else { return false }
            control.authDuration = duration
            return true
        }
        set("HOST", "bind-address") { text, control in
            control.bindAddress.host = text
            return true
        }
        set("PORT", "bind-address") { text, control in
            guard let port = Int(text), (0...65535).contains(port) else { return false }
            control.bindAddress.port = port
            return true
        }
    }

    private mutating func report(_ variable: String, _ subject: String, _ message: String) {
        diagnostics.append(
            ConfigDiagnostic(severity: .error, origin: .environment(variable), subject: subject, message: message)
        )
    }
}
