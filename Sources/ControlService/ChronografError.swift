import Foundation
import HTTPTypes
import Hummingbird

/// An error as Chronograf answers it: `{"code": <status>, "message": "<text>"}`. Sundial adds `reason` when it knows
/// the underlying cause (connection refused, unknown host, TLS, the source's own 401), which Chronograf never told.
struct ChronografError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var reason: String?

    init(_ status: HTTPResponse.Status, _ message: String, reason: String? = nil) {
        self.status = status
        self.message = message
        self.reason = reason
    }

    static func notFound(_ id: Int64) -> ChronografError { ChronografError(.notFound, "ID \(id) not found") }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var document: [String: Any] = ["code": Int(status.code), "message": message]
        if let reason { document["reason"] = reason }
        let body = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body + [0x0A])))
    }
}
