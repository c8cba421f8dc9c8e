public import Logging
import NIOCore
public import TimeSeries

/// What the `httpPost` node posts through: each row (a point, or a batch as one series) to a URL or a `[[httppost]]`
/// endpoint, as Kapacitor's node posts it: `{"series":[row]}` as JSON, or the endpoint's row template over `.Name`,
/// `.Tags` and `.Values` (one map of column to value per row); the URL template sees the same.
public struct RowPoster: Sendable {
    let target: HTTPPostTarget
    let captureResponse: Bool
    /// A dead endpoint fails every post: one report per 10 s, with how many were held back.
    let throttle = LogThrottle()

    /// `timeout` in nanoseconds; Kapacitor waits without limit when none is given, Sundial 30s, so one silent peer
    /// cannot hold the node's posts for ever.
    public init(
        endpoint: String?, url: String?, headers: [(String, String)], timeout: Int64?, captureResponse: Bool, services: HandlerServices
    ) throws(HandlerRefusal) {
        if headers.contains(where: { $0.0.uppercased() == "AUTHENTICATE" }) { throw HandlerRefusal("cannot set 'authenticate' header") }
        if endpoint?.isEmpty == false && url?.isEmpty == false { throw HandlerRefusal("only one endpoint and url may be specified") }
        target = try HTTPPostTarget(
            endpoint: endpoint, url: url, headers: headers, timeout: timeout.flatMap { $0 > 0 ? $0 : nil } ?? 30_000_000_000,
            template: .row, services: services)
        self.captureResponse = captureResponse
    }

    /// Posts `row`; the answer's status, or 0 when none came (the connection failed), as Kapacitor's `codeField`
    /// has it. A failure or a non-2xx answer is logged as Kapacitor logs it.
    public func post(_ row: ResultSeries, logger: Logger) async -> Int {
        let data = Self.mappedRow(row)
        do {
            let answer = try await target.post(data) { TemplateValue.object([("series", .list([row.templateValue]))]).json + "\n" }
            if !(200..<300).contains(answer.status) {
                // The answer's body is the peer's: at most 4 KiB of it reaches the log.
                let reason =
                    captureResponse
                    ? String(String(buffer: answer.body).prefix(4096))
                    : "unknown error, use .captureResponse() to capture the HTTP response"
                report("POST returned non 2xx status code", reason: reason, code: answer.status, logger: logger)
            }
            return Int(answer.status)
        } catch {
            report("failed to POST data", reason: error.description, code: 0, logger: logger)
            return 0
        }
    }

    private func report(_ text: String, reason: String, code: UInt, logger: Logger) {
        guard let held = throttle.admit(text) else { return }
        logger.error(
            "\(text)", metadata: ["code": "\(code)", "error": "\(reason)", "reports_held_back": "\(held)"])
    }

    /// Kapacitor's `mappedRow`: the row's name, tags, and each row of values as a map by column.
    static func mappedRow(_ row: ResultSeries) -> TemplateValue {
        let values = row.values.map { cells in
            var map: [String: TemplateValue] = [:]
            for (column, cell) in zip(row.columns, cells) { map[column] = .cell(cell) }
            return TemplateValue.map(map)
        }
        return .object([
            ("Name", .string(row.name ?? "")), ("Tags", .map((row.tags ?? [:]).mapValues { .string($0) })), ("Values", .list(values)),
        ])
    }
}
