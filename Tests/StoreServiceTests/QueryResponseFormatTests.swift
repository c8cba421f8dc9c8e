import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import StoreAccess
import Testing

@testable import StoreService

/// `/query` answers in the format `Accept` asks for, gzip-compressed when `Accept-Encoding` allows, as InfluxDB 1.8
/// answers them.
@Suite struct QueryResponseFormatTests {
    @Test(
        arguments: [
            ([], "application/json"), (["application/csv"], "application/csv"), (["text/csv"], "text/csv"),
            (["application/x-msgpack"], "application/x-msgpack"), (["*/*"], "application/json"), (["*"], "application/json"),
            (["text/*"], "text/csv"), (["text/html, application/x-msgpack"], "application/x-msgpack"),
            (["application/json;q=0.5, application/x-msgpack"], "application/x-msgpack"),
            (["text/csv;q=0.9", "application/json;q=0.9"], "text/csv"), (["text/html"], "application/json"),
            (["Application/X-MsgPack"], "application/x-msgpack"), (["application"], "application/json"),
            (["application/x-msgpack;q=oops, text/csv"], "text/csv"),
        ] as [([String], String)])
    func acceptChoosesTheFormatAsInfluxDBDoes(_ accept: [String], _ contentType: String) {
        #expect(QueryResponseFormat(accept: accept, parameters: [:]).contentType == contentType)
    }

    @Test func chunkingAppliesToJSONAndMessagePackButNotCSV() {
        let chunked = ["chunked": "true", "chunk_size": "0"]
        #expect(QueryResponseFormat(accept: [], parameters: chunked).chunkSize == 10_000)
        #expect(QueryResponseFormat(accept: ["application/x-msgpack"], parameters: ["chunked": "true", "chunk_size": "5"]).chunkSize == 5)
        #expect(QueryResponseFormat(accept: ["text/csv"], parameters: chunked).chunkSize == nil)
    }

    private func get(
        _ client: any TestClientProtocol, _ query: String, headers: HTTPFields, parameters: String = ""
    ) async throws -> (HTTPResponse.Status, HTTPFields, ByteBuffer) {
        let text = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        return try await client.execute(uri: "/query?db=db&q=\(text)\(parameters)", method: .get, headers: headers) { response in
            (response.status, response.headers, response.body)
        }
    }

    private func gunzip(_ buffer: ByteBuffer) throws -> String {
        var buffer = buffer
        return String(buffer: try buffer.decompress(with: .gzip()))
    }

    @Test func answersAreCompressedWhenTheClientAcceptsGzip() async throws {
        try await withStoreRouter { client, _, _ in
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer(string: "cpu v=1 1\ncpu v=2 2")) { _ in }
            let plain = try await get(client, "SELECT v FROM cpu", headers: [:])
            #expect(plain.1[.contentEncoding] == nil)
            let gzipped = try await get(client, "SELECT v FROM cpu", headers: [.acceptEncoding: "deflate, gzip;q=1.0"])
            #expect(gzipped.1[.contentEncoding] == "gzip")
            #expect(try gunzip(gzipped.2) == String(buffer: plain.2))
            // Streamed chunks are compressed as they are written, into one gzip member.
            let chunked = try await get(
                client, "SELECT v FROM cpu", headers: [.acceptEncoding: "gzip"], parameters: "&chunked=true&chunk_size=1")
            #expect(try gunzip(chunked.2).split(separator: "\n").count == 2)
            // Answers kept from the index are kept compressed and plain apart.
            for _ in 0..<2 {
                let kept = try await get(client, "SHOW MEASUREMENTS", headers: [.acceptEncoding: "gzip"])
                #expect(try gunzip(kept.2).contains(#"[["cpu"]]"#))
                #expect(String(buffer: try await get(client, "SHOW MEASUREMENTS", headers: [:]).2).contains(#"[["cpu"]]"#))
            }
            // InfluxDB compresses only successful answers.
            let failed = try await get(client, "SELEC", headers: [.acceptEncoding: "gzip"])
            #expect(failed.0 == .badRequest && failed.1[.contentEncoding] == nil)
        }
    }

    @Test func errorsComeInTheAcceptedFormatButARefusedLoginInJSON() async throws {
        try await withStoreRouter(authEnabled: true) { client, _, access in
            try access.createUser("admin", password: "pw", isAdmin: true)
            let refused = try await get(client, "SHOW DATABASES", headers: [.accept: "application/x-msgpack"])
            #expect(refused.0 == .unauthorized && refused.1[.contentType] == "application/json")
            let basic = "Basic " + Data("admin:pw".utf8).base64EncodedString()
            let failed = try await get(client, "SELEC", headers: [.accept: "application/x-msgpack", .authorization: basic])
            #expect(failed.0 == .badRequest && failed.1[.contentType] == "application/x-msgpack")
            #expect(Array(Array(buffer: failed.2).prefix(7)) == [0x81, 0xa5] + Array("error".utf8))
        }
    }
}
