import Foundation
import Testing

/// The TICKscript corpus beside these tests: `Corpus/valid/*.tick` must build; each `Corpus/invalid/*.tick`
/// starts with `// error: <line>:<column>: <message>` naming exactly the error it must give.
enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    struct Script: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    static func scripts(_ kind: String) -> [Script] {
        let folder = directory.appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".tick") }.sorted().map { name in
            Script(name: name, text: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
        }
    }

    static let valid = scripts("valid")
    static let invalid = scripts("invalid")
}
