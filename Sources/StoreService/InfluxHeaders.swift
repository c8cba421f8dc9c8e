internal import Foundation
import HTTPTypes
import Hummingbird
import ServerLogging

/// The headers every InfluxDB 1.x response carries: version, build, and the request id (echoing a client's
/// `X-Request-Id` or `Request-Id`, else a fresh one).
enum InfluxHeaders {
    static func middleware<Context: RequestContext>() -> ResponseHeadersMiddleware<Context> {
        ResponseHeadersMiddleware { request, response in
            let requestID = request.headers[.xRequestID] ?? request.headers[.requestID] ?? UUID().uuidString.lowercased()
            response.headers[.influxDBVersion] = StoreService.influxDBVersion
            response.headers[.influxDBBuild] = "OSS"
            response.headers[.requestID] = requestID
            response.headers[.xRequestID] = requestID
        }
    }
}

extension HTTPField.Name {
    static let influxDBVersion = Self("X-Influxdb-Version")!
    static let influxDBBuild = Self("X-Influxdb-Build")!
    static let requestID = Self("Request-Id")!
    static let xRequestID = Self("X-Request-Id")!
}
