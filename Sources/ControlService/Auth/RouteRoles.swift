import HTTPTypes

/// What a signed-in user needs for each `/chronograf/v1` route, as Chronograf 1.10 decides it (reads mostly
/// `reader`, InfluxDB and Kapacitor management `viewer` to read and `editor` to change, organizations and InfluxDB
/// users `admin`, users, mappings, configuration and changes to organizations `superAdmin`). A route not listed needs
/// a super admin: deny by default.
enum RouteRequirement: Equatable {
    /// A valid session and nothing more (`/me`).
    case session
    case role(ControlRole)
    /// An admin of this organization, which must be the user's current one (`/organizations/:oid/users`).
    case organizationAdmin(String)
    case superAdmin

    /// `segments`: the path below `/chronograf/v1`, normalized.
    static func of(_ method: HTTPRequest.Method, _ segments: [Substring]) -> RouteRequirement {
        let reads = method == .get || method == .head
        guard let first = segments.first else { return .session }
        switch first {
        case "me": return .session
        case "env": return .role(.member)
        case "organizations":
            if segments.count >= 3 && segments[2] == "users" { return .organizationAdmin(String(segments[1])) }
            return reads ? .role(.admin) : .superAdmin
        case "sources": return sources(Array(segments.dropFirst()), reads: reads)
        case "dashboards":
            if segments.count >= 3 && segments[2] == "templates" { return reads ? .role(.viewer) : .role(.editor) }
            return reads ? .role(.reader) : .role(.editor)
        case "layouts", "protoboards": return reads ? .role(.viewer) : .superAdmin
        case "org_config": return reads ? .role(.viewer) : .role(.editor)
        case "flux": return reads ? .role(.reader) : .role(.reader)
        default: return .superAdmin
        }
    }

    /// Below `/sources`: the source itself, its queries, InfluxDB management and its Kapacitors.
    private static func sources(_ segments: [Substring], reads: Bool) -> RouteRequirement {
        guard segments.count >= 2 else { return reads ? .role(.reader) : .role(.editor) }
        switch segments[1] {
        case "health", "proxy", "queries": return .role(.reader)
        case "annotations": return reads ? .role(.reader) : .role(.editor)
        case "write", "permissions": return .role(.viewer)
        case "users": return .role(.admin)
        default: return reads ? .role(.viewer) : .role(.editor)
        }
    }
}
