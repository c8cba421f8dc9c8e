import Foundation
import HTTPTypes
import Hummingbird

/// An error as Kapacitor answers it: `{"error": "<text>", "message": "<text>"}` (both keys, same text).
struct KapacitorError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> KapacitorError { KapacitorError(.badRequest, message) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(
            withJSONObject: ["error": message, "message": message], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
