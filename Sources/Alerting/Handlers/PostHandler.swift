import Logging

/// `.post(url)` or `.post().endpoint('name')`: each event to a URL, as Kapacitor's httppost service sends it. With a
/// `[[httppost]]` endpoint: its URL template, its headers (the handler's own override them), basic auth when both
/// parts are set, and its alert template as the body (then without a content type); otherwise the event's JSON as
/// `application/json` (`HTTPPostTarget`). A failure or a non-2xx answer fails the attempt.
struct PostHandler: SendingHandler {
    let failureText = "alert post handler"
    let target: HTTPPostTarget
    let logger: Logger

    /// The URL without credentials, for the log.
    var shownURL: String { target.shownURL }

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        target = try HTTPPostTarget(
            endpoint: options.string("endpoint"), url: options.string("url"), headers: options.headerList, timeout: options.postTimeout,
            template: .alert, services: services)
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        try await send(event, anyStatus: false)
    }

    /// `anyStatus`: Kapacitor's httppost service test succeeds on any answer.
    func send(_ event: AlertEvent, anyStatus: Bool) async throws(HandlerRefusal) {
        let status = try await target.post(event.postTemplateData) { event.json + "\n" }.status
        if !anyStatus && !(200..<300).contains(status) {
            throw HandlerRefusal("POST returned non 2xx status code: \(shownURL) answered \(status)")
        }
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
