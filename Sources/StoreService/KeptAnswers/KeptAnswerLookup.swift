import HTTPTypes
import ServerLogging
import Storage

/// Finds the kept answer for a request the way the `/query` route does (same parameters, same database lookup, same
/// cache key), for requests simple enough to be answered outside the router: a GET, credentials not required, and
/// the connection staying open (no `Connection` header other than `keep-alive`: closing stays the router's business).
struct KeptAnswerLookup: Sendable {
    let cache: IndexAnswerCache
    let engine: StorageEngine
    let locator: DatabaseLocator
    let authEnabled: Bool
    /// The listener's `httpd` statistic, which kept answers count into too.
    let statistics: HTTPStatistics

    func answer(for request: HTTPRequest) -> IndexAnswerCache.Answer? {
        // A request with an `Origin` goes to the router, which decides its CORS headers.
        guard !authEnabled, request.method == .get, request.headerFields[.connection].map(Self.keepsAlive) ?? true,
            request.headerFields[.origin] == nil,
            let path = request.path,
            path.hasPrefix("/query?")
        else { return nil }
        var parameters: [String: String] = [:]
        QueryParameters.decode(String(path.dropFirst("/query?".count)), into: &parameters)
        let format = QueryResponseFormat(accept: request.headerFields[values: .accept], parameters: parameters)
        let (database, retentionPolicy) = locator.locate(parameters)
        let key = IndexAnswerCache.Key(
            parameters, database: database, retentionPolicy: retentionPolicy, format: format,
            gzipped: GzipResponse.isAccepted(by: request.headerFields))
        return cache.answer(for: key, at: engine.indexVersion())
    }

    private static func keepsAlive(_ connection: String) -> Bool {
        connection.lowercased() == "keep-alive"
    }
}
