/// Everything `AccessStore` keeps, persisted as one JSON document (`access.json`).
struct AccessState: Sendable, Codable, Equatable {
    var users: [UserAccount] = []
    var organizations: [Organization] = []
    var buckets: [Bucket] = []
    var tokens: [APIToken] = []
    var mappings: [DBRPMapping] = []
    /// Set by `/api/v2/setup`; a second setup is refused.
    var isOnboarded = false
}
