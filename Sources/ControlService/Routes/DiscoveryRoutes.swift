import Hummingbird

/// `GET /chronograf/v1/` (and without the slash, as the UI fetches it): the links to every API resource.
/// `GET /ping`: liveness, 200 as Chronograf answers it.
enum DiscoveryRoutes {
    /// With OAuth on, `auth` lists the provider's login, logout and callback links and `logout` is set.
    static func collection(oauth: OAuthSettings? = nil) -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        let providers = oauth.map { settings in
            let base = "/oauth/\(settings.providerName)"
            return [
                DiscoveryDocument.AuthProvider(
                    name: settings.providerName, label: settings.label, login: base + "/login", logout: base + "/logout",
                    callback: base + "/callback")
            ]
        }
        // The router ignores a trailing slash, so this one route answers both spellings.
        routes.get("/chronograf/v1") { _, _ in
            DiscoveryDocument.standard(auth: providers ?? [], logout: providers?.first?.logout)
        }
        routes.get("/ping") { _, _ in Response(status: .ok) }
        return routes
    }
}
