import ArgumentParser
import NIOCore
import NIOPosix

/// The `sundial` command: the TICK stack's store, processing engine and control plane in one program.
@main
struct SundialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sundial",
        abstract: "The TICK stack in one program: an InfluxDB-compatible store, a Kapacitor-compatible processing "
            + "engine and a Chronograf-compatible control plane.",
        discussion: """
            Start everything with `sundial serve`. It listens on :8086 (InfluxDB API), :9092 (Kapacitor API) and \
            :8888 (Chronograf API and web UI), and keeps its state in ./sundial-data unless told otherwise.

            The config file is a superset of kapacitor.conf; `sundial check-config FILE` checks one and \
            `sundial config` prints the configuration a server would run with.
            """,
        version: SundialVersion.summary,
        subcommands: [
            ServeCommand.self, CheckConfigCommand.self, ConfigCommand.self, StoreCommand.self, KapacitorCommand.self, VersionCommand.self,
        ]
    )

    static func main() async {
        // Swift concurrency's jobs run on NIO's event loops instead of a separate pool, so a request's handler runs on
        // the thread that read it and its answer is written without a hop back (docs/PERFORMANCE.md: a /ping 50 µs
        // sooner). Nothing in Sundial blocks a thread waiting for another task, which this would turn into a stall.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
