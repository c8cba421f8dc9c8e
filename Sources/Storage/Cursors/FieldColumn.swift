public import TimeSeries

/// Time-sorted values of one series field: what reads return and what TSM blocks hold.
public struct FieldColumn: Sendable, Equatable {
    public enum Values: Sendable, Equatable {
        case floats([Double])
        case integers([Int64])
        case unsigneds([UInt64])
        case booleans([Bool])
        case strings([String])
    }

    public let type: FieldType
    public var times: [Int64]
    public var values: Values

    public init(type: FieldType, times: [Int64], values: Values) {
        self.type = type
        self.times = times
        self.values = values
    }

    public static func empty(_ type: FieldType) -> FieldColumn {
        switch type {
        case .float: FieldColumn(type: type, times: [], values: .floats([]))
        case .integer: FieldColumn(type: type, times: [], values: .integers([]))
        case .unsigned: FieldColumn(type: type, times: [], values: .unsigneds([]))
        case .boolean: FieldColumn(type: type, times: [], values: .booleans([]))
        case .string: FieldColumn(type: type, times: [], values: .strings([]))
        }
    }

    public var count: Int { times.count }

    public func value(at index: Int) -> FieldValue {
        switch values {
        case .floats(let array): .float(array[index])
        case .integers(let array): .integer(array[index])
        case .unsigneds(let array): .unsigned(array[index])
        case .booleans(let array): .boolean(array[index])
        case .strings(let array): .string(array[index])
        }
    }

    /// Whether any value's time lies in `range` (times are sorted: a binary search).
    func hasTime(in range: ClosedRange<Int64>) -> Bool {
        let first = times.partitioningIndex { $0 >= range.lowerBound }
        return first < times.count && times[first] <= range.upperBound
    }

    /// The slice of values at `range` of indices.
    func slice(_ range: Range<Int>) -> FieldColumn {
        let values: Values =
            switch self.values {
            case .floats(let array): .floats(Array(array[range]))
            case .integers(let array): .integers(Array(array[range]))
            case .unsigneds(let array): .unsigneds(Array(array[range]))
            case .booleans(let array): .booleans(Array(array[range]))
            case .strings(let array): .strings(Array(array[range]))
            }
        return FieldColumn(type: type, times: Array(times[range]), values: values)
    }

    /// Merges sorted columns of one type; for equal times the column later in `columns` wins (newer data).
    static func merge(_ columns: [FieldColumn], type: FieldType) -> FieldColumn {
        let nonEmpty = columns.filter { $0.count > 0 }
        if nonEmpty.isEmpty { return .empty(type) }
        if nonEmpty.count == 1 { return nonEmpty[0] }
        // The blocks of one file, or files that do not overlap: in order of their first times they follow one another.
        let ordered = nonEmpty.sorted { $0.times.first! < $1.times.first! }
        if zip(ordered, ordered.dropFirst()).allSatisfy({ $0.times.last! < $1.times.first! }) {
            return concatenate(ordered, type: type)
        }
        // Overlapping (files flushed while concurrent writers' batches arrived out of order): merged two at a time in
        // the given order, each a linear merge in which the later column wins a tie.
        return nonEmpty.dropFirst().reduce(nonEmpty[0]) { merged, next in mergeTwo(merged, next, type: type) }
    }

    private static func mergeTwo(_ older: FieldColumn, _ newer: FieldColumn, type: FieldType) -> FieldColumn {
        var kept: [(source: Int, index: Int)] = []
        var times: [Int64] = []
        kept.reserveCapacity(older.count + newer.count)
        times.reserveCapacity(older.count + newer.count)
        var (left, right) = (0, 0)
        while left < older.count || right < newer.count {
            if right == newer.count || (left < older.count && older.times[left] < newer.times[right]) {
                kept.append((0, left))
                times.append(older.times[left])
                left += 1
            } else {
                if left < older.count && older.times[left] == newer.times[right] { left += 1 }  // replaced by the newer value
                kept.append((1, right))
                times.append(newer.times[right])
                right += 1
            }
        }
        return FieldColumn(type: type, times: times, values: gather(kept, from: [older, newer], type: type))
    }

    /// Columns whose time ranges follow one another, joined end to end.
    private static func concatenate(_ columns: [FieldColumn], type: FieldType) -> FieldColumn {
        func join<T>(_ extract: (Values) -> [T]?) -> [T] {
            var joined: [T] = []
            joined.reserveCapacity(columns.reduce(0) { $0 + $1.count })
            for column in columns { joined += extract(column.values) ?? [] }
            return joined
        }
        var times: [Int64] = []
        times.reserveCapacity(columns.reduce(0) { $0 + $1.count })
        for column in columns { times += column.times }
        let values: Values =
            switch type {
            case .float: .floats(join { if case .floats(let a) = $0 { a } else { nil } })
            case .integer: .integers(join { if case .integers(let a) = $0 { a } else { nil } })
            case .unsigned: .unsigneds(join { if case .unsigneds(let a) = $0 { a } else { nil } })
            case .boolean: .booleans(join { if case .booleans(let a) = $0 { a } else { nil } })
            case .string: .strings(join { if case .strings(let a) = $0 { a } else { nil } })
            }
        return FieldColumn(type: type, times: times, values: values)
    }

    private static func gather(_ kept: [(source: Int, index: Int)], from columns: [FieldColumn], type: FieldType) -> Values {
        func pick<T>(_ extract: (Values) -> [T]?) -> [T] {
            let arrays = columns.map { extract($0.values) ?? [] }
            return kept.map { arrays[$0.source][$0.index] }
        }
        switch type {
        case .float: return .floats(pick { if case .floats(let a) = $0 { a } else { nil } })
        case .integer: return .integers(pick { if case .integers(let a) = $0 { a } else { nil } })
        case .unsigned: return .unsigneds(pick { if case .unsigneds(let a) = $0 { a } else { nil } })
        case .boolean: return .booleans(pick { if case .booleans(let a) = $0 { a } else { nil } })
        case .string: return .strings(pick { if case .strings(let a) = $0 { a } else { nil } })
        }
    }
}
