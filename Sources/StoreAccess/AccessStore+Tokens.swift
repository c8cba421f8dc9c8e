/// InfluxDB 2.x API tokens ("authorizations"). Only each token's SHA-256 is kept.
extension AccessStore {
    public func tokens(orgID: String? = nil) -> [APIToken] {
        read { state in state.tokens.filter { orgID == nil || $0.orgID == orgID } }
    }

    /// Makes a token, `token` when the caller chose one (as `influx setup --token` allows), else a random one.
    /// Returns the authorization and the token, which is never shown again.
    public func createToken(
        description: String, orgID: String, permissions: [APIToken.Permission], isOperator: Bool, token: String? = nil
    ) throws(AccessError) -> (APIToken, String) {
        let secret = token.flatMap { $0.isEmpty ? nil : $0 } ?? RandomIdentifier.token()
        let hash = Digest.hex(secret)
        let authorization = try update { (state: inout AccessState) throws(AccessError) -> APIToken in
            guard state.organizations.contains(where: { $0.id == orgID }) else {
                throw AccessError(.notFound, "organization not found")
            }
            guard !state.tokens.contains(where: { $0.tokenHash == hash }) else { throw AccessError(.conflict, "token already exists") }
            let now = Self.timestamp()
            let authorization = APIToken(
                id: RandomIdentifier.id(), tokenHash: hash, description: description, orgID: orgID, isOperator: isOperator,
                permissions: permissions, createdAt: now, updatedAt: now)
            state.tokens.append(authorization)
            return authorization
        }
        return (authorization, secret)
    }

    /// The authorization a request's token belongs to.
    public func token(matching secret: String) -> APIToken? {
        guard !secret.isEmpty else { return nil }
        let hash = Digest.hex(secret)
        return read { state in state.tokens.first { $0.tokenHash == hash } }
    }

    public func deleteToken(id: String) throws(AccessError) {
        try update { (state: inout AccessState) throws(AccessError) in
            guard let index = state.tokens.firstIndex(where: { $0.id == id }) else {
                throw AccessError(.notFound, "authorization not found")
            }
            state.tokens.remove(at: index)
        }
    }
}
