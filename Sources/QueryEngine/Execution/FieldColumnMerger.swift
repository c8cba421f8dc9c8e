import Storage
import TimeSeries

/// The rows of one series built from its fields' columns: each field's columns are in time order (one per shard),
/// so the fields are merged by time, one row per distinct time holding every field stored at it.
struct FieldColumnMerger {
    private struct Cursor {
        let field: String
        let columns: [FieldColumn]
        var column = 0
        var position = 0

        var time: Int64? { column < columns.count ? columns[column].times[position] : nil }

        mutating func advance() {
            position += 1
            if position == columns[column].count {
                column += 1
                position = 0
            }
        }

        var value: FieldValue { columns[column].value(at: position) }
    }

    private var cursors: [Cursor]

    /// `columns` per field name; empty columns are skipped.
    init(_ columns: [(field: String, columns: [FieldColumn])]) {
        cursors = columns.map { Cursor(field: $0.field, columns: $0.columns.filter { $0.count > 0 }) }
    }

    /// The next time and the fields stored at it, or nil when every column is used up.
    mutating func next() -> (time: Int64, fields: RowFields)? {
        var earliest: Int64? = nil
        for cursor in cursors {
            if let time = cursor.time, earliest.map({ time < $0 }) ?? true { earliest = time }
        }
        guard let time = earliest else { return nil }
        var fields: [(name: String, value: FieldValue)] = []
        fields.reserveCapacity(cursors.count)
        for index in cursors.indices where cursors[index].time == time {
            fields.append((cursors[index].field, cursors[index].value))
            cursors[index].advance()
        }
        return (time, RowFields(fields))
    }
}
