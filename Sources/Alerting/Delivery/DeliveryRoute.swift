import Foundation

/// Which handler a delivery goes through, as much as it takes to make the handler again after a restart: who
/// configured it (`task cpu alert2`, `topic cpu handler h1`), its kind and its options.
public struct DeliveryRoute: Sendable, Hashable, Codable {
    public var owner: String
    public var kind: String
    public var options: HandlerOptions

    public init(owner: String, kind: String, options: HandlerOptions) {
        self.owner = owner
        self.kind = kind
        self.options = options
    }

    /// Deliveries through equal routes share one lane (one order, one endpoint's back-off).
    public static func == (left: DeliveryRoute, right: DeliveryRoute) -> Bool {
        left.owner == right.owner && left.kind == right.kind && left.options == right.options
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(owner)
        hasher.combine(kind)
    }
}
