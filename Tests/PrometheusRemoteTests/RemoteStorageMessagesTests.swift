import Testing

@testable import PrometheusRemote

/// The wire codec against bytes Prometheus' own protobuf library makes, and against hostile bodies.
@Suite struct RemoteStorageMessagesTests {
    @Test func aWriteRequestReadsAsPrometheusEncodesIt() throws {
        // WriteRequest{timeseries: [{labels: [{__name__, up}], samples: [{value: 1, timestamp: 1000}]}], metadata: [...]}
        let bytes: [UInt8] =
            [0x0a, 0x1e, 0x0a, 0x0e, 0x0a, 0x08] + Array("__name__".utf8) + [0x12, 0x02] + Array("up".utf8)
            + [0x12, 0x0c, 0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0xe8, 0x07] + [0x1a, 0x02, 0x08, 0x01]
        let request = try RemoteWriteRequest(decoding: bytes)
        #expect(request == RemoteWriteRequest(series: [.init(labels: [("__name__", "up")], samples: [(1, 1000)])]))
        #expect(try RemoteWriteRequest(decoding: request.encoded()) == request)
    }

    @Test func readRequestsRoundTripWithNegativeTimesAndEveryMatcher() throws {
        let query = RemoteQuery(
            startMilliseconds: -5, endMilliseconds: Int64.max,
            matchers: [
                .init(.equal, name: "__name__", value: "up"), .init(.notEqual, name: "a", value: ""),
                .init(.regexMatch, name: "b", value: "x.*"), .init(.regexNoMatch, name: "c", value: "y"),
            ])
        let request = RemoteReadRequest(queries: [query])
        #expect(try RemoteReadRequest(decoding: request.encoded()) == request)
    }

    @Test(
        arguments: [
            [0x0a, 0x05, 0x0a],  // length past the end
            [0x0a, 0x02, 0x12, 0x7f],  // a nested length past the end
            [0x00],  // field number 0
            [0x0b],  // wire type 3 (groups)
            [0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],  // a varint past 64 bits
            [0x0a, 0x04, 0x12, 0x02, 0x08, 0x00],  // a sample whose value has the wrong wire type
            [0x0a, 0x04, 0x0a, 0x02, 0x0a, 0xff],  // a label name that is not UTF-8 (and is cut short)
        ] as [[UInt8]])
    func malformedBodiesAreErrors(_ bytes: [UInt8]) {
        #expect(throws: RemoteStorageError.self) { try RemoteWriteRequest(decoding: bytes) }
    }

    @Test func snappyRoundTripsAndRefusesWhatItCannotOrMustNotUncompress() throws {
        let text = Array(String(repeating: "prometheus ", count: 1000).utf8)
        let compressed = Snappy.compress(text)
        #expect(compressed.count < text.count / 5)
        #expect(try Snappy.uncompress(compressed, limit: text.count) == text)
        #expect(throws: Snappy.Failure.tooLarge) { try Snappy.uncompress(compressed, limit: text.count - 1) }
        #expect(throws: Snappy.Failure.corrupt) { try Snappy.uncompress([0xff, 0xff, 0xff], limit: 100) }
        // A header claiming almost 4 GiB is refused before anything that size is made.
        #expect(throws: Snappy.Failure.tooLarge) { try Snappy.uncompress([0x80, 0x80, 0x80, 0x80, 0x0f], limit: 1 << 20) }
    }
}
