/// A growable byte buffer whose memory stays put until the next `reset`, so views into it can be handed to a
/// callback. The parser rebuilds series keys of lines with unsorted tags here, reusing the memory line after line.
final class ByteScratch {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        self.start = .allocate(capacity: capacity)
    }

    deinit {
        start.deallocate()
    }

    /// Empties the buffer and makes room for at least `needed` bytes; earlier views become invalid.
    func reset(capacity needed: Int) {
        count = 0
        if needed > capacity {
            start.deallocate()
            capacity = max(needed, capacity * 2)
            start = .allocate(capacity: capacity)
        }
    }

    /// Appends one byte; the caller reserved room for it with `reset(capacity:)`.
    func append(_ byte: UInt8) {
        precondition(count < capacity, "ByteScratch overflow")
        start[count] = byte
        count += 1
    }

    func append(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        precondition(count + range.count <= capacity, "ByteScratch overflow")
        (start + count).update(from: input.baseAddress! + range.lowerBound, count: range.count)
        count += range.count
    }

    var contents: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: start, count: count)
    }
}
