import ServiceLifecycle
import StoreService
import SundialConfig
import TimeSeries

/// Runs one `[[store.udp]]` listener while the server runs; a graceful shutdown stops its reading, and it returns
/// once what it gathered is written.
struct UDPLineService: Service {
    let listener: UDPLineListener

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await listener.run()
        } onGracefulShutdown: {
            listener.stop()
        }
    }
}

extension StoreUDPSection {
    /// The listener's settings.
    var listener: UDPLineListener.Configuration {
        UDPLineListener.Configuration(
            host: bindAddress.bindHost, port: bindAddress.port, database: database,
            retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy, precision: Precision(name: precision) ?? .nanoseconds,
            batchSize: batchSize, batchPending: batchPending, batchTimeout: .nanoseconds(batchTimeout.nanoseconds), readBuffer: readBuffer)
    }
}
