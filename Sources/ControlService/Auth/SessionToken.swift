import Crypto
import Foundation

/// Signed tokens (JWT, HS256 with the token secret): the session cookie, and the OAuth `state` that proves a
/// callback answers a login this server started.
struct SessionToken {
    let secret: SymmetricKey

    init(secret: String) {
        self.secret = SymmetricKey(data: Data(secret.utf8))
    }

    func sign(_ claims: [String: Any]) throws -> String {
        let header = Self.base64URL(try JSONSerialization.data(withJSONObject: ["alg": "HS256", "typ": "JWT"], options: [.sortedKeys]))
        let payload = Self.base64URL(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: secret)
        return "\(header).\(payload).\(Self.base64URL(Data(signature)))"
    }

    /// The claims of a token with a valid signature that has not expired; nil otherwise.
    func verify(_ token: String, now: Date = Date()) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Self.decodeBase64URL(parts[2]),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: secret),
            let payload = Self.decodeBase64URL(parts[1]),
            let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
        if let expiry = (claims["exp"] as? NSNumber)?.doubleValue, expiry < now.timeIntervalSince1970 { return nil }
        return claims
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// A random string for nonces and PKCE verifiers.
    static func random() -> String {
        base64URL(Data((0..<32).map { _ in UInt8.random(in: 0...255) }))
    }
}
