import Foundation
import GRDB

/// A person who signed in (OAuth), as Chronograf keeps them: unique by name, provider and scheme, a super admin or
/// not, and at most one role per organization.
struct ChronografUser: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "user"

    struct Role: Codable, Equatable {
        var name: String
        var organization: String
    }

    var id: Int64?
    var name: String
    var provider: String
    var scheme = "oauth2"
    var superAdmin = false
    /// The roles as JSON (`[{"name","organization"}]`); `roles` reads and writes them.
    var rolesJSON = "[]"

    var roles: [Role] {
        get { (try? JSONDecoder().decode([Role].self, from: Data(rolesJSON.utf8))) ?? [] }
        set { rolesJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    init(name: String, provider: String, superAdmin: Bool = false, roles: [Role] = []) {
        self.name = name
        self.provider = provider
        self.superAdmin = superAdmin
        self.roles = roles
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func role(in organization: String) -> ControlRole? {
        roles.first { $0.organization == organization }.flatMap { ControlRole(rawValue: $0.name) }
    }
}

/// Chronograf's roles in an organization, each allowing what the ones before it allow.
enum ControlRole: String, Comparable, CaseIterable {
    case member, reader, viewer, editor, admin

    static func < (lhs: ControlRole, rhs: ControlRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
