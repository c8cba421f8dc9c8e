import Foundation

/// Sign-in through OAuth 2.0 providers (Chronograf's GitHub, Google, generic and Auth0 ones, any of them at once),
/// and the secret that signs sessions. When set, every `/chronograf/v1` route but discovery needs a session.
public struct OAuthSettings: Sendable {
    public var tokenSecret: String
    /// Seconds a session lasts; 0 means until the browser closes.
    public var sessionSeconds: Int64
    /// The UI's address for the providers' callbacks; empty means the request's own host.
    public var publicURL: String
    /// In Chronograf's order (github, google, generic, auth0), as discovery lists them.
    public var providers: [OAuthProvider]

    public init(tokenSecret: String, sessionSeconds: Int64, publicURL: String, providers: [OAuthProvider]) {
        self.tokenSecret = tokenSecret
        self.sessionSeconds = sessionSeconds
        self.publicURL = publicURL
        self.providers = providers
    }

    /// Provider name → the group whose members sign in as super admins.
    var superAdminGroups: [String: String] {
        Dictionary(
            providers.compactMap { provider in provider.superAdminGroup.map { (provider.name, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    func provider(routeName: String) -> OAuthProvider? {
        providers.first { $0.routeName == routeName }
    }
}

/// One OAuth 2.0 provider: its endpoints and client, and how it names the person who signed in and their groups
/// (what organization mappings match).
public struct OAuthProvider: Sendable {
    public enum Identity: Sendable, Equatable {
        /// The primary verified address of `<api>/user/emails`; groups are the logins of `<api>/user/orgs`, one of
        /// which must be in `organizations` when it is not empty.
        case github(apiURL: String, organizations: [String])
        /// `email` of the user info; the group is `hd`, which must be in `domains` when it is not empty.
        case google(userInfoURL: String, domains: [String])
        /// The user info's `key` field (an e-mail address) ending in one of `domains`; the group is its domain.
        case generic(userInfoURL: String, key: String, domains: [String])
        /// `email` and `organization` of the user info; the group is the organization, which must be in
        /// `organizations` when it is not empty; members of `superAdminOrganization` become super admins.
        case auth0(userInfoURL: String, organizations: [String], superAdminOrganization: String)
    }

    /// The issuer the session and organization mappings name (`github`, or the generic provider's `GENERIC_NAME`).
    public let name: String
    public let label: String
    public let clientID: String
    public let clientSecret: String
    public let scopes: [String]
    public let authURL: String
    public let tokenURL: String
    public let identity: Identity
    /// How the callback address sent to the provider is made (GitHub's apps have theirs registered: none is sent).
    let callback: CallbackAddress

    enum CallbackAddress: Sendable {
        case none
        /// `public-url` (or the request's host) and `/oauth/<name>/callback`.
        case publicURLOrHost
        /// `public-url`'s scheme and host (or the request's host) with the path `/oauth/<name>/callback` (Auth0).
        case publicURLOrigin
    }

    /// `/oauth/<routeName>/…`: the name lowercased and path-escaped, as Chronograf routes it.
    public var routeName: String {
        name.lowercased().addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? name.lowercased()
    }

    /// Members of this group (for Auth0, `auth0-superadmin-org`) are super admins when they sign in.
    var superAdminGroup: String? {
        if case .auth0(_, _, let organization) = identity, !organization.isEmpty { return organization }
        return nil
    }

    public static func github(clientID: String, clientSecret: String, organizations: [String], url: String, apiURL: String) -> Self {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let api = !apiURL.isEmpty ? apiURL : base == "https://github.com" ? "https://api.github.com" : base + "/api/v3"
        return Self(
            name: "github", label: "Github", clientID: clientID, clientSecret: clientSecret, scopes: ["user:email", "read:org"],
            authURL: base + "/login/oauth/authorize", tokenURL: base + "/login/oauth/access_token",
            identity: .github(apiURL: api.hasSuffix("/") ? String(api.dropLast()) : api, organizations: organizations), callback: .none)
    }

    public static func google(
        clientID: String, clientSecret: String, domains: [String], authURL: String, tokenURL: String, userInfoURL: String
    ) -> Self {
        Self(
            name: "google", label: "Google", clientID: clientID, clientSecret: clientSecret,
            scopes: ["https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/userinfo.profile"],
            authURL: authURL, tokenURL: tokenURL, identity: .google(userInfoURL: userInfoURL, domains: domains), callback: .publicURLOrHost)
    }

    public static func generic(
        name: String, clientID: String, clientSecret: String, scopes: [String], domains: [String], authURL: String, tokenURL: String,
        userInfoURL: String, userInfoKey: String
    ) -> Self {
        Self(
            name: name, label: titleCased(name), clientID: clientID, clientSecret: clientSecret, scopes: scopes, authURL: authURL,
            tokenURL: tokenURL, identity: .generic(userInfoURL: userInfoURL, key: userInfoKey, domains: domains),
            callback: .publicURLOrHost)
    }

    /// `domain`: `https://tenant.auth0.com`, or a bare host (https).
    public static func auth0(
        domain: String, clientID: String, clientSecret: String, organizations: [String], superAdminOrganization: String
    ) -> Self {
        var base = domain.contains("://") ? domain : "https://" + domain
        while base.hasSuffix("/") { base.removeLast() }
        return Self(
            name: "auth0", label: "Auth0", clientID: clientID, clientSecret: clientSecret, scopes: ["openid", "email"],
            authURL: base + "/authorize", tokenURL: base + "/oauth/token",
            identity: .auth0(userInfoURL: base + "/userinfo", organizations: organizations, superAdminOrganization: superAdminOrganization),
            callback: .publicURLOrigin)
    }

    /// Go's `strings.Title`: the first letter of each word upper-cased (Chronograf's provider labels).
    static func titleCased(_ text: String) -> String {
        var result = ""
        var atWordStart = true
        for character in text {
            result += atWordStart ? character.uppercased() : String(character)
            atWordStart = character.isWhitespace
        }
        return result
    }
}
