import Foundation
import HTTPTypes
import InfluxClient

/// The Kapacitor task API of one connection, with its credentials: what alert rules are stored as.
struct KapacitorTasksClient {
    let connection: InfluxConnection
    let client = InfluxHTTPClient()

    init(_ kapacitor: KapacitorRecord) {
        let credentials: InfluxConnection.Credentials =
            !kapacitor.username.isEmpty && !kapacitor.password.isEmpty
            ? .basic(user: kapacitor.username, password: kapacitor.password) : .none
        connection = InfluxConnection(url: kapacitor.url, credentials: credentials, insecureSkipVerify: kapacitor.insecureSkipVerify)
    }

    /// Sends a request; answers the status and JSON body. No answer at all is a 502-worthy error.
    func send(_ method: String, _ path: String, query: [(String, String)] = [], body: [String: Any]? = nil) async throws -> (
        status: Int, json: [String: Any]
    ) {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) }
        let answer: InfluxHTTPClient.Relayed
        do {
            answer = try await client.relay(connection, method: method, path: "/kapacitor/v1" + path, query: query, body: bytes)
        } catch {
            throw ChronografError(.badGateway, "Error contacting Kapacitor", reason: "\(error)")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
        return (answer.status, json)
    }

    /// Like `send`, but an error answer becomes 422 with Kapacitor's message, as Chronograf reports rule failures.
    func expect(_ method: String, _ path: String, query: [(String, String)] = [], body: [String: Any]? = nil) async throws
        -> [String: Any]
    {
        let (status, json) = try await send(method, path, query: query, body: body)
        guard (200..<300).contains(status) else {
            if status == 404 { throw ChronografError(.notFound, json["error"] as? String ?? "task not found") }
            throw ChronografError(.unprocessableContent, json["error"] as? String ?? "Kapacitor answered \(status)")
        }
        return json
    }

    static func taskPath(_ id: String) -> String {
        "/tasks/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id)
    }
}
