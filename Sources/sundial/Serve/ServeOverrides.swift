import ArgumentParser
import SundialConfig

/// The flags of `sundial serve` that override the configuration; they win over the file and the environment.
struct ServeOverrides: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where all state lives (default ./sundial-data).", valueName: "dir"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("Log level: debug, info, warn, error or off.", valueName: "level"))
    var logLevel: String?

    @Option(help: ArgumentHelp("Write the log to this file instead of standard error.", valueName: "file"))
    var logFile: String?

    @Option(help: ArgumentHelp("Listen address of the store (InfluxDB API), e.g. 127.0.0.1:8086.", valueName: "host:port"))
    var storeBindAddress: String?

    @Option(help: ArgumentHelp("Listen address of the tasks service (Kapacitor API), e.g. :9092.", valueName: "host:port"))
    var tasksBindAddress: String?

    @Option(help: ArgumentHelp("Listen address of the control plane (Chronograf API and UI), e.g. :8888.", valueName: "host:port"))
    var controlBindAddress: String?

    @Option(help: ArgumentHelp("Chronograf's --host: the control plane's listen IP.", valueName: "ip"))
    var host: String?

    @Option(help: ArgumentHelp("Chronograf's --port: the control plane's port.", valueName: "port"))
    var port: Int?

    @Option(help: ArgumentHelp("Directory of .src, .kap and .org resource files.", valueName: "dir"))
    var resourcesPath: String?

    @Option(help: ArgumentHelp("Chronograf's canned directory (default <data-dir>/canned).", valueName: "dir"))
    var cannedPath: String?

    @Option(help: ArgumentHelp("URL prefix for the control plane, such as /chronograf.", valueName: "path"))
    var basepath: String?

    @Option(help: ArgumentHelp("Chronograf's --cert: the control plane's TLS certificate (PEM); HTTPS when set.", valueName: "file"))
    var cert: String?

    @Option(
        help: ArgumentHelp(
            "Chronograf's --key: the control plane's TLS private key (PEM; default: in the certificate's file).", valueName: "file"))
    var key: String?

    func apply(to configuration: inout SundialConfiguration) throws {
        if let dataDirectory { configuration.global.dataDirectory = dataDirectory }
        if let logLevel {
            guard let level = LogLevelSetting(parsing: logLevel) else {
                throw ValidationError("--log-level: expected debug, info, warn, error or off, got \"\(logLevel)\"")
            }
            configuration.logging.level = level
        }
        if let logFile { configuration.logging.file = logFile }
        if let address = try Self.address(storeBindAddress, flag: "store-bind-address") {
            configuration.store.bindAddress = address
        }
        if let address = try Self.address(tasksBindAddress, flag: "tasks-bind-address") {
            configuration.http.bindAddress = address
        }
        if let address = try Self.address(controlBindAddress, flag: "control-bind-address") {
            configuration.control.bindAddress = address
        }
        if let host { configuration.control.bindAddress.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, got \(port)") }
            configuration.control.bindAddress.port = port
        }
        if let resourcesPath { configuration.control.resourcesPath = resourcesPath }
        if let cannedPath { configuration.control.cannedPath = cannedPath }
        if let basepath { configuration.control.basePath = basepath }
        if let cert { configuration.control.certificate = cert }
        if let key { configuration.control.privateKey = key }
    }

    private static func address(_ text: String?, flag: String) throws -> ListenAddress? {
        guard let text else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            throw ValidationError("--\(flag): expected host:port such as 127.0.0.1:8086 or :8086, got \"\(text)\"")
        }
        return address
    }
}
