import Foundation
import Logging
import SundialConfig

/// `.email(to…)`: the alert as a mail through `[smtp]`, as Kapacitor sends it: the message as the subject, the
/// details as an HTML body (quoted-printable), to the handler's addresses (else the config's) and those its address
/// templates give.
struct EmailHandler: SendingHandler {
    let failureText = "email handler: failed to send email"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: SMTPSection { services.configuration.smtp }
    let recipients: [String]
    let templates: [AlertTemplate]
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        recipients = options.strings("to")
        do {
            templates = try (options.strings("to-field") + options.strings("to-templates")).map { try AlertTemplate($0) }
        } catch {
            throw HandlerRefusal("bad template in email address template: \(error)")
        }
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        var to = recipients
        for template in templates {
            if let address = try? template.render(event.templateData), !address.isEmpty { to.append(address) }
        }
        try await send(subject: event.state.message, body: event.state.details, to: to)
    }

    func send(subject: String, body: String, to given: [String]) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let to = given.isEmpty ? section.to : given
        guard !to.isEmpty else { throw HandlerRefusal("not sending email, no recipients defined", isPermanent: true) }
        // Addresses come from alert data through templates: one that could end a header or an SMTP command is refused.
        for address in to + [section.from] where !Self.isPlainAddress(address) {
            throw HandlerRefusal("invalid email address: \(address.debugDescription)", isPermanent: true)
        }
        let client = SMTPClient(
            host: section.host, port: section.port, username: section.username, password: section.password, noVerify: section.noVerify)
        try await client.send(from: section.from, to: to, message: Self.message(from: section.from, to: to, subject: subject, body: body))
    }

    /// An address with nothing that could end a header line or an SMTP command, and no list in it.
    static func isPlainAddress(_ address: String) -> Bool {
        !address.isEmpty && !address.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || "<>,".unicodeScalars.contains($0) }
    }

    /// The mail as gomail writes it: one HTML part, quoted-printable.
    static func message(from: String, to: [String], subject: String, body: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "Mime-Version: 1.0", "Date: \(formatter.string(from: date))", "From: \(from)", "To: \(to.joined(separator: ", "))",
            "Subject: \(encodedHeader(subject))", "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + quotedPrintable(body)
    }

    /// A header value in RFC 2047 Q encoding when it is not plain ASCII, in encoded words of at most 75 characters
    /// on folded lines (a character's bytes never split between words).
    static func encodedHeader(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 || $0 < 0x20 }) else { return text }
        var words: [String] = []
        var current = ""
        for character in text {
            var piece = ""
            for byte in String(character).utf8 {
                switch byte {
                case UInt8(ascii: " "): piece += "_"
                case 0x21...0x7E where byte != UInt8(ascii: "=") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "_"):
                    piece.unicodeScalars.append(Unicode.Scalar(byte))
                default: piece += String(format: "=%02X", byte)
                }
            }
            // "=?UTF-8?q?" and "?=" take 12 of the 75.
            if current.count + piece.count > 63 {
                words.append(current)
                current = ""
            }
            current += piece
        }
        words.append(current)
        return words.map { "=?UTF-8?q?\($0)?=" }.joined(separator: "\r\n ")
    }

    /// RFC 2045 quoted-printable with CRLF line ends and soft breaks before 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var output = ""
            var width = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
                let piece = plain ? String(Unicode.Scalar(byte)) : String(format: "=%02X", byte)
                if width + piece.count > 75 {
                    output += "=\r\n"
                    width = 0
                }
                output += piece
                width += piece.count
            }
            lines.append(output)
        }
        return lines.joined(separator: "\r\n")
    }
}

extension EmailHandler {
    static let kind = HandlerKind(
        "smtp", property: "email", arguments: ["to…"],
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.smtp },
        test: ServiceTest(
            name: "smtp",
            defaults: { services in
                [
                    ("to", .list(services.configuration.smtp.to.map { .string($0) })), ("subject", .string("test subject")),
                    ("body", .string("test body")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                try await EmailHandler(options: HandlerOptions(), services: services, logger: logger)
                    .send(subject: options.string("subject") ?? "", body: options.string("body") ?? "", to: options.strings("to"))
            }),
        make: { options, services, logger throws(HandlerRefusal) in try EmailHandler(options: options, services: services, logger: logger) }
    )
}
