/// A user of the tasks API (`[auth] enabled`): an admin, or a normal user whose permissions grant privileges on API
/// resources, as Kapacitor's local users do.
struct KapacitorUser: Sendable, Equatable {
    /// Kapacitor's permission names, as the users API takes and shows them.
    enum Permission: String, Sendable, CaseIterable, Codable {
        case none
        case api
        case configAPI = "config_api"
        case writePoints = "write_points"
        case all
    }

    var name: String
    var passwordHash: String
    var isAdmin: Bool
    var permissions: [Permission]

    /// Privileges on API resources (`/api/...`), one bit each; `all` is its own bit, as in Kapacitor.
    struct Privilege: OptionSet, Sendable, Hashable {
        let rawValue: Int
        static let none = Privilege(rawValue: 1)
        static let read = Privilege(rawValue: 2)
        static let write = Privilege(rawValue: 4)
        static let delete = Privilege(rawValue: 8)
        static let all = Privilege(rawValue: 16)

        /// Kapacitor's word for it in a refusal.
        var name: String {
            switch self {
            case .read: "read"
            case .write: "write"
            case .delete: "delete"
            case .all: "all"
            default: "none"
            }
        }
    }

    /// The resources each permission grants, in the order the permissions are listed; `api` leaves `/api/write` and
    /// `/api/config` to their own permissions.
    var privileges: [String: Privilege] {
        var granted: [String: Privilege] = [:]
        for permission in permissions {
            switch permission {
            case .none: continue
            case .api:
                granted["/api"] = .all
                for own in ["/api/write", "/api/config"] where granted[own] == nil { granted[own] = Privilege.none }
            case .configAPI:
                granted["/api/ping"] = .all
                granted["/api/config"] = .all
            case .writePoints:
                granted["/api/ping"] = .all
                granted["/api/write"] = .all
            case .all:
                for resource in ["/api", "/api/config", "/api/write"] { granted[resource] = .all }
            }
        }
        return granted
    }

    /// Whether the user may use `privilege` on `resource` (an absolute, normalized `/api/...` path): admins may do
    /// anything; otherwise the nearest resource the user has privileges on, walking up the path, decides.
    func may(_ privilege: Privilege, on resource: String) -> Bool {
        if isAdmin || privilege == .none { return true }
        let granted = privileges
        var path = Substring(resource)
        while true {
            if let mask = granted[String(path)] { return mask.contains(privilege) || mask == .all }
            guard let slash = path.lastIndex(of: "/"), !path.isEmpty, path != "/" else { return false }
            path = slash == path.startIndex ? "/" : path[..<slash]
        }
    }
}
