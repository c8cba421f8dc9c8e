import Testing

@testable import PipelineSpec
@testable import TICKscript

/// Every valid script builds, formats idempotently and keeps its meaning through formatting; together they use
/// every node, property and alert handler of the catalog.
@Suite struct CorpusTests {
    @Test func theCorpusIsLargeEnough() {
        #expect(Corpus.valid.count >= 120)
        #expect(Corpus.invalid.count >= 60)
    }

    @Test(arguments: Corpus.valid)
    func validScriptBuildsAndFormatsIdempotently(_ script: Corpus.Script) throws {
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.build(script: script.text, isTemplate: true)
        } catch {
            Issue.record("\(script.name): \(error)")
            return
        }
        let formatted = try TickFormatter.format(script.text)
        #expect(try TickFormatter.format(formatted) == formatted, "formatting twice changes nothing")
        let reformatted = try Pipeline.build(script: formatted, isTemplate: true)
        #expect(reformatted.dot(name: "t") == pipeline.dot(name: "t"), "formatting keeps the graph")
        #expect(Self.meaning(of: reformatted) == Self.meaning(of: pipeline), "formatting keeps every argument and property")
    }

    /// What a pipeline does, without where its parts were written.
    static func meaning(of pipeline: Pipeline) -> [String] {
        func text(_ values: [TickValue]) -> String { "(" + values.map(\.scriptText).joined(separator: ", ") + ")" }
        return pipeline.nodes.map { node in
            let properties = node.properties.map { "." + $0.name + text($0.arguments) }.joined()
            let handlers = node.handlers.map { handler in
                "." + handler.name + text(handler.arguments) + handler.properties.map { "." + $0.name + text($0.arguments) }.joined()
            }
            return node.name + text(node.arguments) + properties + handlers.joined()
        }
    }

    @Test func theCorpusUsesEveryNodePropertyAndHandler() throws {
        var used: Set<String> = []
        for script in Corpus.valid {
            guard let pipeline = try? Pipeline.build(script: script.text, isTemplate: true) else { continue }
            for node in pipeline.nodes {
                let method = node.definition.method
                used.insert(method)
                for property in node.properties { used.insert("\(method).\(property.name)") }
                for handler in node.handlers {
                    used.insert("alert.\(handler.name)")
                    for property in handler.properties { used.insert("alert.\(handler.name).\(property.name)") }
                }
            }
        }
        var expected: Set<String> = ["stream", "batch", "stats", "noOp"]
        for (method, definition) in NodeCatalog.nodes {
            expected.insert(method)
            // `.quiet()` is the same on every node; using it once covers it.
            for property in definition.properties.keys where property != "quiet" { expected.insert("\(method).\(property)") }
            for (name, handler) in definition.handlers {
                expected.insert("alert.\(name)")
                // `.sendOnce()` (Sundial's) is the same on every handler that sends; using it once covers it.
                for property in handler.properties.keys where property != "sendOnce" { expected.insert("alert.\(name).\(property)") }
            }
        }
        let missing = expected.subtracting(used).sorted()
        #expect(missing.isEmpty, "not used by any corpus script: \(missing.joined(separator: ", "))")
    }

    @Test(arguments: Corpus.invalid)
    func invalidScriptGivesItsExactError(_ script: Corpus.Script) throws {
        let firstLine = script.text.prefix { $0 != "\n" }
        let expected = try #require(
            firstLine.hasPrefix("// error: ") ? String(firstLine.dropFirst(10)) : nil, "\(script.name) names no error")
        do {
            _ = try Pipeline.build(script: script.text)
            Issue.record("\(script.name) built, but should fail with: \(expected)")
        } catch {
            #expect(error.description == expected, "\(script.name)")
            #expect(error.position != nil, "every script error has a position")
        }
    }
}
