public import TimeSeries
import WriteAheadLog

/// The write path, in four phases so the engine's lock is held only where shared state is touched:
/// (A) parse and encode the batch, no lock; (B) validate it — retention, series limits, field types — under the
/// lock; (C) write the accepted points to the WAL, durable before anything else, no lock; (D) apply them to the
/// caches under the lock.
extension StorageEngine {
    /// One value bound for a cache, decided while validating and applied after the WAL write. The shard is an
    /// index into the batch's list of shards, so queuing a value retains nothing.
    struct PendingValue {
        let shard: Int
        /// The point's series among the batch's distinct series (`EncodedBatch.PointEntry.seriesSlot`).
        let seriesSlot: Int32
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
        do {
            let outcome = try await writeUncounted(body, database: database, retentionPolicy: retentionPolicy, precision: precision)
            countWrite(points: outcome.pointsWritten + outcome.dropped, outcome: outcome)
            return outcome
        } catch {
            countWrite(points: 0, outcome: nil)
            throw error
        }
    }

    private func writeUncounted(
        _ body: [UInt8], database: String, retentionPolicy: String?, precision: Precision
    ) async throws -> WriteOutcome {
        let now = configuration.clock()
        let batch = EncodedBatch(body, precision: precision, defaultTimestamp: precision.truncate(now))
        var outcome = WriteOutcome()
        outcome.parseErrors = batch.parseErrors
        // Like InfluxDB, a batch with no good line is reported as its parse errors before the policy is looked up.
        guard !batch.points.isEmpty else { return outcome }
        let validated = try withLock { try validate(batch, database: database, retentionPolicy: retentionPolicy, now: now) }
        let policy = validated.validator.policy
        outcome.dropped = validated.validator.dropped
        outcome.firstDropReason = validated.validator.firstDropReason
        outcome.pointsWritten = validated.validator.accepted.count
        guard outcome.pointsWritten > 0 else { return outcome }
        let record = WALWriteBuilder.record(
            database: database, incarnation: validated.incarnation, retentionPolicy: validated.validator.policy.name,
            policyIncarnation: validated.validator.policy.incarnation,
            points: validated.validator.accepted.map { batch.bytes(batch.points[$0].record) }
        )
        do {
            _ = try await wal.append(record)
        } catch {
            withLock {
                writesInFlight[validated.generation, default: 1] -= 1
                validated.state.settleProvisionalSeries(validated.validator.provisionalSeries, isDurable: false)
            }
            throw StorageError(.writeFailed, "\(error)")
        }
        if !validated.validator.provisionalSeries.isEmpty {
            withLock { validated.state.settleProvisionalSeries(validated.validator.provisionalSeries, isDurable: true) }
        }
        applyToCaches(validated.validator, order: validated.validator.pendingBySeries())
        // Subscribers get a copy only of what is durable, as InfluxDB's subscriber sees only written points.
        if !policy.subscriptions.isEmpty, let sink = withLock({ subscriptionSink }) {
            sink.forward(
                Self.subscriptionLines(batch), database: database, retentionPolicy: policy.name, subscriptions: policy.subscriptions)
        }
        if let observer = withLock({ writeObserver }), observer.wants(database: database, retentionPolicy: policy.name) {
            observer.accepted(
                Self.lines(batch, points: validated.validator.accepted), database: database, retentionPolicy: policy.name)
        }
        let shouldFlush = withLock { () -> Bool in
            writesInFlight[validated.generation, default: 1] -= 1
            return totalCacheSize() >= configuration.cacheSnapshotSize && !isFlushing
        }
        if shouldFlush { startBackgroundFlush() }
        return outcome
    }

    /// Phase B, with the lock held: checks every point and, when some are accepted, registers the write as in
    /// flight for the current flush generation.
    private func validate(
        _ batch: EncodedBatch,
        database: String,
        retentionPolicy: String?,
        now: Int64
    ) throws -> (validator: BatchValidator, state: DatabaseState, incarnation: Int, generation: Int) {
        guard let info = meta.database(database), let state = databases[database] else { throw StorageError.databaseNotFound(database) }
        if configuration.cacheMaxSize > 0 {
            let size = totalCacheSize(includingSnapshots: true)
            if size > configuration.cacheMaxSize {
                if !isFlushing { startBackgroundFlush() }
                throw StorageError(.writeFailed, "engine: cache-max-memory-size exceeded: (\(size)/\(configuration.cacheMaxSize))")
            }
        }
        let policyName = retentionPolicy.flatMap { $0.isEmpty ? nil : $0 } ?? info.defaultRetentionPolicy
        guard let policy = info.retentionPolicy(policyName) else {
            throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(policyName)")
        }
        let metaBefore = meta
        var validator = BatchValidator(engine: self, state: state, policy: policy, now: now)
        validator.validate(batch)
        if validator.metaChanged {
            do {
                try metaStore.save(meta)
            } catch {
                // New shard groups must not outlive a failed save: later writes would land in shards that the next
                // start-up cannot find.
                forgetShardGroups(notIn: metaBefore, database: state)
                throw error
            }
        }
        if let failure = validator.failure {
            state.settleProvisionalSeries(validator.provisionalSeries, isDurable: false)
            throw failure
        }
        if validator.accepted.isEmpty {
            state.settleProvisionalSeries(validator.provisionalSeries, isDurable: false)
        } else {
            writesInFlight[flushGeneration, default: 0] += 1
        }
        return (validator, state, info.incarnation, flushGeneration)
    }

    /// Rolls `meta` back to `previous` and closes the shards of groups created since.
    func forgetShardGroups(notIn previous: MetaData, database state: DatabaseState) {
        let known = Set(previous.databases.flatMap { $0.retentionPolicies.flatMap { $0.shardGroups.map(\.shardID) } })
        for shardID in state.shards.keys where !known.contains(shardID) { state.shards[shardID] = nil }
        meta = previous
    }

    /// Phase D: each shard's values under that shard's cache lock only, so batches for other shards — and the
    /// validation of the next batch — go on meanwhile. `order` lists the values series by series.
    private func applyToCaches(_ validator: BatchValidator, order: [Int32]) {
        let shards = validator.shards
        for (index, shard) in shards.enumerated() {
            shard.withCache { shard.append(validator.pending, inSeriesOrder: order, shard: shards.count == 1 ? nil : index) }
        }
    }

    /// Bytes in every shard's cache; with `includingSnapshots`, also those of snapshots a flush is writing.
    func totalCacheSize(includingSnapshots: Bool = false) -> Int {
        databases.values.reduce(0) { sum, state in
            sum
                + state.shards.values.reduce(0) { total, shard in
                    total + shard.withCache { shard.cacheSize } + (includingSnapshots ? shard.snapshotSize : 0)
                }
        }
    }
}
