/// An InfluxDB 2.x bucket: a name in an organization for one database and retention policy of the store.
///
/// A bucket named `db/rp` stores in database `db`, retention policy `rp`; any other name `n` stores in database
/// `n`, policy `autogen`, the same split InfluxDB 2.x's virtual DBRP mappings make.
public struct Bucket: Sendable, Codable, Equatable {
    public var id: String
    public var orgID: String
    public var name: String
    public var description: String
    /// Seconds data is kept; 0 is forever.
    public var retentionSeconds: Int64
    public var createdAt: String
    public var updatedAt: String

    /// The store location the bucket's name maps to.
    public var database: String { Self.split(name).database }
    public var retentionPolicy: String { Self.split(name).retentionPolicy }

    static func split(_ name: String) -> (database: String, retentionPolicy: String) {
        guard let slash = name.firstIndex(of: "/") else { return (name, "autogen") }
        return (String(name[..<slash]), String(name[name.index(after: slash)...]))
    }
}
