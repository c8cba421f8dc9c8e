/// Constants of the TSM file layout (`docs/format/tsm.md`).
enum TSMFormat {
    /// What new files start and end with: format version 2, whose block metadata carries first and last values.
    static let magic: [UInt8] = Array("SUNDTSM2".utf8)
    /// Version 1 files (block metadata without first and last values) are still read.
    static let version1Magic: [UInt8] = Array("SUNDTSM1".utf8)
    /// Index offset (8), index CRC (4), magic (8).
    static let footerSize = 20
    /// Between a series key and a field key in TSM keys, as InfluxDB writes it.
    static let fieldSeparator: [UInt8] = Array("#!~#".utf8)

    static func key(series: some Collection<UInt8>, field: some Collection<UInt8>) -> [UInt8] {
        Array(series) + fieldSeparator + Array(field)
    }

    /// Splits a TSM key at the first separator into (series key, field key).
    static func split(_ key: [UInt8]) -> (series: ArraySlice<UInt8>, field: ArraySlice<UInt8>)? {
        let separator = fieldSeparator
        guard key.count >= separator.count else { return nil }
        for start in 0...(key.count - separator.count) where key[start..<start + separator.count].elementsEqual(separator) {
            return (key[..<start], key[(start + separator.count)...])
        }
        return nil
    }
}
