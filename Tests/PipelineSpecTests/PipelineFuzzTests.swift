import SundialTesting
import Testing

@testable import PipelineSpec
@testable import TICKscript

/// Corpus scripts mutated at random, and random token soup, never crash or hang the checker; every error has a
/// position inside the script, and whatever parses formats idempotently.
@Suite struct PipelineFuzzTests {
    static let words: [String] = {
        var words = [
            "|", ".", "@", "(", ")", "[", "]", ",", "=", "+", "-", "*", "/", "%", "<", ">=", "==", "!=", "=~", "!", "AND", "OR",
            "lambda:", "var", "dbrp", "TRUE", "FALSE", "stream", "batch", "10s", "0", "1", "1.5", "0644", "'x'", "'''t'''", "\"f\"",
            "/re/", "*", "time(1m)", "sigma(\"v\")", "\n", " ", "//c\n", "x", "data",
        ]
        for (method, definition) in NodeCatalog.nodes {
            words.append(method)
            words += definition.properties.keys
            words += definition.handlers.keys
        }
        return words
    }()

    private func check(_ script: String) {
        do {
            _ = try Pipeline.build(script: script, isTemplate: script.count % 2 == 0)
        } catch {
            let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
            guard let position = error.position else {
                Issue.record("no position for \(error.message) in:\n\(script)")
                return
            }
            #expect(position.line >= 1 && position.line <= lines.count, "\(error) in:\n\(script)")
        }
        if let formatted = try? TickFormatter.format(script) {
            #expect((try? TickFormatter.format(formatted)) == formatted, "formatting is idempotent for:\n\(script)")
        }
    }

    @Test func mutatedCorpusScripts() {
        var random = SeededGenerator(seed: 11)
        let seeds = Corpus.valid.map { $0.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        for _ in 0..<3000 {
            guard var pieces = seeds.randomElement(using: &random) else { return }
            for _ in 0..<Int.random(in: 1...4, using: &random) where !pieces.isEmpty {
                let index = Int.random(in: 0..<pieces.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: pieces.remove(at: index)
                case 1: pieces[index] = Self.words.randomElement(using: &random)!
                default: pieces.insert(Self.words.randomElement(using: &random)!, at: index)
                }
            }
            check(pieces.joined(separator: " "))
        }
    }

    @Test func randomTokenSoup() {
        var random = SeededGenerator(seed: 12)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...40, using: &random)
            check(
                (0..<count).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: Bool.random(using: &random) ? " " : "")
            )
        }
    }
}
