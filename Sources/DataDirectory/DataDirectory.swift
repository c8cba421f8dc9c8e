import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directory that holds all of one Sundial's state, held exclusively while a server runs.
///
/// Opening it creates it when missing and takes an advisory lock on `sundial.lock` inside it, so a second
/// `sundial serve` on the same directory stops with a clear message instead of writing over the first one's files.
/// The lock lives as long as this value; the operating system drops it if the process dies, so a crash never
/// leaves a stale lock behind.
public final class DataDirectory: Sendable {
    public static let lockFileName = "sundial.lock"

    /// The absolute path of the directory.
    public let path: String
    private let lockDescriptor: Int32

    private init(path: String, lockDescriptor: Int32) {
        self.path = path
        self.lockDescriptor = lockDescriptor
    }

    deinit {
        close(lockDescriptor)
    }

    /// Creates `path` if needed and locks it for this process.
    public static func open(path: String) throws(DataDirectoryError) -> DataDirectory {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        try createIfMissing(absolute)
        // Only the server's user may enter: the directory holds hashed passwords, tokens' digests, connection
        // credentials and the data itself, whatever mode a file inside was made with.
        guard chmod(absolute, 0o700) == 0 else {
            throw DataDirectoryError(
                kind: .cannotCreate, path: absolute, message: "cannot restrict \(absolute) to its owner: \(errnoText())")
        }
        let lockPath = absolute + "/" + lockFileName
        let descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DataDirectoryError(kind: .cannotLock, path: absolute, message: "cannot open \(lockPath): \(errnoText())")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = readHolder(descriptor)
            close(descriptor)
            if reason == EWOULDBLOCK {
                let who = holder.map { "another sundial process (pid \($0))" } ?? "another sundial process"
                throw DataDirectoryError(
                    kind: .inUse, path: absolute,
                    message: "data directory \(absolute) is in use by \(who); stop it or choose another --data-dir"
                )
            }
            throw DataDirectoryError(kind: .cannotLock, path: absolute, message: "cannot lock \(lockPath): \(errnoText())")
        }
        recordHolder(descriptor)
        return DataDirectory(path: absolute, lockDescriptor: descriptor)
    }

    /// The path of an entry inside the directory, such as `store` or `control.sqlite`.
    public func path(of entry: String) -> String {
        path + "/" + entry
    }

    private static func createIfMissing(_ path: String) throws(DataDirectoryError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DataDirectoryError(
                    kind: .cannotCreate, path: path, message: "data directory \(path) exists and is not a directory"
                )
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)"
            throw DataDirectoryError(kind: .cannotCreate, path: path, message: "cannot create data directory \(path): \(reason)")
        }
    }

    /// Writes this process's id into the lock file so a refused second server can say who holds it.
    private static func recordHolder(_ descriptor: Int32) {
        let text = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Why the data directory could not be opened.
public struct DataDirectoryError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The directory is missing and could not be made, or the path is a file.
        case cannotCreate
        /// The lock file could not be opened or locked for a reason other than another holder.
        case cannotLock
        /// Another process holds the lock.
        case inUse
    }

    public let kind: Kind
    public let path: String
    public let message: String

    public var description: String { message }
}
