public import Logging
import NIOCore
import NIOPosix
public import Storage
import Synchronization
public import TimeSeries

/// InfluxDB's datagram listeners (`[[udp]]`: line protocol; `[[collectd]]`: collectd's network protocol): each
/// datagram decoded to lines, gathered into batches of `batchSize` points (or whatever `batchTimeout` found) and
/// written to `database`, which is made if missing, as InfluxDB does. Batches wait in a queue of `batchPending`;
/// while it is full the listener stops reading, as InfluxDB's does, and the kernel drops what overflows the socket's
/// buffer. Counted as InfluxDB's statistic of the listener's kind (`udp`, `collectd`).
public final class DatagramListener: Sendable {
    /// A datagram as line protocol: its lines, how many points they hold, and how many it had that cannot be points.
    public struct Decoded: Sendable {
        public var lines: [UInt8]
        public var points: Int
        public var invalid: Int

        public init(lines: [UInt8], points: Int, invalid: Int = 0) {
            self.lines = lines
            self.points = points
            self.invalid = invalid
        }

        /// A line-protocol datagram: a point per line that is not blank.
        public static func lineProtocol(_ datagram: [UInt8]) -> Decoded {
            let points = datagram.split(separator: UInt8(ascii: "\n")).count {
                !$0.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
            }
            return Decoded(lines: datagram, points: points)
        }
    }

    public struct Configuration: Sendable {
        /// The statistic's name, which also names the listener in the log: `udp`, `collectd`.
        public var kind: String
        public var host: String
        public var port: Int
        public var database: String
        public var retentionPolicy: String?
        public var precision: Precision
        public var batchSize: Int
        public var batchPending: Int
        public var batchTimeout: Duration
        public var readBuffer: Int

        public init(
            kind: String = "udp", host: String, port: Int, database: String, retentionPolicy: String? = nil,
            precision: Precision = .nanoseconds,
            batchSize: Int = 5000, batchPending: Int = 10, batchTimeout: Duration = .seconds(1), readBuffer: Int = 0
        ) {
            self.kind = kind
            self.host = host
            self.port = port
            self.database = database
            self.retentionPolicy = retentionPolicy
            self.precision = precision
            self.batchSize = batchSize
            self.batchPending = batchPending
            self.batchTimeout = batchTimeout
            self.readBuffer = readBuffer
        }
    }

    let engine: StorageEngine
    let configuration: Configuration
    let logger: Logger
    let counters: StoreStatistics.Counters
    let decode: @Sendable ([UInt8]) -> Decoded
    /// The bound socket, for `stop()`.
    private let bound = Mutex<(channel: (any Channel)?, stopped: Bool)>((nil, false))

    public init(
        engine: StorageEngine, configuration: Configuration, logger: Logger,
        decode: @escaping @Sendable ([UInt8]) -> Decoded = Decoded.lineProtocol
    ) {
        self.engine = engine
        self.configuration = configuration
        self.logger = logger
        self.decode = decode
        let bind = "\(configuration.host):\(configuration.port)"
        counters = engine.statistics.counters(
            configuration.kind, tags: ["bind": bind], key: configuration.kind + ":" + bind,
            names: [
                "pointsReceived", "bytesReceived", "pointsParseFail", "readFail", "batchesTx", "pointsTx", "batchesTxFail",
                "droppedPointsInvalid",
            ])
    }

    /// Binds, then reads and writes until the task is cancelled.
    public func run() async throws {
        if engine.databaseInfo(configuration.database) == nil { try engine.createDatabase(configuration.database) }
        var bootstrap = DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
        if configuration.readBuffer > 0 {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(clamping: configuration.readBuffer))
        }
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: channel)
            }
        }
        let stoppedAlready = bound.withLock { bound -> Bool in
            bound.channel = channel.channel
            return bound.stopped
        }
        if stoppedAlready { try await channel.channel.close() }
        logger.info("Started listening on UDP (\(configuration.kind)): \(configuration.host):\(configuration.port)")
        let pipeline = BatchPipeline(configuration: configuration, engine: engine, counters: counters, logger: logger)
        await pipeline.run {
            // Reading ends when `stop()` closes the socket; what was gathered is written before `run` returns.
            try? await channel.executeThenClose { inbound, _ in
                for try await envelope in inbound {
                    let bytes = Array(buffer: envelope.data)
                    self.counters.add(Int64(bytes.count), to: "bytesReceived")
                    await pipeline.add(self.decode(bytes))
                }
            }
        }
    }

    /// Stops reading; `run` returns once the batches already gathered are written.
    public func stop() {
        let channel = bound.withLock { bound -> (any Channel)? in
            bound.stopped = true
            return bound.channel
        }
        channel?.close(promise: nil)
    }
}
