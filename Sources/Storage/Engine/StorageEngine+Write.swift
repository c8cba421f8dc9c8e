import LineProtocol
public import TimeSeries
import WriteAheadLog

/// The write path: parse → validate (retention, limits, field types) → WAL (durable) → cache.
extension StorageEngine {
    /// One value bound for a cache, decided while validating and applied after the WAL write. The shard is an
    /// index into the batch's list of shards, so queuing a value retains nothing.
    struct PendingValue {
        let shard: Int
        let key: SeriesFieldKey
        let type: FieldType
        let time: Int64
        let value: FieldValue
    }

    /// Writes a line-protocol batch. Lines that do not parse and points that are dropped are reported in the
    /// outcome, and the rest is stored, as InfluxDB's partial writes do. Throws only when nothing could be
    /// attempted (unknown database or policy) or the WAL write failed (nothing from the batch was stored).
    public func write(
        _ body: [UInt8],
        database: String,
        retentionPolicy: String? = nil,
        precision: Precision = .nanoseconds
    ) async throws -> WriteOutcome {
        let now = configuration.clock()
        var outcome = WriteOutcome()
        var pending: [PendingValue] = []
        var shards: [Shard] = []
        let (record, generation) = try withLock { () throws -> ([UInt8]?, Int) in
            guard let info = meta.database(database), let state = databases[database] else {
                throw StorageError.databaseNotFound(database)
            }
            let policyName = retentionPolicy.flatMap { $0.isEmpty ? nil : $0 } ?? info.defaultRetentionPolicy
            guard let policy = info.retentionPolicy(policyName) else {
                throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(policyName)")
            }
            let metaBefore = meta
            var validator = BatchValidator(engine: self, state: state, incarnation: info.incarnation, policy: policy, now: now)
            var parser = LineProtocolParser()
            body.withUnsafeBufferPointer { buffer in
                parser.parse(
                    buffer, precision: precision, defaultTimestamp: precision.truncate(now),
                    onPoint: { validator.validate($0, into: &pending) },
                    onError: { outcome.parseErrors.append($0) }
                )
            }
            if validator.metaChanged {
                do {
                    try metaStore.save(meta)
                } catch {
                    // The new shard groups must not outlive a failed save: later writes would land in shards that
                    // the next start-up cannot find.
                    forgetShardGroups(notIn: metaBefore, database: state)
                    throw error
                }
            }
            if let failure = validator.failure { throw failure }
            outcome.dropped = validator.dropped
            outcome.firstDropReason = validator.firstDropReason
            outcome.pointsWritten = validator.builder.pointCount
            shards = validator.shards
            guard validator.builder.pointCount > 0 else { return (nil, flushGeneration) }
            writesInFlight[flushGeneration, default: 0] += 1
            return (validator.builder.encoded(), flushGeneration)
        }
        guard let record else { return outcome }
        do {
            _ = try await wal.append(record)
        } catch {
            withLock { writesInFlight[generation, default: 1] -= 1 }
            throw StorageError(.writeFailed, "\(error)")
        }
        let shouldFlush = withLock { () -> Bool in
            for value in pending { shards[value.shard].append(value.key, value.type, value.time, value.value) }
            writesInFlight[generation, default: 1] -= 1
            return totalCacheSize() >= configuration.cacheSnapshotSize && !isFlushing
        }
        if shouldFlush { startBackgroundFlush() }
        return outcome
    }

    /// Rolls `meta` back to `previous` and closes the shards of groups created since.
    func forgetShardGroups(notIn previous: MetaData, database state: DatabaseState) {
        let known = Set(previous.databases.flatMap { $0.retentionPolicies.flatMap { $0.shardGroups.map(\.shardID) } })
        for shardID in state.shards.keys where !known.contains(shardID) { state.shards[shardID] = nil }
        meta = previous
    }

    func totalCacheSize() -> Int {
        databases.values.reduce(0) { sum, state in sum + state.shards.values.reduce(0) { $0 + $1.cacheSize } }
    }
}

