public import FileIO
import Foundation
public import Storage
public import StoreAccess

/// Restoring a backup directory into a stopped server's store: every database with its users and tokens (into a
/// store that has none of them), or one database, under its own name or a new one.
public struct BackupRestorer {
    public let directory: String
    public let manifest: BackupManifest
    private let fileSystem: any FileSystem

    /// Reads the manifest and checks every file it lists against its size and SHA-256.
    public init(directory: String, fileSystem: any FileSystem = POSIXFileSystem()) throws {
        let path = directory + "/manifest.json"
        guard fileSystem.fileExists(path) else { throw BackupError("\(directory) holds no backup (no manifest.json)") }
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: Data(try fileSystem.contents(of: path)))
        } catch let error as FileIOError {
            throw error
        } catch {
            throw BackupError("cannot read \(path): \(error)")
        }
        try manifest.checkFormat()
        for file in manifest.files {
            let actual = try BackupFile.describing(directory + "/" + file.name, as: file.name, fileSystem: fileSystem)
            guard actual == file else { throw BackupError("\(file.name) does not match the manifest: the backup is damaged") }
        }
        self.directory = directory
        self.fileSystem = fileSystem
    }

    /// Restores `database` (every one when nil, with users and tokens when the backup has them) as `newName`
    /// (its own name when nil). `progress` is told of each database restored.
    public func restore(
        into engine: StorageEngine, access: AccessStore, database: String?, as newName: String?,
        progress: (StorageEngine.RestoredDatabase) -> Void = { _ in }
    ) throws -> [StorageEngine.RestoredDatabase] {
        let meta = try JSONDecoder().decode(MetaData.self, from: Data(try fileSystem.contents(of: directory + "/meta.json")))
        var chosen = meta.databases
        if let database {
            guard let info = meta.database(database) else { throw BackupError("the backup holds no database \(database)") }
            chosen = [info]
        } else if newName != nil {
            throw BackupError("a new name needs the database it is for")
        }
        for info in chosen where engine.databaseNames.contains(newName ?? info.name) {
            throw BackupError("database \(newName ?? info.name) already exists: drop it first or restore under another name")
        }
        let restoresAccess = database == nil && manifest.includesAccess
        if restoresAccess && !access.isEmpty {
            throw BackupError("this store already has users, tokens or mappings: restore into an empty data directory, or one database")
        }
        let listed = Set(manifest.files.map(\.name))
        if let stray = manifest.shards.compactMap(\.file).first(where: { !listed.contains($0) }) {
            throw BackupError("the manifest names a shard file it does not list: \(stray)")
        }
        var restored: [StorageEngine.RestoredDatabase] = []
        for info in chosen {
            let files = Dictionary(
                manifest.shards.filter { $0.database == info.name }.compactMap { shard in
                    shard.file.map { (shard.shardID, directory + "/" + $0) }
                },
                uniquingKeysWith: { first, _ in first })
            let outcome = try engine.restoreDatabase(info, as: newName ?? info.name, files: files)
            progress(outcome)
            restored.append(outcome)
        }
        if restoresAccess { try access.importState(try fileSystem.contents(of: directory + "/access.json")) }
        return restored
    }
}
