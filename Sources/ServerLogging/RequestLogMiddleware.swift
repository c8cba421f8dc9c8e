public import Hummingbird
public import Logging

/// Logs one line per request: method, target (secrets redacted), status and duration.
///
/// Requests that fail with an error are logged with the status the error maps to, then the error is passed on
/// unchanged, so the line is written whichever way the handler ends.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    public init(level: Logger.Level = .info) {
        self.level = level
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: started, logger: context.logger)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: status, since: started, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since started: ContinuousClock.Instant, logger: Logger) {
        // Redacting and formatting cost more than a small query's answer, so none of it runs when the line is not kept.
        guard logger.logLevel <= level else { return }
        let target = RedactedTarget.redacting(request.uri.description)
        let elapsed = RequestDurationText.milliseconds(ContinuousClock.now - started)
        logger.log(level: level, "\(request.method.rawValue) \(target) \(status) \(elapsed)")
    }
}

/// Formats a request's duration for the log: milliseconds with three decimals (`0.412ms`).
enum RequestDurationText {
    static func milliseconds(_ duration: Swift.Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)ms"
    }
}
