import Foundation
import TimeSeries

/// An event as the outbox keeps it across a restart: every field of `AlertEvent`, and each cell of its data with its
/// type, so the handler sends after a restart exactly what it would have sent before.
struct StoredAlertEvent: Codable {
    var topic: String
    var id: String
    var state: EventState
    var previousLevel: AlertLevel
    var recoverable: Bool
    var taskName: String
    var group: String?
    var data: [StoredSeries]

    struct StoredSeries: Codable {
        var name: String?
        var tags: [String: String]?
        var columns: [String]
        var values: [[StoredCell]]
        var partial: Bool
    }

    /// One cell as a type tag and a value: `f` float (as text, so NaN and ±Inf survive), `i`, `u`, `s`, `b`, `t` time,
    /// `a` strings, `n` null.
    struct StoredCell: Codable {
        var t: String
        var v: String?
        var a: [String]?
    }

    init(_ event: AlertEvent) {
        topic = event.topic
        id = event.id
        state = event.state
        previousLevel = event.previousLevel
        recoverable = event.recoverable
        taskName = event.taskName
        group = event.group
        data = event.data.map { series in
            StoredSeries(
                name: series.name, tags: series.tags, columns: series.columns, values: series.values.map { $0.map(Self.cell) },
                partial: series.partial)
        }
    }

    var event: AlertEvent {
        AlertEvent(
            topic: topic, id: id, state: state, previousLevel: previousLevel, recoverable: recoverable,
            data: data.map { series in
                ResultSeries(
                    name: series.name, tags: series.tags, columns: series.columns, values: series.values.map { $0.map(Self.value) },
                    partial: series.partial)
            },
            taskName: taskName, group: group ?? "")
    }

    private static func cell(_ value: ResultValue) -> StoredCell {
        switch value {
        case .null: StoredCell(t: "n")
        case .float(let number): StoredCell(t: "f", v: String(number))
        case .integer(let number): StoredCell(t: "i", v: String(number))
        case .unsigned(let number): StoredCell(t: "u", v: String(number))
        case .string(let text): StoredCell(t: "s", v: text)
        case .boolean(let flag): StoredCell(t: "b", v: flag ? "true" : "false")
        case .time(let nanoseconds): StoredCell(t: "t", v: String(nanoseconds))
        case .strings(let texts): StoredCell(t: "a", a: texts)
        }
    }

    /// A cell that does not read back (a damaged file) is null rather than a reason to drop the event.
    private static func value(_ cell: StoredCell) -> ResultValue {
        let text = cell.v ?? ""
        switch cell.t {
        case "f": return Double(text).map(ResultValue.float) ?? .null
        case "i": return Int64(text).map(ResultValue.integer) ?? .null
        case "u": return UInt64(text).map(ResultValue.unsigned) ?? .null
        case "s": return .string(text)
        case "b": return .boolean(text == "true")
        case "t": return Int64(text).map(ResultValue.time) ?? .null
        case "a": return .strings(cell.a ?? [])
        default: return .null
        }
    }

    func encoded() throws -> Data { try JSONEncoder().encode(self) }

    static func decoded(_ data: Data) throws -> AlertEvent { try JSONDecoder().decode(StoredAlertEvent.self, from: data).event }
}
