import InfluxQL

/// InfluxDB 2.x DBRP mappings: stored (physical) ones plus the virtual one every bucket implies by its name.
extension AccessStore {
    /// Every mapping of the organization, physical first, then the virtual ones no physical mapping hides.
    public func mappings(orgID: String) -> [DBRPMapping] {
        read { state in Self.mappings(in: state, orgID: orgID) }
    }

    public func mapping(id: String, orgID: String) -> DBRPMapping? {
        mappings(orgID: orgID).first { $0.id == id }
    }

    /// The physical mappings of 1.x database names the store has no database of, with their buckets, that the
    /// principal may read (nil: all): what SHOW DATABASES and SHOW RETENTION POLICIES add, as InfluxDB 2.x lists the
    /// names its DBRP mappings give.
    public func mappedNames(readableBy principal: Principal?, excluding storeDatabases: Set<String>) -> [(DBRPMapping, Bucket)] {
        read { state in
            let organizations =
                principal.flatMap { if case .token(let token) = $0 { [token.orgID] } else { nil } } ?? state.organizations.map(\.id)
            return organizations.flatMap { Self.mappings(in: state, orgID: $0) }.filter {
                !$0.isVirtual && !storeDatabases.contains($0.database)
            }
            .compactMap { mapping in state.buckets.first { $0.id == mapping.bucketID }.map { (mapping, $0) } }
        }
        .filter { _, bucket in principal.map { may($0, .read, on: bucket.database) } ?? true }
    }

    /// The bucket that 1.x names `database` and `retentionPolicy` (nil: the database's default mapping) mean.
    public func resolve(database: String, retentionPolicy: String?, orgID: String? = nil) -> Bucket? {
        read { state in
            let organizations = orgID.map { [$0] } ?? state.organizations.map(\.id)
            for organization in organizations {
                let candidates = Self.mappings(in: state, orgID: organization).filter { $0.database == database }
                let mapping =
                    retentionPolicy.flatMap { rp in candidates.first { $0.retentionPolicy == rp } }
                    ?? (retentionPolicy == nil
                        ? candidates.first(where: \.isDefault) : nil)
                if let mapping, let bucket = state.buckets.first(where: { $0.id == mapping.bucketID }) { return bucket }
            }
            return nil
        }
    }

    public func createMapping(database: String, retentionPolicy: String, isDefault: Bool?, orgID: String, bucketID: String)
        throws(AccessError) -> DBRPMapping
    {
        for (what, name) in [("database", database), ("retention policy", retentionPolicy)] where !Self.isValidStoreName(name) {
            throw AccessError(
                .invalid,
                "DBRP provided is invalid: \(what) must contain at least one character and only be letters, numbers, '_', '-', and '.'")
        }
        return try update { (state: inout AccessState) throws(AccessError) in
            guard state.buckets.contains(where: { $0.id == bucketID && $0.orgID == orgID }) else {
                throw AccessError(.notFound, "bucket not found")
            }
            let physical = state.mappings.filter { $0.orgID == orgID && $0.database == database }
            guard !physical.contains(where: { $0.retentionPolicy == retentionPolicy }) else {
                throw AccessError(.conflict, "another DBRP mapping with same orgID, db, and rp exists")
            }
            let makeDefault = isDefault ?? physical.isEmpty
            if makeDefault { Self.clearDefault(&state, database: database, orgID: orgID) }
            let mapping = DBRPMapping(
                id: RandomIdentifier.id(), database: database, retentionPolicy: retentionPolicy, isDefault: makeDefault || physical.isEmpty,
                orgID: orgID, bucketID: bucketID, isVirtual: false)
            state.mappings.append(mapping)
            return mapping
        }
    }

    public func updateMapping(id: String, orgID: String, isDefault: Bool?, retentionPolicy: String?) throws(AccessError) -> DBRPMapping {
        try update { (state: inout AccessState) throws(AccessError) in
            guard let index = state.mappings.firstIndex(where: { $0.id == id && $0.orgID == orgID }) else {
                throw AccessError(.notFound, "unable to find DBRP")
            }
            if let retentionPolicy { state.mappings[index].retentionPolicy = retentionPolicy }
            let database = state.mappings[index].database
            if isDefault == true {
                Self.clearDefault(&state, database: database, orgID: orgID)
                state.mappings[index].isDefault = true
            } else if isDefault == false, state.mappings[index].isDefault {
                state.mappings[index].isDefault = false
                Self.promoteDefault(&state, database: database, orgID: orgID)
            }
            return state.mappings[index]
        }
    }

    /// Deleting a missing mapping succeeds, as in InfluxDB; deleting the default promotes another of its database.
    public func deleteMapping(id: String, orgID: String) throws(AccessError) {
        try update { (state: inout AccessState) throws(AccessError) in
            guard let index = state.mappings.firstIndex(where: { $0.id == id && $0.orgID == orgID }) else { return }
            let removed = state.mappings.remove(at: index)
            if removed.isDefault { Self.promoteDefault(&state, database: removed.database, orgID: orgID) }
        }
    }

    private static func clearDefault(_ state: inout AccessState, database: String, orgID: String) {
        for index in state.mappings.indices where state.mappings[index].orgID == orgID && state.mappings[index].database == database {
            state.mappings[index].isDefault = false
        }
    }

    private static func promoteDefault(_ state: inout AccessState, database: String, orgID: String) {
        guard !state.mappings.contains(where: { $0.orgID == orgID && $0.database == database && $0.isDefault }),
            let index = state.mappings.firstIndex(where: { $0.orgID == orgID && $0.database == database })
        else { return }
        state.mappings[index].isDefault = true
    }

    static func mappings(in state: AccessState, orgID: String) -> [DBRPMapping] {
        let physical = state.mappings.filter { $0.orgID == orgID }
        let virtual = state.buckets.filter { $0.orgID == orgID }.compactMap { bucket -> DBRPMapping? in
            let (database, retentionPolicy) = Bucket.split(bucket.name)
            guard !physical.contains(where: { $0.database == database && $0.retentionPolicy == retentionPolicy }) else { return nil }
            let hasPhysicalDefault = physical.contains { $0.database == database && $0.isDefault }
            return DBRPMapping(
                id: bucket.id, database: database, retentionPolicy: retentionPolicy,
                isDefault: !bucket.name.contains("/") && !hasPhysicalDefault, orgID: orgID, bucketID: bucket.id, isVirtual: true)
        }
        return physical + virtual
    }
}
