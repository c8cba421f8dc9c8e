public import TimeSeries

#if canImport(Glibc)
    import Glibc
#endif

/// Parses InfluxDB line protocol from a byte buffer, one callback per point, with InfluxDB 1.x's rules and errors.
///
/// The parser is a reusable value: its scratch arrays (tags, fields, the series key of lines whose tags arrive
/// unsorted) keep their capacity between lines and calls, so steady-state parsing allocates nothing per point.
/// Bad lines do not stop the parse: each is reported through `onError` and the next line is read, so a batch
/// writes its good lines as InfluxDB's partial writes do.
///
/// A line ends at a newline that is not inside a quoted string field value. Leading spaces, tabs and NULs are
/// skipped; blank lines and lines whose first other character is `#` are ignored.
public struct LineProtocolParser {
    /// InfluxDB's limit on a series key and on series key + field key.
    public static let maximumKeyLength = 65535

    var tags: [ParsedTag] = []
    var fields: [ParsedField] = []
    let seriesKeyScratch = ByteScratch()

    public init() {
        tags.reserveCapacity(32)
        fields.reserveCapacity(32)
    }

    /// Parses every line of `input`.
    /// - Parameters:
    ///   - precision: the unit of the timestamps in the input.
    ///   - defaultTimestamp: nanoseconds to give points without a timestamp (the request's "now", truncated).
    ///   - onPoint: called for each good line, in order; the `ParsedPoint` is valid only during the call.
    ///   - onError: called for each bad line, in order.
    public mutating func parse<E: Error>(
        _ input: UnsafeBufferPointer<UInt8>,
        precision: Precision,
        defaultTimestamp: Int64,
        onPoint: (ParsedPoint) throws(E) -> Void,
        onError: (LineProtocolError) throws(E) -> Void
    ) throws(E) {
        var position = 0
        var lineNumber = 1
        while position < input.count {
            let (lineEnd, quotedNewlines) = Self.scanLine(input, from: position)
            let start = Self.skipWhitespace(input, from: position, to: lineEnd)
            let currentLine = lineNumber
            lineNumber += 1 + quotedNewlines
            position = lineEnd + 1
            if start >= lineEnd || input[start] == ASCII.hash { continue }
            let point: ParsedPoint
            do {
                point = try parseLine(input, start, lineEnd, currentLine, precision, defaultTimestamp)
            } catch {
                try onError(
                    LineProtocolError(
                        kind: error.kind,
                        line: currentLine,
                        column: min(error.index, lineEnd) - start + 1,
                        text: String(decoding: UnsafeBufferPointer(rebasing: input[start..<lineEnd]), as: UTF8.self)
                    )
                )
                continue
            }
            try onPoint(point)
        }
    }

    private mutating func parseLine(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        _ lineNumber: Int,
        _ precision: Precision,
        _ defaultTimestamp: Int64
    ) throws(ParseFailure) -> ParsedPoint {
        tags.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        let key = try scanKey(input, start, end)
        let fieldsEnd = try scanFields(input, key.fieldsStart, end, seriesKeyLength: key.end - start)
        let timestamp = try scanTimestamp(input, fieldsEnd, end, precision, defaultTimestamp)
        let seriesKey = makeSeriesKey(input, start, key)
        return ParsedPoint(
            input: input,
            lineNumber: lineNumber,
            measurement: start..<key.measurementEnd,
            seriesKey: seriesKey,
            tags: tags,
            fields: fields,
            timestamp: timestamp
        )
    }

    /// The end of the line starting at `position` (its newline, or the end of input), and how many newlines
    /// inside quoted string values it stepped over. Quotes count only in the field section, after a `=`.
    ///
    /// Most lines hold neither quotes nor backslashes; for them the first newline ends the line, found with
    /// `memchr`. Only lines holding either are walked byte by byte.
    static func scanLine(_ input: UnsafeBufferPointer<UInt8>, from position: Int) -> (end: Int, quotedNewlines: Int) {
        let base = input.baseAddress! + position
        let remaining = input.count - position
        let newline = memchr(base, Int32(ASCII.newline), remaining).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
        let candidateLength = newline ?? remaining
        if memchr(base, Int32(ASCII.quote), candidateLength) == nil && memchr(base, Int32(ASCII.backslash), candidateLength) == nil {
            return (position + candidateLength, 0)
        }
        return scanQuotedLine(input, from: position)
    }

    private static func scanQuotedLine(_ input: UnsafeBufferPointer<UInt8>, from position: Int) -> (end: Int, quotedNewlines: Int) {
        var index = position
        var isQuoted = false
        var isInFields = false
        var equals = 0
        var commas = 0
        var quotedNewlines = 0
        while index < input.count {
            let byte = input[index]
            if byte == ASCII.backslash && index + 2 < input.count {
                index += 2
                continue
            }
            if byte == ASCII.space { isInFields = true }
            if isInFields {
                if !isQuoted && byte == ASCII.equals {
                    equals += 1
                } else if !isQuoted && byte == ASCII.comma {
                    commas += 1
                } else if byte == ASCII.quote && equals > commas {
                    isQuoted.toggle()
                }
            }
            if byte == ASCII.newline {
                if !isQuoted { break }
                quotedNewlines += 1
            }
            index += 1
        }
        return (index, quotedNewlines)
    }

    @inline(__always)
    static func skipWhitespace(_ input: UnsafeBufferPointer<UInt8>, from index: Int, to end: Int) -> Int {
        var index = index
        while index < end && ASCII.isSkippable(input[index]) { index += 1 }
        return index
    }
}

/// Why and where (an index into the input) a line failed; turned into a `LineProtocolError` with its line.
struct ParseFailure: Error {
    let kind: LineProtocolError.Kind
    let index: Int

    init(_ kind: LineProtocolError.Kind, at index: Int) {
        self.kind = kind
        self.index = index
    }
}
