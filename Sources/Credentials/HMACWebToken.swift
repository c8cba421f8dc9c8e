import Crypto
public import Foundation

/// JSON Web Tokens signed with a shared secret (HMAC: HS256, HS384, HS512), the only kind the TICK stack uses:
/// Kapacitor's and InfluxDB's `shared-secret` bearer tokens and Chronograf's session cookie. Written here rather than
/// taken from jwt-kit, whose asymmetric keys, certificate parsing and actor-based key collection none of these need.
public enum HMACWebToken {
    public enum Algorithm: String, Sendable, CaseIterable {
        case hs256 = "HS256"
        case hs384 = "HS384"
        case hs512 = "HS512"
    }

    /// Why a token was refused, in the words of Go's jwt package (Kapacitor shows them as `invalid token: <reason>`).
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed
        case unexpectedAlgorithm(String)
        case invalidSignature
        case expired
        case notValidYet

        public var description: String {
            switch self {
            case .malformed: "token contains an invalid number of segments"
            case .unexpectedAlgorithm(let name): "unexpected signing method: \(name)"
            case .invalidSignature: "signature is invalid"
            case .expired: "Token is expired"
            case .notValidYet: "Token is not valid yet"
            }
        }
    }

    public static func sign(_ claims: [String: Any], secret: String, algorithm: Algorithm = .hs256) throws -> String {
        let header = base64URL(
            try JSONSerialization.data(withJSONObject: ["alg": algorithm.rawValue, "typ": "JWT"], options: [.sortedKeys]))
        let payload = base64URL(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let signed = Data("\(header).\(payload)".utf8)
        return "\(header).\(payload).\(base64URL(authenticationCode(for: signed, secret: secret, algorithm: algorithm)))"
    }

    /// The claims of a token signed with `secret` by one of `algorithms`, checked against `exp` and `nbf` when present.
    public static func verify(
        _ token: String, secret: String, algorithms: Set<Algorithm> = Set(Algorithm.allCases), now: Date = Date()
    ) throws(Failure) -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = decodeBase64URL(parts[0]), let payload = decodeBase64URL(parts[1]),
            let signature = decodeBase64URL(parts[2]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
            let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { throw .malformed }
        let name = header["alg"] as? String ?? ""
        guard let algorithm = Algorithm(rawValue: name), algorithms.contains(algorithm) else { throw .unexpectedAlgorithm(name) }
        let expected = authenticationCode(for: Data("\(parts[0]).\(parts[1])".utf8), secret: secret, algorithm: algorithm)
        guard constantTimeEqual(expected, signature) else { throw .invalidSignature }
        let seconds = now.timeIntervalSince1970
        if let expiry = (claims["exp"] as? NSNumber)?.doubleValue, seconds > expiry { throw .expired }
        if let notBefore = (claims["nbf"] as? NSNumber)?.doubleValue, seconds < notBefore { throw .notValidYet }
        return claims
    }

    /// The user a token names, as InfluxDB 1.x and Kapacitor read their `shared-secret` tokens: a valid signature,
    /// an `exp`, and a non-empty string `username`; a refusal in their words (a failed verification as Go's jwt puts it).
    public static func username(in token: String, secret: String, now: Date = Date()) throws(UserTokenRefusal) -> String {
        let claims: [String: Any]
        do {
            claims = try verify(token, secret: secret, now: now)
        } catch {
            throw UserTokenRefusal(description: error.description, isVerification: true)
        }
        guard let expiry = (claims["exp"] as? NSNumber)?.doubleValue, expiry > 0 else {
            throw UserTokenRefusal(description: "token expiration required")
        }
        guard let name = claims["username"] as? String else { throw UserTokenRefusal(description: "username in token must be a string") }
        guard !name.isEmpty else { throw UserTokenRefusal(description: "token must contain a username") }
        return name
    }

    public struct UserTokenRefusal: Error, CustomStringConvertible {
        public let description: String
        /// The signature or the times did not verify (Kapacitor prefixes these with `invalid token: `).
        public var isVerification = false
    }

    private static func authenticationCode(for data: Data, secret: String, algorithm: Algorithm) -> Data {
        let key = SymmetricKey(data: Data(secret.utf8))
        switch algorithm {
        case .hs256: return Data(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case .hs384: return Data(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case .hs512: return Data(HMAC<SHA512>.authenticationCode(for: data, using: key))
        }
    }

    private static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
