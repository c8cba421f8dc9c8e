/// A block that cannot be decoded: the bytes are truncated or were not written by the matching encoder.
public struct CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case truncated
        case unknownEncoding(UInt8)
        case corrupt
    }

    public let kind: Kind
    /// Which block type was being decoded ("timestamps", "floats", ...).
    public let block: String

    public init(_ kind: Kind, in block: String) {
        self.kind = kind
        self.block = block
    }

    public var description: String {
        switch kind {
        case .truncated: "\(block) block is truncated"
        case .unknownEncoding(let tag): "\(block) block has unknown encoding \(tag)"
        case .corrupt: "\(block) block is corrupt"
        }
    }
}
