/// Sign-in through an OAuth 2.0 provider (Chronograf's "generic" one), and the secret that signs sessions. When
/// set, every `/chronograf/v1` route but discovery needs a session.
public struct OAuthSettings: Sendable {
    public var tokenSecret: String
    /// Seconds a session lasts; 0 means until the browser closes.
    public var sessionSeconds: Int64
    /// The UI's address for the provider's callback; empty means the request's own host.
    public var publicURL: String
    public var providerName: String
    public var label: String
    public var clientID: String
    public var clientSecret: String
    public var scopes: [String]
    public var domains: [String]
    public var authURL: String
    public var tokenURL: String
    public var userInfoURL: String
    /// The user-info field that names the user (`email`).
    public var userInfoKey: String

    public init(
        tokenSecret: String, sessionSeconds: Int64, publicURL: String, label: String, clientID: String, clientSecret: String,
        scopes: [String], domains: [String], authURL: String, tokenURL: String, userInfoURL: String, userInfoKey: String
    ) {
        self.tokenSecret = tokenSecret
        self.sessionSeconds = sessionSeconds
        self.publicURL = publicURL
        self.providerName = "generic"
        self.label = label
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.domains = domains
        self.authURL = authURL
        self.tokenURL = tokenURL
        self.userInfoURL = userInfoURL
        self.userInfoKey = userInfoKey
    }
}
