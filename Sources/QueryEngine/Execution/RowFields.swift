import TimeSeries

/// A row's field values by name. Most reads select one field, so its name and value are held inline; a dictionary
/// is built only for rows of several fields. (A dictionary per row was the largest allocation of raw reads and of
/// aggregates that must see every value.)
struct RowFields {
    private enum Storage {
        case one(String, FieldValue)
        case many([String: FieldValue])
    }

    private let storage: Storage

    init(_ name: String, _ value: FieldValue) {
        storage = .one(name, value)
    }

    init(_ fields: [String: FieldValue]) {
        storage = .many(fields)
    }

    subscript(name: String) -> FieldValue? {
        switch storage {
        case .one(let key, let value): key == name ? value : nil
        case .many(let fields): fields[name]
        }
    }
}
