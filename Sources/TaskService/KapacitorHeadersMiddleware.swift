internal import Foundation
import HTTPTypes
import Hummingbird

/// Adds the headers every Kapacitor response carries, `X-Kapacitor-Version` and `Request-Id`, error responses included.
struct KapacitorHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
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
        response.headers[.kapacitorVersion] = TaskService.kapacitorVersion
        response.headers[.requestID] = UUID().uuidString.lowercased()
        return response
    }
}

extension HTTPField.Name {
    static let kapacitorVersion = Self("X-Kapacitor-Version")!
    static let requestID = Self("Request-Id")!
}
