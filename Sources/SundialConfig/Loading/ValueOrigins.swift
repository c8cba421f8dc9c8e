/// Remembers where each key's value came from (a file line or an environment variable), so a check that runs
/// after all sources are merged can still point at the right place.
struct ValueOrigins {
    private var origins: [TOMLKeyLocator.Location: ConfigDiagnostic.Origin] = [:]

    mutating func record(_ origin: ConfigDiagnostic.Origin, section: String, index: Int, key: String) {
        origins[TOMLKeyLocator.Location(section: section, index: index, key: key)] = origin
    }

    func origin(section: String, index: Int, key: String) -> ConfigDiagnostic.Origin {
        origins[TOMLKeyLocator.Location(section: section, index: index, key: key)] ?? .unplaced
    }
}
