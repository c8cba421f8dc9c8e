import ArgumentParser
import DataDirectory
import Foundation
import Storage

/// `sundial store …`: working with the embedded store's files directly, with no server running.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work with the embedded store's data directory (the server must be stopped), or back up a running one.",
        subcommands: [
            ExportCommand.self, CompactCommand.self, StoreSetupCommand.self, StoreTokenCommand.self, StoreBucketCommand.self,
            StoreBackupCommand.self, StoreRestoreCommand.self,
        ]
    )

    /// Locks the data directory (refusing while a server runs on it) and opens its store, replaying the WAL.
    static func openStore(_ path: String) throws -> (DataDirectory, StorageEngine) {
        let directory: DataDirectory
        do {
            directory = try DataDirectory.open(path: path)
        } catch {
            FileHandle.standardError.write(Data("sundial: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let engine = try StorageEngine(configuration: .init(directory: directory.path(of: "store")))
        for note in engine.recoveryNotes { FileHandle.standardError.write(Data("sundial: \(note)\n".utf8)) }
        return (directory, engine)
    }
}

/// `sundial store export`: every stored value of a database as line protocol, like `influx_inspect export`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print every value of a database as line protocol (one line per series, field and time).",
        discussion: "Reads the data directory of a stopped server: its WAL is replayed first, as at start-up."
    )

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The server's data directory.", valueName: "dir"))
    var dataDirectory = "./sundial-data"

    @Option(help: ArgumentHelp("The database to export.", valueName: "name"))
    var database: String

    func run() throws {
        let (directory, engine) = try StoreCommand.openStore(dataDirectory)
        defer { engine.close() }
        withExtendedLifetime(directory) {}
        do {
            try engine.exportLineProtocol(database: database) { print($0) }
        } catch let error as StorageError {
            FileHandle.standardError.write(Data("sundial: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `sundial store compact`: writes the WAL's data to compressed files and merges each shard's files into one.
struct CompactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Flush the write-ahead log to compressed files and fully compact every shard.",
        discussion: "Reads the data directory of a stopped server. A running server does the same in the background."
    )

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The server's data directory.", valueName: "dir"))
    var dataDirectory = "./sundial-data"

    func run() async throws {
        let (directory, engine) = try StoreCommand.openStore(dataDirectory)
        defer { engine.close() }
        try await engine.flush()
        let shards = try engine.compact(minimumFiles: 2)
        print("flushed the WAL and compacted \(shards) shard(s)")
        withExtendedLifetime(directory) {}
    }
}
