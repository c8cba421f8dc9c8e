import Foundation
import SundialConfig
import TaskService

/// The config API's overrides a server with this configuration would apply at start (from `<data-dir>/tasks.sqlite`),
/// so `sundial config` prints and `check-config` checks what `serve` will run with.
struct StoredConfigOverrides {
    let path: String
    let overrides: [ConfigOverride]
    /// Those that no longer apply over the file (the file changed under them), with the reason: `serve` leaves them out.
    let refused: [(id: String, reason: String)]
    /// The configuration with the rest applied.
    let configuration: SundialConfiguration

    init(over file: SundialConfiguration) throws {
        path = URL(fileURLWithPath: file.global.dataDirectory).appendingPathComponent("tasks.sqlite").path
        overrides = file.global.skipConfigOverrides ? [] : try TaskService.storedConfigOverrides(databasePath: path)
        var applied: [ConfigOverride] = []
        var refused: [(String, String)] = []
        var configuration = file
        for override in overrides {
            do {
                configuration = try file.applying(applied + [override])
                applied.append(override)
            } catch {
                refused.append((override.id, error.description))
            }
        }
        self.refused = refused
        self.configuration = configuration
    }

    /// What to say about them: which sections they change, and each that no longer applies.
    var notes: [String] {
        guard !overrides.isEmpty else { return [] }
        let sections = Set(overrides.map(\.section)).sorted().joined(separator: ", ")
        return ["\(overrides.count) config API override(s) stored in \(path) change: \(sections)"]
            + refused.map { "warning: config override \($0.id) no longer applies and is left out: \($0.reason)" }
    }
}
