/// A hash table from byte strings to small integers that is looked up with a borrowed buffer, so finding a
/// series or field for an incoming point allocates nothing. Keys are copied into one arena on insertion.
///
/// Open addressing with linear probing; the table doubles when it is more than half full.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    /// Per slot: index into `entries`, or -1 when empty.
    private var slots: [Int32]
    private var entries: [Entry] = []

    private struct Entry {
        let hash: UInt64
        let offset: Int
        let length: Int
        let value: Int
    }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { entries.count }

    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[Int(index)]
            if entry.hash == hash && entry.length == key.count && equals(entry, key) { return entry.value }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key` (which must not be present yet) with `value`.
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        entries.append(Entry(hash: hash, offset: arena.count, length: key.count, value: value))
        arena.append(contentsOf: key)
        place(Int32(entries.count - 1), hash: hash)
    }

    /// Every key with its value, in insertion order.
    func forEach(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        arena.withUnsafeBytes { bytes in
            for entry in entries { body(UnsafeRawBufferPointer(rebasing: bytes[entry.offset..<entry.offset + entry.length]), entry.value) }
        }
    }

    private func equals(_ entry: Entry, _ key: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { bytes in
            memcmp(bytes.baseAddress! + entry.offset, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func place(_ index: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (index, entry) in entries.enumerated() { place(Int32(index), hash: entry.hash) }
    }

    /// FNV-1a, then a finalising mix so the low bits used for slots are well spread.
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}

#if canImport(Glibc)
    import Glibc
#endif
