public import Foundation
public import Hummingbird

/// The request context of every control-plane route: Chronograf's JSON conventions (slashes unescaped, as Go
/// writes them) apply to each response.
public struct ControlRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// With sign-in on, who is calling (set by `SessionMiddleware` below `/chronograf/v1`).
    var user: ChronografUser?

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }
}

extension ControlRequestContext {
    /// A path segment's value as the client meant it, percent-decoded as Chronograf's router gives it (Hummingbird
    /// gives it as sent: `my%20db` would name another database); empty when the route has no such segment.
    func pathValue(_ name: String) -> String {
        let raw = parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}
