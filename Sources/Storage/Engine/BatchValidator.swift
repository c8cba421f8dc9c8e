import TimeSeries

#if canImport(Glibc)
    import Glibc
#endif

/// Checks each point of an encoded batch against its database's rules — retention, series limits, field types —
/// with the engine's lock held, and lists the values to apply once the WAL has the accepted points.
struct BatchValidator {
    let engine: StorageEngine
    let state: DatabaseState
    let policy: RetentionPolicyInfo
    let now: Int64
    var metaChanged = false
    var dropped = 0
    var firstDropReason: String?
    /// A failure that stops the whole batch (the shard directory could not be created).
    var failure: (any Error)?
    /// Indices of the accepted points in the batch.
    private(set) var accepted: [Int] = []
    /// The shards this batch writes to; `PendingValue.shard` indexes it.
    private(set) var shards: [Shard] = []
    private(set) var pending: [StorageEngine.PendingValue] = []
    /// Series this batch holds provisionally; settled once its WAL write succeeds or fails.
    private(set) var provisionalSeries: [Int] = []
    private let limits: SeriesIndex.Limits
    /// Per series slot of the batch: its id in the index once admitted, or why it was refused.
    private var admitted: [Swift.Result<Int, LimitExceeded>?] = []
    /// The field ids of the point being validated; reused so validation allocates nothing per point.
    private var fieldIDs: [Int] = []
    /// The last field ids, types and shard `recordTypes` checked.
    private var typesCheckedShard: Shard?
    private var typesCheckedIDs: [Int] = []
    private var typesChecked: [FieldType] = []
    /// Field ids whose type the point being checked recorded first; reused like `fieldIDs`.
    private var newlyRecorded: [Int] = []
    /// The field keys (arena ranges) and measurement that `fieldIDs` belong to.
    private var previousFieldKeys: [Range<Int>] = []
    private var previousMeasurement = UnsafeRawBufferPointer(start: nil, count: 0)

    init(engine: StorageEngine, state: DatabaseState, policy: RetentionPolicyInfo, now: Int64) {
        self.engine = engine
        self.state = state
        self.policy = policy
        self.now = now
        limits = SeriesIndex.Limits(
            maxSeries: engine.configuration.maxSeriesPerDatabase, maxValuesPerTag: engine.configuration.maxValuesPerTag
        )
    }

    mutating func validate(_ batch: EncodedBatch) {
        admitted = Array(repeating: nil, count: batch.seriesCount)
        batch.arena.bytes.withUnsafeBytes { arena in
            for index in batch.points.indices where failure == nil {
                validate(point: index, of: batch, arena: arena)
            }
        }
    }

    private mutating func validate(point index: Int, of batch: EncodedBatch, arena: UnsafeRawBufferPointer) {
        let point = batch.points[index]
        if policy.duration > 0 && point.timestamp < now - policy.duration { return drop("points beyond retention policy") }
        if let reason = point.dropReason { return drop(reason) }
        let shard: Shard
        if let last = shards.last, last.start <= point.timestamp && point.timestamp < last.end {
            shard = last  // points of a batch mostly share a shard group: skip the metadata lookup
        } else {
            do {
                shard = try engine.shard(database: state, policy: policy.name, timestamp: point.timestamp, metaChanged: &metaChanged)
            } catch {
                failure = error
                return
            }
        }
        let seriesKey = UnsafeRawBufferPointer(rebasing: arena[point.seriesKey])
        if admitted[point.seriesSlot] == nil { admitted[point.seriesSlot] = admit(seriesKey) }
        let series: Int
        switch admitted[point.seriesSlot]! {
        case .success(let id): series = id
        case .failure(let limit): return drop(limit.message)
        }
        let measurement = UnsafeRawBufferPointer(rebasing: seriesKey[..<point.measurementLength])
        let fields = batch.fields[point.firstField..<point.firstField + point.fieldCount]
        resolveFieldIDs(fields, measurement: measurement, arena: arena)
        if let conflict = recordTypes(fields, in: shard) { return drop(conflict) }
        let shardIndex = position(of: shard)
        for (fieldID, field) in zip(fieldIDs, fields) {
            pending.append(
                StorageEngine.PendingValue(
                    shard: shardIndex, seriesSlot: Int32(point.seriesSlot), key: SeriesFieldKey(series: series, field: fieldID),
                    type: field.value.type, time: point.timestamp, value: field.value
                )
            )
        }
        accepted.append(index)
    }

