import CompressNIO
import HTTPTypes
import Hummingbird
import Testing

@testable import ServerLogging

/// igzip's output must be gzip any client reads, whatever the input, however it is cut, and after a stream was
/// abandoned half-way and reused.
@Suite struct GzipResponseTests {
    private func gunzip(_ buffer: ByteBuffer, limit: Int = 64 << 20) throws -> [UInt8] {
        var buffer = buffer
        return Array(buffer: try buffer.decompress(with: .gzip(), maxSize: limit))
    }

    private func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test(arguments: [0, 1, 100, 70_000, 3_000_000])
    func wholeBuffersOfAnySizeRoundTrip(_ size: Int) throws {
        let repetitive = Array(String(repeating: #"["2020-01-01T00:00:10Z","host_7",12.5],"#, count: size / 40 + 1).utf8.prefix(size))
        for input in [repetitive, randomBytes(size)] {
            #expect(try gunzip(GzipResponse.compress(ByteBuffer(bytes: input))) == input)
        }
    }

    @Test func aStreamCutIntoPiecesIsOneMemberAndEachPieceIsFlushed() throws {
        let pieces = (0..<50).map { index in Array("{\"chunk\":\(index)}\n".utf8) + randomBytes(index * 997) }
        var compressed = ByteBuffer()
        let stream = try GzipStream.take()
        for piece in pieces {
            let flushed = try stream.compress(ByteBuffer(bytes: piece), last: false)
            compressed.writeImmutableBuffer(flushed)
            // A sync flush ends on a byte boundary with an empty stored block: 00 00 ff ff.
            #expect(Array(flushed.readableBytesView.suffix(4)) == [0, 0, 0xff, 0xff])
        }
        compressed.writeImmutableBuffer(try stream.compress(ByteBuffer(), last: true))
        GzipStream.giveBack(stream)
        #expect(try gunzip(compressed) == pieces.flatMap { $0 })
    }

    @Test func anAbandonedStreamIsResetBeforeItIsUsedAgain() throws {
        for _ in 0..<20 {
            let abandoned = try GzipStream.take()
            _ = try abandoned.compress(ByteBuffer(bytes: randomBytes(10_000)), last: false)
            GzipStream.giveBack(abandoned)
            let input = Array("after".utf8)
            #expect(try gunzip(GzipResponse.compress(ByteBuffer(bytes: input))) == input)
        }
    }

    @Test func onlyAnAcceptEncodingNamingGzipGetsIt() {
        #expect(GzipResponse.isAccepted(by: [.acceptEncoding: "gzip, deflate"]))
        #expect(GzipResponse.isAccepted(by: [.acceptEncoding: "x-GZIP"]))
        #expect(!GzipResponse.isAccepted(by: [.acceptEncoding: "deflate, br"]))
        #expect(!GzipResponse.isAccepted(by: [:]))
    }
}
