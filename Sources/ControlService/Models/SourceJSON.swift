import Foundation
import Hummingbird

/// Sources in Chronograf's JSON: ids as strings, empty optional fields left out, `password` and `sharedSecret`
/// never written, plus `authentication` and `links`.
enum SourceJSON {
    /// `file`: the resource file the source comes from; Sundial shows its name as `resourceFile` (the UI marks such
    /// connections read-only), which Chronograf did not.
    static func document(_ source: SourceRecord, file: String? = nil) -> [String: Any] {
        let id = String(source.id ?? 0)
        let base = "/chronograf/v1/sources/\(id)"
        var document: [String: Any] = [
            "id": id, "name": source.name, "url": source.url, "default": source.isDefault, "telegraf": source.telegraf,
            "organization": source.organization, "defaultRP": source.defaultRP, "authentication": authentication(source),
            "links": [
                "self": base, "kapacitors": base + "/kapacitors", "services": base + "/services", "proxy": base + "/proxy",
                "queries": base + "/queries", "write": base + "/write", "permissions": base + "/permissions", "users": base + "/users",
                "databases": base + "/dbs", "annotations": base + "/annotations", "health": base + "/health",
            ],
        ]
        for (key, value) in [
            ("type", source.type), ("username", source.username), ("metaUrl", source.metaURL), ("role", source.role),
            ("version", source.version),
        ]
        where !value.isEmpty {
            document[key] = value
        }
        if source.insecureSkipVerify { document["insecureSkipVerify"] = true }
        if let file { document["resourceFile"] = (file as NSString).lastPathComponent }
        return document
    }

    /// How the source is signed in to, as the UI shows it ("Value saved in server" for `basic`).
    static func authentication(_ source: SourceRecord) -> String {
        if source.type == "influx-v2" { return "token" }
        if !source.username.isEmpty && !source.password.isEmpty { return "basic" }
        if !source.sharedSecret.isEmpty { return "shared" }
        return "unknown"
    }

    static func response(_ document: Any, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers: HTTPFields = [.contentType: "application/json"]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body + [0x0A])))
    }

    /// The request body as a JSON object: 400 `Unparsable JSON` otherwise.
    static func body(of request: Request) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: 1_000_000)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw ChronografError(.badRequest, "Unparsable JSON")
        }
        return object
    }

    /// The fields present in `body` written over `source`. Strings present replace (an empty one clears, so
    /// credentials can be removed — Chronograf cannot); absent fields keep their value.
    /// Sets what `body` carries. A new URL without a password in the same body drops the stored password and shared
    /// secret: credentials meant for one server are never sent to another one a PATCH names.
    static func apply(_ body: [String: Any], to source: inout SourceRecord) {
        if let url = body["url"] as? String, url != source.url, !source.url.isEmpty {
            if body["password"] == nil { source.password = "" }
            if body["sharedSecret"] == nil { source.sharedSecret = "" }
        }
        let strings: [(String, WritableKeyPath<SourceRecord, String>)] = [
            ("name", \.name), ("type", \.type), ("username", \.username), ("password", \.password), ("sharedSecret", \.sharedSecret),
            ("url", \.url), ("metaUrl", \.metaURL), ("telegraf", \.telegraf), ("defaultRP", \.defaultRP), ("role", \.role),
            ("version", \.version),
        ]
        for (key, path) in strings { if let value = body[key] as? String { source[keyPath: path] = value } }
        if let value = body["insecureSkipVerify"] as? Bool { source.insecureSkipVerify = value }
        if let value = body["default"] as? Bool { source.isDefault = value }
        if source.telegraf.isEmpty { source.telegraf = "telegraf" }
    }
}
