import FileIO
import Foundation

/// Reads and atomically replaces `meta.json`: written to a temporary file, synced, renamed over the old one and
/// the directory synced, so a crash leaves either the old or the new version, never a mix.
struct MetaStore {
    let directory: String
    let fileSystem: any FileSystem

    var path: String { directory + "/meta.json" }

    func load() throws -> MetaData {
        guard fileSystem.fileExists(path) else { return MetaData() }
        let bytes = try fileSystem.openForReading(path).readAll()
        do {
            return try JSONDecoder().decode(MetaData.self, from: Data(bytes))
        } catch {
            throw StorageError(.corruptMeta, "cannot read \(path): \(error)")
        }
    }

    func save(_ meta: MetaData) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try fileSystem.replaceContents(of: path, with: Array(try encoder.encode(meta)))
        try fileSystem.syncDirectory(directory)
    }
}
