import TimeSeries

/// What a lambda's references resolve against: one point's fields and tags, and its time.
struct LambdaScope {
    var fields: [String: FieldValue]
    var tags: [String: String]
    var time: Int64

    /// A field if there is one, else a tag, else `missing`; a name that is both is an error, as in Kapacitor.
    func resolve(_ name: String) throws(LambdaError) -> LambdaValue {
        if name == "time" { return .time(time) }
        if let field = fields[name] {
            if tags[name] != nil { throw LambdaError("cannot have field and tags with same name \"\(name)\"") }
            return LambdaValue(field)
        }
        if let tag = tags[name] { return .string(tag) }
        return .missing
    }
}
