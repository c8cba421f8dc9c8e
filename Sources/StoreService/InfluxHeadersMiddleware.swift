internal import Foundation
import HTTPTypes
import Hummingbird

/// Adds the headers every InfluxDB 1.x response carries: version, build, and the request id (echoing a client's
/// `X-Request-Id` or `Request-Id`, else a fresh one) — on error responses too.
struct InfluxHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        let requestID = request.headers[.xRequestID] ?? request.headers[.requestID] ?? UUID().uuidString.lowercased()
        response.headers[.influxDBVersion] = StoreService.influxDBVersion
        response.headers[.influxDBBuild] = "OSS"
        response.headers[.requestID] = requestID
        response.headers[.xRequestID] = requestID
        return response
    }
}

extension HTTPField.Name {
    static let influxDBVersion = Self("X-Influxdb-Version")!
    static let influxDBBuild = Self("X-Influxdb-Build")!
    static let requestID = Self("Request-Id")!
    static let xRequestID = Self("X-Request-Id")!
}
