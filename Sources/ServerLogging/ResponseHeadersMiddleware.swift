public import Hummingbird

/// Sets headers on every response of a service, error responses included: a thrown `HTTPResponseError` is turned
/// into its response here so the headers go on it too. Each service passes the headers its product always sends.
public struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let stamp: @Sendable (Request, inout Response) -> Void

    public init(stamp: @escaping @Sendable (Request, inout Response) -> Void) {
        self.stamp = stamp
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Anything else is an internal error; it still gets the product's headers.
            response = try HTTPError(.internalServerError).response(from: request, context: context)
        }
        stamp(request, &response)
        return response
    }
}
