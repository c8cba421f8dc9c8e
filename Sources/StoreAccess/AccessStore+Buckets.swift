/// InfluxDB 2.x buckets. Their names share the store's database namespace, so a name is unique across
/// organizations (two organizations' `telegraf` buckets would otherwise be one database).
extension AccessStore {
    public func buckets(orgID: String? = nil) -> [Bucket] {
        read { state in state.buckets.filter { orgID == nil || $0.orgID == orgID } }
    }

    /// By id, or by name within the organization (any organization when nil).
    public func bucket(_ idOrName: String, orgID: String? = nil) -> Bucket? {
        read { state in
            state.buckets.first { $0.id == idOrName }
                ?? state.buckets.first { $0.name == idOrName && (orgID == nil || $0.orgID == orgID) }
        }
    }

    public func createBucket(_ name: String, orgID: String, retentionSeconds: Int64, description: String = "") throws(AccessError)
        -> Bucket
    {
        try Self.validateBucketName(name)
        guard retentionSeconds >= 0 else { throw AccessError(.invalid, "expiration seconds must be greater than or equal to 0") }
        return try update { (state: inout AccessState) throws(AccessError) in
            guard state.organizations.contains(where: { $0.id == orgID }) else {
                throw AccessError(.notFound, "organization not found")
            }
            guard !state.buckets.contains(where: { $0.name == name }) else {
                throw AccessError(.conflict, "bucket with name \(name) already exists")
            }
            let now = Self.timestamp()
            let bucket = Bucket(
                id: RandomIdentifier.id(), orgID: orgID, name: name, description: description, retentionSeconds: retentionSeconds,
                createdAt: now, updatedAt: now)
            state.buckets.append(bucket)
            return bucket
        }
    }

    /// Removes the bucket and every DBRP mapping to it.
    public func deleteBucket(id: String) throws(AccessError) -> Bucket {
        try update { (state: inout AccessState) throws(AccessError) in
            guard let index = state.buckets.firstIndex(where: { $0.id == id }) else { throw AccessError(.notFound, "bucket not found") }
            state.mappings.removeAll { $0.bucketID == id }
            return state.buckets.remove(at: index)
        }
    }

    /// The name must give a valid database name and, after a `/`, a valid retention policy name.
    static func validateBucketName(_ name: String) throws(AccessError) {
        let parts = Bucket.split(name)
        for part in [parts.database, parts.retentionPolicy] where !isValidStoreName(part) {
            throw AccessError(.invalid, "invalid bucket name \"\(name)\"")
        }
    }

    /// InfluxDB's rule for database and retention-policy names.
    static func isValidStoreName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\") && name.utf8.count <= 255
            && name.unicodeScalars.allSatisfy { !$0.properties.generalCategory.isControl }
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format }
}
