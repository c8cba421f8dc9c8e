/// An InfluxDB 2.x organization. Sundial has the one made by `/api/v2/setup` and any created after it.
public struct Organization: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    public var createdAt: String
    public var updatedAt: String
}
