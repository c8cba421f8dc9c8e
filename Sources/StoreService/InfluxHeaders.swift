internal import Foundation
import HTTPTypes
import Hummingbird
import ServerLogging
import Synchronization

/// What every InfluxDB 1.x response carries: version, build, the request id (echoing a client's `X-Request-Id` or
/// `Request-Id`, else a fresh one), CORS headers when the request's `Origin` is allowed (`[store]
/// cors-allowed-origins`), and Go's plain-text body on a 404 for a path that does not exist.
enum InfluxHeaders {
    static func middleware<Context: RequestContext>(allowedOrigins: [String]) -> ResponseHeadersMiddleware<Context> {
        ResponseHeadersMiddleware { request, response in
            stamp(&response.headers, request: request.headers)
            allowCrossOrigin(&response.headers, request: request.headers, allowedOrigins: allowedOrigins)
            if response.status == .notFound && response.headers[.contentType] == nil {
                response.headers[.contentType] = "text/plain; charset=utf-8"
                response.body = .init(byteBuffer: ByteBuffer(string: "404 page not found\n"))
            }
        }
    }

    /// Adds the headers every response carries to `headers`, given the request's.
    static func stamp(_ headers: inout HTTPFields, request: HTTPFields) {
        let requestID = request[.xRequestID] ?? request[.requestID] ?? freshRequestID()
        headers[.influxDBVersion] = StoreService.influxDBVersion
        headers[.influxDBBuild] = "OSS"
        headers[.requestID] = requestID
        headers[.xRequestID] = requestID
    }

    /// InfluxDB 1.x answers every `Origin` with CORS headers allowing it, so any web page a user opens could read
    /// and write the store from the user's browser; Sundial does only for the origins configured (`"*"`: any, as
    /// InfluxDB does).
    static func allowCrossOrigin(_ headers: inout HTTPFields, request: HTTPFields, allowedOrigins: [String]) {
        if let origin = request[.origin], allowedOrigins.contains("*") || allowedOrigins.contains(origin) {
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowMethods] = "DELETE, GET, OPTIONS, POST, PUT"
            headers[.accessControlAllowHeaders] =
                "Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token, X-HTTP-Method-Override"
            headers[.accessControlExposeHeaders] = "Date, X-InfluxDB-Version, X-InfluxDB-Build"
        }
    }
}

extension InfluxHeaders {
    /// Numbers the request ids of one process, so two made in the same 100 ns still differ.
    private static let sequence = Atomic<UInt16>(UInt16.random(in: 0...UInt16.max))

    /// A time-based (version 1) UUID in lower case, as InfluxDB makes its request ids: the 100 ns intervals since
    /// 1582-10-15, a clock sequence that counts requests, and a zero node. No system call beyond the clock's (a
    /// random UUID read the kernel's generator twice per request).
    static func freshRequestID() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let ticks = UInt64(now.tv_sec) &* 10_000_000 &+ UInt64(now.tv_nsec / 100) &+ 0x01B2_1DD2_1381_4000
        let clockSequence = sequence.wrappingAdd(1, ordering: .relaxed).newValue & 0x3FFF | 0x8000
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            // time_low-time_mid-(version, time_hi)-(variant, clock sequence)-node (zero), each as fixed-width hex.
            func put(_ value: UInt64, digits: Int, dash: Bool = true) {
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    text[position] = hexDigits[Int((value >> UInt64(shift)) & 0xF)]
                    position += 1
                }
                if dash {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
            }
            put(ticks & 0xFFFF_FFFF, digits: 8)
            put((ticks >> 32) & 0xFFFF, digits: 4)
            put((ticks >> 48) & 0x0FFF | 0x1000, digits: 4)
            put(UInt64(clockSequence), digits: 4)
            put(0, digits: 12, dash: false)
            return position
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

extension HTTPField.Name {
    static let influxDBVersion = Self("X-Influxdb-Version")!
    static let influxDBBuild = Self("X-Influxdb-Build")!
    static let requestID = Self("Request-Id")!
    static let xRequestID = Self("X-Request-Id")!
}
