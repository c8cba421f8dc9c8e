import Testing

@testable import ControlService

@Suite struct SessionMiddlewareTests {
    /// Deny by default: only discovery, ping, sign-in and the UI's pages are public, however the path is spelt.
    @Test func onlyPublicRoutesNeedNoSession() {
        for path in [
            "/", "/chronograf/v1", "/chronograf/v1/", "//chronograf//v1/", "/ui/index.js", "/vendor/x.js", "/login", "/oauth/generic/login",
            "/ping", "/sources/1/hosts",
        ] {
            #expect(SessionMiddleware.isPublic(path), "\(path)")
        }
        for path in [
            "/chronograf/v1/sources", "//chronograf/v1/sources", "/./chronograf/v1/sources", "/chronograf/v1/%73ources",
            "/%63hronograf/v1/me", "/ui/../chronograf/v1/sources", "/ui/%2e%2e/chronograf/v1/sources", "/chronograf/v1/me/", "/other",
            "/%zz",
        ] {
            #expect(!SessionMiddleware.isPublic(path), "\(path)")
        }
    }
}
