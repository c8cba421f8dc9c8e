import TimeSeries

/// A row's field values by name. Most reads select one field, so its name and value are held inline; rows of
/// several fields keep a short list searched in order, which for the few fields of a row beats hashing each name.
/// (A dictionary per row was the largest allocation of raw reads and of aggregates that must see every value.)
struct RowFields {
    private enum Storage {
        case one(String, FieldValue)
        case several([(name: String, value: FieldValue)])
    }

    private let storage: Storage

    init(_ name: String, _ value: FieldValue) {
        storage = .one(name, value)
    }

    /// `fields` with distinct names.
    init(_ fields: [(name: String, value: FieldValue)]) {
        storage = .several(fields)
    }

    subscript(name: String) -> FieldValue? {
        switch storage {
        case .one(let key, let value): key == name ? value : nil
        case .several(let fields): fields.first { $0.name == name }?.value
        }
    }
}
