import ArgumentParser
import Foundation
import InfluxClient
import Storage
import StoreBackup

/// `sundial store backup DIR`: an online backup of a running server's store, streamed over its HTTP API.
struct StoreBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up a running server's store (databases, policies, shards, users, tokens, mappings) into a new directory.",
        discussion: """
            Every value the server acknowledged before the backup began is in it, each shard as it was at one moment, \
            while the server goes on serving. Credentials come from SUNDIAL_USERNAME and SUNDIAL_PASSWORD, or \
            SUNDIAL_TOKEN (never from the command line, where other users could read them); the server wants an admin \
            when auth is on. The directory's layout is described in docs/format/backup.md.
            """
    )

    @Argument(help: ArgumentHelp("A new (or empty) directory for the backup.", valueName: "dir")) var directory: String
    @Option(help: ArgumentHelp("The store's URL.", valueName: "url")) var host = "http://localhost:8086"
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp("Back up only this database (repeatable); users and tokens are then left out.", valueName: "name"))
    var databases: [String] = []
    @Option(help: ArgumentHelp("Only values at or after this time (RFC 3339 or nanoseconds).", valueName: "time")) var since: String?
    @Flag(name: .customLong("skip-verify"), help: "Do not verify the server's TLS certificate.") var skipVerify = false

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            var credentials = InfluxConnection.Credentials.none
            if let token = environment["SUNDIAL_TOKEN"] {
                credentials = .token(token)
            } else if let user = environment["SUNDIAL_USERNAME"] {
                credentials = .basic(user: user, password: environment["SUNDIAL_PASSWORD"] ?? "")
            }
            let connection = InfluxConnection(url: host, credentials: credentials, insecureSkipVerify: skipVerify)
            var receiver = try BackupReceiver(directory: directory) { event in Self.report(event) }
            let query = databases.map { ("db", $0) } + (since.map { [("since", $0)] } ?? [])
            do {
                try await InfluxHTTPClient().download(connection, path: "/sundial/v1/backup", query: query) { try receiver.receive($0) }
            } catch let error as InfluxClientError {
                throw CLIError("backup refused or cut short: \(error)")
            } catch let error as BackupError {
                throw CLIError(error.description)
            }
            do {
                let manifest = try receiver.finish()
                let shards = manifest.shards.filter { $0.file != nil }.count
                print("backed up \(manifest.databases.count) database(s), \(shards) shard(s) with data, into \(directory)")
            } catch let error as BackupError {
                throw CLIError(error.description)
            }
        }
    }

    private static func report(_ event: BackupReceiver.Event) {
        switch event {
        case .started(let manifest):
            let bytes = manifest.files.reduce(0) { $0 + $1.size }
            print("receiving \(manifest.files.count) file(s), \(byteCount(bytes)), of \(manifest.databases.joined(separator: ", "))")
        case .received(let file, let index):
            print("  [\(index + 1)] \(file.name) \(byteCount(file.size))")
        }
    }

    static func byteCount(_ bytes: Int) -> String {
        ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
    }
}

/// `sundial store restore DIR`: a backup into a stopped server's data directory.
struct StoreRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a stopped server's data directory.",
        discussion: """
            Without --database: every database of the backup, and its users, tokens, organizations, buckets and \
            mappings, into a data directory that has none of them. With --database: that one database, under its own \
            name or --new-database's, into any data directory (without its continuous queries and subscriptions when \
            renamed: they would still name the old database).
            """
    )

    @Argument(help: ArgumentHelp("The backup's directory.", valueName: "dir")) var directory: String
    @OptionGroup var location: StoreLocation
    @Option(help: ArgumentHelp("Restore only this database.", valueName: "name")) var database: String?
    @Option(name: .customLong("new-database"), help: ArgumentHelp("Restore it under this name.", valueName: "name"))
    var newDatabase: String?

    func run() throws {
        let restorer: BackupRestorer
        do {
            restorer = try BackupRestorer(directory: directory)
        } catch {
            StoreLocation.note("sundial: \(error)")
            throw ExitCode.failure
        }
        print("restoring a backup of \(restorer.manifest.created) (\(restorer.manifest.databases.joined(separator: ", ")))")
        try location.withStore { engine, access in
            do {
                _ = try restorer.restore(into: engine, access: access, database: database, as: newDatabase) { restored in
                    var line = "  restored \(restored.name): \(restored.shardGroups) shard group(s)"
                    if !restored.keptIDs { line += ", with new shard ids" }
                    if restored.droppedContinuousQueries + restored.droppedSubscriptions > 0 {
                        line +=
                            "; left out \(restored.droppedContinuousQueries) continuous quer(ies), \(restored.droppedSubscriptions) subscription(s)"
                    }
                    print(line)
                }
            } catch let error as BackupError {
                throw StoreCommandError(error.description)
            }
            if database == nil && restorer.manifest.includesAccess { print("  restored users, tokens and mappings") }
        }
    }
}
