/// An InfluxDB 2.x authorization: a token with read/write permissions on buckets.
///
/// Only the token's SHA-256 is stored; the token itself is shown once, when it is created.
public struct APIToken: Sendable, Codable, Equatable {
    public struct Permission: Sendable, Codable, Equatable {
        public enum Action: String, Sendable, Codable { case read, write }

        public var action: Action
        /// nil: every bucket of the organization.
        public var bucketID: String?

        public init(action: Action, bucketID: String? = nil) {
            self.action = action
            self.bucketID = bucketID
        }
    }

    public var id: String
    var tokenHash: String
    public var description: String
    public var orgID: String
    /// The setup token and tokens made with `--operator`: they may do what an InfluxDB 1.x admin may.
    public var isOperator: Bool
    public var permissions: [Permission]
    public var createdAt: String
    public var updatedAt: String

    public func allows(_ action: Permission.Action, bucketID: String) -> Bool {
        isOperator || permissions.contains { $0.action == action && ($0.bucketID == nil || $0.bucketID == bucketID) }
    }
}
