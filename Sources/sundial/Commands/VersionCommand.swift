import ArgumentParser

/// `sundial version`: Sundial's version and the API versions of the products it stands in for.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print Sundial's version and the InfluxDB, Kapacitor and Chronograf API versions it speaks."
    )

    func run() {
        print(SundialVersion.summary)
    }
}
