import Hummingbird

/// The discovery JSON of `GET /chronograf/v1/`, with Chronograf's keys. Links never carry the basepath: the
/// browser prepends it.
struct DiscoveryDocument: ResponseEncodable, Equatable {
    struct ConfigLinks: Codable, Equatable {
        let `self`: String
        let auth: String
    }

    struct External: Codable, Equatable {
        let statusFeed: String
    }

    struct OrgConfigLinks: Codable, Equatable {
        let `self`: String
        let logViewer: String
    }

    struct FluxLinks: Codable, Equatable {
        let `self`: String
        let ast: String
        let suggestions: String
    }

    /// An OAuth provider's links (empty without OAuth).
    struct AuthProvider: Codable, Equatable {
        let name: String
        let label: String
        let login: String
        let logout: String
        let callback: String
        /// Chronograf's `REDIR_AUTH_LOGIN` (go straight to this provider's login); not supported: always false.
        let redirectLogin: Bool
    }

    let layouts: String
    let protoboards: String
    let users: String
    let allUsers: String
    let organizations: String
    let mappings: String
    let sources: String
    let me: String
    let environment: String
    let dashboards: String
    let config: ConfigLinks
    let auth: [AuthProvider]
    /// Present only with OAuth on.
    let logout: String?
    let external: External
    let orgConfig: OrgConfigLinks
    let flux: FluxLinks
    /// Chronograf writes this link without its leading slash; kept so clients that build on it keep working.
    let validateTextTemplates: String

    /// The document for a caller in `organization` (the `users` link names the caller's current organization).
    static func standard(organization: String = "default", auth: [AuthProvider] = [], logout: String? = nil) -> DiscoveryDocument {
        let base = "/chronograf/v1"
        return DiscoveryDocument(
            layouts: "\(base)/layouts",
            protoboards: "\(base)/protoboards",
            users: "\(base)/organizations/\(organization)/users",
            allUsers: "\(base)/users",
            organizations: "\(base)/organizations",
            mappings: "\(base)/mappings",
            sources: "\(base)/sources",
            me: "\(base)/me",
            environment: "\(base)/env",
            dashboards: "\(base)/dashboards",
            config: ConfigLinks(self: "\(base)/config", auth: "\(base)/config/auth"),
            auth: auth,
            logout: logout,
            external: External(statusFeed: "https://influxdata.com/feed/json"),
            orgConfig: OrgConfigLinks(self: "\(base)/org_config", logViewer: "\(base)/org_config/logviewer"),
            flux: FluxLinks(self: "\(base)/flux", ast: "\(base)/flux/ast", suggestions: "\(base)/flux/suggestions"),
            validateTextTemplates: "chronograf/v1/validate_text_templates"
        )
    }
}
