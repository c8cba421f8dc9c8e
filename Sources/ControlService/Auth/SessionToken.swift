import Credentials
import Foundation

/// Signed tokens (JWT, HS256 with the token secret): the session cookie, and the OAuth `state` that proves a
/// callback answers a login this server started.
struct SessionToken {
    let secret: String

    func sign(_ claims: [String: Any]) throws -> String {
        try HMACWebToken.sign(claims, secret: secret)
    }

    /// The claims of a token with a valid HS256 signature that has not expired; nil otherwise.
    func verify(_ token: String, now: Date = Date()) -> [String: Any]? {
        try? HMACWebToken.verify(token, secret: secret, algorithms: [.hs256], now: now)
    }

    static func base64URL(_ data: Data) -> String { HMACWebToken.base64URL(data) }

    /// A random string for nonces and PKCE verifiers.
    static func random() -> String {
        base64URL(Data((0..<32).map { _ in UInt8.random(in: 0...255) }))
    }
}
