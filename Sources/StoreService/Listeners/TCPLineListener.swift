public import Logging
import NIOCore
import NIOPosix
public import Storage
import Synchronization

/// A TCP listener for newline-separated text (InfluxDB's graphite listener with `protocol = "tcp"`): each complete
/// line of each connection decoded (a line cut off by the connection's end is decoded too) and written through a
/// `BatchPipeline`. `stop()` closes the listening socket and every connection; `run` returns once what was gathered
/// is written.
public final class TCPLineListener: Sendable {
    let engine: StorageEngine
    let configuration: DatagramListener.Configuration
    let logger: Logger
    let counters: StoreStatistics.Counters
    let decode: @Sendable ([UInt8]) -> DatagramListener.Decoded
    private let channels = Mutex<(all: [ObjectIdentifier: any Channel], stopped: Bool)>(([:], false))

    /// `decode` gets one line at a time, without its newline.
    public init(
        engine: StorageEngine, configuration: DatagramListener.Configuration, logger: Logger,
        decode: @escaping @Sendable ([UInt8]) -> DatagramListener.Decoded
    ) {
        self.engine = engine
        self.configuration = configuration
        self.logger = logger
        self.decode = decode
        let bind = "\(configuration.host):\(configuration.port)"
        counters = engine.statistics.counters(
            configuration.kind, tags: ["bind": bind, "proto": "tcp"], key: "\(configuration.kind):tcp:\(bind)",
            names: [
                "pointsReceived", "bytesReceived", "pointsParseFail", "batchesTx", "pointsTx", "batchesTxFail",
                "droppedPointsInvalid", "connsActive", "connsHandled",
            ])
    }

    public func run() async throws {
        if engine.databaseInfo(configuration.database) == nil { try engine.createDatabase(configuration.database) }
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, Never>(wrappingChannelSynchronously: channel) }
            }
        remember(server.channel)
        logger.info("Listening on TCP (\(configuration.kind)): \(configuration.host):\(configuration.port)")
        let pipeline = BatchPipeline(configuration: configuration, engine: engine, counters: counters, logger: logger)
        await pipeline.run {
            try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await self.serve(connection, into: pipeline) }
                        }
                    } catch {}
                }
            }
        }
    }

    /// Closes the listening socket and every open connection.
    public func stop() {
        let open = channels.withLock { channels -> [any Channel] in
            channels.stopped = true
            return Array(channels.all.values)
        }
        for channel in open { channel.close(promise: nil) }
    }

    private func remember(_ channel: any Channel) {
        let stopped = channels.withLock { channels -> Bool in
            channels.all[ObjectIdentifier(channel)] = channel
            return channels.stopped
        }
        if stopped { channel.close(promise: nil) }
        channel.closeFuture.whenComplete { _ in self.channels.withLock { _ = $0.all.removeValue(forKey: ObjectIdentifier(channel)) } }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, Never>, into pipeline: BatchPipeline) async {
        remember(connection.channel)
        counters.increment("connsActive")
        counters.increment("connsHandled")
        defer { counters.add(-1, to: "connsActive") }
        var partial: [UInt8] = []
        try? await connection.executeThenClose { inbound, _ in
            for try await chunk in inbound {
                counters.add(Int64(chunk.readableBytes), to: "bytesReceived")
                partial.append(contentsOf: chunk.readableBytesView)
                guard let lastNewline = partial.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                for line in partial[..<lastNewline].split(separator: UInt8(ascii: "\n")) { await pipeline.add(decode(Array(line))) }
                partial.removeSubrange(...lastNewline)
                // A connection that never sends a newline cannot hold unbounded memory.
                if partial.count > 1 << 20 { partial.removeAll() }
            }
        }
        if !partial.isEmpty { await pipeline.add(decode(partial)) }
    }
}
