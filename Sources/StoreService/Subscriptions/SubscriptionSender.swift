import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One copy of a batch to one destination: an HTTP(S) `POST …/write` as InfluxDB 1.x sends it, or UDP datagrams.
struct SubscriptionSender: Sendable {
    let httpClient: HTTPClient
    let timeout: Duration

    /// One client for the process (never shut down, like `HTTPClient.shared`). A destination that refuses
    /// connections fails the batch at once, as Go's client does, instead of being retried until the timeout.
    static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func send(_ lines: [UInt8], to destination: String, database: String, retentionPolicy: String) async throws {
        guard let components = URLComponents(string: destination), let scheme = components.scheme?.lowercased() else {
            throw Failure(description: "invalid destination")
        }
        if scheme == "udp" { return try sendDatagrams(lines, host: components.host ?? "", port: components.port ?? 0) }
        try await post(lines, to: components, database: database, retentionPolicy: retentionPolicy)
    }

    /// `POST <path>/write?consistency=&db=&precision=ns&rp=` with the URL's user info as Basic auth.
    private func post(_ lines: [UInt8], to destination: URLComponents, database: String, retentionPolicy: String) async throws {
        var components = destination
        let user = components.user
        let password = components.password
        components.user = nil
        components.password = nil
        components.path = components.path.hasSuffix("/") ? components.path + "write" : components.path + "/write"
        components.queryItems = [
            URLQueryItem(name: "consistency", value: ""), URLQueryItem(name: "db", value: database),
            URLQueryItem(name: "precision", value: "ns"), URLQueryItem(name: "rp", value: retentionPolicy),
        ]
        guard let url = components.string else { throw Failure(description: "invalid destination") }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "User-Agent", value: "InfluxDBClient")
        if let user {
            let credentials = Data("\(user):\(password ?? "")".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        request.body = .bytes(ByteBuffer(bytes: lines))
        let response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
        _ = try? await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok || response.status == .noContent else {
            throw Failure(description: "HTTP \(response.status.code)")
        }
    }

    /// One datagram per point, without its newline, as InfluxDB sends to `udp://` destinations.
    private func sendDatagrams(_ lines: [UInt8], host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &info) == 0, let address = info else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(info) }
        let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
        guard socket >= 0 else { throw Failure(description: "cannot open a UDP socket") }
        defer { close(socket) }
        for line in lines.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let sent = line.withUnsafeBytes { bytes in
                sendto(socket, bytes.baseAddress, bytes.count, 0, address.pointee.ai_addr, address.pointee.ai_addrlen)
            }
            guard sent == line.count else { throw Failure(description: "UDP send failed (errno \(errno))") }
        }
    }

    /// The destination as it may be logged: without a password.
    static func redacted(_ destination: String) -> String {
        guard var components = URLComponents(string: destination), components.password != nil else { return destination }
        components.password = "[REDACTED]"
        return components.string ?? destination
    }
}
