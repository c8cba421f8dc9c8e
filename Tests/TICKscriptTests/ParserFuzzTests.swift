import SundialTesting
import Testing

@testable import TICKscript

/// Random and mutated scripts never crash or hang the parser, and every error points inside the script.
@Suite struct ParserFuzzTests {
    static let pieces = Array(" \n|.@()[],=+-*/%<>!~'\"\\:µ0123456789smhdwx_TRUEANDvarlambda:dbrp".unicodeScalars)

    private func check(_ script: String) {
        do {
            _ = try TickParser.parse(script)
        } catch {
            let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(error.position.line >= 1 && error.position.line <= lines.count)
            #expect(error.position.column >= 1 && error.position.column <= lines[error.position.line - 1].count + 2)
        }
    }

    @Test func mutatedScripts() {
        var random = SeededGenerator(seed: 5)
        let seed = Array(ParserTests.alertScript.unicodeScalars)
        for _ in 0..<2000 {
            var scalars = seed
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                let position = Int.random(in: 0..<scalars.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: scalars.remove(at: position)
                case 1: scalars[position] = Self.pieces.randomElement(using: &random)!
                default: scalars.insert(Self.pieces.randomElement(using: &random)!, at: position)
                }
            }
            var script = ""
            script.unicodeScalars.append(contentsOf: scalars)
            check(script)
        }
    }

    @Test func randomScripts() {
        var random = SeededGenerator(seed: 6)
        for _ in 0..<3000 {
            var script = ""
            for _ in 0..<Int.random(in: 0...60, using: &random) { script.unicodeScalars.append(Self.pieces.randomElement(using: &random)!) }
            check(script)
        }
    }
}
