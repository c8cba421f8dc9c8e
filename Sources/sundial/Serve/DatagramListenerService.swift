import Collectd
import Foundation
import Graphite
import LineProtocol
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
    /// The listener, with `typesdb` read now (a file, or every file of a directory): a missing one stops start-up, as
    /// does an unreadable `auth-file` when packets must be signed or encrypted.
    func listener(engine: StorageEngine) throws -> DatagramListener {
        let types = try Self.types(at: typesDB)
        let authFile = CollectdAuthFile(path: authFile)
        let level = CollectdSecurity.Level(name: securityLevel) ?? .none
        if level != .none { try authFile.check() }
        let security = CollectdSecurity(level: level) { authFile.password(for: $0) }
        let multiValue = CollectdPoints.MultiValue(rawValue: parseMultivaluePlugin) ?? .split
        let configuration = DatagramListener.Configuration(
            kind: "collectd", host: bindAddress.bindHost, port: bindAddress.port, database: database,
            retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy, batchSize: batchSize, batchPending: batchPending,
            batchTimeout: .nanoseconds(batchTimeout.nanoseconds), readBuffer: readBuffer)
        return DatagramListener(engine: engine, configuration: configuration, logger: Logger(label: "collectd")) { datagram in
            let converted = CollectdPoints.lines(CollectdPacket.parse(datagram, security: security), types: types, multiValue: multiValue)
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

/// Runs one TCP `[[store.graphite]]` listener while the server runs; a graceful shutdown closes its connections,
/// and it returns once what it gathered is written.
struct TCPLineListenerService: Service {
    let listener: TCPLineListener

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await listener.run()
        } onGracefulShutdown: {
            listener.stop()
        }
    }
}

extension StoreGraphiteSection {
    /// The listener for `protocol`, its templates checked now: one that cannot be used stops start-up.
    func service(engine: StorageEngine) throws -> any Service {
        let parser = try GraphiteParser(templates: templates, tags: tags, separator: separator)
        let clock = engine.configuration.clock
        let logger = Logger(label: "graphite")
        let configuration = DatagramListener.Configuration(
            kind: "graphite", host: bindAddress.bindHost, port: bindAddress.port, database: database,
            retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy, batchSize: batchSize, batchPending: batchPending,
            batchTimeout: .nanoseconds(batchTimeout.nanoseconds), readBuffer: udpReadBuffer)
        let decode: @Sendable ([UInt8]) -> DatagramListener.Decoded = { text in
            var lines: [UInt8] = []
            var (points, invalid) = (0, 0)
            for line in text.split(separator: UInt8(ascii: "\n")) {
                let string = String(decoding: line, as: UTF8.self)
                guard !string.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) else { continue }
                do {
                    LineProtocolEncoder.append(try parser.parse(string, now: clock()), to: &lines)
                    points += 1
                } catch {
                    invalid += 1
                    logger.info("Unable to parse line: \(string): \(error)")
                }
            }
            return DatagramListener.Decoded(lines: lines, points: points, invalid: invalid)
        }
        if self.protocol.lowercased() == "udp" {
            return DatagramListenerService(
                listener: DatagramListener(engine: engine, configuration: configuration, logger: logger, decode: decode))
        }
        return TCPLineListenerService(
            listener: TCPLineListener(engine: engine, configuration: configuration, logger: logger, decode: decode))
    }
}
