#if canImport(Glibc)
    import Glibc
#endif

/// The real file system, through POSIX calls: `write` loops over short writes, `sync` is `fsync`.
public struct POSIXFileSystem: FileSystem {
    public init() {}

    public func openForAppending(_ path: String) throws(FileIOError) -> any WritableFile {
        try POSIXWritableFile(path: path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, operation: .open)
    }

    public func create(_ path: String) throws(FileIOError) -> any WritableFile {
        try POSIXWritableFile(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, operation: .create)
    }

    public func openForReading(_ path: String) throws(FileIOError) -> any ReadableFile {
        try POSIXReadableFile(path: path)
    }

    /// Mapped into memory, so a read is a copy without a system call; an empty file, or one that cannot be mapped,
    /// is read with `pread`. Only for files nobody truncates while they are open: touching a mapped page past a
    /// shrunken end would kill the process.
    public func openImmutable(_ path: String) throws(FileIOError) -> any ReadableFile {
        let file = try POSIXReadableFile(path: path)
        return POSIXMappedFile(mapping: file) ?? file
    }

    public func rename(_ source: String, to destination: String) throws(FileIOError) {
        if Glibc.rename(source, destination) != 0 { throw FileIOError(operation: .rename, path: source, code: errno) }
    }

    public func remove(_ path: String) throws(FileIOError) {
        if Glibc.remove(path) != 0 && errno != ENOENT { throw FileIOError(operation: .remove, path: path, code: errno) }
    }

    public func createDirectory(_ path: String) throws(FileIOError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw FileIOError(operation: .createDirectory, path: prefix, code: errno)
            }
        }
    }

    public func contentsOfDirectory(_ path: String) throws(FileIOError) -> [String] {
        guard let directory = opendir(path) else { throw FileIOError(operation: .list, path: path, code: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func syncDirectory(_ path: String) throws(FileIOError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileIOError(operation: .syncDirectory, path: path, code: errno) }
        defer { Glibc.close(descriptor) }
        if fsync(descriptor) != 0 { throw FileIOError(operation: .syncDirectory, path: path, code: errno) }
    }

    public func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}

final class POSIXWritableFile: WritableFile, @unchecked Sendable {
    let path: String
    let descriptor: Int32
    /// Touched only by the single writer that owns this handle.
    private(set) var size: Int

    init(path: String, flags: Int32, operation: FileIOError.Operation) throws(FileIOError) {
        self.path = path
        descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw FileIOError(operation: operation, path: path, code: errno) }
        var status = stat()
        fstat(descriptor, &status)
        size = Int(status.st_size)
    }

    deinit {
        Glibc.close(descriptor)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                size += offset
                throw FileIOError(operation: .write, path: path, code: errno, bytesWritten: offset)
            }
            offset += written
        }
        size += bytes.count
    }

    func sync() throws(FileIOError) {
        if fsync(descriptor) != 0 { throw FileIOError(operation: .sync, path: path, code: errno) }
    }

    func truncate(to size: Int) throws(FileIOError) {
        if ftruncate(descriptor, off_t(size)) != 0 { throw FileIOError(operation: .truncate, path: path, code: errno) }
        self.size = size
    }

    func close() throws(FileIOError) {}
}

final class POSIXReadableFile: ReadableFile, @unchecked Sendable {
    let path: String
    let size: Int
    let descriptor: Int32

    init(path: String) throws(FileIOError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileIOError(operation: .open, path: path, code: errno) }
        var status = stat()
        fstat(descriptor, &status)
        size = Int(status.st_size)
    }

    deinit {
        Glibc.close(descriptor)
    }

    func read(at offset: Int, count: Int) throws(FileIOError) -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        let failure: Int32? = buffer.withUnsafeMutableBytes { raw in
            while done < count {
                let got = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if got == 0 { return EIO }
                done += got
            }
            return nil
        }
        if let failure { throw FileIOError(operation: .read, path: path, code: failure) }
        return buffer
    }

    func close() throws(FileIOError) {}
}
