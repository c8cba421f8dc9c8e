import Foundation
import HTTPTypes
import Hummingbird

/// An error answered the way InfluxDB 1.x answers errors: `{"error":"<message>"}` as JSON, with the message
/// repeated in `X-Influxdb-Error` (except on 401, which gets `WWW-Authenticate` instead).
struct InfluxErrorResponse: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var extraHeaders: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/json"
        if status == .unauthorized {
            headers[.wwwAuthenticate] = "Basic realm=\"InfluxDB\""
        } else {
            headers[.influxDBError] = String(message.prefix(1024))
        }
        let body = try JSONSerialization.data(withJSONObject: ["error": message], options: [.withoutEscapingSlashes])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body + [UInt8(ascii: "\n")])))
    }
}

extension HTTPField.Name {
    static let influxDBError = Self("X-Influxdb-Error")!
}
