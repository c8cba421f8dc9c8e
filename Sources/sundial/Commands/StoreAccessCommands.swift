import ArgumentParser
import DataDirectory
import Foundation
import Storage
import StoreAccess
import SundialConfig

/// `sundial store setup | token create | bucket create`: InfluxDB 2.x onboarding, API tokens and buckets for the
/// embedded store, made in the data directory of a stopped server (a running one offers the same through
/// `/api/v2/setup`, `/api/v2/authorizations` and `/api/v2/buckets`).
struct StoreSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create the first organization, its first bucket and an operator token (once), as `influx setup` does.",
        discussion: "Prints the operator token; it is not stored and cannot be shown again."
    )

    @OptionGroup var location: StoreLocation
    @Option(help: ArgumentHelp("The organization's name.", valueName: "name")) var org: String
    @Option(help: ArgumentHelp("The first bucket: `db` or `db/rp`.", valueName: "name")) var bucket: String
    @Option(help: ArgumentHelp("The user the token is for; with --password also a 1.x admin user.", valueName: "name"))
    var username = "admin"
    @Option(help: ArgumentHelp("A password for that 1.x admin user.", valueName: "password")) var password: String?
    @Option(help: ArgumentHelp("Use this operator token instead of a random one.", valueName: "token")) var token: String?
    @Option(help: ArgumentHelp("How long the bucket keeps data (`0` = forever).", valueName: "duration")) var retention = "0"

    func run() throws {
        try location.withStore { engine, access in
            let onboarding = try access.onboard(
                username: username, password: password, organization: org, bucket: bucket,
                retentionSeconds: try StoreLocation.seconds(retention), token: token)
            try StoreLocation.provideStorage(for: onboarding.bucket, in: engine)
            StoreLocation.note("organization \(org) (\(onboarding.organization.id)), bucket \(bucket), operator token:")
            print(onboarding.token)
        }
    }
}

struct StoreTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens of the embedded store.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token with read and/or write access to buckets; prints it (shown only this once).")

        @OptionGroup var location: StoreLocation
        @Option(help: ArgumentHelp("The organization (name or id).", valueName: "org")) var org: String
        @Option(help: ArgumentHelp("What the token is for.", valueName: "text")) var description = ""
        @Option(name: .customLong("read-bucket"), help: ArgumentHelp("Allow reading this bucket (repeatable).", valueName: "name"))
        var readBuckets: [String] = []
        @Option(name: .customLong("write-bucket"), help: ArgumentHelp("Allow writing this bucket (repeatable).", valueName: "name"))
        var writeBuckets: [String] = []
        @Flag(help: "Every bucket, read and write, and what a 1.x admin may do.") var `operator` = false

        func run() throws {
            try location.withStore { _, access in
                guard let organization = access.organization(org) else { throw StoreCommandError("no organization \"\(org)\"") }
                var permissions: [APIToken.Permission] = []
                for (names, action) in [(readBuckets, APIToken.Permission.Action.read), (writeBuckets, .write)] {
                    for name in names {
                        guard let bucket = access.bucket(name, orgID: organization.id) else {
                            throw StoreCommandError("no bucket \"\(name)\" in organization \(organization.name)")
                        }
                        permissions.append(.init(action: action, bucketID: bucket.id))
                    }
                }
                guard `operator` || !permissions.isEmpty else {
                    throw StoreCommandError("give --read-bucket, --write-bucket or --operator")
                }
                let (token, secret) = try access.createToken(
                    description: description, orgID: organization.id, permissions: permissions, isOperator: `operator`)
                StoreLocation.note("token \(token.id) for organization \(organization.name):")
                print(secret)
            }
        }
    }
}

struct StoreBucketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bucket", abstract: "Buckets of the embedded store.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a bucket and the database and retention policy it stores in (`db` → db.autogen, `db/rp` → db.rp).")

        @OptionGroup var location: StoreLocation
        @Option(help: ArgumentHelp("The organization (name or id).", valueName: "org")) var org: String
        @Option(help: ArgumentHelp("The bucket's name: `db` or `db/rp`.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("How long the bucket keeps data (`0` = forever, else at least 1h).", valueName: "duration"))
        var retention = "0"

        func run() throws {
            try location.withStore { engine, access in
                guard let organization = access.organization(org) else { throw StoreCommandError("no organization \"\(org)\"") }
                let seconds = try StoreLocation.seconds(retention)
                guard seconds == 0 || seconds >= 3600 else { throw StoreCommandError("a retention must be 0 or at least 1h") }
                let bucket = try access.createBucket(name, orgID: organization.id, retentionSeconds: seconds)
                try StoreLocation.provideStorage(for: bucket, in: engine)
                print("\(bucket.id)\t\(bucket.name)\t\(bucket.database).\(bucket.retentionPolicy)")
            }
        }
    }
}

/// The data directory the store commands work on, and what they share.
struct StoreLocation: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The server's data directory.", valueName: "dir"))
    var dataDirectory = "./sundial-data"

    /// Opens store and access store (refusing while a server runs on the directory) and reports refusals plainly.
    func withStore(_ body: (StorageEngine, AccessStore) throws -> Void) throws {
        let (directory, engine) = try StoreCommand.openStore(dataDirectory)
        defer { engine.close() }
        do {
            try body(engine, try AccessStore(directory: directory.path(of: "store")))
        } catch let error as AccessError {
            FileHandle.standardError.write(Data("sundial: \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch let error as StorageError {
            FileHandle.standardError.write(Data("sundial: \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch let error as StoreCommandError {
            FileHandle.standardError.write(Data("sundial: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        withExtendedLifetime(directory) {}
    }

    static func seconds(_ text: String) throws -> Int64 {
        guard let duration = ConfigDuration(parsing: text), duration.nanoseconds >= 0 else {
            throw StoreCommandError("\"\(text)\" is no duration (examples: 0, 72h, 720h)")
        }
        return duration.nanoseconds / 1_000_000_000
    }

    static func provideStorage(for bucket: Bucket, in engine: StorageEngine) throws {
        let policy = RetentionPolicyInfo(name: bucket.retentionPolicy, duration: bucket.retentionSeconds * 1_000_000_000)
        guard let database = engine.databaseInfo(bucket.database) else {
            return try engine.createDatabase(bucket.database, defaultPolicy: policy)
        }
        if database.retentionPolicy(bucket.retentionPolicy) == nil {
            try engine.createRetentionPolicy(policy, database: bucket.database, makeDefault: false)
        }
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
}

/// A store command that cannot do what was asked, with the reason (`no organization "x"`).
struct StoreCommandError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
