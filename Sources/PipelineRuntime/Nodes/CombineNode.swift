import PipelineSpec
import TimeSeries

/// `|combine(lambda…).as(names…)`: within a group, the points of one time (rounded to `.tolerance()`) taken k at a
/// time (k lambdas, in index order: every k-subset, lexicographically), each subset giving a point when its points
/// can be given to the lambdas in turn, each lambda taking the first remaining point it matches. The point's
/// fields and non-group tags are prefixed with the lambda's name and `.delimiter()`; more than `.max()`
/// combinations at one time is an error. Always emits a stream, without database or policy, as Kapacitor's
/// CombineNode; a stream group combines its previous time when a later one arrives, a batch each of its times.
final class CombineNode: RuntimeNode {
    private let predicates: [CompiledLambda]
    private let names: [String]
    private let delimiter: String
    private let tolerance: Int64
    private let maximum: Int64
    private var groups: [GroupKey: Group] = [:]

    private struct Entry {
        var fields: [String: FieldValue]
        var tags: [String: String]
        var time: Int64
    }

    /// A group's points at its newest time, and each lambda's state (stateful functions count per group).
    private struct Group {
        var name: String
        var time: Int64
        var points: [Entry] = []
        var states: [LambdaState]
    }

    init(_ spec: PipelineNode) throws(TaskStartError) {
        var predicates: [CompiledLambda] = []
        for argument in spec.arguments {
            guard case .lambda(let expression) = argument else { throw TaskStartError("\(spec.name): combine takes lambdas") }
            predicates.append(try spec.compile(expression))
        }
        self.predicates = predicates
        names = (spec.property("as") ?? []).compactMap { if case .string(let name) = $0 { name } else { nil } }
        // The script's checks make these equal; a prefix is looked up per lambda for every point emitted.
        guard names.count == predicates.count else { throw TaskStartError("\(spec.name): combine needs one .as() name per lambda") }
        delimiter = spec.string("delimiter", default: ".")
        tolerance = spec.duration("tolerance") ?? 0
        maximum = spec.int("max") ?? 1_000_000
    }

    var cardinality: Int { groups.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            let entry = Entry(fields: point.fields, tags: point.tags, time: rounded(point.time))
            var group = groups.removeValue(forKey: point.group) ?? newGroup(point.name, time: entry.time)
            var finished: [Entry] = []
            if entry.time == group.time {
                group.points.append(entry)
            } else {
                finished = group.points
                group.time = entry.time
                group.points = [entry]
            }
            defer { groups[point.group] = group }
            try combine(finished, name: group.name, key: point.group, states: &group.states, emit: emit)
        case .batch(let batch):
            var group = groups.removeValue(forKey: batch.group) ?? newGroup(batch.name, time: Int64.min)
            defer { groups[batch.group] = group }
            var current: [Entry] = []
            var time = Int64.min
            var failure: NodeError?
            for point in batch.points {
                let entry = Entry(fields: point.fields, tags: point.tags, time: rounded(point.time))
                if entry.time != time {
                    do { try combine(current, name: batch.name, key: batch.group, states: &group.states, emit: emit) } catch {
                        failure = error
                    }
                    current.removeAll(keepingCapacity: true)
                    time = entry.time
                }
                current.append(entry)
            }
            try combine(current, name: batch.name, key: batch.group, states: &group.states, emit: emit)
            if let failure { throw failure }
        }
    }

    private func newGroup(_ name: String, time: Int64) -> Group {
        Group(name: name, time: time, states: predicates.map { $0.makeState() })
    }

    private func rounded(_ time: Int64) -> Int64 {
        tolerance > 0 ? time.roundedSaturated(toMultipleOf: tolerance) : time
    }

    /// Emits a point for every combination of `points` whose points the lambdas can each take one of.
    private func combine(
        _ points: [Entry], name: String, key: GroupKey, states: inout [LambdaState], emit: (RuntimeMessage) -> Void
    ) throws(NodeError) {
        let k = predicates.count
        guard k > 0, points.count >= k else { return }
        let count = Self.combinations(points.count, k)
        guard count <= maximum else {
            throw NodeError("refusing to perform combination as total combinations \(count) exceeds max combinations \(maximum)")
        }
        // Which lambda matches which point, evaluated in point order as Kapacitor does (a lambda's error is no match).
        var matches = Array(repeating: [Bool](repeating: false, count: points.count), count: k)
        for (index, point) in points.enumerated() {
            for lambda in 0..<k {
                let scope = LambdaScope(fields: point.fields, tags: point.tags, time: point.time)
                matches[lambda][index] = (try? predicates[lambda].test(scope, state: &states[lambda])) ?? false
            }
        }
        var subset = Array(0..<k)
        repeat {
            if let chosen = Self.assignment(subset, matches) { emit(.point(merged(chosen.map { points[$0] }, name: name, key: key))) }
        } while Self.advance(&subset, count: points.count)
    }

    /// For each lambda in turn, the first index of the subset still free that it matches; nil when one has none.
    private static func assignment(_ subset: [Int], _ matches: [[Bool]]) -> [Int]? {
        var free = subset
        var chosen: [Int] = []
        for lambda in matches.indices {
            guard let position = free.firstIndex(where: { matches[lambda][$0] }) else { return nil }
            chosen.append(free.remove(at: position))
        }
        return chosen
    }

    /// The next k-subset of 0..<count in lexicographic order; false after the last.
    private static func advance(_ subset: inout [Int], count: Int) -> Bool {
        let k = subset.count
        var position = k - 1
        while position >= 0, subset[position] == position + count - k { position -= 1 }
        guard position >= 0 else { return false }
        subset[position] += 1
        for next in (position + 1)..<k { subset[next] = subset[next - 1] + 1 }
        return true
    }

    /// n choose k; `Int64.max` when it does not fit (Go's arithmetic wraps there).
    static func combinations(_ n: Int, _ k: Int) -> Int64 {
        var count: Int64 = 1
        for index in 0..<Int64(k) {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int64(n) - index)
            if overflow { return .max }
            count = product / (index + 1)
        }
        return count
    }

    private func merged(_ chosen: [Entry], name: String, key: GroupKey) -> StreamPoint {
        var fields: [String: FieldValue] = [:]
        var tags: [String: String] = [:]
        for (index, entry) in chosen.enumerated() {
            let prefix = names[index] + delimiter
            for (field, value) in entry.fields { fields[prefix + field] = value }
            for (tag, value) in entry.tags { tags[key.dimensions.contains(tag) ? tag : prefix + tag] = value }
        }
        var point = StreamPoint(name: name, database: "", retentionPolicy: "", tags: tags, fields: fields, time: chosen[0].time)
        point.group = key
        return point
    }
}
