/// Options as the outbox stores them with a delivery, each value tagged with its kind (`{"d": 10000000000}` a
/// duration, `{"n": 1}` a number), so a handler made again after a restart gets exactly the options it had.
extension HandlerOptions: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: Value].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

extension HandlerOptions.Value: Codable {
    private enum Tag: String, CodingKey {
        case s, n, b, d, l, o
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Tag.self)
        guard let tag = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an option value without its kind"))
        }
        switch tag {
        case .s: self = .string(try container.decode(String.self, forKey: tag))
        case .n: self = .number(try container.decode(Double.self, forKey: tag))
        case .b: self = .bool(try container.decode(Bool.self, forKey: tag))
        case .d: self = .duration(try container.decode(Int64.self, forKey: tag))
        case .l: self = .list(try container.decode([HandlerOptions.Value].self, forKey: tag))
        case .o: self = .object(try container.decode([String: HandlerOptions.Value].self, forKey: tag))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Tag.self)
        switch self {
        case .string(let text): try container.encode(text, forKey: .s)
        case .number(let number): try container.encode(number, forKey: .n)
        case .bool(let flag): try container.encode(flag, forKey: .b)
        case .duration(let nanoseconds): try container.encode(nanoseconds, forKey: .d)
        case .list(let items): try container.encode(items, forKey: .l)
        case .object(let entries): try container.encode(entries, forKey: .o)
        }
    }
}
