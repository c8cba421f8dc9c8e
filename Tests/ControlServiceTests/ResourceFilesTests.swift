import Foundation
import SundialTesting
import Testing

@testable import ControlService

@Suite struct ResourceFilesTests {
    /// An empty file (which Foundation's file reading leaked 4 KB for, found by Fuzz/ResourceFileFuzzer) or one that is
    /// no JSON object is skipped and named; the rest load.
    @Test func filesThatCannotBeUsedAreNamedAndTheRestLoad() throws {
        let directory = try TemporaryDirectory()
        let files = ["a.src": #"{"id":"1","url":"http://127.0.0.1:8086"}"#, "b.kap": "", "c.org": "[1]"]
        for (name, text) in files { try text.write(toFile: directory.path + "/" + name, atomically: true, encoding: .utf8) }
        let loaded = ResourceFiles.load(directory: directory.path, environment: [:], takenSourceIDs: [])
        #expect(loaded.sources.map(\.id) == [1])
        #expect(
            loaded.problems.sorted() == [
                "skipped \(directory.path)/b.kap: not a JSON object", "skipped \(directory.path)/c.org: not a JSON object",
            ])
    }
}
