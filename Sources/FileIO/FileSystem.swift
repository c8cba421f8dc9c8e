/// Every file operation the storage engine and the write-ahead log perform, behind one small protocol, so tests can
/// make any single call fail (short writes, fsync errors, ENOSPC, EIO) and check that nothing acknowledged is lost.
public protocol FileSystem: Sendable {
    /// Opens `path` for appending, creating it if missing.
    func openForAppending(_ path: String) throws(FileIOError) -> any WritableFile
    /// Creates `path` empty (truncating an existing file) for writing.
    func create(_ path: String) throws(FileIOError) -> any WritableFile
    func openForReading(_ path: String) throws(FileIOError) -> any ReadableFile
    /// Opens a file nothing will change or truncate while it is open (a TSM file), which lets an implementation map
    /// it into memory instead of making a system call per read.
    func openImmutable(_ path: String) throws(FileIOError) -> any ReadableFile
    /// Atomically replaces `destination` with `source`.
    func rename(_ source: String, to destination: String) throws(FileIOError)
    func remove(_ path: String) throws(FileIOError)
    /// Creates the directory and any missing parents.
    func createDirectory(_ path: String) throws(FileIOError)
    /// Names (not paths) of the entries in a directory, sorted.
    func contentsOfDirectory(_ path: String) throws(FileIOError) -> [String]
    /// Makes renames and creations inside the directory durable.
    func syncDirectory(_ path: String) throws(FileIOError)
    func fileExists(_ path: String) -> Bool
}

/// A file being written. Data is durable only after `sync()` returns.
public protocol WritableFile: AnyObject, Sendable {
    var path: String { get }
    /// Bytes in the file, including what this handle wrote.
    var size: Int { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError)
    func sync() throws(FileIOError)
    func truncate(to size: Int) throws(FileIOError)
    func close() throws(FileIOError)
}

/// A file being read at explicit offsets.
public protocol ReadableFile: AnyObject, Sendable {
    var path: String { get }
    var size: Int { get }
    /// Reads exactly `count` bytes at `offset`; throws if the file is shorter.
    func read(at offset: Int, count: Int) throws(FileIOError) -> [UInt8]
    func close() throws(FileIOError)
}

extension WritableFile {
    public func write(_ bytes: [UInt8]) throws(FileIOError) {
        do {
            try bytes.withUnsafeBytes { raw in try write(raw) }
        } catch let error as FileIOError {
            throw error
        } catch {
            throw FileIOError(operation: .write, path: path, code: 5)
        }
    }
}

extension FileSystem {
    /// Replaces `path` with `bytes` all at once: written to `path.tmp`, synced, closed and renamed over `path`, so a
    /// crash leaves the old or the new contents, never a mix. Callers sync the directory to make the rename durable.
    public func replaceContents(of path: String, with bytes: [UInt8]) throws(FileIOError) {
        let temporary = path + ".tmp"
        let file = try create(temporary)
        try file.write(bytes)
        try file.sync()
        try file.close()
        try rename(temporary, to: path)
    }

    /// Copies `source` to `destination` as `replaceContents` writes (through `destination.tmp`, synced, renamed), a
    /// megabyte at a time so a file of any size never sits in memory whole.
    public func copy(_ source: String, to destination: String) throws(FileIOError) {
        let input = try openForReading(source)
        defer { try? input.close() }
        let temporary = destination + ".tmp"
        let output = try create(temporary)
        var offset = 0
        while offset < input.size {
            let chunk = try input.read(at: offset, count: min(1 << 20, input.size - offset))
            try output.write(chunk)
            offset += chunk.count
        }
        try output.sync()
        try output.close()
        try rename(temporary, to: destination)
    }
}

extension ReadableFile {
    public func readAll() throws(FileIOError) -> [UInt8] {
        try read(at: 0, count: size)
    }
}

extension FileSystem {
    /// The whole file at `path`. Use it instead of Foundation's `FileManager.contents(atPath:)` and
    /// `Data(contentsOf:)`, which leak 4 KB each time they read an empty file (found by Fuzz/ResourceFileFuzzer).
    public func contents(of path: String) throws(FileIOError) -> [UInt8] {
        let file = try openForReading(path)
        defer { try? file.close() }
        return try file.readAll()
    }
}

/// A file operation that failed, with the system's error number.
public struct FileIOError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case open, create, write, sync, truncate, close, read, rename, remove, createDirectory, list, syncDirectory
    }

    public let operation: Operation
    public let path: String
    /// The errno value (EIO 5, ENOSPC 28, ...).
    public let code: Int32
    /// Set for a write that stored only part of its bytes before failing.
    public var bytesWritten: Int?

    public init(operation: Operation, path: String, code: Int32, bytesWritten: Int? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.bytesWritten = bytesWritten
    }

    public var description: String {
        "\(operation.rawValue) \(path): \(FileIOError.describe(code))"
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case 2: "no such file or directory"
        case 5: "input/output error"
        case 13: "permission denied"
        case 17: "file exists"
        case 20: "not a directory"
        case 28: "no space left on device"
        default: "error \(code)"
        }
    }
}

extension FileSystem {
    /// By default an immutable file is read like any other (so a test file system's faults reach it too).
    public func openImmutable(_ path: String) throws(FileIOError) -> any ReadableFile {
        try openForReading(path)
    }
}
