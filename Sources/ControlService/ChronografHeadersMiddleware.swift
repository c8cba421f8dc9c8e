import HTTPTypes
import Hummingbird

/// Adds `X-Chronograf-Version`, which Chronograf puts on every response, error responses included.
struct ChronografHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
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
        response.headers[.chronografVersion] = ControlService.chronografVersion
        return response
    }
}

extension HTTPField.Name {
    static let chronografVersion = Self("X-Chronograf-Version")!
}
