internal import Foundation
import HTTPTypes
import Hummingbird
import ServerLogging

/// What every InfluxDB 1.x response carries: version, build, the request id (echoing a client's `X-Request-Id` or
/// `Request-Id`, else a fresh one), CORS headers when the request has an `Origin`, and Go's plain-text body on a
/// 404 for a path that does not exist.
enum InfluxHeaders {
    static func middleware<Context: RequestContext>() -> ResponseHeadersMiddleware<Context> {
        ResponseHeadersMiddleware { request, response in
            let requestID = request.headers[.xRequestID] ?? request.headers[.requestID] ?? UUID().uuidString.lowercased()
            response.headers[.influxDBVersion] = StoreService.influxDBVersion
            response.headers[.influxDBBuild] = "OSS"
            response.headers[.requestID] = requestID
            response.headers[.xRequestID] = requestID
            if let origin = request.headers[.origin] {
                response.headers[.accessControlAllowOrigin] = origin
                response.headers[.accessControlAllowMethods] = "DELETE, GET, OPTIONS, POST, PUT"
                response.headers[.accessControlAllowHeaders] =
                    "Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token, X-HTTP-Method-Override"
                response.headers[.accessControlExposeHeaders] = "Date, X-InfluxDB-Version, X-InfluxDB-Build"
            }
            if response.status == .notFound && response.headers[.contentType] == nil {
                response.headers[.contentType] = "text/plain; charset=utf-8"
                response.body = .init(byteBuffer: ByteBuffer(string: "404 page not found\n"))
            }
        }
    }
}

extension HTTPField.Name {
    static let influxDBVersion = Self("X-Influxdb-Version")!
    static let influxDBBuild = Self("X-Influxdb-Build")!
    static let requestID = Self("Request-Id")!
    static let xRequestID = Self("X-Request-Id")!
}
