import Hummingbird

/// The parameters of a `/query` request: the query string's, overridden by those of an
/// `application/x-www-form-urlencoded` POST body; both decoded as Go's `url.ParseQuery` does (`+` is a space).
enum QueryParameters {
    static func of(_ request: Request) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        decode(request.uri.query ?? "", into: &parameters)
        guard request.method == .post,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return parameters }
        let body = try await request.body.collect(upTo: 25_000_000)
        decode(String(buffer: body), into: &parameters)
        return parameters
    }

    /// Adds the pairs of a query string or form body (`a=1&b=2`) to `parameters`.
    static func decode(_ text: String, into parameters: inout [String: String]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
                let pair = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                guard !pair.isEmpty else { continue }
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                guard let key = decodeFormComponent(UnsafeBufferPointer(rebasing: pair[..<(equals ?? pair.endIndex)])) else { continue }
                parameters[key] = equals.map { decodeFormComponent(UnsafeBufferPointer(rebasing: pair[($0 + 1)...])) ?? "" } ?? ""
            }
        }
    }

    /// `+` as a space and `%XX` escapes; nil for a broken escape or bytes that are not UTF-8.
    private static func decodeFormComponent(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 1 < text.count, let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
