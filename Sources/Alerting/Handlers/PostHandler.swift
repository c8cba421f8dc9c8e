import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SundialConfig

/// `.post(url)` or `.post().endpoint('name')`: each event to a URL, as Kapacitor's httppost service sends it. With a
/// `[[httppost]]` endpoint: its URL template, its headers (the handler's own override them), basic auth when both
/// parts are set, and its alert template as the body (then without a content type); otherwise the event's JSON as
/// `application/json`. A failure or a non-2xx answer is logged, not retried.
struct PostHandler: SendingHandler {
    let failureText = "alert post handler"
    let url: AlertTemplate
    let shownURL: String
    let headers: [(String, String)]
    let basicAuth: (user: String, password: String)?
    let body: AlertTemplate?
    /// Nanoseconds; Kapacitor's topic option gives them as a number.
    let timeout: Int64
    let client: HTTPClient
    let logger: Logger

    init(
        url: String, headers: [(String, String)] = [], timeout: Int64 = 30_000_000_000, client: HTTPClient = .shared, logger: Logger
    ) {
        self.url = (try? AlertTemplate(url)) ?? AlertTemplate.literal(url)
        shownURL = Self.withoutCredentials(url)
        self.headers = headers
        basicAuth = nil
        body = nil
        self.timeout = timeout
        self.client = client
        self.logger = logger
    }

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        var headers: [(String, String)] = []
        if case .object(let entries)? = options["headers"] {
            headers = entries.sorted { $0.key < $1.key }.compactMap { key, value in
                if case .string(let text) = value { (key, text) } else { nil }
            }
        }
        if case .duration(let nanoseconds)? = options["timeout"], nanoseconds > 0 {
            timeout = nanoseconds
        } else if let number = options.number("timeout"), number > 0, let nanoseconds = Int64(exactly: number.rounded()) {
            timeout = nanoseconds
        } else {
            timeout = 30_000_000_000
        }
        client = services.client
        self.logger = logger
        if let name = options.string("endpoint").nonEmpty,
            let endpoint = services.configuration.httpPost.first(where: { $0.endpoint == name })
        {
            let own = Set(headers.map { $0.0.lowercased() })
            self.headers = endpoint.headers.entries.sorted { $0.key < $1.key }.filter { !own.contains($0.key.lowercased()) } + headers
            let user = endpoint.basicAuth.entries["username"] ?? ""
            let password = endpoint.basicAuth.entries["password"] ?? ""
            basicAuth = user.isEmpty || password.isEmpty ? nil : (user, password)
            do {
                url = try AlertTemplate(endpoint.url)
                let template = endpoint.alertTemplateFile.isEmpty ? endpoint.alertTemplate : try Self.file(endpoint.alertTemplateFile)
                body = template.isEmpty ? nil : try AlertTemplate(template)
            } catch {
                throw HandlerRefusal("httppost endpoint \(name): \(error)")
            }
            shownURL = Self.withoutCredentials(endpoint.url)
            return
        }
        guard let given = options.string("url").nonEmpty else {
            throw HandlerRefusal("An appropriately formatted url must be specified if an endpoint is not specified", isPermanent: true)
        }
        do {
            url = try AlertTemplate(given)
        } catch {
            throw HandlerRefusal("failed to execute url template: \(error)", isPermanent: true)
        }
        shownURL = Self.withoutCredentials(given)
        self.headers = headers
        basicAuth = nil
        body = nil
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        try await send(event, anyStatus: false)
    }

    /// `anyStatus`: Kapacitor's httppost service test succeeds on any answer.
    func send(_ event: AlertEvent, anyStatus: Bool) async throws(HandlerRefusal) {
        let data = event.postTemplateData
        var request: HTTPClientRequest
        do {
            request = HTTPClientRequest(url: try url.render(data))
            if let body {
                request.body = .bytes(ByteBuffer(string: try body.render(data)))
            } else {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: event.json + "\n"))
            }
        } catch {
            throw HandlerRefusal("failed to execute alert template: \(error)", isPermanent: true)
        }
        request.method = .POST
        for (name, value) in headers where !(body == nil && name.lowercased() == "content-type") {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        if let basicAuth {
            let credentials = Data("\(basicAuth.user):\(basicAuth.password)".utf8).base64EncodedString()
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic " + credentials)
        }
        let status: UInt
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout))
            status = response.status.code
            _ = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw HandlerRefusal("failed to POST alert data: \(shownURL): \(error)")
        }
        if !anyStatus && !(200..<300).contains(status) {
            throw HandlerRefusal("POST returned non 2xx status code: \(shownURL) answered \(status)")
        }
    }

    private static func file(_ path: String) throws(HandlerRefusal) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw HandlerRefusal("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// The URL without a user and password, for the log.
    static func withoutCredentials(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? "(URL)"
    }
}

extension AlertEvent {
    /// What a post handler's URL and body templates see: Kapacitor's AlertData (`.ID .Message .Details .Time
    /// .Duration .Level .Data .PreviousLevel .Recoverable`).
    var postTemplateData: TemplateValue {
        .object([
            ("ID", .string(id)), ("Message", .string(state.message)), ("Details", .string(state.details)), ("Time", .time(state.time)),
            ("Duration", .duration(state.duration)), ("Level", .string(state.level.description)),
            ("Data", .object([("series", .list(data.map(\.templateValue)))])), ("PreviousLevel", .string(previousLevel.description)),
            ("Recoverable", .bool(recoverable)),
        ])
    }
}

extension PostHandler {
    static let kind = HandlerKind(
        "post", property: "post", arguments: ["url"],
        test: ServiceTest(
            name: "httppost",
            defaults: { _ in
                [
                    ("endpoint", .string("example")), ("url", .string("http://localhost:3000/")),
                    ("headers", .object(["Auth": .string("secret")])), ("timeout", .number(0)),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var post = HandlerOptions(["url": options["url"] ?? .string("")])
                post["headers"] = options["headers"]
                try await PostHandler(options: post, services: services, logger: logger)
                    .send(ServiceTest.event(options, message: "", level: .ok), anyStatus: true)
            }),
        make: { options, services, logger throws(HandlerRefusal) in try PostHandler(options: options, services: services, logger: logger) })
}
