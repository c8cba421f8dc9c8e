import Hummingbird
import HummingbirdTesting
import Testing

@testable import StoreService

/// `/query` reads its parameters as Go's `url.ParseQuery` does: `+` is a space, `%XX` an escaped byte, empty pairs
/// are skipped, a broken escape empties that value, and a form body overrides the query string.
@Suite struct QueryParametersTests {
    private func get(_ client: any TestClientProtocol, _ target: String) async throws -> (Int, String) {
        try await client.execute(uri: target, method: .get) { (Int($0.status.code), String(buffer: $0.body)) }
    }

    @Test func escapesPlusSignsAndEmptyPairs() async throws {
        try await withStoreRouter { client, _, _ in
            let databases = #"{"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["db"]]}]}]}"# + "\n"
            #expect(try await get(client, "/query?q=SHOW+DATABASES") == (200, databases))
            #expect(try await get(client, "/query?&&q=SHOW%20DATABASES&") == (200, databases))
            #expect(try await get(client, "/query?q=SHOW%2BDATABASES").1.contains("error parsing query"))
            let broken = try await get(client, "/query?q=SHOW%2")
            #expect(broken.0 == 400 && broken.1.contains(#"missing required parameter \"q\""#))
            let notUTF8 = try await get(client, "/query?q=%FF")
            #expect(notUTF8.0 == 400 && notUTF8.1.contains(#"missing required parameter \"q\""#))
        }
    }

    @Test func aFormBodyOverridesTheQueryString() async throws {
        try await withStoreRouter { client, _, _ in
            try await client.execute(
                uri: "/query?q=SHOW+USERS", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "q=SHOW+DATABASES&pretty=true")
            ) { response in
                #expect(String(buffer: response.body).contains("\"databases\""))
                #expect(String(buffer: response.body).contains("\n    "))
            }
        }
    }
}
