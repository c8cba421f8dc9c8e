import CRC32CHardware

/// CRC-32C (Castagnoli), the checksum of every WAL record and TSM block: detects torn and corrupted data.
///
/// With the CPU's CRC32 instruction where there is one (x86-64 with SSE 4.2); otherwise slicing-by-8: eight
/// 256-entry tables let the loop consume eight bytes per step, several times faster than byte at a time.
public enum CRC32C {
    private static let hardwareAvailable = sundial_crc32c_hardware_available() != 0

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard hardwareAvailable, let base = bytes.baseAddress else { return tableChecksum(bytes) }
        return sundial_crc32c_hardware_update(0xFFFF_FFFF, base, bytes.count) ^ 0xFFFF_FFFF
    }

    private static let polynomial: UInt32 = 0x82F6_3B78

    /// `tables[k][b]` is the CRC of byte b followed by k zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var crc = UInt32(index)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[index] = crc
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The portable form; also what tests compare the instruction's answers with.
    static func tableChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        tables.withUnsafeBufferPointer { table in
            var offset = 0
            let count = bytes.count
            while count - offset >= 8 {
                let low =
                    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                    | UInt32(bytes[offset + 3]) << 24
                let high =
                    UInt32(bytes[offset + 4]) | UInt32(bytes[offset + 5]) << 8 | UInt32(bytes[offset + 6]) << 16
                    | UInt32(bytes[offset + 7]) << 24
                let word = crc ^ low
                crc =
                    table[7 * 256 + Int(word & 0xFF)] ^ table[6 * 256 + Int((word >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((word >> 16) & 0xFF)] ^ table[4 * 256 + Int(word >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                crc = table[Int((crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
