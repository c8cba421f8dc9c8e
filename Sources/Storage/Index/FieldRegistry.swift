import LineProtocol

/// Gives every (measurement, field key) of a database a small id, so caches and type tables are keyed by integers
/// and an incoming field is found with a borrowed lookup. Types are not kept here: they are per shard.
struct FieldRegistry {
    private var table = ByteKeyTable(capacity: 256)
    private(set) var names: [(measurement: String, field: String)] = []
    /// Reused to build lookup keys (`measurement 0x00 field`, both escaped) without allocating.
    private var scratch: [UInt8] = []

    /// The id for a field of a measurement, both given in escaped line-protocol form.
    mutating func id(measurement: UnsafeRawBufferPointer, field: UnsafeRawBufferPointer) -> Int {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: measurement)
        scratch.append(0)
        scratch.append(contentsOf: field)
        return scratch.withUnsafeBytes { key in
            if let id = table.find(key) { return id }
            let id = names.count
            table.insert(key, value: id)
            names.append(
                (
                    LineProtocolEscaping.unescapeMeasurement(measurement.bindMemory(to: UInt8.self)),
                    LineProtocolEscaping.unescapeKey(field.bindMemory(to: UInt8.self))
                )
            )
            return id
        }
    }

    /// The id of a field already registered (escaped names); nil for one never written.
    func existingID(measurement: [UInt8], field: [UInt8]) -> Int? {
        (measurement + [0] + field).withUnsafeBytes { table.find($0) }
    }
}
