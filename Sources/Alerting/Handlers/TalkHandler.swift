import Logging
import SundialConfig

/// `.talk()`: the alert to a Talk webhook as `{"authorName", "text", "title"}` (the message and the id), as Kapacitor's
/// Talk service posts it; it has no options.
struct TalkHandler: SendingHandler {
    let failureText = "talk handler: failed to send event to Talk"
    var section: TalkSection { services.configuration.talk }
    let services: HandlerServices
    let logger: Logger

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        try await send(title: event.id, text: event.state.message)
    }

    func send(title: String, text: String) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let body = TemplateValue.map(["authorName": .string(section.authorName), "text": .string(text), "title": .string(title)])
        var post = ServicePost(service: "Talk", url: section.url, headers: [], success: [200], client: services.client)
        // Kapacitor's Talk service never reads a reason out of the answer.
        post.describe = { _ in nil }
        try await post.send(body.json + "\n")
    }
}

extension TalkHandler {
    static let kind = HandlerKind(
        "talk", property: "talk",
        test: ServiceTest(
            name: "talk",
            defaults: { _ in [("title", .string("testTitle")), ("text", .string("test talk text"))] },
            send: { options, services, logger throws(HandlerRefusal) in
                try await TalkHandler(services: services, logger: logger)
                    .send(title: options.string("title") ?? "", text: options.string("text") ?? "")
            }),
        make: { _, services, logger in TalkHandler(services: services, logger: logger) })
}
