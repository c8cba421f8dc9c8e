import Foundation
import HTTPTypes
import Hummingbird
import QueryEngine

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
        response(encoding: .json(pretty: false), contentType: "application/json")
    }

    /// The error in a `/query` answer's format: `{"error":…}` in JSON or MessagePack, `error` and the message as CSV.
    func response(encoding: QueryResponseFormat.Encoding, contentType: String) -> Response {
        var headers = extraHeaders
        headers[.contentType] = contentType
        if status == .unauthorized {
            headers[.wwwAuthenticate] = "Basic realm=\"InfluxDB\""
        } else {
            headers[.influxDBError] = String(message.prefix(1024))
        }
        let body: [UInt8] =
            switch encoding {
            case .json: Array(QueryResponseEncoder.error(message).utf8) + [UInt8(ascii: "\n")]
            case .csv: Array(QueryResponseCSV.error(message).utf8)
            case .messagePack: QueryResponseMessagePack.error(message)
            }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HTTPField.Name {
    static let influxDBError = Self("X-Influxdb-Error")!
}
