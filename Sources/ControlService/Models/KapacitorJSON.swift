import Foundation

/// Kapacitor connections in Chronograf's JSON: id as a string, no password, `username` only when set.
enum KapacitorJSON {
    static func document(_ kapacitor: KapacitorRecord, file: String? = nil) -> [String: Any] {
        let id = String(kapacitor.id ?? 0)
        let base = "/chronograf/v1/sources/\(kapacitor.sourceID)/kapacitors/\(id)"
        var document: [String: Any] = [
            "id": id, "name": kapacitor.name, "url": kapacitor.url, "insecureSkipVerify": kapacitor.insecureSkipVerify,
            "active": kapacitor.active,
            "links": [
                "self": base, "proxy": base + "/proxy", "rules": base + "/rules", "tasks": base + "/proxy?path=/kapacitor/v1/tasks",
                "ping": base + "/proxy?path=/kapacitor/v1/ping",
            ],
        ]
        if !kapacitor.username.isEmpty { document["username"] = kapacitor.username }
        if let file { document["resourceFile"] = (file as NSString).lastPathComponent }
        return document
    }

    /// The fields present in `body` written over `kapacitor`; an empty string clears a credential.
    /// Sets what `body` carries; a new URL without a password in the same body drops the stored one (it was meant for
    /// the old server).
    static func apply(_ body: [String: Any], to kapacitor: inout KapacitorRecord) {
        if let url = body["url"] as? String, url != kapacitor.url, !kapacitor.url.isEmpty, body["password"] == nil {
            kapacitor.password = ""
        }
        let strings: [(String, WritableKeyPath<KapacitorRecord, String>)] = [
            ("name", \.name), ("url", \.url), ("username", \.username), ("password", \.password),
        ]
        for (key, path) in strings { if let value = body[key] as? String { kapacitor[keyPath: path] = value } }
        if let value = body["insecureSkipVerify"] as? Bool { kapacitor.insecureSkipVerify = value }
        if let value = body["active"] as? Bool { kapacitor.active = value }
    }
}
