import Testing

@testable import ControlService

/// The providers' shapes as Chronograf builds them (labels, routes, endpoints), and Sundial's GitHub Enterprise API.
@Suite struct OAuthProviderTests {
    @Test func githubEndpointsFollowItsURLAndItsAPIGoesWithIt() {
        let hosted = OAuthProvider.github(clientID: "i", clientSecret: "s", organizations: [], url: "https://github.com", apiURL: "")
        #expect(hosted.authURL == "https://github.com/login/oauth/authorize")
        #expect(hosted.identity == .github(apiURL: "https://api.github.com", organizations: []))
        let enterprise = OAuthProvider.github(clientID: "i", clientSecret: "s", organizations: ["o"], url: "https://git.corp/", apiURL: "")
        #expect(enterprise.tokenURL == "https://git.corp/login/oauth/access_token")
        #expect(enterprise.identity == .github(apiURL: "https://git.corp/api/v3", organizations: ["o"]))
        #expect(enterprise.scopes == ["user:email", "read:org"] && enterprise.label == "Github")
    }

    @Test func genericNamesItsRouteAndLabelAsChronografDoes() {
        let provider = OAuthProvider.generic(
            name: "My IdP", clientID: "i", clientSecret: "s", scopes: [], domains: [], authURL: "a", tokenURL: "t", userInfoURL: "u",
            userInfoKey: "email")
        #expect(provider.name == "My IdP" && provider.label == "My IdP" && provider.routeName == "my%20idp")
        #expect(OAuthProvider.titleCased("okta login") == "Okta Login")
    }

    @Test func auth0TakesABareHostAsHTTPSAndNamesItsSuperAdminGroup() {
        let provider = OAuthProvider.auth0(
            domain: "tenant.auth0.com", clientID: "i", clientSecret: "s", organizations: [], superAdminOrganization: "ops")
        #expect(provider.authURL == "https://tenant.auth0.com/authorize" && provider.tokenURL == "https://tenant.auth0.com/oauth/token")
        let settings = OAuthSettings(tokenSecret: "x", sessionSeconds: 0, publicURL: "", providers: [provider])
        #expect(settings.superAdminGroups == ["auth0": "ops"])
        #expect(settings.provider(routeName: "auth0")?.scopes == ["openid", "email"])
    }
}
