/// The bytes line protocol gives meaning to.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    /// InfluxDB's `isNumeric`: a digit or a decimal point.
    @inline(__always) static func isNumeric(_ byte: UInt8) -> Bool { isDigit(byte) || byte == dot }

    /// What InfluxDB skips at the start of a line and of the field and time sections: space, tab, NUL.
    @inline(__always) static func isSkippable(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == 0 }
}
