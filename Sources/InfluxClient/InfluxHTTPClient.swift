import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// A client for a remote InfluxDB 1.x, 2.x or Cloud: ping and InfluxQL queries over `/query`, signed in as the
/// connection says. A refused connection fails at once with the system's reason instead of being retried until
/// the timeout, so callers can tell the user what is wrong.
public struct InfluxHTTPClient: Sendable {
    /// What `/ping` says of the server.
    public struct Ping: Sendable, Equatable {
        public var version: String
        /// `OSS`, `ENT` or empty.
        public var build: String
    }

    public init() {}

    /// `GET /ping` (or `path`, such as Kapacitor's `/kapacitor/v1/ping`): any 2xx is up.
    public func ping(_ connection: InfluxConnection, path: String = "/ping", timeout: Duration = .seconds(1))
        async throws(InfluxClientError)
        -> Ping
    {
        let response = try await send(connection, path: path, query: [], method: .GET, body: nil, timeout: timeout)
        var version = response.headers.first(name: "X-Influxdb-Version") ?? ""
        if version.hasPrefix("v") { version.removeFirst() }
        return Ping(version: version, build: response.headers.first(name: "X-Influxdb-Build") ?? "")
    }

    /// Runs InfluxQL through `/query` and returns the JSON body; a statement error inside it is not an error here.
    /// `parameters` adds `db`, `rp`, `epoch` and the like.
    public func query(
        _ connection: InfluxConnection, _ text: String, database: String? = nil, parameters: [(String, String)] = [],
        timeout: Duration = .seconds(15)
    ) async throws(InfluxClientError) -> [UInt8] {
        var query = [("q", text)]
        if let database { query.append(("db", database)) }
        return try await send(connection, path: "/query", query: query + parameters, method: .POST, body: nil, timeout: timeout).body
    }

    /// An answer passed through as it came: status, content type and body.
    public struct Relayed: Sendable {
        public var status: Int
        public var contentType: String?
        public var body: [UInt8]
    }

    /// Sends `method path?query` with `body` and the connection's credentials, and returns whatever the server
    /// answers, 2xx or not; throws only when there is no answer.
    public func relay(
        _ connection: InfluxConnection, method: String, path: String, query: [(String, String)], body: [UInt8]?,
        timeout: Duration = .seconds(30)
    ) async throws(InfluxClientError) -> Relayed {
        let answer = try await exchange(
            connection, path: path, query: query, method: HTTPMethod(rawValue: method), body: body, timeout: timeout)
        return Relayed(status: answer.status, contentType: answer.headers.first(name: "Content-Type"), body: answer.body)
    }

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Like `exchange`, but an answer other than 2xx is an error carrying InfluxDB's text.
    func send(
        _ connection: InfluxConnection, path: String, query: [(String, String)], method: HTTPMethod, body: [UInt8]?, timeout: Duration
    ) async throws(InfluxClientError) -> Answer {
        let answer = try await exchange(connection, path: path, query: query, method: method, body: body, timeout: timeout)
        guard (200..<300).contains(answer.status) else {
            throw .status(answer.status, Self.errorText(answer.body, status: HTTPResponseStatus(statusCode: answer.status)))
        }
        return answer
    }

    private func exchange(
        _ connection: InfluxConnection, path: String, query: [(String, String)], method: HTTPMethod, body: [UInt8]?, timeout: Duration
    ) async throws(InfluxClientError) -> Answer {
        let (request, client) = try Self.prepare(connection, path: path, query: query, method: method, body: body)
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(timeout))
            let bytes = Array((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
            return Answer(status: Int(response.status.code), headers: response.headers, body: bytes)
        } catch {
            throw .unreachable(Self.describe(error, url: connection.url))
        }
    }

    /// `GET path?query` whose 2xx answer's body is handed to `receive` as it arrives (a backup of any size, so no
    /// deadline for the whole). Another answer is an error with the server's text.
    public func download(
        _ connection: InfluxConnection, path: String, query: [(String, String)], receive: ([UInt8]) async throws -> Void
    ) async throws {
        let (request, client) = try Self.prepare(connection, path: path, query: query, method: .GET, body: nil)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .distantFuture)
        } catch {
            throw InfluxClientError.unreachable(Self.describe(error, url: connection.url))
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = Array((try await response.body.collect(upTo: 64 << 10)).readableBytesView)
            throw InfluxClientError.status(Int(response.status.code), Self.errorText(body, status: response.status))
        }
        for try await chunk in response.body { try await receive(Array(chunk.readableBytesView)) }
    }

    /// The request with the connection's credentials, and the client for its TLS settings.
    private static func prepare(
        _ connection: InfluxConnection, path: String, query: [(String, String)], method: HTTPMethod, body: [UInt8]?
    ) throws(InfluxClientError) -> (HTTPClientRequest, HTTPClient) {
        guard var components = URLComponents(string: connection.url), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), components.host?.isEmpty == false
        else { throw .invalidURL("invalid URL \(connection.url): expected http(s)://host:port") }
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + path
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components.string else { throw .invalidURL("invalid URL \(connection.url)") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        switch connection.credentials {
        case .none: break
        case .basic(let user, let password):
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        case .token(let token): request.headers.add(name: "Authorization", value: "Token \(token)")
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let client =
            connection.insecureSkipVerify && scheme == "https"
            ? insecureClient
            : connection.trustedAuthorities.isEmpty ? Self.client : Self.client(trusting: connection.trustedAuthorities)
        return (request, client)
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// InfluxDB's `{"error": …}` (1.x) or `{"message": …}` (2.x), else the body or the reason phrase.
    static func errorText(_ body: [UInt8], status: HTTPResponseStatus) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            if let error = object["error"] as? String { return error }
            if let message = object["message"] as? String { return message }
        }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? status.reasonPhrase : String(text.prefix(500))
    }

    static func describe(_ error: any Error, url: String) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("errno: 111") {
            return "connection refused by \(url)"
        }
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") { return "timed out connecting to \(url)" }
        if text.contains("NIOSSL") || text.contains("handshake") || text.contains("certificate") { return "TLS error with \(url): \(text)" }
        if text.contains("lookup") || text.contains("resolve") || text.contains("EAI_") { return "cannot resolve the host of \(url)" }
        return "cannot reach \(url): \(text)"
    }

    /// Process-wide clients, never shut down (like `HTTPClient.shared`).
    static let client = makeClient(verifyCertificates: true)
    static let insecureClient = makeClient(verifyCertificates: false)

    /// One client per file of trusted authorities, made when first needed and kept (a configuration names few).
    private static let trustingClients = Mutex<[String: HTTPClient]>([:])

    static func client(trusting authorities: String) -> HTTPClient {
        trustingClients.withLock { clients in
            if let client = clients[authorities] { return client }
            let client = makeClient(verifyCertificates: true, trusting: authorities)
            clients[authorities] = client
            return client
        }
    }

    private static func makeClient(verifyCertificates: Bool, trusting authorities: String = "") -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(5))
        var tls = TLSConfiguration.makeClientConfiguration()
        if !verifyCertificates {
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        } else if !authorities.isEmpty {
            tls.trustRoots = .file(authorities)
            configuration.tlsConfiguration = tls
        }
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
