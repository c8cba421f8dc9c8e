import CompressNIO
public import Hummingbird

/// A write request's body: gunzipped when `Content-Encoding: gzip` (or `x-gzip`), at most `maxBodySize` bytes before
/// and after gunzip. Each API words the failures its own way (the store's `/write`, the tasks' `/write`).
public enum WriteBody {
    public enum Failure: Error {
        case tooLarge
        case badGzip(String)
    }

    public static func collect(_ request: Request, maxBodySize: Int) async throws(Failure) -> [UInt8] {
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodySize)
        } catch {
            throw .tooLarge
        }
        if let encoding = request.headers[.contentEncoding]?.lowercased(), encoding == "gzip" || encoding == "x-gzip" {
            do {
                buffer = try buffer.decompress(with: .gzip(), maxSize: maxBodySize)
            } catch {
                throw .badGzip("\(error)")
            }
        }
        return Array(buffer.readableBytesView)
    }
}
