import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Who signed in, as a provider's API tells it with the access token: the name the session and the users list
/// carry, and the groups organization mappings match (GitHub organizations, a Google domain, an Auth0
/// organization, a generic e-mail's domain). A person a provider's restriction keeps out is a failure with
/// Chronograf's reason.
struct OAuthIdentity {
    let subject: String
    let groups: [String]

    static func of(_ provider: OAuthProvider, accessToken: String) async throws -> OAuthIdentity {
        switch provider.identity {
        case .github(let api, let organizations): return try await github(api: api, organizations: organizations, token: accessToken)
        case .google(let url, let domains):
            let info = try await object(url, token: accessToken, what: "user info")
            let domain = info["hd"] as? String ?? ""
            if !domains.isEmpty, !domains.contains(domain) { throw OAuthFailure("Not in required domain") }
            return OAuthIdentity(subject: try string(info, "email"), groups: domain.isEmpty ? [] : [domain])
        case .generic(let url, let key, let domains):
            let subject = try string(try await object(url, token: accessToken, what: "user info"), key)
            if !domains.isEmpty, !domains.contains(where: { subject.hasSuffix("@" + $0) }) {
                throw OAuthFailure("Not a member of required domain")
            }
            let parts = subject.split(separator: "@")
            return OAuthIdentity(subject: subject, groups: parts.count == 2 ? [String(parts[1])] : [])
        case .auth0(let url, let organizations, _):
            let info = try await object(url, token: accessToken, what: "user info")
            let organization = info["organization"] as? String ?? ""
            if !organizations.isEmpty, !organizations.contains(organization) {
                throw OAuthFailure("not a member of the required organization")
            }
            return OAuthIdentity(subject: try string(info, "email"), groups: organization.isEmpty ? [] : [organization])
        }
    }

    /// The first primary, verified address; the logins of every organization the person is in.
    private static func github(api: String, organizations: [String], token: String) async throws -> OAuthIdentity {
        let emails = try await fetch(api + "/user/emails", token: token, what: "emails", github: true) as? [[String: Any]] ?? []
        let primary = emails.first { ($0["primary"] as? Bool ?? false) && ($0["verified"] as? Bool ?? false) }
        guard let subject = primary?["email"] as? String, !subject.isEmpty else { throw OAuthFailure("no primary email address") }
        var logins: [String] = []
        // Ten a page, as Chronograf asks; a hundred pages at most.
        for page in 1...100 {
            let batch = try await fetch(api + "/user/orgs?per_page=10&page=\(page)", token: token, what: "organizations", github: true)
            let entries = batch as? [[String: Any]] ?? []
            logins += entries.compactMap { $0["login"] as? String }
            if entries.count < 10 { break }
        }
        if !organizations.isEmpty, !logins.contains(where: organizations.contains) {
            throw OAuthFailure("Not a member of required github organization")
        }
        return OAuthIdentity(subject: subject, groups: logins)
    }

    private static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String, !value.isEmpty else { throw OAuthFailure("the provider's user info has no \(key)") }
        return value
    }

    private static func object(_ url: String, token: String, what: String) async throws -> [String: Any] {
        guard let object = try await fetch(url, token: token, what: what, github: false) as? [String: Any] else {
            throw OAuthFailure("the provider's \(what) endpoint gave no JSON object")
        }
        return object
    }

    private static func fetch(_ url: String, token: String, what: String, github: Bool) async throws -> Any {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: github ? "application/vnd.github.v3+json" : "application/json")
        return try await fetchJSON(request, what: what)
    }

    /// A provider's JSON answer (object or array), or a failure that says which endpoint did not give one.
    static func fetchJSON(_ request: HTTPClientRequest, what: String) async throws -> Any {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw OAuthFailure("cannot reach the provider's \(what) endpoint: \(error)")
        }
        guard response.status == .ok, let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) else {
            throw OAuthFailure("the provider's \(what) endpoint answered \(response.status.code)")
        }
        return json
    }
}

struct OAuthFailure: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
