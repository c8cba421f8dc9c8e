import Foundation
import Hummingbird
import StoreAccess

/// The JSON documents of InfluxDB 2.x's management API, built from the access store's records. Tokens appear only
/// in the answer that creates them.
enum V2JSON {
    static func organization(_ org: Organization) -> [String: Any] {
        let base = "/api/v2/orgs/\(org.id)"
        return [
            "id": org.id, "name": org.name, "description": org.description, "createdAt": org.createdAt, "updatedAt": org.updatedAt,
            "links": ["self": base, "buckets": "/api/v2/buckets?org=\(org.name)", "members": base + "/members"],
        ]
    }

    static func bucket(_ bucket: Bucket) -> [String: Any] {
        [
            "id": bucket.id, "orgID": bucket.orgID, "type": "user", "name": bucket.name, "description": bucket.description,
            "rp": bucket.retentionPolicy,
            "retentionRules": [
                [
                    "type": "expire", "everySeconds": bucket.retentionSeconds,
                    "shardGroupDurationSeconds": shardGroupSeconds(retentionSeconds: bucket.retentionSeconds),
                ]
            ],
            "createdAt": bucket.createdAt, "updatedAt": bucket.updatedAt, "labels": [] as [Any],
            "links": ["self": "/api/v2/buckets/\(bucket.id)", "org": "/api/v2/orgs/\(bucket.orgID)"],
        ]
    }

    /// The longest retention a bucket can have: its nanoseconds must fit an Int64 (about 292 years).
    static let maximumRetentionSeconds: Int64 = Int64.max / 1_000_000_000

    /// A retention period in seconds from a JSON number (`retentionPeriodSeconds`, `everySeconds`, or hours times
    /// `secondsPerUnit`): 0 (forever) or one hour up to `maximumRetentionSeconds`, else InfluxDB's 422.
    static func retentionSeconds(_ value: Any?, secondsPerUnit: Int64 = 1) throws -> Int64 {
        guard let number = value as? NSNumber else { return 0 }
        let seconds = number.doubleValue * Double(secondsPerUnit)
        guard seconds == 0 || seconds >= 3600 else {
            throw PlatformError(.unprocessable, "expiration seconds must be greater than or equal to one hour")
        }
        guard seconds <= Double(maximumRetentionSeconds) else {
            throw PlatformError(.unprocessable, "expiration seconds must be less than or equal to \(maximumRetentionSeconds)")
        }
        return Int64(seconds.rounded(.towardZero))
    }

    /// InfluxDB's default shard-group duration for a retention period.
    static func shardGroupSeconds(retentionSeconds: Int64) -> Int64 {
        switch retentionSeconds {
        case 0, Int64(180 * 86_400)...: 604_800
        case Int64(2 * 86_400)...: 86_400
        default: 3_600
        }
    }

    static func authorization(_ token: APIToken, organization: Organization?, secret: String? = nil) -> [String: Any] {
        var permissions: [[String: Any]] = token.permissions.map { permission in
            var resource: [String: Any] = ["type": "buckets", "orgID": token.orgID]
            if let id = permission.bucketID { resource["id"] = id }
            return ["action": permission.action.rawValue, "resource": resource]
        }
        if token.isOperator {
            permissions = ["read", "write"].map { ["action": $0, "resource": ["type": "buckets"]] }
        }
        var document: [String: Any] = [
            "id": token.id, "status": "active", "description": token.description, "orgID": token.orgID,
            "org": organization?.name ?? "", "permissions": permissions, "createdAt": token.createdAt, "updatedAt": token.updatedAt,
            "links": ["self": "/api/v2/authorizations/\(token.id)"],
        ]
        if let secret { document["token"] = secret }
        return document
    }

    static func mapping(_ mapping: DBRPMapping) -> [String: Any] {
        [
            "id": mapping.id, "database": mapping.database, "retention_policy": mapping.retentionPolicy, "default": mapping.isDefault,
            "orgID": mapping.orgID, "bucketID": mapping.bucketID, "virtual": mapping.isVirtual,
        ]
    }

    static func response(_ document: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data + [UInt8(ascii: "\n")])))
    }

    /// The request body as a JSON object; anything else is 400 `invalid`.
    static func body(of request: Request) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: 1_000_000)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw PlatformError(.invalid, "request body is not a JSON object")
        }
        return object
    }
}
