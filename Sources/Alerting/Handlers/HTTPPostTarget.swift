import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SundialConfig

/// Where Kapacitor's httppost service posts, shared by the `post` alert handler (over the alert's data, with the
/// endpoint's alert template) and the `httpPost` node (over a row, with its row template): a URL template, headers,
/// basic auth when both parts are set, and the body template, from a `[[httppost]]` endpoint or from a URL given
/// directly. Without a body template the body is JSON, sent as `application/json`.
struct HTTPPostTarget: Sendable {
    /// Which of the endpoint's templates makes the body.
    enum Template { case alert, row }

    let url: AlertTemplate
    /// The URL without credentials, for the log.
    let shownURL: String
    let headers: [(String, String)]
    let basicAuth: (user: String, password: String)?
    let body: AlertTemplate?
    /// Nanoseconds.
    let timeout: Int64
    let client: HTTPClient

    /// The endpoint named `endpoint` if there is one, else `url`. `headers` override the endpoint's.
    init(
        endpoint: String?, url given: String?, headers own: [(String, String)], timeout: Int64, template: Template,
        services: HandlerServices
    ) throws(HandlerRefusal) {
        self.timeout = timeout
        client = services.client
        if let name = endpoint?.nonEmpty, let endpoint = services.configuration.httpPost.first(where: { $0.endpoint == name }) {
            let overridden = Set(own.map { $0.0.lowercased() })
            headers = endpoint.headers.entries.sorted { $0.key < $1.key }.filter { !overridden.contains($0.key.lowercased()) } + own
            let user = endpoint.basicAuth.entries["username"] ?? ""
            let password = endpoint.basicAuth.entries["password"] ?? ""
            basicAuth = user.isEmpty || password.isEmpty ? nil : (user, password)
            let (text, file) =
                template == .alert ? (endpoint.alertTemplate, endpoint.alertTemplateFile) : (endpoint.rowTemplate, endpoint.rowTemplateFile)
            do {
                url = try AlertTemplate(endpoint.url)
                let source = file.isEmpty ? text : try Self.file(file)
                body = source.isEmpty ? nil : try AlertTemplate(source)
            } catch {
                throw HandlerRefusal("httppost endpoint \(name): \(error)")
            }
            shownURL = Self.withoutCredentials(endpoint.url)
            return
        }
        guard let given = given?.nonEmpty else {
            if let name = endpoint?.nonEmpty { throw HandlerRefusal("endpoint '\(name)' does not exist", isPermanent: true) }
            throw HandlerRefusal("An appropriately formatted url must be specified if an endpoint is not specified", isPermanent: true)
        }
        do {
            url = try AlertTemplate(given)
        } catch {
            throw HandlerRefusal("failed to execute url template: \(error)", isPermanent: true)
        }
        shownURL = Self.withoutCredentials(given)
        headers = own
        basicAuth = nil
        body = nil
    }

    /// Posts what `data` makes through the templates (or `json()` as the body); the answer's status and up to 1 MiB
    /// of its body. Throws when no answer came (the connection failed or timed out) or a template failed.
    func post(_ data: TemplateValue, json: () -> String) async throws(HandlerRefusal) -> (status: UInt, body: ByteBuffer) {
        var request: HTTPClientRequest
        do {
            request = HTTPClientRequest(url: try url.render(data))
            if let body {
                request.body = .bytes(ByteBuffer(string: try body.render(data)))
            } else {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: json()))
            }
        } catch {
            throw HandlerRefusal("failed to execute template: \(error)", isPermanent: true)
        }
        request.method = .POST
        for (name, value) in headers where !(body == nil && name.lowercased() == "content-type") {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        if let basicAuth {
            let credentials = Data("\(basicAuth.user):\(basicAuth.password)".utf8).base64EncodedString()
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic " + credentials)
        }
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout))
            return (response.status.code, try await response.body.collect(upTo: 1 << 20))
        } catch {
            throw HandlerRefusal("failed to POST data: \(shownURL): \(error)")
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

extension HandlerOptions {
    /// A `timeout` option in nanoseconds: a TICKscript duration, or a topic handler's number; 30s when absent.
    var postTimeout: Int64 {
        if case .duration(let nanoseconds)? = self["timeout"], nanoseconds > 0 { return nanoseconds }
        if let number = number("timeout"), number > 0, let nanoseconds = Int64(exactly: number.rounded()) { return nanoseconds }
        return 30_000_000_000
    }

    /// A `headers` object's text entries, sorted by name.
    var headerList: [(String, String)] {
        guard case .object(let entries)? = self["headers"] else { return [] }
        return entries.sorted { $0.key < $1.key }.compactMap { key, value in
            if case .string(let text) = value { (key, text) } else { nil }
        }
    }
}
