public import FileIO
import Synchronization

/// A file system that fails one chosen call, for crash-safety tests in the style of SQLite's: run a workload once
/// to count its file calls, then rerun it failing call 1, 2, 3, … in turn and check what survived.
///
/// Every call through the file system or a file it opened counts. A short write stores the first half of its
/// bytes, then fails, as a full disk can.
public final class FaultInjectingFileSystem: FileSystem, Sendable {
    public enum Fault: Sendable, Equatable {
        /// The call fails with this errno and has no effect.
        case error(Int32)
        /// A write stores half its bytes, then fails with this errno; other calls fail as `.error`.
        case shortWrite(Int32)

        public static let io = Fault.error(5)
        public static let noSpace = Fault.shortWrite(28)
    }

    private struct State {
        var calls = 0
        var failingCall: Int?
        var fault = Fault.io
        var operations: [String] = []
    }

    private let base: any FileSystem
    private let state = Mutex(State())

    public init(base: any FileSystem = POSIXFileSystem()) {
        self.base = base
    }

    /// Fails the `number`-th call from now on (1-based), counting from the last reset.
    public func failCall(_ number: Int, with fault: Fault) {
        state.withLock {
            $0.calls = 0
            $0.failingCall = number
            $0.fault = fault
            $0.operations = []
        }
    }

    /// Stops failing and resets the counter.
    public func reset() {
        state.withLock { $0 = State() }
    }

    /// Calls counted since the last reset.
    public var callCount: Int { state.withLock { $0.calls } }

    /// `operation path` for each call since the last reset, to explain a failure.
    public var operations: [String] { state.withLock { $0.operations } }

    /// Counts a call and returns the fault to inject, if this is the chosen call.
    func count(_ operation: FileIOError.Operation, _ path: String) -> Fault? {
        state.withLock {
            $0.calls += 1
            $0.operations.append("\(operation.rawValue) \(path)")
            return $0.calls == $0.failingCall ? $0.fault : nil
        }
    }

    func check(_ operation: FileIOError.Operation, _ path: String) throws(FileIOError) {
        if let fault = count(operation, path) {
            switch fault {
            case .error(let code), .shortWrite(let code): throw FileIOError(operation: operation, path: path, code: code)
            }
        }
    }

    public func openForAppending(_ path: String) throws(FileIOError) -> any WritableFile {
        try check(.open, path)
        return FaultInjectingWritableFile(try base.openForAppending(path), injector: self)
    }

    public func create(_ path: String) throws(FileIOError) -> any WritableFile {
        try check(.create, path)
        return FaultInjectingWritableFile(try base.create(path), injector: self)
    }

    public func openForReading(_ path: String) throws(FileIOError) -> any ReadableFile {
        try check(.open, path)
        return FaultInjectingReadableFile(try base.openForReading(path), injector: self)
    }

    public func rename(_ source: String, to destination: String) throws(FileIOError) {
        try check(.rename, source)
        try base.rename(source, to: destination)
    }

    public func remove(_ path: String) throws(FileIOError) {
        try check(.remove, path)
        try base.remove(path)
    }

    public func createDirectory(_ path: String) throws(FileIOError) {
        try check(.createDirectory, path)
        try base.createDirectory(path)
    }

    public func contentsOfDirectory(_ path: String) throws(FileIOError) -> [String] {
        try check(.list, path)
        return try base.contentsOfDirectory(path)
    }

    public func syncDirectory(_ path: String) throws(FileIOError) {
        try check(.syncDirectory, path)
        try base.syncDirectory(path)
    }

    public func fileExists(_ path: String) -> Bool {
        base.fileExists(path)
    }
}

final class FaultInjectingWritableFile: WritableFile, Sendable {
    private let file: any WritableFile
    private let injector: FaultInjectingFileSystem

    init(_ file: any WritableFile, injector: FaultInjectingFileSystem) {
        self.file = file
        self.injector = injector
    }

    var path: String { file.path }
    var size: Int { file.size }

    func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        guard let fault = injector.count(.write, path) else { return try file.write(bytes) }
        switch fault {
        case .error(let code):
            throw FileIOError(operation: .write, path: path, code: code)
        case .shortWrite(let code):
            let half = bytes.count / 2
            try file.write(UnsafeRawBufferPointer(rebasing: bytes[0..<half]))
            throw FileIOError(operation: .write, path: path, code: code, bytesWritten: half)
        }
    }

    func sync() throws(FileIOError) {
        try injector.check(.sync, path)
        try file.sync()
    }

    func truncate(to size: Int) throws(FileIOError) {
        try injector.check(.truncate, path)
        try file.truncate(to: size)
    }

    func close() throws(FileIOError) {
        try file.close()
    }
}

final class FaultInjectingReadableFile: ReadableFile, Sendable {
    private let file: any ReadableFile
    private let injector: FaultInjectingFileSystem

    init(_ file: any ReadableFile, injector: FaultInjectingFileSystem) {
        self.file = file
        self.injector = injector
    }

    var path: String { file.path }
    var size: Int { file.size }

    func read(at offset: Int, count: Int) throws(FileIOError) -> [UInt8] {
        try injector.check(.read, path)
        return try file.read(at: offset, count: count)
    }

    func close() throws(FileIOError) {
        try file.close()
    }
}
