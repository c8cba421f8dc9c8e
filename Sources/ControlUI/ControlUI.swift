public import Foundation

/// The web UI's files (HTML, CSS, JavaScript modules) and how to serve them; nothing else lives here.
public enum ControlUI {
    /// The built-in assets, from this target's resources.
    public static var directory: URL? {
        Bundle.module.url(forResource: "ui", withExtension: nil)
    }

    /// The `Content-Type` of a served file, by its extension.
    public static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "json", "map": "application/json"
        default: "application/octet-stream"
        }
    }
}
