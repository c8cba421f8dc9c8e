import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One POST of a handler's JSON to its service, judged as Kapacitor judges each service's answer: only the statuses
/// it takes as success (Slack 200, Teams 200 or 204, Discord 204, PagerDuty 200 or 202), and as the reason of a
/// failure the answer's `error` field, else `failed to understand <Service> response. code: <n> content: <body>`.
struct ServicePost {
    let service: String
    let url: String
    let headers: [(String, String)]
    let success: Set<UInt>
    let client: HTTPClient
    var timeout: TimeAmount = .seconds(30)
    var contentType = "application/json"
    /// A service's own reason in its answer (Telegram's `description`); nil: an `error` field.
    var describe: @Sendable ([String: Any]) -> String? = { $0["error"] as? String }
    /// A reason some statuses have whatever the answer says (VictorOps' 404).
    var describeStatus: (@Sendable (UInt) -> String?)?

    func send(_ body: String) async throws(HandlerRefusal) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let status: UInt
        let answer: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: timeout)
            status = response.status.code
            answer = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw HandlerRefusal("\(error)")
        }
        guard !success.contains(status) else { return }
        // A refusal of the request itself will not change on a retry; a timeout, a throttle or a server error may.
        let isPermanent = (400..<500).contains(status) && status != 408 && status != 429
        var content = String(buffer: answer)
        if let reason = describeStatus?(status) { throw HandlerRefusal(reason, isPermanent: isPermanent) }
        if let object = try? JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any], let reason = describe(object) {
            throw HandlerRefusal(String(reason.prefix(1024)), isPermanent: isPermanent)
        }
        // Kept short: the reason is logged, stored with a dead letter and shown by the API.
        if content.utf8.count > 1024 { content = String(content.prefix(1024)) + "…" }
        throw HandlerRefusal("failed to understand \(service) response. code: \(status) content: \(content)", isPermanent: isPermanent)
    }
}
