import ArgumentParser
import ControlService
import Foundation
import SundialConfig

/// Chronograf's start-up connection flags. Without `--influxdb-url`, the all-in-one server registers its own store
/// and tasks service as the default source and its active Kapacitor.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An InfluxDB to register as the default source (id 0), as Chronograf's flag.", valueName: "url"))
    var influxdbURL: String?
    @Option(help: ArgumentHelp("User name for that source (or for the embedded store).", valueName: "name"))
    var influxdbUsername = ""
    @Option(
        help: ArgumentHelp(
            "Password for that source (or for the embedded store); better $INFLUXDB_PASSWORD, which no process list shows.",
            valueName: "password"))
    var influxdbPassword = ""
    @Option(help: ArgumentHelp("A Kapacitor to register as the default source's active Kapacitor (id 0).", valueName: "url"))
    var kapacitorURL: String?
    @Option(help: ArgumentHelp("User name for that Kapacitor.", valueName: "name"))
    var kapacitorUsername = ""
    @Option(
        help: ArgumentHelp("Password for that Kapacitor; better $KAPACITOR_PASSWORD, which no process list shows.", valueName: "password"))
    var kapacitorPassword = ""

    /// The flags' passwords, else Chronograf's environment variables for them.
    private var sourcePassword: String {
        influxdbPassword.isEmpty ? ProcessInfo.processInfo.environment["INFLUXDB_PASSWORD"] ?? "" : influxdbPassword
    }
    private var kapacitorSecret: String {
        kapacitorPassword.isEmpty ? ProcessInfo.processInfo.environment["KAPACITOR_PASSWORD"] ?? "" : kapacitorPassword
    }

    /// What the control plane starts with: the flags' connections, else the embedded store and tasks service.
    func startupConnections(_ configuration: SundialConfiguration) -> StartupConnections? {
        let tasks = configuration.http.bindAddress
        let localKapacitor = "http://\(Self.reachableHost(tasks.host)):\(tasks.port)"
        if let influxdbURL {
            return StartupConnections(
                sourceName: influxdbURL, sourceURL: influxdbURL, sourceUsername: influxdbUsername, sourcePassword: sourcePassword,
                kapacitorName: kapacitorURL, kapacitorURL: kapacitorURL, kapacitorUsername: kapacitorUsername,
                kapacitorPassword: kapacitorSecret, origin: "the --influxdb-url flag")
        }
        guard configuration.store.enabled else { return nil }
        let store = configuration.store.bindAddress
        return StartupConnections(
            sourceName: "Sundial", sourceURL: "http://\(Self.reachableHost(store.host)):\(store.port)", sourceUsername: influxdbUsername,
            sourcePassword: sourcePassword, kapacitorName: kapacitorURL == nil ? "Sundial" : kapacitorURL,
            kapacitorURL: kapacitorURL ?? localKapacitor, kapacitorUsername: kapacitorUsername, kapacitorPassword: kapacitorSecret,
            origin: "the embedded store of sundial serve")
    }

    /// A listen host as a client reaches it: every interface is reached on loopback.
    static func reachableHost(_ host: String) -> String {
        host.isEmpty || host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
    }
}
