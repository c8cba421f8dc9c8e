public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1

/// `.post(url)`: sends each event's JSON to a URL (`Content-Type: application/json`, extra `.header(k, v)`s); a
/// failure or a non-2xx answer is logged, as Kapacitor does, and not retried.
public struct PostHandler: AlertHandler {
    let url: String
    let headers: [(String, String)]
    let timeout: Duration
    let client: HTTPClient
    let logger: Logger

    public init(
        url: String, headers: [(String, String)] = [], timeout: Duration = .seconds(30), client: HTTPClient = .shared, logger: Logger
    ) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
        self.client = client
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: event.json))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
            if !(200..<300).contains(response.status.code) {
                logger.error("alert post handler: \(shownURL) answered \(response.status.code)")
            }
            _ = try await response.body.collect(upTo: 1 << 20)
        } catch {
            logger.error("alert post handler: \(shownURL): \(error)")
        }
    }

    /// The URL without a user and password, for the log.
    var shownURL: String {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? "(URL)"
    }
}