    /// Admits a series to the index, provisionally when this batch adds it or another batch's WAL write has not
    /// settled it yet (`DatabaseState.provisionalSeries`).
    private mutating func admit(_ seriesKey: UnsafeRawBufferPointer) -> Swift.Result<Int, LimitExceeded> {
        let versionBefore = state.index.version
        let result = state.index.admit(seriesKey, limits: limits)
        guard case .success(let id) = result else { return result }
        if state.index.version != versionBefore {
            state.provisionalSeries[id] = 1
            provisionalSeries.append(id)
        } else if !state.provisionalSeries.isEmpty, let users = state.provisionalSeries[id] {
            state.provisionalSeries[id] = users + 1
            provisionalSeries.append(id)
        }
        return result
    }

    /// Checks a point's field types against those `shard` has stored (the first type a shard sees for a field is
    /// fixed) and records new ones; returns InfluxDB's conflict message instead when one differs. When the point
    /// has the previous point's fields, types and shard, this was all checked then and is skipped.
    private mutating func recordTypes(_ fields: ArraySlice<EncodedBatch.FieldEntry>, in shard: Shard) -> String? {
        if shard === typesCheckedShard, typesCheckedIDs == fieldIDs, fields.elementsEqual(typesChecked, by: { $0.value.type == $1 }) {
            return nil
        }
        // Types are recorded field by field, so a point naming one field twice with two types (`m v=1i,v=2.5`)
        // conflicts with itself, as in InfluxDB; the types this point recorded are taken back when it is dropped.
        newlyRecorded.removeAll(keepingCapacity: true)
        for (fieldID, field) in zip(fieldIDs, fields) {
            if let existing = shard.fieldTypes[fieldID] {
                guard existing != field.value.type else { continue }
                for recorded in newlyRecorded { shard.fieldTypes[recorded] = nil }
                let names = state.fields.names[fieldID]
                return "field type conflict: input field \(GoQuote.quote(names.field)) on measurement \(GoQuote.quote(names.measurement)) "
                    + "is type \(field.value.type), already exists as type \(existing)"
            }
            shard.fieldTypes[fieldID] = field.value.type
            newlyRecorded.append(fieldID)
        }
        typesCheckedShard = shard
        typesCheckedIDs = fieldIDs
        typesChecked = fields.map(\.value.type)
        return nil
    }

    /// Fills `fieldIDs` for a point's fields. Consecutive points usually carry the same measurement and field keys,
    /// so the previous point's ids are reused when its key bytes match, which is cheaper than hashing them.
    private mutating func resolveFieldIDs(
        _ fields: ArraySlice<EncodedBatch.FieldEntry>,
        measurement: UnsafeRawBufferPointer,
        arena: UnsafeRawBufferPointer
    ) {
        if fields.count == previousFieldKeys.count, Self.sameBytes(measurement, previousMeasurement),
            zip(fields, previousFieldKeys).allSatisfy({
                Self.sameBytes(UnsafeRawBufferPointer(rebasing: arena[$0.key]), UnsafeRawBufferPointer(rebasing: arena[$1]))
            })
        {
            return  // fieldIDs still holds the previous point's ids
        }
        fieldIDs.removeAll(keepingCapacity: true)
        previousFieldKeys.removeAll(keepingCapacity: true)
        for field in fields {
            fieldIDs.append(state.fieldID(measurement: measurement, field: UnsafeRawBufferPointer(rebasing: arena[field.key])))
            previousFieldKeys.append(field.key)
        }
        previousMeasurement = measurement
    }

    /// Indices of `pending` grouped by series (a counting sort on the batch's series slots), arrival order kept
    /// within a series: the cache is then filled one series at a time. Computed outside the locks.
    func pendingBySeries() -> [Int32] {
        var starts = [Int](repeating: 0, count: admitted.count + 1)
        for value in pending { starts[Int(value.seriesSlot) + 1] += 1 }
        for slot in 0..<admitted.count { starts[slot + 1] += starts[slot] }
        var order = [Int32](repeating: 0, count: pending.count)
        for (index, value) in pending.enumerated() {
            order[starts[Int(value.seriesSlot)]] = Int32(index)
            starts[Int(value.seriesSlot)] += 1
        }
        return order
    }

    /// Byte equality with `memcmp` (the generic `elementsEqual` compared a byte at a time).
    private static func sameBytes(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
        return memcmp(left, right, lhs.count) == 0
    }

    private mutating func position(of shard: Shard) -> Int {
        if let last = shards.indices.last, shards[last] === shard { return last }
        if let found = shards.firstIndex(where: { $0 === shard }) { return found }
        shards.append(shard)
        return shards.count - 1
    }

    private mutating func drop(_ reason: String) {
        dropped += 1
        if firstDropReason == nil { firstDropReason = reason }
    }
}
