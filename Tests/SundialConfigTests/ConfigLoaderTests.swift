import Foundation
import Testing

@testable import SundialConfig

@Suite struct ConfigLoaderTests {
    @Test func emptyTextGivesKapacitorAndSundialDefaults() {
        let result = ConfigLoader.parse("", environment: [:])
        #expect(result.diagnostics.isEmpty)
        let configuration = result.configuration
        #expect(configuration.global.hostname == "localhost")
        #expect(configuration.global.dataDirectory == "./sundial-data")
        #expect(configuration.http.bindAddress == ListenAddress(host: "", port: 9092))
        #expect(configuration.http.shutdownTimeout == .seconds(10))
        #expect(configuration.influxdb.isEmpty)
        #expect(configuration.store.bindAddress.port == 8086)
        #expect(configuration.control.bindAddress.port == 8888)
        #expect(configuration.logging.level == .info)
    }

    /// Kapacitor's packaged file loads; every section it turns on that Sundial does not read yet is named.
    @Test func packagedKapacitorConfLoadsNamingWhatIsIgnored() throws {
        let path = try #require(Bundle.module.path(forResource: "kapacitor", ofType: "conf", inDirectory: "Fixtures"))
        let result = ConfigLoader.load(path: path, environment: [:])
        #expect(!result.hasErrors)
        #expect(
            result.diagnostics.map(\.description) == [
                "line 26: warning: [load]: not supported yet, ignored",
                "line 29: warning: [replay]: not supported yet, ignored",
                "line 37: warning: [storage] boltdb: not supported yet, ignored (Sundial keeps its state in SQLite files in the data directory)",
                "line 39: warning: [deadman]: not supported yet, ignored",
                "line 99: warning: [stats]: not supported yet, ignored", "line 105: warning: [reporting]: not supported yet, ignored",
                "line 108: warning: [udf]: not supported yet, ignored",
            ])
        let cluster = try #require(result.configuration.influxdb.first)
        #expect(result.configuration.influxdb.count == 1)
        #expect(cluster.name == "localhost")
        #expect(cluster.isDefault)
        #expect(cluster.urls == ["http://localhost:8086"])
        #expect(cluster.startupTimeout == .seconds(300))
        #expect(cluster.subscriptions.isEmpty)
        #expect(cluster.excludedSubscriptions == ["_kapacitor": ["autogen"]])
        #expect(result.configuration.global.dataDirectory == "/var/lib/kapacitor")
        #expect(result.configuration.logging.level == .info)
        #expect(result.configuration.task.snapshotInterval == .seconds(60))
    }

    @Test func influxDBElementsKeepTheirOwnValuesAndDefaults() {
        let text = """
            [[influxdb]]
              name = "cloud"
              default = true
              urls = ["https://cloud.example.com"]
              password = "token-value"
              disable-subscriptions = true
            [[influxdb]]
              name = "edge"
              enabled = false
            """
        let result = ConfigLoader.parse(text, environment: [:])
        #expect(result.diagnostics == [])
        let clusters = result.configuration.influxdb
        #expect(clusters.map(\.name) == ["cloud", "edge"])
        #expect(clusters[0].disableSubscriptions)
        #expect(clusters[0].password == "token-value")
        #expect(clusters[1].urls == ["http://localhost:8086"])
        #expect(!clusters[1].enabled)
    }

    @Test func storeListenersAreArraysOfTablesInsideTheStoreSection() {
        let text = """
            [store]
              bind-address = ":8086"
            [[store.udp]]
              bind-address = "127.0.0.1:8089"
              database = "telegraf"
              precision = "s"
            [[store.udp]]
              database = ""
              batch-size = 0
              databse = "x"
            """
        let result = ConfigLoader.parse(text, environment: [:])
        #expect(result.configuration.storeUDP.map(\.database) == ["telegraf", ""])
        #expect(result.configuration.storeUDP[0].bindAddress == ListenAddress(host: "127.0.0.1", port: 8089))
        #expect(result.configuration.storeUDP[1].bindAddress.port == 8089)
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("[[store.udp]] database: must name a database") })
        #expect(messages.contains { $0.contains("[[store.udp]] batch-size: must be a positive number") })
        #expect(messages.contains { $0.contains("[[store.udp]] databse: unknown key") }, "\(messages)")
    }

    @Test func sundialSectionsAreRead() {
        let text = """
            data_dir = "/srv/sundial"
            [store]
              bind-address = "127.0.0.1:18086"
              auth-enabled = true
              wal-fsync-delay = "5ms"
            [task]
              store-username = "tasks"
            [control]
              bind-address = "[::1]:18888"
              resources-path = "/etc/sundial/resources"
              basepath = "/chronograf"
            """
        let result = ConfigLoader.parse(text, environment: [:])
        #expect(
            result.diagnostics.map(\.description) == [
                "line 11: warning: [control] basepath: not supported yet, ignored (the control plane is served at /)"
            ])
        #expect(result.configuration.global.dataDirectory == "/srv/sundial")
        #expect(result.configuration.store.bindAddress == ListenAddress(host: "127.0.0.1", port: 18086))
        #expect(result.configuration.store.authEnabled)
        #expect(result.configuration.store.walFsyncDelay == ConfigDuration(nanoseconds: 5_000_000))
        #expect(result.configuration.control.bindAddress == ListenAddress(host: "::1", port: 18888))
        #expect(result.configuration.control.basePath == "/chronograf")
    }

    @Test func unreadableFileIsOneErrorNamingThePath() {
        let result = ConfigLoader.load(path: "/nonexistent/sundial.conf", environment: [:])
        #expect(result.hasErrors)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].description.hasPrefix("/nonexistent/sundial.conf: cannot read the config file"))
    }

    @Test func warningsAloneDoNotFailTheLoad() {
        let result = ConfigLoader.parse("[http]\nbind-adress = \":1\"\n", environment: [:])
        #expect(!result.hasErrors)
        #expect(result.warnings.count == 1)
        #expect(result.configuration.http.bindAddress.port == 9092)
    }

    @Test func flagChangesAreRevalidatedWithoutPosition() {
        var configuration = SundialConfiguration()
        configuration.control.basePath = "no-slash"
        let problems = ConfigLoader.validate(configuration)
        #expect(
            problems.map(\.description) == [
                "[control] basepath: invalid basepath, must follow format \"/mybasepath\"",
                "warning: [control] basepath: not supported yet, ignored (the control plane is served at /)",
            ])
    }
}
