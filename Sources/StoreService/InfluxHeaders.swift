internal import Foundation
import HTTPTypes
import Hummingbird
import ServerLogging

/// What every InfluxDB 1.x response carries: version, build, the request id (echoing a client's `X-Request-Id` or
/// `Request-Id`, else a fresh one), CORS headers when the request has an `Origin`, and Go's plain-text body on a
/// 404 for a path that does not exist.
enum InfluxHeaders {
    static func middleware<Context: RequestContext>() -> ResponseHeadersMiddleware<Context> {
        ResponseHeadersMiddleware { request, response in
            let requestID = request.headers[.xRequestID] ?? request.headers[.requestID] ?? freshRequestID()
            response.headers[.influxDBVersion] = StoreService.influxDBVersion
            response.headers[.influxDBBuild] = "OSS"
            response.headers[.requestID] = requestID
            response.headers[.xRequestID] = requestID
            if let origin = request.headers[.origin] {
                response.headers[.accessControlAllowOrigin] = origin
                response.headers[.accessControlAllowMethods] = "DELETE, GET, OPTIONS, POST, PUT"
                response.headers[.accessControlAllowHeaders] =
                    "Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token, X-HTTP-Method-Override"
                response.headers[.accessControlExposeHeaders] = "Date, X-InfluxDB-Version, X-InfluxDB-Build"
            }
            if response.status == .notFound && response.headers[.contentType] == nil {
                response.headers[.contentType] = "text/plain; charset=utf-8"
                response.body = .init(byteBuffer: ByteBuffer(string: "404 page not found\n"))
            }
        }
    }
}

extension InfluxHeaders {
    /// A random (version 4) UUID in lower case. Foundation's `UUID()` opens and reads /dev/urandom on every call,
    /// a measurable share of a small query's time; the system generator is one `getrandom` call per word.
    static func freshRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & ~0xF000) | 0x4000  // version 4
        low = (low & ~(0xC << 60)) | (0x8 << 60)  // RFC 4122 variant
        var text = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        let hexDigits = Array("0123456789abcdef".utf8)
        var position = 35
        for (word, digits) in [(low, 16), (high, 16)] {
            var rest = word
            for _ in 0..<digits {
                if [8, 13, 18, 23].contains(position) { position -= 1 }  // leave the dashes
                text[position] = hexDigits[Int(rest & 0xF)]
                rest >>= 4
                position -= 1
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension HTTPField.Name {
    static let influxDBVersion = Self("X-Influxdb-Version")!
    static let influxDBBuild = Self("X-Influxdb-Build")!
    static let requestID = Self("Request-Id")!
    static let xRequestID = Self("X-Request-Id")!
}
