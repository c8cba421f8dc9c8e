import InfluxQL
import Testing

@testable import StoreService

@Suite struct ParsedQueryCacheTests {
    private struct ParseFailure: Error {}

    @Test func aTextIsParsedOncePerBoundParametersAndFailuresAreNotKept() throws {
        let cache = ParsedQueryCache()
        var parses = 0
        func statements(_ query: String, _ parameters: String?) throws -> [Statement] {
            try cache.statements(query: query, boundParameters: parameters) {
                parses += 1
                return try Parser.parse(query)
            }
        }
        let first = try statements("SHOW DATABASES", nil)
        #expect(try statements("SHOW DATABASES", nil) == first)
        #expect(parses == 1)
        _ = try statements("SHOW DATABASES", #"{"x":1}"#)
        #expect(parses == 2)
        for _ in 0..<2 {
            #expect(throws: (any Error).self) {
                try cache.statements(query: "SHOW NOTHING", boundParameters: nil) {
                    parses += 1
                    throw ParseFailure()
                }
            }
        }
        #expect(parses == 4)
    }
}
