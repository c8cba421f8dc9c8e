/// InfluxDB 2.x organizations and onboarding (`/api/v2/setup`).
extension AccessStore {
    public var organizations: [Organization] { read(\.organizations) }
    public var isOnboarded: Bool { read(\.isOnboarded) }

    /// Whether `/api/v2/setup` may run: never onboarded, and no 1.x user or token exists, so that nobody can take
    /// over a store secured the 1.x way by onboarding it anonymously.
    public var isSetupAllowed: Bool { read { !$0.isOnboarded && $0.users.isEmpty && $0.tokens.isEmpty } }

    /// By id or, failing that, by name: 2.x clients send either in `org`.
    public func organization(_ idOrName: String) -> Organization? {
        read { state in state.organizations.first { $0.id == idOrName } ?? state.organizations.first { $0.name == idOrName } }
    }

    public func organization(id: String) -> Organization? {
        read { $0.organizations.first { $0.id == id } }
    }

    public func createOrganization(_ name: String, description: String = "") throws(AccessError) -> Organization {
        guard !name.isEmpty else { throw AccessError(.invalid, "org name is empty") }
        return try update { (state: inout AccessState) throws(AccessError) in
            guard !state.organizations.contains(where: { $0.name == name }) else {
                throw AccessError(.conflict, "organization with name \(name) already exists")
            }
            let now = Self.timestamp()
            let organization = Organization(id: RandomIdentifier.id(), name: name, description: description, createdAt: now, updatedAt: now)
            state.organizations.append(organization)
            return organization
        }
    }

    /// What `/api/v2/setup` made.
    public struct Onboarding: Sendable {
        public var organization: Organization
        public var bucket: Bucket
        public var authorization: APIToken
        /// The operator token, shown this once.
        public var token: String
    }

    /// The first organization, its first bucket and an operator token (`token` when the caller chose one); with a
    /// password also an admin user of that name, so 1.x clients can sign in too. Only once.
    public func onboard(
        username: String, password: String?, organization name: String, bucket bucketName: String,
        retentionSeconds: Int64, token: String?
    ) throws(AccessError) -> Onboarding {
        guard !isOnboarded else { throw AccessError(.conflict, "onboarding has already been completed") }
        guard !username.isEmpty else { throw AccessError(.invalid, "username is empty") }
        if let password, !password.isEmpty { try createUser(username, password: password, isAdmin: true) }
        let organization = try createOrganization(name)
        let bucket = try createBucket(bucketName, orgID: organization.id, retentionSeconds: retentionSeconds)
        let (authorization, secret) = try createToken(
            description: "\(username)'s Token", orgID: organization.id, permissions: [], isOperator: true, token: token)
        try update { (state: inout AccessState) throws(AccessError) in state.isOnboarded = true }
        return Onboarding(organization: organization, bucket: bucket, authorization: authorization, token: secret)
    }
}
