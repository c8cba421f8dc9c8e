import ArgumentParser
import DataDirectory
import Foundation
import Logging
import ServiceLifecycle
import Storage
import SundialConfig
import TaskService

/// `sundial serve`: starts the store, tasks and control services in one process over one data directory.
///
/// Only wiring happens here: configuration is loaded and checked, the data directory locked, logging set up, and
/// the services handed to a `ServiceGroup` that stops them gracefully on SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the store (:8086), tasks (:9092) and control (:8888) services.",
        discussion: """
            Values come from the defaults, then the config file, then the environment, then these flags; \
            later ones win. Stop the server with Ctrl-C or SIGTERM: requests in flight finish and files are \
            closed within 5 seconds. Only one server may use a data directory at a time.
            """
    )

    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup var overrides: ServeOverrides
    @OptionGroup(title: "Connections") var connections: ConnectionOptions
    @Flag(help: "Start no stored task, to fix or disable one that keeps stopping the server.")
    var safeMode = false

    func run() async throws {
        // Every file the server makes (SQLite, WAL, TSM, access.json) is its user's alone.
        umask(0o077)
        let loaded = configFile.load()
        DiagnosticPrinter.printToStandardError(loaded.diagnostics)
        guard !loaded.hasErrors else { throw ExitCode.failure }
        var configuration = loaded.configuration
        try overrides.apply(to: &configuration)
        // Flags can change what the file said: report what the second check finds that the first did not.
        let problems = ConfigLoader.validate(configuration).filter { problem in
            !loaded.diagnostics.contains { $0.subject == problem.subject && $0.message == problem.message }
        }
        DiagnosticPrinter.printToStandardError(problems)
        guard !problems.contains(where: { $0.severity == .error }) else { throw ExitCode.failure }

        let logger = try LoggingSetup.bootstrap(configuration.logging)
        let dataDirectory: DataDirectory
        do {
            dataDirectory = try DataDirectory.open(path: configuration.global.dataDirectory)
        } catch {
            FileHandle.standardError.write(Data("sundial: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let store: EmbeddedStore?
        do {
            store = try ServiceAssembly.openStore(configuration, in: dataDirectory, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("sundial: cannot open the store in \(dataDirectory.path(of: "store")): \(error)\n".utf8))
            throw ExitCode.failure
        }
        defer { store?.engine.close() }
        let assembly: ServiceAssembly
        do {
            assembly = try ServiceAssembly(
                configuration: configuration, dataDirectory: dataDirectory, store: store,
                startupConnections: connections.startupConnections(configuration),
                taskBackend: TaskBackend(configuration: configuration, store: store), isSafeMode: safeMode)
        } catch {
            FileHandle.standardError.write(
                Data("sundial: cannot open the alert topics in \(dataDirectory.path(of: "alerts.sqlite")): \(error)\n".utf8))
            throw ExitCode.failure
        }
        logger.info("Sundial \(SundialVersion.version) starting: \(assembly.summary)")
        let group: ServiceGroup
        do {
            group = ServiceGroup(configuration: try await assembly.groupConfiguration(logger: logger))
        } catch {
            // The services' own files (SQLite, TLS certificates) could not be opened; each error names its file.
            FileHandle.standardError.write(Data("sundial: cannot start: \(error)\n".utf8))
            throw ExitCode.failure
        }
        do {
            try await group.run()
        } catch {
            logger.error("\(error)")
            FileHandle.standardError.write(Data("sundial: \(error)\n".utf8))
            throw ExitCode.failure
        }
        await assembly.taskRunner.stopAll()
        logger.info("Sundial stopped")
        withExtendedLifetime(dataDirectory) {}
    }
}
