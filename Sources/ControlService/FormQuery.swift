import Foundation
import Hummingbird

/// A request's query string decoded as HTML forms and Go's `url.Query()` decode it: `+` is a space and `%XX` a
/// byte. (Hummingbird's `queryParameters` keeps `+`, and Python's and browsers' form encoders write spaces as `+`.)
struct FormQuery {
    /// Every key and value, in order.
    let pairs: [(key: String, value: String)]

    init(_ request: Request) {
        pairs = (request.uri.query ?? "").split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]) else { return nil }
            return (key, parts.count > 1 ? Self.decode(parts[1]) ?? "" : "")
        }
    }

    /// The first value of `key`.
    subscript(_ key: String) -> String? { pairs.first { $0.key == key }?.value }

    /// Every value of `key`, in order.
    func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
