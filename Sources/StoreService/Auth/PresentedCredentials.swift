import Foundation
import Hummingbird

/// What a request presents to prove who it is, found where InfluxDB looks, in its order: `u` and `p` parameters,
/// then the `Authorization` header (`Bearer <token>`, `Token <user>:<password>`, `Token <token>`, `Basic …`).
enum PresentedCredentials: Equatable {
    case password(user: String, password: String)
    case token(String)

    /// nil when the request carries none (or only half of `u`/`p`).
    init?(request: Request, parameters: [String: String]) {
        if let user = parameters["u"], let password = parameters["p"], !user.isEmpty, !password.isEmpty {
            self = .password(user: user, password: password)
            return
        }
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer": self = .token(value)
        case "token":
            if let colon = value.firstIndex(of: ":") {
                self = .password(user: String(value[..<colon]), password: String(value[value.index(after: colon)...]))
            } else {
                self = .token(value)
            }
        case "basic":
            guard let decoded = Data(base64Encoded: value).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":")
            else { return nil }
            self = .password(user: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        default: return nil
        }
    }
}
