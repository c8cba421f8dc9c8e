/// The series part of a line: `measurement[,tagkey=tagvalue...]`, scanned with InfluxDB's rules (a byte is
/// escaped when the byte before it is a backslash).
extension LineProtocolParser {
    struct KeyScan {
        let measurementEnd: Int
        /// Where the key region ends (the space before the fields).
        let end: Int
        let fieldsStart: Int
        /// Tags arrived in key order, so the input bytes already are the series key.
        let wasSorted: Bool
    }

    mutating func scanKey(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(ParseFailure) -> KeyScan {
        if input[start] == ASCII.comma { throw ParseFailure(.missingMeasurement, at: start) }
        var index = start
        var hasTags = false
        while true {
            index += 1
            if index >= end { throw ParseFailure(.missingFields, at: index) }
            if input[index - 1] == ASCII.backslash { continue }
            if input[index] == ASCII.comma {
                hasTags = true
                break
            }
            if input[index] == ASCII.space { break }
        }
        let measurementEnd = index
        var keyEnd = index
        var wasSorted = true
        if hasTags {
            keyEnd = try scanTags(input, index + 1, end)
            wasSorted = sortTags(input)
            try rejectDuplicateTags(input)
        }
        if keyEnd - start > Self.maximumKeyLength {
            throw ParseFailure(.maxKeyLengthExceeded(keyEnd - start), at: keyEnd)
        }
        return KeyScan(measurementEnd: measurementEnd, end: keyEnd, fieldsStart: keyEnd, wasSorted: wasSorted)
    }

    /// Scans `key=value` pairs up to the unescaped space before the fields; returns that space's index.
    private mutating func scanTags(_ input: UnsafeBufferPointer<UInt8>, _ first: Int, _ end: Int) throws(ParseFailure) -> Int {
        var index = first
        while true {
            let keyStart = index
            if index >= end || input[index] == ASCII.space || input[index] == ASCII.comma || input[index] == ASCII.equals {
                throw ParseFailure(.missingTagKey, at: index)
            }
            while true {
                index += 1
                if index >= end || ((input[index] == ASCII.space || input[index] == ASCII.comma) && input[index - 1] != ASCII.backslash) {
                    throw ParseFailure(.missingTagValue, at: index)
                }
                if input[index] == ASCII.equals && input[index - 1] != ASCII.backslash { break }
            }
            let keyEnd = index
            index += 1
            let valueStart = index
            if index >= end || input[index] == ASCII.comma || input[index] == ASCII.space {
                throw ParseFailure(.missingTagValue, at: index)
            }
            while true {
                index += 1
                if index >= end { throw ParseFailure(.missingFields, at: index) }
                let byte = input[index]
                guard input[index - 1] != ASCII.backslash else { continue }
                if byte == ASCII.equals { throw ParseFailure(.invalidTagFormat, at: index) }
                if byte == ASCII.comma || byte == ASCII.space { break }
            }
            tags.append(ParsedTag(key: keyStart..<keyEnd, value: valueStart..<index))
            if input[index] == ASCII.space { return index }
            index += 1
        }
    }

    /// Sorts the scanned tags by key bytes (insertion sort: tags are few and usually sorted already).
    /// Returns whether they were sorted on arrival.
    private mutating func sortTags(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var wasSorted = true
        var index = 1
        while index < tags.count {
            let tag = tags[index]
            var slot = index
            while slot > 0 && Self.compare(input, tag.key, tags[slot - 1].key) < 0 {
                tags[slot] = tags[slot - 1]
                slot -= 1
                wasSorted = false
            }
            tags[slot] = tag
            index += 1
        }
        return wasSorted
    }

    /// After sorting, equal keys are neighbours; the error points at the later one in the line.
    private func rejectDuplicateTags(_ input: UnsafeBufferPointer<UInt8>) throws(ParseFailure) {
        var position = 1
        while position < tags.count {
            if Self.compare(input, tags[position].key, tags[position - 1].key) == 0 {
                throw ParseFailure(.duplicateTags, at: max(tags[position].key.lowerBound, tags[position - 1].key.lowerBound))
            }
            position += 1
        }
    }

    /// Byte-wise comparison of two ranges of the input, as Go's `bytes.Compare`.
    static func compare(_ input: UnsafeBufferPointer<UInt8>, _ lhs: Range<Int>, _ rhs: Range<Int>) -> Int {
        let length = min(lhs.count, rhs.count)
        var offset = 0
        while offset < length {
            let left = input[lhs.lowerBound + offset]
            let right = input[rhs.lowerBound + offset]
            if left != right { return left < right ? -1 : 1 }
            offset += 1
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    /// The series key: the input bytes themselves when the tags came sorted, else rebuilt in scratch space.
    mutating func makeSeriesKey(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ key: KeyScan) -> UnsafeBufferPointer<UInt8> {
        if key.wasSorted { return UnsafeBufferPointer(rebasing: input[start..<key.end]) }
        seriesKeyScratch.reset(capacity: key.end - start)
        seriesKeyScratch.append(input, start..<key.measurementEnd)
        for tag in tags {
            seriesKeyScratch.append(ASCII.comma)
            seriesKeyScratch.append(input, tag.key)
            seriesKeyScratch.append(ASCII.equals)
            seriesKeyScratch.append(input, tag.value)
        }
        return seriesKeyScratch.contents
    }
}
