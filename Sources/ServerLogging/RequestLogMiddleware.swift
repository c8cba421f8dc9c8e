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
        // Reading the clock, redacting and formatting cost more than a small query's answer, so none of it runs when
        // the line is not kept.
        guard context.logger.logLevel <= level else { return try await next(request, context) }
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
        RequestLogLine.write(
            method: request.method.rawValue, target: request.uri.description, status: status, since: started, level: level,
            logger: logger)
    }
}

/// The request log's line: method, target (secrets redacted), status and duration (`GET /ping 204 0.412ms`). For a
/// service that answers some requests before they reach its router; the middleware writes the others.
public enum RequestLogLine {
    public static func write(
        method: String, target: String, status: Int, since started: ContinuousClock.Instant, level: Logger.Level,
        logger: Logger
    ) {
        let elapsed = RequestDurationText.milliseconds(ContinuousClock.now - started)
        logger.log(level: level, "\(method) \(RedactedTarget.redacting(target)) \(status) \(elapsed)")
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
