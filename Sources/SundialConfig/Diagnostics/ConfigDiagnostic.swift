/// One thing the loader found wrong or suspicious in a config, with where it came from.
///
/// Rendered as `line 7: [[influxdb]] urls: expected an array of strings, got "http://x"`; warnings insert
/// `warning: ` after the origin.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable {
        /// The configuration cannot be used.
        case error
        /// The configuration is used; something in it is ignored (an unknown key or section).
        case warning
    }

    /// Where the offending value came from.
    public enum Origin: Sendable, Equatable {
        case line(Int)
        /// A TOML syntax error, which TOMLKit positions to the column.
        case lineColumn(line: Int, column: Int)
        /// An environment variable, by name.
        case environment(String)
        /// The file as a whole (it could not be read).
        case file(String)
        /// A default or a command-line value: no place in any file.
        case unplaced
    }

    public var severity: Severity
    public var origin: Origin
    /// The section and key, as a user would look for them: `[[influxdb]] urls`, `[http]`, `data_dir`; may be empty.
    public var subject: String
    public var message: String

    public init(severity: Severity, origin: Origin, subject: String, message: String) {
        self.severity = severity
        self.origin = origin
        self.subject = subject
        self.message = message
    }

    public var description: String {
        var text: String
        switch origin {
        case .line(let line): text = "line \(line): "
        case .lineColumn(let line, let column): text = "line \(line), column \(column): "
        case .environment(let name): text = "environment \(name): "
        case .file(let path): text = "\(path): "
        case .unplaced: text = ""
        }
        if severity == .warning { text += "warning: " }
        if !subject.isEmpty { text += subject + ": " }
        return text + message
    }
}
