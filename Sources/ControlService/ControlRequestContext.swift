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
