import Foundation
import Logging
import SundialConfig

/// `.telegram()`: the message to a chat through the bot API's `sendMessage` (JSON), with the parse mode and the two
/// `disable-*` flags the handler or the config asks for, as Kapacitor's Telegram service sends it.
struct TelegramHandler: SendingHandler {
    let failureText = "telegram handler: failed to send event to Telegram"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: TelegramSection { services.configuration.telegram }
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        let mode = options.string("parse-mode").nonEmpty ?? services.configuration.telegram.parseMode
        if !mode.isEmpty && !["markdown", "html"].contains(mode.lowercased()) {
            throw HandlerRefusal("parseMode \(mode) is not valid, please use 'Markdown' or 'HTML'")
        }
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        var members: [(String, TemplateValue)] = [
            ("chat_id", .string(options.string("chat-id").nonEmpty ?? section.chatID)), ("text", .string(event.state.message)),
        ]
        if let mode = options.string("parse-mode").nonEmpty ?? Optional(section.parseMode).nonEmpty {
            members.append(("parse_mode", .string(mode)))
        }
        if options.bool("disable-web-page-preview") || section.disableWebPagePreview {
            members.append(("disable_web_page_preview", .bool(true)))
        }
        if options.bool("disable-notification") || section.disableNotification { members.append(("disable_notification", .bool(true))) }
        let base = section.url.withoutTrailingSlash
        let post = ServicePost(
            service: "Telegram", url: base + section.token + "/sendMessage", headers: [], success: [200], client: services.client,
            describe: Self.describe)
        try await post.send(TemplateValue.object(members).json + "\n")
    }

    /// Telegram's refusal in Kapacitor's words: `sendMessage error (400) description: Bad Request: chat not found`.
    static func describe(_ object: [String: Any]) -> String? {
        guard let description = object["description"] as? String else { return nil }
        return "sendMessage error (\(object["error_code"] as? Int ?? 0)) description: \(description)"
    }
}

extension TelegramHandler {
    static let kind = HandlerKind(
        "telegram", property: "telegram",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.telegram },
        test: ServiceTest(
            name: "telegram",
            defaults: { services in
                let telegram = services.configuration.telegram
                return [
                    ("chat-id", .string(telegram.chatID)), ("parse-mode", .string(telegram.parseMode)),
                    ("message", .string("test telegram message")), ("disable-web-page-preview", .bool(telegram.disableWebPagePreview)),
                    ("disable-notification", .bool(telegram.disableNotification)),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                try await TelegramHandler(options: options, services: services, logger: logger).send(ServiceTest.event(options))
            }),
        make: { options, services, logger throws(HandlerRefusal) in
            try TelegramHandler(options: options, services: services, logger: logger)
        })
}