/// Checks each parsed point of a batch against its database's rules and builds the WAL record of those that pass.
/// Used with the engine's lock held.
struct BatchValidator {
    let engine: StorageEngine
    let state: DatabaseState
    let policy: RetentionPolicyInfo
    let now: Int64
    var builder: WALWriteBuilder
    var metaChanged = false
    var dropped = 0
    var firstDropReason: String?
    /// A failure that stops the whole batch (the shard directory could not be created).
    var failure: (any Error)?
    private let limits: SeriesIndex.Limits
    /// The shards this batch writes to; `PendingValue.shard` indexes it.
    private(set) var shards: [Shard] = []
    /// The fields of the point being validated; reused so validation allocates nothing per point.
    private var accepted: [(field: Int, key: Range<Int>, value: FieldValue)] = []
    private static let timeKey = Array("time".utf8)

    init(engine: StorageEngine, state: DatabaseState, incarnation: Int, policy: RetentionPolicyInfo, now: Int64) {
        self.engine = engine
        self.state = state
        self.policy = policy
        self.now = now
        builder = WALWriteBuilder(database: state.name, incarnation: incarnation, retentionPolicy: policy.name)
        limits = SeriesIndex.Limits(
            maxSeries: engine.configuration.maxSeriesPerDatabase, maxValuesPerTag: engine.configuration.maxValuesPerTag
        )
    }

    mutating func validate(_ point: ParsedPoint, into pending: inout [StorageEngine.PendingValue]) {
        guard failure == nil else { return }
        if policy.duration > 0 && point.timestamp < now - policy.duration {
            return drop("points beyond retention policy")
        }
        if let reason = reservedTimeKey(point) { return drop(reason) }
        let shard: Shard
        do {
            shard = try engine.shard(database: state, policy: policy.name, timestamp: point.timestamp, metaChanged: &metaChanged)
        } catch {
            failure = error
            return
        }
        let series: Int
        switch state.index.admit(UnsafeRawBufferPointer(point.seriesKey), limits: limits) {
        case .success(let id): series = id
        case .failure(let limit): return drop(limit.message)
        }
        let measurement = UnsafeRawBufferPointer(point.bytes(point.measurement))
        accepted.removeAll(keepingCapacity: true)
        for field in point.fields {
            let key = UnsafeRawBufferPointer(point.bytes(field.key))
            if key.elementsEqual(Self.timeKey) { continue }
            let fieldID = state.fieldID(measurement: measurement, field: key)
            let type = field.value.type
            if let existing = shard.fieldTypes[fieldID], existing != type {
                let names = state.fields.names[fieldID]
                return drop(
                    "field type conflict: input field \(GoQuote.quote(names.field)) on measurement \(GoQuote.quote(names.measurement)) "
                        + "is type \(type), already exists as type \(existing)"
                )
            }
            accepted.append((fieldID, field.key, point.fieldValue(field.value)))
        }
        let shardIndex: Int
        if let last = shards.indices.last, shards[last] === shard {
            shardIndex = last
        } else if let found = shards.firstIndex(where: { $0 === shard }) {
            shardIndex = found
        } else {
            shards.append(shard)
            shardIndex = shards.count - 1
        }
        builder.beginPoint(seriesKey: UnsafeRawBufferPointer(point.seriesKey), timestamp: point.timestamp, fieldCount: accepted.count)
        for field in accepted {
            shard.fieldTypes[field.field] = field.value.type
            builder.addField(key: UnsafeRawBufferPointer(point.bytes(field.key)), value: field.value)
            pending.append(
                StorageEngine.PendingValue(
                    shard: shardIndex, key: SeriesFieldKey(series: series, field: field.field), type: field.value.type,
                    time: point.timestamp, value: field.value
                )
            )
        }
    }

    /// InfluxDB reserves `time`: as a tag key it drops the point, as the only field too; next to other fields it
    /// is silently left out (done in `validate`).
    private func reservedTimeKey(_ point: ParsedPoint) -> String? {
        let isTagKey = point.tags.contains { point.bytes($0.key).elementsEqual(Self.timeKey) }
        let isOnlyField = !isTagKey && point.fields.allSatisfy { point.bytes($0.key).elementsEqual(Self.timeKey) }
        guard isTagKey || isOnlyField else { return nil }
        let measurement = GoQuote.quote(LineProtocolEscaping.unescapeMeasurement(point.bytes(point.measurement)))
        return isTagKey
            ? "invalid tag key: input tag \"time\" on measurement \(measurement) is invalid"
            : "invalid field name: input field \"time\" on measurement \(measurement) is invalid"
    }

    private mutating func drop(_ reason: String) {
        dropped += 1
        if firstDropReason == nil { firstDropReason = reason }
    }
}
