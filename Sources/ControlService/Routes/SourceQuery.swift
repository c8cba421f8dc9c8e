import Foundation
import HTTPTypes
import InfluxClient

/// An InfluxQL statement run through the source the path names, signed in with its stored credentials: the rows of
/// its first series; the statement's error a 400, as Chronograf answers it.
struct SourceQuery {
    let store: ControlStore
    let client: InfluxHTTPClient

    func rows(_ text: String, _ context: ControlRequestContext) async throws -> [[Any]] {
        let id = try SourcesRoutes.id(context)
        guard let source = try store.source(id) else { throw ChronografError.notFound(id) }
        let body: [UInt8]
        do {
            body = try await client.query(SourcesRoutes.connection(source), text)
        } catch {
            throw ChronografError(.badRequest, "Unable to connect to source \(id): \(error)")
        }
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let result = (object?["results"] as? [[String: Any]])?.first
        if let error = result?["error"] as? String { throw ChronografError(.badRequest, error) }
        return ((result?["series"] as? [[String: Any]])?.first?["values"] as? [[Any]]) ?? []
    }
}
