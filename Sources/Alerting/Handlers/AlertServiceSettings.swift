public import SundialConfig
import Synchronization

/// The alert-handler services as the file configures them and as the config API's overrides change them: one shared
/// value that handlers read at each send and the config API replaces whole, so a change reaches running tasks without
/// a restart.
public final class AlertServiceSettings: Sendable {
    /// The configuration the file (and environment) gave, which overrides are applied over.
    public let file: SundialConfiguration
    private let state: Mutex<SundialConfiguration>

    public init(_ file: SundialConfiguration) {
        self.file = file
        state = Mutex(file)
    }

    public var current: SundialConfiguration { state.withLock { $0 } }

    /// Applies `overrides` over the file's configuration and makes the result current; on an error nothing changes.
    public func apply(_ overrides: [ConfigOverride]) throws(ConfigOverrideError) {
        let updated = try file.applying(overrides)
        state.withLock { $0 = updated }
    }

    /// The file's configuration with one section's overrides applied: what that section becomes (checked, not made
    /// current).
    public func section(_ section: String, with overrides: [ConfigOverride]) throws(ConfigOverrideError) -> SundialConfiguration {
        try file.applying(overrides.filter { $0.section == section })
    }

    /// Makes `section` of `configuration` current, leaving the other sections as they run.
    public func replace(_ section: String, from configuration: SundialConfiguration) {
        state.withLock { $0 = $0.replacingSection(section, from: configuration) }
    }
}
