import Hummingbird

/// `GET /chronograf/v1/` (and without the slash, as the UI fetches it): the links to every API resource.
/// `GET /ping`: liveness, 200 as Chronograf answers it.
enum DiscoveryRoutes {
    /// With OAuth on, `auth` lists each provider's login, logout and callback links and `logout` is `/oauth/logout`.
    static func collection(oauth: OAuthSettings? = nil) -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        let providers = (oauth?.providers ?? []).map { provider in
            let base = "/oauth/\(provider.routeName)"
            return DiscoveryDocument.AuthProvider(
                name: provider.name, label: provider.label, login: base + "/login", logout: base + "/logout", callback: base + "/callback",
                redirectLogin: false)
        }
        // The router ignores a trailing slash, so this one route answers both spellings.
        routes.get("/chronograf/v1") { _, _ in
            DiscoveryDocument.standard(auth: providers, logout: oauth == nil ? nil : "/oauth/logout")
        }
        routes.get("/ping") { _, _ in Response(status: .ok) }
        return routes
    }
}
