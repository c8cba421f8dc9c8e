/// An InfluxDB 2.x DBRP mapping: which bucket a 1.x database and retention policy name means.
public struct DBRPMapping: Sendable, Codable, Equatable {
    public var id: String
    public var database: String
    public var retentionPolicy: String
    public var isDefault: Bool
    public var orgID: String
    public var bucketID: String
    /// True for the mapping every bucket implies by its name; such mappings are not stored.
    public var isVirtual: Bool
}
