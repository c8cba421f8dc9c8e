public import Storage

/// What a backup holds (`manifest.json`, and the first line of the stream a server sends): the databases, each shard
/// group's TSM file, and every file's size and SHA-256. The layout is in docs/format/backup.md.
public struct BackupManifest: Sendable, Codable, Equatable {
    public static let formatName = "sundial-backup"
    public static let currentVersion = 1

    /// Files one backup may hold: a shard each, and two more.
    static let maximumFiles = 1_000_000

    public var format = formatName
    public var version = currentVersion
    /// When the server made it, RFC 3339.
    public var created: String
    /// Nanoseconds: only values at or after it are in the shards' files.
    public var since: Int64?
    public var databases: [String]
    /// Whether `access.json` (users, tokens, organizations, buckets, DBRP mappings) is in it: only in a backup of
    /// every database.
    public var includesAccess: Bool
    public var shards: [BackupShard]
    public var files: [BackupFile]

    /// A manifest from a newer Sundial, or not a backup's, is refused rather than half understood.
    func checkFormat() throws {
        guard format == Self.formatName, version == Self.currentVersion else {
            throw BackupError("not a backup this version of Sundial reads (format \(format), version \(version))")
        }
        for file in files where !Self.isValidFileName(file.name) || file.size < 0 {
            throw BackupError("the manifest names a file a backup cannot hold: \(file.name)")
        }
        guard Set(files.map(\.name)).count == files.count, files.count <= Self.maximumFiles else {
            throw BackupError("the manifest lists a file twice, or more than \(Self.maximumFiles) files")
        }
    }

    /// `meta.json`, `access.json` or `data/<shard id>.tsm`: nothing a stream could use to write elsewhere.
    static func isValidFileName(_ name: String) -> Bool {
        if name == "meta.json" || name == "access.json" { return true }
        guard name.hasPrefix("data/"), name.hasSuffix(".tsm") else { return false }
        let digits = name.dropFirst(5).dropLast(4)
        return (1...19).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

public struct BackupFile: Sendable, Codable, Equatable {
    public var name: String
    public var size: Int
    /// Lower-case hex.
    public var sha256: String
}

/// Why a backup or restore cannot go on.
public struct BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
