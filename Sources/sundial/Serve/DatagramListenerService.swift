import Collectd
import Foundation
import Logging
import ServiceLifecycle
import Storage
import StoreService
import SundialConfig
import TimeSeries

/// Runs one `[[store.udp]]` or `[[store.collectd]]` listener while the server runs; a graceful shutdown stops its
/// reading, and it returns once what it gathered is written.
struct DatagramListenerService: Service {
    let listener: DatagramListener

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
    var listener: DatagramListener.Configuration {
        DatagramListener.Configuration(
            host: bindAddress.bindHost, port: bindAddress.port, database: database,
            retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy, precision: Precision(name: precision) ?? .nanoseconds,
            batchSize: batchSize, batchPending: batchPending, batchTimeout: .nanoseconds(batchTimeout.nanoseconds), readBuffer: readBuffer)
    }
}

extension StoreCollectdSection {
    /// The listener, with `typesdb` read now (a file, or every file of a directory): a missing one stops start-up.
    func listener(engine: StorageEngine) throws -> DatagramListener {
        let types = try Self.types(at: typesDB)
        let multiValue = CollectdPoints.MultiValue(rawValue: parseMultivaluePlugin) ?? .split
        let configuration = DatagramListener.Configuration(
            kind: "collectd", host: bindAddress.bindHost, port: bindAddress.port, database: database,
            retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy, batchSize: batchSize, batchPending: batchPending,
            batchTimeout: .nanoseconds(batchTimeout.nanoseconds), readBuffer: readBuffer)
        return DatagramListener(engine: engine, configuration: configuration, logger: Logger(label: "collectd")) { datagram in
            let converted = CollectdPoints.lines(CollectdPacket.parse(datagram), types: types, multiValue: multiValue)
            let points = converted.lines.count { $0 == UInt8(ascii: "\n") }
            return DatagramListener.Decoded(lines: converted.lines, points: points, invalid: converted.dropped)
        }
    }

    private static func types(at path: String) throws -> CollectdTypes {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MissingTypesDB(path: path)
        }
        let files =
            isDirectory.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 } : [path]
        var types = CollectdTypes()
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            types.merge(CollectdTypes(parsing: text))
        }
        return types
    }
}

/// `typesdb` names nothing: the collectd listener cannot name any value, so the server does not start.
struct MissingTypesDB: Error, CustomStringConvertible {
    let path: String

    var description: String {
        "[[store.collectd]] typesdb: \(path) does not exist (install collectd-core or point typesdb at a types.db)"
    }
}
