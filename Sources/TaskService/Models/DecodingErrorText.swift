import PipelineSpec

/// A JSON body that does not fit, said with the field it concerns: `vars.x.value: expected a number`.
enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context): "\(path(context)): expected \(name(of: type))"
        case .valueNotFound(let type, let context): "\(path(context)): expected \(name(of: type)), got null"
        case .keyNotFound(let key, let context): "\(path(context, appending: key.stringValue)): missing"
        case .dataCorrupted(let context):
            context.underlyingError.map { "\($0)" }.map { "\(path(context)): \($0)" } ?? "\(path(context)): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context, appending key: String? = nil) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue } + (key.map { [$0] } ?? [])
        return keys.isEmpty ? "body" : keys.joined(separator: ".")
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Int.Type, is Int64.Type: "a number"
        case is Bool.Type: "true or false"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}
