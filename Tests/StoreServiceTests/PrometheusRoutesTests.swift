import Foundation
import Hummingbird
import HummingbirdTesting
import InfluxQL
import PrometheusRemote
import StoreAccess
import Testing

@testable import StoreService

/// Prometheus remote write and read through the store's router.
@Suite struct PrometheusRoutesTests {
    private func post(_ client: any TestClientProtocol, _ path: String, _ body: [UInt8], headers: HTTPFields = [:]) async throws -> (
        HTTPResponse.Status, [UInt8], HTTPFields
    ) {
        try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: Snappy.compress(body))) { response in
            (response.status, Array(buffer: response.body), response.headers)
        }
    }

    private static let written = RemoteWriteRequest(series: [
        .init(labels: [("__name__", "up"), ("job", "node"), ("instance", "a:9100")], samples: [(1, 1000), (.nan, 2000), (0, 3000)]),
        .init(labels: [("__name__", "up"), ("job", "node"), ("instance", "b:9100")], samples: [(1, 1000)]),
        .init(labels: [("job", "nameless")], samples: [(7, 1000)]),
    ])

    @Test func samplesWrittenAreReadBackByMatchers() async throws {
        try await withStoreRouter { client, _, _ in
            #expect(try await post(client, "/api/v1/prom/write?db=db", Self.written.encoded()).0 == .noContent)
            let query = RemoteQuery(
                startMilliseconds: 0, endMilliseconds: 3000,
                matchers: [.init(.equal, name: "__name__", value: "up"), .init(.regexMatch, name: "instance", value: "a:.*")])
            let (status, body, headers) = try await post(client, "/api/v1/prom/read?db=db", RemoteReadRequest(queries: [query]).encoded())
            #expect(status == .ok && headers[.contentEncoding] == "snappy" && headers[.contentType] == "application/x-protobuf")
            let results = try RemoteReadResponse.decode(try Snappy.uncompress(body, limit: 1 << 20))
            // The NaN sample was dropped; every label, __name__ included, is a tag read back in key order.
            #expect(
                results == [
                    [.init(labels: [("__name__", "up"), ("instance", "a:9100"), ("job", "node")], samples: [(1, 1000), (0, 3000)])]
                ])
            // A series without __name__ lands in InfluxDB's default measurement.
            let nameless = RemoteQuery(
                startMilliseconds: 0, endMilliseconds: 3000, matchers: [.init(.equal, name: "__name__", value: "prom_metric_not_specified")]
            )
            let other = try await post(client, "/api/v1/prom/read?db=db", RemoteReadRequest(queries: [nameless]).encoded())
            #expect(try RemoteReadResponse.decode(try Snappy.uncompress(other.1, limit: 1 << 20)).first?.count == 1)
        }
    }

    @Test func badRequestsGetInfluxDBsAnswers() async throws {
        try await withStoreRouter { client, _, _ in
            #expect(try await post(client, "/api/v1/prom/write", Self.written.encoded()).0 == .badRequest)
            #expect(try await post(client, "/api/v1/prom/write?db=nope", Self.written.encoded()).0 == .notFound)
            #expect(try await post(client, "/api/v1/prom/write?db=db", [0x0a, 0x05]).0 == .badRequest)
            let two = RemoteReadRequest(queries: [.init(startMilliseconds: 0, endMilliseconds: 1, matchers: [])].repeated(2))
            let (status, body, _) = try await post(client, "/api/v1/prom/read?db=db", two.encoded())
            #expect(status == .badRequest && String(decoding: body, as: UTF8.self).contains("only supports one query at a time"))
            let corrupt = try await client.execute(
                uri: "/api/v1/prom/write?db=db", method: .post, body: ByteBuffer(bytes: [0xff, 0xff, 0xff, 0xff])
            ) { $0.status }
            #expect(corrupt == .badRequest)
        }
    }

    @Test func withAuthWritesNeedWriteAndReadsNeedRead() async throws {
        try await withStoreRouter(authEnabled: true) { client, _, access in
            try access.createUser("admin", password: "pw", isAdmin: true)
            try access.createUser("reader", password: "pw", isAdmin: false)
            try access.setPrivilege("reader", database: "db", .read)
            #expect(try await post(client, "/api/v1/prom/write?db=db&u=reader&p=pw", Self.written.encoded()).0 == .forbidden)
            #expect(try await post(client, "/api/v1/prom/write?db=db&u=admin&p=pw", Self.written.encoded()).0 == .noContent)
            let query = RemoteReadRequest(queries: [.init(startMilliseconds: 0, endMilliseconds: 3000, matchers: [])])
            #expect(try await post(client, "/api/v1/prom/read?db=db&u=reader&p=pw", query.encoded()).0 == .ok)
            #expect(try await post(client, "/api/v1/prom/read?db=db", query.encoded()).0 == .unauthorized)
        }
    }
}

extension Array {
    fileprivate func repeated(_ times: Int) -> [Element] { (0..<times).flatMap { _ in self } }
}
