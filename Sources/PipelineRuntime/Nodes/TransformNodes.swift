import PipelineSpec
import TimeSeries

/// `|derivative(field)`: the rate of change between a group's consecutive points (within a batch: consecutive
/// points of the batch) per `.unit()`, as a float `.as()` field at the later point's time, other fields kept; with
/// `.nonNegative()` negative rates are dropped.
final class DerivativeNode: RuntimeNode {
    private let field: String
    private let output: String
    private let unit: Int64
    private let nonNegative: Bool
    private var previous: [GroupKey: (time: Int64, value: Double)] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .string(let field)? = spec.arguments.first else { throw TaskStartError("\(spec.name): derivative needs a field") }
        self.field = field
        output = spec.string("as", default: field)
        unit = spec.duration("unit") ?? 1_000_000_000
        nonNegative = spec.isSet("nonNegative")
    }

    var cardinality: Int { previous.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(var point):
            guard let value = point.fields[field]?.numericValue else {
                throw NodeError("derivative: field \(field) missing or not a number")
            }
            defer { previous[point.group] = (point.time, value) }
            guard let last = previous[point.group], let rate = try rate(from: last, to: (point.time, value)) else { return }
            point.fields[output] = .float(rate)
            emit(.point(point))
        case .batch(var batch):
            var last: (time: Int64, value: Double)?
            var points: [BatchPoint] = []
            for var point in batch.points {
                guard let value = point.fields[field]?.numericValue else { continue }
                defer { last = (point.time, value) }
                guard let before = last, let rate = try rate(from: before, to: (point.time, value)) else { continue }
                point.fields[output] = .float(rate)
                points.append(point)
            }
            batch.points = points
            emit(.batch(batch))
        }
    }

    private func rate(from earlier: (time: Int64, value: Double), to later: (time: Int64, value: Double)) throws(NodeError) -> Double? {
        // Go's Time.Sub saturates, and so does this: points at both ends of time give the largest elapsed time.
        let elapsed = later.time.subtractingSaturated(earlier.time)
        guard elapsed != 0 else { throw NodeError("derivative: cannot compute a rate over zero time") }
        let rate = (later.value - earlier.value) / (Double(elapsed) / Double(unit))
        return nonNegative && rate < 0 ? nil : rate
    }

}

/// `|shift(duration)`: moves points (and batches) in time.
final class ShiftNode: RuntimeNode {
    private let shift: Int64

    init(_ spec: PipelineNode) {
        shift = if case .duration(let value)? = spec.arguments.first { value } else { 0 }
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        // Saturating: a shift past the ends of time (`shift(15000w)`) stops there instead of trapping.
        case .point(var point):
            point.time = point.time.addingSaturated(shift)
            emit(.point(point))
        case .batch(var batch):
            batch.time = batch.time.addingSaturated(shift)
            for index in batch.points.indices { batch.points[index].time = batch.points[index].time.addingSaturated(shift) }
            emit(.batch(batch))
        }
    }
}

/// `|sample(n | duration)`: every n-th point of a group (counting from 0; in a batch, from its first point), or the
/// points whose time is a multiple of the duration.
final class SampleNode: RuntimeNode {
    private let count: Int64?
    private let period: Int64?
    private var seen: [GroupKey: Int64] = [:]

    init(_ spec: PipelineNode) {
        switch spec.arguments.first {
        case .int(let n)?: (count, period) = (max(1, n), nil)
        case .duration(let d)?: (count, period) = (nil, d)
        default: (count, period) = (1, nil)
        }
    }

    var cardinality: Int { seen.count }

    private func keeps(_ time: Int64, _ index: Int64) -> Bool {
        if let period { return period > 0 && time % period == 0 }
        return index % (count ?? 1) == 0
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            let index = seen[point.group, default: 0]
            seen[point.group] = index + 1
            if keeps(point.time, index) { emit(message) }
        case .batch(var batch):
            batch.points = batch.points.enumerated().filter { keeps($0.element.time, Int64($0.offset)) }.map(\.element)
            emit(.batch(batch))
        }
    }
}

/// `|union(other…)`: everything from every parent, in arrival order, renamed with `.rename()` if set.
final class UnionNode: RuntimeNode {
    private let rename: String

    init(_ spec: PipelineNode) {
        rename = spec.string("rename")
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        guard !rename.isEmpty else { return emit(message) }
        switch message {
        case .point(var point):
            point.name = rename
            emit(.point(point))
        case .batch(var batch):
            batch.name = rename
            emit(.batch(batch))
        }
    }
}

/// `|trickle()`: a batch's points one by one, as a stream.
final class TrickleNode: RuntimeNode {
    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        guard case .batch(let batch) = message else { return emit(message) }
        for point in batch.points {
            var output = StreamPoint(
                name: batch.name, database: "", retentionPolicy: "", tags: point.tags.merging(batch.tags) { own, _ in own },
                fields: point.fields, time: point.time)
            output.group = batch.group
            emit(.point(output))
        }
    }
}
