import PipelineSpec
import TimeSeries

/// `|window()`: turns each group's stream into batches — by time (`period`, `every`, `align`, `fillPeriod`) or by
/// count (`periodCount`, `everyCount`) — with Kapacitor's emit rules (SPEC-kapacitor.md §2.2): a time window is
/// emitted when a point at or after its end arrives, empty windows never.
final class WindowNode: RuntimeNode {
    private struct Buffer {
        var points: [StreamPoint] = []
        var nextEmit: Int64?
        var seen = 0
    }

    private let period: Int64
    private let every: Int64
    private let align: Bool
    private let fillPeriod: Bool
    private let periodCount: Int?
    private let everyCount: Int
    private var buffers: [GroupKey: Buffer] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        period = spec.duration("period") ?? 0
        every = spec.duration("every") ?? 0
        align = spec.isSet("align")
        fillPeriod = spec.isSet("fillPeriod")
        periodCount = spec.int("periodCount").map(Int.init)
        everyCount = Int(spec.int("everyCount") ?? spec.int("periodCount") ?? 1)
        if periodCount == nil && period <= 0 { throw TaskStartError("\(spec.name): window must have a period or a periodCount") }
    }

    var cardinality: Int { buffers.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        guard case .point(let point) = message else { throw NodeError("window takes a stream, not batches") }
        var buffer = buffers.removeValue(forKey: point.group) ?? Buffer()
        defer { buffers[point.group] = buffer }
        if let periodCount {
            countWindow(point, &buffer, periodCount, emit)
        } else if every == 0 {
            buffer.points.append(point)
            let cutoff = point.time.subtractingSaturated(period)
            buffer.points.removeAll { $0.time <= cutoff }
            emit(.batch(batch(buffer.points, time: point.time, like: point)))
        } else {
            timeWindow(point, &buffer, emit)
        }
    }

    private func timeWindow(_ point: StreamPoint, _ buffer: inout Buffer, _ emit: (RuntimeMessage) -> Void) {
        if buffer.nextEmit == nil {
            var next = point.time.addingSaturated(every)
            if align { next = floor(next, every) }
            if fillPeriod {
                let filled = point.time.addingSaturated(period)
                next = align ? max(floor(filled, every), next) : filled
                if align && next < filled { next = next.addingSaturated(every) }
            }
            buffer.nextEmit = next
        }
        if let nextEmit = buffer.nextEmit, point.time >= nextEmit {
            let start = nextEmit.subtractingSaturated(period)
            buffer.points.removeAll { $0.time < start }
            let inWindow = buffer.points.filter { $0.time < nextEmit }
            if !inWindow.isEmpty { emit(.batch(batch(inWindow, time: nextEmit, like: point))) }
            buffer.nextEmit = align ? floor(point.time.addingSaturated(every), every) : point.time.addingSaturated(every)
        }
        buffer.points.append(point)
    }

    private func countWindow(_ point: StreamPoint, _ buffer: inout Buffer, _ size: Int, _ emit: (RuntimeMessage) -> Void) {
        buffer.points.append(point)
        if buffer.points.count > size { buffer.points.removeFirst(buffer.points.count - size) }
        buffer.seen += 1
        let ready = fillPeriod ? buffer.seen >= size && (buffer.seen - size) % everyCount == 0 : buffer.seen % everyCount == 0
        if ready { emit(.batch(batch(buffer.points, time: point.time, like: point))) }
    }

    /// Times are added to with saturation: a window ending past the last time never ends, where Swift would trap.
    private func floor(_ time: Int64, _ unit: Int64) -> Int64 { time.flooredSaturated(toMultipleOf: unit) }

    private func batch(_ points: [StreamPoint], time: Int64, like point: StreamPoint) -> PointBatch {
        PointBatch(
            name: point.name, time: time, group: point.group, tags: point.group.groupTags(of: point.tags),
            points: points.map { BatchPoint(time: $0.time, fields: $0.fields, tags: $0.tags) })
    }
}
