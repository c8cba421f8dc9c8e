import Alerting
import Foundation
import PipelineSpec
import TimeSeries

/// `|sideload().source('file:///dir').order('{{.host}}.yml', 'default.yml').field('threshold', 0.0).tag('team', 'none')`:
/// fields and tags added to each point from the first file of the order (its templates filled with the point's
/// tags) that has them, converted to the default's type, else the default — Kapacitor's SideloadNode. Only `file`
/// sources (an absolute directory) run; an http source or an httpPost endpoint is refused at start, not ignored.
final class SideloadNode: RuntimeNode {
    private let source: SideloadSource
    private let order: [AlertTemplate]
    private let fields: [(String, FieldValue)]
    private let tags: [(String, String)]

    init(_ spec: PipelineNode, context: TaskContext) throws(TaskStartError) {
        let location = spec.string("source")
        guard let url = URL(string: location), let scheme = url.scheme else {
            throw TaskStartError("\(spec.name): sideload sources from httpPost endpoints are not supported yet (\(location))")
        }
        guard scheme == "file" else {
            guard scheme == "http" || scheme == "https" else {
                throw TaskStartError("\(spec.name): unsupported source scheme \"\(scheme)\", must be 'file', 'http', or 'https'")
            }
            throw TaskStartError("\(spec.name): sideload \(scheme) sources are not supported yet")
        }
        guard url.path.hasPrefix("/") else { throw TaskStartError("\(spec.name): sideload source path must be absolute \"\(url.path)\"") }
        do {
            source = try context.sideloads.source(directory: (url.path as NSString).standardizingPath)
        } catch {
            throw TaskStartError("\(spec.name): \(error)")
        }
        var order: [AlertTemplate] = []
        for case .string(let text) in spec.property("order") ?? [] {
            do { order.append(try AlertTemplate(text)) } catch { throw TaskStartError("\(spec.name): order template \(text): \(error)") }
        }
        self.order = order
        var fields: [(String, FieldValue)] = []
        var tags: [(String, String)] = []
        for call in spec.properties where call.name == "field" || call.name == "tag" {
            guard case .string(let key)? = call.arguments.first, let fallback = call.arguments.last else { continue }
            if call.name == "tag", case .string(let text) = fallback { tags.append((key, text)) }
            if call.name == "field", let value = Self.fieldValue(fallback) { fields.append((key, value)) }
        }
        self.fields = fields
        self.tags = tags
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(var point):
            sideload(&point.fields, &point.tags)
            emit(.point(point))
        case .batch(var batch):
            for index in batch.points.indices {
                var point = batch.points[index]
                sideload(&point.fields, &point.tags)
                batch.points[index] = point
            }
            emit(.batch(batch))
        }
    }

    private func sideload(_ pointFields: inout [String: FieldValue], _ pointTags: inout [String: String]) {
        let data = TemplateValue.map(pointTags.mapValues(TemplateValue.string))
        var files: [String] = []
        for template in order {
            // Kapacitor leaves the point as it is when an order template fails.
            guard let name = try? template.render(data) else { return }
            files.append(name)
        }
        for (key, fallback) in fields {
            pointFields[key] = source.lookup(order: files, key: key).flatMap { Self.converted($0, like: fallback) } ?? fallback
        }
        for (key, fallback) in tags {
            guard let value = source.lookup(order: files, key: key),
                case .string(let text)? = Self.converted(value, like: .string(fallback))
            else {
                pointTags[key] = fallback
                continue
            }
            pointTags[key] = text
        }
    }

    private static func fieldValue(_ value: TickValue) -> FieldValue? {
        switch value {
        case .int(let number): .integer(number)
        case .float(let number): .float(number)
        case .bool(let flag): .boolean(flag)
        case .string(let text): .string(text)
        default: nil
        }
    }

    /// Kapacitor's `convertType`: the file's value as the default's type, or nil when it does not convert.
    static func converted(_ value: SideloadValue, like fallback: FieldValue) -> FieldValue? {
        switch (fallback, value) {
        case (.integer, .number(let number)): Int64(exactly: number).map(FieldValue.integer)
        case (.integer, .string(let text)): Int64(text).map(FieldValue.integer)
        case (.float, .number(let number)): .float(number)
        case (.float, .string(let text)): Double(text).map(FieldValue.float)
        case (.boolean, .bool(let flag)): .boolean(flag)
        case (.boolean, .string(let text)): goBool(text).map(FieldValue.boolean)
        case (.string, .number(let number)): .string(Int64(exactly: number).map(String.init) ?? "\(number)")
        case (.string, .bool(let flag)): .string(flag ? "true" : "false")
        case (.string, .string(let text)): .string(text)
        default: nil
        }
    }

    /// Go's `strconv.ParseBool`.
    private static func goBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }
}
