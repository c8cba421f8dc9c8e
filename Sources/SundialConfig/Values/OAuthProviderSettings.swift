/// Chronograf's OAuth 2.0 sign-in providers, under `[control]` with Chronograf's option names (`GH_CLIENT_ID` …):
/// GitHub, Google, the generic one and Auth0, any of them at once. A provider is on when its required settings
/// are all given; a partial one is a configuration error, as Chronograf refuses it.
public struct OAuthProviderSettings: Sendable, Equatable {
    public var githubClientID = ""
    public var githubClientSecret = ""
    public var githubOrganizations: [String] = []
    /// Chronograf's `GH_URL`: where GitHub's authorize and token pages are (GitHub Enterprise).
    public var githubURL = "https://github.com"
    /// Sundial's own: GitHub's API. Empty means `https://api.github.com` for github.com and `<github-url>/api/v3`
    /// otherwise (Chronograf always asks api.github.com, which a GitHub Enterprise sign-in cannot use).
    public var githubAPIURL = ""

    public var googleClientID = ""
    public var googleClientSecret = ""
    public var googleDomains: [String] = []
    /// Sundial's own: Google's endpoints, fixed in Chronograf; set them only for a proxy or a stand-in provider.
    public var googleAuthURL = "https://accounts.google.com/o/oauth2/auth"
    public var googleTokenURL = "https://accounts.google.com/o/oauth2/token"
    public var googleAPIURL = "https://www.googleapis.com/oauth2/v2/userinfo"

    public var genericName = "generic"
    public var genericClientID = ""
    public var genericClientSecret = ""
    public var genericScopes = ["user:email"]
    public var genericDomains: [String] = []
    public var genericAuthURL = ""
    public var genericTokenURL = ""
    public var genericAPIURL = ""
    public var genericAPIKey = "email"

    /// `https://<tenant>.auth0.com`; a bare host means https, as Chronograf means it.
    public var auth0Domain = ""
    public var auth0ClientID = ""
    public var auth0ClientSecret = ""
    public var auth0Organizations: [String] = []
    /// Users of this Auth0 organization are made super admins when they sign in.
    public var auth0SuperAdminOrganization = ""

    public init() {}

    static func keys<Section>(_ settings: WritableKeyPath<Section, OAuthProviderSettings>) -> [ConfigKey<Section>] {
        func path<Value>(_ key: WritableKeyPath<OAuthProviderSettings, Value>) -> WritableKeyPath<Section, Value> {
            settings.appending(path: key)
        }
        return [
            .value("github-client-id", path(\.githubClientID)), .value("github-client-secret", path(\.githubClientSecret), isSecret: true),
            .value("github-organizations", path(\.githubOrganizations)), .value("github-url", path(\.githubURL)),
            .value("github-api-url", path(\.githubAPIURL)),
            .value("google-client-id", path(\.googleClientID)), .value("google-client-secret", path(\.googleClientSecret), isSecret: true),
            .value("google-domains", path(\.googleDomains)), .value("google-auth-url", path(\.googleAuthURL)),
            .value("google-token-url", path(\.googleTokenURL)), .value("google-api-url", path(\.googleAPIURL)),
            .value("generic-name", path(\.genericName)), .value("generic-client-id", path(\.genericClientID)),
            .value("generic-client-secret", path(\.genericClientSecret), isSecret: true), .value("generic-scopes", path(\.genericScopes)),
            .value("generic-domains", path(\.genericDomains)), .value("generic-auth-url", path(\.genericAuthURL)),
            .value("generic-token-url", path(\.genericTokenURL)), .value("generic-api-url", path(\.genericAPIURL)),
            .value("generic-api-key", path(\.genericAPIKey)),
            .value("auth0-domain", path(\.auth0Domain)), .value("auth0-client-id", path(\.auth0ClientID)),
            .value("auth0-client-secret", path(\.auth0ClientSecret), isSecret: true),
            .value("auth0-organizations", path(\.auth0Organizations)),
            .value("auth0-superadmin-org", path(\.auth0SuperAdminOrganization)),
        ]
    }

    /// Each provider some setting of which is given, with Chronograf's names for what it still lacks (`public url`
    /// for Google, `token secret` for all).
    func missing(tokenSecret: String, publicURL: String) -> [(provider: String, key: String, missing: [String])] {
        let needs: [(String, String, [(String, String)])] = [
            ("Github", "github-client-id", [("client id", githubClientID), ("client secret", githubClientSecret)]),
            (
                "Google", "google-client-id",
                [("client id", googleClientID), ("client secret", googleClientSecret), ("public url", publicURL)]
            ),
            (
                "Generic", "generic-client-id",
                [
                    ("client id", genericClientID), ("client secret", genericClientSecret), ("auth url", genericAuthURL),
                    ("token url", genericTokenURL),
                ]
            ),
            ("Auth0", "auth0-client-id", [("client id", auth0ClientID), ("client secret", auth0ClientSecret), ("domain", auth0Domain)]),
        ]
        return needs.compactMap { name, key, settings in
            // Google's public url is shared with the others: only the provider's own settings make it "given".
            let own = settings.filter { $0.0 != "public url" }
            guard own.contains(where: { !$0.1.isEmpty }) else { return nil }
            let lacking = ([("token secret", tokenSecret)] + settings).filter { $0.1.isEmpty }.map(\.0)
            return lacking.isEmpty ? nil : (name, key, lacking)
        }
    }

    /// Whether any provider has a setting given.
    var anyGiven: Bool {
        ![
            githubClientID, githubClientSecret, googleClientID, googleClientSecret, genericClientID, genericClientSecret, genericAuthURL,
            genericTokenURL, auth0ClientID, auth0ClientSecret,
        ].allSatisfy(\.isEmpty)
    }
}
