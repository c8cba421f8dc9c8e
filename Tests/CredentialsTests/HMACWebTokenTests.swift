import Credentials
import Foundation
import Testing

@Suite struct HMACWebTokenTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func signedTokensVerifyWithEveryHMACAlgorithm() throws {
        for algorithm in HMACWebToken.Algorithm.allCases {
            let token = try HMACWebToken.sign(["username": "bob", "exp": 1_700_000_060], secret: "s3cret", algorithm: algorithm)
            let claims = try HMACWebToken.verify(token, secret: "s3cret", now: now)
            #expect(claims["username"] as? String == "bob")
        }
    }

    /// Each refusal in Go's jwt package's words, as Kapacitor shows them (`invalid token: …`).
    @Test func forgedExpiredAndUnsignedTokensAreRefused() throws {
        let token = try HMACWebToken.sign(["username": "bob", "exp": 1_700_000_060], secret: "s3cret")
        #expect(throws: HMACWebToken.Failure.invalidSignature) { try HMACWebToken.verify(token, secret: "other", now: now) }
        #expect(throws: HMACWebToken.Failure.expired) {
            try HMACWebToken.verify(token, secret: "s3cret", now: now.addingTimeInterval(61))
        }
        #expect(throws: HMACWebToken.Failure.unexpectedAlgorithm("HS256")) {
            try HMACWebToken.verify(token, secret: "s3cret", algorithms: [.hs512], now: now)
        }
        let parts = token.split(separator: ".")
        let none = HMACWebToken.base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        #expect(throws: HMACWebToken.Failure.unexpectedAlgorithm("none")) { try HMACWebToken.verify(none, secret: "s3cret", now: now) }
        #expect(throws: HMACWebToken.Failure.malformed) { try HMACWebToken.verify("a.b", secret: "s3cret", now: now) }
        let early = try HMACWebToken.sign(["username": "bob", "nbf": 1_700_000_100], secret: "s3cret")
        #expect(throws: HMACWebToken.Failure.notValidYet) { try HMACWebToken.verify(early, secret: "s3cret", now: now) }
        #expect(HMACWebToken.Failure.expired.description == "Token is expired")
    }
}
