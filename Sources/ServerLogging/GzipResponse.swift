public import HTTPTypes
public import Hummingbird
import IgzipBridge
import Synchronization

/// Response bodies gzip-compressed for clients that ask, as InfluxDB's and Kapacitor's `gzipFilter` does: any
/// `Accept-Encoding` containing `gzip` (no `q` weighing), `Content-Encoding: gzip` on the answer. A streamed body is
/// compressed as it is written, each write flushed (a sync flush) so a chunk reaches the client when it is made.
///
/// Compressed with ISA-L's igzip at level 1 (`IgzipBridge`): about 3.5 times zlib's fastest level on query answers,
/// at a slightly better size; zlib added 20–70% to the latency of large answers (docs/PERFORMANCE.md).
public enum GzipResponse {
    /// Whether the request takes a gzip-compressed answer.
    public static func isAccepted(by headers: HTTPFields) -> Bool {
        headers[values: .acceptEncoding].contains { $0.lowercased().contains("gzip") }
    }

    /// `buffer` as one gzip member.
    public static func compress(_ buffer: ByteBuffer) throws -> ByteBuffer {
        try GzipStream.withStream { stream in try stream.compress(buffer, last: true) }
    }

    /// `body` compressed as it is written.
    public static func compressing(_ body: ResponseBody) -> ResponseBody {
        ResponseBody { writer in
            try await body.write(CompressingWriter(inner: writer))
        }
    }
}

/// A failure of the compressor itself (out of memory; a wrong output bound).
public struct GzipCompressionError: Error {}

/// One igzip stream. Each holds about 300 KiB of state; a few are kept for reuse, since allocating and touching that
/// much memory for every answer would cost a noticeable part of compressing a small one. Sendable because a stream
/// is used by one owner at a time: taken from the idle list, used, reset and given back.
final class GzipStream: @unchecked Sendable {
    private let stream: OpaquePointer

    private init?() {
        guard let stream = igzip_bridge_new() else { return nil }
        self.stream = stream
    }

    deinit { igzip_bridge_free(stream) }

    private static let idle = Mutex<[GzipStream]>([])
    private static let idleLimit = 8

    /// A fresh member's stream, from the idle ones when there is one.
    static func take() throws -> GzipStream {
        if let reused = idle.withLock({ $0.popLast() }) { return reused }
        guard let stream = GzipStream() else { throw GzipCompressionError() }
        return stream
    }

    /// Gives a stream back for reuse (reset first: a streamed answer may have stopped half-way).
    static func giveBack(_ stream: GzipStream) {
        igzip_bridge_reset(stream.stream)
        idle.withLock { if $0.count < idleLimit { $0.append(stream) } }
    }

    static func withStream<Result>(_ body: (GzipStream) throws -> Result) throws -> Result {
        let stream = try take()
        defer { giveBack(stream) }
        return try body(stream)
    }

    /// `input` compressed and flushed; with `last`, the member's end (its trailer) too.
    func compress(_ input: ByteBuffer, last: Bool) throws -> ByteBuffer {
        let capacity = igzip_bridge_bound(input.readableBytes)
        var output = ByteBufferAllocator().buffer(capacity: capacity)
        let written = input.withUnsafeReadableBytes { source in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { target in
                let count = igzip_bridge_compress(
                    stream, source.baseAddress?.assumingMemoryBound(to: UInt8.self), source.count, last ? 1 : 0,
                    target.baseAddress?.assumingMemoryBound(to: UInt8.self), target.count)
                return max(count, 0)
            }
        }
        guard written > 0 else { throw GzipCompressionError() }
        return output
    }
}

/// Writes each buffer compressed (sync flush) to the writer it wraps; `finish` ends the gzip member.
private struct CompressingWriter: ResponseBodyWriter {
    var inner: any ResponseBodyWriter
    private var stream: GzipStream?

    init(inner: any ResponseBodyWriter) {
        self.inner = inner
    }

    private mutating func takenStream() throws -> GzipStream {
        if let stream { return stream }
        let taken = try GzipStream.take()
        stream = taken
        return taken
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        try await inner.write(try takenStream().compress(buffer, last: false))
    }

    mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
        for buffer in buffers { try await write(buffer) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        let stream = try takenStream()
        let end = try stream.compress(ByteBuffer(), last: true)
        GzipStream.giveBack(stream)
        try await inner.write(end)
        try await inner.finish(trailingHeaders)
    }
}
