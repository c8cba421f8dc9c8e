#if canImport(Glibc)
    import Glibc
#endif

/// A read-only file mapped into memory (`POSIXFileSystem.openImmutable`). Reads copy from the mapping: the same
/// bytes `pread` would give, without entering the kernel for each block.
final class POSIXMappedFile: ReadableFile, @unchecked Sendable {
    let path: String
    let size: Int
    /// Kept open for as long as the mapping.
    private let file: POSIXReadableFile
    private let base: UnsafeRawPointer

    /// nil when the file is empty or `mmap` refuses it.
    init?(mapping file: POSIXReadableFile) {
        guard file.size > 0 else { return nil }
        let address = mmap(nil, file.size, PROT_READ, MAP_PRIVATE, file.descriptor, 0)
        guard let address, address != MAP_FAILED else { return nil }
        self.file = file
        path = file.path
        size = file.size
        base = UnsafeRawPointer(address)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    func read(at offset: Int, count: Int) throws(FileIOError) -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset >= 0, offset <= size - count else { throw FileIOError(operation: .read, path: path, code: EIO) }
        return Array(UnsafeRawBufferPointer(start: base + offset, count: count))
    }

    func close() throws(FileIOError) {}
}
