/// How the tasks API checks who is calling (`[http] auth-enabled`, `shared-secret`, `[auth]`).
public struct TaskAuthSettings: Sendable {
    /// `[http] auth-enabled`: every request but OPTIONS needs credentials.
    public var isEnabled: Bool
    /// `[auth] enabled`: users are kept here and managed through `/kapacitor/v1/users`. Without it only tokens signed
    /// with `sharedSecret` are accepted (Kapacitor would take any user name and password as an admin).
    public var hasUsers: Bool
    /// `[http] shared-secret`: the key of accepted bearer tokens (HS256/384/512 with `username` and `exp`); empty, none.
    public var sharedSecret: String
    /// `[auth] bcrypt-cost` and `cache-expiration`.
    public var bcryptCost: UInt8
    public var cacheExpiration: Duration
    /// The token a remote InfluxDB's subscriptions present as Basic auth user `~subscriber` (Kapacitor's scheme); it
    /// may only write points. Nil: no subscriptions.
    public var subscriptionToken: String?

    public init(
        isEnabled: Bool = false, hasUsers: Bool = false, sharedSecret: String = "", bcryptCost: UInt8 = 10,
        cacheExpiration: Duration = .seconds(600), subscriptionToken: String? = nil
    ) {
        self.subscriptionToken = subscriptionToken
        self.isEnabled = isEnabled
        self.hasUsers = hasUsers
        self.sharedSecret = sharedSecret
        self.bcryptCost = bcryptCost
        self.cacheExpiration = cacheExpiration
    }
}
