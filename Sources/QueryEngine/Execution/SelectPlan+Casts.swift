import InfluxQL
import TimeSeries

/// `name::type` in SELECT, as InfluxDB 1.x reads it: the numeric types convert into each other (Go's conversions:
/// `2.7::integer` is 2, `-3::unsigned` wraps); any other cast the stored type cannot take reads nothing, and so do a
/// field cast of a tag, a tag cast of a field, and a string cast of a tag.
extension SelectPlan {
    mutating func read(_ variable: VariableReference) -> Output {
        let stored = fieldTypes[variable.name]
        let isTag = stored == nil && selectableTags.contains(variable.name)
        switch Self.reading(variable.cast, stored: stored, isTag: isTag) {
        case .asStored: return .column(hidden(.raw(variable.name)))
        case .converted(let type): return .expression(.converted(.column(hidden(.raw(variable.name))), type))
        case .nothing: return .column(hidden(.uncastable(variable.name)))
        }
    }

    enum CastReading: Equatable {
        case asStored
        case converted(FieldType)
        case nothing
    }

    static func reading(_ cast: VariableReference.Cast?, stored: FieldType?, isTag: Bool) -> CastReading {
        guard let cast else { return .asStored }
        let numeric: Set<FieldType> = [.float, .integer, .unsigned]
        switch cast {
        case .field: return stored != nil ? .asStored : .nothing
        case .tag: return isTag ? .asStored : .nothing
        case .string: return stored == .string ? .asStored : .nothing
        case .boolean: return stored == .boolean ? .asStored : .nothing
        case .float, .integer, .unsigned:
            let target: FieldType = cast == .float ? .float : cast == .integer ? .integer : .unsigned
            guard let stored, numeric.contains(stored) else { return .nothing }
            return stored == target ? .asStored : .converted(target)
        }
    }
}

extension FieldExpression {
    /// A numeric value as another numeric type, with Go's conversions (floats truncate toward zero).
    static func convert(_ value: ResultValue, to type: FieldType) -> ResultValue {
        switch (value, type) {
        case (.integer(let number), .float): return .float(Double(number))
        case (.unsigned(let number), .float): return .float(Double(number))
        case (.float(let number), .integer): return .integer(Int64(goTruncating: number))
        case (.unsigned(let number), .integer): return .integer(Int64(bitPattern: number))
        case (.float(let number), .unsigned): return .unsigned(goUnsigned(number))
        case (.integer(let number), .unsigned): return .unsigned(UInt64(bitPattern: number))
        default: return value
        }
    }

    /// Go's `uint64(f)` on amd64: below 2^63 through int64, above it offset by 2^63.
    private static func goUnsigned(_ number: Double) -> UInt64 {
        let twoToThe63 = 9_223_372_036_854_775_808.0
        guard number >= twoToThe63 else { return UInt64(bitPattern: Int64(goTruncating: number)) }
        return UInt64(bitPattern: Int64(goTruncating: number - twoToThe63)) ^ (1 << 63)
    }
}
